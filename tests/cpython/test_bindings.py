"""The pre-generated bindings: each set is what bindgen makes from its
CPython (the staleness test, which also shows that bindgen and the set give
the same bindings and layouts), no set is orphaned, and the build host's C
compiler stops a set that does not match the headers, naming what differs.
"""

import os
import re
import shutil
import subprocess

import pytest

from bindings_sets import CROSS, NATIVE, PLATFORMS_ONLY, SETS_DIR, configured, regen
from cpython_build import BUILDS, REPO, build

ALL_SETS = [*NATIVE, *CROSS]
PLATFORMS = os.environ.get("RUST_LAYER_PLATFORMS") == "1"


@pytest.mark.parametrize("name", [
    pytest.param(name, marks=pytest.mark.skipif(
        name in PLATFORMS_ONLY and not PLATFORMS,
        reason="a ci/platforms.sh row's (sh ci/platforms.sh powerpc)"))
    for name in ALL_SETS])
def test_the_set_is_what_bindgen_makes_from_its_cpython(name):
    done = regen(configured(name), check=True)
    assert done.returncode == 0, (done.stdout + done.stderr)[-6000:]


def test_every_stored_set_is_listed_and_complete():
    """Each listed set is stored (its two files, or a `same-as` line naming
    a stored one), and nothing else is: a set nobody checks would rot."""
    files = {p.name for p in SETS_DIR.iterdir()}
    aliases = dict(line.split() for line in (SETS_DIR / "same-as").read_text().splitlines()
                   if line and not line.startswith("#"))
    own = {f[:-3] for f in files if f.endswith(".rs")}
    assert own | set(aliases) == set(ALL_SETS)
    assert not own & set(aliases)
    assert files == {"same-as", *(f"{n}.rs" for n in own), *(f"{n}.layout" for n in own)}
    assert set(aliases.values()) <= own


@pytest.fixture(scope="module")
def tree():
    """A configured 3.13 tree to build cpython-sys against."""
    return build("313-rust", make=False)


def build_sys_with(tree, tmp_path, edit_rs=None, edit_layout=None):
    """Builds cpython-sys against `tree` with a copy of the tree's set,
    changed by the edits (str -> str)."""
    name = "3.13-release-64le"
    rs, layout = tmp_path / f"{name}.rs", tmp_path / f"{name}.layout"
    rs.write_text((edit_rs or str)((SETS_DIR / f"{name}.rs").read_text()))
    layout.write_text((edit_layout or str)((SETS_DIR / f"{name}.layout").read_text()))
    return build_sys(tree.dir, tree.makefile_var("srcdir"), CPYTHON_SYS_BINDINGS=str(rs))


def build_sys(builddir, srcdir, **env):
    """`cargo build -p cpython-sys` for the tree of `builddir` and `srcdir`."""
    env = {**os.environ, "CPYTHON_BUILDDIR": str(builddir), "CPYTHON_SRCDIR": str(srcdir),
           "CARGO_TARGET_DIR": str(BUILDS / "sys-target"), **env}
    return subprocess.run(["cargo", "build", "--quiet", "-p", "cpython-sys"], cwd=REPO,
                          env=env, capture_output=True, text=True)


def replace_once(old, new):
    def edit(text):
        assert text.count(old) == 1, f"{old!r} is not in the set once"
        return text.replace(old, new)
    return edit


def test_the_unchanged_set_builds(tree, tmp_path):
    done = build_sys_with(tree, tmp_path)
    assert done.returncode == 0, done.stderr[-4000:]


def test_c_compiler_catches_a_wrong_field_offset(tree, tmp_path):
    done = build_sys_with(tree, tmp_path,
                          edit_layout=replace_once("offset _object ob_type 8\n",
                                                   "offset _object ob_type 16\n"))
    assert done.returncode != 0
    assert "do not match this CPython's headers" in done.stderr, done.stderr[-4000:]
    assert "offset of PyObject.ob_type is 16" in done.stderr, done.stderr[-4000:]
    assert "fix: build with bindgen" in done.stderr


def test_c_compiler_catches_a_wrong_constant(tree, tmp_path):
    done = build_sys_with(tree, tmp_path,
                          edit_rs=replace_once("pub const METH_O: u32 = 8;",
                                               "pub const METH_O: u32 = 9;"))
    assert done.returncode != 0
    assert "METH_O is 9" in done.stderr, done.stderr[-4000:]


def test_rust_catches_a_struct_that_differs_from_its_layout(tree, tmp_path):
    def add_field(text):
        return re.sub(r"(pub struct _object \{\n)", r"\1    pub injected: u64,\n", text, count=1)
    done = build_sys_with(tree, tmp_path, edit_rs=add_field)
    assert done.returncode != 0
    assert "the bindings' offset of _object::ob_type is not 8" in done.stderr, \
        done.stderr[-4000:]


def test_a_cpython_without_a_set_names_the_fix(tree, tmp_path):
    """A version with no stored set (here: the tree's patchlevel says 3.99)
    fails before compiling anything, with both ways out."""
    fake = tmp_path / "src"
    shutil.copytree(tree.makefile_var("srcdir") + "/Include", fake / "Include")
    patchlevel = fake / "Include" / "patchlevel.h"
    patchlevel.write_text(patchlevel.read_text().replace(
        "#define PY_MINOR_VERSION        13", "#define PY_MINOR_VERSION        99"))
    done = build_sys(tree.dir, fake)
    assert done.returncode != 0
    assert "no pre-generated bindings for this CPython (3.99-release-64le" in done.stderr, \
        done.stderr[-3000:]
    assert "make RUST_FEATURES=bindgen" in done.stderr
