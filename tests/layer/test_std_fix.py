"""A missing std's fix names only packages and commands that exist.

Debian's std for a target is the host std's package at the target's
architecture, and only of use at the host std's version (bookworm has
libstd-rust-web-dev:s390x at 1.85 while rustc-web is 1.96). configure says
so; `rust-available` checks apt's candidate and names the apt command only
when it matches, else the layer's own std build. Every package the layer's
messages name is checked against apt's lists.
"""

import re
import shutil
import subprocess

import pytest

from fixture import REPO, clean_env, configure, make_project

RUSTC, CARGO = "/usr/bin/rustc", "/usr/bin/cargo"
TARGET = "s390x-unknown-linux-gnu"  # Debian has its std package, at another version
SOURCES = ["configure-rust.m4", "Makefile.rust.in", *map(str, (REPO / "xtask" / "src").rglob("*.rs"))]


def need_debian_cross():
    if not (shutil.which("apt-cache") and shutil.which("s390x-linux-gnu-gcc")):
        pytest.skip("needs apt and gcc-s390x-linux-gnu: sh ci/install-deps.sh")


def apt_has(package):
    return subprocess.run(["apt-cache", "show", package], capture_output=True).returncode == 0


def apt_names(text):
    """The package after each `apt install` / `apt-get install` in TEXT."""
    return [m.rstrip(",.") for m in re.findall(r"apt(?:-get)? install ([a-z0-9][a-z0-9.+:-]*)", text)]


def test_configure_names_the_package_at_this_rustcs_version_and_the_std_build(tmp_path):
    need_debian_cross()
    project = make_project(tmp_path)
    result = configure(project, "--host=s390x-linux-gnu", "CC=s390x-linux-gnu-gcc",
                       f"RUSTC={RUSTC}", f"CARGO={CARGO}", "--with-rust=yes", env=clean_env())
    out = result.stdout
    assert result.returncode != 0, out
    assert f"has no standard library for {TARGET}" in out, out
    assert ("apt install libstd-rust-web-dev:s390x, if apt offers it at the version of this rustc"
            in out), out
    assert f"cargo xtask build-std --target {TARGET}" in out, out
    for name in apt_names(out):
        assert apt_has(name), f"configure names {name}, which apt does not know:\n{out}"


def test_rust_available_names_apt_only_when_its_version_matches():
    need_debian_cross()
    done = subprocess.run(["cargo", "run", "--quiet", "--locked", "-p", "xtask", "--",
                           "rust-available", "--target", TARGET], cwd=REPO,
                          env=clean_env(RUSTC=RUSTC, CARGO=CARGO), capture_output=True, text=True)
    out = done.stdout + done.stderr
    assert done.returncode != 0, out
    assert f"the standard library for {TARGET} is not installed" in out, out
    assert f"cargo xtask build-std --target {TARGET}" in out, out
    assert "apt install libstd-rust-web-dev:s390x" not in out, out  # 1.85, not 1.96


def test_every_package_the_layer_names_exists():
    if not shutil.which("apt-cache"):
        pytest.skip("needs apt")
    named = set()
    for source in SOURCES:
        text = (REPO / source).read_text()
        named |= {n for n in apt_names(text) if "$" not in n and "{" not in n}
    named |= {"rust-web-src", "rust-src"}  # build_std.rs names both
    assert named, "no package name found: the pattern is stale"
    missing = sorted(n for n in named if not apt_has(n))
    assert not missing, f"the layer's messages name packages apt does not know: {missing}"
