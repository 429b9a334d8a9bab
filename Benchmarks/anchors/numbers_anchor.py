#!/usr/bin/env python3
"""Reference ("anchor") timings for Prism's number benchmarks.

Run with the benchmark venv's python (Benchmarks/run_bench.py does this):

    .bench-venv/bin/python Benchmarks/anchors/numbers_anchor.py [--quick]

Prints one JSON object per line:

    {"task": ..., "impl": ..., "seconds": <best of N runs>, ...extra fields}

Tasks (the Swift side, `prism-bench numbers`, times the same work):

* harmonic_20000: H_20000 = sum_{k=1}^{20000} 1/k as an exact rational,
  computed by a plain loop `h = h + 1/k` (one exact rational addition per
  term).  Extra field digits_of_denominator = len(str(denominator)).
* exp_erf_256bit_1e5: for i in 0..<100000, x_i = (i % 1000 + 1)/257 rounded
  to nearest at 256 bits; compute exp(x_i) and erf(x_i) at 256 bits, round
  to nearest.  Only the loop of function calls is timed.  Extra fields:
  checksum (sum of all exp+erf results, 30 significant digits) and, for
  mpmath, backend (mpmath.libmp.BACKEND).

--quick uses best of 2 instead of best of 5 and skips the very slow
mpmath.rational.mpq harmonic run.
"""

from __future__ import annotations

import argparse
import json

from anchor_common import best_of, decimal_exponent, emit
import sys
import time
from fractions import Fraction
from typing import Callable

import gmpy2
import mpmath

# Converting H_20000's ~8700-digit numerator/denominator to str exceeds
# Python's default limit of 4300 digits.
sys.set_int_max_str_digits(0)

HARMONIC_N = 20000
EXP_ERF_COUNT = 100_000
EXP_ERF_DISTINCT = 1000
EXP_ERF_DENOMINATOR = 257
PRECISION_BITS = 256


def format_sig(value: Fraction, sig: int = 30) -> str:
    """Exact rational -> `sig` significant digits, d.ddd...e[+-]N (truncated
    towards zero; used only as a cross-implementation sanity checksum)."""
    if value == 0:
        return "0"
    sign = "-" if value < 0 else ""
    value = abs(value)
    e10 = decimal_exponent(value)
    scaled = value * Fraction(10) ** (sig - 1 - e10)
    digits = str(scaled.numerator // scaled.denominator)
    return f"{sign}{digits[0]}.{digits[1:]}e{e10:+d}"


# ---------------------------------------------------------------------------
# harmonic_20000
# ---------------------------------------------------------------------------

def harmonic(make: Callable[[int, int], object]) -> tuple[float, object]:
    """Time the exact harmonic sum with rational constructor make(p, q)."""
    start = time.perf_counter()
    h = make(0, 1)
    for k in range(1, HARMONIC_N + 1):
        h = h + make(1, k)
    return time.perf_counter() - start, h


def bench_harmonic(repeats: int, quick: bool) -> None:
    def mpmath_mpq(p: int, q: int):
        return mpmath.rational.mpq(p, q)

    impls: list[tuple[str, Callable, Callable, int]] = [
        # (impl name, constructor, denominator getter, repeats)
        ("gmpy2", gmpy2.mpq, lambda h: int(h.denominator), repeats),
        ("python-fractions", Fraction, lambda h: h.denominator, repeats),
    ]
    # mpmath has an internal exact rational type, mpmath.rational.mpq.  It
    # reduces with a pure-Python Euclid loop, so one run takes minutes
    # (measured ~230 s): time it once, and not at all with --quick.
    if hasattr(mpmath, "rational") and hasattr(mpmath.rational, "mpq") and not quick:
        impls.append(("mpmath", mpmath_mpq, lambda h: h._mpq_[1], 1))

    for name, make, denominator, reps in impls:
        result = {}

        def run() -> float:
            seconds, h = harmonic(make)
            result["h"] = h
            return seconds

        seconds = best_of(reps, run)
        record = {
            "task": "harmonic_20000",
            "impl": name,
            "seconds": seconds,
            "digits_of_denominator": len(str(denominator(result["h"]))),
        }
        if reps != repeats:
            record["repeats"] = reps
        emit(record)


# ---------------------------------------------------------------------------
# exp_erf_256bit_1e5
# ---------------------------------------------------------------------------

def exp_erf_inputs() -> list[Fraction]:
    return [Fraction(i % EXP_ERF_DISTINCT + 1, EXP_ERF_DENOMINATOR)
            for i in range(EXP_ERF_COUNT)]


def exp_erf_checksum(values: list, to_fraction: Callable[[object], Fraction]) -> str:
    """Exact sum of the given 256-bit results, shown to 30 digits."""
    return format_sig(sum((to_fraction(v) for v in values), Fraction(0)))


def bench_exp_erf_gmpy2(repeats: int) -> None:
    ctx = gmpy2.get_context()
    ctx.precision = PRECISION_BITS
    ctx.round = gmpy2.RoundToNearest
    # mpfr(mpq) rounds the exact rational to nearest at 256 bits.
    xs = [gmpy2.mpfr(gmpy2.mpq(q.numerator, q.denominator)) for q in exp_erf_inputs()]
    exp, erf = gmpy2.exp, gmpy2.erf

    def run() -> float:
        start = time.perf_counter()
        for x in xs:
            exp(x)
            erf(x)
        return time.perf_counter() - start

    seconds = best_of(repeats, run)
    # Checksum over the distinct inputs, weighted by multiplicity (untimed).
    weight = EXP_ERF_COUNT // EXP_ERF_DISTINCT
    results = [exp(x) for x in xs[:EXP_ERF_DISTINCT]] + [erf(x) for x in xs[:EXP_ERF_DISTINCT]]
    checksum = exp_erf_checksum(results, lambda v: Fraction(*v.as_integer_ratio()) * weight)
    emit({"task": "exp_erf_256bit_1e5", "impl": "gmpy2", "seconds": seconds,
          "checksum": checksum})


def bench_exp_erf_mpmath(repeats: int) -> None:
    mp = mpmath.mp
    mp.prec = PRECISION_BITS  # mpmath rounds results to nearest
    # mpf(p) / q: exact integer divided with round-to-nearest at 256 bits.
    xs = [mpmath.mpf(q.numerator) / q.denominator for q in exp_erf_inputs()]
    exp, erf = mpmath.exp, mpmath.erf

    def run() -> float:
        start = time.perf_counter()
        for x in xs:
            exp(x)
            erf(x)
        return time.perf_counter() - start

    seconds = best_of(repeats, run)
    weight = EXP_ERF_COUNT // EXP_ERF_DISTINCT

    def to_fraction(v: mpmath.mpf) -> Fraction:
        man, exp2 = int(v.man), int(v.exp)
        return (Fraction(man * 2**exp2) if exp2 >= 0 else Fraction(man, 2**-exp2)) * weight

    results = [exp(x) for x in xs[:EXP_ERF_DISTINCT]] + [erf(x) for x in xs[:EXP_ERF_DISTINCT]]
    emit({"task": "exp_erf_256bit_1e5", "impl": "mpmath", "seconds": seconds,
          "checksum": exp_erf_checksum(results, to_fraction),
          "backend": mpmath.libmp.BACKEND})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="best of 2 instead of 5; skip mpmath.rational.mpq")
    args = parser.parse_args()
    repeats = 2 if args.quick else 5

    bench_harmonic(repeats, args.quick)
    bench_exp_erf_gmpy2(repeats)
    bench_exp_erf_mpmath(repeats)
    return 0


if __name__ == "__main__":
    sys.exit(main())
