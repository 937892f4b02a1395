"""The documents and objects of CPython's own JSON tests, as inputs.

    docs, raw, objects = load(test_json_dir)   # Lib/test/test_json of the build

Read at run time from the build's tree, so each version is tested with its
own tests' data: every string literal of Lib/test/test_json/*.py is a
document (pass1.json's big document in test_pass1.py, the JSON_checker
failures of test_fail.py, test_decode's and test_unicode's snippets -- and
some that are no JSON, which is fine for inputs), every bytes literal a
document for json.loads, and every literal container or number there
(ast.literal_eval) an object to encode, as a json_zoo node.
"""

import ast
import os

import json_zoo as zoo

MAX_DOC = 200_000


def test_json_dir():
    """Lib/test/test_json beside the running interpreter's Lib/json."""
    import json
    lib = os.path.dirname(os.path.dirname(os.path.abspath(json.__file__)))
    return os.path.join(lib, "test", "test_json")


def load(directory):
    """(docs [str], raw docs [bytes], objects [node]) from the test files; empty if none."""
    docs, raw, objects, seen = [], [], [], set()
    if not directory or not os.path.isdir(directory):
        return docs, raw, objects
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".py"):
            continue
        with open(os.path.join(directory, name), encoding="utf-8") as f:
            tree = ast.parse(f.read())
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant):
                value = node.value
                if isinstance(value, str) and len(value) <= MAX_DOC and value not in seen:
                    seen.add(value)
                    docs.append(value)
                elif isinstance(value, bytes) and value not in seen:
                    seen.add(value)
                    raw.append(value)
            if isinstance(node, (ast.List, ast.Tuple, ast.Dict, ast.Set, ast.Constant,
                                 ast.UnaryOp)):
                try:
                    value = ast.literal_eval(node)
                except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
                    continue
                key = ("obj", repr(value))
                if key not in seen and not isinstance(value, (str, bytes)):
                    seen.add(key)
                    objects.append(zoo.node_of(value))
    return docs, raw, objects
