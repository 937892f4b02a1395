"""`cargo xtask init`, as a new client meets it: on an automake + libtool
project and on a hand-written Makefile.in one (tests/layer/client_projects.py
writes them), whose lines it prints are applied as printed; both then build
with and without Rust, and no cargo, libtool or nm complaint is printed.
Also: a changed layer file is not replaced without --force, and an existing
workspace's Cargo.toml is kept, with what it lacks said."""

import shutil
import subprocess
from pathlib import Path

import pytest

import client_projects as cp
from fixture import REPO, clean_env
from make_helpers import SHARED_XTASK_TARGET, make


def needs_tools(*tools):
    missing = [t for t in tools if not shutil.which(t)]
    if missing:
        pytest.skip(f"missing {missing}: sh ci/install-deps.sh installs them")


def init(tree: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["cargo", "xtask", "init", str(tree), *args], cwd=REPO,
                          env=clean_env(), text=True, capture_output=True)


def init_ok(tree: Path) -> str:
    done = init(tree)
    assert done.returncode == 0, done.stdout + done.stderr
    # cargo's own warnings (a profile override that matches no package, ...)
    assert "warning" not in done.stdout + done.stderr, done.stdout + done.stderr
    return done.stdout


def autoreconf(tree: Path):
    done = subprocess.run(["autoreconf", "-fi"], cwd=tree, text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert done.returncode == 0, done.stdout
    assert "warning" not in done.stdout.lower(), done.stdout


def build(tree: Path, name: str, with_rust: str) -> Path:
    """A VPATH build of TREE with --with-rust=WITH_RUST; returns its dir."""
    where = tree.parent / name
    where.mkdir()
    env = clean_env(RUST_XTASK_TARGET_DIR=str(SHARED_XTASK_TARGET))
    done = subprocess.run([str(tree / "configure"), f"--with-rust={with_rust}"], cwd=where,
                          env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert done.returncode == 0, done.stdout
    built = make(where, env=env)
    assert built.returncode == 0, built.stdout[-6000:]
    # cargo's and libtool's warnings, nm's complaints, the unguarded archive
    assert "warning" not in built.stdout.lower(), built.stdout[-6000:]
    for complaint in ("no symbols", "No rule to make target", "not portable"):
        assert complaint not in built.stdout, built.stdout[-6000:]
    return where


def hello(where: Path) -> str:
    done = subprocess.run([str(where / "hello")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_an_automake_libtool_project_takes_the_lines_and_builds_with_and_without_rust(tmp_path):
    needs_tools("autoreconf", "automake", "libtoolize")
    tree = cp.automake_project(tmp_path / "hello")
    out = init_ok(tree)
    assert f"archive: rust/lib{cp.ARCHIVE}.a and .la (crate {cp.CRATE}" in out, out
    # jq's case: the library's variables exist, so the lines append to them,
    # inside the guard.
    assert (f"    if WITH_RUST\n    libhello_la_LIBADD += $(RUST_LIBDIR)/lib{cp.ARCHIVE}.la\n"
            "    libhello_la_LDFLAGS += $(RUST_HIDE_LDFLAGS)\n    # smaller: ") in out, out
    manifest = (tree / "Cargo.toml").read_text()
    assert f'members = ["xtask", "rust-support/{cp.CRATE}"]' in manifest, manifest
    assert "serde_json" in (tree / "Cargo.lock").read_text()
    cp.apply_snippets(tree, out)
    autoreconf(tree)

    with_rust = build(tree, "build-rust", "yes")
    assert hello(with_rust) == "rust 42"
    exports = subprocess.run(["nm", "-D", "--defined-only", str(with_rust / ".libs/libhello.so")],
                             capture_output=True, text=True, check=True).stdout
    assert sorted(line.split()[-1] for line in exports.splitlines() if " T " in line) \
        == ["hello_add", "hello_impl"], exports
    assert hello(build(tree, "build-c", "no")) == "c 42"


def test_a_makefile_in_project_takes_the_lines_and_builds_with_and_without_rust(tmp_path):
    needs_tools("autoreconf")
    tree = cp.makefile_in_project(tmp_path / "hello")
    out = init_ok(tree)
    assert f"RUST_LIBS = @RUST_TRUE@$(RUST_LIBDIR)/lib{cp.ARCHIVE}.a $(RUST_LDFLAGS)" in out, out
    cp.apply_snippets(tree, out)
    # The program's rule, from the printed template.
    template = next(lines for name, where, lines in cp.snippets(out)
                    if name == "Makefile.in" and where.startswith("each program"))
    rule = "\n".join(template).replace("PROGRAM", "hello").replace("OBJECTS", "hello.o main.o")
    makefile = (tree / "Makefile.in").read_text()
    old = "hello: hello.o main.o\n\t$(CC) $(CFLAGS) $(LDFLAGS) -o $@ hello.o main.o $(LIBS)"
    assert old in makefile
    (tree / "Makefile.in").write_text(makefile.replace(old, rule))
    autoreconf(tree)

    assert hello(build(tree, "build-rust", "yes")) == "rust 42"
    assert hello(build(tree, "build-c", "no")) == "c 42"


def test_a_changed_layer_file_is_replaced_only_with_force(tmp_path):
    tree = cp.makefile_in_project(tmp_path / "hello")
    init_ok(tree)
    (tree / "configure-rust.m4").write_text("dnl my own edit\n")
    (tree / "Makefile.rust.in").unlink()
    refused = init(tree)
    assert refused.returncode == 1
    assert "configure-rust.m4" in refused.stderr and "--force" in refused.stderr, refused.stderr
    assert "nothing was written" in refused.stderr
    assert not (tree / "Makefile.rust.in").exists()

    manifest = (tree / "Cargo.toml").read_text()
    forced = init(tree, "--force")
    assert forced.returncode == 0, forced.stderr
    assert "configure-rust.m4: replaced" in forced.stdout, forced.stdout
    assert (tree / "configure-rust.m4").read_bytes() == (REPO / "configure-rust.m4").read_bytes()
    assert (tree / "Makefile.rust.in").exists()
    assert (tree / "Cargo.toml").read_text() == manifest, "the manifest is the user's"


def test_an_existing_workspace_is_kept_and_told_what_it_lacks(tmp_path):
    tree = cp.automake_project(tmp_path / "hello")
    # CPython's override of a package this workspace does not have: cargo
    # warns about it at every build, and init says so.
    mine = ('[workspace]\nmembers = ["rust-support/*"]\n\n[profile.release]\nlto = true\n\n'
            '[profile.release.package.binascii]\nopt-level = "s"\n')
    (tree / "Cargo.toml").write_text(mine)
    first = init(tree)
    assert first.returncode == 1
    assert 'add "xtask" to [workspace] members' in first.stderr, first.stderr
    assert (tree / "Cargo.toml").read_text() == mine
    assert "[profile.release.package.binascii] names no package" in first.stdout, first.stdout
    assert '[profile.release]: add panic = "abort"' in first.stdout, first.stdout
    assert "[profile.release]: add codegen-units = 1" in first.stdout
    assert "lto" not in first.stdout.split("its profile:")[1]

    (tree / "Cargo.toml").write_text(mine.replace('["rust-support/*"]',
                                                  '["xtask", "rust-support/*"]'))
    second = init(tree)
    assert second.returncode == 0, second.stderr
    assert "Cargo.lock: updated (the driver's crates added)" in second.stdout, second.stdout
    assert "xtask/: unchanged" in second.stdout
    assert "serde_json" in (tree / "Cargo.lock").read_text()


def test_a_tree_without_configure_ac_is_refused_untouched(tmp_path):
    tree = tmp_path / "not-autoconf"
    tree.mkdir()
    done = init(tree)
    assert done.returncode == 1
    assert "has no configure.ac" in done.stderr and "fix: name the project's source root" \
        in done.stderr, done.stderr
    assert list(tree.iterdir()) == []
