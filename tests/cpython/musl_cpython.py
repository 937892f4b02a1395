"""CPython 3.13.5 for x86_64 musl with the Rust binascii, built natively
with Debian's musl-gcc (musl-tools) and a std for x86_64-unknown-linux-musl
from `cargo xtask build-std` (Debian ships none):

    b = musl_build()        # build/cpython/313-x86_64-musl

configure gets the musl toolchain of tests/layer/musl_toolchain.py (CC
and LDFLAGS) and `--build=x86_64-pc-linux-musl --host=x86_64-pc-linux-musl`
(the same: this is no cross build, the programs run here; CPython's
configure refuses a `--host` without `--build`, and config.guess would say
musl anyway, asking the musl compiler), so the layer's proof program runs
too, linked with the native libraries rustc names for musl. PKG_CONFIG_LIBDIR points nowhere:
pkg-config would hand the glibc builds of zlib, libffi and OpenSSL to a
musl program. aarch64 musl is a cross build (cross_cpython.CROSS).
"""

import musl_toolchain
from cpython_build import BUILDS, build
from std_sysroot import CARGO, RUSTC, std_sysroot

RUST_TARGET = "x86_64-unknown-linux-musl"
GCC = musl_toolchain.MUSL_GCC[RUST_TARGET][0]


def musl_build(make=True):
    empty = BUILDS / "no-pkgconfig"
    empty.mkdir(parents=True, exist_ok=True)
    args = ["--build=x86_64-pc-linux-musl", "--host=x86_64-pc-linux-musl", f"CC={musl_toolchain.cc_wrapper(GCC)}",
            f"LDFLAGS={musl_toolchain.ldflags(GCC)}", f"RUSTC={RUSTC}", f"CARGO={CARGO}",
            f"RUSTFLAGS=--sysroot {std_sysroot(RUST_TARGET)}", f"PKG_CONFIG_LIBDIR={empty}"]
    return build("313-x86_64-musl", configure_args=args, make=make)
