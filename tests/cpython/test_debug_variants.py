"""The debug builds of 3.11 and 3.14 (3.13's is test_313_variants.py's, in
CI): both Rust modules' tests pass with `-R 3:3`, no reference leaks.

Two more CPython builds (about 4 minutes each here with ccache warm, twice
that cold): CI skips them unless RUST_LAYER_DEBUG_VARIANTS=1 (README).
"""

import os

import pytest

from cpython_build import build
from test_313_default import MODULE_TESTS, binascii_file, is_rust_binary, module_file

pytestmark = pytest.mark.skipif(os.environ.get("RUST_LAYER_DEBUG_VARIANTS") != "1",
                                reason="two debug builds; run with RUST_LAYER_DEBUG_VARIANTS=1")


@pytest.mark.parametrize("name, version", [("311-debug", "3.11"), ("314-debug", "3.14")],
                         ids=["3.11", "3.14"])
def test_debug_build_has_no_reference_leaks(name, version):
    b = build(name, version=version, configure_args=["--with-pydebug"])
    assert b.makefile_var("RUST_PROFILE") == "debug"
    assert is_rust_binary(binascii_file(b)) and is_rust_binary(module_file(b, "_json"))
    proc = b.run_python("-m", "test", "-R", "3:3", *MODULE_TESTS, check=False, timeout=1800)
    assert proc.returncode == 0, proc.stdout[-4000:]
    assert "leaked" not in proc.stdout
