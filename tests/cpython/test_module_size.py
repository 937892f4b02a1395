"""The Rust modules' size budgets (issues 12, 21 and 23): no Rust runtime
in a module, room for vector kernels only, and each shared module holding
only its own code and data (its own archive; the archive of every module
is for built-in modules).

Sizes are deterministic for a given toolchain, so these are hard limits,
unlike timings.  The figures are printed (pytest -s) and recorded in
docs/design.md, "No Rust runtime".
"""

import re
import subprocess

import pytest

from cpython_build import build
from test_313_default import module_file

# The stripped Rust module may be at most this many times the C module:
# issue 12's goal was 2.0x; issue 23 allows 2.5x for vector kernels only:
# without them (the bytes of binascii_core::simd's and simd_core'
# symbols) the module must stay within 2.0x. no_std brought it from 33x to
# 2.37x, leaving core::fmt (reached from panic and error messages) and the
# glue's optimisation for speed; without them it was 1.86x (59,936 bytes
# against 32,248 on x86_64, gcc 12, rustc 1.95), with the AVX-512 kernels
# 1.99x (64,032). The vector constants of its kernels (the archive's
# .rodata.cst16/32 pools, which have no symbols) count with the kernels.
# While the shared module linked the archive of every module (issue 21),
# it carried _json's pools and strings too (76,432 bytes); from its own
# archive, 72,336.
# The file grows in 4 KiB steps (page-aligned segments):
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


# _json (issue 21): the goal is binascii's, 2x the C module. Not met:
# 112,680 bytes stripped against C's 44,712 (2.52x, gcc 12, rustc 1.95).
# From 153,640 (3.44x): no AVX2 kernel (-10.7 KB), the number parser
# outlined, no vector kernels for the escaped length (needed past the
# encoder's worst-case reserve only: -7.6 KB), the encoder's writes into a
# wider buffer out of line (3.07x), then the json crate built for size with
# its loops compiled in json-core, built for speed (-12.3 KB), then one copy
# for all widths of the key memo, the objects' dicts and the numbers'
# conversion (-12.3 KB); then the encoder's own float digits (zmij, +4.9
# KB of code and tables, two pages: 120,872 bytes, 2.70x), which made
# canada.json's dumps 3.3x C's instead of 0.99x-1.01x; then its own
# archive, without binascii's pooled constants and strings (-8 KB). What
# is left is generic over str's three code-unit widths (the scanner's
# skeleton, scanstring, the encoder's writes): a module of this code cut to
# Latin-1 text, SSE2 and its own archive is 88,104 bytes, 1.97x
# (json_size_floor.py; docs/design.md, "The `_json` module"). This ceiling
# keeps it from growing.
JSON_CEILING_RATIO = 2.53


def module_path(b, name="binascii"):
    return b.dir / module_file(b, name)


@pytest.fixture(scope="module")
def rust_module():
    return module_path(build("313-rust"))


@pytest.fixture(scope="module")
def c_module():
    return module_path(build("313-norust", configure_args=["--with-rust=no"]))


@pytest.fixture(scope="module")
def rust_json():
    return module_path(build("313-rust"), "_json")


@pytest.fixture(scope="module")
def c_json():
    return module_path(build("313-norust", configure_args=["--with-rust=no"]), "_json")


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


def vector_constant_pools(build_dir, archive="cpython_rust_binascii"):
    """Bytes of the vector constants (`.rodata.cst16/32/64`) in a Rust
    archive's object: the kernels' masks and tables, which have no symbols.
    The pools are the archive's, one per object: a module linked from the
    archive of every module would carry all of them, the other modules'
    too (with `-Wl,--gc-sections` the linker drops unreached code, not
    parts of a pool), so each shared module has its own archive."""
    path = build_dir / "rust" / f"lib{archive}.a"
    out = subprocess.run(["readelf", "-SW", str(path)], capture_output=True, text=True,
                         check=True).stdout
    # the crates' one LTO object, not compiler_builtins' members
    out = next(part for part in out.split("\nFile: ")
               if f"({archive}-" in part.split("\n")[0])
    return sum(int(m.group(1), 16)
               for m in re.finditer(r"\.rodata\.cst(?:16|32|64)\s+PROGBITS\s+\S+\s+\S+\s+(\S+)",
                                    out))


