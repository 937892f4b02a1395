"""CPython 3.13.5 built with Rust: the Rust binascii and _json, CPython's own
tests, smelly."""

import subprocess

import pytest

from cpython_build import build
from toolenv import cargo_spy

BINASCII_TESTS = ["test_binascii", "test_base64", "test_quopri", "test_email",
                  "test_codecs", "test_zipfile"]
# test_json with its C-accelerator half, and the stdlib tests that use json
# (regrtest itself passes its workers' results as JSON).
JSON_TESTS = ["test_json", "test_tomllib", "test_zoneinfo", "test_sysconfig", "test_import",
              "test_interpreters"]
STDLIB_TESTS = BINASCII_TESTS + JSON_TESTS
# Each module's own tests, for the variants that run only those.
MODULE_TESTS = ["test_binascii", "test_base64", "test_json"]


@pytest.fixture(scope="module")
def rust_build():
    return build("313-rust")


def is_rust_binary(path):
    """rustc leaves `rustc version X` in .comment of every object it emits."""
    out = subprocess.run(["readelf", "-p", ".comment", str(path)],
                         capture_output=True, text=True, check=True).stdout
    return "rustc version" in out


def module_file(b, name):
    """The shared object of module `name` in build `b`."""
    code = f"import {name}; print({name}.__file__)"
    return b.run_python("-c", code).stdout.strip()


def binascii_file(b):
    return module_file(b, "binascii")


def test_json_is_the_rust_module(rust_build):
    assert rust_build.makefile_var("MODULE__JSON_SRC") == "_json_rust.c"
    assert rust_build.makefile_var("MODULE__JSON_LDFLAGS").split()[:2] == [
        "rust/libcpython_rust.a", "rust/libcpython_rust_json.a"]
    assert is_rust_binary(module_file(rust_build, "_json"))
    code = "import json, json.decoder as d; print(d.c_scanstring is not None, json.dumps([1.5, 'é']))"
    assert rust_build.run_python("-c", code).stdout.strip() == 'True [1.5, "\\u00e9"]'


def test_binascii_is_the_rust_module(rust_build):
    assert rust_build.makefile_var("MODULE_BINASCII_SRC") == "binascii_rust.c"
    assert rust_build.makefile_var("MODULE_BINASCII_LDFLAGS").split()[:2] == [
        "rust/libcpython_rust.a", "rust/libcpython_rust_binascii.a"]
    path = binascii_file(rust_build)
    assert "lib-dynload" in path or "build/lib" in path, path
    assert is_rust_binary(path)


def test_the_rust_build_has_no_warnings(rust_build):
    assert rust_build.rust_warnings() == [], rust_build.log.read_text()[-4000:]


def test_stdlib_tests_pass(rust_build):
    proc = rust_build.run_python("-m", "test", "-j2", *STDLIB_TESTS, check=False)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    assert "SUCCESS" in proc.stdout


def test_smelly_with_static_libpython(rust_build):
    assert rust_build.config_var("LDLIBRARY").endswith(".a")
    proc = rust_build.make("smelly", check=False)
    assert proc.returncode == 0, rust_build.log.read_text()[-4000:]


def test_no_op_make_does_not_run_cargo(rust_build, tmp_path):
    log = tmp_path / "cargo.log"
    spy = cargo_spy(tmp_path / "bin", log)
    rust_build.make(f"CARGO={spy}/cargo")
    assert not log.exists(), log.read_text()
