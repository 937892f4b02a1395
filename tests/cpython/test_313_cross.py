"""CPython 3.13.5 cross-built with the Rust binascii for aarch64, armv7,
ppc64le, i686 and s390x, and tested under qemu-user: the module is the Rust
one, test_binascii and test_base64 pass, and so does the differential check
against the C module compiled for the same target. Debian's rustc-web has a
std package for the first four; s390x's std comes from the layer's opt-in
std build (`cargo xtask build-std`), and s390x is the big-endian proof of
binascii-core's word-at-a-time paths.

Set RUST_LAYER_CROSS=aarch64,armv7 to pick architectures (default: all of
cross_cpython.CROSS whose tools are installed).
"""

import os
from pathlib import Path

import pytest

from c_module import build_c_binascii
from cross_cpython import CROSS, cross_build, run_in_qemu, run_test_modules

HERE = Path(__file__).resolve().parent
ELF_MACHINES = {"aarch64": 183, "armv7": 40, "ppc64le": 21, "i686": 3, "s390x": 22}
PICKED = os.environ.get("RUST_LAYER_CROSS", ",".join(CROSS)).split(",")
# Under qemu each call is ~10x slower: fewer random calls than natively.
CASES, EXHAUSTIVE = 20000, 4


def built(arch):
    missing = CROSS[arch].missing()
    if missing:
        pytest.skip(f"{arch}: missing {'; '.join(missing)} (sh ci/install-deps.sh installs them)")
    return cross_build(arch)


@pytest.mark.parametrize("arch", PICKED)
def test_cross_build_has_the_rust_module_and_passes_under_qemu(arch):
    b = built(arch)
    c = CROSS[arch]
    configured = b.log.read_text()
    assert f"checking for the Rust target... {c.rust_target}" in configured
    module = next((b.dir / "build").glob("lib.*/binascii.cpython-313-*.so"))
    header = module.read_bytes()[:20]
    assert int.from_bytes(header[18:20], "big" if arch == "s390x" else "little") == \
        ELF_MACHINES[arch], f"{module} is not a {arch} module"
    # the documented check (docs/cpython.md): rustc's mark in the module
    assert b"rustc version" in module.read_bytes(), f"{module} is not the Rust module"

    for run in run_test_modules(b, arch, ["test_binascii", "test_base64"]):
        out = run.stdout + run.stderr
        assert run.returncode == 0 and ("SUCCESS" in out or "\nOK" in out), out[-6000:]

    c_module = build_c_binascii(b)
    diff = run_in_qemu(b, arch, ["-X", "faulthandler", HERE / "differential.py",
                                 "--c-module", c_module, "--cases", CASES,
                                 "--exhaustive", EXHAUSTIVE])
    out = diff.stdout + diff.stderr
    assert diff.returncode == 0 and " 0 difference(s)" in out, out[-8000:]
