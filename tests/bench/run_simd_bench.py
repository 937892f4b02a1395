"""The vector-path benchmark (issue 12): builds CPython 3.13 with the Rust
binascii (or reuses the test build), compiles the C binascii of the same
tree, puts pybase64 (a wheel from PyPI) on the built interpreter's path, runs
bench_simd.py with the Rust module forced to the best kernel this CPU runs,
and prints a Markdown table; `--plot FILE` also draws it (matplotlib).

    python3 tests/bench/run_simd_bench.py [--rounds 5] [--plot docs/benchmarks-simd.svg]
"""

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "cpython"))
from c_module import build_c_binascii  # noqa: E402
from cpu_kernels import best_kernel, cpu_flags, crc32_path  # noqa: E402
from cpython_build import REPO, build  # noqa: E402

WHEELS = REPO / "build" / "bench-wheels"
# The reference each operation is compared with, besides C and memcpy.
OTHER = {"b2a_base64": "pybase64", "a2b_base64": "pybase64", "a2b_base64 strict": "pybase64",
         "a2b_base64 lines": "pybase64", "hexlify": "bytes.hex",
         "unhexlify": "bytes.fromhex", "crc32": "zlib.crc32"}
SHOWN_FLAGS = ["sse4_1", "ssse3", "pclmulqdq", "avx2", "avx512f", "avx512bw", "avx512vbmi",
               "avx512_vbmi2", "vpclmulqdq", "asimd", "pmull", "sha3"]


def cpu():
    """(model, the flags that matter here, all flags)."""
    text = Path("/proc/cpuinfo").read_text()
    model = re.search(r"^(model name|Model)\s*:\s*(.*)$", text, re.M)
    flags = cpu_flags()
    return (model.group(2) if model else platform.machine(),
            [f for f in SHOWN_FLAGS if f in flags], flags)


def pybase64_dir(b):
    """pybase64's wheel for the built interpreter, unpacked (pip download
    fetches it from PyPI once; no compiler needed)."""
    tag = b.run_python("-c", "import sys; print(f'{sys.version_info[0]}{sys.version_info[1]}')")
    tag = tag.stdout.strip()
    target = WHEELS / f"pybase64-cp{tag}"
    if (target / "pybase64").is_dir():
        return target
    WHEELS.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "pybase64",
                    "--only-binary", ":all:", "--no-deps", "--python-version", tag[0] + "." + tag[1:],
                    "--implementation", "cp", "--abi", f"cp{tag}",
                    "--platform", f"manylinux2014_{platform.machine()}", "-d", str(WHEELS)],
                   check=True)
    wheel = next(WHEELS.glob(f"pybase64-*-cp{tag}-*.whl"))
    with zipfile.ZipFile(wheel) as z:
        z.extractall(target)
    return target


def fmt_rate(nbytes, seconds):
    return f"{nbytes / seconds / 1e6:,.0f}"


def table(data):
    lines = ["| op | size | Rust MB/s | Rust / C | Rust / other (which) | Rust / memcpy "
             "| paths: Rust, C, other |",
             "| --- | --- | --: | --: | --: | --: | --- |"]
    for row in data["results"]:
        s, other = row["seconds"], OTHER[row["op"]]
        versus = f"{s[other] / s['Rust']:.2f} ({other})" if other in s else "n/a"
        paths = ", ".join(row["paths"][k] for k in ("Rust", "C", other) if k in row["paths"])
        lines.append(f"| {row['op']} | {row['size']} | {fmt_rate(row['bytes'], s['Rust'])} | "
                     f"{s['C'] / s['Rust']:.2f} | {versus} | {s['memcpy'] / s['Rust']:.2f} | "
                     f"{paths} |")
    return "\n".join(lines)


def plot(data, path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    ops = list(dict.fromkeys(r["op"] for r in data["results"]))
    fig, axes = plt.subplots(1, len(ops), figsize=(3.2 * len(ops), 3.6), sharey=True)
    for ax, op in zip(axes, ops):
        rows = [r for r in data["results"] if r["op"] == op]
        sizes = [r["size"] for r in rows]
        for impl in rows[0]["seconds"]:
            rates = [r["bytes"] / r["seconds"][impl] / 1e6 for r in rows]
            ax.plot(sizes, rates, marker="o", label=impl,
                    linestyle="--" if impl == "memcpy" else "-")
        ax.set_title(op, fontsize=9)
        ax.set_yscale("log")
        ax.tick_params(labelsize=7)
        ax.legend(fontsize=6)
    axes[0].set_ylabel("MB/s (log)")
    fig.suptitle(f"binascii: Rust ({data['kernel']}) vs C, pybase64, stdlib, memcpy - "
                 f"{data['cpu']}", fontsize=9)
    fig.tight_layout()
    fig.savefig(path)


def measure(b, c_module, kernel, flags, rounds, json_path, same_isa=False):
    """One run of bench_simd.py with the Rust module forced to `kernel`
    (and pybase64 too with `same_isa`)."""
    env = {**os.environ, "_PYTHON_BINASCII_KERNEL": kernel, "PYTHONPATH": str(pybase64_dir(b))}
    subprocess.run([str(b.python), str(HERE / "bench_simd.py"), "--c-module", str(c_module),
                    "--kernel", kernel, "--crc32-path", crc32_path(kernel, flags),
                    "--rounds", str(rounds), "--json", str(json_path),
                    *(["--same-isa"] if same_isa else [])], env=env, check=True)
    return json.loads(Path(json_path).read_text())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--kernel", help="force this kernel (default: the best this CPU runs)")
    parser.add_argument("--plot", help="write the plot here (SVG or PNG)")
    parser.add_argument("--json", default=str(REPO / "build" / "bench-simd.json"))
    parser.add_argument("--also-avx2", action="store_true",
                        help="where the best kernel is AVX-512, a second run with AVX2 forced "
                             "in both the Rust module and pybase64 (AVX2-only CPUs' figures)")
    args = parser.parse_args()
    model, shown, flags = cpu()
    kernel = args.kernel or best_kernel(flags)
    b = build("313-rust")
    c_module = build_c_binascii(b)
    data = measure(b, c_module, kernel, flags, args.rounds, args.json)
    data["cpu"] = model
    print(f"\nCPU: {model}; features: {', '.join(shown) or 'none of ' + ', '.join(SHOWN_FLAGS)}; "
          f"Python {data['python']}; pybase64 {data['pybase64']}; "
          f"{args.rounds} alternated rounds, median\n")
    print(f"Rust kernel: {kernel}\n")
    print(table(data))
    if args.plot:
        plot(data, args.plot)
        print(f"\nplot: {args.plot}")
    if args.also_avx2 and kernel == "avx512vbmi":
        avx2 = measure(b, c_module, "avx2", flags, args.rounds,
                       Path(args.json).with_suffix(".avx2.json"), same_isa=True)
        print("\nRust kernel: avx2, pybase64 AVX2 (both forced: what an AVX2-only CPU runs)\n")
        print(table(avx2))


if __name__ == "__main__":
    main()
