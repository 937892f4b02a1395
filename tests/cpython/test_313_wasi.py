"""CPython 3.13.5 for WASI (wasm32-wasip1, PEP 11 tier 2) with the Rust
binascii and _json, built from Debian and PyPI packages alone
(wasi_cpython.py) and run under wasmtime: the modules are the Rust ones,
test_binascii, test_base64 and test_json pass, and so do the differential
checks (differential.py, json_differential.py) against the C modules built
into the same interpreter."""

from pathlib import Path

import pytest

from cpython_build import BINDGEN
from wasi_cpython import (C_BUILTIN, JSON_C_BUILTIN, RUST_TARGET, missing, run_wasm,
                          wasi_build)

HERE = Path(__file__).resolve().parent
# wasmtime runs the interpreter about as fast as qemu-user does: the cross
# builds' counts.
CASES, EXHAUSTIVE = 20000, 4
# _json's differential runs ~2500 calls/s here (~4x qemu-aarch64): as many
# generated calls as natively (test_json_differential.py), in ~10 s. They
# include documents and objects nested far beyond WASI's C recursion limit
# (5000, not 10000): both modules stop there, well within wasmtime's stack.
JSON_INPUTS, JSON_SEED = 20000, 20250611


@pytest.fixture(scope="module")
def wasi():
    need = missing()
    if need:
        pytest.skip(f"WASI: missing {'; '.join(need)} (sh ci/install-deps.sh installs them)")
    return wasi_build()


def test_wasi_build_has_the_rust_module(wasi):
    configured = wasi.log.read_text()
    assert f"checking for the Rust target... {RUST_TARGET}" in configured
    wasm = (wasi.dir / "python.wasm").read_bytes()
    assert wasm[:4] == b"\0asm", "python.wasm is not a WebAssembly module"
    # wasm-ld keeps each input's producer in the `producers` section: rustc's
    # name is there only when Rust code was linked in.
    assert b"rustc" in wasm, "python.wasm has no Rust code"
    makefile = (wasi.dir / "Makefile").read_text()
    for name, rust_object in (("BINASCII", "binascii_rust.o"), ("_JSON", "_json_rust.o")):
        assert wasi.makefile_var(f"MODULE_{name}_STATE") == "yes"
        assert rust_object in makefile


def test_the_rust_build_has_no_warnings(wasi):
    """wasm32 has no CPU detection: cfgs that clippy on x86_64 never sees."""
    assert wasi.rust_warnings() == [], wasi.log.read_text()[-4000:]


def test_the_bindings_were_checked_for_wasi_not_for_the_build_machine(wasi):
    """The layout check (cpython-sys) is compiled by $CC for wasm32, against
    the headers WASI's build uses.  With bindgen (RUST_LAYER_BINDGEN=1), the
    layer hands it the sysroot of $CC (BINDGEN_EXTRA_CLANG_ARGS_<target>):
    every system header the bindings came from is wasi-libc's."""
    out_dirs = list((wasi.dir / "rust" / "target" / RUST_TARGET).glob(
        "release/build/cpython-sys-*/out"))
    check = [d / "layout_check.o" for d in out_dirs if (d / "layout_check.o").exists()]
    assert check and check[0].read_bytes()[:4] == b"\0asm", \
        f"the layout check was not compiled for wasm32: {check}"
    if not BINDGEN:
        return
    output = next((wasi.dir / "rust" / "target" / RUST_TARGET).glob(
        "release/build/cpython-sys-*/output")).read_text()
    headers = [line.split("=", 1)[1] for line in output.splitlines()
               if line.startswith("cargo:rerun-if-changed=") and line.endswith(".h")]
    # libclang's own headers (stddef.h, ...) live in its resource directory
    tree = str(wasi.dir.parents[1])
    libc = [h for h in headers if "/lib/clang/" not in h and not h.startswith(tree)]
    assert libc and all("/wasi-sysroot/" in h for h in libc), libc[:20]


def test_wasi_stdlib_tests_pass_under_wasmtime(wasi):
    run = run_wasm(wasi, ["-m", "test", "test_binascii", "test_base64", "test_json"])
    out = run.stdout + run.stderr
    assert run.returncode == 0 and "SUCCESS" in out, out[-6000:]


def test_wasi_differential_against_the_built_in_c_module(wasi):
    diff = run_wasm(wasi, ["/rust-tests/differential.py", "--c-builtin", C_BUILTIN,
                           "--cases", CASES, "--exhaustive", EXHAUSTIVE],
                    extra_dirs=[(HERE, "/rust-tests")])
    out = diff.stdout + diff.stderr
    assert diff.returncode == 0 and " 0 difference(s)" in out, out[-8000:]


def test_wasi_json_differential_against_the_built_in_c_module(wasi):
    diff = run_wasm(wasi, ["/rust-tests/json_differential.py", "--c-builtin", JSON_C_BUILTIN,
                           "--inputs", JSON_INPUTS, "--seed", JSON_SEED],
                    extra_dirs=[(HERE, "/rust-tests")])
    out = diff.stdout + diff.stderr
    assert diff.returncode == 0, out[-8000:]
    assert "under test: _json (built in)" in diff.stdout, out[-4000:]
    assert " 0 shape difference(s), 0 mismatch(es)" in diff.stdout, out[-4000:]
    assert f"{JSON_INPUTS} generated" in diff.stdout, out[-4000:]
