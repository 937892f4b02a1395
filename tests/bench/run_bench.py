"""Builds CPython with the Rust binascii (or reuses the test build), compiles
the C binascii of the same tree with the same flags, and runs
bench_binascii.py with the built interpreter: both modules in one process.

    python3 tests/bench/run_bench.py [--version 3.13] [--repeat 5]
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
    args = parser.parse_args()
    name = f"{args.version.replace('.', '')}-rust"
    b = build(name, version=args.version)
    c_module = build_c_binascii(b)
    subprocess.run([str(b.python), str(HERE / "bench_binascii.py"), "--c-module", str(c_module),
                    "--repeat", str(args.repeat)], check=True)


if __name__ == "__main__":
    main()
