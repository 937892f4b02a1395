"""Module crates are safe code: each carries #![forbid(unsafe_code)] and
the word `unsafe` appears in none of their sources but there. (The
compiler enforces the attribute; this checks that every module crate has
it, and that no comment or string makes the grep in the docs lie.)

Algorithm crates (`*-core`) deny unsafe code too, but their vector
kernels need intrinsics: `unsafe` may appear only in those, each allowing
it where it is declared. (simd-core, the kernels' CPU detection, is one.)
Every other crate is a module crate."""

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SUPPORT = REPO / "rust-support"
# The crates that wrap CPython's C API (docs/design.md, "The Rust API").
API_CRATES = {"cpython-sys", "cpython-api", "cpython-rust"}
# Where an algorithm crate's kernels live (a module and everything below it).
KERNEL_MODULES = {"simd", "byte_mask"}


def crates():
    return sorted(p.parent for p in SUPPORT.glob("*/Cargo.toml")
                  if p.parent.name not in API_CRATES)


def module_crates():
    return [c for c in crates() if not c.name.endswith("-core")]


def algorithm_crates():
    return [c for c in crates() if c.name.endswith("-core")]


def unsafe_lines(src):
    return [(n, line.strip()) for n, line in enumerate(src.read_text().splitlines(), 1)
            if "unsafe" in line]








def test_every_module_crate_forbids_unsafe_code():
    crates = module_crates()
    assert any(c.name == "binascii" for c in crates), crates
    for crate in crates:
        lib = (crate / "src" / "lib.rs").read_text()
        assert "#![forbid(unsafe_code)]" in lib, f"{crate.name}/src/lib.rs lacks the forbid"
        hits = [f"{src.relative_to(REPO)}:{n}: {line}"
                for src in sorted((crate / "src").rglob("*.rs"))
                for n, line in unsafe_lines(src) if line != "#![forbid(unsafe_code)]"]
        assert not hits, "unsafe in a module crate:\n" + "\n".join(hits)


def test_algorithm_crates_keep_unsafe_code_to_their_kernels():
    found = algorithm_crates()
    assert {c.name for c in found} >= {"binascii-core", "json-core"}, found
    for crate in found:
        src = crate / "src"
        lib = (src / "lib.rs").read_text()
        assert "#![deny(unsafe_code)]" in lib, f"{crate.name}/src/lib.rs lacks the deny"
        allowed = re.findall(r"#\[allow\(unsafe_code\)\]\s*(?:pub(?:\(crate\))? )?mod (\w+);", lib)
        stray = set(allowed) - KERNEL_MODULES
        assert not stray, f"{crate.name} allows unsafe code in {stray}, which are not kernels"
        hits = []
        for file in sorted(src.rglob("*.rs")):
            top = file.relative_to(src).parts[0].removesuffix(".rs")
            if top in KERNEL_MODULES:
                continue
            hits += [f"{file.relative_to(REPO)}:{n}: {line}" for n, line in unsafe_lines(file)
                     if file.name != "lib.rs" or not (line.startswith("//")
                                                       or "unsafe_code" in line)]
        assert not hits, f"unsafe outside {crate.name}'s kernels:\n" + "\n".join(hits)
