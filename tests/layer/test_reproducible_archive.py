"""The Rust archive names no directory of the build (docs/reference.md,
"Reproducible builds"): the fixture, its crate given a crates.io dependency,
built in two directories (in its tree, and out of a tree elsewhere) is the
same archive, in the release and in the debug profile, and no absolute path
of the trees, the build directories, CARGO_HOME or the vendor directory is
among its strings.  The cheap guard of the remappings; the whole CPython
build under reprotest is tests/cpython/test_reproducible.py (opt-in)."""

import os
import subprocess
from pathlib import Path

import pytest

from fixture import configure, make_project
from make_helpers import make

ARCHIVE = Path("rust") / "libanswer.a"
LIB_RS_ADDITION = '''
/// The length of a number quoted for a shell: shlex's code in the archive.
#[no_mangle]
pub extern "C" fn answer_quoted_len(n: u32) -> usize {
    shlex::try_quote(&n.to_string()).map_or(0, |q| q.len())
}
'''


def with_registry_dependency(project: Path) -> Path:
    """The fixture's crate calling shlex (from crates.io, and in Cargo.lock
    already, for the xtask): its sources are unpacked in CARGO_HOME, or
    taken from the vendor directory, so its paths reach the archive."""
    manifest = project / "answer" / "Cargo.toml"
    manifest.write_text(manifest.read_text() + '\n[dependencies]\nshlex = "1.3"\n')
    lib = project / "answer" / "src" / "lib.rs"
    lib.write_text(lib.read_text() + LIB_RS_ADDITION)
    lock = project / "Cargo.lock"
    entry = 'name = "answer"\nversion = "0.1.0"\n'
    text = lock.read_text()
    assert entry in text, f"{lock} has no entry `{entry!r}`: update this test to the fixture"
    lock.write_text(text.replace(entry, entry + 'dependencies = [\n "shlex",\n]\n'))
    return project


def built_archive(source: Path, build_dir: Path, *make_args: str) -> Path:
    """Configures SOURCE in BUILD_DIR (the same directory: in the tree),
    makes it, and returns the archive."""
    build_dir.mkdir(parents=True, exist_ok=True)
    done = configure(source, cwd=build_dir)
    assert done.returncode == 0, f"configure failed in {build_dir}:\n{done.stdout[-3000:]}"
    done = make(build_dir, *make_args)
    assert done.returncode == 0, f"make {' '.join(make_args)} failed in {build_dir}:\n{done.stdout[-3000:]}"
    return build_dir / ARCHIVE


def cargo_home() -> Path:
    return Path(os.environ.get("CARGO_HOME") or Path.home() / ".cargo")


def named_paths(archive: Path, roots) -> list:
    """The strings of ARCHIVE (`strings -a`) that contain one of ROOTS, in
    the form given or as the file system resolves it."""
    forms = {str(r) for r in roots} | {os.path.realpath(r) for r in roots}
    text = subprocess.run(["strings", "-a", str(archive)], capture_output=True, text=True,
                          check=True).stdout
    return sorted({line for line in text.splitlines() if any(f in line for f in forms)})


def assert_names_no_build_path(archive: Path, roots, what: str):
    found = named_paths(archive, roots)
    assert not found, (
        f"{what}: {archive} names directories of the build ({', '.join(map(str, roots))}):\n  "
        + "\n  ".join(found[:20])
        + "\nwhy: rustc writes source paths into debug info (DW_AT_comp_dir, file names) and "
        "panic locations unless a --remap-path-prefix covers them, so the archive depends on "
        "where it was built\nfix: give that directory its remapping in xtask/src/remap.rs "
        "(docs/reference.md, \"Reproducible builds\")")


@pytest.mark.parametrize("profile", ["release", "debug"])
def test_two_build_directories_make_the_same_archive(tmp_path, profile):
    project = with_registry_dependency(make_project(tmp_path / "a"))
    in_tree = built_archive(project, project, f"RUST_PROFILE={profile}")
    # Another depth and length of path, and a build directory apart from the source.
    elsewhere = tmp_path / "another-place" / "deeper"
    elsewhere.mkdir(parents=True)
    os.rename(make_project(tmp_path / "b"), elsewhere / "src")
    with_registry_dependency(elsewhere / "src")
    out_of_tree = built_archive(elsewhere / "src", elsewhere / "build", f"RUST_PROFILE={profile}")

    roots = [tmp_path, Path.home(), cargo_home()]
    assert_names_no_build_path(in_tree, roots, f"{profile} build in its tree")
    assert_names_no_build_path(out_of_tree, roots, f"{profile} build out of its tree")
    assert in_tree.read_bytes() == out_of_tree.read_bytes(), (
        f"the {profile} archive differs between builds in {project} and {elsewhere / 'build'}, "
        "which name no path of theirs: something else of the build directory reaches it\n"
        f"fix: `diffoscope {in_tree} {out_of_tree}` shows where; the driver's remappings are in "
        "xtask/src/remap.rs")


def test_the_vendor_directory_is_not_named(tmp_path):
    """An offline build from `make rust-vendor`'s directory, in the debug
    profile (the whole of each dependency's debug info is in the archive)."""
    project = with_registry_dependency(make_project(tmp_path))
    done = configure(project)
    assert done.returncode == 0, done.stdout[-3000:]
    vendored = make(project, "rust-vendor")
    assert vendored.returncode == 0, f"make rust-vendor failed:\n{vendored.stdout[-3000:]}"
    assert (project / "rust-vendor" / "shlex-1.3.0").is_dir(), "shlex was not vendored"
    archive = built_archive(project, project, "RUST_PROFILE=debug")
    assert_names_no_build_path(archive, [project / "rust-vendor", tmp_path, cargo_home()],
                               "vendored debug build")
    strings = subprocess.run(["strings", "-a", str(archive)], capture_output=True,
                             text=True, check=True).stdout
    assert "shlex-1.3.0/src/lib.rs" in strings, (
        f"{archive} names no shlex-1.3.0/src/lib.rs: shlex's debug info is not in it, so this "
        "test no longer sees the vendored sources\nfix: give the fixture's crate a dependency "
        "whose code the archive carries (with_registry_dependency)")
