"""CPython 3.13.5 cross-built where this layer builds no Rust: architectures
Rust has no target for (hppa, alpha, sh4), and m68k, whose Rust code does
not link (cross_cpython.CROSS's rows that do not build_rust), in the three
stages, as a user there would meet them with Debian's rustc installed:

- warn (`--with-rust=auto`, CPython 3.15's plan): configure says why there
  is no Rust (that Rust has no target for the host), inline and again in
  its final notice, and the C binascii is built; test_binascii and
  test_base64 pass under qemu-user;
- opt-out (3.16's plan): configure fails, naming the host and why, and
  giving --with-rust=no (where Rust has no target, alone); with it the
  build passes the same tests;
- require (3.17's plan): configure fails, saying since when Rust is
  required, with --with-rust=no too.

`sh ci/test.sh` runs the `ci` row (hppa); ci/platforms.sh each
(RUST_LAYER_CROSS). sh4 builds but cannot run here (Cross.cannot_run).
"""

import pytest

from cross_cpython import CROSS, configure_fails, cross_build, picked, run_test_modules

SINCE = "Python 3.17"  # tools/src/cpython's RUST_CONFIGURE([warn], [1.74], [Python 3.17])
FUTILE = ("RUST_TARGET", "rustup", "target-list")


def skip_if_missing(arch):
    missing = CROSS[arch].missing()
    if missing:
        pytest.skip(f"{arch}: missing {'; '.join(missing)} (sh ci/install-deps.sh platforms)")


def built(arch, **variant):
    skip_if_missing(arch)
    return cross_build(arch, **variant)


def assert_c_module_passes_under_qemu(b, arch):
    assert b.makefile_var("MODULE_BINASCII_SRC") == "binascii.c", b.dir
    module = next((b.dir / "build").glob("lib.*/binascii.cpython-313-*.so"))
    header = module.read_bytes()[:20]
    c = CROSS[arch]
    assert int.from_bytes(header[18:20], "big" if c.big_endian else "little") == \
        c.elf_machine, f"{module} is not a {arch} module"
    assert b"rustc version" not in module.read_bytes(), f"{module} has Rust code"
    if c.cannot_run:
        pytest.skip(f"{arch}: built with the C module; not run: {c.cannot_run}")
    for run in run_test_modules(b, arch, ["test_binascii", "test_base64"]):
        out = run.stdout + run.stderr
        assert run.returncode == 0 and ("SUCCESS" in out or "\nOK" in out), out[-6000:]


def error_of(out):
    assert "configure: error:" in out, out[-3000:]
    return out[out.index("configure: error:"):]


@pytest.mark.parametrize("arch", picked(rust=False))
def test_warn_says_twice_why_and_builds_the_c_module(arch):
    b = built(arch)
    configured = b.log.read_text().split("\n$ make")[0]
    warnings = [line for line in configured.splitlines() if line.startswith("configure: WARNING")]
    said = [w for w in warnings if CROSS[arch].problem in w]
    assert len(said) == 2, "\n".join(warnings)
    # the final notice is configure's last output
    assert configured.rstrip().splitlines()[-1].startswith("configure: WARNING: fix:"), \
        configured[-2000:]
    assert f"Rust will be required from {SINCE} on" in warnings[-1], warnings[-1]
    for words in FUTILE:
        assert words not in configured.split("checking for the Rust target")[1], words
    assert_c_module_passes_under_qemu(b, arch)


@pytest.mark.parametrize("arch", picked(rust=False))
def test_opt_out_fails_with_one_fix_which_builds_and_passes(arch, tmp_path):
    skip_if_missing(arch)
    error = error_of(configure_fails(arch, "opt-out", tmp_path))
    assert error.startswith(f"configure: error: Rust is not usable: {CROSS[arch].problem}"), \
        error
    # where Rust has no target, the only fix
    assert error.rstrip().endswith("fix: build without Rust: ./configure --with-rust=no"
                                   if CROSS[arch].rust_target is None
                                   else "or build without Rust: ./configure --with-rust=no"), error
    for words in FUTILE:
        assert words not in error, error
    assert_c_module_passes_under_qemu(built(arch, stage="opt-out", args=("--with-rust=no",)),
                                      arch)


@pytest.mark.parametrize("arch", picked(rust=False))
@pytest.mark.parametrize("args", [(), ("--with-rust=no",)], ids=["auto", "no"])
def test_require_fails_saying_since_when(arch, args, tmp_path):
    skip_if_missing(arch)
    error = error_of(configure_fails(arch, "require", tmp_path, *args))
    since = f"Rust is required since {SINCE}" if args else f"Rust is required (since {SINCE})"
    assert since in error and CROSS[arch].problem in error, error
    if CROSS[arch].rust_target is None:
        assert error.rstrip().endswith(f"a version from before {SINCE} builds here with "
                                       f"--with-rust=no"), error
