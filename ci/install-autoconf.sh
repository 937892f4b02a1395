#!/bin/sh
# Installs GNU Autoconf 2.72 as autoconf2.72 (and autoheader2.72, autom4te2.72,
# ...) under /usr/local, built from Debian trixie's source package: CPython
# 3.14 and later need it (configure.ac says AC_PREREQ([2.72])) and Debian 12
# has 2.71. `cargo cpython apply` picks autoconf2.72 for such trees; the
# plain `autoconf` stays Debian's.
#   sh ci/install-autoconf.sh        # as root; does nothing when installed
set -eu
ver=2.72 debver=2.72-3.1
case "${1:-}" in
    -h|--help) sed -n '2,7s/^# \{0,1\}//p' "$0"; exit 0 ;;
esac
if command -v "autoconf$ver" >/dev/null && "autoconf$ver" --version | grep -q " $ver\$"; then
    exit 0
fi
if [ "$(id -u)" != 0 ]; then
    echo "ci/install-autoconf.sh: autoconf$ver is missing; run as root: sudo sh ci/install-autoconf.sh" >&2
    exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
# Only the upstream tarball is needed (the mirror may lack Debian's own
# patch tarball): apt says where it is and its SHA-256.
line=$(apt-get source --print-uris -qq "autoconf=$debver" 2>apt.log | grep "orig.tar" || :)
if [ -z "$line" ]; then
    echo "ci/install-autoconf.sh: apt knows no source package autoconf=$debver; apt said:" >&2
    sed 's/^/  | /' apt.log >&2
    echo "  fix: add a deb-src entry for trixie (sh ci/install-deps.sh does) and run apt-get update" >&2
    exit 1
fi
url=$(echo "$line" | cut -d"'" -f2)
file=$(echo "$line" | cut -d' ' -f2)
sum=$(echo "$line" | sed 's/.*SHA256://')
curl -fsSL -o "$file" "$url"
echo "$sum  $file" | sha256sum -c --quiet
tar -xf "$file"
cd "autoconf-$ver"
./configure -q --prefix=/usr/local --program-suffix="$ver" >/dev/null
make -s >/dev/null
make -s install >/dev/null
"autoconf$ver" --version | head -1
