"""The layer in an automake + libtool project (tests/fixture-am: a C library,
libdigits, calling the Rust archive, and a program linked against it),
each step as a user takes it: autoreconf, configure with every --with-rust,
the C define, VPATH builds, a second make without cargo, make check,
install, the shared and the static library (and a program linked against
the installed static one through pkg-config --static), make dist and
distcheck, an offline build of the tarball, clean and distclean."""

import functools
import os
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from fixture import CARGO_CONFIG_CUT, REPO, _scratch, clean_env
from make_helpers import SHARED_XTASK_TARGET, make

FIXTURE_AM = REPO / "tests" / "fixture-am"
OUTPUT = ("impl: rust", "answer: 42", "digit sum of 1234: 10")
EXTERNAL_PROGRAM = """#include <stdio.h>
#include <digits.h>
int main(void) { printf("%s %d %u\\n", digits_impl(), digits_answer(), digits_sum(1234)); return 0; }
"""


def needs_tools():
    missing = [t for t in ("autoreconf", "automake", "libtoolize", "pkg-config")
               if not shutil.which(t)]
    if missing:
        pytest.skip(f"missing {missing}: sh ci/install-deps.sh installs them")


@functools.lru_cache(maxsize=None)
def template() -> Path:
    """tests/fixture-am with the layer copied in as a client has it (and the
    fixture's answer crate and lock), after `autoreconf -fi`."""
    tree = _scratch() / "template-am"
    shutil.copytree(FIXTURE_AM, tree)
    for name in ("configure-rust.m4", "Makefile.rust.in", "xtask"):
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(
            src, tree / name, **({"ignore": shutil.ignore_patterns("target")}
                                 if src.is_dir() else {}))
    (tree / ".cargo").mkdir()
    config = (REPO / ".cargo" / "config.toml").read_text().split(CARGO_CONFIG_CUT)[0]
    (tree / ".cargo" / "config.toml").write_text(config.rstrip() + "\n")
    shutil.copytree(REPO / "tests" / "fixture" / "answer", tree / "rust-support" / "answer",
                    ignore=shutil.ignore_patterns("target"))
    shutil.copy2(REPO / "tests" / "fixture" / "Cargo.lock", tree / "Cargo.lock")
    (tree / "m4").mkdir()
    done = subprocess.run(["autoreconf", "-fi"], cwd=tree, text=True, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT)
    assert done.returncode == 0, done.stdout
    # AM_INIT_AUTOMAKE has -Wall -Werror: a warning would have failed it.
    assert "warning" not in done.stdout.lower(), done.stdout
    shutil.rmtree(tree / "autom4te.cache", ignore_errors=True)
    return tree


