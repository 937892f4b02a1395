"""A std for targets Debian ships none for (s390x), built once per rustc by
the layer's opt-in `cargo xtask build-std` into build/rust-sysroot."""

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests" / "cpython"))
from file_lock import locked  # noqa: E402
SYSROOT = REPO / "build" / "rust-sysroot"
RUSTC, CARGO = "/usr/bin/rustc", "/usr/bin/cargo"


def std_sysroot(target):
    """The sysroot holding `target`'s std (pass it as RUSTFLAGS=--sysroot).
    One lock for every target: `build-std` works in the sysroot's one
    `.build` directory, which it empties first, and the CPython and layer
    test streams (ci/test.sh) may each want a target at once."""
    with locked(SYSROOT.parent, "std-sysroot"):
        return _std_sysroot(target)


def _std_sysroot(target):
    stamp = SYSROOT / "lib" / "rustlib" / target / "rustc-version"
    release = subprocess.run([RUSTC, "-vV"], capture_output=True, text=True,
                             check=True).stdout.split("release: ")[1].split()[0]
    # embed-bitcode: since LTO builds of the crates, the std has bitcode
    if not (stamp.exists() and stamp.read_text() == release
            and (stamp.parent / "embed-bitcode").exists()):
        done = subprocess.run(["cargo", "run", "--quiet", "--locked", "-p", "xtask", "--",
                               "build-std", "--target", target, "--out", str(SYSROOT)],
                              cwd=REPO, env={**os.environ, "RUSTC": RUSTC, "CARGO": CARGO},
                              capture_output=True, text=True)
        assert done.returncode == 0, f"cargo xtask build-std failed:\n{done.stderr[-4000:]}"
    return SYSROOT
