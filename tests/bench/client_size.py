"""What Rust costs a client's shared library in size: std or no_std, by profile.

    python3 tests/bench/client_size.py         # or: sh ci/bench.sh size

Adds the layer to the automake + libtool project of
tests/layer/client_projects.py (`cargo xtask init`), configures it once,
then rebuilds it with each crate and profile below and measures the
stripped libhello.so (a copy, `strip --strip-unneeded`: its size and its
text, code and read-only data, by `size`) against the build
without Rust, as linked (libtool links a convenience library whole) and
relinked with `-Wl,--gc-sections`.  Each crate exports one function that
C calls.  Prints a
Markdown table (docs/reference.md, "Size: std or no_std in a client
library", keeps the last one).
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "layer"))
import client_projects as cp  # noqa: E402

REPO = Path(__file__).resolve().parents[2]

ADD = """
#[no_mangle]
pub extern "C" fn hello_rust_add(a: i32, b: i32) -> i32 {
    a.wrapping_add(b)
}
"""
# Formatting and parsing: core::fmt, an allocation, an error path.
FORMAT = """
#[no_mangle]
pub extern "C" fn hello_rust_add(a: i32, b: i32) -> i32 {
    format!("{}", a.wrapping_add(b)).parse().unwrap_or(0)
}
"""
NO_STD = """#![cfg_attr(not(test), no_std)]
#[cfg(not(test))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    extern "C" {
        fn abort() -> !;
    }
    unsafe { abort() }
}
"""
# Memory from malloc: what `alloc` needs without std.
ALLOCATOR = """extern crate alloc;
use alloc::format;

struct Malloc;

unsafe impl core::alloc::GlobalAlloc for Malloc {
    unsafe fn alloc(&self, layout: core::alloc::Layout) -> *mut u8 {
        extern "C" {
            fn aligned_alloc(align: usize, size: usize) -> *mut u8;
        }
        // aligned_alloc wants a size that is a multiple of the alignment.
        let size = (layout.size() + layout.align() - 1) & !(layout.align() - 1);
        aligned_alloc(layout.align(), size)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, _: core::alloc::Layout) {
        extern "C" {
            fn free(ptr: *mut u8);
        }
        free(ptr)
    }
}

#[cfg(not(test))]
#[global_allocator]
static MALLOC: Malloc = Malloc;
"""
# compiler_builtins' objects, never part of LTO and linked whole into a
# libtool library, name std's personality routine in their unwind tables;
# so do core's precompiled objects without LTO. Nothing unwinds with
# panic = "abort": a stub that is never called (rust-support/cpython-rust
# has the same).
NO_STD += """
#[cfg(not(test))]
#[no_mangle]
extern "C" fn rust_eh_personality() {}
"""

PANIC_ONLY = '[profile.release]\npanic = "abort"\n'
LAYER = '[profile.release]\npanic = "abort"\ncodegen-units = 1\nlto = true\n'
LAYER_S = LAYER + 'opt-level = "s"\n'

# (what, lib.rs, the profile)
VARIANTS = [
    ("std, one addition; panic = abort only", ADD, PANIC_ONLY),
    ("std, one addition; init's profile (+ lto, codegen-units = 1)", ADD, LAYER),
    ("std, format! and parse; panic = abort only", FORMAT, PANIC_ONLY),
    ("std, format! and parse; init's profile", FORMAT, LAYER),
    ("std, format! and parse; init's profile + opt-level = \"s\"", FORMAT, LAYER_S),
    ("no_std, one addition; panic = abort only", NO_STD + ADD, PANIC_ONLY),
    ("no_std, one addition; init's profile", NO_STD + ADD, LAYER),
    ("no_std + alloc (malloc), format! and parse; init's profile",
     NO_STD + ALLOCATOR + FORMAT, LAYER),
]


def run(cmd, cwd, env=None):
    done = subprocess.run(cmd, cwd=cwd, env=env, text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if done.returncode:
        sys.exit(f"{' '.join(map(str, cmd))} failed in {cwd}:\n{done.stdout[-4000:]}")
    return done.stdout


def measure(build: Path, scratch: Path) -> tuple:
    """(stripped file bytes, text bytes) of the library: the file grows in
    pages, `size`'s text (code and read-only data) byte by byte."""
    copy = scratch / "libhello.so"
    shutil.copy((build / ".libs" / "libhello.so").resolve(), copy)
    run(["strip", "--strip-unneeded", str(copy)], scratch)
    text = run(["size", str(copy)], scratch).splitlines()[1].split()[0]
    return copy.stat().st_size, int(text)


def sizes(build: Path, scratch: Path, env) -> list:
    """measure() as built, then relinked with --gc-sections (each checked:
    the program still gets its answer)."""
    measured = []
    for ldflags in ("", "-Wl,--gc-sections"):
        (build / "libhello.la").unlink(missing_ok=True)
        run(["make", f"LDFLAGS={ldflags}"], build, env)
        out = subprocess.run([str(build / "hello")], capture_output=True, text=True)
        if out.stdout.strip() not in ("rust 42", "c 42"):
            sys.exit(f"{build}: ./hello printed {out.stdout!r} {out.stderr!r}")
        measured.append(measure(build, scratch))
    return measured


def cells(measured, c_measured) -> str:
    return " | ".join(f"{size:,} | +{text - c_text:,}"
                      for (size, text), (_, c_text) in zip(measured, c_measured))


def configured(tree: Path, name: str, *args: str) -> Path:
    build = tree.parent / name
    build.mkdir()
    run([str(tree / "configure"), *args], build)
    return build


def set_crate(tree: Path, lib_rs: str, profile: str):
    crate = tree / "rust-support" / cp.CRATE
    (crate / "src" / "lib.rs").write_text(lib_rs)
    manifest = (tree / "Cargo.toml").read_text().split("\n[profile.release]")[0]
    (tree / "Cargo.toml").write_text(manifest.rstrip() + "\n\n" + profile)


def main():
    scratch = Path(tempfile.mkdtemp(prefix="client-size-"))
    try:
        tree = cp.automake_project(scratch / "hello")
        init = run(["cargo", "xtask", "init", str(tree)], REPO)
        cp.apply_snippets(tree, init)
        run(["autoreconf", "-fi"], tree)
        c_build = configured(tree, "build-c", "--with-rust=no")
        run(["make"], c_build)
        c_sizes = sizes(c_build, scratch, os.environ)
        rust_build = configured(tree, "build-rust", "--with-rust=yes")
        env = {**os.environ, "RUST_XTASK_TARGET_DIR": str(scratch / "xtask")}
        print("| crate; profile | stripped file | text over C | with `-Wl,--gc-sections`: file "
              "| text over C |")
        print("| --- | ---: | ---: | ---: | ---: |")
        print(f"| none (`--with-rust=no`; text {c_sizes[0][1]:,}) | {cells(c_sizes, c_sizes)} |")
        for what, lib_rs, profile in VARIANTS:
            set_crate(tree, lib_rs, profile)
            print(f"| {what} | {cells(sizes(rust_build, scratch, env), c_sizes)} |", flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
