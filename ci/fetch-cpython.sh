#!/bin/sh
# Fetches a pristine CPython source tree from Debian's source packages (or,
# without apt, 3.13.5 from python.org, checked by its SHA-256) and caches
# it.  Prints the path of the unpacked upstream tree (Debian's patches are
# not applied: we build upstream CPython).
#   ci/fetch-cpython.sh 3.13   -> CPython 3.13.5 (trixie)
#   ci/fetch-cpython.sh 3.11   -> CPython 3.11.2 (bookworm)
set -eu

case "${1:-}" in
    3.13) pkg=python3.13 ver=3.13.5 debver=3.13.5-2+deb13u5 ;;
    3.11) pkg=python3.11 ver=3.11.2 debver= ;;
    *) echo "usage: $0 3.13|3.11" >&2; exit 2 ;;
esac

cache=${RUST_LAYER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/rust-layer}/cpython
tree=$cache/Python-$ver
if [ -f "$tree/configure.ac" ]; then
    echo "$tree"
    exit 0
fi

mkdir -p "$cache/dl"
cd "$cache/dl"
if command -v apt-get >/dev/null; then
    if ! grep -rqs '^Types: deb-src' /etc/apt/sources.list.d/; then
        echo "$0: no deb-src entry for bookworm and trixie; run as root:" >&2
        echo "  sh ci/install-deps.sh" >&2
        exit 1
    fi
    # apt-get source needs only read access to the package lists, not root.
    apt-get source --download-only -qq "$pkg${debver:+=$debver}" >&2
    for orig in "${pkg}_${ver}".orig.tar.*; do break; done
elif [ "$ver" = 3.13.5 ]; then
    # No apt (the macOS workflow): python.org's tarball, the one Debian's
    # orig.tar.xz is (same SHA-256).
    orig=Python-$ver.tar.xz
    curl -fsSL -o "$orig.part" "https://www.python.org/ftp/python/$ver/$orig"
    sum=$( (sha256sum "$orig.part" 2>/dev/null || shasum -a 256 "$orig.part") | cut -d' ' -f1)
    if [ "$sum" != 93e583f243454e6e9e4588ca2c2662206ad961659863277afcdb96801647d640 ]; then
        echo "$0: $orig has SHA-256 $sum, not the one of CPython $ver; delete $cache/dl and retry" >&2
        exit 1
    fi
    mv "$orig.part" "$orig"
else
    echo "$0: CPython $ver comes from Debian's source packages: run on Debian with apt" >&2
    exit 1
fi
rm -rf "$tree.tmp" && mkdir -p "$tree.tmp"
tar -xf "$orig" -C "$tree.tmp" --strip-components=1
mv "$tree.tmp" "$tree"
echo "$tree"
