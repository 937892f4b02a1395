#!/bin/sh
# Benchmarks: the Rust binascii against the C one (one process, same build),
# then what Rust costs the CPython build.  Prints Markdown tables.
#   sh ci/bench.sh            # both
#   sh ci/bench.sh speed      # only the module speed
#   sh ci/bench.sh build      # only the build cost
#   sh ci/bench.sh simd       # vector paths vs C, pybase64, stdlib, memcpy;
#                             # writes docs/benchmarks-simd.svg; on an AVX-512
#                             # CPU, a second table with AVX2 forced
#   sh ci/bench.sh fuzz [S]   # the kernels' fuzz target for S seconds (600)
#   sh ci/bench.sh noop REV   # a no-op make with the layer of REV and of
#                             # the working tree, side by side (fixture)
#   sh ci/bench.sh size       # a client library's size: std or no_std, by
#                             # profile (docs/reference.md, "Size")
#   sh ci/bench.sh json [V]   # the Rust _json against the C one and orjson
#                             # on CPython V (3.13): twitter, citm_catalog,
#                             # canada, pyperformance's json workloads;
#                             # writes docs/json-bench.svg
set -eu
cd "$(dirname "$0")/.."
case "${1:-all}" in
    speed) exec python3 tests/bench/run_bench.py ;;
    build) exec python3 tests/bench/build_cost.py ;;
    simd) # the plot's library, from PyPI like pytest in ci/test.sh
        python3 -c "import matplotlib" 2>/dev/null || python3 -m pip install -q matplotlib
        exec python3 tests/bench/run_simd_bench.py --plot docs/benchmarks-simd.svg --also-avx2 ;;
    fuzz) exec sh ci/fuzz.sh "${2:-600}" ;;
    noop) exec python3 tests/bench/noop_make.py "${2:?usage: $0 noop REV}" ;;
    size) exec python3 tests/bench/client_size.py ;;
    json) python3 -c "import matplotlib" 2>/dev/null || python3 -m pip install -q matplotlib
        out=build/bench-json/bench-"${2:-3.13}".json
        python3 tests/bench/run_bench_json.py --version "${2:-3.13}" --json-out "$out"
        exec python3 tests/bench/plot_json.py "$out" -o docs/json-bench.svg ;;
    all) python3 tests/bench/run_bench.py && exec python3 tests/bench/build_cost.py ;;
    *) echo "usage: $0 [speed|build|simd|fuzz [SECONDS]|noop REV|size|json [VERSION]|all]" >&2; exit 2 ;;
esac
