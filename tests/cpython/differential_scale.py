"""The differential check at scale: many generated calls, in parallel.

Run by the interpreter whose binascii is under test (or see
run_differential_scale.py, which builds it and runs this):

    ./python differential_scale.py --c-module c-binascii/binascii....so
        --corpus Lib/test/test_email/data --inputs 100000000 [--jobs 2]
        [--seed S] [--chunk N] [--cases-file F] [--module M]

An input is one call: a function, its data and options (scale_inputs.py
makes them from real encodings and random bytes). Each is made on the C
module and on the Rust one; the result (type and value) or the exception
(binascii.Error/Incomplete by name, or the type, and its message) must be
equal. The argument kinds, reference counts and module shape are
differential.py's job; this one is about the data.

The work is cut in chunks of --chunk calls, chunk k drawn from
Random("S/k"), so a seed gives the same calls whatever --jobs is. A
mismatch is minimised (its data cut down and simplified, then its options
dropped, while the two modules still differ) and kept in the cases file
(regression_cases.py), which differential.py and this script replay. Exits
1 when anything differs.
"""

import argparse
import multiprocessing
import random
import sys
import time

import regression_cases
import scale_inputs
from differential import exc_name, load_c_module, _load_source

WORKER = {}


def outcome(module, name, args, kwargs):
    try:
        result = getattr(module, name)(*args, **kwargs)
    except Exception as e:  # noqa: BLE001 - every exception is compared
        return ("raises", exc_name(module, type(e)), str(e))
    return ("returns", type(result).__name__, result)


def differs(name, args, kwargs):
    c, rust = WORKER["c"], WORKER["rust"]
    return outcome(c, name, args, kwargs) != outcome(rust, name, args, kwargs)


def minimise(name, args, kwargs):
    """The smallest data (then the fewest options) that still differs:
    ddmin-style chunk removal, then each byte replaced by a plainer one."""
    data, rest = bytes(args[0]), tuple(args[1:])

    def still(d, kw=kwargs):
        return differs(name, (d, *rest), kw)

    chunk = max(1, len(data) // 2)
    while data:
        start = 0
        while start < len(data):
            shorter = data[:start] + data[start + chunk:]
            if still(shorter):
                data = shorter
            else:
                start += chunk
        if chunk == 1:
            break
        chunk = max(1, chunk // 2)
    for i in range(len(data)):
        for plain in b"A0 ":
            if data[i] != plain and still(data[:i] + bytes([plain]) + data[i + 1:]):
                data = data[:i] + bytes([plain]) + data[i + 1:]
                break
    for key in list(kwargs):
        fewer = {k: v for k, v in kwargs.items() if k != key}
        if still(data, fewer):
            kwargs = fewer
    return name, (data, *rest), kwargs


def init_worker(c_path, module_path, corpus_dir):
    WORKER["c"] = load_c_module(c_path)
    if module_path:
        WORKER["rust"] = (_load_source(module_path) if module_path.endswith(".py")
                          else load_c_module(module_path))
    else:
        import binascii
        WORKER["rust"] = binascii
    WORKER["corpus"] = scale_inputs.Corpus(WORKER["c"], corpus_dir)


def run_chunk(job):
    """(calls made, mismatches [(name, args, kwargs, found, C, Rust)])."""
    seed, index, count = job
    rng = random.Random(f"{seed}/{index}")
    c, rust = WORKER["c"], WORKER["rust"]
    found = []
    for name, args, kwargs in scale_inputs.calls(rng, WORKER["corpus"], count):
        if outcome(c, name, args, kwargs) != outcome(rust, name, args, kwargs):
            small = minimise(name, args, kwargs)
            found.append((*small, f"seed {seed} chunk {index}", outcome(c, *small),
                          outcome(rust, *small)))
    return count, found


def show(what):
    text = repr(what)
    return text if len(text) < 300 else text[:280] + f"...<{len(text)} chars>"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--c-module", required=True, help="the C binascii shared object")
    parser.add_argument("--module", help="compare this binascii file instead of the interpreter's")
    parser.add_argument("--corpus", required=True,
                        help="CPython's Lib/test/test_email/data (mail messages and binaries)")
    parser.add_argument("--inputs", type=lambda s: int(float(s)), default=1_000_000,
                        help="calls to compare (1e8 is accepted)")
    parser.add_argument("--jobs", type=int, default=multiprocessing.cpu_count())
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--chunk", type=int, default=20000, help="calls per work unit")
    parser.add_argument("--cases-file", default=regression_cases.DEFAULT,
                        help="where mismatches are kept (default: %(default)s)")
    args = parser.parse_args(argv)

    init_worker(args.c_module, args.module, args.corpus)
    if getattr(WORKER["rust"], "__file__", None) == WORKER["c"].__file__:
        sys.exit("differential_scale: the interpreter's binascii is the C module given; "
                 "run it with the Rust-built interpreter, or pass --module")
    print(f"Python {sys.version.split()[0]} ({sys.executable})")
    print(f"Rust (interpreter's) binascii: {getattr(WORKER['rust'], '__file__', '(built in)')}")
    print(f"C binascii: {WORKER['c'].__file__}")
    kept = regression_cases.load(args.cases_file)
    replay_diffs = [case for case in kept if differs(*case)]
    for name, cargs, kwargs in replay_diffs:
        print(f"DIFF (kept case) {name}{show(cargs)} {kwargs}")

    jobs = [(args.seed, k, min(args.chunk, args.inputs - k * args.chunk))
            for k in range(-(-args.inputs // args.chunk))]
    started = last = time.monotonic()
    done, mismatches = 0, []
    with multiprocessing.get_context("fork").Pool(
            args.jobs, init_worker, (args.c_module, args.module, args.corpus)) as pool:
        for count, found in pool.imap_unordered(run_chunk, jobs):
            done += count
            mismatches += found
            now = time.monotonic()
            if now - last > 30:
                print(f"  {done} calls, {done / (now - started):,.0f}/s, "
                      f"{len(mismatches)} mismatch(es)", flush=True)
                last = now
    elapsed = max(time.monotonic() - started, 1e-6)
    new = 0
    for name, cargs, kwargs, where, want, got in mismatches:
        print(f"DIFF {name}{show(cargs)} {kwargs} ({where})\n    C: {show(want)}\n"
              f"    Rust: {show(got)}")
        new += regression_cases.keep(args.cases_file, name, cargs, kwargs, where)
    print(f"differential_scale: {done} calls compared in {elapsed:.0f} s "
          f"({done / elapsed:,.0f}/s, {args.jobs} jobs, seed {args.seed}), "
          f"{len(kept)} kept case(s) replayed, {len(replay_diffs) + len(mismatches)} mismatch(es)"
          + (f", {new} new case(s) kept in {args.cases_file}" if new else ""))
    return 1 if replay_diffs or mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
