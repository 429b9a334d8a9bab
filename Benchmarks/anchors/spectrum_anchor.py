#!/usr/bin/env python3
"""Reference ("anchor") timings for Prism's kernel-spectrum benchmarks.

Run with the benchmark venv's python (Benchmarks/run_bench.py does this):

    .bench-venv/bin/python Benchmarks/anchors/spectrum_anchor.py [--quick]

Prints one JSON object per line:

    {"task": ..., "impl": ..., "seconds": <best of N runs>, ...extra fields}

or {"task": ..., "impl": ..., "timed_out_after": 600} / "skipped": reason.

Task (the Swift side, `prism-bench spectrum`, times the same work):

* relu_ntk_depth1_s9_k100_30digits: the Funk-Hecke eigenvalues mu_k,
  k = 0..100, of the normalized depth-1 ReLU NTK on the sphere S^9 (d = 10),

      Theta(t) = (sqrt(1 - t^2) + 2 t (pi - arccos t)) / pi,
      mu_k = c_d * integral_{-1}^{1} Theta(t) P_k(t) (1 - t^2)^((d-3)/2) dt,
      c_d  = Gamma(d/2) / (sqrt(pi) Gamma((d-1)/2)),

  P_k the Gegenbauer polynomial for dimension d normalized to P_k(1) = 1,
  (k + d - 2) P_{k+1} = (2k + d - 2) t P_k - k P_{k-1}.  In theta = arccos t
  the integrand is smooth:

      mu_k = c_d * integral_0^pi (sin th + 2 (pi - th) cos th) / pi
                                 * P_k(cos th) * sin^(d-2) th  d th.

  Exact values used as checks: mu_1 = 1/10, mu_2 = 1015808 / (12006225 pi^2),
  mu_0 = 360448 / (99225 pi^2), mu_k = 0 for odd k >= 3.  Check field
  mu2_digits20 = mu_2 rounded to nearest at 20 significant digits, plain
  positional form, trailing zeros stripped ("0.0085724587797876390735").

Implementations:

* mpmath: mp.dps = 40 (aiming at 30 correct digits), one mpmath.quad
  (tanh-sinh) per k over the theta form, [0, pi] split into four equal
  pieces; a loop of 101 calls.  Fields: max_rel_err_vs_exact_log10 (k = 1, 2
  against the exact values; clamped at mp.eps, about 1e-41, when the
  difference is 0), max_rel_err_vs_dps80_log10 (k = 20, 50, 100 against an
  untimed dps-80, 8-piece recomputation), max_abs_odd_k3plus (should be 0),
  max_est_error (mpmath's own estimate, largest over k).  Each timed loop is a
  fresh child process (tanh-sinh node caches shared within a loop, not across
  runs), best of 2 (--quick: 1), 600 s limit per loop.
* numpy-gauss-gegenbauer: double precision Gauss-Gegenbauer quadrature in t,
  scipy.special.roots_gegenbauer(n, alpha = (d-2)/2) (weight
  (1 - t^2)^((d-3)/2)), Theta and all P_k evaluated vectorized at the nodes,
  n = 200 (timed, roots included; best of 20, --quick: 3).  Theta is not
  smooth at t = -1 (sqrt(1 - t^2), arccos), so convergence in n is only
  algebraic.  No check field (cannot give 20 digits); instead errors against
  the mpmath values of the same run (untimed): max_abs_err, max_rel_err (over
  k with |mu_k| > 1e-25), mu1_abs_err (against 1/10), also for n = 50 and
  n = 1000 (fields suffixed _n50, _n1000).
"""

from __future__ import annotations

import argparse
import json

from anchor_common import best_child_record, emit, positional
import subprocess
import sys
import time
from fractions import Fraction

