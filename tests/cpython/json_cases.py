"""Kept `_json` differential cases: inputs on which the C module and the one
under test once differed, minimised, one JSON object a line (`#` lines are
comments):

    {"found": "seed 1 chunk 17", "input": {"f": "scan", "doc": "[1,]", "idx": 0, "opts": {}}}

`input` is a json_inputs.py spec. The file is read and written with the C
module's scanner and encoder (given), never with the module under test, so
a bug there cannot garble its own record (the specs hold lone surrogates:
written as \\udXXX escapes). json_differential.py replays every case
before its generated inputs.
"""

import os

DEFAULT = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                       "json_differential_cases.jsonl")


class _Context:
    strict, object_hook, object_pairs_hook = True, None, None
    parse_float, parse_int, parse_constant = float, int, float


def _refuse(o):
    raise TypeError(f"json_cases: cannot write {type(o).__name__}")


def dumps(c, value):
    encoder = c.make_encoder(None, _refuse, c.encode_basestring_ascii, None, ": ", ", ",
                             True, False, True)
    return "".join(encoder(value, 0))


def loads(c, line):
    value, end = c.make_scanner(_Context())(line, 0)
    if line[end:].strip():
        raise ValueError(f"json_cases: extra data after a case: {line[end:end + 40]!r}")
    return value


def load(c, path=DEFAULT):
    """The kept inputs, in file order."""
    if not os.path.exists(path):
        return []
    cases = []
    with open(path, encoding="ascii") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                cases.append(loads(c, line.strip())["input"])
    return cases


def keep(c, path, spec, found):
    """Appends the case unless an equal input is kept already; True if new."""
    line = dumps(c, spec)
    if line in (dumps(c, kept) for kept in load(c, path)):
        return False
    with open(path, "a", encoding="ascii") as f:
        f.write(dumps(c, {"found": found, "input": spec}) + "\n")
    return True
