"""A musl C toolchain for Rust's musl targets, from Debian packages alone.

Debian's musl gcc wrappers (musl-tools' musl-gcc, musl-dev:arm64's
aarch64-linux-musl-gcc) run Debian's gcc with a specs file. Four things
are missing for a program that links a Rust staticlib with std (rustc's
native libraries for musl are `-lunwind -lc`):

- an unwinder: there is no musl libunwind in Debian, and gcc's libgcc_eh.a
  calls glibc's `_dl_find_object`. `unwinder()` makes a libunwind.a of
  libgcc_eh.a's objects and musl_dl_find_object.c, which implements that
  call with `dl_iterate_phdr`;
- `--eh-frame-hdr`: the specs' link line drops it, and without the
  `.eh_frame_hdr` section no unwinder finds a frame (LDFLAGS below);
- on aarch64: Debian's gcc calls libgcc's outline atomics, whose
  initializer reads glibc's `__getauxval`, which musl's libc.so does not
  export; a probe then wants `-latomic`, glibc's, which needs glibc's libc
  (`DSO missing from command line`). `cflags()` has gcc inline the
  atomics instead;
- for CPython only: Debian's gcc answers `--print-multiarch` with its glibc
  triplet, and CPython's configure stops when that differs from the musl
  triplet the compiler defines; a musl gcc (Alpine's) prints nothing, and
  so does `cc_wrapper()`.

    env: CC=<cc_wrapper(gcc)> CFLAGS=<cflags(gcc)> LDFLAGS=<ldflags(gcc)>
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(REPO / "tests" / "cpython"))
from file_lock import locked  # noqa: E402
TOOLCHAIN = REPO / "build" / "musl-toolchain"
SHIM = HERE / "musl_dl_find_object.c"
# The Rust target -> Debian's musl gcc wrapper for it, and the package.
MUSL_GCC = {"x86_64-unknown-linux-musl": ("musl-gcc", "musl-tools"),
            "aarch64-unknown-linux-musl": ("aarch64-linux-musl-gcc",
                                           "musl-dev:arm64 gcc-aarch64-linux-gnu")}


def missing(target):
    """What is not installed for TARGET's musl toolchain, with its fix."""
    gcc, packages = MUSL_GCC[target]
    return [] if shutil.which(gcc) else [f"{gcc} (apt install {packages})"]


def unwinder(gcc):
    """A directory holding libunwind.a for GCC's musl (built once; the
    layer's and the CPython tests' streams may both ask at once)."""
    with locked(TOOLCHAIN, f"unwinder-{gcc}"):
        return _unwinder(gcc)


def _unwinder(gcc):
    where = TOOLCHAIN / gcc
    lib = where / "libunwind.a"
    if lib.exists() and lib.stat().st_mtime > SHIM.stat().st_mtime:
        return where
    where.mkdir(parents=True, exist_ok=True)
    eh = subprocess.run([gcc, "-print-file-name=libgcc_eh.a"], capture_output=True, text=True,
                        check=True).stdout.strip()
    obj = where / "dl_find_object.o"
    subprocess.run([gcc, "-O2", "-c", str(SHIM), "-o", str(obj)], check=True)
    tmp = where / "libunwind.a.tmp"
    shutil.copyfile(eh, tmp)
    subprocess.run(["ar", "rs", str(tmp), str(obj)], check=True)
    tmp.replace(lib)
    return where


def ldflags(gcc):
    return f"-L{unwinder(gcc)} -Wl,--eh-frame-hdr"


def cflags(gcc):
    """C flags GCC's programs need to link against musl alone."""
    return "-mno-outline-atomics" if gcc.startswith("aarch64") else ""


def cc_wrapper(gcc):
    """GCC (with ccache when there is one) that prints no multiarch."""
    wrapper = TOOLCHAIN / f"{gcc}-nomultiarch"
    ccache = "ccache " if shutil.which("ccache") else ""
    text = (f'#!/bin/sh\n# {gcc} as a musl gcc: no multiarch (tests/layer/musl_toolchain.py)\n'
            f'case "$*" in --print-multiarch) exit 0 ;; esac\n'
            f'exec {ccache}{gcc} "$@"\n')
    if not wrapper.exists() or wrapper.read_text() != text:
        # Put in place whole, from a file of this process's own: another
        # process may be running the wrapper or writing it too.
        wrapper.parent.mkdir(parents=True, exist_ok=True)
        tmp = wrapper.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(text)
        tmp.chmod(0o755)
        tmp.replace(wrapper)
    return wrapper
