"""The module in free-threaded builds, under load: eight threads at once
read its state (every binascii.Error comes from it) and a bytearray that
another thread rewrites meanwhile (read through copies, never a Rust
reference to changing memory). No crash, no wrong class, no lost error,
and the GIL stays disabled (Py_MOD_GIL_NOT_USED).

And `_json` (json_threads.py): threads dump shared dicts and lists that
other threads mutate.  No crash and no corrupt text, with outcomes of the
kinds C's `_json` (compiled beside, c_module.py) has in the same run.

The builds are test_differential.py's and test_313_variants.py's.
"""

import json

from pathlib import Path

import pytest

from c_module import build_c_module
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


@pytest.mark.parametrize("name, version", [("313-nogil", "3.13"), ("314-nogil", "3.14")],
                         ids=["3.13t", "3.14t"])
def test_dumps_of_containers_other_threads_mutate(name, version):
    b = build(name, version=version, configure_args=["--disable-gil"])
    c_json = build_c_module(b, "_json", "_json.c")
    runs = {}
    for label, extra in (("Rust", []), ("C", ["--c-module", str(c_json)])):
        proc = b.run_python("-X", "faulthandler", HERE / "json_threads.py", "3000", *extra,
                            check=False, timeout=600)
        out = proc.stdout + proc.stderr
        print(label, out.strip())
        runs[label] = (proc.returncode, out)
    code, out = runs["Rust"]
    assert code == 0, out[-4000:]
    rust = json.loads(out.strip().splitlines()[-1])
    assert rust["gil"] is False, rust
    assert "ok" in rust["kinds"], rust
    # C's _json of these versions takes no critical sections: it may crash
    # here, and then its kinds are unknown.  When it ran, Rust shows none
    # that C did not.
    c_code, c_out = runs["C"]
    if c_code == 0:
        c_kinds = set(json.loads(c_out.strip().splitlines()[-1])["kinds"])
        assert set(rust["kinds"]) <= c_kinds, (rust["kinds"], sorted(c_kinds))
