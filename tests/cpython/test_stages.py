"""The three stages on CPython 3.13.5 with Rust hidden from configure."""

import subprocess

import pytest

from cpython_build import applied_source, build, build_env
from fixture import tool_env


@pytest.fixture(scope="module")
def no_rust_env(tmp_path_factory):
    return build_env(tool_env(tmp_path_factory.mktemp("no-rust"), tools={}))


def configure(stage, tmp_path, env, *args):
    src = applied_source("3.13", stage)
    builddir = tmp_path / stage
    builddir.mkdir()
    proc = subprocess.run([str(src / "configure"), *args], cwd=builddir, env=env,
                          capture_output=True, text=True)
    return proc, proc.stdout + proc.stderr


def test_warn_builds_the_c_module_and_warns_last(no_rust_env):
    env = {"PATH": no_rust_env["PATH"]}
    b = build("313-warn-hidden", env=env)
    out = b.log.read_text()
    configure_out = out.split("$ make")[0]
    assert "WARNING" in configure_out and "Rust" in configure_out
    last_lines = "\n".join(configure_out.strip().splitlines()[-15:])
    assert "Rust" in last_lines, last_lines
    assert b.makefile_var("MODULE_BINASCII_SRC") == "binascii.c"
    assert b.run_python("-c", "import binascii").returncode == 0


def test_opt_out_fails_then_builds_with_rust_no(no_rust_env, tmp_path):
    proc, out = configure("opt-out", tmp_path, no_rust_env)
    assert proc.returncode != 0
    assert "--with-rust=no" in out
    (tmp_path / "opt-out").rename(tmp_path / "first")
    proc, out = configure("opt-out", tmp_path, no_rust_env, "--with-rust=no")
    assert proc.returncode == 0, out[-3000:]


def test_require_fails_either_way(no_rust_env, tmp_path):
    proc, out = configure("require", tmp_path, no_rust_env)
    assert proc.returncode != 0
    assert "cargo" in out.lower()
    (tmp_path / "require").rename(tmp_path / "first")
    proc, out = configure("require", tmp_path, no_rust_env, "--with-rust=no")
    assert proc.returncode != 0
    assert "Python 3.17" in out
