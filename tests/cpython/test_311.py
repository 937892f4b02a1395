"""CPython 3.11.2 built with Rust: the Rust binascii and _json pass CPython's
own tests."""

from cpython_build import build
from test_313_default import STDLIB_TESTS, binascii_file, is_rust_binary, module_file

# 3.11 has no test_interpreters (its subinterpreter tests are private).
TESTS = [t for t in STDLIB_TESTS if t != "test_interpreters"]


def test_311_with_rust_passes_the_stdlib_tests():
    b = build("311-rust", version="3.11")
    assert is_rust_binary(binascii_file(b))
    assert is_rust_binary(module_file(b, "_json"))
    proc = b.run_python("-m", "test", "-j2", *TESTS, check=False)
    assert proc.returncode == 0, proc.stdout[-4000:]


def test_the_rust_build_has_no_warnings():
    b = build("311-rust", version="3.11")
    assert b.rust_warnings() == [], b.log.read_text()[-4000:]
