"""ci/platforms.sh's matrix (ci/platform_matrix.py): its help names every
row, `--record` keeps one table of every row, a failed or skipped row keeps
its reason, and the default test run (sh ci/test.sh) takes only CI's rows."""

import os
import subprocess
import sys

import pytest

from fixture import REPO

sys.path.insert(0, str(REPO / "ci"))
sys.path.insert(0, str(REPO / "tests" / "cpython"))
import platform_matrix  # noqa: E402
from cross_cpython import CROSS, picked  # noqa: E402


def test_the_help_names_every_row():
    done = subprocess.run(["sh", str(REPO / "ci" / "platforms.sh"), "--help"],
                          capture_output=True, text=True, check=True)
    rows = done.stdout.split("Rows:", 1)[1].split(". Logs:", 1)[0].split()
    assert rows == [r.name for r in platform_matrix.ROWS]


def test_every_cross_row_is_a_matrix_row():
    assert set(CROSS) <= set(platform_matrix.BY_NAME)


def test_record_replaces_its_rows_and_keeps_the_others(tmp_path, monkeypatch):
    doc = tmp_path / "platforms.md"
    old = ("| native | x86_64 (amd64) | glibc | `x86_64-unknown-linux-gnu` | s | CPython | yes | "
           "passed | 1m00s | 2026-01-01 |  |")
    stale = old.replace("native", "hppa").replace("passed", "failed")
    doc.write_text(f"head\n{platform_matrix.BEGIN} x -->\n{platform_matrix.HEADER}{stale}\n"
                   f"{old}\n{platform_matrix.END}\ntail\n")
    monkeypatch.setattr(platform_matrix, "DOC", doc)
    new = stale.replace("failed", "passed")
    platform_matrix.record([new])
    text = doc.read_text()
    assert text.startswith("head\n") and text.endswith(f"{platform_matrix.END}\ntail\n")
    rows = [line for line in text.splitlines() if line.startswith(("| native", "| hppa"))]
    assert rows == [old, new], text  # the matrix's order: native before hppa


@pytest.mark.parametrize("kind", ["FAILED", "SKIPPED"])
def test_a_row_keeps_pytests_reason(kind):
    why = ("AssertionError: cargo xtask build-std failed: error: could not compile `core`"
           if kind == "FAILED" else "x32: built with the Rust module; not run: qemu-user has "
           "no x32 ABI")
    log = (f"..F\n=========== short test summary info ===========\n"
           f"{kind} {'[1] ' if kind == 'SKIPPED' else ''}tests/cpython/test_313_cross.py"
           f"{':53: ' if kind == 'SKIPPED' else '::test_x[m68k] - '}{why}\n1 failed in 3s\n")
    assert platform_matrix.reason(log) == why


def test_a_row_whose_programs_cannot_run_says_so(monkeypatch, tmp_path):
    """Its stages' checks passed, its run under qemu was skipped: the table
    says "passed, not run" with the reason, not "passed"."""
    why = "sh4: built with the C module; not run: qemu-sh4 runs no sh4 program"
    log = (f"..s\n=========== short test summary info ===========\n"
           f"SKIPPED [1] tests/cpython/test_313_without_rust.py:48: {why}\n2 passed, 1 skipped\n")

    def pytest_run(cmd, cwd, env, stdout, stderr):
        stdout.write(log)
        return subprocess.CompletedProcess(cmd, 0)

    monkeypatch.setattr(platform_matrix, "LOGS", tmp_path)
    monkeypatch.setattr(platform_matrix.subprocess, "run", pytest_run)
    line, failed = platform_matrix.run(platform_matrix.Row(
        "sh4", "sh4 (sh4)", "glibc", "none", "stages", "CPython", ["t.py"]))
    cells = [cell.strip() for cell in line.split("|")]
    assert cells[8] == "passed, not run" and cells[11] == why and not failed, line


def test_the_default_run_takes_only_cis_rows(monkeypatch):
    monkeypatch.delenv("RUST_LAYER_CROSS", raising=False)
    assert picked(rust=True) == ["aarch64"]
    assert picked(rust=False) == [a for a, c in CROSS.items() if c.ci and c.rust_target is None]
    assert len(picked(rust=False)) == 1
    monkeypatch.setenv("RUST_LAYER_CROSS", "hppa,riscv64")
    assert (picked(rust=True), picked(rust=False)) == (["riscv64"], ["hppa"])


def test_platforms_sh_runs_rows_with_their_environment():
    row = platform_matrix.BY_NAME["m68k"]
    assert row.env == {"RUST_LAYER_CROSS": "m68k"} and row.target == CROSS["m68k"].rust_target
    assert platform_matrix.BY_NAME["sh4"].target == "none"
    assert os.path.exists(REPO / row.tests[0])
