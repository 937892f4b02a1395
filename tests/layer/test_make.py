"""Makefile.rust and the xtask build driver, on the fixture project: the
program links the Rust static library; make runs cargo only when a source
changed; out-of-tree, read-only and spaced paths; clean and distclean;
verbosity; RUSTFLAGS, profile and LTO; rust-check and rust-available.
"""

import re
import subprocess
from pathlib import Path

import pytest

from fixture import clean_env, configure, make_project, real_tool, target_without_std
from make_helpers import (HOST_OUTPUT, CargoLog, diff_snapshots, make, mtime_ns, run_ask,
                          shown_rustflags, snapshot, touch)


def configured(project: Path, *args: str, build_dir: Path = None) -> Path:
    """Configure PROJECT (in BUILD_DIR when given) and return the build dir."""
    build_dir = build_dir or project
    build_dir.mkdir(parents=True, exist_ok=True)
    result = configure(project, *args, cwd=build_dir)
    assert result.returncode == 0, f"configure {' '.join(args)} failed:\n{result.stdout}"
    assert "creating Makefile.rust" in result.stdout, result.stdout
    return build_dir


def built(build_dir: Path, *args: str) -> subprocess.CompletedProcess:
    result = make(build_dir, *args)
    assert result.returncode == 0, f"make {' '.join(args)} failed:\n{result.stdout}"
    return result


def compiled_crates(output: str) -> set:
    return set(re.findall(r"^\s*Compiling (\S+) v", output, re.M))


def test_fixture_lock_lists_the_xtask_crates(tmp_path):
    """Every build uses --locked: the fixture's Cargo.lock must match the
    xtask's dependencies, which change in another file."""
    tree = make_project(tmp_path)
    result = subprocess.run([real_tool("cargo"), "metadata", "--locked", "--format-version",
                             "1", "--manifest-path", str(tree / "Cargo.toml")],
                            capture_output=True, text=True, env=clean_env())
    assert result.returncode == 0, (
        "tests/fixture/Cargo.lock does not match xtask/Cargo.toml; "
        f"fix: run tests/fixture/update-lock.sh\n{result.stderr}")


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """The fixture built in-tree with `make -j4`, CARGO logging its calls."""
    tmp = tmp_path_factory.mktemp("in-tree")
    cargo = CargoLog(tmp)
    tree = configured(make_project(tmp), f"CARGO={cargo.path}")
    result = built(tree, "-j4")
    return {"dir": tree, "cargo": cargo, "first_build": result.stdout}


def test_program_gets_its_answers_from_rust(project):
    out = run_ask(project["dir"], "1234")
    for line in HOST_OUTPUT:
        assert line in out, f"./ask 1234 printed:\n{out}"


def test_quiet_build_names_the_archive_not_the_command(project):
    first = project["first_build"]
    assert "  CARGO    rust/libanswer.a" in first, first
    assert "--message-format" not in first, f"cargo command shown without V=1:\n{first}"


def test_build_runs_cargo_for_the_target_with_locked(project):
    builds = [c for c in project["cargo"].calls() if "--message-format" in c]
    assert builds, f"no inner cargo build in {project['cargo'].calls()}"
    assert all("--locked" in c and "--target" in c and "-p answer" in c for c in builds), builds


def test_second_make_runs_no_cargo(project):
    before = project["cargo"].calls()
    result = built(project["dir"], "-j4")
    assert project["cargo"].calls() == before, (
        f"a no-op `make -j4` ran cargo:\n{project['cargo'].calls()[len(before):]}\n{result.stdout}")


def test_touching_a_rust_source_rebuilds_only_that_crate(project):
    tree = project["dir"]
    main_o = mtime_ns(tree / "main.o")
    ask = mtime_ns(tree / "ask")
    touch(tree / "answer/src/lib.rs", tree / "rust/build.stamp", tree / "ask")
    result = built(tree, "V=1")
    assert compiled_crates(result.stdout) == {"answer"}, result.stdout
    assert mtime_ns(tree / "main.o") == main_o, "main.o was recompiled for a Rust change"
    assert mtime_ns(tree / "ask") != ask, "ask was not relinked after the Rust change"


