"""The API gate (tools/src/cpython/api_gate.rs): a CPython whose binascii API
the Rust module does not implement gets the layer but keeps the C binascii,
and apply, configure and every make say so in one line.

No 3.15 source is cached, so the 3.13.5 tree stands in for one, raised to
3.15 (cpython_build.raise_version): the gate goes by the version alone.
"""

import re
import subprocess

import pytest

from cpython_build import (BUILDS, REPO, applied_source, build, build_env, existing,
                           raise_version)
from fixture import cpython_tree
from test_313_default import binascii_file, is_rust_binary, module_file

NOTICE = "binascii: the C module: "
WHY_315 = "the Rust binascii implements CPython 3.11-3.14's API, not 3.15's (3.15 adds "


@pytest.fixture(scope="module")
def gated():
    # --disable-test-modules: _testclinic's deprecation guards stop a 3.15
    # build (cpython_build.raise_version).
    return build("315-gated", as_minor=15,
                 configure_args=("--with-rust", "--disable-test-modules"))


def sections(log):
    """[(command, output)] of a build log, in order (cpython_build.run writes
    `$ command` before each command's output)."""
    parts = re.split(r"^\$ (.*)$", log.read_text(), flags=re.M)
    return list(zip(parts[1::2], parts[2::2]))


def output_of(b, program):
    """The output of the first command of `b`'s log that runs `program`."""
    return next(out for cmd, out in sections(b.log) if cmd.split()[0].endswith(program))


def notices(text):
    return [line for line in text.splitlines() if NOTICE in line]


def test_apply_says_it_once(gated):
    apply_log = BUILDS / "src-3.13-warn-as-3.15.log"
    lines = notices(apply_log.read_text())
    assert len(lines) == 1, lines
    assert lines[0].startswith("cpython apply: " + NOTICE) and WHY_315 in lines[0]


def test_configure_says_it_once(gated):
    lines = notices(output_of(gated, "configure"))
    assert len(lines) == 1, lines
    assert lines[0].startswith("configure: " + NOTICE) and WHY_315 in lines[0], lines[0]
    assert "checking whether to build Rust code... yes" in output_of(gated, "configure")


def test_make_says_it_once(gated):
    lines = notices(output_of(gated, "make"))
    configure_line = notices(output_of(gated, "configure"))[0]
    assert lines == [configure_line.removeprefix("configure: ")], lines


def test_binascii_is_the_c_module(gated):
    assert gated.makefile_var("MODULE_BINASCII_SRC") == "binascii.c"
    assert gated.makefile_var("MODULE_BINASCII_DEPS") is None
    code = ("import sys, binascii, base64; assert sys.version_info[:2] == (3, 15); "
            "assert base64.b64decode(base64.b64encode(b'gate')) == b'gate'; "
            "print(binascii.hexlify(b'\\x01\\xfe').decode())")
    assert gated.run_python("-c", code).stdout.strip() == "01fe"
    assert not is_rust_binary(binascii_file(gated))
    # Nothing waits for the Rust build, so cargo never ran.
    assert not (gated.dir / "Modules" / "binascii_rust.o").exists()
    assert not (gated.dir / "rust" / "build.stamp").exists()


def test_json_is_the_c_module_too_and_says_so_once(gated):
    """Each module has its own gate and notice: _json's names itself."""
    assert gated.makefile_var("MODULE__JSON_SRC") == "_json.c"
    assert gated.makefile_var("MODULE__JSON_DEPS") is None
    assert not is_rust_binary(module_file(gated, "_json"))
    lines = [line for line in output_of(gated, "configure").splitlines()
             if "_json: the C module: " in line]
    assert lines == ["configure: _json: the C module: the Rust _json implements CPython "
                     "3.11-3.14's API, not 3.15's (3.15 is newer than the layer's API gate "
                     "knows)"], lines
    code = "import json; print(json.dumps(json.loads('[1, {\"a\": 2.5}]')))"
    assert gated.run_python("-c", code).stdout.strip() == '[1, {"a": 2.5}]'


def built_files(b):
    """{path: mtime} of everything a build compiles or links."""
    files = [b.python, *b.dir.glob("libpython*")]
    for pattern in ("*.o", "*.so"):
        files += b.dir.rglob(pattern)
    return {str(p.relative_to(b.dir)): p.stat().st_mtime_ns for p in files}


def test_a_second_make_is_a_no_op_but_for_the_notice(gated):
    before = built_files(gated)
    assert any("binascii" in p for p in before), sorted(before)
    start = len(gated.log.read_text())
    gated.make()
    out = gated.log.read_text()[start:]
    assert len(notices(out)) == 1, out
    assert not [line for line in out.splitlines() if " -o " in line], out
    assert built_files(gated) == before, "make rebuilt or relinked something"


def test_an_implemented_minor_gets_no_notice(tmp_path):
    src = applied_source("3.13")
    assert "BINASCII_GATE_NOTICE" not in (src / "configure").read_text()
    assert not notices((BUILDS / "src-3.13-warn.log").read_text())
    # The suite's 3.13 build has the configure output when it is current;
    # otherwise configure alone (about a minute), not a whole build.
    b = existing("313-rust")
    if b is not None:
        out = output_of(b, "configure")
    else:
        done = subprocess.run([str(src / "configure"), "--with-rust"], cwd=tmp_path,
                              env=build_env(), text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        out = done.stdout
        assert done.returncode == 0, out[-3000:]
    assert "checking whether to build Rust code... yes" in out, out[-3000:]
    assert not notices(out)


def test_applying_twice_changes_nothing_and_says_it_each_time(tmp_path):
    tree = cpython_tree(tmp_path, "3.13")
    raise_version(tree, 20)  # a minor the gate has no row for
    texts = []
    for _ in range(2):
        done = subprocess.run(["cargo", "cpython", "apply", str(tree), "--no-regen"],
                              cwd=REPO, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        lines = notices(done.stderr)
        assert len(lines) == 1 and "not 3.20's (3.20 is newer than" in lines[0], lines
        texts.append({f: (tree / f).read_text() for f in ("configure.ac", "Makefile.pre.in")})
    assert texts[0] == texts[1]
    assert "binascii_rust.c" not in texts[0]["configure.ac"]
