"""Module crates are safe code: each carries #![forbid(unsafe_code)] and
the word `unsafe` appears in none of their sources but there. (The
compiler enforces the attribute; this checks that every module crate has
it, and that no comment or string makes the grep in the docs lie.)"""

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SUPPORT = REPO / "rust-support"
# The crates that may hold unsafe code (docs/design.md, "The Rust API").
UNSAFE_ALLOWED = {"cpython-sys", "cpython-api", "cpython-rust", "binascii-core"}


def module_crates():
    return sorted(p.parent for p in SUPPORT.glob("*/Cargo.toml")
                  if p.parent.name not in UNSAFE_ALLOWED)


def test_every_module_crate_forbids_unsafe_code():
    crates = module_crates()
    assert any(c.name == "binascii" for c in crates), crates
    for crate in crates:
        lib = (crate / "src" / "lib.rs").read_text()
        assert "#![forbid(unsafe_code)]" in lib, f"{crate.name}/src/lib.rs lacks the forbid"
        hits = [f"{src.relative_to(REPO)}:{n}: {line.strip()}"
                for src in sorted((crate / "src").rglob("*.rs"))
                for n, line in enumerate(src.read_text().splitlines(), 1)
                if "unsafe" in line and line.strip() != "#![forbid(unsafe_code)]"]
        assert not hits, "unsafe in a module crate:\n" + "\n".join(hits)
