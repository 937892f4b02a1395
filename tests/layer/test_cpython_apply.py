"""`cargo cpython apply` on a tree it cannot finish changes nothing: every
anchor and the autoconf that configure.ac requires are checked first, and
the message names the fix. `--help` works on every subcommand."""

import hashlib
import os
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from fixture import REPO, cpython_tree

# The 3.14-era tree of ../shared/cpython (README there): configure.ac says
# AC_PREREQ([2.72]).
SHARED_TREES = [Path(os.environ.get("RUST_LAYER_SHARED", REPO.parent / "shared")),
                Path("/work/shared")]
TARBALL = "cpython/cpython-fd545d7.tar.xz"


def apply(tree, *args, env=None):
    return subprocess.run(["cargo", "cpython", "apply", str(tree), *args], cwd=REPO,
                          capture_output=True, text=True, env=env)


def snapshot(tree):
    digest = hashlib.sha256()
    for path in sorted(p for p in Path(tree).rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(tree)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.mark.parametrize("args", [["cpython", "--help"], ["cpython", "apply", "--help"],
                                  ["cpython", "apply", "/nonexistent", "-h"]])
def test_help_works_on_every_subcommand(args):
    done = subprocess.run(["cargo", *args], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0 and "usage: cargo cpython apply" in done.stdout, done.stderr


def test_a_missing_anchor_changes_nothing(tmp_path):
    tree = cpython_tree(tmp_path)
    configure_ac = tree / "configure.ac"
    anchor = "PY_STDLIB_MOD_SIMPLE([binascii], [$BINASCII_CFLAGS], [$BINASCII_LIBS])"
    configure_ac.write_text(configure_ac.read_text().replace(anchor + "\n", ""))
    before = snapshot(tree)
    done = apply(tree)
    assert done.returncode == 1
    assert f"configure.ac has no line `{anchor}`" in done.stderr, done.stderr
    assert "nothing was changed" in done.stderr and "fix:" in done.stderr
    assert snapshot(tree) == before, "apply changed the tree before failing"


def test_a_314_tree_needs_autoconf_272_and_says_how_to_get_it(tmp_path):
    tarball = next((d / TARBALL for d in SHARED_TREES if (d / TARBALL).is_file()), None)
    if tarball is None:
        pytest.skip(f"no {TARBALL} (set RUST_LAYER_SHARED to the folder holding it)")
    with tarfile.open(tarball) as tar:
        tar.extractall(tmp_path)
    tree = tmp_path / "cpython-fd545d7"
    before = snapshot(tree)
    # PATH without any autoconf 2.72: Debian's autoconf is 2.71.
    bare_path = ":".join(d for d in os.environ["PATH"].split(":")
                         if not (Path(d) / "autoconf2.72").exists())
    done = apply(tree, env={**os.environ, "PATH": bare_path})
    assert done.returncode == 1
    assert "configure.ac needs autoconf 2.72 or newer (AC_PREREQ)" in done.stderr, done.stderr
    assert "fix: install autoconf 2.72: sh ci/install-autoconf.sh" in done.stderr
    assert snapshot(tree) == before, "apply changed the tree before failing"

    if not shutil.which("autoconf2.72"):
        pytest.fail("autoconf2.72 is not installed: sh ci/install-autoconf.sh (install-deps runs it)")
    done = apply(tree)
    assert done.returncode == 0, done.stderr
    assert "warning" not in done.stderr.lower(), done.stderr
    assert "--with-rust" in (tree / "configure").read_text()
