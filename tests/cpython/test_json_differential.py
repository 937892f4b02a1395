"""The Rust `_json` behaves exactly like CPython's C module, input by input.

For each Rust-built CPython (3.13, 3.11, 3.14), the C _json is compiled from
the same source tree with the same flags (c_module.py) and
json_differential.py, run by the built interpreter, compares the two: the
module's shape, the kept cases (json_differential_cases.jsonl), every
document and object of the tree's Lib/test/test_json, and generated
scanner, json.loads, encoder and direct calls (json_inputs.py) -- results
with their types, exceptions with their messages, JSONDecodeError's fields,
3.14's notes, the hooks' calls. A module with a planted bug is caught, its
mismatch minimised, kept and replayed. At scale (10^7 inputs):
run_json_differential_scale.py.
"""

import json
import os
import subprocess
from pathlib import Path

import pytest

from c_module import build_c_module
from cpython_build import build

HERE = Path(__file__).resolve().parent
SEED = 20250611
# about 10 s each; 3.14's stack-bound recursion runs ~60000 levels deep, and
# 3.14 notes every level, so its deep inputs cost more
INPUTS = {"3.13": 20000, "3.11": 20000, "3.14": 10000}
BUILDS = [pytest.param("313-rust", "3.13", id="3.13"),
          pytest.param("311-rust", "3.11", id="3.11"),
          pytest.param("314-rust", "3.14", id="3.14")]

# A _json that is the C one but for scanstring's end index after an escaped
# slash: one too far. (Not the scanner: a Python wrapper around it would add
# a level of C recursion, and differ on documents nested to the limit.)
PLANTED_BUG = r'''
import importlib.machinery, importlib.util, os
_path = os.environ["PLANTED_BUG_C_MODULE"]
_spec = importlib.util.spec_from_file_location(
    "_json", _path, loader=importlib.machinery.ExtensionFileLoader("_json", _path))
_c = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_c)
globals().update({k: getattr(_c, k) for k in dir(_c) if not k.startswith("__")})


def scanstring(*args, **kwargs):
    value, end = _c.scanstring(*args, **kwargs)
    return value, end + 1 if "\\/" in args[0][args[1]:end] else end
'''


def c_json(b):
    return build_c_module(b, "_json", "_json.c")


def differential(b, *args, env=None):
    return b.run_python("-X", "faulthandler", HERE / "json_differential.py",
                        "--c-module", c_json(b), *args, env=env, check=False, timeout=600)


@pytest.mark.parametrize("name, version", BUILDS)
def test_rust_json_matches_the_c_module(name, version):
    b = build(name, version=version)
    proc = differential(b, "--seed", SEED, "--inputs", INPUTS[version])
    out = proc.stdout + proc.stderr
    if proc.returncode < 0:  # the interpreter crashed: find the input that did it
        again = differential(b, "--seed", SEED, "--inputs", INPUTS[version], "--verbose")
        raise AssertionError(f"json_differential.py crashed (signal {-proc.returncode}):\n"
                             f"{again.stdout[-3000:]}{again.stderr[-6000:]}")
    assert proc.returncode == 0, f"differences against {c_json(b)}:\n{out[-12000:]}"
    assert " 0 shape difference(s), 0 mismatch(es)" in proc.stdout, out[-4000:]
    assert f"{INPUTS[version]} generated" in proc.stdout


