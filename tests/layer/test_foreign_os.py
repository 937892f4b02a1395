"""The fixture project beyond Linux, with each target's std built by the
layer's `cargo xtask build-std` (Debian ships none):

- Windows (GNU): cross-built for x86_64-w64-mingw32 with mingw-w64 gcc and
  run under wine64. This is the layer's Windows-shaped link: the archive's
  name and the native libraries rustc asks for.
- macOS: linked for aarch64-apple-darwin, not run. The linker is LLVM's
  ld64.lld (Debian's lld-22), driven by clang-22; what an SDK would give it,
  libSystem's stub and the C headers, comes from PyPI's ziglang. The exports
  show that RUST_HIDE_LDFLAGS has its ld64 form: no Rust symbol exported.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from fixture import configure, clean_env, make_project
from make_helpers import HOST_OUTPUT, make, missing_tools
from std_sysroot import CARGO, RUSTC, std_sysroot

WINE = "/usr/lib/wine/wine64"
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


def cross_env(target, **extra):
    return clean_env(CARGO=CARGO, RUSTC=RUSTC, RUSTFLAGS=f"--sysroot {std_sysroot(target)}",
                     **extra)


def test_fixture_for_windows_gnu_runs_under_wine(tmp_path):
    missing = missing_tools("x86_64-w64-mingw32-gcc", WINE, RUST_SRC)
    if missing:
        pytest.skip(f"missing {missing}: sh ci/install-deps.sh installs mingw-w64, wine64 and "
                    "rust-web-src")
    tree = make_project(tmp_path)
    result = configure(tree, "--host=x86_64-w64-mingw32", "CC=x86_64-w64-mingw32-gcc",
                       env=cross_env("x86_64-pc-windows-gnu"))
    assert result.returncode == 0, result.stdout
    assert "checking for the Rust target... x86_64-pc-windows-gnu" in result.stdout
    libs = next(line for line in result.stdout.splitlines()
                if line.startswith("checking for the native libraries"))
    assert "-lkernel32" in libs and "-lws2_32" in libs, libs

    build = make(tree, "V=1")
    assert build.returncode == 0, build.stdout
    link = next(line for line in build.stdout.splitlines() if "-o ask.exe.$$.tmp" in line)
    assert "rust/libanswer.a" in link and "-lkernel32" in link, link
    assert (tree / "ask.exe").read_bytes()[:2] == b"MZ", "ask.exe is not a Windows program"

    prefix = tmp_path / "wineprefix"
    env = {**os.environ, "WINEPREFIX": str(prefix), "WINEDEBUG": "-all"}
    subprocess.run([WINE, "wineboot", "--init"], env=env, capture_output=True, timeout=300)
    if not (prefix / "drive_c" / "windows" / "system32" / "bcryptprimitives.dll").exists():
        source = tmp_path / "process_prng.c"
        source.write_text(PROCESS_PRNG_C)
        subprocess.run(["x86_64-w64-mingw32-gcc", "-shared", "-O2", "-o",
                        str(tree / "bcryptprimitives.dll"), str(source), "-lbcrypt"], check=True)
    run = subprocess.run([WINE, str(tree / "ask.exe"), "1234"], cwd=tree, env=env,
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


def test_fixture_for_macos_exports_no_rust_symbol(tmp_path):
    missing = missing_tools(str(LLVM / "clang"), str(LLVM / "ld64.lld"), RUST_SRC)
    try:
        import ziglang  # noqa: F401
    except ImportError:
        missing.append("ziglang (pip install ziglang)")
    if missing:
        pytest.skip(f"missing {missing}: sh ci/install-deps.sh installs them")
    sdk = macos_sdk(tmp_path / "sdk")
    cc = f"{LLVM}/clang --target=arm64-apple-macos11 -isysroot {sdk} -fuse-ld=lld"
    tree = make_project(tmp_path)
    result = configure(tree, "--host=aarch64-apple-darwin", f"CC={cc}",
                       f"AR={LLVM}/llvm-ar", env=cross_env("aarch64-apple-darwin"))
    assert result.returncode == 0, result.stdout
    assert "checking for the Rust target... aarch64-apple-darwin" in result.stdout
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
