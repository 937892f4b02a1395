"""The Rust binascii's size budget (issues 12 and 23): no Rust runtime in
the module, and room for vector kernels only.

Sizes are deterministic for a given toolchain, so these are hard limits,
unlike timings.  The figures are printed (pytest -s) and recorded in
docs/design.md, "No Rust runtime".
"""

import re
import subprocess

import pytest

from cpython_build import build

# The stripped Rust module may be at most this many times the C module:
# issue 12's goal was 2.0x; issue 23 allows 2.5x for vector kernels only:
# without them (the bytes of binascii_core::simd's and simd_core'
# symbols) the module must stay within 2.0x. no_std brought it from 33x to
# 2.37x, leaving core::fmt (reached from panic and error messages) and the
# glue's optimisation for speed; without them it was 1.86x (59,936 bytes
# against 32,248 on x86_64, gcc 12, rustc 1.95), with the AVX-512 kernels
# 1.99x (64,032). The file grows in 4 KiB steps (page-aligned segments):
# docs/design.md, "Where the size goes", whose table lists each kernel's
# bytes (printed here, pytest -s).
BUDGET_RATIO = 2.5
WITHOUT_KERNELS_RATIO = 2.0
# Each kernel's symbols (demangled, first match wins): docs/design.md's
# size table.
KERNEL_GROUPS = [
    ("SSSE3: base64, hex", r"binascii_core::simd::x86::ssse3::"),
    ("AVX2: base64, hex", r"binascii_core::simd::x86::avx2::(?!lines)"),
    ("AVX-512 VBMI: base64, hex", r"binascii_core::simd::x86::avx512::(?!lines)"),
    ("line decoder (AVX2, AVX-512)", r"binascii_core::simd::x86::avx(2|512)::lines"),
    ("crc32 PCLMULQDQ", r"binascii_core::simd::x86::(clmul::|crc32_pclmul)"),
    ("crc32 VPCLMULQDQ 256/512", r"binascii_core::simd::x86::(vpclmul::|crc32_avx)"),
    ("NEON: base64, hex", r"binascii_core::simd::neon::"),
    ("crc32 PMULL", r"binascii_core::simd::pmull::"),
    ("shared: tables, kernel choice, CPU detection", r"(binascii_core::simd|simd_core)::"),
]
# Code and data the link takes from outside the modules' own crates (core,
# alloc, compiler_builtins, the allocator and panic handler): what every
# further module linked on its own would repeat.  std's runtime was ~1 MB;
# core::fmt alone about 6 KB, which nothing may bring back.
RUNTIME_BUDGET = 2 * 1024


def stripped_size(path, tmp_path):
    out = tmp_path / (path.name + ".stripped")
    subprocess.run(["strip", "-o", str(out), str(path)], check=True)
    return out.stat().st_size


def needed(path):
    dynamic = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True,
                             check=True).stdout
    return set(re.findall(r"\(NEEDED\)\s+Shared library: \[(.*?)\]", dynamic))


def module_path(b):
    return b.dir / b.run_python(
        "-c", "import binascii, os; print(os.path.relpath(binascii.__file__))").stdout.strip()


@pytest.fixture(scope="module")
def rust_module():
    return module_path(build("313-rust"))


@pytest.fixture(scope="module")
def c_module():
    return module_path(build("313-norust", configure_args=["--with-rust=no"]))