def test_build_script_inputs_are_tracked(project):
    """answer.txt is a build script's `rerun-if-changed`: editing it rebuilds."""
    tree = project["dir"]
    try:
        (tree / "answer/answer.txt").write_text("7\n")
        touch(tree / "answer/answer.txt", tree / "rust/build.stamp")
        built(tree)
        assert "answer: 7" in run_ask(tree), "the edit of answer.txt did not reach the program"
    finally:
        (tree / "answer/answer.txt").write_text("42\n")
        touch(tree / "answer/answer.txt", tree / "rust/build.stamp")
        built(tree)
    assert "answer: 42" in run_ask(tree)


def test_verbose_shows_the_cargo_commands(project):
    tree = project["dir"]
    touch(tree / "answer/src/lib.rs", tree / "rust/build.stamp")
    out = built(tree, "V=1").stdout
    target = re.search(r"--target (\S+)", out)
    assert target, f"V=1 shows no --target:\n{out}"
    assert re.search(r"cargo\S* build .*--manifest-path .*-p xtask", out), out
    assert re.search(r"cargo\S* build --message-format=json-render-diagnostics "
                     r".*--target \S+ --release -p answer --locked", out), out


def test_rust_features_reach_cargo_and_a_change_rebuilds(project):
    """RUST_FEATURES goes to cargo as --features (cargo names a feature the
    crate lacks); going back to the features the build was made with runs
    no cargo (a failed build records nothing)."""
    tree = project["dir"]
    built(tree)
    failed = make(tree, "V=1", "RUST_FEATURES=no-such-feature")
    assert failed.returncode != 0
    assert "--features no-such-feature" in failed.stdout, failed.stdout
    assert "no-such-feature" in failed.stdout.split("--features no-such-feature", 1)[1]
    again = built(tree, "V=1")
    assert "--message-format" not in again.stdout, again.stdout


def test_cargo_joins_makes_jobserver(project, tmp_path):
    """The build script (run by the inner cargo, under the xtask) is handed
    make's own jobserver, not one cargo made up: the `+` recipe and the
    xtask run without `cargo run` pass it down."""
    if not Path("/proc/self/fd").is_dir():
        pytest.skip("needs /proc to identify the jobserver's pipes")
    tree = project["dir"]
    make_side = tmp_path / "make-jobserver.log"
    script_side = tmp_path / "build-script-jobserver.log"
    wrapper = tmp_path / "cargo-jobserver"
    wrapper.write_text(
        "#!/bin/sh\n"
        "auth=$(printf '%s\\n' $MAKEFLAGS | sed -n 's/^--jobserver-auth=//p' | tail -n 1)\n"
        "case $auth in\n"
        "  fifo:*) id=$auth ;;\n"
        "  ?*) id=$(readlink /proc/$$/fd/${auth%%,*}),$(readlink /proc/$$/fd/${auth##*,}) ;;\n"
        "  *) id=none ;;\n"
        "esac\n"
        f"printf '%s\\n' \"$id\" >> '{make_side}'\n"
        f"exec '{real_tool('cargo')}' \"$@\"\n")
    wrapper.chmod(0o755)
    touch(tree / "answer/answer.txt", tree / "rust/build.stamp")
    built(tree, "-j2", f"CARGO={wrapper}", f"RUST_ENV=FIXTURE_JOBSERVER_LOG={script_side}")
    makes = make_side.read_text().split()
    assert makes and makes[0] != "none", f"make passed cargo no jobserver: {makes}"
    assert script_side.exists(), "the build script did not run"
    assert script_side.read_text() == makes[0], (
        f"cargo did not join make's jobserver {makes[0]}: the build script got "
        f"{script_side.read_text()!r}")


