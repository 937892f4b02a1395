"""Differential test: the interpreter's `_json` (Rust) against CPython's C one.

Run it with the interpreter whose _json is under test, passing the C module
compiled for the same build (c_module.py: build_c_module(b, "_json", "_json.c")):

    ./python json_differential.py --c-module c-_json/_json.cpython-313-....so
        [--inputs N] [--seed S] [--jobs J] [--chunk N] [--cases-file F]
        [--test-json DIR] [--module M] [--minimise N] [--max-show K]
        [--no-identity] [--verbose] [--only-chunk K]

The C module is loaded from its file under its own name, `_json`, without
touching sys.modules; where there are no shared extensions (WASI), it is
built into the interpreter under another name, which --c-builtin NAME
gives instead of --c-module (wasi_cpython.py: `_json_c`). An input
(json_inputs.py) is one call, made on both modules (json_calls.py): the
scanner at an index, whole json.loads, the encoder as Lib/json/encoder.py
makes it for this version, or one of the module's functions directly; the
outcomes -- result with types, exception with its message,
JSONDecodeError's fields and 3.14's notes, the hooks' calls -- must be
equal. First the module's shape (names, docstrings,
signatures, its types), then every kept case (json_differential_cases.jsonl),
every document and object of the build's Lib/test/test_json once, then
--inputs generated ones in chunks of --chunk, chunk k drawn from
Random("S/k"), so a seed gives the same inputs whatever --jobs is.

A mismatch is minimised (json_minimise.py; the first --minimise of the run,
the others are counted and shown as found) and kept in the cases file.
--module compares a given file instead of the interpreter's _json: a .so,
or a .py (for checking this script: a shim made of the pure-Python json
code must differ). Prints the differences, counts and calls/s; exits 1 if
anything differs, 2 if a worker died (rerun that chunk with --jobs 1
--verbose --only-chunk K to see the input that killed it).
"""

import argparse
import concurrent.futures
import contextlib
import importlib
import importlib.machinery
import importlib.util
import inspect
import multiprocessing
import random
import sys
import time
import types

import json_calls
import json_cases
import json_corpus
import json_inputs
import json_stack
from json_minimise import minimise

WORKER = {}
BUILTIN = "builtin:"  # --c-builtin NAME is reported as builtin:NAME


def load_module(path, name="_json"):
    """The module file at `path` (an extension as `name`; a .py as a shim),
    not put in sys.modules."""
    path = str(path)
    if path.endswith(".py"):
        spec = importlib.util.spec_from_file_location(name + "_shim", path)
    else:
        loader = importlib.machinery.ExtensionFileLoader(name, path)
        spec = importlib.util.spec_from_file_location(name, path, loader=loader)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_c_builtin(name):
    """The built-in module `name` (the C _json compiled into the interpreter
    under another name: WASI), made anew and not put in sys.modules."""
    spec = importlib.machinery.BuiltinImporter.find_spec(name)
    if spec is None:
        sys.exit(f"json_differential: no built-in module {name} in this interpreter "
                 "(build it in: see tests/cpython/wasi_cpython.py)")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    # Its functions take their __module__ from the name it is built in
    # under, and TypeError's messages name them by it ("_json_c.scanstring()
    # takes ..."): they get the name the module has everywhere else.
    for value in vars(module).values():
        if isinstance(value, types.BuiltinFunctionType) and value.__self__ is module:
            value.__module__ = "_json"
    return module


class Budget:
    """The minimising budget of a run in one process: multiprocessing.Value's
    interface, without its ctypes (which WASI has not)."""

    def __init__(self, value):
        self.value = value

    def get_lock(self):
        return contextlib.nullcontext()


def init_worker(args):
    WORKER["c"] = (load_c_builtin(args.c_builtin) if args.c_builtin
                   else load_module(args.c_module))
    WORKER["other"] = load_module(args.module) if args.module else importlib.import_module("_json")
    WORKER["inputs"] = json_inputs.Inputs(WORKER["c"], args.test_json)
    WORKER["identity"] = not args.no_identity
    WORKER["verbose"] = args.verbose


def compare(spec):
    """None, STACK_BOUND, or (C outcome, other outcome) when they differ."""
    if WORKER["verbose"]:
        print(f"input: {short(spec, 2000)}", flush=True)
    identity = WORKER["identity"]
    want = at_depth(STACK_DEPTH, json_calls.outcome, WORKER["c"], spec, identity)
    got = at_depth(STACK_DEPTH, json_calls.outcome, WORKER["other"], spec, identity)
    if want == got:
        return None
    return STACK_BOUND if stack_bound(spec, want, got) else (want, got)


# 3.14: one module ran out of C stack and the other did not, on an input
# nested as deep as where either first can: an outcome of frame sizes,
# which differ as much between two compilations of C's module
# (json_stack.py). Counted apart; a RecursionError on a shallower input is
# a mismatch.
STACK_BOUND = "stack-bound"


