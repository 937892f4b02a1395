#!/bin/sh
# Benchmarks: the Rust binascii against the C one (one process, same build),
# then what Rust costs the CPython build.  Prints Markdown tables.
#   sh ci/bench.sh            # both
#   sh ci/bench.sh speed      # only the module speed
#   sh ci/bench.sh build      # only the build cost
set -eu
cd "$(dirname "$0")/.."
case "${1:-all}" in
    speed) exec python3 tests/bench/run_bench.py ;;
    build) exec python3 tests/bench/build_cost.py ;;
    all) python3 tests/bench/run_bench.py && exec python3 tests/bench/build_cost.py ;;
    *) echo "usage: $0 [speed|build|all]" >&2; exit 2 ;;
esac
