"""Builds CPython with the Rust _json (or reuses the test build), compiles
the C _json of the same tree with the same flags, and runs bench_json.py
with the built interpreter: both modules in one process.

    python3 tests/bench/run_bench_json.py [--version 3.13] [--repeat 7] [--clock cpu] \
        [--json-out build/bench-json.json] [--no-orjson] [DOCUMENT ...]

The documents are fetched first (json_documents.py, into build/bench-json/).
orjson (its manylinux wheel from PyPI, pinned, unpacked into
build/bench-wheels/orjson-<version>-cpXY) is put on the interpreter's path
as the outside reference column; --no-orjson leaves it out.  Draw the
ratios with plot_json.py.
"""

import argparse
import os
import platform
import subprocess
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "cpython"))
sys.path.insert(0, str(HERE))
from c_module import build_c_module  # noqa: E402
from cpython_build import REPO, VERSIONS, build  # noqa: E402
import json_documents  # noqa: E402

WHEELS = REPO / "build" / "bench-wheels"
ORJSON = "3.13.0"  # has cp311, cp313 and cp314 wheels


def orjson_dir(b):
    """orjson's wheel for the built interpreter, unpacked (pip download
    fetches it from PyPI once; no compiler needed)."""
    tag = b.run_python("-c", "import sys; print(f'{sys.version_info[0]}{sys.version_info[1]}')")
    tag = tag.stdout.strip()
    target = WHEELS / f"orjson-{ORJSON}-cp{tag}"
    if (target / "orjson").is_dir():
        return target
    WHEELS.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", f"orjson=={ORJSON}",
                    "--only-binary", ":all:", "--no-deps",
                    "--python-version", tag[0] + "." + tag[1:],
                    "--implementation", "cp", "--abi", f"cp{tag}",
                    "--platform", f"manylinux2014_{platform.machine()}", "-d", str(WHEELS)],
                   check=True)
    wheel = next(WHEELS.glob(f"orjson-{ORJSON}-cp{tag}-cp{tag}-*.whl"))
    with zipfile.ZipFile(wheel) as z:
        z.extractall(target)
    return target


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", choices=sorted(VERSIONS), default="3.13")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--clock", choices=["cpu", "wall"], default="cpu",
                        help="bench_json.py's clock (default: CPU time)")
    parser.add_argument("--json-out", help="raw times for plot_json.py")
    parser.add_argument("--no-orjson", action="store_true", help="no orjson column")
    parser.add_argument("documents", nargs="*", help="only these documents (bench_json.py)")
    args = parser.parse_args()
    json_documents.fetch()  # here, where pip is
    b = build(f"{args.version.replace('.', '')}-rust", version=args.version)
    c_json = build_c_module(b, "_json", "_json.c")
    env = dict(os.environ)
    extra = []
    if not args.no_orjson:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(orjson_dir(b)),
                                                          env.get("PYTHONPATH")]))
        extra.append("--orjson")
    if args.json_out:
        extra += ["--json-out", str(Path(args.json_out).resolve())]
    subprocess.run([str(b.python), str(HERE / "bench_json.py"), "--c-module", str(c_json),
                    "--repeat", str(args.repeat), "--clock", args.clock, *extra,
                    *args.documents],
                   env=env, check=True)


if __name__ == "__main__":
    main()
