"""Faults of the toolchain and the machine, each driven by a real fault or a
stand-in tool (the kernel's rust_is_available_test.py is the model): the
diagnosis never says "fine" when the build will fail, and every message
names the fault and a fix that works.  The stale-stamp faults are in
test_stamp.py.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from fixture import STAND_INS, clean_env, configure, make_project, real_tool, tool_env
from make_helpers import SHARED_XTASK_TARGET, make, run_ask
from test_make import built, configured


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """The fixture configured and built in-tree with the real toolchain."""
    tree = configured(make_project(tmp_path_factory.mktemp("faults")))
    built(tree)
    return tree


def failed(result, *words):
    """Assert a non-zero exit and that the output holds every one of WORDS."""
    assert result.returncode != 0, f"expected a failure:\n{result.stdout}"
    missing = [w for w in words if w not in result.stdout]
    assert not missing, f"missing {missing} in:\n{result.stdout}"


# 2. rust-available honours RUSTFLAGS.

def test_rust_available_fails_when_rustflags_break_rustc(project):
    result = make(project, "rust-available", "RUSTFLAGS=-C no-such-option=1")
    failed(result, "FAIL", "RUSTFLAGS", "no-such-option", "make RUSTFLAGS=")
    assert "Rust is available" not in result.stdout, result.stdout


def test_rust_available_looks_for_std_where_rustflags_point(project, tmp_path):
    """A --sysroot in RUSTFLAGS (WASI's way) is where the std is looked for."""
    sysroot = tmp_path / "empty-sysroot"
    sysroot.mkdir()
    result = make(project, "rust-available", f"RUSTFLAGS=--sysroot {sysroot}")
    failed(result, f"no libstd in {sysroot}")


def test_a_build_broken_by_make_time_rustflags_names_them(tmp_path):
    """From clean: the failed cargo build's fix names RUSTFLAGS."""
    tree = configured(make_project(tmp_path))
    result = make(tree, "RUSTFLAGS=-C no-such-option=1")
    failed(result, "cargo build for", "RUSTFLAGS ('-C no-such-option=1')", "make RUSTFLAGS=")


# 3. A rustup proxy whose toolchain is not installed (a real rustup).

def rustup_proxy(name: str) -> str:
    tool = real_tool(name)
    if Path(tool).resolve().name != "rustup":
        pytest.skip(f"{tool} is not a rustup proxy")
    return tool


MISSING_TOOLCHAIN = "1.60.0"


def test_configure_gives_rustups_fix_for_a_missing_toolchain(tmp_path):
    rustup_proxy("rustc")
    tree = make_project(tmp_path)
    env = tool_env(tmp_path, RUSTUP_TOOLCHAIN=MISSING_TOOLCHAIN)
    result = configure(tree, "--with-rust=yes", env=env)
    failed(result, f"toolchain '{MISSING_TOOLCHAIN}", "is not installed",
           f"RUSTUP_TOOLCHAIN={MISSING_TOOLCHAIN}", "rustup toolchain install",
           "unset RUSTUP_TOOLCHAIN")
    assert "install Rust 1.74 or newer" not in result.stdout, result.stdout


def test_rust_available_shows_rustups_words_for_a_missing_toolchain(project):
    rustup_proxy("cargo")
    env = clean_env(RUSTUP_TOOLCHAIN=MISSING_TOOLCHAIN,
                    RUST_XTASK_TARGET_DIR=str(SHARED_XTASK_TARGET))
    result = make(project, "rust-available", env=env)
    failed(result, "cargo does not run", "is not installed", "rustup toolchain install",
           f"unset RUSTUP_TOOLCHAIN (now {MISSING_TOOLCHAIN})")
    assert "install Rust 1.74 or newer" not in result.stdout, result.stdout


def test_a_build_with_a_missing_toolchain_says_what_to_run(tmp_path):
    rustup_proxy("cargo")
    tree = configured(make_project(tmp_path))
    env = clean_env(RUSTUP_TOOLCHAIN=MISSING_TOOLCHAIN,
                    RUST_XTASK_TARGET_DIR=str(SHARED_XTASK_TARGET))
    result = make(tree, env=env)
    failed(result, "is not installed",
           "Makefile.rust: cargo could not build the build driver (xtask)",
           "fix: run 'make rust-available'")


# 4. A version that is not a version.

def test_an_unparseable_rustc_version_is_not_called_too_old(tmp_path):
    tree = make_project(tmp_path)
    env = tool_env(tmp_path, STAND_IN_RUST_VERSION="banana",
                   STAND_IN_REAL_RUSTC=real_tool("rustc"))
    result = configure(tree, "--with-rust=yes", f"RUSTC={STAND_INS / 'rustc-reporting-version'}",
                       env=env)
    failed(result, "printed the version 'banana', which is not a rustc version",
           "RUSTC=/path/to/a/real/rustc")
    assert "too old" not in result.stdout and "rustup update" not in result.stdout, result.stdout


# 5. The driver cannot be built: CARGO_HOME read-only (the other causes:
# test_driver_faults.py).

def can_unshare_mounts() -> bool:
    return subprocess.run(["unshare", "-m", "true"], capture_output=True).returncode == 0


def test_a_read_only_cargo_home_is_named_with_its_fix(tmp_path):
    if not can_unshare_mounts():
        pytest.skip("`unshare -m` is not permitted: run the tests as root")
    tree = configured(make_project(tmp_path))
    home = tmp_path / "cargo-home"
    home.mkdir()
    script = 'mount --bind -o ro "$1" "$1" && cd "$2" && exec make'
    env = clean_env(CARGO_HOME=str(home), RUST_XTASK_TARGET_DIR=str(tmp_path / "xtask"))
    result = subprocess.run(["unshare", "-m", "sh", "-c", script, "sh", str(home), str(tree)],
                            env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    failed(result, f"CARGO_HOME ({home}), which is not writable",
           "fix: point CARGO_HOME at a writable directory: make CARGO_HOME=")
    # The fix works: a writable CARGO_HOME builds.
    writable = tmp_path / "writable-home"
    shutil.copytree(Path(os.environ.get("CARGO_HOME", Path.home() / ".cargo")) / "registry",
                    writable / "registry", symlinks=True,
                    ignore=shutil.ignore_patterns("src"))
    built(tree, f"CARGO_HOME={writable}")
    assert "answer: 42" in run_ask(tree)


# 7. The C compiler builds for another machine than config.guess says.

def test_a_cc_for_another_machine_without_host_names_host(tmp_path):
    """CC=i686-linux-gnu-gcc without --host: config.guess (which compiles
    with $CC) says x86_64-pc-linux-gnux32.  The fix is --host."""
    if not shutil.which("i686-linux-gnu-gcc"):
        pytest.skip("i686-linux-gnu-gcc is missing: run sh ci/install-deps.sh as root")
    tree = make_project(tmp_path)
    env = tool_env(tmp_path)
    result = configure(tree, "--with-rust=yes", "CC=i686-linux-gnu-gcc", env=env)
    failed(result, "configure with --host=i686-linux-gnu",
           "the C compiler (i686-linux-gnu-gcc) builds for i686-linux-gnu")
    # The fix works (a cross build to i686 when its std is installed).
    fixed = configure(tree, "--with-rust=yes", "--host=i686-linux-gnu",
                      "CC=i686-linux-gnu-gcc", env=env)
    assert "configure with --host" not in fixed.stdout, fixed.stdout
