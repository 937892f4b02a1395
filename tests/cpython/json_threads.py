"""Concurrent dumps of shared containers that other threads mutate, on a
free-threaded build: the `_json` encoder must not crash, and its outcomes
must be of the kinds C's are.

    ./python json_threads.py ROUNDS [--c-module C_JSON.so]

Four threads encode a shared dict, list and nested mix (through the
module's make_encoder, as json.dumps does), with and without sort_keys and
markers, while four others mutate them: setitem, del, clear, append, pop,
slice assignment.  Each encoding's outcome is one kind: "ok" when its text
is valid JSON of the container's type, "CORRUPT" when not, or the
exception's type and message (digits dropped).  Prints the kinds as one
JSON line and exits 1 on a CORRUPT outcome.  Without --c-module the
interpreter's own `_json` is used.
"""

import argparse
import importlib.util
import json
import re
import sys
import threading

ENCODERS = 4
MUTATORS = 4


def load(path):
    if path is None:
        import _json
        return _json
    spec = importlib.util.spec_from_file_location("_json", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def dumper(mod, sort_keys, check_circular):
    """json.dumps' C path (Lib/json/encoder.py, iterencode with
    _one_shot=True), through `mod`."""
    def dumps(obj):
        markers = {} if check_circular else None
        encode = mod.make_encoder(markers, None, mod.encode_basestring_ascii, None, ": ", ", ",
                                  sort_keys, False, True)
        return "".join(encode(obj, 0))
    return dumps


def kind(exc):
    return f"{type(exc).__name__}: {re.sub(r'[0-9]+', 'N', str(exc))}"


def encode_loop(mod, shared, rounds, seen, start):
    dumpers = [dumper(mod, s, c) for s in (False, True) for c in (True, False)]
    start.wait()
    for i in range(rounds):
        for obj in shared:
            dumps = dumpers[i % len(dumpers)]
            try:
                text = dumps(obj)
            except Exception as e:  # noqa: BLE001 - every outcome is a kind
                seen.add(kind(e))
                continue
            try:
                ok = isinstance(json.loads(text), type(obj).__mro__[-2])
            except ValueError:
                ok = False
            seen.add("ok" if ok else "CORRUPT")


def mutate_loop(shared, rounds, seed, start):
    d, lst, mixed = shared
    start.wait()
    for i in range(rounds):
        k = (i * 7 + seed) % 50
        d[f"k{k}"] = [k, "v" * (k % 5)]
        d[f"n{k}"] = k * 1.5
        if i % 3 == 0:
            d.pop(f"k{(k + 25) % 50}", None)
            d.pop(f"n{(k + 13) % 50}", None)
        if i % 97 == seed:
            d.clear()
        lst.append({"i": i, "s": "é" * (i % 3)})
        if len(lst) > 40:
            del lst[: len(lst) // 2]
        if i % 5 == 0 and lst:
            lst.pop()
        mixed[i % 10] = [d, lst] if i % 2 else {"d": d}
        if i % 11 == 0:
            mixed[:] = mixed[5:] + [None] * 5


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("rounds", type=int)
    parser.add_argument("--c-module")
    args = parser.parse_args()
    mod = load(args.c_module)
    shared = ({}, [], [None] * 10)
    start = threading.Barrier(ENCODERS + MUTATORS)
    seens = [set() for _ in range(ENCODERS)]
    threads = [threading.Thread(target=encode_loop, args=(mod, shared, args.rounds, s, start))
               for s in seens]
    threads += [threading.Thread(target=mutate_loop, args=(shared, args.rounds * 3, n, start))
                for n in range(MUTATORS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    kinds = sorted(set().union(*seens))
    gil = getattr(sys, "_is_gil_enabled", lambda: True)()
    print(json.dumps({"module": mod.__file__, "gil": gil, "rounds": args.rounds,
                      "kinds": kinds}))
    return 1 if "CORRUPT" in kinds else 0


if __name__ == "__main__":
    sys.exit(main())
