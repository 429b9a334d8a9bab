#!/usr/bin/env python3
"""Reference ("anchor") timings for Prism's Double evaluation benchmarks (issue 6, part 6).

Run with the benchmark venv's python (Benchmarks/run_bench.py does this):

    .bench-venv/bin/python Benchmarks/anchors/evaluation_anchor.py [--quick]

Prints one JSON object per line, {"task", "impl", "seconds", ...extra fields}.

Tasks (the Swift side, `prism-bench evaluation`, times the same work):

* hermite_he_deg64_1e7: S(x) = sum_{k=0}^{64} c_k He_k(x), c_k = 1/(k+1), probabilists' Hermite,
  at 10^7 points uniform in [-1, 1) (numpy default_rng(42); Prism uses its own SplitMix64, so the
  points differ but not their distribution);
* legendre_deg64_1e7: S(x) = sum_{k=0}^{64} c_k P_k(x), the classical Legendre P_k (P_k^(3)).

Implementations:

* numpy-hermeval / numpy-legval: numpy.polynomial's Clenshaw over whole arrays (each step
  allocates temporaries of 10^7 doubles: memory-bound). Best of 3 (--quick: 1).
* scipy-eval: sum over k of c_k * scipy.special.eval_hermitenorm(k, x) (eval_legendre(k, x)),
  each term a compiled recurrence of length k over all points. One run.

Check field value_at_half_digits10 = S(1/2) to 10 significant digits ("%.9e"), equal across
implementations (the algorithms differ in the last bits only).
"""

from __future__ import annotations

import argparse
import time

import numpy as np
from numpy.polynomial import hermite_e, legendre
import scipy
import scipy.special as sp

from anchor_common import best_of, emit

DEGREE = 64
POINTS = 10_000_000
COEFFICIENTS = np.array([1.0 / (k + 1) for k in range(DEGREE + 1)])

TASKS = [
    ("hermite_he_deg64_1e7", "numpy-hermeval", hermite_e.hermeval, "scipy-eval_hermitenorm", sp.eval_hermitenorm),
    ("legendre_deg64_1e7", "numpy-legval", legendre.legval, "scipy-eval_legendre", sp.eval_legendre),
]


def timed(function) -> tuple[float, np.ndarray]:
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    repeats = 1 if args.quick else 3
    x = np.random.default_rng(42).uniform(-1.0, 1.0, POINTS)
    for task, numpy_name, numpy_eval, scipy_name, scipy_eval in TASKS:
        seconds = best_of(repeats, lambda: timed(lambda: numpy_eval(x, COEFFICIENTS))[0])
        half = float(numpy_eval(np.array([0.5]), COEFFICIENTS)[0])
        emit({"task": task, "impl": numpy_name, "seconds": seconds, "value_at_half_digits10": f"{half:.9e}",
              "numpy": np.__version__})

        def scipy_sum(points):
            total = np.zeros_like(points)
            for k, c in enumerate(COEFFICIENTS):
                total += c * scipy_eval(k, points)
            return total

        seconds, _ = timed(lambda: scipy_sum(x))
        half = float(scipy_sum(np.array([0.5]))[0])
        emit({"task": task, "impl": scipy_name, "seconds": seconds, "value_at_half_digits10": f"{half:.9e}",
              "scipy": scipy.__version__, "repeats": 1})


if __name__ == "__main__":
    main()
