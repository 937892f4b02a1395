"""What Rust costs a CPython build: wall-clock times measured in one run.

    python3 tests/bench/build_cost.py [--version 3.13] [--jobs 2]

Builds the same applied source tree twice from scratch, without ccache:
`--with-rust=no` and with Rust (crates already downloaded: offline cost),
then times a no-op `make` in each, and a rebuild after touching one `.rs`
file.  Prints a Markdown table (docs/build-cost.md keeps the last one).
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "cpython"))
from cpython_build import BUILDS, VERSIONS, applied_source  # noqa: E402

TOUCHED_RS = "rust-support/binascii/src/lib.rs"


def timed(cmd, cwd, env):
    start = time.monotonic()
    subprocess.run(cmd, cwd=cwd, env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.monotonic() - start


def fresh_build(src, name, configure_args, env, jobs):
    builddir = BUILDS / f"cost-{name}"
    shutil.rmtree(builddir, ignore_errors=True)
    builddir.mkdir(parents=True)
    configure = timed([str(src / "configure"), *configure_args], builddir, env)
    make = timed(["make", f"-j{jobs}"], builddir, env)
    noop = statistics.median(timed(["make", f"-j{jobs}"], builddir, env) for _ in range(3))
    return builddir, configure, make, noop


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", choices=sorted(VERSIONS), default="3.13")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()

    env = {**os.environ, "CC": "gcc", "CCACHE_DISABLE": "1"}
    src = applied_source(args.version)
    c_dir, c_conf, c_make, c_noop = fresh_build(src, "c", ["--with-rust=no"], env, args.jobs)
    r_dir, r_conf, r_make, r_noop = fresh_build(src, "rust", [], env, args.jobs)
    (src / TOUCHED_RS).touch()
    r_edit = timed(["make", f"-j{args.jobs}"], r_dir, env)
    shutil.rmtree(c_dir)
    shutil.rmtree(r_dir)

    c_total, r_total = c_conf + c_make, r_conf + r_make
    print(f"CPython {VERSIONS[args.version]}, make -j{args.jobs}, {os.cpu_count()} cores, "
          "no ccache, crates already downloaded\n")
    print("| step | C binascii (`--with-rust=no`) | Rust binascii | Rust / C |")
    print("| --- | ---: | ---: | ---: |")
    print(f"| configure | {c_conf:.1f} s | {r_conf:.1f} s | {r_conf / c_conf:.2f} |")
    print(f"| make (full build) | {c_make:.1f} s | {r_make:.1f} s | {r_make / c_make:.2f} |")
    print(f"| configure + make | {c_total:.1f} s | {r_total:.1f} s | {r_total / c_total:.2f} |")
    print(f"| no-op make (median of 3) | {c_noop:.2f} s | {r_noop:.2f} s | {r_noop / c_noop:.2f} |")
    print(f"| make after touching `{TOUCHED_RS}` | - | {r_edit:.1f} s | - |")


if __name__ == "__main__":
    main()