def build_dir(tmp_path, *configure_args):
    """A VPATH build of a fresh copy of the project, configured."""
    needs_tools()
    src = tmp_path / "src"
    shutil.copytree(template(), src, symlinks=True)
    build = tmp_path / "build"
    build.mkdir()
    done = subprocess.run([str(src / "configure"), f"--prefix={tmp_path / 'prefix'}",
                           *configure_args], cwd=build, env=env(), text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert done.returncode == 0, done.stdout
    return build, done.stdout


def env(**extra):
    return clean_env(RUST_XTASK_TARGET_DIR=str(SHARED_XTASK_TARGET), **extra)


def digits(build, *args):
    done = subprocess.run([str(build / "digits"), *args], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def assert_clean_make(result):
    assert result.returncode == 0, result.stdout[-6000:]
    for noise in ("overriding recipe", "is not portable", "Circular", "No rule to make"):
        assert noise not in result.stdout, result.stdout[-6000:]


@pytest.mark.parametrize("with_rust, impl", [("auto", "rust"), ("yes", "rust"), ("no", "c")])
def test_every_with_rust_value_and_the_c_define(tmp_path, with_rust, impl):
    build, _ = build_dir(tmp_path, f"--with-rust={with_rust}")
    assert_clean_make(make(build, "-j2", env=env()))
    assert f"impl: {impl}" in digits(build, "1234")
    config_h = (build / "config.h").read_text()
    assert ("#define HAVE_RUST 1" in config_h) == (impl == "rust"), config_h
    # the WITH_RUST conditional: its lines are active only with Rust
    makefile = (build / "Makefile").read_text()
    active = "\nlibdigits_la_LIBADD = $(RUST_LIBDIR)/libanswer.la\n" in makefile
    assert active == (impl == "rust")


def test_shared_library_check_install_and_no_cargo_the_second_time(tmp_path):
    build, _ = build_dir(tmp_path)
    first = make(build, "-j2", env=env())
    assert_clean_make(first)
    assert "CARGO    rust/libanswer.a" in first.stdout
    second = make(build, "-j2", env=env())
    assert_clean_make(second)
    assert "CARGO" not in second.stdout, second.stdout
    for line in OUTPUT:
        assert line in digits(build, "1234")
    # Rust's std is not exported from libdigits.so: only the C API is.
    exports = subprocess.run(["nm", "-D", "--defined-only", str(build / ".libs/libdigits.so")],
                             capture_output=True, text=True, check=True).stdout.split()
    assert sorted(s for s in exports if not s.isalnum() or s.startswith("digits")) \
        == ["digits_answer", "digits_impl", "digits_sum"], exports
    check = make(build, "check", env=env())
    assert check.returncode == 0 and "test tests::digit_sums ... ok" in check.stdout, \
        check.stdout[-4000:]
    assert "digit sum of 1234: 10" in check.stdout
    dest = tmp_path / "dest"
    assert make(build, "install", f"DESTDIR={dest}", env=env()).returncode == 0
    libdir = dest / str(tmp_path / "prefix" / "lib").lstrip("/")
    la = (libdir / "libdigits.la").read_text()
    assert "-lgcc_s" in la.split("dependency_libs=")[1].splitlines()[0], la


def test_static_library_carries_the_rust_objects(tmp_path):
    build, configured = build_dir(tmp_path, "--disable-shared")
    assert "keep Rust's objects in a static library's index..." in configured
    assert_clean_make(make(build, "-j2", env=env()))
    for line in OUTPUT:
        assert line in digits(build, "1234")
    members = subprocess.run(["ar", "t", str(build / ".libs/libdigits.a")],
                             capture_output=True, text=True, check=True).stdout.split()
    assert "digits.o" in members and any(m.startswith("answer-") for m in members), members
    dest = tmp_path / "dest"
    assert make(build, "install", f"DESTDIR={dest}", env=env()).returncode == 0
    prefix = dest / str(tmp_path / "prefix").lstrip("/")
    source = tmp_path / "external.c"
    source.write_text(EXTERNAL_PROGRAM)
    flags = subprocess.run(["pkg-config", f"--define-variable=prefix={prefix}", "--static",
                            "--cflags", "--libs", "digits"], capture_output=True, text=True,
                           check=True, env={**os.environ,
                                            "PKG_CONFIG_PATH": str(prefix / "lib/pkgconfig")})
    assert "-lgcc_s" in flags.stdout, flags.stdout
    program = tmp_path / "external"
    linked = subprocess.run(["gcc", str(source), "-o", str(program), *flags.stdout.split()],
                            capture_output=True, text=True)
    assert linked.returncode == 0, linked.stderr[-4000:]
    ran = subprocess.run([str(program)], capture_output=True, text=True)
    assert ran.stdout == "rust 42 10\n", ran.stdout + ran.stderr


def test_dist_distcheck_offline_tarball_and_cleaning(tmp_path):
    build, _ = build_dir(tmp_path)
    distcheck = make(build, "distcheck", env=env())
    assert distcheck.returncode == 0, distcheck.stdout[-6000:]
    assert "archives ready for distribution" in distcheck.stdout
    tarball = build / "digits-1.0.tar.gz"
    with tarfile.open(tarball) as tar:
        names = {n.split("/", 2)[1] for n in tar.getnames() if "/" in n}
    for needed in ("Cargo.toml", "Cargo.lock", ".cargo", "xtask", "rust-support",
                   "rust-vendor", "configure-rust.m4", "Makefile.rust.in"):
        assert needed in names, f"{needed} is not in the tarball: {sorted(names)}"

    # The tarball builds with no network at all, from its vendored crates.
    if subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode:
        pytest.fail("`unshare -n` is not permitted: run the tests as root")
    unpacked = tmp_path / "unpacked"
    unpacked.mkdir()
    with tarfile.open(tarball) as tar:
        tar.extractall(unpacked)
    offline = tmp_path / "offline"
    offline.mkdir()
    script = f"{unpacked / 'digits-1.0' / 'configure'} && make -j2"
    done = subprocess.run(["unshare", "-n", "sh", "-c", script], cwd=offline, env=env(),
                          text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert done.returncode == 0, done.stdout[-6000:]
    assert "impl: rust" in digits(offline, "1")

    assert make(build, "clean", env=env()).returncode == 0
    assert not list((build / "rust").glob("lib*.a")) if (build / "rust").exists() else True
    assert make(build, "distclean", env=env()).returncode == 0
    left = sorted(p.name for p in build.iterdir())
    assert not {"Makefile", "Makefile.rust", "config.status", "rust"} & set(left), left
