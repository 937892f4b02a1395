"""Command: what the stripped `_json` would weigh without each of its costs.

    python3 tests/cpython/json_size_floor.py [--version 3.13|3.14]

A measurement for docs/design.md ("The `_json` module", size), not a test.
Copies the crates of the suite's Rust-built CPython (cpython_build.py,
build/cpython/313-rust or 314-rust) to its size-floor/ directory, builds
them again with the build's own rule (Makefile.rust, so with the same
flags) after each cut below, one on top of the other, links the archives
into `_json` as its Makefile does (after the archive of every module), and prints the
stripped sizes against the C `_json` of the same tree (c_module.py).

The cuts are not designs: a module cut so reads the text of a cut width as
empty and cannot run. They bound from below what any design without that
part can weigh, with the rest of the module as it is. Each row also
counts the code for wide text (named after u16 or u32, or widening) that
is left, so that the floor is not read as tighter than it is.
"""

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

from c_module import Makefile, build_c_module
from cpython_build import build

ARCHIVE = "rust/libcpython_rust_json.a"
STR_ARMS = "rust-support/json/src/strings.rs"
TWO_ARM = "cpython_api::str::StrData::Two($units) => $body,"
FOUR_ARM = "cpython_api::str::StrData::Four($units) => $body,"


def empty_arm(arm, unit):
    """`with_units!`'s arm for a width, running its body on no text."""
    width = arm.split("(")[0]
    return f"{width}(_) => {{ let $units: &[{unit}] = &[]; $body }}"


# (label, [(file, old text, new text)]), applied in order on the copy.
CUTS = [
    ("as built", []),
    ("and no UCS-2 copies (its text read as UCS-4)", [
        (STR_ARMS, TWO_ARM, empty_arm(TWO_ARM, "u32")),
    ]),
    ("and no AVX-512 kernel (SSE2 only)", [
        ("rust-support/json-core/build.rs", "ac.probe_raw(PROBE).is_ok() =>",
         "ac.probe_raw(PROBE).is_ok() && false =>"),
    ]),
    ("and no UCS-4 copies either (Latin-1 text only)", [
        (STR_ARMS, empty_arm(TWO_ARM, "u32"), empty_arm(TWO_ARM, "u8")),
        (STR_ARMS, FOUR_ARM, empty_arm(FOUR_ARM, "u8")),
    ]),
]


def apply(root, edits):
    for name, old, new in edits:
        path = root / name
        text = path.read_text()
        count = text.count(old)
        if count != 1:
            sys.exit(f"json_size_floor: {name} has {count} copies of {old!r}, not one: the "
                     f"crate changed since this cut was written; update CUTS in {__file__}")
        path.write_text(text.replace(old, new))


def stripped(path, out):
    subprocess.run(["strip", "-o", str(out), str(path)], check=True)
    return out.stat().st_size


def wide_bytes(path):
    """Bytes of functions whose names say they are for wide text: a u16 or
    u32 copy, or a widening of a buffer."""
    out = subprocess.run(["nm", "-S", "-C", "--defined-only", str(path)],
                         capture_output=True, text=True, check=True).stdout
    total = 0
    for line in out.splitlines():
        fields = line.split(maxsplit=3)
        if len(fields) == 4 and fields[2] in "tT" and re.search(r"\bu(16|32)\b|widen", fields[3]):
            total += int(fields[1], 16)
    return total


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--version", choices=["3.13", "3.14"], default="3.13")
    args = parser.parse_args(argv)
    b = build(args.version.replace(".", "") + "-rust", version=args.version)
    mk = Makefile(b.dir / "Makefile")
    work = b.dir / "size-floor"
    src = work / "src"
    # Everything but cargo's target directory afresh, the copies with new
    # times: cargo and the stamps judge freshness by them.
    for stale in work.glob("*"):
        if stale.name != "target":
            shutil.rmtree(stale) if stale.is_dir() else stale.unlink()
    src.mkdir(parents=True)
    c_size = stripped(build_c_module(b, "_json", "_json.c"), work / "c_json.stripped.so")
    tree = Path(b.makefile_var("RUST_ABS_SRCDIR"))
    for name in ("Cargo.toml", "Cargo.lock"):
        shutil.copy(tree / name, src / name)
    for name in ("rust-support", "xtask"):
        shutil.copytree(tree / name, src / name, ignore=shutil.ignore_patterns("target"),
                        copy_function=shutil.copy)
    libs = mk.expand(mk["MODULE__JSON_LDFLAGS"])
    if ARCHIVE not in libs.split():
        sys.exit(f"json_size_floor: MODULE__JSON_LDFLAGS ({libs}) does not name {ARCHIVE}")
    print(f"stripped _json, CPython {args.version}: C {c_size} bytes; the budget (2x) "
          f"{2 * c_size}")
    previous = None
    for index, (label, edits) in enumerate(CUTS):
        apply(src, edits)
        libdir = f"size-floor/lib{index}"
        subprocess.run(["make", f"{libdir}/build.stamp", f"RUST_LIBDIR={libdir}",
                        f"RUST_MANIFEST={src / 'Cargo.toml'}",
                        f"RUST_TARGET_DIR={work / 'target'}"],
                       cwd=b.dir, check=True, stdout=subprocess.DEVNULL)
        module = work / f"_json{index}.so"
        archives = re.sub(r"(?<!\S)rust/(lib\S+\.a)", f"{libdir}/\\1", libs)
        link = f"{mk['BLDSHARED']} Modules/_json_rust.o {archives} {mk['LIBPYTHON']} -o {module}"
        subprocess.run(link, shell=True, cwd=b.dir, check=True)
        size = stripped(module, work / f"_json{index}.stripped.so")
        step = "" if previous is None else f", {size - previous:+d}"
        print(f"  {label}: {size} bytes, {size / c_size:.2f}x{step}; "
              f"{wide_bytes(module)} bytes of code for wide text", flush=True)
        previous = size
    return 0


if __name__ == "__main__":
    sys.exit(main())
