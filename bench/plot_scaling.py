"""Draws docs/bench-scaling.png for bench/run.ts: detection time against window size, Vigil
beside the numpy/scipy reference, medians with min-max bars, on log-log axes.

    python3 bench/plot_scaling.py <out.png> < scaling.json

scaling.json: a list of {"rows", "features", "baselineRows", "vigil": [median, min, max],
"reference": [median, min, max] or null}, one per window size.
"""
import json
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (after choosing the file-only backend)


def series(points, side):
    kept = [p for p in points if p[side] is not None]
    rows = [p["rows"] for p in kept]
    median = [p[side][0] for p in kept]
    below = [p[side][0] - p[side][1] for p in kept]
    above = [p[side][2] - p[side][0] for p in kept]
    return rows, median, [below, above]


def main():
    out = sys.argv[1]
    points = sorted(json.load(sys.stdin), key=lambda p: p["rows"])
    if not points:
        raise SystemExit("no scaling points to plot")
    fig, ax = plt.subplots(figsize=(6.4, 4.2), dpi=110)
    for side, label, style in (("vigil", "Vigil (embedded ClickHouse)", "o-"), ("reference", "numpy/scipy reference", "s--")):
        rows, median, error = series(points, side)
        if rows:
            ax.errorbar(rows, median, yerr=error, fmt=style, capsize=3, label=label)
    # Linear growth through Vigil's largest point, for orientation.
    first, last = points[0], points[-1]
    ax.plot([p["rows"] for p in points], [last["vigil"][0] * p["rows"] / last["rows"] for p in points], ":", color="grey", linewidth=1, label="linear in rows (through the largest)")
    for p in points:
        if p["reference"] is None:
            ax.annotate("numpy/scipy\nnot run", (p["rows"], p["vigil"][0]), textcoords="offset points", xytext=(7, 0), ha="left", va="center", fontsize=8, color="grey")
    ax.set_xscale("log")
    ax.set_xlim(points[0]["rows"] / 2, points[-1]["rows"] * 5)
    ax.set_yscale("log")
    ax.set_xlabel("rows in the window")
    ax.set_ylabel("seconds, all statistics (median, min-max)")
    ax.set_title(f"Drift detection, {first['features']} features vs a {first['baselineRows']:,}-row baseline", fontsize=10)
    ax.grid(True, which="both", linewidth=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out, metadata={"Software": None})


if __name__ == "__main__":
    main()
