"""Draws the Rust/C speed ratios of bench_json.py runs as bars, one group
per document and operation, one bar per run (e.g. one per CPython
version), with lines at 1.0 (as fast as C) and 1.5.

    python3 tests/bench/plot_json.py RUN.json [RUN.json ...] [-o docs/json-bench.svg]

RUN.json: what `bench_json.py --json-out` (or `run_bench_json.py
--json-out`) wrote.  Needs matplotlib (pip install matplotlib); SVG or PNG
by the output's suffix.
"""

import argparse
import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def load(paths):
    runs = []
    for path in paths:
        data = json.loads(Path(path).read_text())
        data["label"] = f"Python {data['python']} (best of {data['rounds']} rounds)"
        runs.append(data)
    return runs


def plot(runs, out):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    rows = list(dict.fromkeys((r["document"], r["operation"])
                              for run in runs for r in run["results"]))
    width = 0.8 / len(runs)
    fig, ax = plt.subplots(figsize=(max(6.0, 0.5 * len(rows) + 2), 4.2))
    for i, run in enumerate(runs):
        ratios = {(r["document"], r["operation"]): r["ratio"] for r in run["results"]}
        xs = [k + (i - (len(runs) - 1) / 2) * width for k, row in enumerate(rows) if row in ratios]
        ax.bar(xs, [ratios[row] for row in rows if row in ratios], width, label=run["label"])
    ax.axhline(1.0, color="black", linewidth=0.8)
    ax.axhline(1.5, color="grey", linewidth=0.8, linestyle="--")
    ax.set_ylim(0, max(1.7, ax.get_ylim()[1]))
    ax.set_xticks(range(len(rows)))
    ax.set_xticklabels([f"{doc.removesuffix('.json').replace('pyperformance', 'pyperf')} {op}"
                        for doc, op in rows], rotation=50, ha="right", fontsize=7)
    ax.set_ylabel("Rust / C speed (above 1: Rust faster)")
    ax.set_title("_json: json.loads / json.dumps through the Rust module against C, "
                 "alternated in one process", fontsize=9)
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", nargs="+", help="bench_json.py --json-out files")
    parser.add_argument("-o", "--output", default=str(REPO / "docs" / "json-bench.svg"))
    args = parser.parse_args()
    plot(load(args.runs), args.output)
    print(f"plot: {args.output}")


if __name__ == "__main__":
    main()