def test_rust_check_runs_the_crates_tests(project):
    result = make(project["dir"], "rust-check")
    assert result.returncode == 0, result.stdout
    assert "tests::digit_sums ... ok" in result.stdout, result.stdout


def test_rust_available_on_a_good_toolchain(project):
    result = make(project["dir"], "rust-available")
    assert result.returncode == 0, result.stdout
    assert "Rust is available for" in result.stdout, result.stdout
    assert "FAIL" not in result.stdout, result.stdout




def test_rust_available_names_a_missing_std_and_its_fix(project):
    target = target_without_std()
    result = make(project["dir"], "rust-available", f"RUST_TARGET={target}")
    assert result.returncode != 0, result.stdout
    assert f"the standard library for {target} is not installed" in result.stdout, result.stdout
    assert f"fix: rustup target add {target}" in result.stdout, result.stdout


def test_rust_available_without_cargo_says_what_to_do(project, tmp_path):
    result = make(project["dir"], "rust-available", f"CARGO={tmp_path}/no-such-cargo")
    assert result.returncode != 0, result.stdout
    assert "cargo does not run" in result.stdout, result.stdout
    assert "fix: install Rust" in result.stdout, result.stdout


def test_out_of_tree_build_leaves_the_source_alone(tmp_path):
    source = make_project(tmp_path)
    before = snapshot(source)
    build_dir = configured(source, build_dir=tmp_path / "build")
    built(build_dir, "-j2")
    for line in HOST_OUTPUT:
        assert line in run_ask(build_dir, "1234")
    assert (build_dir / "rust/libanswer.a").is_file()
    changes = diff_snapshots(before, snapshot(source))
    assert not changes, f"an out-of-tree build wrote into the source tree: {changes}"


def can_mount_read_only() -> bool:
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True)
    return probe.returncode == 0


