"""Reference counts stay exact through the Rust _json: run by a built
interpreter whose _json is the Rust module (a release build, where the
module changes counts inline, as CPython's Py_INCREF/Py_DECREF do:
cpython-api's refcount.rs). Immortal objects (3.12+: None, True, False,
small ints, the empty string) must keep their counts; mortal ones must be
back where they were once the results are gone. Exits non-zero naming
the first object whose count moved.
"""

import gc
import json
import sys

import _json


mortal_str = "".join(["mortal", " text"])
mortal_key = "".join(["mortal", "key"])
mortal_int = 10 ** 30
mortal_float = 1.5 + sys.float_info.epsilon
shared = [None, True, False, 0, 1, 255, "", "a", mortal_str, mortal_int, mortal_float]
objects = {"mortal_str": mortal_str, "mortal_key": mortal_key, "mortal_int": mortal_int,
           "mortal_float": mortal_float, "shared": shared}
if sys.version_info >= (3, 12):
    # Immortal: their counts never change. (In 3.11 the interpreter's own
    # work moves these shared objects' counts, with either module.)
    objects.update({"None": None, "True": True, "False": False, "0": 0, "1": 1, "255": 255,
                    "empty": "", "a": "a"})


def counts():
    gc.collect()
    return {name: sys.getrefcount(obj) for name, obj in objects.items()}


def work():
    doc = {mortal_key: shared * 200, "nested": [[shared, {mortal_key: None}]] * 50}
    for _ in range(200):
        text = json.dumps(doc)
        json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=1)
        back = json.loads(text)
        json.loads(text, object_pairs_hook=list)
        assert back["nested"][0][1] == {mortal_key: None}
        try:
            json.dumps({mortal_key: object()})
        except TypeError:
            pass
        try:
            json.loads('[null, true, false, 0, 1, "", "a", {"%s": [' % mortal_key)
        except json.JSONDecodeError:
            pass


work()  # first use: caches, interned keys
before = counts()
work()
after = counts()
moved = {name: (before[name], after[name]) for name in objects if before[name] != after[name]}
if moved:
    sys.exit(f"reference counts moved (before, after): {moved}")
print("refcounts exact:", len(objects), "objects")
