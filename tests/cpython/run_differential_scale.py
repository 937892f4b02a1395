"""Command: the differential at scale against a Rust-built CPython.

    python3 tests/cpython/run_differential_scale.py --inputs 1e8 [--jobs 2]
        [--version 3.13] [--seed S] [--cases-file F]

Builds (or reuses) the test suite's CPython with the Rust binascii
(cpython_build.py, build/cpython/313-rust or 311-rust) and the C module from
the same tree (c_module.py), then runs differential_scale.py in it over the
tree's test mail messages and binaries. Its exit status is the run's: 1 when
a mismatch was found (it is then kept in the cases file).
"""

import argparse
import subprocess
import sys
from pathlib import Path

from c_module import build_c_binascii
from cpython_build import applied_source, build

HERE = Path(__file__).resolve().parent


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--version", choices=["3.13", "3.11"], default="3.13")
    args, rest = parser.parse_known_args(argv)
    b = build(args.version.replace(".", "") + "-rust", version=args.version)
    corpus = applied_source(args.version) / "Lib" / "test" / "test_email" / "data"
    command = [str(b.python), "-X", "faulthandler", str(HERE / "differential_scale.py"),
               "--c-module", str(build_c_binascii(b)), "--corpus", str(corpus), *rest]
    print("$ " + " ".join(command), flush=True)
    return subprocess.run(command, cwd=b.dir).returncode


if __name__ == "__main__":
    sys.exit(main())
