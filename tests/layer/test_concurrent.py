"""Two makes in one build tree at once (a second terminal, an editor's build
on save): both succeed, and so do `make` and `make check`.  Each round
deletes the stamp so that both run the driver, which copies the archives
and writes rust/build.d: the driver takes rust/build.lock, and its
temporary files are its own.
"""

import os
import subprocess

import pytest

from fixture import clean_env, make_project
from make_helpers import SHARED_XTASK_TARGET, run_ask
from test_make import built, configured

ROUNDS = int(os.environ.get("RUST_LAYER_CONCURRENT_ROUNDS", "20"))


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    tree = configured(make_project(tmp_path_factory.mktemp("concurrent")))
    built(tree, "check")
    return tree


def start(tree, goal):
    env = clean_env(RUST_XTASK_TARGET_DIR=str(SHARED_XTASK_TARGET))
    return subprocess.Popen(["make", goal], cwd=tree, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


@pytest.mark.parametrize("goals", [("all", "all"), ("all", "check")])
def test_two_makes_at_once_both_succeed(tree, goals):
    for round_no in range(ROUNDS):
        (tree / "rust" / "build.stamp").unlink()
        procs = [start(tree, goal) for goal in goals]
        outputs = [proc.communicate()[0] for proc in procs]
        for goal, proc, out in zip(goals, procs, outputs):
            assert proc.returncode == 0, f"round {round_no}: make {goal} failed:\n{out}"
        assert "answer: 42" in run_ask(tree), f"round {round_no}: wrong program"
        leftovers = sorted(p.name for p in (tree / "rust").glob("*.tmp"))
        assert not leftovers, f"round {round_no}: temporary files left: {leftovers}"
