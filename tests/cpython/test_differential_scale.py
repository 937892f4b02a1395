"""The differential at scale (differential_scale.py): the Rust module shows no
mismatch on generated calls, and a module with a planted bug is caught, its
mismatch minimised, kept, and replayed by both differential scripts.
"""

import json
import os
import subprocess
from pathlib import Path

from c_module import build_c_binascii
from cpython_build import applied_source, build

HERE = Path(__file__).resolve().parent
CORPUS = ("Lib", "test", "test_email", "data")

# A binascii that is the C one but for quoted-printable soft breaks after a space.
PLANTED_BUG = '''
import os
from differential import load_c_module
_c = load_c_module(os.environ["PLANTED_BUG_C_MODULE"])
globals().update({k: getattr(_c, k) for k in dir(_c) if not k.startswith("__")})


def a2b_qp(data, header=False):
    out = _c.a2b_qp(data, header=header)
    return out + b"!" if b" =\\r\\n" in bytes(data) else out
'''


def scale(version, *args, env=None):
    b = build(version.replace(".", "") + "-rust", version=version)
    c_module = build_c_binascii(b)
    corpus = applied_source(version).joinpath(*CORPUS)
    proc = subprocess.run([str(b.python), HERE / "differential_scale.py", "--c-module", c_module,
                           "--corpus", corpus, "--jobs", "2", *map(str, args)], cwd=HERE,
                          env={**os.environ, **(env or {}), "PLANTED_BUG_C_MODULE": str(c_module)},
                          capture_output=True, text=True, timeout=600)
    return b, c_module, proc


def test_the_rust_module_matches_on_a_million_generated_calls(tmp_path):
    for version in ("3.13", "3.11"):
        _, _, proc = scale(version, "--inputs", "1e6", "--seed", 7,
                           "--cases-file", tmp_path / "cases.jsonl")
        out = proc.stdout + proc.stderr
        assert proc.returncode == 0, out[-6000:]
        assert "1000000 calls compared" in out and " 0 mismatch(es)" in out, out[-3000:]
    assert not (tmp_path / "cases.jsonl").exists()


def test_a_planted_mismatch_is_minimised_kept_and_replayed(tmp_path):
    module = tmp_path / "planted_bug.py"
    module.write_text(PLANTED_BUG)
    cases = tmp_path / "cases.jsonl"
    b, c_module, proc = scale("3.13", "--inputs", "2e5", "--module", module,
                              "--cases-file", cases)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out[-6000:]
    kept = [json.loads(line) for line in cases.read_text().splitlines()]
    # every mismatch the run found comes down to the same four bytes, kept once
    assert [(k["call"], k["data"], k["args"], k["kwargs"]) for k in kept] == \
        [("a2b_qp", b" =\r\n".hex(), [], {})], cases.read_text()
    assert "new case(s) kept" in out
    # the next run replays it before anything else, and keeps no duplicate
    _, _, again = scale("3.13", "--inputs", "0", "--module", module, "--cases-file", cases)
    assert again.returncode == 1 and "1 kept case(s) replayed, 1 mismatch(es)" in again.stdout
    assert len(cases.read_text().splitlines()) == 1
    # and so does the call-by-call differential
    full = subprocess.run([str(b.python), HERE / "differential.py", "--c-module", c_module,
                           "--module", module, "--cases", "0", "--cases-file", cases], cwd=HERE,
                          env={**os.environ, "PLANTED_BUG_C_MODULE": str(c_module)},
                          capture_output=True, text=True, timeout=600)
    assert "DIFF a2b_qp(b' =\\r\\n')" in full.stdout, full.stdout[-3000:] + full.stderr[-3000:]


def test_the_kept_cases_file_parses():
    from regression_cases import DEFAULT, load
    load(DEFAULT)  # a committed case that does not parse fails here, not in a build
