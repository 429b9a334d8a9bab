#!/usr/bin/env python3
"""Reference ("anchor") timings for Prism's kernel-spectrum benchmarks.

Run with the benchmark venv's python (Benchmarks/run_bench.py does this):

    .bench-venv/bin/python Benchmarks/anchors/spectrum_anchor.py [--quick]
    .bench-venv/bin/python Benchmarks/anchors/spectrum_anchor.py --references   # test references

Prints one JSON object per line:

    {"task": ..., "impl": ..., "seconds": <best of N runs>, ...extra fields}

or {"task": ..., "impl": ..., "timed_out_after": 600} / "skipped": reason.

Task (the Swift side, `prism-bench spectrum`, times the same work; issue 5):

* relu_ntk_depth5_s9_k100_30digits: the Funk-Hecke eigenvalues mu_k,
  k = 0..100, of the normalized depth-5 ReLU NTK on the sphere S^9 (d = 10),
  the closed-form composed kernel (Docs/conventions.md section 5)

      Sigma^(0) = t,  phi_l = arccos Sigma^(l),
      Sigma^(l+1) = (sin phi_l + (pi - phi_l) cos phi_l) / pi,
      SigmaDot^(l+1) = (pi - phi_l) / pi,
      Theta = sum_{l=0}^{5} Sigma^(l) prod_{j=l+1}^{5} SigmaDot^(j),

      mu_k = c_d * integral_0^pi Theta(cos th) P_k(cos th) sin^(d-2) th  d th,
      c_d  = Gamma(d/2) / (sqrt(pi) Gamma((d-1)/2)),

  P_k the Gegenbauer polynomial for dimension d normalized to P_k(1) = 1,
  (k + d - 2) P_{k+1} = (2k + d - 2) t P_k - k P_{k-1}.  Check field
  mu2_digits20 = mu_2 rounded to nearest at 20 significant digits, plain
  positional form, trailing zeros stripped.

Implementations:

* mpmath: mp.dps = 40 (aiming at 30 correct digits), one mpmath.quad
  (tanh-sinh) per k over the theta form, [0, pi] split into four equal
  pieces; a loop of 101 calls in a fresh child process, 600 s limit.  With
  --quick (or when the full loop times out) only k in SUBSET_KS is timed and
  the loop's time is extrapolated as (sum over the subset) * 101 / len(subset)
  (field extrapolated_from_ks says so).  Fields: max_est_error (mpmath's own
  estimate), and, when Prism's certified values are available (the prism
  binary at .build/release/prism or $PRISM_BIN, run untimed),
  max_rel_err_vs_prism over the computed k.
* numpy-gauss-gegenbauer: double precision Gauss-Gegenbauer quadrature in t,
  scipy.special.roots_gegenbauer(n, alpha = (d-2)/2), the composed kernel and
  all P_k evaluated vectorized at the nodes, n = 200 (timed, roots included;
  best of 20, --quick: 3).  Theta is not smooth at t = -1 (sqrt(1 - t^2),
  arccos), so convergence in n is only algebraic.  Errors against Prism's
  certified values: max_abs_err, max_rel_err, also for n = 50 and n = 1000
  (suffixes _n50, _n1000).

--references prints the mpmath values (dps 50, 16 pieces) that
Tests/PrismKernelsTests/ThetaSpectrumTests.swift checks containment of.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from anchor_common import best_child_record, emit, positional
import subprocess
import sys
import time
from fractions import Fraction

TASK = "relu_ntk_depth5_s9_k100_30digits"
D = 10
DEPTH = 5
MAX_K = 100
DPS = 40
TIME_LIMIT = 600          # seconds per loop of 101 integrals
CHECK_DIGITS = 20
MPMATH_PIECES = 4         # [0, pi] split into this many equal pieces
SUBSET_KS = (0, 20, 40, 60, 80, 100)
GAUSS_NODES = 200
GAUSS_NODES_EXTRA = (50, 1000)
REPO_ROOT = Path(__file__).resolve().parents[2]
# Test references: (d, depth, kind, k), mpmath dps 50 on 16 pieces.
REFERENCE_CASES = [(3, 2, "nngp", 0), (3, 2, "nngp", 1), (3, 2, "nngp", 4), (3, 3, "ntk", 0), (3, 3, "ntk", 3),
                   (3, 3, "ntk", 6), (10, 3, "nngp", 5), (10, 5, "ntk", 0), (10, 5, "ntk", 1), (10, 5, "ntk", 2),
                   (2, 3, "ntk", 4)]


def mpf_to_fraction(x) -> Fraction:
    sign, man, exp2, _ = x._mpf_
    man = -int(man) if sign else int(man)
    return Fraction(man * 2 ** exp2) if exp2 >= 0 else Fraction(man, 2 ** -exp2)


# ---------------------------------------------------------------------------
# mpmath (one child process per timed loop)
# ---------------------------------------------------------------------------

def gegenbauer(k: int, t, d: int = D):
    """P_k^(d)(t) by (j+d−2) P_{j+1} = (2j+d−2) t P_j − j P_{j−1} (d = 2: Chebyshev), in mpmath."""
    previous, current = 1, t
    if k == 0:
        return t ** 0
    for j in range(1, k):
        if d == 2:
            previous, current = current, 2 * t * current - previous
        else:
            previous, current = current, ((2 * j + d - 2) * t * current - j * previous) / (j + d - 2)
    return current


def composed_kernel(t, depth: int, kind: str, pi, acos, sin, cos):
    """The normalized deep ReLU NNGP or NTK at t = cos(theta), by composing the arc-cosine closed form."""
    sigma, sigmas, dots = t, [t], []
    for _ in range(depth):
        phi = acos(sigma)
        dots.append((pi - phi) / pi)
        sigma = (sin(phi) + (pi - phi) * cos(phi)) / pi
        sigmas.append(sigma)
    if kind == "nngp":
        return sigma
    total, suffix = sigmas[depth], 1
    for l in range(depth - 1, -1, -1):
        suffix = suffix * dots[l]
        total = total + sigmas[l] * suffix
    return total


def mpmath_mu(k: int, d: int, depth: int, kind: str, pieces: int, error: bool = False):
    import mpmath
    from mpmath import mp
    pi = mp.pi
    c_d = mpmath.gamma(mpmath.mpf(d) / 2) / (mpmath.sqrt(pi) * mpmath.gamma(mpmath.mpf(d - 1) / 2))

    def integrand(th):
        c = mpmath.cos(th)
        f = composed_kernel(c, depth, kind, pi, mpmath.acos, mpmath.sin, mpmath.cos)
        return f * gegenbauer(k, c, d) * mpmath.sin(th) ** (d - 2)
    result = mpmath.quad(integrand, [pi * j / pieces for j in range(pieces + 1)], error=error)
    if error:
        return c_d * result[0], c_d * result[1]
    return c_d * result


def mpmath_loop(ks) -> dict:
    import mpmath
    from mpmath import mp

    mp.dps = DPS
    mus, errors, seconds = {}, [], 0.0
    for k in ks:
        start = time.perf_counter()
        mu, err = mpmath_mu(k, D, DEPTH, "ntk", MPMATH_PIECES, error=True)
        seconds += time.perf_counter() - start
        mus[k] = mu
        errors.append(err)
    record = {
        "seconds": seconds,
        "max_est_error": float(max(errors)),
        "dps": DPS,
        "pieces": MPMATH_PIECES,
        "backend": mpmath.libmp.BACKEND,
        "mu": {k: mpmath.nstr(m, DPS, min_fixed=-mpmath.inf, max_fixed=mpmath.inf) for k, m in mus.items()},
    }
    if 2 in mus:
        record["mu2_digits20"] = positional(mpf_to_fraction(mus[2]), CHECK_DIGITS, strip_zeros=True)
    return record


def prism_values():
    """Prism's certified mu_0..mu_100 (30 digits) from the release CLI, untimed; None if absent."""
    binary = Path(os.environ.get("PRISM_BIN", REPO_ROOT / ".build" / "release" / "prism"))
    if not binary.exists():
        return None
    result = subprocess.run([str(binary), "spectrum", "relu", "--dim", str(D), "--degree", str(MAX_K), "--kernel", "ntk",
                             "--depth", str(DEPTH), "--digits", "30", "--format", "csv"], capture_output=True, text=True)
    if result.returncode != 0:
        return None
    rows = result.stdout.strip().splitlines()[1:]
    return [Fraction(row.split(",")[2]) for row in rows]


