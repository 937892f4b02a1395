"""The crates build with the oldest rustc available here (issue 12): they
declare rust-version 1.74, and the vector kernels use only what 1.74 has
(no AVX-512 nor VPCLMULQDQ, whose intrinsics are stable from 1.89: build.rs
leaves those kernels out). Nothing older than
Debian 12's rustc-web 1.85 can be had on this machine; ci/old-rustc.sh
unpacks it beside the current toolchain, and rustup's cargo drives it.
"""

import os
import subprocess

import pytest

from cpu_kernels import cpu_flags
from cpython_build import REPO, build

TARGET_DIR = REPO / "build" / "rustc-1.85" / "target"
# The tests, not the doctests: rustup's rustdoc cannot read the crates'
# dependencies built by this rustc (E0514, for simd-core).
TEST = ["test", "--locked", "--release", "--tests"]


@pytest.fixture(scope="module")
def old_rustc():
    done = subprocess.run(["sh", str(REPO / "ci" / "old-rustc.sh")], capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stderr
    rustc = done.stdout.strip().splitlines()[-1]
    version = subprocess.run([rustc, "--version"], capture_output=True, text=True,
                             check=True).stdout
    assert version.startswith("rustc 1.85."), version
    return rustc


def cargo(rustc, *args, env=None):
    full_env = {**os.environ, "RUSTC": rustc, "CARGO_TARGET_DIR": str(TARGET_DIR),
                **(env or {})}
    full_env.pop("RUSTFLAGS", None)
    return subprocess.run(["cargo", *args], cwd=REPO, env=full_env, capture_output=True,
                          text=True)


def test_kernels_build_and_agree_with_scalar(old_rustc):
    run = cargo(old_rustc, *TEST, "-p", "binascii-core")
    out = run.stdout + run.stderr
    assert run.returncode == 0, out[-6000:]
    for kernel in ("ssse3", "avx2"):
        assert f"kernel {kernel}: " in out and "cases agree with scalar" in out, out[-3000:]
    # The AVX-512 kernels need Rust 1.89: build.rs's probe leaves them out.
    assert ("kernel avx512vbmi: not available here: this build lacks it (its rustc is older "
            "than 1.89") in out, out[-3000:]
    # crc32's VPCLMULQDQ kernels too: AVX2's crc32 folds by PCLMULQDQ.
    assert "crc32 by vpclmulqdq" not in out, out[-3000:]
    assert "kernel avx2: crc32 by pclmulqdq" in out or "pclmulqdq" not in cpu_flags(), \
        out[-3000:]


def test_json_core_kernels_build_and_agree_with_scalar(old_rustc):
    run = cargo(old_rustc, *TEST, "-p", "json-core")
    out = run.stdout + run.stderr
    assert run.returncode == 0, out[-6000:]
    for kernel in ("sse2",):
        assert f"kernel {kernel}: " in out and "cases agree with scalar" in out, out[-3000:]
    # The AVX-512 kernel needs Rust 1.89: build.rs's probe leaves it out.
    assert ("kernel avx512bw: not available here: this build lacks it (its rustc is older "
            "than 1.89") in out, out[-3000:]


def test_the_cpython_archive_builds(old_rustc):
    """The archives (LTO, no_std, the runtime) for a configured 3.13: every
    module's and each shared module's own."""
    b = build("313-rust", make=False)
    src = b.makefile_var("abs_srcdir")
    run = cargo(old_rustc, "build", "--locked", "--release", "-p", "cpython-rust",
                "-p", "cpython-rust-binascii", "-p", "cpython-rust-json",
                env={"CPYTHON_SRCDIR": src, "CPYTHON_BUILDDIR": str(b.dir), "CC": "gcc"})
    assert run.returncode == 0, (run.stdout + run.stderr)[-6000:]
    for name in ("cpython_rust", "cpython_rust_binascii", "cpython_rust_json"):
        assert (TARGET_DIR / "release" / f"lib{name}.a").exists()
