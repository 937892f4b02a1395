"""The module in free-threaded builds, under load: eight threads at once
read its state (every binascii.Error comes from it) and a bytearray that
another thread rewrites meanwhile (read through copies, never a Rust
reference to changing memory). No crash, no wrong class, no lost error,
and the GIL stays disabled (Py_MOD_GIL_NOT_USED).

The builds are test_differential.py's and test_313_variants.py's.
"""

from pathlib import Path

import pytest

from cpython_build import build

HERE = Path(__file__).resolve().parent


@pytest.mark.parametrize("name, version", [("313-nogil", "3.13"), ("314-nogil", "3.14")],
                         ids=["3.13t", "3.14t"])
def test_eight_threads_share_the_module_state(name, version):
    b = build(name, version=version, configure_args=["--disable-gil"])
    proc = b.run_python("-X", "faulthandler", HERE / "threads_on_state.py", "2000",
                        check=False, timeout=600)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-4000:]
    assert "8 threads x 2000 rounds: 0 problems" in proc.stdout, out[-4000:]
