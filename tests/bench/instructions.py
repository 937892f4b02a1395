"""Instructions per call of two builds of a module, function by function:
counted by valgrind's callgrind, so the figures do not move with the
machine's load (wall-clock ratios do: bench_binascii.py).

    python3 tests/bench/instructions.py PYTHON BEFORE.so AFTER.so [--calls N]

Each case (bench_binascii.py's functions and sizes) runs N calls in a
fresh interpreter under callgrind, once for N and once for 2N, per module:
the difference divided by N is the cost of one call, the interpreter's
start and the module's import cancelling out. Prints a Markdown table.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
RUNNER = """
import importlib.util, random, sys
sys.path.insert(0, {here!r})
from bench_binascii import SIZES, cases
spec = importlib.util.spec_from_file_location("binascii", {module!r})
m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)
size = SIZES[{label!r}]
func = dict(cases(m, size, random.Random(size)))[{name!r}]
for _ in range({calls}):
    func()
"""


def instructions(python, module, label, name, calls):
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "run.py"
        script.write_text(RUNNER.format(here=str(HERE), module=str(module), label=label,
                                        name=name, calls=calls))
        out = Path(tmp) / "callgrind.out"
        # A fixed hash seed: dict and set layouts, hence instruction
        # counts, are then the same in every run.
        proc = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
                               python, script], capture_output=True, text=True,
                              env={**os.environ, "PYTHONHASHSEED": "0"})
        found = re.search(r"Collected : (\d+)", proc.stderr)
        if proc.returncode or not found:
            sys.exit(f"instructions: callgrind failed for {name} at {label}:\n{proc.stderr[-2000:]}")
        return int(found.group(1))


def per_call(python, module, label, name, calls):
    return (instructions(python, module, label, name, 2 * calls)
            - instructions(python, module, label, name, calls)) / calls


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("python")
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--sizes", default="64 B,4 KiB", help="comma-separated SIZES keys")
    parser.add_argument("functions", nargs="*")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    from bench_binascii import SIZES, cases
    import random
    names = [name for name, _ in cases(__import__("binascii"), 64, random.Random(0))]
    print("| function | size | before | after | after/before |")
    print("| --- | --- | ---: | ---: | ---: |")
    for label in args.sizes.split(","):
        assert label in SIZES, f"unknown size {label!r}: {list(SIZES)}"
        for name in names:
            if args.functions and name not in args.functions:
                continue
            before = per_call(args.python, args.before, label, name, args.calls)
            after = per_call(args.python, args.after, label, name, args.calls)
            print(f"| {name} | {label} | {before:,.0f} | {after:,.0f} | {after / before:.2f} |",
                  flush=True)


if __name__ == "__main__":
    main()
