"""Kept differential cases: calls on which the Rust and C modules once
differed, minimised, one JSON object a line (`#` lines are comments):

    {"call": "a2b_qp", "data": "203d0d0a", "args": [], "kwargs": {"header": true},
     "found": "seed 1 chunk 17"}

`data` is the first argument's bytes in hex; bytes in `args`/`kwargs` are
written {"bytes": "<hex>"}. differential.py replays every case with its fixed
calls, and differential_scale.py before its generated ones.
"""

import json
import os

DEFAULT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "differential_cases.jsonl")


def _encode(value):
    return {"bytes": value.hex()} if isinstance(value, bytes) else value


def _decode(value):
    return bytes.fromhex(value["bytes"]) if isinstance(value, dict) else value


def to_json(name, args, kwargs, found):
    return json.dumps({"call": name, "data": bytes(args[0]).hex(),
                       "args": [_encode(a) for a in args[1:]],
                       "kwargs": {k: _encode(v) for k, v in kwargs.items()},
                       "found": found}, sort_keys=True)


def load(path=DEFAULT):
    """[(name, args, kwargs)] of the kept cases."""
    if not os.path.exists(path):
        return []
    cases = []
    with open(path) as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                case = json.loads(line)
                args = (bytes.fromhex(case["data"]), *map(_decode, case["args"]))
                cases.append((case["call"], args, {k: _decode(v) for k, v in case["kwargs"].items()}))
    return cases


def keep(path, name, args, kwargs, found):
    """Appends the case unless an equal call is kept already; True if new."""
    if (name, tuple(args), kwargs) in [(n, tuple(a), k) for n, a, k in load(path)]:
        return False
    with open(path, "a") as f:
        f.write(to_json(name, args, kwargs, found) + "\n")
    return True
