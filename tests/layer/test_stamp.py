"""The stamp never outlives what it stands for: a deleted or truncated
archive, a deleted rust/build.d, or a change to what cargo is run with
(make's command line, RUST_ENV) makes the next `make` run the driver; a
no-op `make` after it runs no cargo.
"""

import os
from pathlib import Path

import pytest

from fixture import make_project
from make_helpers import CargoLog, make, mtime_ns, run_ask, shown_rustflags, touch
from test_make import built, compiled_crates, configured


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """The fixture built in-tree, CARGO logging its calls."""
    tmp = tmp_path_factory.mktemp("stamp")
    cargo = CargoLog(tmp)
    tree = configured(make_project(tmp), f"CARGO={cargo.path}")
    built(tree, "-j2")
    return {"dir": tree, "cargo": cargo}


def make_logging_cargo(project, *args: str) -> tuple:
    """`make ARGS`; returns (make's output, the cargo calls it made)."""
    before = len(project["cargo"].calls())
    out = built(project["dir"], *args).stdout
    return out, project["cargo"].calls()[before:]


def assert_no_op(project, *args: str):
    out, calls = make_logging_cargo(project, *args)
    assert not calls, f"a no-op `make {' '.join(args)}` ran cargo: {calls}\n{out}"


def assert_rebuilds(project, *args: str) -> str:
    out, calls = make_logging_cargo(project, *args)
    assert any("--message-format" in c for c in calls), (
        f"`make {' '.join(args)}` did not run the driver's cargo build: {calls}\n{out}")
    assert "answer: 42" in run_ask(project["dir"]), "the relinked program is wrong"
    return out


def archive(project) -> Path:
    return project["dir"] / "rust/libanswer.a"


def test_a_deleted_archive_is_rebuilt(project):
    archive(project).unlink()
    assert_rebuilds(project)
    assert archive(project).stat().st_size > 0
    assert_no_op(project)


def test_a_truncated_archive_is_rebuilt(project):
    stamp = project["dir"] / "rust/build.stamp"
    archive(project).write_bytes(b"")
    touch(archive(project), stamp)
    assert_rebuilds(project)
    assert archive(project).read_bytes().startswith(b"!<arch>\n")
    assert_no_op(project)


def test_a_deleted_depfile_is_rebuilt_and_tracks_sources_again(project):
    tree = project["dir"]
    (tree / "rust/build.d").unlink()
    assert_rebuilds(project)
    assert "answer/src/lib.rs" in (tree / "rust/build.d").read_text()
    assert_no_op(project)
    touch(tree / "answer/src/lib.rs", tree / "rust/build.stamp", tree / "ask")
    out = assert_rebuilds(project, "V=1")
    assert compiled_crates(out) == {"answer"}, out
    assert_no_op(project)


def test_a_no_op_keeps_the_stamp_and_the_program(project):
    """The stamp's recipe is empty on a no-op: nothing that depends on the
    stamp is relinked."""
    tree = project["dir"]
    times = {name: mtime_ns(tree / name) for name in ("rust/build.stamp", "ask", "main.o")}
    assert_no_op(project, "-j2")
    assert {name: mtime_ns(tree / name) for name in times} == times


@pytest.mark.parametrize("setting", [
    "RUSTFLAGS=-C debug-assertions",
    "RUST_PROFILE=debug",
    "RUST_LTO=yes",
    "RUST_ENV=FIXTURE_UNUSED=1",
])
def test_a_setting_on_makes_command_line_rebuilds(project, setting):
    """What cargo is run with is part of what make compares: the new value
    rebuilds, repeating it does not, and going back rebuilds again."""
    out = assert_rebuilds(project, setting, "V=1")
    name, value = setting.split("=", 1)
    shown = {"RUSTFLAGS": shown_rustflags(value), "RUST_PROFILE": "--profile \"debug\"",
             "RUST_LTO": "CARGO_PROFILE_RELEASE_LTO=true", "RUST_ENV": value}[name]
    assert shown in out, f"`make {setting}` did not build with it:\n{out}"
    if name == "RUSTFLAGS":
        assert "debug assertions: yes" in run_ask(project["dir"])
    assert_no_op(project, setting)
    assert_rebuilds(project)
    assert "debug assertions: no" in run_ask(project["dir"])
    assert_no_op(project)


def test_quotes_dollars_and_hashes_are_recorded_exactly(project):
    """RUST_BUILT_WITH goes through the shell and back through make: a value
    with ', $, # and spaces must compare equal on the next make."""
    setting = "RUST_ENV=FIXTURE_UNUSED='it''s $$HOME #1  two'"
    assert_rebuilds(project, setting)
    assert_no_op(project, setting)
    assert_rebuilds(project)
    assert_no_op(project)


def test_the_archive_is_never_half_written(project):
    """The driver copies through a temporary file and renames it."""
    tree = project["dir"]
    os.utime(tree / "answer/src/lib.rs")
    out = assert_rebuilds(project, "V=1")
    assert not list((tree / "rust").glob("*.tmp")), out