@pytest.mark.parametrize("name, version", BUILDS)
def test_floats_are_written_as_repr_writes_them(name, version):
    """The encoder formats floats itself (json-core's float.rs: zmij's
    shortest digits in repr's layout) where CPython's repr is the short
    one: a million floats of every kind, as values and as keys, are
    float.__repr__'s text (json_floats.py)."""
    b = build(name, version=version)
    proc = b.run_python(HERE / "json_floats.py", "--count", "1000000", "--seed", str(SEED),
                        check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "1000000 floats" in proc.stdout and " 0 differ from repr" in proc.stdout


@pytest.mark.parametrize("name, version", BUILDS)
def test_reference_counts_stay_exact(name, version):
    """Release builds count references inline (cpython-api's refcount.rs,
    each version's Py_INCREF/Py_DECREF): after thousands of loads and
    dumps, mortal objects' counts are back where they were and immortal
    ones' never moved (json_refcounts.py)."""
    b = build(name, version=version)
    proc = b.run_python(HERE / "json_refcounts.py", check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "refcounts exact" in proc.stdout


def json_depths(b):
    proc = b.run_python(HERE / "json_depth.py", "--c-module", c_json(b), check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return json.loads(proc.stdout)


def test_314_nests_as_deep_as_c_on_the_same_stack():
    """3.14's recursion limit for C code is the C stack, so the nesting
    depth at which a document raises RecursionError is set by the stack
    each level takes (json_depth.py bisects both modules in 4 and 8 MiB
    threads). The Rust scanner and encoder must take no more than C's, so
    that they parse and write whatever C's do: the scanner first took 176
    bytes a level against C's 144 (the number parser's buffer on the
    recursive frame) and stopped 10,500 levels short of C; the encoder
    took 224 bytes a nested list against C's 144 (two frames a level,
    `obj`'s and `list`'s, with 3.14's note arguments on them) and 336 a
    nested dict against 256. Deeper than C is what another compiler gives
    C too (json_stack.py)."""
    depths = json_depths(build("314-rust", version="3.14"))
    for shape, c in depths["C"].items():
        rust = depths["Rust"][shape]
        assert rust["bytes_per_level"] <= c["bytes_per_level"] + 1, (
            f"{shape}: the Rust module takes {rust['bytes_per_level']:.0f} bytes of C stack "
            f"a nesting level, C's {c['bytes_per_level']:.0f}: see what the recursive "
            f"frames of rust-support/json/src/scanner.rs or encoder.rs inline "
            f"(objdump -d --no-show-raw-insn -C on the module, `sub $N,%rsp`)")
        # the first call's frames may differ by a few levels' worth
        assert rust["depth_8MiB"] >= c["depth_8MiB"] - c["depth_8MiB"] // 1000, depths


def test_314_stack_bound_outcomes_are_told_apart(tmp_path):
    """A document nested between the two modules' limits is a
    RecursionError from one and not the other: counted as stack-bound, not
    as a mismatch (json_differential.py, json_stack.py)."""
    b = build("314-rust", version="3.14")
    arrays = json_depths(b)
    low, high = sorted(arrays[m]["arrays"]["depth_8MiB"] for m in ("C", "Rust"))
    if high - low < 2000:
        pytest.skip(f"the modules' limits are {low} and {high}: no band to test")
    cases = tmp_path / "cases.jsonl"
    depth = (low + high) // 2
    doc = "[" * depth + "1" + "]" * depth
    cases.write_text(json.dumps({"found": "test", "input": {"f": "loads", "doc": doc,
                                                           "opts": {}}}) + "\n")
    proc = differential(b, "--inputs", 0, "--cases-file", cases)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-4000:]
    assert "0 mismatch(es); 1 stack-bound" in proc.stdout, out[-4000:]


@pytest.mark.parametrize("name, version", BUILDS)
def test_the_interpreters_json_is_the_rust_module(name, version):
    """Else the differential above compares the C module with itself."""
    b = build(name, version=version)
    path = b.run_python("-c", "import _json; print(getattr(_json, '__file__', ''))").stdout.strip()
    assert path, f"{name}: _json is built into the interpreter"
    assert Path(path).resolve() != c_json(b).resolve()
    comment = subprocess.run(["readelf", "-p", ".comment", path], capture_output=True,
                             text=True).stdout
    assert "rustc" in comment, f"{name}: {path} is the C module (no rustc in its .comment)"


def test_c_module_is_compiled_from_the_same_tree_and_cached():
    b = build("313-rust")
    first = c_json(b)
    assert first.parent == b.dir / "c-_json"
    assert first.name == "_json" + b.makefile_var("EXT_SUFFIX")
    mtime = first.stat().st_mtime_ns
    assert c_json(b) == first and first.stat().st_mtime_ns == mtime
    commands = (first.parent / "commands.txt").read_text()
    assert "Modules/_json.c" in commands and "rust" not in commands.split("-c ")[0]


def test_a_planted_mismatch_is_minimised_kept_and_replayed(tmp_path):
    b = build("313-rust")
    module = tmp_path / "planted_bug.py"
    module.write_text(PLANTED_BUG)
    cases = tmp_path / "cases.jsonl"
    env = {**os.environ, "PLANTED_BUG_C_MODULE": str(c_json(b))}
    proc = differential(b, "--inputs", 10000, "--seed", 5, "--module", module,
                        "--cases-file", cases, env=env)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1 and "new case(s) kept" in out, out[-6000:]
    kept = [json.loads(line)["input"] for line in cases.read_text().splitlines()]
    # every mismatch comes down to the escaped slash and the closing quote
    assert kept and all(k["f"] == "call" and k["name"] == "scanstring"
                        and k["args"][0][k["args"][1]:] == '\\/"' for k in kept), \
        cases.read_text()
    # the next run replays them first, and keeps no duplicate
    again = differential(b, "--inputs", 0, "--module", module, "--cases-file", cases, env=env)
    assert again.returncode == 1, again.stdout[-3000:] + again.stderr[-3000:]
    assert f"{len(kept)} kept case(s) replayed" in again.stdout
    assert again.stdout.count("DIFF (kept case, minimised) {'args': [") == len(kept)
    assert len(cases.read_text().splitlines()) == len(kept)


def test_the_kept_cases_file_parses():
    import _json

    from json_cases import DEFAULT, load
    load(_json, DEFAULT)  # a committed case that does not parse fails here, not in a build