def test_stripped_rust_module_is_within_budget(rust_module, c_module, tmp_path):
    rust, c = stripped_size(rust_module, tmp_path), stripped_size(c_module, tmp_path)
    groups = kernel_bytes(rust_module)
    groups["vector constants (its kernels')"] = vector_constant_pools(
        build("313-rust").dir)
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


def test_stripped_rust_json_is_within_its_ceiling(rust_json, c_json, tmp_path):
    rust, c = stripped_size(rust_json, tmp_path), stripped_size(c_json, tmp_path)
    kernels = sum(size for name, _, size in symbols(rust_json)
                  if re.match(r"(json_core::simd|simd_core)::", name))
    print(f"stripped _json: Rust {rust} bytes, C {c} bytes, {rust / c:.2f}x; vector kernels "
          f"{kernels} bytes, the rest {rust - kernels} ({(rust - kernels) / c:.2f}x)")
    assert rust <= JSON_CEILING_RATIO * c, (
        f"the stripped Rust _json is {rust} bytes, {rust / c:.2f}x the C module's {c}: over "
        f"its {JSON_CEILING_RATIO}x ceiling; look for what grew with "
        f"`nm -S --size-sort -C {rust_json}`")


def crates_in(path):
    """The Rust crates whose code a module holds (functions: LTO merges
    equal constants under one name, binascii's hex table and json's)."""
    return {m.group(1) for name, kind, _ in symbols(path) if kind in "tT"
            for m in [re.match(r"<?([a-z_]+)::", name)] if m}


def test_each_module_holds_only_its_own_code(rust_module, rust_json):
    """Each shared module links its own archive (and RUST_GC_LDFLAGS keeps
    only what its init function reaches)."""
    binascii, json = crates_in(rust_module), crates_in(rust_json)
    print(f"binascii's crates: {sorted(binascii)}; _json's: {sorted(json)}")
    assert {"binascii", "binascii_core"} <= binascii and not {"json", "json_core"} & binascii
    assert {"json", "json_core"} <= json and not {"binascii", "binascii_core"} & json


def test_each_module_carries_only_its_own_data(rust_module, rust_json, tmp_path):
    """Strings and vector constants are pooled per object, and the linker
    keeps a pool whole: from the archive of every module, each shared module
    carried the other's docstrings, messages and kernel constants (4 KB in
    binascii, 8 KB in _json). Each text below is one module's only."""
    binascii = (tmp_path / "binascii.so")
    json = (tmp_path / "_json.so")
    for path, out in ((rust_module, binascii), (rust_json, json)):
        subprocess.run(["strip", "-o", str(out), str(path)], check=True)
    binascii, json = binascii.read_bytes(), json.read_bytes()
    for own, other, text in ((binascii, json, b"Hexadecimal representation of binary data"),
                             (json, binascii, b"Expecting property name enclosed in double")):
        assert text in own, f"{text!r} is not in its own module: change the test's text"
        assert text not in other, f"{text!r} is in the other module: its archive's data came too"


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
    """binascii and _json built into libpython (Setup.local *static*,
    --enable-shared), with Rust and with C: only libpython is needed from
    the C build."""
    rust = build("313-shared-static", configure_args=["--enable-shared"],
                 setup_local="*static*\nbinascii binascii_rust.c\n_json _json_rust.c\n")
    c = build("313-shared-static-c", configure_args=["--enable-shared", "--with-rust=no"],
              setup_local="*static*\nbinascii binascii.c\n_json _json.c\n", make=False)
    soname = rust.config_var("INSTSONAME")
    c.make(rust.config_var("LDLIBRARY"))
    return rust.dir / soname, c.dir / soname


def test_static_placement_grows_by_no_more_than_the_modules(static_placements, rust_module,
                                                            rust_json, tmp_path):
    rust_lib, c_lib = static_placements
    rust, c = stripped_size(rust_lib, tmp_path), stripped_size(c_lib, tmp_path)
    modules = stripped_size(rust_module, tmp_path) + stripped_size(rust_json, tmp_path)
    print(f"stripped libpython with binascii and _json built in: Rust {rust}, C {c}: "
          f"+{rust - c} bytes (the Rust modules alone: {modules})")
    assert rust - c <= modules, (
        f"libpython with the Rust modules is {rust - c} bytes larger than with the C ones, "
        f"more than the whole Rust modules ({modules}): something besides them came in")
    assert needed(rust_lib) <= needed(c_lib) | {"libz.so.1"}, (
        f"{sorted(needed(rust_lib) - needed(c_lib))} added to libpython")