def stack_bound(spec, want, got):
    if not json_calls.STACK_LIMIT:
        return False
    overflow = [w[:3] == ("raises", "builtins.RecursionError", "Stack overflow")
                for w in (want, got)]
    if overflow[0] == overflow[1]:
        return False
    if "stack_floor" not in WORKER:
        WORKER["stack_floor"] = at_depth(STACK_DEPTH, json_stack.stack_floor,
                                         (WORKER["c"], WORKER["other"]))
    return json_stack.nesting(spec) >= WORKER["stack_floor"]


# Python frames below a call count towards the recursion limit of 3.11's C
# code (and of the pure-Python json): every call is made at one depth, so
# that a case found, minimised and replayed from elsewhere behaves the same.
STACK_DEPTH = 100


def at_depth(depth, func, *args):
    frame, here = sys._getframe(), 0
    while frame is not None and here < depth:
        frame, here = frame.f_back, here + 1
    return _pad(depth - here, func, args)


def _pad(n, func, args):
    return _pad(n - 1, func, args) if n > 0 else func(*args)


def check(specs, where):
    """(inputs compared, [(spec, where, C, other, minimised?)])."""
    found, count, bound = [], 0, 0
    for spec in specs:
        count += 1
        diff = compare(spec)
        if diff is None:
            continue
        if diff is STACK_BOUND:
            bound += 1
            continue
        small, minimised = spec, False
        with WORKER["budget"].get_lock():
            if WORKER["budget"].value > 0:
                WORKER["budget"].value -= 1
                minimised = True
        if minimised:
            small = minimise(spec, lambda s: compare(s) not in (None, STACK_BOUND))
            diff = compare(small) or diff
        found.append((small, where, *diff, minimised))
    return count, found, bound


def run_chunk(job):
    seed, index, count = job
    rng = random.Random(f"{seed}/{index}")
    return check(WORKER["inputs"].calls(rng, count), f"seed {seed} chunk {index}")


def fixed_inputs(inputs):
    """Every test document through json.loads, every test object through the encoder."""
    for doc in inputs.docs:
        yield {"f": "loads", "doc": doc, "opts": {}}
    for doc in inputs.raw:
        yield {"f": "loads", "doc": {"bytes": doc.hex()}, "opts": {}}
    for obj in inputs.objects:
        yield {"f": "encode", "obj": obj, "opts": {}}
        yield {"f": "encode", "obj": obj, "opts": {"indent": 2, "sort_keys": True,
                                                   "ensure_ascii": False}}


def shape(module):
    """What a module shows of itself: names, docstrings, signatures, types."""
    facts = {}
    for name in sorted(n for n in dir(module) if not n.startswith("__")):
        value = getattr(module, name)
        facts[name] = (type(value).__name__, getattr(value, "__doc__", None),
                       getattr(value, "__text_signature__", None), _signature(value))
        if isinstance(value, type):
            facts[name] += (value.__module__, value.__qualname__, repr(value),
                            bool(value.__flags__ & (1 << 10)),  # Py_TPFLAGS_BASETYPE
                            sorted(n for n in dir(value) if not n.startswith("__")))
    facts["__doc__"] = module.__doc__
    return facts


def _signature(value):
    try:
        return str(inspect.signature(value))
    except (TypeError, ValueError) as e:
        return type(e).__name__