TASK = "relu_ntk_depth1_s9_k100_30digits"
D = 10
MAX_K = 100
DPS = 40
TIME_LIMIT = 600          # seconds per loop of 101 integrals
CHECK_DIGITS = 20
MPMATH_PIECES = 4         # [0, pi] split into this many equal pieces
GAUSS_NODES = 200
GAUSS_NODES_EXTRA = (50, 1000)
REL_ERR_FLOOR = 1e-25     # relative errors only for |mu_k| above this
REF_DPS = 80              # untimed reference recomputation for large k
REF_KS = (20, 50, 100)


def mpf_to_fraction(x) -> Fraction:
    sign, man, exp2, _ = x._mpf_
    man = -int(man) if sign else int(man)
    return Fraction(man * 2 ** exp2) if exp2 >= 0 else Fraction(man, 2 ** -exp2)


# ---------------------------------------------------------------------------
# mpmath (one child process per timed loop)
# ---------------------------------------------------------------------------

def gegenbauer(k: int, t):
    """P_k^(D)(t) by (j+D−2) P_{j+1} = (2j+D−2) t P_j − j P_{j−1}, in mpmath."""
    import mpmath
    previous, current = mpmath.mpf(1), t
    if k == 0:
        return previous
    for j in range(1, k):
        previous, current = current, ((2 * j + D - 2) * t * current - j * previous) / (j + D - 2)
    return current


def theta_form_mus(dps: int, ks, pieces: int):
    """mu_k for k in ks by mpmath.quad of the theta form (untimed helper)."""
    import mpmath
    from mpmath import mp

    mp.dps = dps
    pi = mp.pi
    c_d = mpmath.gamma(mpmath.mpf(D) / 2) / (mpmath.sqrt(pi) * mpmath.gamma(mpmath.mpf(D - 1) / 2))
    split = [pi * j / pieces for j in range(pieces + 1)]

    out = {}
    for k in ks:
        def integrand(th, k=k):
            s, c = mpmath.sin(th), mpmath.cos(th)
            return (s + 2 * (pi - th) * c) * gegenbauer(k, c) * s ** (D - 2)
        out[k] = c_d * mpmath.quad(integrand, split) / pi
    return out


def mpmath_loop() -> dict:
    import mpmath
    from mpmath import mp

    mp.dps = DPS
    pi = mp.pi
    c_d = mpmath.gamma(mpmath.mpf(D) / 2) / (mpmath.sqrt(pi) * mpmath.gamma(mpmath.mpf(D - 1) / 2))
    pieces = [pi * j / MPMATH_PIECES for j in range(MPMATH_PIECES + 1)]

    start = time.perf_counter()
    mus, errors = [], []
    for k in range(MAX_K + 1):
        def integrand(th, k=k):
            s, c = mpmath.sin(th), mpmath.cos(th)
            return (s + 2 * (pi - th) * c) * gegenbauer(k, c) * s ** (D - 2)
        integral, error = mpmath.quad(integrand, pieces, error=True)
        mus.append(c_d * integral / pi)
        errors.append(c_d * error / pi)
    seconds = time.perf_counter() - start

    exact = {1: mpmath.mpf(1) / 10, 2: mpmath.mpf(1015808) / (12006225 * pi ** 2)}
    rel = max(max(abs(mus[k] / exact[k] - 1) for k in exact), mp.eps)  # 0 -> eps
    odd = max(abs(mus[k]) for k in range(3, MAX_K + 1, 2))
    return {
        "seconds": seconds,
        "mu2_digits20": positional(mpf_to_fraction(mus[2]), CHECK_DIGITS, strip_zeros=True),
        "max_rel_err_vs_exact_log10": round(float(mpmath.log10(rel)), 1),
        "max_abs_odd_k3plus": float(odd),
        "max_est_error": float(max(errors)),
        "dps": DPS,
        "pieces": MPMATH_PIECES,
        "backend": mpmath.libmp.BACKEND,
        "mu": [mpmath.nstr(m, DPS, min_fixed=-mpmath.inf, max_fixed=mpmath.inf) for m in mus],
    }