def bench_mpmath(quick: bool, certified) -> None:
    impl = "mpmath"
    best = None
    if not quick:
        best = best_child_record(__file__, impl, TASK, TIME_LIMIT, 1)
    if best is None:
        # Time a subset of k in a fresh process and extrapolate to the 101 integrals.
        best = best_child_record(__file__, impl + "-subset", TASK, TIME_LIMIT, 1)
        if best is None:
            return
        best["seconds"] = best["seconds"] * (MAX_K + 1) / len(SUBSET_KS)
        best["extrapolated_from_ks"] = "/".join(map(str, SUBSET_KS))
    mus = best.pop("mu")
    if certified is not None:
        import mpmath
        mpmath.mp.dps = DPS
        rel = max(abs(mpmath.mpf(v) / mpmath.mpf(certified[int(k)].numerator) * certified[int(k)].denominator - 1)
                  for k, v in mus.items())
        best["max_rel_err_vs_prism"] = float(f"{float(rel):.3g}")
    emit({"task": TASK, "impl": impl, **best})


# ---------------------------------------------------------------------------
# numpy / scipy Gauss-Gegenbauer (double precision)
# ---------------------------------------------------------------------------

def gauss_gegenbauer(n: int):
    import numpy as np
    from scipy.special import gamma, roots_gegenbauer

    t, w = roots_gegenbauer(n, (D - 2) / 2)
    c_d = gamma(D / 2) / (np.sqrt(np.pi) * gamma((D - 1) / 2))
    theta = composed_kernel(t, DEPTH, "ntk", np.pi, lambda x: np.arccos(np.clip(x, -1.0, 1.0)), np.sin, np.cos)
    p = np.empty((MAX_K + 1, n))
    p[0] = 1.0
    p[1] = t
    for j in range(1, MAX_K):
        p[j + 1] = ((2 * j + D - 2) * t * p[j] - j * p[j - 1]) / (j + D - 2)
    return c_d * (p @ (w * theta))


