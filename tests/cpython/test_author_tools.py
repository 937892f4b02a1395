"""A module author's tools in a CPython tree: `cargo check`, `cargo
clippy` and `cargo doc` (what rust-analyzer runs, and the API's rendered
safety contracts) work from the root of an applied tree configured in
place, with no make environment: cpython-sys finds the tree's pyconfig.h
and takes the bindings of its version and build.

Also what the repository's own clippy cannot see: the code behind the
cfgs of 3.13 and of a free-threaded 3.14 (`Py_3_13`, `Py_GIL_DISABLED`),
linted here against the declared minimum Rust (clippy's
incompatible_msrv)."""

import os
import re
import shutil
import subprocess

import pytest

from cpython_build import applied_source, build_env, run

# What make would pass, none of which the author's shell has.
MAKE_ONLY = ("CPYTHON_BUILDDIR", "CPYTHON_SRCDIR", "CPYTHON_SYS_BINDINGS", "RUST_LAYER_RUSTFLAGS",
             "CARGO_TARGET_DIR", "RUSTFLAGS", "CARGO_BUILD_TARGET", "LIBCLANG_PATH")


@pytest.mark.parametrize("version, configure_args", [("3.13", []), ("3.14", ["--disable-gil"])],
                         ids=["3.13", "3.14t"])
def test_check_clippy_and_doc_work_from_the_tree_root(tmp_path, version, configure_args):
    tree = tmp_path / f"cpython-{version}"
    shutil.copytree(applied_source(version), tree, symlinks=True)
    run([tree / "configure", *configure_args], cwd=tree, env=build_env(),
        log=tmp_path / "configure.log")
    env = {k: v for k, v in os.environ.items() if k not in MAKE_ONLY and not k.startswith("DEP_")}
    for cmd in (["cargo", "check", "--workspace", "--all-targets"],
                ["cargo", "clippy", "--workspace", "--all-targets", "--", "-D", "warnings"],
                ["cargo", "doc", "--workspace", "--no-deps"]):
        proc = subprocess.run(cmd, cwd=tree, env=env, capture_output=True, text=True)
        assert proc.returncode == 0, f"{' '.join(cmd)} in {tree}:\n{proc.stderr[-6000:]}"
    # The bindings are the tree's, not the installed python3's.
    outputs = list((tree / "target" / "debug" / "build").glob("cpython-sys-*/output"))
    versions = {m for out in outputs for m in re.findall(r"cargo:version=(\S+)", out.read_text())}
    assert versions == {version}, versions
    # The API's documentation, with its safety contracts.
    page = tree / "target" / "doc" / "cpython_api" / "python" / "fn.attached.html"
    assert page.is_file(), "cargo doc rendered cpython_api"
    assert "Safety" in page.read_text()