def bench_mpmath(repeats: int):
    """Emit the mpmath record; return its mu_k (as strings) or None."""
    impl = "mpmath"
    best = best_child_record(__file__, impl, TASK, TIME_LIMIT, repeats)
    if best is None:
        return None
    mus = best.pop("mu")
    # Untimed: relative error for a few large k against a dps-80 recomputation
    # (8 pieces), where |mu_k| is small (mu_100 ~ 2e-16) and 30 digits are hardest.
    import mpmath
    reference = theta_form_mus(REF_DPS, REF_KS, 2 * MPMATH_PIECES)
    rel = max(abs(mpmath.mpf(mus[k]) / reference[k] - 1) for k in REF_KS)
    best[f"max_rel_err_vs_dps{REF_DPS}_log10"] = round(float(mpmath.log10(max(rel, mpmath.mpf(10) ** -DPS))), 1)
    best["ref_ks"] = list(REF_KS)
    emit({"task": TASK, "impl": impl, **best})
    return mus


# ---------------------------------------------------------------------------
# numpy / scipy Gauss-Gegenbauer (double precision)
# ---------------------------------------------------------------------------

def gauss_gegenbauer(n: int):
    import numpy as np
    from scipy.special import gamma, roots_gegenbauer

    t, w = roots_gegenbauer(n, (D - 2) / 2)
    c_d = gamma(D / 2) / (np.sqrt(np.pi) * gamma((D - 1) / 2))
    theta = (np.sqrt(1 - t * t) + 2 * t * (np.pi - np.arccos(t))) / np.pi
    p = np.empty((MAX_K + 1, n))
    p[0] = 1.0
    p[1] = t
    for j in range(1, MAX_K):
        p[j + 1] = ((2 * j + D - 2) * t * p[j] - j * p[j - 1]) / (j + D - 2)
    return c_d * (p @ (w * theta))


def bench_numpy(repeats: int, reference) -> None:
    impl = "numpy-gauss-gegenbauer"
    try:
        import numpy as np
        import scipy
    except ImportError as error:
        emit({"task": TASK, "impl": impl, "skipped": f"import failed: {error}"})
        return
    gauss_gegenbauer(GAUSS_NODES)  # warm-up (imports, first-call overhead)
    best = None
    for _ in range(repeats):
        start = time.perf_counter()
        gauss_gegenbauer(GAUSS_NODES)
        seconds = time.perf_counter() - start
        best = seconds if best is None else min(best, seconds)

    record = {"task": TASK, "impl": impl, "seconds": best, "nodes": GAUSS_NODES,
              "numpy": np.__version__, "scipy": scipy.__version__}
    for n in (GAUSS_NODES, *GAUSS_NODES_EXTRA):
        mu = gauss_gegenbauer(n)
        suffix = "" if n == GAUSS_NODES else f"_n{n}"
        record["mu1_abs_err" + suffix] = float(f"{abs(mu[1] - 0.1):.3g}")
        if reference is not None:
            import mpmath
            mpmath.mp.dps = 40
            ref = [mpmath.mpf(s) for s in reference]
            abs_errs = [abs(mpmath.mpf(float(m)) - r) for m, r in zip(mu, ref)]
            rel_errs = [e / abs(r) for e, r in zip(abs_errs, ref) if abs(r) > REL_ERR_FLOOR]
            record["max_abs_err" + suffix] = float(f"{float(max(abs_errs)):.3g}")
            record["max_rel_err" + suffix] = float(f"{float(max(rel_errs)):.3g}")
    emit(record)


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--child", choices=["mpmath"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(mpmath_loop()), flush=True)
        return 0
    reference = bench_mpmath(1 if args.quick else 2)
    bench_numpy(3 if args.quick else 20, reference)
    return 0


if __name__ == "__main__":
    sys.exit(main())
