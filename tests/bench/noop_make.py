"""A no-op `make`'s cost with the layer of two revisions, side by side.

    python3 tests/bench/noop_make.py BEFORE [--runs 60]

Builds the fixture project (tests/fixture) twice, once with the layer
(configure-rust.m4, Makefile.rust.in, xtask/) of the git revision BEFORE
and once with the working tree's, then times a no-op `make` in each and
`rustc -vV` alone in one hyperfine run, interleaved by hyperfine's order,
so the machine's drift falls on all three.  Prints hyperfine's Markdown
table (docs/build-cost.md, "A no-op make").
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("before", help="git revision of the layer to compare with")
    parser.add_argument("--runs", type=int, default=60)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="noop-make-") as tmp:
        before = layer_tree(Path(tmp) / "before", args.before)
        after = layer_tree(Path(tmp) / "after")
        os.environ.update(clean_env())
        subprocess.run(["hyperfine", "-N", "--warmup", "5", "--runs", str(args.runs),
                        "--export-markdown", "-",
                        "-n", f"no-op make, layer of {args.before}", f"make -C {before}",
                        "-n", "no-op make, this layer", f"make -C {after}",
                        "-n", "rustc -vV alone", f"{real_tool('rustc')} -vV"],
                       check=True)


if __name__ == "__main__":
    main()
