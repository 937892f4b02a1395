"""When cargo cannot build the driver (xtask), Makefile.rust reads cargo's
error and names the cause with its fix; `make rust-available`, which needs
the driver too, says the same and never sends the user back to itself.
Each fault is injected into a built tree; the fix is applied, and the next
make succeeds.
"""

import re
import subprocess

import pytest

from fixture import STAND_INS, clean_env, make_project, real_tool
from make_helpers import SHARED_XTASK_TARGET, make, run_ask
from test_make import built, configured

CIRCULAR = "run 'make rust-available'"


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    tree = configured(make_project(tmp_path_factory.mktemp("driver-faults")))
    built(tree)
    return tree


def env(**extra):
    return clean_env(RUST_XTASK_TARGET_DIR=str(SHARED_XTASK_TARGET), **extra)


def fails_saying(tree, words, *args, environ=None):
    """`make ARGS` and `make rust-available ARGS` both fail, naming the
    cause (WORDS) and neither of them sending the user to rust-available."""
    (tree / "rust" / "build.stamp").unlink(missing_ok=True)
    for goal in ("all", "rust-available"):
        result = make(tree, goal, *args, env=environ or env())
        assert result.returncode != 0, f"make {goal} succeeded:\n{result.stdout}"
        missing = [w for w in words if w not in result.stdout]
        assert not missing, f"make {goal}: missing {missing} in:\n{result.stdout}"
        assert CIRCULAR not in result.stdout, result.stdout


def builds(tree, *args, environ=None):
    result = make(tree, *args, env=environ or env())
    assert result.returncode == 0, result.stdout
    assert "answer: 42" in run_ask(tree)


def damage(lock, how):
    text = lock.read_text()
    if how == "not TOML":
        lock.write_text(text + "this is = [not toml\n")
    elif how == "a checksum":
        i = text.index('checksum = "') + len('checksum = "')
        lock.write_text(text[:i] + ("0" if text[i] != "0" else "1") + text[i + 1:])
    else:  # a version no registry has
        lock.write_text(text.replace('name = "serde_json"\nversion = "',
                                     'name = "serde_json"\nversion = "9', 1))


@pytest.mark.parametrize("how", ["not TOML", "a checksum", "a version"])
def test_a_damaged_lock_file(tree, how):
    lock = tree / "Cargo.lock"
    good = lock.read_text()
    damage(lock, how)
    fails_saying(tree, [f"{lock} does not match the manifests or is damaged",
                        "fix: restore it (git checkout -- Cargo.lock",
                        "cargo generate-lockfile --manifest-path"])
    lock.write_text(good)
    builds(tree)


def test_a_damaged_lock_file_written_anew(tmp_path):
    """The other fix: cargo chooses the versions again (online)."""
    tree = configured(make_project(tmp_path))
    damage(tree / "Cargo.lock", "not TOML")
    fails_saying(tree, ["does not match the manifests or is damaged"])
    done = subprocess.run([real_tool("cargo"), "generate-lockfile", "--manifest-path",
                           str(tree / "Cargo.toml")], env=clean_env(), capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stderr
    builds(tree)


def test_a_deleted_lock_file(tree):
    lock = tree / "Cargo.lock"
    good = lock.read_text()
    lock.unlink()
    fails_saying(tree, [f"{lock} is missing", "fix: restore it (git checkout -- Cargo.lock"])
    lock.write_text(good)
    builds(tree)


def test_a_missing_compiler_wrapper(tree):
    wrapper = "no-such-sccache"
    environ = env(RUSTC_WRAPPER=wrapper)
    fails_saying(tree, [f"cargo cannot run {wrapper}, the compiler wrapper it was given "
                        f"(RUSTC_WRAPPER={wrapper})",
                        f"fix: install {wrapper}, or build without a wrapper: make RUSTC_WRAPPER="],
                 environ=environ)
    builds(tree, "RUSTC_WRAPPER=", environ=environ)


def test_a_rustc_whose_version_does_not_parse(tree):
    stand_in = STAND_INS / "rustc-reporting-version"
    environ = env(STAND_IN_RUST_VERSION="banana", STAND_IN_REAL_RUSTC=real_tool("rustc"))
    fails_saying(tree, [f"RUSTC ({stand_in}) is not rustc", "(release: banana)",
                        "fix: point RUSTC at a real rustc: make RUSTC=/path/to/rustc"],
                 f"RUSTC={stand_in}", environ=environ)
    builds(tree)


def test_a_rustc_that_fails(tree):
    stand_in = STAND_INS / "failing-tool"
    fails_saying(tree, ["stand-in tool failure", f"RUSTC ({stand_in}) fails when cargo asks",
                        "fix: point RUSTC at a working rustc"], f"RUSTC={stand_in}")
    builds(tree)


def test_a_rustc_that_does_not_exist(tree, tmp_path):
    gone = tmp_path / "no-rustc"
    fails_saying(tree, [f"RUSTC ({gone}) cannot be run", "make RUSTC=/path/to/rustc"],
                 f"RUSTC={gone}")
    builds(tree)


def test_a_full_disk_names_the_full_file_system(tree, tmp_path):
    """A tmpfs filled to the last byte holds the driver's target dir; the
    fix (space freed there) is applied in the same mount namespace."""
    if subprocess.run(["unshare", "-m", "true"], capture_output=True).returncode:
        pytest.skip("`unshare -m` is not permitted: run the tests as root")
    disk = tmp_path / "disk"
    disk.mkdir()
    (tree / "rust" / "build.stamp").unlink()
    script = """
        mount -t tmpfs -o size=200m tmpfs "$1" || exit 99
        dd if=/dev/zero of="$1/filler" bs=1M 2>/dev/null
        cd "$2"
        make RUST_XTASK_TARGET_DIR="$1/xtask"; echo "=== make $?"
        make rust-available RUST_XTASK_TARGET_DIR="$1/xtask"; echo "=== rust-available $?"
        rm "$1/filler"
        make RUST_XTASK_TARGET_DIR="$1/xtask"; echo "=== fixed $?"
    """
    done = subprocess.run(["unshare", "-m", "sh", "-c", script, "sh", str(disk), str(tree)],
                          env=clean_env(), text=True, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT)
    if done.returncode == 99:
        pytest.skip(f"cannot mount a tmpfs here:\n{done.stdout}")
    # [output, step, status, output, step, status, ...]
    parts = re.split(r"^=== (\S+) (\d+)$", done.stdout, flags=re.M)
    steps = {parts[i]: (parts[i + 1], parts[i - 1]) for i in range(1, len(parts) - 1, 3)}
    assert set(steps) == {"make", "rust-available", "fixed"}, done.stdout
    for step in ("make", "rust-available"):
        status, out = steps[step]
        assert status != "0", out
        for words in (f"The file system of {disk}/xtask/", f"(mounted at {disk}) is full",
                      "fix: free space on it (df -h"):
            assert words in out, f"{step}: missing {words!r} in:\n{out}"
        assert CIRCULAR not in out, out
    assert steps["fixed"][0] == "0", steps["fixed"][1]
    assert "answer: 42" in run_ask(tree)
