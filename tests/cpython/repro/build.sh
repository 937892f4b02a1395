#!/bin/sh
# The build command reprotest runs in its copy of the tree
# (tests/cpython/reproducible.py): configures and makes CPython in the tree,
# then copies the compared files into out/ and writes out/path-leaks.txt,
# the strings of each that name a directory of this build.
# From the environment: REPRO_CONFIGURE_ARGS (configure's arguments, split
# at spaces), REPRO_PREFIX_MAP (yes: CFLAGS=-ffile-prefix-map=<tree>=., as
# Debian's dpkg-buildflags gives), REPRO_JOBS, REPRO_CCACHE (a directory
# anyone may write); CC, SOURCE_DATE_EPOCH.
set -eu
here=$(pwd)
testbed=$(dirname "$here")
# What this build runs under, one variation a field, for reproducible.py to
# check that reprotest's second build really varied each (its log has it).
echo "build.sh: build_path=$here user_group=$(id -un):$(id -gn) umask=$(umask)" \
    "locales=${LC_ALL:-} time=$(date -u +%Y-%m-%d) fileordering=$(stat -f -c %T .)" \
    "home=${HOME:-} timezone=${TZ:-} exec_path=${PATH##*:}" \
    "environment=${REPROTEST_CAPTURE_ENVIRONMENT:-}"
# Builds are offline from rust-vendor/; cargo still wants a CARGO_HOME it can
# write, and reprotest's HOME is the tree or /nonexistent.
CARGO_HOME=$here/.cargo-home
# ccache: one cache per build user, so no object of one build is the other
# build's (the second build is the only one run as nobody): each build's C is
# compiled under its own variations, and a cache is warm for the next run.
# The compiler's directory is hashed (a hit must not bring another build's
# DW_AT_comp_dir), named relative to the tree.
CCACHE_DIR=${REPRO_CCACHE:?}/$(id -un)
CCACHE_BASEDIR=$here
export CARGO_HOME CCACHE_DIR CCACHE_BASEDIR
unset CCACHE_NOHASHDIR

set --
if [ "${REPRO_PREFIX_MAP:-yes}" = yes ]; then set -- CFLAGS="-ffile-prefix-map=$here=."; fi
# shellcheck disable=SC2086 # configure's arguments, split at spaces
./configure ${REPRO_CONFIGURE_ARGS:-} "$@" > build.log 2>&1 || { tail -40 build.log; exit 1; }
make -j"${REPRO_JOBS:-2}" >> build.log 2>&1 || { tail -60 build.log; exit 1; }

mkdir -p out
cp python libpython3.*.a build/lib.*/binascii.*.so out/
# The Rust archives: every module's, and each shared module's own.
for archive in rust/libcpython_rust*.a; do
    if [ -f "$archive" ]; then cp "$archive" out/; fi
done

# The testbed (it holds the tree, whatever its name in this build) and a
# HOME that is a real directory; each shown by a placeholder, so the two
# builds' reports compare.
home=${HOME:-}
[ "${#home}" -gt 1 ] || home=
for f in out/*; do
    strings -a "$f" | grep -F -e "$testbed" ${home:+-e "$home"} | sort -u |
        sed -e "s|$here|<tree>|g" -e "s|$testbed|<testbed>|g" ${home:+-e "s|$home|<home>|g"} \
            -e "s|^|${f#out/}: |" || :
done > path-leaks.txt
mv path-leaks.txt out/
