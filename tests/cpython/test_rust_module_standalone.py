"""The Rust binascii on real CPython builds, without the autoconf layer.

`standalone_module.sh` builds `cpython-rust` with bindings from a built
CPython tree, links the module's shared extension and swaps it in for the
C one (restored afterwards).  Then CPython's own tests, a differential
comparison with the C module, symbol hygiene and build-specific checks
(refleaks in debug builds, the GIL in free-threaded ones) run.

Trees: CPYTHON_STANDALONE_TREES, `:`-separated paths of configured and
built CPython trees (e.g. a plain 3.13.5, a `--with-pydebug` one, a
`--disable-gil` one, a 3.11.2).  Without it, the per-tree tests skip.
"""

import os
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SCRIPT = HERE / "standalone_module.sh"
DIFFERENTIAL = HERE / "binascii_differential.py"
TREES = [Path(t) for t in os.environ.get("CPYTHON_STANDALONE_TREES", "").split(":") if t]


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def test_cbindgen_header_is_fresh():
    result = run(["cargo", "test", "--locked", "-q", "-p", "xtask", "--features", "regen",
                  "committed_header_is_fresh"], cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module", params=TREES or [None], ids=lambda t: t.name if t else "none")
def tree(request, tmp_path_factory):
    if request.param is None:
        pytest.skip("set CPYTHON_STANDALONE_TREES to built CPython trees")
    target = os.environ.get("CARGO_TARGET_DIR") or str(tmp_path_factory.mktemp("target"))
    built = run(["sh", str(SCRIPT), str(request.param), target])
    assert built.returncode == 0, built.stdout + built.stderr
    module = Path(built.stdout.strip().splitlines()[-1])
    yield request.param, module
    run(["sh", str(SCRIPT), str(request.param), "--restore"])


def python(tree_dir, *args, env=None):
    return run([str(tree_dir / "python"), *args], cwd=tree_dir, env=env)


def is_true(tree_dir, expression):
    result = python(tree_dir, "-c", f"import sys, sysconfig; print(bool({expression}))")
    assert result.returncode == 0, result.stderr
    return result.stdout.strip() == "True"


def test_module_is_the_rust_one(tree):
    tree_dir, module = tree
    imported = python(tree_dir, "-c", "import binascii; print(binascii.__file__)")
    assert imported.stdout.strip() == str(module)
    assert "rustc version" in run(["readelf", "-p", ".comment", str(module)]).stdout


def test_exports_only_the_init_function(tree):
    _, module = tree
    symbols = run(["nm", "-D", "--defined-only", str(module)]).stdout.split()
    assert symbols[2::3] == ["PyInit_binascii"]


def test_cpython_test_suites_pass(tree):
    tree_dir, _ = tree
    result = python(tree_dir, "-m", "test", "test_binascii", "test_base64", "test_quopri")
    assert result.returncode == 0, result.stdout[-3000:]


def test_same_behaviour_as_the_c_module(tree):
    tree_dir, module = tree
    result = python(tree_dir, str(DIFFERENTIAL), f"{module}.c-module", str(module))
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]


def test_no_reference_leaks_in_debug_builds(tree):
    tree_dir, _ = tree
    if not is_true(tree_dir, "hasattr(sys, 'gettotalrefcount')"):
        pytest.skip("not a --with-pydebug build")
    result = python(tree_dir, "-m", "test", "-R", "3:3", "test_binascii")
    assert result.returncode == 0, result.stdout[-3000:]


def test_gil_stays_disabled_in_free_threaded_builds(tree):
    tree_dir, _ = tree
    if not is_true(tree_dir, "sysconfig.get_config_var('Py_GIL_DISABLED')"):
        pytest.skip("not a --disable-gil build")
    env = {k: v for k, v in os.environ.items() if k != "PYTHON_GIL"}
    result = python(tree_dir, "-c", "import sys, binascii; print(sys._is_gil_enabled())", env=env)
    assert result.stdout.strip() == "False", result.stderr


def test_isolated_subinterpreters_get_their_own_module(tree):
    tree_dir, _ = tree
    if not is_true(tree_dir, "sys.version_info >= (3, 13)"):
        pytest.skip("test.support.interpreters is 3.13+")
    code = """if 1:
        from test.support import interpreters
        import binascii
        for _ in range(3):
            interp = interpreters.create()  # own GIL: needs Py_mod_multiple_interpreters
            interp.exec('import binascii\\n'
                        'try: binascii.a2b_hex(b"0")\\n'
                        'except binascii.Error as e: assert str(e) == "Odd-length string"')
            interp.close()
        """
    result = python(tree_dir, "-c", code)
    assert result.returncode == 0, result.stderr
