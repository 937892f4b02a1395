"""The Rust binascii behaves exactly like CPython's C module, call by call.

For each Rust-built CPython, the C module is compiled from the same source
tree with the same flags (c_module.py) and differential.py, run by the built
interpreter, compares the two on generated calls (results, exception types
and messages, warnings, reference counts, buffer releases) and on the
module's shape (docstrings, signatures, dir(), Error/Incomplete).

The free-threaded and debug variants share their builds with
test_313_variants.py; set RUST_LAYER_DIFF_QUICK=1 to skip them when they are
not built yet (they cost a full CPython build each).
"""

import os
from pathlib import Path

import pytest

from c_module import build_c_binascii
from cpython_build import build

HERE = Path(__file__).resolve().parent
SEED = 20250611
CASES = 20000  # random calls, on top of ~5700 fixed ones and ~186000 (debug: ~28000)
               # exhaustive short inputs: about 10 s per release build
QUICK = os.environ.get("RUST_LAYER_DIFF_QUICK") == "1"

VARIANTS = [
    pytest.param("313-rust", "3.13", [], id="3.13"),
    pytest.param("313-nogil", "3.13", ["--disable-gil"], id="3.13-free-threaded",
                 marks=pytest.mark.skipif(QUICK, reason="RUST_LAYER_DIFF_QUICK=1")),
    pytest.param("313-debug", "3.13", ["--with-pydebug"], id="3.13-debug",
                 marks=pytest.mark.skipif(QUICK, reason="RUST_LAYER_DIFF_QUICK=1")),
    pytest.param("311-rust", "3.11", [], id="3.11"),
    pytest.param("314-rust", "3.14", [], id="3.14"),
    pytest.param("314-nogil", "3.14", ["--disable-gil"], id="3.14-free-threaded",
                 marks=pytest.mark.skipif(QUICK, reason="RUST_LAYER_DIFF_QUICK=1")),
]


def run_differential(b, *extra):
    c_module = build_c_binascii(b)
    # a debug build is slower, and differential.py checks total refcounts there
    debug = "--with-pydebug" in (b.makefile_var("CONFIG_ARGS") or "")
    proc = b.run_python("-X", "faulthandler", HERE / "differential.py", "--c-module", c_module,
                        "--seed", SEED, "--cases", CASES, "--exhaustive", 4 if debug else 5,
                        *extra, check=False, timeout=300)
    return c_module, proc


@pytest.mark.parametrize("name, version, configure_args", VARIANTS)
def test_rust_binascii_matches_the_c_module(name, version, configure_args):
    b = build(name, version=version, configure_args=configure_args)
    c_module, proc = run_differential(b)
    out = proc.stdout + proc.stderr
    if proc.returncode < 0:  # the interpreter crashed: find the call that did it
        _, again = run_differential(b, "--verbose")
        out = again.stdout[-3000:] + again.stderr[-6000:]
        raise AssertionError(f"differential.py crashed (signal {-proc.returncode}):\n{out}")
    assert proc.returncode == 0, f"differences against {c_module}:\n{out[-12000:]}"
    assert " 0 difference(s)" in proc.stdout, out[-4000:]
    assert "calls compared" in proc.stdout


def test_c_module_is_compiled_from_the_same_tree_and_cached():
    b = build("313-rust")
    first = build_c_binascii(b)
    assert first.parent == b.dir / "c-binascii"
    assert first.name == "binascii" + b.makefile_var("EXT_SUFFIX")
    mtime = first.stat().st_mtime_ns
    assert build_c_binascii(b) == first and first.stat().st_mtime_ns == mtime
    commands = (first.parent / "commands.txt").read_text()
    assert "Modules/binascii.c" in commands and "binascii_rust" not in commands
    # the C module is really the C one, and the interpreter's is not it
    out = b.run_python("-c", "import binascii; print(binascii.__file__)").stdout.strip()
    assert Path(out).resolve() != first.resolve()
