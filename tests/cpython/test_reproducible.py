"""Reproducible CPython builds (docs/cpython.md, "Reproducible builds"):
reprotest builds CPython 3.13.5 twice with the Rust binascii, varying the
build path, the user, umask and locale, the time and the order of
directory entries, and twice with the C binascii (`--with-rust=no`), the
same way.  The Rust archive is the same in both builds; the binascii
extension, libpython and `python` are too, or differ only in parts where
the C-only builds differ as well; and no string of them names a directory
of the build that the C-only build's do not.  Release and `--with-pydebug`.

Four CPython builds per profile (about 40 minutes both, here): CI skips them
unless RUST_LAYER_REPRO=1 (README); the checks' own tests, at the end, run
always.
"""

import os
import subprocess

import pytest

import reproducible

opt_in = pytest.mark.skipif(
    os.environ.get("RUST_LAYER_REPRO") != "1",
    reason="four CPython builds per profile under reprotest; run with RUST_LAYER_REPRO=1")

ARTIFACTS = {"the binascii extension": "binascii.*.so", "libpython": "libpython3.13*.a",
             "python": "python"}


def module_is_rust(path) -> bool:
    comment = subprocess.run(["readelf", "-p", ".comment", str(path)], capture_output=True,
                             text=True).stdout
    return "rustc" in comment


@pytest.fixture(scope="module")
def tools():
    lacks = reproducible.missing()
    assert not lacks, ("this machine lacks what the reproducibility builds need: "
                       + "; ".join(lacks) + f"\nfix: {reproducible.INSTALL}")


def check_archive(rust, archive, profile):
    """A Rust archive is the same in reprotest's two builds and names no
    directory of either."""
    assert rust.identical(archive), (
        f"{profile}: the Rust archive {archive} differs between reprotest's two builds, in "
        f"{sorted(rust.differing_parts(archive))[:20]}\nwhy: something of the build "
        "(path, user, time, locale, file order) reaches the Rust objects\nfix: read "
        f"{rust.store}/experiment-1.diffoscope.out; paths get a --remap-path-prefix in "
        "xtask/src/remap.rs, anything else is a Rust crate's own (a build script's output)")
    leaks = rust.leaks(archive)
    assert not leaks, (
        f"{profile}: the Rust archive {archive} names directories of its build:\n  "
        + "\n  ".join(sorted(leaks)[:20])
        + "\nfix: give the directory its --remap-path-prefix in xtask/src/remap.rs")


@opt_in
@pytest.mark.parametrize("profile", ["release", "pydebug"])
def test_cpython_with_rust_builds_reproducibly(tools, profile):
    rust = reproducible.run(rust=True, pydebug=profile == "pydebug")
    c_only = reproducible.run(rust=False, pydebug=profile == "pydebug")
    extension = rust.artifact("binascii.*.so")
    assert module_is_rust(rust.control / extension), (
        f"{rust.control / extension} is not the Rust module: configure chose the C one "
        f"(its log: {rust.log})")
    assert not module_is_rust(c_only.control / c_only.artifact("binascii.*.so")), (
        f"{c_only.name}'s binascii is the Rust module: --with-rust=no did not hold")

    for archive in ("libcpython_rust.a", "libcpython_rust_binascii.a", "libcpython_rust_json.a"):
        check_archive(rust, archive, profile)

    for what, pattern in ARTIFACTS.items():
        name, c_name = rust.artifact(pattern), c_only.artifact(pattern)
        if not rust.identical(name):
            extra = rust.differing_parts(name) - c_only.differing_parts(c_name)
            assert not extra, (
                f"{profile}: {what} ({name}) differs between the two Rust builds in parts "
                f"where the C-only builds are identical: {sorted(extra)[:20]}\nfix: read "
                f"{rust.store}/experiment-1.diffoscope.out against "
                f"{c_only.store}/experiment-1.diffoscope.out")
        extra = rust.leaks(name) - c_only.leaks(c_name)
        assert not extra, (
            f"{profile}: {what} ({name}) names directories of the Rust build that the "
            f"C-only build's does not:\n  " + "\n  ".join(sorted(extra)[:20])
            + "\nfix: give the directory its --remap-path-prefix in xtask/src/remap.rs")


# The checks' own tests (no CPython build, run always): each finds what it
# is there to find.

CONTROL = ("build.sh: build_path=/tmp/r.1/const_build_path user_group=root:root umask=0022 "
           "locales= time=2026-12-05 fileordering=ext2/ext3 home=/tmp/r.1/const_build_path/ "
           "timezone=GMT+12 exec_path=/bin environment=")
EXPERIMENT = ("build.sh: build_path=/tmp/r.1/build-experiment-1 user_group=nobody:nogroup "
              "umask=0002 locales=et_EE.UTF-8 time=2028-01-07 fileordering=fuseblk "
              "home=/nonexistent/second-build timezone=GMT-14 exec_path=/i_capture_the_path "
              "environment=i_capture_the_environment")


def test_the_variations_are_read_from_what_the_builds_ran_under():
    assert reproducible.not_varied(f"INFO:x\n{CONTROL}\nINFO:y\n{EXPERIMENT}\n") == []
    same_user = EXPERIMENT.replace("nobody:nogroup", "root:root")
    assert reproducible.not_varied(f"{CONTROL}\n{same_user}") == ["user_group"]
    no_fuse = EXPERIMENT.replace("fuseblk", "ext2/ext3").replace("time=2028-01-07", "time=2026-12-05")
    assert reproducible.not_varied(f"{CONTROL}\n{no_fuse}") == ["time", "fileordering"]
    assert reproducible.not_varied(CONTROL) == ["anything (build.sh's line is missing)"]


def test_the_comparison_names_the_member_and_section_that_differ(tmp_path):
    def archive(name, value):
        (tmp_path / name).mkdir()
        for obj, source in [("same.o", "int f(void) { return 7; }\n"),
                            ("data.o", f"int x = {value};\n")]:
            (tmp_path / name / obj.replace(".o", ".c")).write_text(source)
            subprocess.run(["gcc", "-c", "-o", obj, obj.replace(".o", ".c")],
                           cwd=tmp_path / name, check=True)
        subprocess.run(["ar", "crD", "lib.a", "same.o", "data.o"], cwd=tmp_path / name,
                       check=True)
        return tmp_path / name / "lib.a"

    a, b, c = archive("a", 1), archive("b", 2), archive("c", 1)
    assert reproducible.differing_parts(a, b) == {("data.o", ".data")}
    assert reproducible.differing_parts(a, c) == set()
    assert reproducible.differing_parts(a.parent / "same.o", b.parent / "same.o") == set()
    assert reproducible.differing_parts(a.parent / "data.o", b.parent / "data.o") == {("", ".data")}


def test_the_repro_install_profile_has_every_tool():
    listed = subprocess.run(["sh", str(reproducible.REPO / "ci" / "install-deps.sh"), "--list",
                             "repro"], capture_output=True, text=True, check=True).stdout.split()
    wanted = set(reproducible.TOOLS.values()) | {"locales-all"}
    assert wanted <= set(listed), f"{reproducible.INSTALL} lacks {sorted(wanted - set(listed))}"
