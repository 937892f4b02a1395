"""Cross builds with Debian's cargo and rustc (which have the arm64 standard
library), run in qemu: the fixture through configure --host=aarch64-linux-gnu,
and the binascii algorithms' own check of their portable (non-SSE2) path."""

import os
import subprocess

import pytest

from fixture import REPO, clean_env, configure, make_project
from make_helpers import HOST_OUTPUT, make, missing_tools
from std_sysroot import std_sysroot

TOOLS = ("/usr/bin/cargo", "/usr/bin/rustc", "aarch64-linux-gnu-gcc", "qemu-aarch64-static",
         "/usr/aarch64-linux-gnu/lib")
ELF_MACHINE_AARCH64 = 183


def skip_without_cross_tools():
    missing = missing_tools(*TOOLS)
    if missing:
        pytest.skip(f"cross tools missing: {missing}; install them with `sh ci/install-deps.sh`")


def test_cross_build_runs_under_qemu(tmp_path):
    skip_without_cross_tools()
    tree = make_project(tmp_path)
    env = clean_env(CARGO="/usr/bin/cargo", RUSTC="/usr/bin/rustc")
    result = configure(tree, "--host=aarch64-linux-gnu", "CC=aarch64-linux-gnu-gcc", env=env)
    assert result.returncode == 0, result.stdout
    assert "aarch64-unknown-linux-gnu" in result.stdout, result.stdout

    build = make(tree, "-j2", "V=1")
    assert build.returncode == 0, f"cross build failed:\n{build.stdout}"
    assert "--target aarch64-unknown-linux-gnu" in build.stdout, build.stdout
    header = (tree / "ask").read_bytes()[:20]
    assert int.from_bytes(header[18:20], "little") == ELF_MACHINE_AARCH64, \
        "ask is not an aarch64 program"

    run = subprocess.run(["qemu-aarch64-static", str(tree / "ask"), "1234"], text=True,
                         capture_output=True,
                         env=dict(os.environ, QEMU_LD_PREFIX="/usr/aarch64-linux-gnu"))
    assert run.returncode == 0, run.stderr
    for line in HOST_OUTPUT:
        assert line in run.stdout, run.stdout

    check = make(tree, "rust-check")
    assert check.returncode == 0, check.stdout
    assert "rust-check: skipped" in check.stdout, check.stdout


@pytest.mark.parametrize("gnu, qemu", [("aarch64-linux-gnu", "aarch64"),
                                       ("s390x-linux-gnu", "s390x")])
def test_binascii_core_portable_path_under_qemu(gnu, qemu):
    """a2b_qp scans blocks with SSE2 on x86_64 and word-at-a-time elsewhere:
    the qp_blocks check runs that other path on aarch64, and on s390x, big
    endian (its std from the layer's `cargo xtask build-std`). On aarch64 the
    NEON kernels' op-level and end-to-end checks run too."""
    skip_without_cross_tools()
    target = f"{gnu.split('-')[0]}-unknown-linux-gnu"
    triple = target.upper().replace("-", "_")
    missing = missing_tools(f"{gnu}-gcc", f"qemu-{qemu}-static", f"/usr/{gnu}/lib")
    if missing:
        pytest.skip(f"cross tools missing: {missing}; install them with `sh ci/install-deps.sh`")
    extra = {}
    if qemu == "s390x":
        extra["RUSTFLAGS"] = f"--sysroot {std_sysroot(target)}"
    env = clean_env(RUSTC="/usr/bin/rustc",
                    CARGO_TARGET_DIR=str(REPO / "build" / "cross-target"),
                    **{f"CARGO_TARGET_{triple}_LINKER": f"{gnu}-gcc",
                       f"CARGO_TARGET_{triple}_RUNNER": f"qemu-{qemu}-static -L /usr/{gnu}"},
                    **extra)
    # aarch64 also runs the NEON kernels' checks (release: quicker under qemu)
    tests = ["qp_blocks", *(["kernel_ops", "kernel_paths"] if qemu == "aarch64" else [])]
    run = subprocess.run(["/usr/bin/cargo", "test", "--locked", "--release", "-p",
                          "binascii-core", "--target", target,
                          *[arg for name in tests for arg in ("--test", name)]],
                         cwd=REPO, env=env, text=True, capture_output=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "calls agree with C's loop" in run.stdout, run.stdout
    assert f"{target}/release/deps/qp_blocks" in run.stderr, run.stderr
    if qemu == "aarch64":
        assert "kernel neon: " in run.stdout and "cases agree with the op contracts" in \
            run.stdout, run.stdout
        assert "kernel neon: " in run.stdout and "cases agree with scalar" in run.stdout, \
            run.stdout
        # qemu's default CPU (`max`) has SHA3: crc32 took PMULL with EOR3
        # above; a Neoverse N1 has PMULL without it.
        assert "kernel neon: crc32 by pmull+eor3" in run.stdout, run.stdout
        n1 = subprocess.run(["/usr/bin/cargo", "test", "--locked", "--release", "-p",
                             "binascii-core", "--target", target, "--test", "kernel_ops"],
                            cwd=REPO, env={**env, "QEMU_CPU": "neoverse-n1"}, text=True,
                            capture_output=True)
        assert n1.returncode == 0, n1.stdout + n1.stderr
        assert "kernel neon: crc32 by pmull\n" in n1.stdout and "kernel neon: " in n1.stdout \
            and "cases agree with the op contracts" in n1.stdout, n1.stdout


def test_json_core_neon_kernel_under_qemu():
    """json-core's NEON kernel: its operations against their contracts and
    every public function against the scalar code, on aarch64 under qemu
    (plain mains: libtest's harness hangs under qemu-user here)."""
    skip_without_cross_tools()
    target = "aarch64-unknown-linux-gnu"
    env = clean_env(RUSTC="/usr/bin/rustc",
                    CARGO_TARGET_DIR=str(REPO / "build" / "cross-target"),
                    CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER="aarch64-linux-gnu-gcc",
                    CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUNNER=(
                        "qemu-aarch64-static -L /usr/aarch64-linux-gnu"))
    run = subprocess.run(["/usr/bin/cargo", "test", "--locked", "--release", "-p", "json-core",
                          "--target", target, "--test", "kernel_ops", "--test", "kernel_paths"],
                         cwd=REPO, env=env, text=True, capture_output=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "kernel neon: " in run.stdout, run.stdout
    assert "cases agree with the op contracts" in run.stdout, run.stdout
    assert "cases agree with scalar" in run.stdout, run.stdout
