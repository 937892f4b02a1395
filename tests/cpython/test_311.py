"""CPython 3.11.2 built with Rust: the Rust binascii passes CPython's own tests."""

from cpython_build import build
from test_313_default import STDLIB_TESTS, binascii_file, is_rust_binary


def test_311_with_rust_passes_the_stdlib_tests():
    b = build("311-rust", version="3.11")
    assert is_rust_binary(binascii_file(b))
    proc = b.run_python("-m", "test", "-j2", *STDLIB_TESTS, check=False)
    assert proc.returncode == 0, proc.stdout[-4000:]