def short(value, limit=300):
    text = repr(value)
    return text if len(text) <= limit else text[:limit - 30] + f"...<{len(text)} chars>"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    c_source = parser.add_mutually_exclusive_group(required=True)
    c_source.add_argument("--c-module", help="the C _json shared object")
    c_source.add_argument("--c-builtin", metavar="NAME",
                          help="the C _json built into the interpreter as NAME")
    parser.add_argument("--module", help="compare this _json file (.so, or .py shim) "
                        "instead of the interpreter's")
    parser.add_argument("--inputs", type=lambda s: int(float(s)), default=20000,
                        help="generated calls (1e7 is accepted; default 20000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--chunk", type=int, default=20000, help="calls per work unit")
    parser.add_argument("--only-chunk", type=int, help="run this chunk alone")
    parser.add_argument("--cases-file", default=json_cases.DEFAULT,
                        help="kept cases, replayed first; new mismatches go there")
    parser.add_argument("--test-json", default=json_corpus.test_json_dir(),
                        help="CPython's Lib/test/test_json (default: the interpreter's)")
    parser.add_argument("--minimise", type=int, default=20,
                        help="minimise and keep at most this many mismatches (default 20)")
    parser.add_argument("--max-show", type=int, default=30)
    parser.add_argument("--no-identity", action="store_true",
                        help="do not compare which dict keys are one object (the memo)")
    parser.add_argument("--verbose", action="store_true", help="print each input first")
    parser.add_argument("--allow-same", action="store_true",
                        help="do not refuse when the module under test is the C file given")
    args = parser.parse_args(argv)

    init_worker(args)
    WORKER["budget"] = (multiprocessing.Value("i", args.minimise) if args.jobs > 1
                        else Budget(args.minimise))
    c, other = WORKER["c"], WORKER["other"]
    c_file = BUILTIN + args.c_builtin if args.c_builtin else c.__file__
    same = (args.c_builtin == "_json" if args.c_builtin
            else getattr(other, "__file__", None) == c_file)
    if same and not args.allow_same:
        sys.exit("json_differential: the interpreter's _json is the C module given; "
                 "run it with the Rust-built interpreter, or pass --module")
    print(f"Python {sys.version.split()[0]} ({sys.executable})")
    print(f"under test: _json {getattr(other, '__file__', '(built in)')}")
    print(f"C _json: {c_file}")
    inputs = WORKER["inputs"]
    print(f"test_json corpus: {len(inputs.docs)} documents, {len(inputs.raw)} bytes, "
          f"{len(inputs.objects)} objects from {args.test_json}")

    shown = [0]

    def show(spec, where, want, got, minimised):
        shown[0] += 1
        if shown[0] <= args.max_show:
            label = "minimised" if minimised else "as found"
            print(f"DIFF ({where}, {label}) {short(spec, 600)}\n    C:     {short(want, 600)}\n"
                  f"    other: {short(got, 600)}", flush=True)

    shape_c, shape_other = shape(c), shape(other)
    shape_diffs = sorted(k for k in set(shape_c) | set(shape_other)
                         if shape_c.get(k) != shape_other.get(k))
    for key in shape_diffs[:args.max_show]:
        print(f"DIFF module shape: {key}\n    C:     {short(shape_c.get(key))}\n"
              f"    other: {short(shape_other.get(key))}")

    started = time.monotonic()
    kept = json_cases.load(c, args.cases_file)
    n_kept, replay, bound = check(kept, "kept case")
    for diff in replay:
        show(*diff)
    n_fixed, mismatches, fixed_bound = check(fixed_inputs(inputs), "test_json corpus")
    bound += fixed_bound
    chunks = range(-(-args.inputs // args.chunk)) if args.only_chunk is None else [args.only_chunk]
    jobs = [(args.seed, k, min(args.chunk, args.inputs - k * args.chunk)) for k in chunks]
    done, last, crashed = 0, time.monotonic(), []
    if args.jobs <= 1:
        results = map(run_chunk, jobs)
    else:
        pool = concurrent.futures.ProcessPoolExecutor(
            args.jobs, mp_context=multiprocessing.get_context("fork"))
        futures = {pool.submit(run_chunk, job): job for job in jobs}
        results = _completed(pool, futures, crashed)
    for count, found, chunk_bound in results:
        done += count
        mismatches += found
        bound += chunk_bound
        now = time.monotonic()
        if now - last > 30:
            print(f"  {done} calls, {done / (now - started):,.0f}/s, "
                  f"{len(mismatches)} mismatch(es)", flush=True)
            last = now
    elapsed = max(time.monotonic() - started, 1e-6)
    new = 0
    for diff in mismatches:
        show(*diff)
        if diff[-1]:
            new += json_cases.keep(c, args.cases_file, diff[0], diff[1])
    if shown[0] > args.max_show:
        print(f"... {shown[0] - args.max_show} more not shown")
    total = n_kept + n_fixed + done
    print(f"json_differential: {total} calls compared in {elapsed:.1f} s "
          f"({total / elapsed:,.0f}/s, "
          f"{args.jobs} job(s), seed {args.seed}): {n_kept} kept case(s) replayed, "
          f"{n_fixed} from test_json, {done} generated; {len(shape_diffs)} shape difference(s), "
          f"{len(replay) + len(mismatches)} mismatch(es)"
          + (f", {new} new case(s) kept in {args.cases_file}" if new else "")
          + (f"; {bound} stack-bound (one module out of C stack on an input nested as "
             f"deep as either can go, json_stack.py)" if bound else ""))
    if crashed:
        print(f"json_differential: a worker died running chunk(s) {sorted(crashed)}; rerun "
              f"one with --jobs 1 --verbose --only-chunk K to see its last input")
        return 2
    return 1 if shape_diffs or replay or mismatches else 0


def _completed(pool, futures, crashed):
    """Results as they come; the jobs of a pool broken by a dying worker go to `crashed`."""
    with pool:
        for future in concurrent.futures.as_completed(futures):
            try:
                yield future.result()
            except concurrent.futures.process.BrokenProcessPool:
                crashed.append(futures[future][1])


if __name__ == "__main__":
    sys.exit(main())
