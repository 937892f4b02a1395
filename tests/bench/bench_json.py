"""Speed of json.loads and json.dumps through the Rust _json against the
C one, side by side in one process.

Run with the Rust-built interpreter, passing the C _json compiled from the
same tree with the same flags (run_bench_json.py does both):

    ./python tests/bench/bench_json.py --c-module path/to/_json.cpython-313-x86_64-linux-gnu.so \
        [--repeat 7] [--json-out F] [--orjson] [DOCUMENT ...]

The interpreter's own _json is the Rust one.  What is timed is json.loads(text)
and json.dumps(obj) themselves (defaults, so ensure_ascii=True; also
ensure_ascii=False for the string-heavy twitter and citm_catalog), with the
json package pointed at one module or the other before each batch (see
Accelerator): only the accelerator differs between the columns.  Documents:
twitter, citm_catalog and canada (json_documents.py), and pyperformance
1.14.0's json_dumps and json_loads workloads, case by case and whole.

Each case is timed in rounds that alternate C and Rust (and orjson, with
`--orjson`: orjson.loads/orjson.dumps as an outside reference, when it can be
imported), so that machine noise hits all alike; each round takes the best
of 3 batches, a batch lasting at least `--batch` seconds; the table shows
the best over all rounds.  Time is the process's CPU time (time.process_time):
on a busy machine, time spent waiting for a core is not counted, which
makes ratios far steadier; `--clock wall` takes elapsed time (perf_counter).
Sizes count the UTF-8 bytes of the text parsed or written by json (orjson's
column is its speed for the same byte count: it writes no spaces and never
escapes to ASCII).  Rust/C is Rust's speed over
C's: above 1.00 the Rust module is faster.  `--json-out F` writes each
round's best time per call, and the ratios of the bests and of the
medians (plot_json.py draws the ratios).
"""

import argparse
import importlib.machinery
import importlib.util
import json
import json.decoder
import json.encoder
import json.scanner
import os
import statistics
import sys
import time
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import json_documents  # noqa: E402

STRING_HEAVY = {"twitter", "citm_catalog"}  # also timed with ensure_ascii=False
BATCHES_PER_ROUND = 3
NOISE = 0.03  # a ratio this close to 1.00 is not counted as slower
CLOCKS = {"cpu": time.process_time, "wall": time.perf_counter}


def load_c_module(path):
    """The extension at `path` as module `_json`, not put in sys.modules."""
    loader = importlib.machinery.ExtensionFileLoader("_json", str(path))
    spec = importlib.util.spec_from_file_location("_json", str(path), loader=loader)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Accelerator:
    """The json package running through one _json module: install() points
    the names json's functions look up at call time to that module, as
    they are when it is the interpreter's _json (json/__init__'s default
    decoder, json.scanner's make_scanner, json.decoder's scanstring,
    json.encoder's c_make_encoder and encode_basestring(_ascii), which
    iterencode passes to the encoder: the C encoder takes its fast path only
    for its own module's functions)."""

    def __init__(self, label, module):
        self.label, self.module = label, module
        self._point()
        self.decoder = json.JSONDecoder()  # made as json/__init__ makes its own
        if isinstance(module.make_scanner, type) and \
                type(self.decoder.scan_once) is not module.make_scanner:
            sys.exit(f"bench: the {label} decoder's scanner is not {label}'s make_scanner")

    def _point(self):
        m = self.module
        json.scanner.c_make_scanner = json.scanner.make_scanner = m.make_scanner
        json.decoder.c_scanstring = json.decoder.scanstring = m.scanstring
        json.encoder.c_make_encoder = m.make_encoder
        json.encoder.c_encode_basestring_ascii = m.encode_basestring_ascii
        json.encoder.encode_basestring_ascii = m.encode_basestring_ascii
        json.encoder.c_encode_basestring = m.encode_basestring
        json.encoder.encode_basestring = m.encode_basestring

    def install(self):
        self._point()
        json._default_decoder = self.decoder


class Case:
    """One row: `run` calls json (through whichever Accelerator is installed),
    `outside` does the same work with orjson, `nbytes` per call; `result`
    gives what C and Rust must agree on (default: run's result)."""

    def __init__(self, document, operation, nbytes, run, outside=None, result=None):
        self.document, self.operation, self.nbytes = document, operation, nbytes
        self.run, self.outside, self.result = run, outside, result or run


