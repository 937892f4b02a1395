"""configure's host -> Rust target mapping for every Debian architecture
(release and ports), through configure on the fixture project: a test per
architecture. Its GNU triple comes from dpkg-architecture, the target it
must map to from the generated table's row (tools/src/platforms.rs names
each architecture once); configure canonicalizes the triple with
config.sub and checks the target against rustc's own target list.
Architectures Rust has no target for (`none`) must say so: that is
test_no_rust_target.py's subject, this file checks the mapping line."""

import re
import shutil
import subprocess

import pytest

from fixture import REPO, configure, make_project, tool_env

ROW = re.compile(r"^  (\S+)\) rust_table_target=(\S*) ;; # Debian: ([^;]+);", re.M)


def debian_rows():
    """{Debian architecture: Rust target or 'none'} from configure-rust.m4's
    generated table."""
    text = (REPO / "configure-rust.m4").read_text()
    return {arch.strip(): target for _pattern, target, arches in ROW.findall(text)
            for arch in arches.split(",")}


DEBIAN = debian_rows()


def gnu_type(arch):
    if not shutil.which("dpkg-architecture"):
        pytest.skip("dpkg-architecture is missing (apt install dpkg-dev)")
    done = subprocess.run(["dpkg-architecture", f"-a{arch}", "-qDEB_HOST_GNU_TYPE"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_table_names_the_release_and_ports_architectures():
    assert {"amd64", "arm64", "armel", "armhf", "i386", "mips64el", "mipsel", "ppc64el",
            "riscv64", "s390x", "alpha", "hppa", "hurd-amd64", "hurd-i386", "ia64", "loong64",
            "m68k", "powerpc", "ppc64", "sh4", "sparc64", "x32"} == set(DEBIAN)


@pytest.mark.parametrize("arch", sorted(DEBIAN))
def test_debian_architecture_maps_to_its_rust_target(tmp_path, arch):
    host = gnu_type(arch)
    project = make_project(tmp_path)
    # The build machine's gcc: the mapping comes before any link.
    result = configure(project, f"--host={host}", "CC=gcc", env=tool_env(tmp_path))
    assert result.returncode == 0, result.stdout
    line = re.search(r"^checking for the Rust target\.\.\. (.*)$", result.stdout, re.M)
    assert line, result.stdout
    if DEBIAN[arch] == "none":
        assert line.group(1).startswith("none: rustc knows no "), result.stdout
    else:
        assert line.group(1) == DEBIAN[arch], result.stdout