def symbols(path):
    """(demangled name, type, bytes) of each sized symbol the module defines."""
    out = subprocess.run(["nm", "-S", "-C", "--defined-only", str(path)],
                         capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        fields = line.split(maxsplit=3)
        if len(fields) == 4:
            yield fields[3], fields[2], int(fields[1], 16)


def kernel_bytes(path):
    """Bytes of the vector kernels' code and tables, by KERNEL_GROUPS."""
    groups = {label: 0 for label, _ in KERNEL_GROUPS}
    for name, _, size in symbols(path):
        for label, pattern in KERNEL_GROUPS:
            if re.match(pattern, name):
                groups[label] += size
                break
    return groups


def test_stripped_rust_module_is_within_budget(rust_module, c_module, tmp_path):
    rust, c = stripped_size(rust_module, tmp_path), stripped_size(c_module, tmp_path)
    groups = kernel_bytes(rust_module)
    kernels = sum(groups.values())
    print(f"stripped binascii: Rust {rust} bytes, C {c} bytes, {rust / c:.2f}x; "
          f"vector kernels {kernels} bytes, the rest {rust - kernels} ({(rust - kernels) / c:.2f}x)")
    for label, size in groups.items():
        print(f"  {label}: {size} bytes")
    hint = (f"look for what grew with `nm -S --size-sort -C {rust_module}` (core::fmt, std or "
            f"a large table pulled in?) and see docs/design.md, \"Where the size goes\"")
    assert rust <= BUDGET_RATIO * c, (
        f"the stripped Rust binascii is {rust} bytes, {rust / c:.2f}x the C module's {c}: "
        f"over the {BUDGET_RATIO}x budget; {hint}")
    assert rust - kernels <= WITHOUT_KERNELS_RATIO * c, (
        f"without its vector kernels ({kernels} bytes) the stripped Rust binascii is "
        f"{rust - kernels} bytes, {(rust - kernels) / c:.2f}x the C module's {c}: over the "
        f"{WITHOUT_KERNELS_RATIO}x budget for all but the kernels; {hint}")


def test_rust_module_needs_no_library_the_c_module_does_not(rust_module, c_module):
    rust, c = needed(rust_module), needed(c_module)
    print(f"NEEDED: Rust {sorted(rust)}, C {sorted(c)}")
    assert rust <= c, f"the Rust module adds {sorted(rust - c)} to the C module's {sorted(c)}"


def runtime_bytes(path):
    """Bytes of symbols that come from outside the modules' crates: what a
    second module linked into its own shared extension would carry again."""
    total, parts = 0, {}
    for name, kind, size in symbols(path):
        if kind not in "tTrRdDbB":
            continue
        runtime = re.match(r"<?(core|alloc|compiler_builtins)::|cpython_api::runtime::|"
                           r"__rust|rust_begin_unwind|__rg_|__rdl_|__udivti3|__umodti3", name)
        # core's trait impls for std types: <&str as core::fmt::Display>::fmt
        foreign_impl = re.match(r"<[^>]*? as (core|alloc)::", name)
        if runtime or foreign_impl:
            total += size
            key = (runtime or foreign_impl).group(1) or "other"
            parts[key] = parts.get(key, 0) + size
    return total, parts


def test_a_second_module_would_not_repeat_a_runtime(rust_module):
    """With std, every shared extension made from the archive carried the
    panic runtime and backtrace symbolizer (~1 MB).  no_std leaves only the
    pieces of core/alloc a module calls: this measures them in binascii."""
    total, parts = runtime_bytes(rust_module)
    print(f"runtime-like bytes in binascii: {total} ({parts})")
    assert total <= RUNTIME_BUDGET, (
        f"{total} bytes of core/alloc/runtime code in {rust_module} ({parts}): over "
        f"{RUNTIME_BUDGET}; every further Rust module would repeat them")


@pytest.fixture(scope="module")
def static_placements():
    """binascii built into libpython (Setup.local *static*, --enable-shared),
    with Rust and with C: only libpython is needed from the C build."""
    rust = build("313-shared-static", configure_args=["--enable-shared"],
                 setup_local="*static*\nbinascii binascii_rust.c\n")
    c = build("313-shared-static-c", configure_args=["--enable-shared", "--with-rust=no"],
              setup_local="*static*\nbinascii binascii.c\n", make=False)
    soname = rust.config_var("INSTSONAME")
    c.make(rust.config_var("LDLIBRARY"))
    return rust.dir / soname, c.dir / soname


def test_static_placement_grows_by_no_more_than_the_module(static_placements, rust_module,
                                                           tmp_path):
    rust_lib, c_lib = static_placements
    rust, c = stripped_size(rust_lib, tmp_path), stripped_size(c_lib, tmp_path)
    module = stripped_size(rust_module, tmp_path)
    print(f"stripped libpython with binascii built in: Rust {rust}, C {c}: "
          f"+{rust - c} bytes (the Rust module alone: {module})")
    assert rust - c <= module, (
        f"libpython with the Rust binascii is {rust - c} bytes larger than with the C one, "
        f"more than the whole Rust module ({module}): something besides the module came in")
    assert needed(rust_lib) <= needed(c_lib) | {"libz.so.1"}, (
        f"{sorted(needed(rust_lib) - needed(c_lib))} added to libpython")
