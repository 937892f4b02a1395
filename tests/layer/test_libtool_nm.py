"""configure's nm check under libtool (docs/reference.md, "Automake and
libtool"): an nm that complains about Rust's objects, as GNU nm does with
an old LLVM gold plugin in /usr/lib/bfd-plugins, is replaced by gcc-nm;
one that lists them quietly is kept."""

import shutil

import pytest

from test_automake import build_dir, env

CHECK = "checking whether {nm} lists Rust's objects without complaints..."


def complaining_nm(tmp_path, real="nm"):
    """An nm that says `no symbols` for one member, as the plugin makes
    GNU nm do for some 280, then lists the symbols."""
    script = tmp_path / "complaining-nm"
    script.write_text("#!/bin/sh\necho 'nm: x.rcgu.o: no symbols' >&2\n"
                      f"exec {real} \"$@\"\n")
    script.chmod(0o755)
    return str(script)


def libtool_nm(build):
    return next(l for l in (build / "libtool").read_text().splitlines() if l.startswith("NM="))


def test_a_complaining_nm_is_replaced_by_gcc_nm(tmp_path):
    if not shutil.which("gcc-nm"):
        pytest.skip("no gcc-nm (GCC's binutils wrapper)")
    nm = complaining_nm(tmp_path)
    build, out = build_dir(tmp_path, f"NM={nm}")
    assert f"{CHECK.format(nm=nm)} no; using gcc-nm, which does" in out, out
    assert libtool_nm(build) == 'NM="gcc-nm"'


def test_a_quiet_nm_is_kept(tmp_path):
    quiet = shutil.which("gcc-nm") or shutil.which("llvm-nm")
    if not quiet:
        pytest.skip("no gcc-nm or llvm-nm")
    build, out = build_dir(tmp_path, f"NM={quiet}")
    assert f"{CHECK.format(nm=quiet)} yes" in out, out
    assert libtool_nm(build) == f'NM="{quiet}"'


def test_without_a_quiet_nm_configure_says_so_and_goes_on(tmp_path):
    nm = complaining_nm(tmp_path)
    # gcc-nm is looked up on PATH: a PATH where it complains too.
    spies = tmp_path / "bin"
    spies.mkdir()
    (spies / "gcc-nm").symlink_to(nm)
    build, out = build_dir(tmp_path, f"NM={nm}", f"PATH={spies}:{env()['PATH']}")
    assert f"{CHECK.format(nm=nm)} no (libtool links that list symbols will print its complaints)" \
        in out, out
    assert libtool_nm(build) == f'NM="{nm}"'
