"""The cause configure and `make rust-available` quote when rustc fails
with the user's RUSTFLAGS is rustc's own error line: never a warning's
note, never empty, whatever colour or format the flags ask for.  A full
disk during configure's probes is named as such, not as the flags' fault.
Each fix (no such flags; space freed) then works.
"""

import re
import subprocess

import pytest

from fixture import configure, make_project, tool_env
from make_helpers import make
from test_make import built, configured

TARGET = "x86_64-unknown-linux-gnu"
UNKNOWN_OPTION = "error: unknown codegen option: `no-such-option`"
# RUSTFLAGS -> how rustc's cause starts.  `-C target-cpu=nonexistent`
# makes rustc warn first, with a note that says "hard error", then LLVM
# fails without an `error:` line of rustc's own.
CAUSES = {
    "-C no-such-option=1": UNKNOWN_OPTION,
    "--color=always -C no-such-option=1": UNKNOWN_OPTION,
    "--error-format=json -C no-such-option=1": UNKNOWN_OPTION,
    "-C target-cpu=nonexistent": "LLVM ERROR: ",
}


def assert_plain_cause(cause: str, expected: str):
    assert cause.startswith(expected), cause
    assert "note" not in cause and "warning" not in cause and "\x1b" not in cause, cause


@pytest.mark.parametrize("flags", CAUSES)
def test_configure_quotes_rustcs_error(tmp_path, flags):
    tree = make_project(tmp_path)
    env = tool_env(tmp_path)
    result = configure(tree, "--with-rust=yes", f"RUSTFLAGS={flags}", env=env)
    assert result.returncode != 0, result.stdout
    match = re.search(rf"could not build a static library for {TARGET}: (.*)\.$",
                      result.stdout, re.M)
    assert match, result.stdout
    assert_plain_cause(match.group(1), CAUSES[flags])
    assert "check RUSTFLAGS" in result.stdout, result.stdout
    fixed = configure(tree, "--with-rust=yes", env=env)
    assert fixed.returncode == 0, fixed.stdout


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    tree = configured(make_project(tmp_path_factory.mktemp("causes")))
    built(tree)
    return tree


@pytest.mark.parametrize("flags", CAUSES)
def test_rust_available_quotes_rustcs_error(project, flags):
    result = make(project, "rust-available", f"RUSTFLAGS={flags}")
    assert result.returncode != 0, result.stdout
    fail = next((line for line in result.stdout.splitlines() if "  FAIL  " in line), None)
    assert fail and "RUSTFLAGS" in fail, result.stdout
    cause = re.sub(r".*(?:with RUSTFLAGS '[^']*'|fails with RUSTFLAGS): ", "", fail)
    assert_plain_cause(cause, CAUSES[flags])
    assert "make RUSTFLAGS=" in result.stdout, result.stdout
    assert make(project, "rust-available", "RUSTFLAGS=").returncode == 0


def test_a_full_disk_during_configure_says_so(tmp_path):
    """A 2 MB tmpfs as the build directory: configure's own files fit,
    rustc's proof library (about 20 MB) does not.  The fix, more space
    (the tmpfs remounted larger), is applied in the same mount namespace."""
    if subprocess.run(["unshare", "-m", "true"], capture_output=True).returncode:
        pytest.skip("`unshare -m` is not permitted: run the tests as root")
    tree = make_project(tmp_path)
    build = tmp_path / "build"
    build.mkdir()
    script = """
        mount -t tmpfs -o size=2m tmpfs "$1" || exit 99
        cd "$1"
        "$2/configure" --with-rust=yes; echo "=== full $?"
        mount -o remount,size=400m "$1"
        "$2/configure" --with-rust=yes; echo "=== fixed $?"
    """
    done = subprocess.run(["unshare", "-m", "sh", "-c", script, "sh", str(build), str(tree)],
                          env=tool_env(tmp_path), text=True, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT)
    if done.returncode == 99:
        pytest.skip(f"cannot mount a tmpfs here:\n{done.stdout}")
    full, status, fixed, fixed_status, _ = re.split(r"^=== \S+ (\d+)$", done.stdout, flags=re.M)
    assert status != "0", full
    assert f"the file system of the build directory ({build}, mounted at {build}) is full" in full
    assert "No space left on device" in full and f"fix: free space on it (df -h {build}" in full
    assert "check RUSTFLAGS" not in full, full
    assert fixed_status == "0", fixed
