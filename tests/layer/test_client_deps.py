"""A client carries only what its build needs: the build driver (xtask/),
whose dependencies are few, never this repository's tools (tools/: cbindgen,
the CPython glue), in its Cargo.lock or in its vendor directory."""

import shutil
import subprocess
import tomllib


from fixture import REPO, cpython_tree

# What the driver may pull in: serde_json (and what it builds with) and shlex.
DRIVER_CRATES = {"xtask", "serde_json", "serde_core", "itoa", "memchr", "zmij", "ryu", "shlex"}
TOOLS_ONLY = {"cbindgen", "tools", "toml", "tempfile", "heck", "indexmap"}


def locked_names(lock):
    return {p["name"] for p in tomllib.loads(lock.read_text())["package"]}


def test_no_client_lock_names_the_repositorys_tools():
    for lock in (REPO / "Cargo.lock", REPO / "tests" / "fixture" / "Cargo.lock"):
        names = locked_names(lock)
        assert "xtask" in names, lock
        assert not names & TOOLS_ONLY, f"{lock} names {sorted(names & TOOLS_ONLY)}"
    assert "cbindgen" in locked_names(REPO / "tools" / "Cargo.lock")


def test_the_driver_builds_few_crates():
    tree = subprocess.run(["cargo", "tree", "--locked", "-p", "xtask", "-e", "normal,build",
                           "--prefix", "none", "--format", "{p}"], cwd=REPO,
                          capture_output=True, text=True, check=True).stdout
    crates = {line.split()[0] for line in tree.splitlines() if line.strip()}
    assert crates <= DRIVER_CRATES, sorted(crates - DRIVER_CRATES)


def test_cpython_apply_copies_the_driver_not_the_tools(tmp_path):
    tree = cpython_tree(tmp_path)
    done = subprocess.run(["cargo", "cpython", "apply", str(tree), "--no-regen"], cwd=REPO,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (tree / "xtask" / "Cargo.toml").is_file()
    assert not (tree / "tools").exists()
    assert locked_names(tree / "Cargo.lock") == locked_names(REPO / "Cargo.lock")
    config = (tree / ".cargo" / "config.toml").read_text()
    assert "xtask =" in config and "tools/Cargo.toml" not in config, config


def test_a_workspace_written_from_scratch_takes_the_driver(tmp_path):
    """The driver's manifest inherits nothing: a client's own workspace needs
    no [workspace.package] for it."""
    shutil.copytree(REPO / "xtask", tmp_path / "xtask", ignore=shutil.ignore_patterns("target"))
    (tmp_path / "Cargo.toml").write_text('[workspace]\nresolver = "2"\nmembers = ["xtask"]\n')
    shutil.copy2(REPO / "tests" / "fixture" / "Cargo.lock", tmp_path / "Cargo.lock")
    done = subprocess.run(["cargo", "metadata", "--format-version", "1", "--no-deps",
                           "--offline", "--manifest-path", str(tmp_path / "Cargo.toml")],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
