#!/bin/sh
# Builds the Rust binascii against an already built CPython tree, without
# the autoconf layer, and swaps it in for the C module's shared extension:
#   tests/cpython/standalone_module.sh TREE [TARGET_DIR]
# TREE is a configured and built CPython (3.11+, binascii built shared).
# The C module is kept as <name>.so.c-module; `... TREE --restore` puts it back.
# (make's file there may be a symlink to Modules/: it is replaced, not written through.)
# Then run e.g. `TREE/python -m test test_binascii test_base64 test_quopri`.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
tree=$(cd "${1:?usage: $0 CPYTHON_TREE [TARGET_DIR | --restore]}" && pwd)
python="$tree/python"

cfg() { "$python" -c "import sysconfig; print(sysconfig.get_config_var('$1') or '')"; }
ext_suffix=$(cfg EXT_SUFFIX)
libdir=$tree/$(cat "$tree/pybuilddir.txt")
installed=$libdir/binascii$ext_suffix

if [ "${2:-}" = "--restore" ]; then
    if [ -f "$installed.c-module" ]; then
        rm -f "$installed" && mv "$installed.c-module" "$installed"
    fi
    exit 0
fi

target_dir=${2:-$root/target}
triple=$(rustc -vV | sed -n 's/^host: //p')
echo "== cargo build (bindings from $tree)" >&2
(cd "$root" && CPYTHON_BUILDDIR="$tree" CPYTHON_SRCDIR="$tree" CARGO_TARGET_DIR="$target_dir" \
    cargo build --release --locked -p cpython-rust --target "$triple")
archive=$target_dir/$triple/release/libcpython_rust.a

# What rustc's std needs from the system, e.g. "-lgcc_s -lutil -lc ...".
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
: > "$scratch/empty.rs"
native_libs=$(rustc --crate-type staticlib --print native-static-libs \
    -o "$scratch/empty.a" "$scratch/empty.rs" 2>&1 | sed -n 's/.*native-static-libs: //p')

echo "== compile and link binascii$ext_suffix" >&2
cd "$tree"
# The flags make uses for a stdlib shared module (relative -I paths: run in TREE).
$(cfg CC) $(cfg PY_STDMODULE_CFLAGS) $(cfg CCSHARED) -I"$root/rust-support/cpython-rust/include" \
    -c "$root/rust-support/binascii/binascii_rust.c" -o "$scratch/binascii_rust.o"
$(cfg BLDSHARED) "$scratch/binascii_rust.o" "$archive" -Wl,--exclude-libs,ALL $native_libs \
    $(cfg LIBPYTHON) -o "$scratch/binascii$ext_suffix"

exports=$(nm -D --defined-only "$scratch/binascii$ext_suffix" | awk '{print $3}')
if [ "$exports" != "PyInit_binascii" ]; then
    echo "$0: the module exports more than PyInit_binascii:" >&2
    echo "$exports" >&2
    exit 1
fi
readelf -p .comment "$scratch/binascii$ext_suffix" | grep -q rustc

[ -f "$installed.c-module" ] || cp "$installed" "$installed.c-module"
rm -f "$installed"
cp "$scratch/binascii$ext_suffix" "$installed"
echo "$installed"
