#!/usr/bin/env python3
"""Reference ("anchor") timings for Prism's Hermite-coefficient benchmarks.

Run with the benchmark venv's python (Benchmarks/run_bench.py does this):

    .bench-venv/bin/python Benchmarks/anchors/hermite_anchor.py [--quick]

Prints one JSON object per line:

    {"task": ..., "impl": ..., "seconds": <best of N runs>, ...extra fields}

or, for an implementation whose loop ran past the time limit,

    {"task": ..., "impl": ..., "timed_out_after": 600}

Task (the Swift side, `prism-bench hermite`, times the same work):

* tanh_hermite_50_200bit: the Hermite coefficients b_n(tanh) = E[tanh(z)
  h_n(z)], z ~ N(0,1), h_n = He_n / sqrt(n!) (Docs/conventions.md section 2), i.e.

      b_n = (1 / sqrt(2 pi n!)) * integral of tanh(z) He_n(z) e^{-z^2/2} dz,

  for n = 0..50 at 200 bits, one numerical integral per coefficient (a loop
  of 51 separate calls, as users do it).  b_n = 0 for even n (tanh is odd);
  those are computed anyway.  He_n is evaluated by the three-term recurrence
  He_{k+1} = z He_k - k He_{k-1} inside the integrand.  Check field
  b1_digits20 = b_1 rounded to nearest at 20 significant digits, in plain
  positional form ("0.60570550960215882558").

Implementations:

* mpmath: mp.prec = 200, mpmath.quad (tanh-sinh) over (-inf, inf) split at
  -10, -5, 0, 5, 10.  Not certified: mpmath's error estimate is reported as
  max_est_error_log2 (largest estimate over n, divided by sqrt(2 pi n!)).
  Measured against a 320-bit Arb table, the worst absolute error over n is
  about 2^-202 (a few units in the last place at 200 bits).
* python-flint: acb.integral (Arb's acb_calc_integrate, rigorous) over
  [-T, T], T = 24, at a working precision of 240 bits, plus a rigorous bound
  for the neglected tails added to each ball's radius (see TAIL below).  At
  exactly 200 bits the cancellation in the integrand (|He_50| is up to
  ~sqrt(50!) e^{z^2/4}) leaves radii around 2^-173 for n = 50; 40 guard bits
  bring every radius below 2^-200.  Fields: certified, max_radius_log2 (over
  all n, tails included), radii_below_2^-190.

Each timed run (one loop of 51 integrals) is a fresh child process (this
script with --child), so that a 600 s limit per loop can be enforced; only
the loop is timed, not the interpreter start.  Caches (mpmath's tanh-sinh
nodes) are shared across the 51 calls of a loop, as in a user's session, but
not across runs.

The Prism side also has tanh_hermite_50_60digits (a fully certified 60-digit
table); the anchors do not emit it: neither anchor targets a guaranteed
number of significant digits per coefficient, so a timing under that name
would compare different work.

--quick uses best of 1 instead of best of 3.
"""

from __future__ import annotations

import argparse
import json

from anchor_common import best_child_record, emit, positional
import math
import subprocess
import sys
import time
from fractions import Fraction

TASK = "tanh_hermite_50_200bit"
MAX_N = 50
TARGET_BITS = 200
TIME_LIMIT = 600          # seconds per loop of 51 integrals
CHECK_DIGITS = 20

# mpmath: split points of the real line (a careful user's choice: the
# integrand's mass sits in |z| < ~12; tanh has poles at +-i pi/2).
MPMATH_SPLIT = ("-inf", -10, -5, 0, 5, 10, "inf")

# python-flint: working precision and the truncation point T.
FLINT_PREC = TARGET_BITS + 40
FLINT_T = 24
RADIUS_LIMIT_LOG2 = -190
# TAIL: for real z, |tanh z| <= 1 and Cramér's inequality
# |He_n(z)| <= K sqrt(n!) e^{z^2/4} with K = 1.086435... < 1.0865 give
#   |(1/sqrt(2 pi n!)) * integral over |z| > T of tanh He_n e^{-z^2/2}|
#     <= K sqrt(n!) * 2 sqrt(pi) erfc(T/2) / sqrt(2 pi n!)
#      = sqrt(2) K erfc(T/2),
# independent of n; for T = 24 that is ~2^-211.2 < 2^-200.
CRAMER_K_UPPER = Fraction(10865, 10000)


# ---------------------------------------------------------------------------
# mpmath
# ---------------------------------------------------------------------------

def positional_check(value: Fraction) -> str:
    """The check field's format: CHECK_DIGITS significant digits, trailing zeros kept."""
    return positional(value, CHECK_DIGITS, strip_zeros=False)


