"""What Rust costs a CPython build: wall-clock times measured in one run.

    python3 tests/bench/build_cost.py [--version 3.13] [--jobs 2] [--rounds 2]

Builds the same applied source tree from scratch, without ccache,
`--with-rust=no` and with Rust (crates already downloaded: offline cost),
in alternating order (C, Rust, then Rust, C, ...) so that drift of the
machine falls on both; times a no-op `make` in each, a rebuild after
touching one `.rs` file, and Rust's build alone (`make rust-clean
rust-build`, the build driver included).  Prints a Markdown table of the
medians (docs/build-cost.md keeps the last one).
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
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()

    env = {**os.environ, "CC": "gcc", "CCACHE_DISABLE": "1"}
    src = applied_source(args.version)
    runs = {"c": [], "rust": []}
    edits, rust_alone = [], []
    for round_ in range(args.rounds):
        order = ["c", "rust"] if round_ % 2 == 0 else ["rust", "c"]
        for kind in order:
            flags = ["--with-rust=no"] if kind == "c" else []
            builddir, conf, make, noop = fresh_build(src, kind, flags, env, args.jobs)
            runs[kind].append((conf, make, noop))
            if kind == "rust":
                (src / TOUCHED_RS).touch()
                edits.append(timed(["make", f"-j{args.jobs}"], builddir, env))
                timed(["make", "rust-clean"], builddir, env)
                rust_alone.append(timed(["make", f"-j{args.jobs}", "rust-build"], builddir, env))
            shutil.rmtree(builddir)

    def median(kind, index):
        return statistics.median(run[index] for run in runs[kind])

    def each(kind, index):
        return ", ".join(f"{run[index]:.1f}" for run in runs[kind])

    c_conf, r_conf = median("c", 0), median("rust", 0)
    c_make, r_make = median("c", 1), median("rust", 1)
    c_noop, r_noop = median("c", 2), median("rust", 2)
    c_total = statistics.median(r[0] + r[1] for r in runs["c"])
    r_total = statistics.median(r[0] + r[1] for r in runs["rust"])
    print(f"CPython {VERSIONS[args.version]}, make -j{args.jobs}, {os.cpu_count()} cores, "
          f"no ccache, crates already downloaded, {args.rounds} rounds alternated "
          "(medians; each run in brackets)\n")
    print("| step | C binascii (`--with-rust=no`) | Rust binascii | Rust / C |")
    print("| --- | ---: | ---: | ---: |")
    print(f"| configure | {c_conf:.1f} s | {r_conf:.1f} s | {r_conf / c_conf:.2f} |")
    print(f"| make (full build) | {c_make:.1f} s ({each('c', 1)}) | "
          f"{r_make:.1f} s ({each('rust', 1)}) | {r_make / c_make:.2f} |")
    print(f"| configure + make | {c_total:.1f} s | {r_total:.1f} s | {r_total / c_total:.2f} |")
    print(f"| no-op make (median of 3) | {c_noop:.2f} s | {r_noop:.2f} s | {r_noop / c_noop:.2f} |")
    print(f"| make after touching `{TOUCHED_RS}` | - | {statistics.median(edits):.1f} s | - |")
    print(f"| Rust alone (`make rust-clean rust-build`) | - | "
          f"{statistics.median(rust_alone):.1f} s | - |")


if __name__ == "__main__":
    main()
