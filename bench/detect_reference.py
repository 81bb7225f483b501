"""Reference for bench/detect.ts: the same drift statistics with plain numpy/scipy.

Reads the baseline (one float64 file per feature) and the window (RowBinary, float64, one
column per feature) that the benchmark exported, NaN = missing, computes for every feature what
Vigil computes (STATISTICS.md): bin edges from the baseline quantiles, counts, PSI,
Jensen-Shannon, KS (scipy ks_2samp, method='auto'), Wasserstein-1 and normed, missing and
out-of-range rates, and prints the values and the time of each run (file reading excluded) as
one JSON line. One unmeasured warm-up on a small slice first (scipy loads its submodules on
first use).

    python3 bench/detect_reference.py <dir> <features> <baseline rows> <window file> <window rows> [runs]
"""
import json
import sys
import time

import numpy as np
from scipy.spatial.distance import jensenshannon
from scipy.stats import ks_2samp, wasserstein_distance

EPS = 1e-4
BINS = 10


def statistics(b_raw, c_raw):
    b = b_raw[~np.isnan(b_raw)]
    c = c_raw[~np.isnan(c_raw)]
    qs = np.quantile(b, [k / BINS for k in range(1, BINS)])
    edges = [qs[0]] + [q for prev, q in zip(qs, qs[1:]) if q != prev]
    edges = np.array(edges)
    bc = np.bincount(np.searchsorted(edges, b, side="left"), minlength=len(edges) + 1)
    cc = np.bincount(np.searchsorted(edges, c, side="left"), minlength=len(edges) + 1)
    p = bc / bc.sum()
    q = cc / cc.sum()
    pe = np.where(p == 0, EPS, p)
    qe = np.where(q == 0, EPS, q)
    ks = ks_2samp(b, c, method="auto")
    w = wasserstein_distance(b, c)
    std = b.std()
    return {
        "psi": float(np.sum((qe - pe) * np.log(qe / pe))),
        "jsDistance": float(jensenshannon(p, q, base=2)),
        "ksStatistic": float(ks.statistic),
        "ksPValue": float(ks.pvalue),
        "wasserstein": float(w),
        "wassersteinNormed": float(w / std) if std > 0 else None,
        "baselineMissingRate": float(1 - len(b) / len(b_raw)),
        "currentMissingRate": float(1 - len(c) / len(c_raw)),
        "outOfRangeRate": float(np.mean((c < b.min()) | (c > b.max()))),
        "baselineCounts": bc.tolist(),
        "currentCounts": cc.tolist(),
    }


def main():
    directory, features, n_base = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    window_file, n_cur = sys.argv[4], int(sys.argv[5])
    runs = int(sys.argv[6]) if len(sys.argv) > 6 else 1
    base = [np.fromfile(f"{directory}/baseline_f{i}.bin", dtype="<f8") for i in range(features)]
    assert all(len(b) == n_base for b in base)
    cur = np.fromfile(window_file, dtype="<f8").reshape(n_cur, features)
    statistics(base[0], np.ascontiguousarray(cur[:1000, 0]))
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        results = [statistics(base[i], np.ascontiguousarray(cur[:, i])) for i in range(features)]
        times.append(time.perf_counter() - started)
    print(json.dumps({"seconds": times, "features": results}))


if __name__ == "__main__":
    main()
