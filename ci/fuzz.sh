#!/bin/sh
# Fuzzes binascii-core's vector kernels against its scalar code for SECONDS
# (default 600) with cargo-fuzz (libFuzzer, nightly Rust). A benchmark-style
# command, not part of CI: it prints libFuzzer's final figures (runs,
# executions per second, coverage) for docs/benchmarks.md.
#   sh ci/fuzz.sh [SECONDS]
set -eu
cd "$(dirname "$0")/.."
seconds=${1:-600}
if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz: installing cargo-fuzz (cargo install cargo-fuzz)" >&2
    cargo install cargo-fuzz
fi
if ! rustup run nightly rustc --version >/dev/null 2>&1; then
    echo "fuzz: cargo-fuzz needs a nightly toolchain; install one: rustup toolchain install nightly" >&2
    exit 1
fi
corpus=build/fuzz-corpus/kernels
mkdir -p "$corpus"
cargo +nightly fuzz run --fuzz-dir tests/fuzz kernels "$corpus" -- \
    -max_total_time="$seconds" -max_len=4096 -print_final_stats=1 2>&1 |
    tee build/fuzz-kernels.log | grep -E '^(#[0-9]+.*(DONE|pulse)|stat::|==|INFO: Running)|panicked|SUMMARY' || true
# libFuzzer exits non-zero on a finding; the log says which input.
if grep -q -e 'panicked' -e 'SUMMARY: libFuzzer' build/fuzz-kernels.log; then
    echo "fuzz: a kernel differs from the scalar code: see build/fuzz-kernels.log and tests/fuzz/artifacts/" >&2
    exit 1
fi
echo "fuzz: ${seconds} s, no difference (log: build/fuzz-kernels.log)"
