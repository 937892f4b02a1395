"""A no-op `make`'s cost with the layer of two revisions, side by side.

    python3 tests/bench/noop_make.py BEFORE [--runs 60]

Builds the fixture project (tests/fixture) twice, once with the layer
(configure-rust.m4, Makefile.rust.in, xtask/) of the git revision BEFORE
and once with the working tree's, then times a no-op `make` in each and
`rustc -vV` alone, in turns (before, after, rustc, before, ...), so the
drift of a busy machine falls on all three alike.  Prints a Markdown table
of the medians and minima (docs/build-cost.md, "A no-op make").
"""

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "layer"))
from fixture import CARGO_CONFIG_CUT, FIXTURE, LAYER_FILES, REPO, clean_env, real_tool  # noqa: E402


def layer_tree(where: Path, rev: str = None) -> Path:
    """The fixture with the layer of REV (None: the working tree), built."""
    shutil.copytree(FIXTURE, where)
    if rev:
        archive = subprocess.run(["git", "archive", rev, *LAYER_FILES], cwd=REPO,
                                 check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x"], cwd=where, input=archive, check=True)
    else:
        for name in LAYER_FILES:
            src, dst = REPO / name, where / name
            dst.parent.mkdir(parents=True, exist_ok=True)
            (shutil.copytree if src.is_dir() else shutil.copy2)(src, dst)
    config = where / ".cargo" / "config.toml"
    config.write_text(config.read_text().split(CARGO_CONFIG_CUT)[0])
    env = clean_env(RUST_XTASK_TARGET_DIR=str(where / "xtask-target"))
    for cmd in (["autoreconf", "-fi"], ["./configure"], ["make"]):
        subprocess.run(cmd, cwd=where, env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return where


def timed_ms(cmd, env) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
    return (time.perf_counter() - start) * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("before", help="git revision of the layer to compare with")
    parser.add_argument("--runs", type=int, default=100)
    args = parser.parse_args()
    env = clean_env()
    with tempfile.TemporaryDirectory(prefix="noop-make-") as tmp:
        commands = {
            f"no-op `make`, layer of {args.before}":
                ["make", "-C", str(layer_tree(Path(tmp) / "before", args.before))],
            "no-op `make`, this layer": ["make", "-C", str(layer_tree(Path(tmp) / "after"))],
            "`rustc -vV` alone": [real_tool("rustc"), "-vV"],
        }
        times = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, cmd in commands.items():
                times[name].append(timed_ms(cmd, env))
    print(f"| command ({args.runs} runs each, in turns) | median | min |")
    print("| --- | ---: | ---: |")
    for name, ms in times.items():
        print(f"| {name} | {statistics.median(ms):.1f} ms | {min(ms):.1f} ms |")


if __name__ == "__main__":
    main()
