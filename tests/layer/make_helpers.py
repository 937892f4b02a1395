"""Running make on the fixture project, and watching what it does.

    project = make_project(tmp_path)
    cargo = CargoLog(tmp_path)                # CARGO that logs every call
    configure(project, f"CARGO={cargo.path}")
    result = make(project, "-j4")
    assert result.returncode == 0, result.stdout
"""

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

from fixture import clean_env, real_tool

# One xtask build serves every test's project (Makefile.rust.in's
# RUST_XTASK_TARGET_DIR): compiling it per project would dominate the suite.
SHARED_XTASK_TARGET = Path(os.environ.get("TMPDIR", "/tmp")) / f"rust-layer-xtask-{os.getuid()}"

HOST_OUTPUT = ("impl: rust", "answer: 42", "digit sum of 1234: 10")


def make(build_dir: Path, *args: str, env=None, prefix=()) -> subprocess.CompletedProcess:
    """`make ARGS` in BUILD_DIR (stdout and stderr interleaved).  PREFIX is a
    command to run make under, e.g. ("unshare", "-n")."""
    if env is None:
        env = clean_env(RUST_XTASK_TARGET_DIR=str(SHARED_XTASK_TARGET))
    return subprocess.run([*prefix, "make", *args], cwd=build_dir, env=env,
                          text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def shown_rustflags(flags: str) -> str:
    """How `make V=1` shows RUSTFLAGS reaching the inner cargo: at the end of
    CARGO_ENCODED_RUSTFLAGS (after the driver's path remappings), one flag
    per field, the separator written as bash writes it."""
    return "\\x1f" + "\\x1f".join(flags.split()) + "'"


def run_ask(build_dir: Path, *args: str) -> str:
    """The fixture program's output; fails the test when it fails."""
    done = subprocess.run([str(Path(build_dir) / "ask"), *args], text=True,
                          capture_output=True)
    assert done.returncode == 0, f"./ask {' '.join(args)} failed: {done.stderr}"
    return done.stdout


class CargoLog:
    """A CARGO that appends each call's arguments to a log, then runs the
    real cargo: shows whether make ran cargo at all, and with what."""

    def __init__(self, tmp_path: Path, real: str = None):
        self.log = Path(tmp_path) / "cargo-calls.log"
        self.path = Path(tmp_path) / "cargo-logged"
        self.path.write_text(
            "#!/bin/sh\n"
            f"printf '%s\\n' \"$*\" >> '{self.log}'\n"
            f"exec '{real or real_tool('cargo')}' \"$@\"\n")
        self.path.chmod(0o755)

    def calls(self) -> list:
        return self.log.read_text().splitlines() if self.log.exists() else []


def snapshot(tree: Path) -> dict:
    """{relative path: content hash, or 'dir'} of everything under TREE."""
    result = {}
    for path in sorted(Path(tree).rglob("*")):
        rel = str(path.relative_to(tree))
        if path.is_symlink():
            result[rel] = "link:" + os.readlink(path)
        elif path.is_dir():
            result[rel] = "dir"
        else:
            result[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return result


def diff_snapshots(before: dict, after: dict) -> str:
    """What changed, for an assertion message ('' when nothing did)."""
    added = sorted(set(after) - set(before))
    removed = sorted(set(before) - set(after))
    changed = sorted(k for k in set(before) & set(after) if before[k] != after[k])
    parts = [f"{what}: {names}" for what, names in
             (("added", added), ("removed", removed), ("changed", changed)) if names]
    return "; ".join(parts)


def mtime_ns(path: Path) -> int:
    return Path(path).stat().st_mtime_ns


def touch(path: Path, *outputs: Path):
    """Touch PATH, as an edit would, and make sure each of OUTPUTS is older:
    the kernel's coarse file clock could give a file written a moment ago
    the same mtime, and make compares mtimes only."""
    os.utime(path)
    for output in outputs:
        if mtime_ns(output) >= mtime_ns(path):
            older = mtime_ns(path) - 1_000_000_000
            os.utime(output, ns=(older, older))


def missing_tools(*names: str) -> list:
    return [n for n in names if not (shutil.which(n) or Path(n).exists())]