def document_cases(names, orjson):
    cases = []
    for name in names:
        text = json_documents.document(name)
        obj = json.loads(text)
        o = orjson
        cases.append(Case(f"{name}.json", "loads", len(text.encode()),
                          lambda t=text: json.loads(t), o and (lambda t=text: o.loads(t))))
        variants = [("dumps", {})]
        if name in STRING_HEAVY:
            variants.append(("dumps ensure_ascii=False", {"ensure_ascii": False}))
        for operation, kwargs in variants:
            size = len(json.dumps(obj, **kwargs).encode())
            cases.append(Case(f"{name}.json", operation, size,
                              lambda ob=obj, kw=kwargs: json.dumps(ob, **kw),
                              o and (lambda ob=obj: o.dumps(ob))))
    return cases


def _times(func, arg, count):
    counts = range(count)

    def run():  # bm_json_dumps's inner loop
        for _ in counts:
            func(arg)
    return run


def _loads_20(text):
    def run():  # bm_json_loads: 20 loads, unrolled as there
        loads = json.loads
        loads(text); loads(text); loads(text); loads(text); loads(text)  # noqa: E702
        loads(text); loads(text); loads(text); loads(text); loads(text)  # noqa: E702
        loads(text); loads(text); loads(text); loads(text); loads(text)  # noqa: E702
        loads(text); loads(text); loads(text); loads(text); loads(text)  # noqa: E702
    return run


def _all(funcs):
    def run():
        for f in funcs:
            f()
    return run


def pyperf_cases(orjson):
    """pyperformance's json_dumps (EMPTY, SIMPLE, NESTED, HUGE with its counts)
    and json_loads (DICT, TUPLE, DICT_GROUP, 20 loads each), case by case and whole."""
    o, cases = orjson, []
    for workload, operation, items in (
            ("json_dumps", "dumps", [(name, obj, count, json.dumps(obj))
                                     for name, (obj, count) in
                                     json_documents.PYPERF_DUMPS.items()]),
            ("json_loads", "loads", [(name, text, json_documents.PYPERF_LOADS_REPEAT, text)
                                     for name, text in
                                     json_documents.pyperf_loads_texts().items()])):
        runs, outsides, total = [], [], 0
        for name, arg, count, text in items:
            size = len(text.encode()) * count
            if operation == "dumps":
                run, result = _times(json.dumps, arg, count), \
                    (lambda ob=arg: json.dumps(ob))
                outside = o and _times(o.dumps, arg, count)
            else:
                run, result = _loads_20(arg), (lambda t=arg: json.loads(t))
                outside = o and _times(o.loads, arg, count)
            cases.append(Case(f"pyperformance {name}", f"{operation} x{count}", size,
                              run, outside, result))
            runs.append(run)
            outsides.append(outside)
            total += size
        cases.append(Case(f"pyperformance {workload}", "workload", total, _all(runs),
                          o and _all(outsides), lambda rs=[c.result for c in cases[-len(items):]]:
                          [r() for r in rs]))
    return cases


def check(case, accelerators):
    """C and Rust give the same result."""
    results = []
    for acc in accelerators:
        acc.install()
        results.append(case.result())
    if any(r != results[0] for r in results[1:]):
        sys.exit(f"bench: {case.document} {case.operation}: C and Rust results differ")


