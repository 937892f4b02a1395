"""Every vector kernel of the Rust binascii gives exactly the C module's
results (issue 12): differential.py with `--vector` (inputs shaped around
every block size, a bad byte at every offset, padding at every position,
newlines at every stride, every one-byte flaw of 64- and 76-column lines,
crc32 at every length up to 4 KiB and chained)
runs once per kernel, each forced with the module's `_PYTHON_BINASCII_KERNEL`
hook, the scalar code included: natively for the x86_64 kernels this CPU
runs, under qemu for aarch64's NEON. Forcing a kernel forces its crc32 path
(cpu_kernels.crc32_path): table, PCLMULQDQ, VPCLMULQDQ on 256 or 512 bits,
PMULL with or without EOR3.
"""

import os
from pathlib import Path

import pytest

from c_module import build_c_binascii
from cpu_kernels import X86_KERNEL_FLAGS as X86_FLAGS, cpu_flags
from cpython_build import build
from cross_cpython import CROSS, cross_build, run_in_qemu

HERE = Path(__file__).resolve().parent
HOOK = "_PYTHON_BINASCII_KERNEL"


@pytest.fixture(scope="module")
def rust_build():
    return build("313-rust")


def hook_env(kernel):
    return {**os.environ, HOOK: kernel}


@pytest.mark.parametrize("kernel", list(X86_FLAGS))
def test_kernel_matches_the_c_module(rust_build, kernel):
    missing = X86_FLAGS[kernel] - cpu_flags()
    if missing:
        pytest.skip(f"this CPU lacks {sorted(missing)}")
    b = rust_build
    c_module = build_c_binascii(b)
    proc = b.run_python("-X", "faulthandler", HERE / "differential.py", "--c-module", c_module,
                        "--vector", "--cases", 2000, env=hook_env(kernel), check=False,
                        timeout=600)
    out = proc.stdout + proc.stderr
    print(out[-400:])
    assert proc.returncode == 0 and " 0 difference(s)" in out, out[-8000:]
    assert f"(kernel: {kernel})" in out, out[-2000:]


def test_the_hook_names_what_this_cpu_runs(rust_build):
    proc = rust_build.run_python("-c", "import binascii", env=hook_env("avx9"), check=False)
    runs = ["scalar"] + [k for k, flags in X86_FLAGS.items() if flags and flags <= cpu_flags()]
    assert proc.returncode != 0
    assert (f"ValueError: {HOOK}=avx9: no such kernel; unset it, or use one of: "
            f"{' '.join(runs)}") in proc.stderr, proc.stderr
    proc = rust_build.run_python("-c", "import binascii", env=hook_env("neon"), check=False)
    assert f"{HOOK}=neon: this CPU or target lacks it" in proc.stderr, proc.stderr


# qemu's `max` CPU has SHA3 (crc32 by PMULL with EOR3), a Neoverse N1 not.
@pytest.mark.parametrize("kernel, cpu", [("neon", "max"), ("neon", "neoverse-n1"),
                                         ("scalar", "max")])
def test_aarch64_kernel_matches_the_c_module_under_qemu(kernel, cpu):
    missing = CROSS["aarch64"].missing()
    if missing:
        pytest.skip(f"aarch64: missing {'; '.join(missing)} (sh ci/install-deps.sh)")
    b = cross_build("aarch64")
    c_module = build_c_binascii(b)
    proc = run_in_qemu(b, "aarch64", ["-X", "faulthandler", HERE / "differential.py",
                                      "--c-module", c_module, "--vector", "--cases", 500],
                       env={HOOK: kernel, "QEMU_CPU": cpu})
    out = proc.stdout + proc.stderr
    print(out[-400:])
    assert proc.returncode == 0 and " 0 difference(s)" in out, out[-8000:]
    assert f"(kernel: {kernel})" in out, out[-2000:]
