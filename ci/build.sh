#!/bin/sh
# The main job: build CPython (3.13.5 by default) with the Rust binascii.
#   sh ci/build.sh                      # 3.13.5, stage warn
#   sh ci/build.sh --version 3.11       # 3.11.2
#   sh ci/build.sh -- --with-pydebug    # extra ./configure arguments after --
set -eu
cd "$(dirname "$0")/.."
if [ "$(id -u)" = 0 ]; then sh ci/install-deps.sh; fi
exec python3 tests/cpython/cpython_build.py "$@"
