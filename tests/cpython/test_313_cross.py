"""CPython 3.13.5 cross-built with the Rust binascii and _json for every
architecture of cross_cpython.CROSS with a Rust target (aarch64, armv7,
ppc64le, i686, s390x; riscv64, armel, mips64el; the ports x32, sparc64,
powerpc, ppc64; m68k's Rust code does not link: test_313_without_rust.py),
and tested under qemu-user: the modules are the Rust ones, test_binascii,
test_base64 and test_json pass, and so do the differential checks
(differential.py, json_differential.py) against the C modules compiled for
the same target. Debian's rustc-web has a
std package for aarch64, armv7, ppc64le and i686; the others' std comes from
the layer's opt-in std build (`cargo xtask build-std`). s390x, sparc64,
powerpc and ppc64 are the big-endian proofs of binascii-core's
word-at-a-time paths.

`sh ci/test.sh` runs aarch64 (cross_cpython.CROSS's `ci` rows); set
RUST_LAYER_CROSS=armv7,s390x to pick others (ci/platforms.sh does, a row
at a time).
"""

from pathlib import Path

import pytest

from c_module import build_c_binascii, build_c_module
from cross_cpython import CROSS, cross_build, picked, run_in_qemu, run_test_modules

HERE = Path(__file__).resolve().parent
# Under qemu each call is ~10x slower: fewer random calls than natively.
CASES, EXHAUSTIVE = 20000, 4
# _json's differential: a few thousand generated calls after its kept cases
# and test_json corpus (~700 calls/s under qemu-aarch64: ~10 s).
JSON_INPUTS, JSON_SEED = 5000, 20250611


def built(arch):
    missing = CROSS[arch].missing()
    if missing:
        pytest.skip(f"{arch}: missing {'; '.join(missing)} (sh ci/install-deps.sh installs them)")
    return cross_build(arch)


@pytest.mark.parametrize("arch", picked(rust=True))
def test_cross_build_has_the_rust_module_and_passes_under_qemu(arch):
    b = built(arch)
    c = CROSS[arch]
    configured = b.log.read_text()
    assert f"checking for the Rust target... {c.rust_target}" in configured
    for name in ("binascii", "_json"):
        module = next((b.dir / "build").glob(f"lib.*/{name}.cpython-313-*.so"))
        header = module.read_bytes()[:20]
        assert int.from_bytes(header[18:20], "big" if c.big_endian else "little") == \
            c.elf_machine, f"{module} is not a {arch} module"
        # the documented check (docs/cpython.md): rustc's mark in the module
        assert b"rustc version" in module.read_bytes(), f"{module} is not the Rust module"
    if c.cannot_run:
        pytest.skip(f"{arch}: built with the Rust module; not run: {c.cannot_run}")

    for run in run_test_modules(b, arch, ["test_binascii", "test_base64", "test_json"]):
        out = run.stdout + run.stderr
        assert run.returncode == 0 and ("SUCCESS" in out or "\nOK" in out), out[-6000:]

    c_module = build_c_binascii(b)
    diff = run_in_qemu(b, arch, ["-X", "faulthandler", HERE / "differential.py",
                                 "--c-module", c_module, "--cases", CASES,
                                 "--exhaustive", EXHAUSTIVE])
    out = diff.stdout + diff.stderr
    assert diff.returncode == 0 and " 0 difference(s)" in out, out[-8000:]

    c_json = build_c_module(b, "_json", "_json.c")
    diff = run_in_qemu(b, arch, ["-X", "faulthandler", HERE / "json_differential.py",
                                 "--c-module", c_json, "--inputs", JSON_INPUTS,
                                 "--seed", JSON_SEED])
    out = diff.stdout + diff.stderr
    assert diff.returncode == 0, out[-8000:]
    assert " 0 shape difference(s), 0 mismatch(es)" in diff.stdout, out[-4000:]
    assert f"{JSON_INPUTS} generated" in diff.stdout, out[-4000:]
