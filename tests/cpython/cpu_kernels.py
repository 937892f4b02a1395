"""Which binascii kernels this CPU runs, read from /proc/cpuinfo: one list
for the kernel tests and the vector benchmark, mirroring what
rust-support/simd-core checks."""

import platform
import re
from pathlib import Path

# What /proc/cpuinfo must list for each x86_64 kernel, worst first.
X86_KERNEL_FLAGS = {
    "scalar": set(),
    "ssse3": {"ssse3"},
    "avx2": {"avx2"},
    "avx512vbmi": {"avx512f", "avx512bw", "avx512vbmi", "avx512_vbmi2", "popcnt"},
}


def cpu_flags():
    """The CPU's feature flags (x86's `flags`, aarch64's `Features`)."""
    text = Path("/proc/cpuinfo").read_text()
    found = re.search(r"^(flags|Features)\s*:(.*)$", text, re.M)
    return set(found.group(2).split()) if found else set()


def best_kernel(flags):
    """The kernel the module picks by itself on this CPU."""
    if platform.machine() == "aarch64":
        return "neon"
    return [k for k, needs in X86_KERNEL_FLAGS.items() if needs <= flags][-1]


def crc32_path(kernel, flags):
    """The Rust crc32's path with `kernel` forced on this CPU: each kernel
    takes the widest carry-less multiply the CPU has up to its register
    width (binascii-core/src/simd/x86/mod.rs, pmull.rs)."""
    if kernel == "scalar":
        return "table"
    if kernel == "neon":
        if "pmull" not in flags:
            return "table"
        return "pmull+eor3" if "sha3" in flags else "pmull"
    if kernel == "avx512vbmi" and {"vpclmulqdq", "avx512f"} <= flags:
        return "vpclmulqdq-512"
    if kernel in ("avx2", "avx512vbmi") and {"vpclmulqdq", "avx2"} <= flags:
        return "vpclmulqdq-256"
    return "pclmulqdq" if {"pclmulqdq", "sse4_1"} <= flags else "table"
