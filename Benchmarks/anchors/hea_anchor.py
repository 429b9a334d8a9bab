#!/usr/bin/env python3
"""Float64 anchors for `prism hea` and `prism learn` (issue 14), timed side by side with Prism.

    python3 Benchmarks/anchors/hea_anchor.py [--prism .build/release/prism]

Prints one JSON object per line: {"task", "impl", "seconds", ...}. Prism's certified values (the same
binary, run with --format json) are the yardstick for the float64 errors reported in max_rel_err_vs_prism.

Tasks:

* hea_relu_powerlaw200_m1e5: the 10^5 largest HEA eigenvalues lambda_alpha = c_|alpha| prod gamma_i^alpha_i
  of the normalized ReLU NNGP (c_l = l! f_l / q^l, f the arc-cosine kernel's series in the cosine,
  CONVENTIONS section 8) on gamma_i = i^-1.2 / Z, i = 1..200, q = 1, over degrees |alpha| <= 10 (what a
  float64 script does: the ReLU ansatz is not summable on these gamma, so Prism needs --max-degree too).
  float64: c_l from the closed-form Taylor coefficients in floats, a heapq over the same parent/child
  structure as Prism (the fastest honest Python), values in float64.
* learning_curve_exp2t_s9_20n: eigenlearning (CONVENTIONS section 13) for f(t) = exp(2t) on S^9 at 20 values
  of n from 1 to 10^5 (log-spaced), ridge 0, target energy 1 on degrees 1 and 2.
  float64: mu_k = Gamma(5)(2/2)^4 I_{k+4}(2) by scipy.special.iv for k <= 50 (the usual truncation),
  kappa by bisection on log kappa in [1e-30, 1e10] (the usual bracket), E0 and the test MSE in float64.
"""
import argparse
import heapq
import json
import math
import subprocess
import time

import numpy as np
from scipy import special

N_VALUES = [int(round(10 ** (5 * i / 19))) for i in range(20)]


def relu_cosine_series(order):
    """Taylor coefficients of (sqrt(1-r^2) + r (pi - arccos r))/pi in float64."""
    f = [0.0] * (order + 1)
    f[0] = 1 / math.pi
    f[1] = 0.5
    # sqrt(1-r^2) = sum binom(1/2, j)(-r^2)^j; r*arcsin(r) = sum (2j)!/(4^j (j!)^2 (2j+1)) r^(2j+2)
    for j in range(1, order // 2 + 1):
        sq = math.comb(2 * j, j) / (4 ** j * (2 * j - 1)) * -1.0  # binom(1/2, j)(-1)^j
        asin = math.comb(2 * (j - 1), j - 1) / (4 ** (j - 1) * (2 * j - 1)) if j >= 1 else 0.0
        f[2 * j] = (sq + asin) / math.pi
    return f


def hea_float(D=200, A=1.2, modes=100_000, max_degree=10):
    g = np.arange(1, D + 1, dtype=float) ** -A
    g /= g.sum()
    f = relu_cosine_series(max_degree)
    c = [math.factorial(l) * f[l] for l in range(max_degree + 1)]
    lg = np.log(g)
    heap = []
    for l in range(max_degree + 1):
        if c[l] > 0:
            heap.append((-(math.log(c[l]) + l * lg[0]), (0,) * l))
    heapq.heapify(heap)
    out = []
    while heap and len(out) < modes:
        key, r = heapq.heappop(heap)
        out.append((-key, r))
        l = len(r)
        if l == 0:
            continue
        first = next((i for i, x in enumerate(r) if x > 0), None)
        js = [l - 1] if first is None else ([first - 1, first] if first > 0 else [first])
        for j in js:
            if r[j] + 1 >= D or (j < l - 1 and r[j] + 1 > r[j + 1]):
                continue
            child = r[:j] + (r[j] + 1,) + r[j + 1:]
            heapq.heappush(heap, (key - lg[r[j] + 1] + lg[r[j]], child))
    return [math.exp(k) for k, _ in out]


def learning_float(targets=(1, 2)):
    d, beta, K = 10, 2.0, 50
    nu = d / 2 - 1
    k = np.arange(K + 1)
    mu = math.gamma(d / 2) * (2 / beta) ** nu * special.iv(k + nu, beta)
    N = np.array([1.0] + [(2 * j + d - 2) / j * math.comb(j + d - 3, j - 1) for j in range(1, K + 1)])
    rows = []
    for n in N_VALUES:
        lo, hi = math.log(1e-30), math.log(1e10)
        for _ in range(200):
            mid = (lo + hi) / 2
            if (N * mu / (mu + math.exp(mid))).sum() > n:
                lo = mid
            else:
                hi = mid
        kappa = math.exp((lo + hi) / 2)
        L = mu / (mu + kappa)
        e0 = n / (n - (N * L * L).sum())
        test = e0 * sum((1 - L[t]) ** 2 for t in targets)
        rows.append((kappa, e0, test))
    return rows


def best(fn, runs=3):
    times, value = [], None
    for _ in range(runs):
        t = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - t)
    return min(times), value


def rel(a, b):
    return abs(a - b) / abs(b) if b != 0 else abs(a)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--prism", default=".build/release/prism")
    args = ap.parse_args()

    hea_cmd = [args.prism, "hea", "relu", "--gamma", "powerlaw:200,6/5", "--modes", "100000", "--max-degree", "10",
               "--digits", "17", "--format", "json"]
    n_list = ",".join(str(n) for n in N_VALUES)
    learn_cmd = [args.prism, "learn", "--dot-product", "exp(2*t)", "--dim", "10", "--n", n_list, "--target", "1:1,2:1",
                 "--digits", "17", "--format", "json"]
    for task, cmd, fn in [("hea_relu_powerlaw200_m1e5", hea_cmd, hea_float), ("learning_curve_exp2t_s9_20n", learn_cmd, learning_float)]:
        t = time.perf_counter()
        out = subprocess.run(cmd, capture_output=True, text=True)
        prism_seconds = time.perf_counter() - t
        seconds, value = best(fn)
        record = {"task": task, "impl": "float64", "seconds": round(seconds, 4), "prism_seconds": round(prism_seconds, 3)}
        if out.returncode == 0:
            rows = json.loads(out.stdout)["rows"]
            if task.startswith("hea"):
                certified = [float(r["value"]) for r in rows][: len(value)]
                record["rows"] = len(rows)
                record["max_rel_err_vs_prism"] = max(rel(a, b) for a, b in zip(value, certified))
            else:
                errs = {"kappa": 0.0, "E0": 0.0, "test_mse": 0.0}
                worst = {}
                for (kappa, e0, test), r in zip(value, rows):
                    for name, x in (("kappa", kappa), ("E0", e0), ("test_mse", test)):
                        e = rel(x, float(r[name]["value"]))
                        if e > errs[name]:
                            errs[name], worst[name] = e, r["index"]
                record["max_rel_err_vs_prism"] = errs
                record["worst_n"] = worst
        else:
            record["prism_error"] = out.stderr.strip()
        print(json.dumps(record))


if __name__ == "__main__":
    main()
