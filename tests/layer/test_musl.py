"""The fixture project (a std crate) for x86_64 musl with Debian's musl-gcc
and a std from `cargo xtask build-std`: configure probes the native
libraries rustc names for musl (`-lunwind -lc`) and links and runs its proof
program with them. Without an unwinder for musl, configure names the library
the link lacks and how to provide it; with the one musl_toolchain.py
assembles, the fixture builds and runs natively, with no glibc in its link."""

import re
import subprocess

import pytest

import musl_toolchain
from fixture import clean_env, configure, make_project
from make_helpers import HOST_OUTPUT, make, run_ask
from std_sysroot import CARGO, RUSTC, std_sysroot

TARGET = "x86_64-unknown-linux-musl"
GCC = musl_toolchain.MUSL_GCC[TARGET][0]


@pytest.fixture(scope="module")
def musl_env():
    missing = musl_toolchain.missing(TARGET)
    if missing:
        pytest.skip(f"missing {missing[0]}")
    return clean_env(CARGO=CARGO, RUSTC=RUSTC, RUSTFLAGS=f"--sysroot {std_sysroot(TARGET)}")


def native_libs(out):
    found = re.search(r"^checking for the native libraries Rust static libraries need\.\.\. "
                      r"(.*)$", out, re.M)
    assert found, out
    return found.group(1).split()


def test_without_a_musl_unwinder_configure_names_the_library(tmp_path, musl_env):
    project = make_project(tmp_path)
    result = configure(project, "--host=x86_64-linux-musl", f"CC={GCC}", "--with-rust=yes",
                       env=musl_env)
    assert result.returncode != 0, result.stdout
    assert f"checking for the Rust target... {TARGET}\n" in result.stdout
    assert "-lunwind" in native_libs(result.stdout), result.stdout
    error = result.stdout[result.stdout.index("configure: error:"):]
    assert (f"its linker finds no -lunwind, which the standard library for {TARGET} needs"
            in error), error
    assert "fix: install libunwind built for this C library" in error, error


def test_with_its_unwinder_the_fixture_runs_on_musl(tmp_path, musl_env):
    project = make_project(tmp_path)
    result = configure(project, "--host=x86_64-linux-musl", f"CC={GCC}",
                       f"LDFLAGS={musl_toolchain.ldflags(GCC)}", "--with-rust=yes",
                       env=musl_env)
    assert result.returncode == 0, result.stdout
    assert native_libs(result.stdout) == ["-lunwind", "-lc"], result.stdout
    assert "whether a program linked with Rust runs... yes" in result.stdout, result.stdout

    build = make(project)
    assert build.returncode == 0, build.stdout
    output = run_ask(project, "1234")
    for line in HOST_OUTPUT:
        assert line in output, output
    linked = subprocess.run(["readelf", "-d", "-V", "-l", str(project / "ask")],
                            capture_output=True, text=True, check=True).stdout
    assert "ld-musl-x86_64.so.1" in linked and "GLIBC_" not in linked, linked
    assert "libc.so.6" not in linked and "libgcc_s" not in linked, linked