def test_read_only_source_tree(tmp_path):
    """The source is a read-only bind mount (root ignores file modes), in a
    mount namespace of its own; configure and make run inside it."""
    if not can_mount_read_only():
        pytest.skip("`unshare -m` is not permitted here: run the tests as root "
                    "(or with CAP_SYS_ADMIN) to check read-only source trees")
    source = make_project(tmp_path)
    build_dir = tmp_path / "build"
    build_dir.mkdir()
    script = ('set -e; mount --bind -o ro "$1" "$1"; '
              'if touch "$1/write-probe" 2>/dev/null; then echo "source is writable"; exit 99; fi; '
              'cd "$2"; "$1/configure" >configure.out 2>&1 || { cat configure.out; exit 1; }; '
              'make -j2')
    result = subprocess.run(["unshare", "-m", "sh", "-c", script, "sh", str(source),
                             str(build_dir)], text=True, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    assert result.returncode != 99, "the bind mount did not make the source read-only"
    assert result.returncode == 0, f"build from a read-only source failed:\n{result.stdout}"
    assert "answer: 42" in run_ask(build_dir)


def test_path_with_spaces(tmp_path):
    """In-tree in a directory with a space: srcdir is `.`, and the
    absolute paths go to cargo quoted (a srcdir with a space is refused:
    test_a_source_path_with_spaces_is_refused_with_the_fix)."""
    tree = make_project(tmp_path / "with spaces")
    result = subprocess.run(["./configure"], cwd=tree, env=clean_env(), text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert result.returncode == 0, result.stdout
    built(tree, "-j2")
    assert "answer: 42" in run_ask(tree)
    depfile = (tree / "rust/build.d").read_text()
    assert "with\\ spaces/project/answer/src/lib.rs" in depfile, depfile
    # The escaped dependency works: an edit is seen, a no-op make is one.
    touch(tree / "answer/src/lib.rs", tree / "rust/build.stamp")
    assert "CARGO" in built(tree).stdout
    assert "CARGO" not in built(tree).stdout


def test_clean_and_distclean(tmp_path):
    tree = make_project(tmp_path)
    pristine = snapshot(tree)
    configured(tree)
    built(tree, "-j2")
    built(tree, "clean")
    assert not (tree / "rust").exists(), f"make clean left {list((tree / 'rust').rglob('*'))[:5]}"
    assert not (tree / "ask").exists() and not (tree / "main.o").exists()
    built(tree, "distclean")
    changes = diff_snapshots(pristine, snapshot(tree))
    assert not changes, f"make distclean did not restore the tree: {changes}"


def test_distclean_after_rust_was_turned_off(tmp_path):
    """A Rust build, then configure --with-rust=no: distclean still removes
    what the Rust build made."""
    tree = make_project(tmp_path)
    pristine = snapshot(tree)
    configured(tree)
    built(tree, "-j2")
    configured(tree, "--with-rust=no")
    built(tree)
    assert "impl: c" in run_ask(tree)
    built(tree, "distclean")
    changes = diff_snapshots(pristine, snapshot(tree))
    assert not changes, f"make distclean did not restore the tree: {changes}"


def test_a_source_path_with_spaces_is_refused_with_the_fix(tmp_path):
    """configure run by a path with a space (absolute or relative): make
    could not name the sources in rules, so configure refuses, whether Rust
    is wanted or not.  Its fix, a sibling build directory, builds."""
    tree = make_project(tmp_path / "with spaces")
    outside = tmp_path / "build"
    outside.mkdir()
    for how, cwd in ((str(tree / "configure"), outside),
                     ("../with spaces/project/configure", outside)):
        for rust in ("--with-rust=auto", "--with-rust=no"):
            result = subprocess.run([how, rust], cwd=cwd, env=clean_env(), text=True,
                                    stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            assert result.returncode != 0, result.stdout
            assert "has a space in it: make cannot name files under it" in result.stdout
            assert "cd '" in result.stdout and "&& ../project/configure" in result.stdout
    beside = tree.parent / "build"
    beside.mkdir()
    result = subprocess.run(["../project/configure"], cwd=beside, env=clean_env(), text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert result.returncode == 0, result.stdout
    built(beside, "-j2")
    assert "answer: 42" in run_ask(beside)


def test_rustflags_profile_and_lto(tmp_path):
    """configure's RUSTFLAGS reach the target crates only: the bogus link
    argument would break the xtask's and the build script's links."""
    tree = make_project(tmp_path)
    flags = "-C debug-assertions -C link-arg=-Wl,--no-such-flag-for-host-links"
    configured(tree, f"RUSTFLAGS={flags}")
    out = built(tree, "V=1", "RUST_LTO=yes").stdout
    assert "CARGO_PROFILE_RELEASE_LTO=true" in out, out
    assert shown_rustflags(flags) in out, out
    assert "debug assertions: yes" in run_ask(tree)

    (tree / "rust/build.stamp").unlink()
    built(tree, "RUST_PROFILE=debug", "RUSTFLAGS=")
    archives = list((tree / "rust/target").glob("*/debug/libanswer.a"))
    assert archives, "RUST_PROFILE=debug did not build the debug profile"
    assert "debug assertions: yes" in run_ask(tree)


def test_rust_disabled_runs_no_cargo(tmp_path):
    cargo = CargoLog(tmp_path)
    tree = make_project(tmp_path)
    pristine = snapshot(tree)
    configured(tree, "--with-rust=no", f"CARGO={cargo.path}")
    for target in ("-j2", "rust-check", "rust-vendor", "clean", "all", "distclean"):
        built(tree, target)
        if target == "all":
            assert "impl: c" in run_ask(tree, "1234"), "the C fallback is not used"
    assert cargo.calls() == [], f"cargo ran with Rust disabled: {cargo.calls()}"
    changes = diff_snapshots(pristine, snapshot(tree))
    assert not changes, f"make distclean did not restore the tree: {changes}"
