#!/bin/sh
# The main job: build CPython (3.13.5 by default) with the Rust binascii.
#   sh ci/build.sh                      # 3.13.5, stage warn
#   sh ci/build.sh --version 3.11       # 3.11.2 (3.14: the 3.14-era main tree)
#   sh ci/build.sh -- --with-pydebug    # extra ./configure arguments after --
# The build's log: build/cpython/<name>.log (name: 313-main by default).
set -eu
case "${1:-}" in
    -h|--help) sed -n '2,6s/^# \{0,1\}//p' "$0"
               exec python3 "$(dirname "$0")/../tests/cpython/cpython_build.py" --help ;;
esac
cd "$(dirname "$0")/.."
# Only what this build needs (ci/install-deps.sh's build profile).
if [ "$(id -u)" = 0 ]; then sh ci/install-deps.sh build; fi
exec python3 tests/cpython/cpython_build.py "$@"
