"""Command: the `_json` differential at scale against a Rust-built CPython.

    python3 tests/cpython/run_json_differential_scale.py [--inputs 1e7] [--jobs 2]
        [--version 3.13|3.11|3.14] [--seed S] [--cases-file F] [--minimise N] ...

Builds (or reuses) the test suite's CPython with the Rust layer
(cpython_build.py, build/cpython/313-rust, 311-rust or 314-rust) and the C
_json from the same tree (c_module.py), then runs json_differential.py in
it: the kept cases, the tree's Lib/test/test_json documents and objects,
and --inputs generated calls (default 10^7, in chunks spread over --jobs
processes, default all CPUs). Other options go to json_differential.py.
Its exit status is the run's: 1 when a mismatch was found (the first ones
are minimised and kept in the cases file), 2 when a worker died.
"""

import argparse
import os
import subprocess
import sys
from pathlib import Path

from c_module import build_c_module
from cpython_build import build

HERE = Path(__file__).resolve().parent


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--version", choices=["3.13", "3.11", "3.14"], default="3.13")
    parser.add_argument("--inputs", default="1e7")
    parser.add_argument("--jobs", default=str(os.cpu_count() or 2))
    args, rest = parser.parse_known_args(argv)
    b = build(args.version.replace(".", "") + "-rust", version=args.version)
    command = [str(b.python), "-X", "faulthandler", str(HERE / "json_differential.py"),
               "--c-module", str(build_c_module(b, "_json", "_json.c")),
               "--inputs", args.inputs, "--jobs", args.jobs, *rest]
    print("$ " + " ".join(command), flush=True)
    return subprocess.run(command, cwd=b.dir).returncode


if __name__ == "__main__":
    sys.exit(main())
