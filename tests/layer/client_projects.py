"""Small autoconf C projects that have never seen the layer, written into a
directory for `cargo xtask init`, and the way a user applies the lines it
prints.

    tree = automake_project(tmp_path / "hello")   # automake + libtool
    tree = makefile_in_project(tmp_path / "hello") # hand-written Makefile.in
    apply_snippets(tree, init_output)

Both print `<impl> 42` (`rust 42` or `c 42`): their C code calls a Rust
function when configure defines HAVE_RUST, else adds in C.
"""

import re
from pathlib import Path

CRATE = "hello-rust"
# The archive's name: the crate's lib name, `-` turned into `_`.
ARCHIVE = "hello_rust"

HELLO_C = """\
#include <config.h>
#include "hello.h"
#ifdef HAVE_RUST
int hello_rust_add(int a, int b);
int hello_add(int a, int b) { return hello_rust_add(a, b); }
const char *hello_impl(void) { return "rust"; }
#else
int hello_add(int a, int b) { return a + b; }
const char *hello_impl(void) { return "c"; }
#endif
"""
HELLO_H = "int hello_add(int a, int b);\nconst char *hello_impl(void);\n"
MAIN_C = """\
#include <stdio.h>
#include "hello.h"
int main(void) { printf("%s %d\\n", hello_impl(), hello_add(40, 2)); return 0; }
"""
CARGO_TOML = f"""\
[package]
name = "{CRATE}"
version = "0.1.0"
edition = "2021"
rust-version = "1.74"
publish = false

[lib]
crate-type = ["staticlib"]
"""
# With std, as a first crate usually is.
LIB_RS_STD = """\
#[no_mangle]
pub extern "C" fn hello_rust_add(a: i32, b: i32) -> i32 {
    format!("{}", a + b).parse().unwrap_or(0)
}
"""
# Without std: a panic handler of its own (docs/reference.md, "Size").
LIB_RS_NO_STD = """\
#![cfg_attr(not(test), no_std)]

#[no_mangle]
pub extern "C" fn hello_rust_add(a: i32, b: i32) -> i32 {
    a.wrapping_add(b)
}

#[cfg(not(test))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    extern "C" {
        fn abort() -> !;
    }
    unsafe { abort() }
}
"""

CONFIGURE_AM = """\
AC_INIT([hello], [1.0])
AC_CONFIG_SRCDIR([src/hello.c])
AC_CONFIG_AUX_DIR([build-aux])
AC_CONFIG_MACRO_DIR([m4])
AM_INIT_AUTOMAKE([foreign subdir-objects -Wall -Werror])
AM_PROG_AR
AC_PROG_CC
LT_INIT
AC_CONFIG_HEADERS([config.h])
AC_CONFIG_FILES([Makefile])
AC_OUTPUT
"""
# As jq's: the library's _LIBADD and _LDFLAGS set already, and libtool
# told which symbols to export (it runs nm over the Rust archive for that).
MAKEFILE_AM = """\
ACLOCAL_AMFLAGS = -I m4
lib_LTLIBRARIES = libhello.la
libhello_la_SOURCES = src/hello.c src/hello.h
libhello_la_LIBADD = -lm
libhello_la_LDFLAGS = -export-symbols-regex '^hello_' -version-info 1:0:0
bin_PROGRAMS = hello
hello_SOURCES = src/main.c
hello_LDADD = libhello.la
"""

CONFIGURE_IN = """\
AC_INIT([hello], [1.0])
AC_CONFIG_SRCDIR([hello.c])
AC_PROG_CC
AC_CONFIG_HEADERS([config.h])
AC_CONFIG_FILES([Makefile])
AC_OUTPUT
"""
MAKEFILE_IN = """\
srcdir = @srcdir@
VPATH = @srcdir@
CC = @CC@
CFLAGS = @CFLAGS@
CPPFLAGS = -I. -I$(srcdir) @CPPFLAGS@
LDFLAGS = @LDFLAGS@
LIBS = @LIBS@

all: hello

hello.o main.o: config.h hello.h

hello: hello.o main.o
\t$(CC) $(CFLAGS) $(LDFLAGS) -o $@ hello.o main.o $(LIBS)

check: hello
\t./hello

clean:
\trm -f hello hello.o main.o

distclean: clean
\trm -f Makefile config.h config.status config.log

.PHONY: all check clean distclean
"""


def _write(root: Path, files: dict) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def automake_project(root: Path) -> Path:
    """An automake + libtool library and program, its crate with std."""
    (root / "m4").mkdir(parents=True)
    return _write(root, {
        "configure.ac": CONFIGURE_AM, "Makefile.am": MAKEFILE_AM,
        "src/hello.c": HELLO_C, "src/hello.h": HELLO_H, "src/main.c": MAIN_C,
        f"rust-support/{CRATE}/Cargo.toml": CARGO_TOML,
        f"rust-support/{CRATE}/src/lib.rs": LIB_RS_STD})


def makefile_in_project(root: Path) -> Path:
    """A hand-written Makefile.in program, its crate without std."""
    return _write(root, {
        "configure.ac": CONFIGURE_IN, "Makefile.in": MAKEFILE_IN,
        "hello.c": HELLO_C, "hello.h": HELLO_H, "main.c": MAIN_C,
        f"crates/{CRATE}/Cargo.toml": CARGO_TOML,
        f"crates/{CRATE}/src/lib.rs": LIB_RS_NO_STD})


# A block of init's output: `<file>, <where>:` then lines indented by four.
BLOCK = re.compile(r"^(configure\.ac|Makefile\.am|Makefile\.in), (.*):$")


def snippets(output: str) -> list:
    """[(file, where, [lines])] as init printed them."""
    blocks, current = [], None
    for line in output.splitlines():
        head = BLOCK.match(line)
        if head:
            current = (head.group(1), head.group(2), [])
            blocks.append(current)
        elif current and line.startswith("    "):
            current[2].append(line[4:])
        else:
            current = None
    return blocks


def apply_snippets(tree: Path, output: str) -> None:
    """Put each printed block where init said: `after line N`, `before
    line N` or `at the end`.  Blocks without a place (the Makefile.in
    template for a program's rule) are left to the caller."""
    edits = {}
    for name, where, lines in snippets(output):
        place = re.match(r"(after|before) line (\d+)", where)
        if place:
            index = int(place.group(2)) - (place.group(1) == "before")
        elif where.startswith("at the end"):
            index = None
        else:
            continue
        edits.setdefault(name, []).append((index, lines))
    for name, blocks in edits.items():
        text = (tree / name).read_text().splitlines()
        end = len(text)
        # From the bottom up, so that earlier line numbers stay right.
        for index, lines in sorted(blocks, key=lambda b: end if b[0] is None else b[0],
                                   reverse=True):
            at = end if index is None else index
            text[at:at] = lines
        (tree / name).write_text("\n".join(text) + "\n")
