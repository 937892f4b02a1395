#!/bin/sh
# Fetches a pristine CPython source tree from Debian's source packages (or,
# without apt, 3.13.5 from python.org, checked by its SHA-256) and caches
# it.  Prints the path of the unpacked upstream tree (Debian's patches are
# not applied: we build upstream CPython).
#   ci/fetch-cpython.sh 3.13   -> CPython 3.13.5 (trixie)
#   ci/fetch-cpython.sh 3.11   -> CPython 3.11.2 (bookworm)
#   ci/fetch-cpython.sh 3.14   -> CPython main of 2025-03-17 (3.14.0a6+), from
#                                 ../shared/cpython/ (no registry serves it)
# The Debian revisions are pinned (a machine with security sources would
# otherwise pick one the mirror may not serve), and the upstream tarball is
# checked by its SHA-256 whichever way it came.
# RUST_LAYER_CPYTHON_DEBVER=<revision> asks apt for another revision.
set -eu

case "${1:-}" in
    3.13) pkg=python3.13 ver=3.13.5 debver=3.13.5-2+deb13u5
          sha=93e583f243454e6e9e4588ca2c2662206ad961659863277afcdb96801647d640 ;;
    3.11) pkg=python3.11 ver=3.11.2 debver=3.11.2-6+deb12u8
          sha=2411c74bda5bbcfcddaf4531f66d1adc73f247f529aee981b029513aefdbf849 ;;
    3.14) pkg='' ver=3.14-fd545d7 debver=''
          sha=62473c32f71eba53f6323e732436bdb67c2cec8829548da547fd289b439fe10c ;;
    -h|--help) sed -n '2,14s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "usage: $0 3.13|3.11|3.14" >&2; exit 2 ;;
esac
debver=${RUST_LAYER_CPYTHON_DEBVER:-$debver}

cache=${RUST_LAYER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/rust-layer}/cpython
tree=$cache/Python-$ver
if [ -f "$tree/configure.ac" ]; then
    echo "$tree"
    exit 0
fi

mkdir -p "$cache/dl"
cd "$cache/dl"
if [ -z "$pkg" ]; then
    # The 3.14-era tree: a git archive kept beside this repository.
    here=$(cd "$(dirname "$0")/.." && pwd)
    for orig in "${RUST_LAYER_SHARED:-$here/../shared}/cpython/cpython-fd545d7.tar.xz" \
                /work/shared/cpython/cpython-fd545d7.tar.xz; do
        [ -f "$orig" ] && break
    done
    if [ ! -f "$orig" ]; then
        echo "$0: no cpython-fd545d7.tar.xz in ../shared/cpython/ or /work/shared/cpython/;" >&2
        echo "  fix: set RUST_LAYER_SHARED to the folder that holds cpython/cpython-fd545d7.tar.xz" >&2
        exit 1
    fi
elif command -v apt-get >/dev/null; then
    if ! grep -rqs '^Types: deb-src' /etc/apt/sources.list.d/; then
        echo "$0: no deb-src entry for bookworm and trixie; run as root:" >&2
        echo "  sh ci/install-deps.sh" >&2
        exit 1
    fi
    # apt-get source needs only read access to the package lists, not root.
    if ! apt-get source --download-only -qq "$pkg=$debver" >apt.log 2>&1; then
        echo "$0: apt-get source $pkg=$debver failed; apt said:" >&2
        sed 's/^/  | /' apt.log >&2
        echo "  fix: run 'apt-get update' (as root) so apt knows the revisions the mirror serves;" >&2
        echo "  'apt-cache showsrc $pkg | grep ^Version' lists them, and" >&2
        echo "  RUST_LAYER_CPYTHON_DEBVER=<one of them> $0 $1 fetches another (its SHA-256 is checked)." >&2
        exit 1
    fi
    for orig in "${pkg}_${ver}".orig.tar.*; do break; done
elif [ "$ver" = 3.13.5 ]; then
    # No apt (the macOS workflow): python.org's tarball, the one Debian's
    # orig.tar.xz is (same SHA-256).
    orig=Python-$ver.tar.xz
    curl -fsSL -o "$orig.part" "https://www.python.org/ftp/python/$ver/$orig"
    mv "$orig.part" "$orig"
else
    echo "$0: CPython $ver comes from Debian's source packages: run on Debian with apt" >&2
    exit 1
fi
sum=$( (sha256sum "$orig" 2>/dev/null || shasum -a 256 "$orig") | cut -d' ' -f1)
if [ "$sum" != "$sha" ]; then
    echo "$0: $cache/dl/$orig has SHA-256 $sum, not the one of CPython $ver;" >&2
    echo "  fix: delete $cache/dl and retry" >&2
    exit 1
fi
rm -rf "$tree.tmp" && mkdir -p "$tree.tmp"
tar -xf "$orig" -C "$tree.tmp" --strip-components=1
mv "$tree.tmp" "$tree"
echo "$tree"
