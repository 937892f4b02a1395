#!/bin/sh
# binascii-core's NEON kernels on aarch64 under qemu-user: the op-level
# contract test (tests/kernel_ops.rs) and the qp block test, built with
# Debian's rustc (which has the aarch64 std) and aarch64-linux-gnu-gcc.
# kernel_ops runs twice: on qemu's `max` CPU (crc32 by PMULL with SHA3's
# EOR3) and on a Neoverse N1 (PMULL without SHA3).
#   sh ci/neon-qemu.sh            # debug build
#   sh ci/neon-qemu.sh --release  # optimized build
set -eu
cd "$(dirname "$0")/.."
RUSTC=/usr/bin/rustc
CARGO_TARGET_DIR="$PWD/target/cross"
CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=aarch64-linux-gnu-gcc
CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUNNER="qemu-aarch64-static -L /usr/aarch64-linux-gnu"
export RUSTC CARGO_TARGET_DIR CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER \
    CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUNNER
for test in kernel_ops qp_blocks; do
    QEMU_CPU=max /usr/bin/cargo test -j2 "$@" -p binascii-core \
        --target aarch64-unknown-linux-gnu --test "$test"
done
QEMU_CPU=neoverse-n1 /usr/bin/cargo test -j2 "$@" -p binascii-core \
    --target aarch64-unknown-linux-gnu --test kernel_ops
