"""json-core's string loops against CPython's C loops, side by side.

Usage: python3 benches/compare.py [WORD]   (from rust-support/json-core)

Builds benches/c_reference.c (the text loops of Modules/_json.c) with
CPython's optimisation flags, then runs the `speed` bench's `compare`
mode, which times the same inputs under the C loops, the scalar kernel
and the best kernel of this CPU at 64 B, 4 KiB and 1 MiB, and prints MB/s
and the best kernel's speed over C's. WORD keeps the rows whose name holds
it.
"""
import os
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
exe = os.path.join(tempfile.mkdtemp(), "c_reference")
subprocess.run(["gcc", "-O3", "-fno-strict-overflow", "-DNDEBUG", "-o", exe,
                os.path.join(here, "c_reference.c")], check=True)
env = dict(os.environ, JSON_CORE_C_REFERENCE=exe)
sys.exit(subprocess.run(["cargo", "bench", "-p", "json-core", "--bench", "speed", "--",
                         "compare", *sys.argv[1:]], cwd=os.path.dirname(here),
                        env=env).returncode)
