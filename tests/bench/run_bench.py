"""Builds CPython with the Rust binascii (or reuses the test build), compiles
the C binascii of the same tree with the same flags, and runs
bench_binascii.py with the built interpreter: both modules in one process.

    python3 tests/bench/run_bench.py [--version 3.13] [--repeat 5]
    python3 tests/bench/run_bench.py --against OLD.so [--label before]

With `--against`, the reference is that module file (e.g. another
revision's Rust binascii for the same CPython build) instead of the C one.
"""

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "cpython"))
from c_module import build_c_binascii  # noqa: E402
from cpython_build import VERSIONS, build  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", choices=sorted(VERSIONS), default="3.13")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--against", help="a module file to compare with instead of C's")
    parser.add_argument("--label", default=None, help="its column name (default: C or before)")
    args = parser.parse_args()
    name = f"{args.version.replace('.', '')}-rust"
    b = build(name, version=args.version)
    reference = args.against or build_c_binascii(b)
    label = args.label or ("before" if args.against else "C")
    subprocess.run([str(b.python), str(HERE / "bench_binascii.py"), "--c-module", str(reference),
                    "--repeat", str(args.repeat), "--label", label], check=True)


if __name__ == "__main__":
    main()
