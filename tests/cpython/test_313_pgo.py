"""CPython 3.13.5 the way distributions build it: PGO's clean-retain-profile
between the two builds, and a whole `--enable-optimizations --with-lto`
build with the Rust binascii."""

import os
import shlex
import subprocess

import pytest

from cpython_build import BUILDS, build
from test_313_default import binascii_file, is_rust_binary
from toolenv import cargo_spy

# CPython's clean-retain-profile deletes by these patterns (Makefile.pre.in,
# 3.11 to main); unmodified, they reach into rust/ too.
RETAIN_PROFILE_PATTERNS = ("*.[oa]", "*.s[ol]", "*.so.[0-9]*.[0-9]*", "*.lto")


def spied_make(b, tmp_path, *targets):
    """`make TARGETS` with a cargo that logs its calls; returns the calls."""
    log = tmp_path / "cargo.log"
    log.unlink(missing_ok=True)
    spy = cargo_spy(tmp_path / "bin", log)
    b.make(*targets, f"CARGO={spy}/cargo")
    return log.read_text().splitlines() if log.exists() else []


def assert_rust_binascii_works(b):
    assert is_rust_binary(binascii_file(b))
    proc = b.run_python("-m", "test", "test_binascii", check=False)
    assert proc.returncode == 0, proc.stdout[-4000:]


@pytest.fixture(scope="module")
def rust_build():
    return build("313-rust")


def test_deleting_every_archive_and_object_relinks_rust(rust_build, tmp_path):
    """What clean-retain-profile does without the glue's RUST_FIND_PRUNE:
    the copied archive, cargo's archives and every object go; the stamp and
    rust/build.d stay.  The next make must rebuild the Rust archive."""
    b = rust_build
    for pattern in RETAIN_PROFILE_PATTERNS:
        subprocess.run(["find", ".", "-name", pattern, "-exec", "rm", "-f", "{}", ";"],
                       cwd=b.dir, check=True)
    assert not (b.dir / "rust/libcpython_rust.a").exists()
    assert (b.dir / "rust/build.stamp").exists() and (b.dir / "rust/build.d").exists()
    calls = spied_make(b, tmp_path)
    assert any("--message-format" in c for c in calls), f"cargo did not rebuild: {calls}"
    assert (b.dir / "rust/libcpython_rust.a").stat().st_size > 0
    assert_rust_binascii_works(b)
    assert spied_make(b, tmp_path) == [], "a no-op make after the rebuild ran cargo"


def test_clean_retain_profile_keeps_the_rust_build(rust_build, tmp_path):
    """The glue's clean-retain-profile prunes rust/: PGO's second build
    relinks the same Rust archive without running cargo."""
    b = rust_build
    recipe = (b.dir / "Makefile").read_text().split("\nclean-retain-profile:", 1)[1]
    assert "find . $(RUST_FIND_PRUNE) -name '*.[oa]'" in recipe.split("\n\n", 1)[0]
    b.make("clean-retain-profile")
    assert not (b.dir / "Python/ceval.o").exists(), "clean-retain-profile did not run"
    assert (b.dir / "rust/libcpython_rust.a").exists()
    assert spied_make(b, tmp_path) == [], "make after clean-retain-profile ran cargo"
    assert_rust_binascii_works(b)


# About 21 minutes on 2 cores: CI skips it unless RUST_LAYER_PGO=1 (README).
@pytest.mark.skipif(os.environ.get("RUST_LAYER_PGO") != "1",
                    reason="the PGO + LTO build takes ~21 min; run with RUST_LAYER_PGO=1")
def test_enable_optimizations_with_lto():
    b = build("313-pgo-lto", configure_args=["--enable-optimizations", "--with-lto"])
    log = b.log.read_text()
    assert "Rebuilding with profile guided optimizations:" in log
    assert b.makefile_var("RUST_LTO") == "yes"
    assert is_rust_binary(binascii_file(b))
    proc = b.run_python("-m", "test", "-j2", "test_binascii", "test_base64", check=False)
    assert proc.returncode == 0, proc.stdout[-4000:]
    proc = b.make("smelly", check=False)
    assert proc.returncode == 0, b.log.read_text()[-4000:]
    print(f"PGO + LTO build log: {shlex.quote(str(b.log))} ({BUILDS})")
