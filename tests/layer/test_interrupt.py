"""Interrupted builds: make, or only the cargo under it, killed at seeded
random points of a fixture build from clean.  The next `make` always ends
with a working program, and the `make` after that runs no cargo.
"""

import os
import random
import signal
import subprocess
import time

from fixture import clean_env, make_project
from make_helpers import SHARED_XTASK_TARGET, CargoLog, run_ask
from test_make import built, configured

ROUNDS = int(os.environ.get("RUST_LAYER_INTERRUPTS", "8"))
SEED = int(os.environ.get("RUST_LAYER_INTERRUPT_SEED", "20261203"))


def start_make(tree):
    """`make -j2` in a process group of its own, as a terminal runs it."""
    env = clean_env(RUST_XTASK_TARGET_DIR=str(SHARED_XTASK_TARGET))
    return subprocess.Popen(["make", "-j2"], cwd=tree, env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def interrupt(proc, how):
    """Ctrl-C (SIGINT to the group), a SIGKILL of the group, or a SIGKILL of
    the cargo processes alone (make then sees its recipe fail)."""
    if how == "cargo":
        subprocess.run(["pkill", "-KILL", "-g", str(proc.pid), "-x", "cargo"])
    else:
        try:
            os.killpg(proc.pid, signal.SIGINT if how == "int" else signal.SIGKILL)
        except ProcessLookupError:
            pass
    try:
        proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def test_interrupted_builds_recover(tmp_path):
    cargo = CargoLog(tmp_path)
    tree = configured(make_project(tmp_path), f"CARGO={cargo.path}")
    started = time.monotonic()
    built(tree, "-j2")
    full_build = time.monotonic() - started
    rng = random.Random(SEED)
    kinds = ["int", "kill", "cargo"]
    for round_no in range(ROUNDS):
        built(tree, "clean")
        how = kinds[round_no % len(kinds)]
        delay = rng.uniform(0, full_build)
        proc = start_make(tree)
        time.sleep(delay)
        interrupt(proc, how)
        what = f"round {round_no} (seed {SEED}): {how} after {delay:.2f}s"
        result = built(tree, "-j2")
        assert "answer: 42" in run_ask(tree), f"{what}: wrong program\n{result.stdout}"
        before = cargo.calls()
        built(tree, "-j2")
        assert cargo.calls() == before, f"{what}: the make after recovery ran cargo"
