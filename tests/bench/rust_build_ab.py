"""What a change of the layer costs the build: Rust's part of two
configured CPython builds (two revisions of the layer, or of its crates)
timed side by side, alternating, so the machine's drift falls on both.

    python3 tests/bench/rust_build_ab.py BEFORE_BUILDDIR AFTER_BUILDDIR
        [--rounds 3] [--jobs 2] [--touch rust-support/binascii/src/lib.rs]

Per round and build: `make rust-clean` then `make -jN rust-build` (every
crate and the build driver, from scratch: what a fresh build pays for
Rust), and `make -jN` after touching one `.rs` file in the build's source
tree (an edit's rebuild). Prints a Markdown table of the medians.
"""

import argparse
import statistics
import subprocess
import time
from pathlib import Path


def timed(cmd, cwd):
    start = time.monotonic()
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.monotonic() - start


def source_dir(builddir):
    """The tree `configure` was run from (the Makefile's `srcdir`)."""
    for line in (builddir / "Makefile").read_text().splitlines():
        if line.replace(" ", "").startswith("srcdir="):
            return (builddir / line.split("=", 1)[1].strip()).resolve()
    raise SystemExit(f"{builddir}/Makefile names no srcdir: is it a configured build?")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--touch", default="rust-support/binascii/src/lib.rs")
    args = parser.parse_args()

    builds = {"before": args.before.resolve(), "after": args.after.resolve()}
    fresh = {name: [] for name in builds}
    edit = {name: [] for name in builds}
    for round_ in range(args.rounds):
        order = list(builds) if round_ % 2 == 0 else list(reversed(builds))
        for name in order:
            builddir = builds[name]
            timed(["make", "rust-clean"], builddir)
            fresh[name].append(timed(["make", f"-j{args.jobs}", "rust-build"], builddir))
            (source_dir(builddir) / args.touch).touch()
            edit[name].append(timed(["make", f"-j{args.jobs}"], builddir))

    def cell(runs):
        return (f"{statistics.median(runs):.1f} s "
                f"({', '.join(f'{t:.1f}' for t in runs)})")

    print(f"make -j{args.jobs}, {args.rounds} rounds alternated (medians; each run in brackets)\n")
    print("| step | before | after | after / before |")
    print("| --- | ---: | ---: | ---: |")
    for label, runs in [("Rust alone (`make rust-clean rust-build`)", fresh),
                        (f"make after touching `{args.touch}`", edit)]:
        ratio = statistics.median(runs["after"]) / statistics.median(runs["before"])
        print(f"| {label} | {cell(runs['before'])} | {cell(runs['after'])} | {ratio:.2f} |")


if __name__ == "__main__":
    main()
