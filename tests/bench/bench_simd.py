"""Throughput of the Rust binascii's vector paths against the C module of
the same CPython, pybase64, the stdlib's own fast paths (bytes.hex,
bytes.fromhex, zlib.crc32) and a memcpy (a copy of the input), in one
process, in alternated rounds.  Run by run_simd_bench.py with the
Rust-built interpreter; writes its figures as JSON.

    ./python bench_simd.py --c-module C.so --kernel avx2 --json out.json

The Rust module must be forced to `--kernel` with _PYTHON_BINASCII_KERNEL
(run_simd_bench.py does), so the path it took is known, not guessed.
"""

import argparse
import importlib.util
import json
import os
import random
import statistics
import sys
import timeit
import zlib

SIZES = {"64 B": 64, "4 KiB": 4096, "64 KiB": 65536, "1 MiB": 1 << 20}
# Kernels that have vector code for each operation (binascii-core/src/simd).
VECTOR_OPS = {"b2a_base64", "a2b_base64", "a2b_base64 strict", "a2b_base64 lines",
              "hexlify", "unhexlify"}


def load_c_module(path):
    spec = importlib.util.spec_from_file_location("binascii", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def lines76(b64):
    return b"\n".join(b64[i:i + 76] for i in range(0, len(b64), 76)) + b"\n"


def cases(rust, c, pybase64, size, rng):
    """(operation, {implementation: callable}, input size in bytes)."""
    data = rng.randbytes(size)
    b64 = c.b2a_base64(data, newline=False)
    lines = lines76(b64)
    hexed = c.hexlify(data)
    hex_str = hexed.decode()
    copy_of = {n: bytearray(n) for n in (len(data), len(b64), len(lines), len(hexed))}

    def memcpy(n):
        source = copy_of[n]
        return lambda: bytes(source)

    base64_ops = [
        ("b2a_base64", data, lambda m: lambda: m.b2a_base64(data, newline=False),
         lambda: pybase64.b64encode(data)),
        ("a2b_base64", b64, lambda m: lambda: m.a2b_base64(b64),
         lambda: pybase64.b64decode(b64)),
        ("a2b_base64 strict", b64, lambda m: lambda: m.a2b_base64(b64, strict_mode=True),
         lambda: pybase64.b64decode(b64, validate=True)),
        ("a2b_base64 lines", lines, lambda m: lambda: m.a2b_base64(lines),
         lambda: pybase64.b64decode(lines)),
    ]
    out = []
    for name, source, call, other in base64_ops:
        impls = {"Rust": call(rust), "C": call(c)}
        if pybase64 is not None:
            impls["pybase64"] = other
        impls["memcpy"] = memcpy(len(source))
        out.append((name, impls, len(source)))
    out.append(("hexlify", {"Rust": lambda: rust.hexlify(data), "C": lambda: c.hexlify(data),
                            "bytes.hex": lambda: data.hex(), "memcpy": memcpy(len(data))},
                len(data)))
    out.append(("unhexlify", {"Rust": lambda: rust.unhexlify(hexed),
                              "C": lambda: c.unhexlify(hexed),
                              "bytes.fromhex": lambda: bytes.fromhex(hex_str),
                              "memcpy": memcpy(len(hexed))}, len(hexed)))
    out.append(("crc32", {"Rust": lambda: rust.crc32(data), "C": lambda: c.crc32(data),
                          "zlib.crc32": lambda: zlib.crc32(data), "memcpy": memcpy(len(data))},
                len(data)))
    return out


def alternated_medians(impls, rounds):
    """Seconds per call of each implementation: each round times every one
    in turn (so a burst of machine load hits all alike), the median of the
    rounds is kept."""
    timers = {name: timeit.Timer(func) for name, func in impls.items()}
    numbers = {name: max(1, t.autorange()[0] // 4) for name, t in timers.items()}
    times = {name: [] for name in impls}
    for _ in range(rounds):
        for name, timer in timers.items():
            best = min(timer.repeat(repeat=3, number=numbers[name]))
            times[name].append(best / numbers[name])
    return {name: statistics.median(t) for name, t in times.items()}


def rust_path(op, args):
    if op in VECTOR_OPS:
        return args.kernel
    return args.crc32_path if op == "crc32" else "scalar"


def pybase64_path(pybase64):
    if pybase64 is None:
        return None
    version = pybase64.get_version()  # e.g. "1.5.1 (C extension active - AVX2)"
    return version.split("- ")[-1].rstrip(")") if "- " in version else version


# pybase64's SIMD flags (its private `_set_simd_path`, which its own tests
# use) for the same instruction set as each Rust kernel.
PYBASE64_SIMD = {"ssse3": 4, "avx2": 64, "avx512vbmi": 128}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--c-module", required=True)
    parser.add_argument("--kernel", required=True, help="the kernel the Rust module is forced to")
    parser.add_argument("--crc32-path", default="table",
                        help="the Rust crc32's path with --kernel on this CPU "
                             "(cpu_kernels.crc32_path)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", required=True)
    parser.add_argument("--same-isa", action="store_true",
                        help="make pybase64 use the instruction set of --kernel too")
    args = parser.parse_args()
    if os.environ.get("_PYTHON_BINASCII_KERNEL") != args.kernel:
        sys.exit("bench_simd: set _PYTHON_BINASCII_KERNEL to --kernel")
    import binascii as rust
    c = load_c_module(args.c_module)
    try:
        import pybase64
    except ImportError:
        pybase64 = None
    if pybase64 is not None and args.same_isa:
        from pybase64 import _pybase64
        _pybase64._set_simd_path(PYBASE64_SIMD[args.kernel])
    paths = {"Rust": args.kernel, "C": "scalar", "pybase64": pybase64_path(pybase64),
             "bytes.hex": "CPython", "bytes.fromhex": "CPython", "zlib.crc32": "zlib",
             "memcpy": "libc"}
    results = []
    for label, size in SIZES.items():
        for name, impls, nbytes in cases(rust, c, pybase64, size, random.Random(size)):
            # bytes.hex gives str: compare its ASCII bytes
            values = {k: (lambda v: v.encode() if isinstance(v, str) else v)(f())
                      for k, f in impls.items() if k != "memcpy"}
            if len({repr(v) for v in values.values()}) != 1:
                sys.exit(f"bench_simd: {name} at {label}: results differ: {sorted(values)}")
            seconds = alternated_medians(impls, args.rounds)
            row = {"op": name, "size": label, "bytes": nbytes, "seconds": seconds,
                   "paths": {k: rust_path(name, args) if k == "Rust" else paths[k]
                             for k in impls}}
            results.append(row)
            rate = nbytes / seconds["Rust"] / 1e6
            print(f"{name:18} {label:7} Rust {rate:9.0f} MB/s", flush=True)
    with open(args.json, "w") as f:
        json.dump({"python": sys.version.split()[0], "kernel": args.kernel,
                   "pybase64": pybase64 and pybase64.get_version(), "results": results}, f,
                  indent=1)


if __name__ == "__main__":
    main()
