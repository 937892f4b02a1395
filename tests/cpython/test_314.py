"""The 3.14-era CPython tree (main of 2025-03-17, ../shared/cpython/) with
Rust, on a build host without libclang (cpython_build hides it): the
bindings are the pre-generated sets, checked against the headers by the C
compiler.  CPython's own tests, smelly, and the free-threaded build keeping
the GIL off.  The differential check is in test_differential.py."""

import pytest

from cpython_build import build
from test_313_default import MODULE_TESTS, STDLIB_TESTS, binascii_file, is_rust_binary, module_file

TESTS = [t for t in STDLIB_TESTS if t != "test_zipfile"]


@pytest.fixture(scope="module")
def release():
    return build("314-rust", version="3.14")


def test_binascii_is_the_rust_module_and_bindgen_did_not_run(release):
    assert release.makefile_var("MODULE_BINASCII_SRC") == "binascii_rust.c"
    assert is_rust_binary(binascii_file(release))
    assert is_rust_binary(module_file(release, "_json"))
    release.assert_bindings_source()


def test_the_rust_build_has_no_warnings(release):
    assert release.rust_warnings() == [], release.log.read_text()[-4000:]


def test_stdlib_tests_pass(release):
    proc = release.run_python("-m", "test", "-j2", *TESTS, check=False)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    assert "SUCCESS" in proc.stdout


def test_smelly(release):
    proc = release.make("smelly", check=False)
    assert proc.returncode == 0, release.log.read_text()[-4000:]


def test_free_threaded_build_keeps_the_gil_disabled():
    b = build("314-nogil", version="3.14", configure_args=["--disable-gil"])
    assert is_rust_binary(binascii_file(b))
    b.assert_bindings_source()
    out = b.run_python("-c", "import sys, binascii; print(sys._is_gil_enabled())").stdout
    assert out.strip() == "False"
    # The module's own tests (the whole list runs on the release build; the
    # differential check runs on both).
    proc = b.run_python("-m", "test", "-j2", *MODULE_TESTS, check=False)
    assert proc.returncode == 0, proc.stdout[-4000:]