def mpmath_loop() -> dict:
    import mpmath
    from mpmath import mp

    mp.prec = TARGET_BITS
    split = [mpmath.mpf(p) for p in MPMATH_SPLIT]

    def he(n: int, z):
        previous, current = mpmath.mpf(1), z
        if n == 0:
            return previous
        for k in range(1, n):
            previous, current = current, z * current - k * previous
        return current

    start = time.perf_counter()
    coefficients, errors = [], []
    for n in range(MAX_N + 1):
        integral, error = mpmath.quad(
            lambda z: mpmath.tanh(z) * he(n, z) * mpmath.exp(-z * z / 2), split, error=True)
        norm = mpmath.sqrt(2 * mp.pi * mpmath.factorial(n))
        coefficients.append(integral / norm)
        errors.append(error / norm)
    seconds = time.perf_counter() - start

    b1 = coefficients[1]
    man, exp2 = (int(v) for v in b1.man_exp)   # man_exp's mantissa is unsigned
    man = -man if b1 < 0 else man
    b1_exact = Fraction(man * 2 ** exp2) if exp2 >= 0 else Fraction(man, 2 ** -exp2)
    worst_error = max(errors)
    return {
        "seconds": seconds,
        "b1_digits20": positional_check(b1_exact),
        "certified": False,
        "max_est_error_log2": (round(float(mpmath.log(worst_error, 2)), 1)
                               if worst_error > 0 else None),
        "prec": TARGET_BITS,
        "split": "[" + ", ".join(str(p) for p in MPMATH_SPLIT) + "]",
        "backend": mpmath.libmp.BACKEND,
    }


# ---------------------------------------------------------------------------
# python-flint
# ---------------------------------------------------------------------------

def arb_to_fraction(x) -> Fraction:
    """Exact value of an arb midpoint."""
    man, exp2 = (int(v) for v in x.mid().man_exp())
    return Fraction(man * 2 ** exp2) if exp2 >= 0 else Fraction(man, 2 ** -exp2)


def python_flint_loop() -> dict:
    import flint
    from flint import acb, arb

    flint.ctx.prec = FLINT_PREC
    tail = (arb(2).sqrt() * arb(CRAMER_K_UPPER.numerator) / CRAMER_K_UPPER.denominator
            * (arb(FLINT_T) / 2).erfc()).upper()
    tail_ball = arb(0, tail)

    def he(n: int, z):
        previous, current = acb(1), z
        if n == 0:
            return previous
        for k in range(1, n):
            previous, current = current, z * current - k * previous
        return current

    start = time.perf_counter()
    coefficients = []
    for n in range(MAX_N + 1):
        # The integrand is meromorphic (poles of tanh at i pi/2 + i pi Z), so
        # the `analytic` flag needs no handling: evaluation on a ball that
        # touches a pole gives a non-finite ball and Arb subdivides.
        integral = acb.integral(
            lambda z, analytic: z.tanh() * he(n, z) * (-(z * z) / 2).exp(), -FLINT_T, FLINT_T)
        norm = (2 * arb.pi() * arb.fac_ui(n)).sqrt()
        coefficients.append(integral.real / norm + tail_ball)
    seconds = time.perf_counter() - start

    radii_log2 = [math.log2(float(b.rad())) for b in coefficients]
    b1 = coefficients[1]
    b1_digits = positional_check(arb_to_fraction(b1))
    record = {
        "seconds": seconds,
        "b1_digits20": b1_digits,
        "certified": True,
        "max_radius_log2": round(max(radii_log2), 1),
        "radii_below_2^-190": all(r < RADIUS_LIMIT_LOG2 for r in radii_log2),
        "prec": FLINT_PREC,
        "interval": f"[-{FLINT_T}, {FLINT_T}]",
        "tail_bound_log2": round(math.log2(float(tail)), 1),
        "flint_version": flint.__FLINT_VERSION__,
    }
    # The 20-digit rounding is certified only if both ends of the ball round
    # the same way (always the case for radii near 2^-200).
    ends = {positional_check(arb_to_fraction(b1) + s * arb_to_fraction(b1.rad()))
            for s in (-1, 1)}
    if ends != {b1_digits}:
        record["b1_rounding_uncertain"] = True
    return record


# ---------------------------------------------------------------------------
# Driver: one child process per timed loop
# ---------------------------------------------------------------------------

LOOPS = {"mpmath": mpmath_loop, "python-flint": python_flint_loop}


def bench(impl: str, repeats: int) -> None:
    best = best_child_record(__file__, impl, TASK, TIME_LIMIT, repeats)
    if best is not None:
        emit({"task": TASK, "impl": impl, **best})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="best of 1 instead of 3")
    parser.add_argument("--child", choices=sorted(LOOPS),
                        help=argparse.SUPPRESS)  # internal: one timed loop
    args = parser.parse_args()
    if args.child:
        print(json.dumps(LOOPS[args.child]()), flush=True)
        return 0
    repeats = 1 if args.quick else 3
    bench("python-flint", repeats)
    bench("mpmath", repeats)
    return 0


if __name__ == "__main__":
    sys.exit(main())
