"""The fixture project beyond Linux, with each target's std built by the
layer's `cargo xtask build-std` (Debian ships none):

- Windows (GNU): cross-built for x86_64-w64-mingw32 and i686-w64-mingw32
  with mingw-w64 gcc and run under wine (wine64; wine32 for i686). This is
  the layer's Windows-shaped link: the archive's name and the native
  libraries rustc asks for.
- macOS: linked for aarch64-apple-darwin and x86_64-apple-darwin, not run.
  The linker is LLVM's ld64.lld (Debian's lld-22), driven by clang-22; what
  an SDK would give it, libSystem's stub and the C headers, comes from
  PyPI's ziglang. The exports show that RUST_HIDE_LDFLAGS has its ld64
  form: no Rust symbol exported.
- FreeBSD: linked for x86_64-unknown-freebsd by `zig cc` (ziglang carries
  FreeBSD's libc stubs and headers), not run. zig lacks four system
  libraries Rust's std names (kvm, memstat, procstat, devstat): configure
  names the first, and empty archives stand in (nothing calls them, and the
  program needs none of them). zig cc rejects --exclude-libs, so configure
  finds no way to keep Rust's symbols unexported: the program exports none,
  but linked with --export-dynamic (as a shared library exports its
  globals) it exports std's.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fixture import configure, clean_env, make_project
from make_helpers import HOST_OUTPUT, make, missing_tools
from std_sysroot import CARGO, RUSTC, std_sysroot

WINES = {"x86_64": "/usr/lib/wine/wine64", "i686": "/usr/lib/wine/wine"}
# The rows only ci/platforms.sh runs (it sets RUST_LAYER_PLATFORMS=1); CI
# keeps x86_64 Windows and aarch64 macOS.
PLATFORMS_ONLY = pytest.mark.skipif(os.environ.get("RUST_LAYER_PLATFORMS") != "1",
                                    reason="a ci/platforms.sh row (sh ci/platforms.sh "
                                           "windows-i686 macos-x86_64 freebsd)")
LLVM = Path("/usr/lib/llvm-22/bin")
RUST_SRC = "/usr/lib/rustlib/src/rust/library/vendor"
# Rust's std (1.78 on) imports ProcessPrng from bcryptprimitives.dll, which
# Windows 10 has and Debian 12's wine 8.0 lacks (wine 9 added it). This
# stands in for that Windows DLL only; the program and its link are real.
PROCESS_PRNG_C = r"""
#include <windows.h>
#include <bcrypt.h>
BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len) {
        ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (BCryptGenRandom(NULL, data, n, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0) return FALSE;
        data += n;
        len -= n;
    }
    return TRUE;
}
"""
# Rust symbols in a Mach-O export list (names carry a leading underscore).
RUST_NAME_STARTS = ("__R", "__ZN", "_rust_", "___rust_", "___rdl_", "___rg_")
# and in an ELF one
RUST_NAME_STARTS_ELF = tuple(name[1:] for name in RUST_NAME_STARTS)


def cross_env(target, **extra):
    return clean_env(CARGO=CARGO, RUSTC=RUSTC, RUSTFLAGS=f"--sysroot {std_sysroot(target)}",
                     **extra)


@pytest.mark.parametrize("cpu", ["x86_64", pytest.param("i686", marks=PLATFORMS_ONLY)])
def test_fixture_for_windows_gnu_runs_under_wine(tmp_path, cpu):
    gnu, target, wine = f"{cpu}-w64-mingw32", f"{cpu}-pc-windows-gnu", WINES[cpu]
    missing = missing_tools(f"{gnu}-gcc", wine, RUST_SRC)
    if missing:
        pytest.skip(f"missing {missing}: sh ci/install-deps.sh platforms installs mingw-w64, "
                    "wine64, wine32:i386 and rust-web-src")
    tree = make_project(tmp_path)
    result = configure(tree, f"--host={gnu}", f"CC={gnu}-gcc", env=cross_env(target))
    assert result.returncode == 0, result.stdout
    assert f"checking for the Rust target... {target}" in result.stdout
    libs = next(line for line in result.stdout.splitlines()
                if line.startswith("checking for the native libraries"))
    assert "-lkernel32" in libs and "-lws2_32" in libs, libs

    build = make(tree, "V=1")
    assert build.returncode == 0, build.stdout
    link = next(line for line in build.stdout.splitlines() if "-o ask.exe.$$.tmp" in line)
    assert "rust/libanswer.a" in link and "-lkernel32" in link, link
    assert (tree / "ask.exe").read_bytes()[:2] == b"MZ", "ask.exe is not a Windows program"

    prefix = tmp_path / "wineprefix"
    env = {**os.environ, "WINEPREFIX": str(prefix), "WINEDEBUG": "-all",
           **({"WINEARCH": "win32"} if cpu == "i686" else {})}
    subprocess.run([wine, "wineboot", "--init"], env=env, capture_output=True, timeout=300)
    if not (prefix / "drive_c" / "windows" / "system32" / "bcryptprimitives.dll").exists():
        source = tmp_path / "process_prng.c"
        source.write_text(PROCESS_PRNG_C)
        # --kill-at: the export is ProcessPrng, not i686's stdcall ProcessPrng@8
        subprocess.run([f"{gnu}-gcc", "-shared", "-O2", "-Wl,--kill-at", "-o",
                        str(tree / "bcryptprimitives.dll"), str(source), "-lbcrypt"], check=True)
    run = subprocess.run([wine, str(tree / "ask.exe"), "1234"], cwd=tree, env=env,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    for line in HOST_OUTPUT:
        assert line in run.stdout, run.stdout


def macos_sdk(root):
    """The two things an SDK gives a macOS link, from ziglang's files:
    libSystem's text stub (its targets spelled as ld64.lld reads them: zig
    lists arm64e, plus arm64e.x1 names lld does not know) and the C headers."""
    import ziglang
    zig = Path(ziglang.__file__).parent / "lib" / "libc"
    (root / "usr" / "lib").mkdir(parents=True)
    (root / "usr" / "include").symlink_to(zig / "include" / "any-darwin-any")
    stub = (zig / "darwin" / "libSystem.tbd").read_text()
    stub = re.sub(r",?\s*arm64e\.x1-[a-z]+", "", stub).replace("arm64e-", "arm64-")
    (root / "usr" / "lib" / "libSystem.tbd").write_text(stub)
    for alias in ("libc.tbd", "libm.tbd"):  # as in Apple's SDKs
        (root / "usr" / "lib" / alias).symlink_to("libSystem.tbd")
    return root


def exports(program):
    out = subprocess.run([str(LLVM / "llvm-objdump"), "--macho", "--exports-trie",
                          str(program)], capture_output=True, text=True, check=True).stdout
    return [line.split()[1] for line in out.splitlines() if line.startswith("0x")]


# clang's target for each macOS CPU (the oldest macOS its Rust target supports)
MACOS = {"aarch64": "arm64-apple-macos11", "x86_64": "x86_64-apple-macos10.12"}


def missing_zig():
    try:
        import ziglang  # noqa: F401
    except ImportError:
        return ["ziglang (pip install ziglang)"]
    return []


@pytest.mark.parametrize("cpu", ["aarch64", pytest.param("x86_64", marks=PLATFORMS_ONLY)])
def test_fixture_for_macos_exports_no_rust_symbol(tmp_path, cpu):
    missing = missing_tools(str(LLVM / "clang"), str(LLVM / "ld64.lld"), RUST_SRC) + missing_zig()
    if missing:
        pytest.skip(f"missing {missing}: sh ci/install-deps.sh installs them")
    sdk = macos_sdk(tmp_path / "sdk")
    cc = f"{LLVM}/clang --target={MACOS[cpu]} -isysroot {sdk} -fuse-ld=lld"
    tree = make_project(tmp_path)
    result = configure(tree, f"--host={cpu}-apple-darwin", f"CC={cc}",
                       f"AR={LLVM}/llvm-ar", env=cross_env(f"{cpu}-apple-darwin"))
    assert result.returncode == 0, result.stdout
    assert f"checking for the Rust target... {cpu}-apple-darwin" in result.stdout
    assert (f"keeps a static library's symbols unexported... "
            f"-Wl,-unexported_symbols_list,{tree}/rust-unexported.txt") in result.stdout, \
        result.stdout

    build = make(tree)
    assert build.returncode == 0, build.stdout
    assert (tree / "ask").read_bytes()[:4] == b"\xcf\xfa\xed\xfe", "ask is not a Mach-O program"
    names = exports(tree / "ask")
    assert "_main" in names and "_answer" in names, names
    leaked = [n for n in names if n.startswith(RUST_NAME_STARTS)]
    assert not leaked, f"{len(leaked)} Rust symbols exported, e.g. {leaked[:5]}"

    # Without the flag the same link exports std: the check above can fail.
    (tree / "ask").unlink()
    bare = make(tree, "RUST_HIDE_LDFLAGS=")
    assert bare.returncode == 0, bare.stdout
    assert len([n for n in exports(tree / "ask") if n.startswith(RUST_NAME_STARTS)]) > 100
    shutil.rmtree(tree / "rust" / "target", ignore_errors=True)


FREEBSD_LIBS_ZIG_LACKS = ("kvm", "memstat", "procstat", "devstat")


def dynamic_symbols(program):
    """The names an ELF program defines in its dynamic symbol table."""
    out = subprocess.run([str(LLVM / "llvm-nm"), "-D", "--defined-only", str(program)],
                         capture_output=True, text=True, check=True).stdout
    return [line.split()[-1] for line in out.splitlines() if line.strip()]


@PLATFORMS_ONLY
def test_fixture_for_freebsd_links_through_zig(tmp_path):
    missing = missing_tools(str(LLVM / "llvm-nm"), RUST_SRC) + missing_zig()
    if missing:
        pytest.skip(f"missing {missing}: sh ci/install-deps.sh installs them")
    zig = f"{sys.executable} -m ziglang"
    args = ("--host=x86_64-unknown-freebsd14.0", f"CC={zig} cc -target x86_64-freebsd",
            f"AR={zig} ar")
    env = cross_env("x86_64-unknown-freebsd")
    # zig's FreeBSD libc has no libkvm, libmemstat, libprocstat or libdevstat,
    # which Rust's std names for FreeBSD: configure says which one it lacks.
    lacking = configure(make_project(tmp_path / "lacking"), *args, "--with-rust=yes", env=env)
    assert lacking.returncode != 0
    assert ("its linker finds no -lkvm, which the standard library for x86_64-unknown-freebsd "
            "needs") in lacking.stdout, lacking.stdout
    # Nothing here calls them: empty archives stand in, and link nothing.
    stubs = tmp_path / "freebsd-libs"
    stubs.mkdir()
    for name in FREEBSD_LIBS_ZIG_LACKS:
        (stubs / f"lib{name}.a").write_bytes(b"!<arch>\n")
    tree = make_project(tmp_path)
    result = configure(tree, *args, f"LDFLAGS=-L{stubs}", env=env)
    assert result.returncode == 0, result.stdout
    assert "checking for the Rust target... x86_64-unknown-freebsd" in result.stdout
    # zig cc rejects --exclude-libs ("unsupported linker arg"), as its
    # Mach-O linker rejects both forms: configure finds none.
    assert "keeps a static library's symbols unexported... none" in result.stdout, result.stdout

    build = make(tree)
    assert build.returncode == 0, build.stdout
    needed = subprocess.run([str(LLVM / "llvm-readelf"), "-d", "-l", str(tree / "ask")],
                            capture_output=True, text=True, check=True).stdout
    assert "/libexec/ld-elf.so.1" in needed and "libc.so.7" in needed, \
        f"ask is not a FreeBSD program:\n{needed}"
    assert not [n for n in FREEBSD_LIBS_ZIG_LACKS if f"lib{n}" in needed], needed
    # The program exports what shared libraries may call: main, no Rust.
    names = dynamic_symbols(tree / "ask")
    leaked = [n for n in names if n.startswith(RUST_NAME_STARTS_ELF)]
    assert not leaked, f"{len(leaked)} Rust symbols exported, e.g. {leaked[:5]}"

    # What zig's missing flag costs: linked as a shared library links (all
    # globals exported), std's symbols are exported.
    (tree / "ask").unlink()
    exported = make(tree, f"LDFLAGS=-L{stubs} -Wl,--export-dynamic")
    assert exported.returncode == 0, exported.stdout
    assert len([n for n in dynamic_symbols(tree / "ask")
                if n.startswith(RUST_NAME_STARTS_ELF)]) > 100
    shutil.rmtree(tree / "rust" / "target", ignore_errors=True)
