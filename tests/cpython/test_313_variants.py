"""CPython 3.13.5 variants: without Rust, debug (refleaks), free-threaded,
binascii and _json built into a shared libpython, install and embedding."""

import os
import subprocess

import pytest

from cpython_build import BUILDS, build
from test_313_default import (BINASCII_TESTS, MODULE_TESTS, STDLIB_TESTS, binascii_file,
                               is_rust_binary, module_file)
from toolenv import cargo_spy


def test_without_rust_builds_the_c_module_and_never_runs_cargo():
    log = BUILDS / "313-norust-cargo.log"
    log.unlink(missing_ok=True)
    spy = cargo_spy(BUILDS / "cargo-spy", log)
    env = {"PATH": spy + os.pathsep + os.environ["PATH"], "CARGO": f"{spy}/cargo"}
    b = build("313-norust", configure_args=["--with-rust=no"], env=env)
    assert not log.exists(), "cargo ran: " + log.read_text()
    assert b.makefile_var("MODULE_BINASCII_SRC") == "binascii.c"
    assert b.makefile_var("MODULE__JSON_SRC") == "_json.c"
    assert not is_rust_binary(binascii_file(b))
    assert not is_rust_binary(module_file(b, "_json"))
    proc = b.run_python("-m", "test", "-j2", *BINASCII_TESTS, "test_json", check=False)
    assert proc.returncode == 0, proc.stdout[-4000:]


def test_debug_build_has_no_reference_leaks():
    b = build("313-debug", configure_args=["--with-pydebug"])
    assert b.makefile_var("RUST_PROFILE") == "debug"
    assert is_rust_binary(binascii_file(b))
    assert is_rust_binary(module_file(b, "_json"))
    proc = b.run_python("-m", "test", "-R", "3:3", *MODULE_TESTS, check=False)
    assert proc.returncode == 0, proc.stdout[-4000:]
    assert "leaked" not in proc.stdout


def test_free_threaded_build_keeps_the_gil_disabled():
    b = build("313-nogil", configure_args=["--disable-gil"])
    assert is_rust_binary(binascii_file(b))
    assert is_rust_binary(module_file(b, "_json"))
    out = b.run_python("-c", "import sys, binascii, _json; print(sys._is_gil_enabled())").stdout
    assert out.strip() == "False"
    proc = b.run_python("-m", "test", "-j2", *STDLIB_TESTS, check=False)
    assert proc.returncode == 0, proc.stdout[-4000:]


@pytest.fixture(scope="module")
def shared_static():
    """--enable-shared, and both Rust modules built into libpython (Setup.local
    *static*): one archive, one allocator and panic handler, in one link."""
    return build("313-shared-static", configure_args=["--enable-shared"],
                 setup_local="*static*\nbinascii binascii_rust.c\n_json _json_rust.c\n")


def shared_env(b):
    return dict(os.environ, LD_LIBRARY_PATH=str(b.dir))


def test_static_placement_is_builtin_and_rust(shared_static):
    b = shared_static
    code = "import sys; print({'binascii', '_json'} <= set(sys.builtin_module_names))"
    out = b.run_python("-c", code, env=shared_env(b)).stdout
    assert out.strip() == "True"
    libpython = b.dir / b.config_var("INSTSONAME")
    assert is_rust_binary(libpython)
    # One archive for the link unit: the one of every module, whose entry
    # points the built-in shims call; none of a per-module archive's, which
    # would bring a second allocator and panic handler.
    defined = subprocess.run(["nm", "--defined-only", str(libpython)], capture_output=True,
                             text=True, check=True).stdout.split()
    assert {"_PyRust_json_init", "_PyRust_binascii_init"} <= set(defined)
    assert not [name for name in defined if name.endswith("_shared_init")]
    assert defined.count("rust_eh_personality") == 1
    proc = b.run_python("-m", "test", *MODULE_TESTS, env=shared_env(b), check=False)
    assert proc.returncode == 0, proc.stdout[-4000:]


def test_smelly_with_shared_libpython(shared_static):
    proc = shared_static.make("smelly", check=False)
    assert proc.returncode == 0, shared_static.log.read_text()[-4000:]


EMBED_C = r"""
#include <Python.h>
int main(void) {
    Py_Initialize();
    int rc = PyRun_SimpleString(
        "import binascii, json, sys\n"
        "assert binascii.hexlify(b'\\x01\\xff', '-') == b'01-ff'\n"
        "assert json.loads(json.dumps({'a': [1, 2.5]})) == {'a': [1, 2.5]}\n"
        "print('embedded', binascii.b2a_base64(b'rust', newline=False).decode())\n");
    Py_Finalize();
    return rc;
}
"""


def test_embedding_an_installed_python(shared_static, tmp_path):
    b = shared_static
    destdir = tmp_path / "dest"
    b.make("install", f"DESTDIR={destdir}")
    prefix = destdir / "usr" / "local"
    config = prefix / "bin" / "python3.13-config"
    flags = subprocess.run([str(config), "--cflags", "--ldflags", "--embed"],
                           capture_output=True, text=True, check=True).stdout.split()
    (tmp_path / "embed.c").write_text(EMBED_C)
    subprocess.run(["gcc", "-o", tmp_path / "embed", tmp_path / "embed.c", *flags],
                   check=True)
    env = dict(os.environ, LD_LIBRARY_PATH=str(prefix / "lib"), PYTHONHOME=str(prefix))
    run = subprocess.run([tmp_path / "embed"], env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.strip() == "embedded cnVzdA=="
