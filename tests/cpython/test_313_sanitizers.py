"""CPython 3.13.5 with AddressSanitizer and the Rust binascii: CPython's C
and the Rust crates are both instrumented (nightly rustc's
-Zsanitizer=address; gcc's libasan is the runtime), so an out-of-bounds
access or use-after-free on either side of the FFI is reported.  Rust's std
comes prebuilt and is not instrumented."""

import os
from pathlib import Path

import pytest

from cpython_build import build
from test_313_default import binascii_file, is_rust_binary
from test_differential import run_differential

# CPython's own CI settings for its ASan job: leaks at exit are not bugs here.
ASAN_OPTIONS = "detect_leaks=0:allocator_may_return_null=1:handle_segv=0:abort_on_error=0"


def nightly_rustc():
    home = Path(os.environ.get("RUSTUP_HOME", Path.home() / ".rustup"))
    found = sorted(home.glob("toolchains/nightly-*/bin/rustc"))
    if not found:
        pytest.skip("no nightly toolchain: -Zsanitizer needs one (rustup toolchain install nightly)")
    return str(found[-1])


@pytest.fixture(scope="module")
def asan_build():
    """Every process of these tests runs with ASAN_OPTIONS (the interpreter
    would fail at exit on leak reports otherwise)."""
    saved = os.environ.get("ASAN_OPTIONS")
    os.environ["ASAN_OPTIONS"] = ASAN_OPTIONS
    env = {"RUSTC": nightly_rustc(), "RUSTFLAGS": "-Zsanitizer=address"}
    yield build("313-asan", configure_args=["--with-address-sanitizer", "--without-pymalloc"],
                env=env)
    if saved is None:
        os.environ.pop("ASAN_OPTIONS", None)
    else:
        os.environ["ASAN_OPTIONS"] = saved


def test_the_rust_side_is_instrumented(asan_build):
    path = binascii_file(asan_build)
    assert is_rust_binary(path)
    # the archive the shared module links (libcpython_rust.a is built alike)
    archive = (asan_build.dir / "rust/libcpython_rust_binascii.a").read_bytes()
    assert b"__asan_report_load" in archive, "the Rust archive has no ASan instrumentation"


def test_module_tests_pass_without_a_report(asan_build):
    proc = asan_build.run_python("-m", "test", "test_binascii", "test_base64", "test_json",
                                 check=False)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-4000:]
    assert "AddressSanitizer" not in out, out[-4000:]


def test_differential_passes_without_a_report(asan_build):
    _, proc = run_differential(asan_build)
    out = proc.stdout + proc.stderr
    assert "AddressSanitizer" not in out, out[-6000:]
    assert proc.returncode == 0 and " 0 difference(s)" in proc.stdout, out[-6000:]