def bench_numpy(repeats: int, certified) -> None:
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
    if certified is None:
        record["errors"] = "no prism binary: errors not measured"
    for n in (GAUSS_NODES, *GAUSS_NODES_EXTRA):
        if certified is None:
            break
        mu = gauss_gegenbauer(n)
        suffix = "" if n == GAUSS_NODES else f"_n{n}"
        abs_errs = [abs(Fraction(float(m)) - c) for m, c in zip(mu, certified)]
        rel_errs = [e / abs(c) for e, c in zip(abs_errs, certified)]
        record["max_abs_err" + suffix] = float(f"{float(max(abs_errs)):.3g}")
        record["max_rel_err" + suffix] = float(f"{float(max(rel_errs)):.3g}")
        record["rel_err_mu100" + suffix] = float(f"{float(rel_errs[MAX_K]):.3g}")
    emit(record)


def references() -> None:
    import mpmath
    mpmath.mp.dps = 50
    for d, depth, kind, k in REFERENCE_CASES:
        mu = mpmath_mu(k, d, depth, kind, 16)
        print(json.dumps({"d": d, "depth": depth, "kind": kind, "k": k, "mu": mpmath.nstr(mu, 45)}), flush=True)


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions; mpmath on a subset of k")
    parser.add_argument("--references", action="store_true", help="print the test references")
    parser.add_argument("--child", choices=["mpmath", "mpmath-subset"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        ks = range(MAX_K + 1) if args.child == "mpmath" else SUBSET_KS
        record = mpmath_loop(ks)
        record["mu"] = {str(k): v for k, v in record["mu"].items()}
        print(json.dumps(record), flush=True)
        return 0
    if args.references:
        references()
        return 0
    certified = prism_values()
    bench_mpmath(args.quick, certified)
    bench_numpy(3 if args.quick else 20, certified)
    return 0


if __name__ == "__main__":
    sys.exit(main())