def calls_per_batch(func, install, target, clock):
    """The fewest calls (1, 2, 5, 10, 20, ...) that last `target` seconds."""
    install()
    timer = timeit.Timer(func, timer=clock)
    number, step = 1, 0
    while True:
        if timer.timeit(number) >= target:
            return number
        number = (1, 2, 5)[(step + 1) % 3] * 10 ** ((step + 1) // 3)
        step += 1


def measure(case, accelerators, rounds, target, orjson, clock=time.process_time):
    """Per-call times {label: [best of each round]}, rounds alternating the
    order of the implementations."""
    impls = [(a.label, case.run, a.install) for a in accelerators]
    if orjson and case.outside:
        impls.append(("orjson", case.outside, accelerators[-1].install))
    numbers = {}
    for label, func, install in impls:
        # the reference's count for every json column: the same work per batch
        if label == "orjson" or not numbers:
            numbers[label] = calls_per_batch(func, install, target, clock)
        else:
            numbers[label] = numbers[impls[0][0]]
    times = {label: [] for label, _, _ in impls}
    for r in range(rounds):
        for label, func, install in (impls if r % 2 == 0 else impls[::-1]):
            install()
            n = numbers[label]
            timer = timeit.Timer(func, timer=clock)
            best = min(timer.repeat(repeat=BATCHES_PER_ROUND, number=n)) / n
            times[label].append(best)
    return times, numbers


def rate(nbytes, seconds):
    return f"{nbytes / seconds / 1e6:,.1f}"


def fmt_size(n):
    for unit, scale in (("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:.3g} {unit}"
    return f"{n} B"


def load_orjson():
    try:
        import orjson
    except ImportError as e:
        print(f"orjson: cannot import it ({e}); its column stays empty\n")
        return None
    return orjson


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--c-module", required=True, help="the C _json shared object")
    parser.add_argument("--repeat", type=int, default=7, help="alternating rounds")
    parser.add_argument("--batch", type=float, default=0.05,
                        help="shortest batch, seconds (default 0.05)")
    parser.add_argument("--clock", choices=sorted(CLOCKS), default="cpu",
                        help="cpu: the process's CPU time (default); wall: elapsed time")
    parser.add_argument("--json-out", help="write the raw times here")
    parser.add_argument("--orjson", action="store_true", help="also time orjson")
    parser.add_argument("documents", nargs="*",
                        help="only rows whose document starts with these (default: all)")
    args = parser.parse_args()

    import _json as rust
    c = load_c_module(args.c_module)
    rust_file = getattr(rust, "__file__", "built-in")
    if rust_file == c.__file__ or rust.make_scanner is c.make_scanner:
        sys.exit("bench: the interpreter's _json is the C module given; run the Rust build")
    orjson = load_orjson() if args.orjson else None
    accelerators = [Accelerator("C", c), Accelerator("Rust", rust)]
    if type(accelerators[0].decoder.scan_once) is type(accelerators[1].decoder.scan_once):
        sys.exit("bench: the C and the Rust decoder scan with the same type")

    print(f"Python {sys.version.split()[0]}; Rust module: {rust_file}")
    print(f"C module: {c.__file__}")
    if orjson:
        print(f"orjson {orjson.__version__}: {orjson.__file__}")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{args.repeat} alternated rounds, best of {BATCHES_PER_ROUND} batches of "
          f">= {args.batch} s each ({args.clock} time); load average {load:.2f} at the start\n")
    cases = document_cases(list(json_documents.DOCUMENTS), orjson) + pyperf_cases(orjson)
    if args.documents:
        cases = [k for k in cases if k.document.startswith(tuple(args.documents))]

    print("| document | operation | size | C MB/s | Rust MB/s | Rust/C | orjson MB/s |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    rows, slower, started = [], [], time.time()
    for case in cases:
        check(case, accelerators)
        times, numbers = measure(case, accelerators, args.repeat, args.batch, orjson,
                                 CLOCKS[args.clock])
        best = {label: min(t) for label, t in times.items()}
        median = {label: statistics.median(t) for label, t in times.items()}
        ratio = best["C"] / best["Rust"]
        if ratio < 1.0 - NOISE:
            slower.append(f"{case.document} {case.operation}")
        outside = rate(case.nbytes, best["orjson"]) if "orjson" in best else "n/a"
        print(f"| {case.document} | {case.operation} | {fmt_size(case.nbytes)} | "
              f"{rate(case.nbytes, best['C'])} | {rate(case.nbytes, best['Rust'])} | "
              f"{ratio:.2f} | {outside} |", flush=True)
        rows.append({"document": case.document, "operation": case.operation,
                     "bytes": case.nbytes, "calls_per_batch": numbers, "seconds": times,
                     "best": best, "median": median, "ratio": ratio,
                     "ratio_median": median["C"] / median["Rust"]})
    accelerators[1].install()  # the interpreter's own again
    print()
    print(f"Rust slower than C by more than {NOISE:.0%} in: "
          + (", ".join(slower) if slower else "none"))
    print(f"({time.time() - started:.0f} s)")
    if args.json_out:
        with open(args.json_out, "w") as f:
            json.dump({"python": sys.version.split()[0], "rust_module": rust_file,
                       "c_module": c.__file__, "orjson": orjson and orjson.__version__,
                       "rounds": args.repeat, "batches_per_round": BATCHES_PER_ROUND,
                       "batch_seconds": args.batch, "clock": args.clock, "load_average": load,
                       "results": rows}, f, indent=1)


if __name__ == "__main__":
    main()
