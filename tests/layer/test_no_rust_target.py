"""A host whose architecture Rust has no target for (hppa, alpha, sh4; vax
beyond Debian), in each stage, through configure on the fixture project:
configure names the host and says Rust has no target for it, and the only
fix it gives is a build without Rust (never RUST_TARGET or installing Rust,
which cannot work there). With rustc installed its target list decides; with
none, the generated table's `none` rows do."""

import re

import pytest

from fixture import REQUIRED_SINCE, configure, make_project, substs, tool_env

HOSTS = {"hppa-linux-gnu": "hppa-unknown-linux-gnu", "alpha-linux-gnu": "alpha-unknown-linux-gnu",
         "sh4-linux-gnu": "sh4-unknown-linux-gnu", "vax-dec-ultrix4.2": "vax-dec-ultrix4.2"}
# Advice that cannot work where Rust has no target.
FUTILE = ("RUST_TARGET", "rustup", "install Rust", "target-list")
NO_TARGET_BUILD = "fix: build without Rust: ./configure --with-rust=no"


def run(tmp_path, stage, host, *args, rustc=True):
    project = make_project(tmp_path, stage)
    env = tool_env(tmp_path, None if rustc else {})
    result = configure(project, f"--host={host}", "CC=gcc", *args, env=env)
    return project, result.returncode, result.stdout


def no_target(host, cpu, rustc=True):
    """The problem configure states."""
    why = ("knows none for its architecture" if rustc
           else f"no rustc was found, and Rust has none for its architecture")
    return re.compile(rf"Rust has no target for host {re.escape(HOSTS[host])} \([^)]*{why}, "
                      rf"{re.escape(cpu)}\)")


def assert_no_futile_advice(out):
    for words in FUTILE:
        assert words not in out, f"{words!r} cannot help here:\n{out}"


# vax has no row in the table: without rustc, nothing knows it has no target.
@pytest.mark.parametrize("host,rustc", [
    *[(host, rustc) for host in ("hppa-linux-gnu", "alpha-linux-gnu", "sh4-linux-gnu")
      for rustc in (True, False)],
    ("vax-dec-ultrix4.2", True)])
def test_warn_builds_without_rust_and_says_so_twice(tmp_path, host, rustc):
    cpu = HOSTS[host].split("-")[0]
    project, status, out = run(tmp_path, "warn", host, rustc=rustc)
    assert status == 0, out
    assert substs(project, "WITH_RUST")["WITH_RUST"] == "no"
    warnings = [line for line in out.splitlines() if "WARNING" in line]
    assert len([w for w in warnings if no_target(host, cpu, rustc).search(w)]) == 2, out
    assert len([w for w in warnings if "pass --with-rust=no" in w]) == 2, out
    assert f"Rust will be required from {REQUIRED_SINCE} on" in warnings[-1], out
    # the final notice is the last thing configure prints
    assert out.rstrip().splitlines()[-1].startswith("configure: WARNING: fix:"), out
    assert_no_futile_advice(out)


@pytest.mark.parametrize("rustc", [True, False], ids=["rustc", "no-rustc"])
def test_opt_out_fails_naming_only_with_rust_no_which_builds(tmp_path, rustc):
    _, status, out = run(tmp_path / "auto", "opt-out", "hppa-linux-gnu", rustc=rustc)
    assert status != 0, out
    error = out[out.index("configure: error:"):]
    assert no_target("hppa-linux-gnu", "hppa", rustc).search(error), out
    assert error.rstrip().endswith(NO_TARGET_BUILD), out
    assert_no_futile_advice(out)
    project, status, out = run(tmp_path / "no", "opt-out", "hppa-linux-gnu", "--with-rust=no",
                               rustc=rustc)
    assert status == 0, out
    assert substs(project, "WITH_RUST")["WITH_RUST"] == "no"
    assert "WARNING" not in out, out


def test_with_rust_yes_fails_naming_with_rust_no(tmp_path):
    _, status, out = run(tmp_path, "warn", "sh4-linux-gnu", "--with-rust=yes")
    assert status != 0, out
    error = out[out.index("configure: error:"):]
    assert error.startswith("configure: error: --with-rust=yes, but Rust has no target for "
                            "host sh4-unknown-linux-gnu"), out
    assert error.rstrip().endswith(NO_TARGET_BUILD), out
    assert_no_futile_advice(out)


@pytest.mark.parametrize("args", [(), ("--with-rust=no",)], ids=["auto", "no"])
def test_require_fails_saying_since_when(tmp_path, args):
    _, status, out = run(tmp_path, "require", "alpha-linux-gnu", *args)
    assert status != 0, out
    error = out[out.index("configure: error:"):]
    since = (f"Rust is required since {REQUIRED_SINCE}" if args
             else f"Rust is required (since {REQUIRED_SINCE})")
    assert since in error, out
    assert "Rust has no target for host alpha-unknown-linux-gnu" in error, out
    assert error.rstrip().endswith(f"fix: none in this version, which needs Rust; a version "
                                   f"from before {REQUIRED_SINCE} builds here with "
                                   f"--with-rust=no"), out
    assert_no_futile_advice(out)
