#!/usr/bin/env python3
"""Reference ("anchor") timings for Prism's exact-algebra benchmarks.

Run with the benchmark venv's python (Benchmarks/run_bench.py does this):

    .bench-venv/bin/python Benchmarks/anchors/algebra_anchor.py [--quick]

Prints one JSON object per line:

    {"task": ..., "impl": ..., "seconds": <best of N runs>, ...extra fields}

or, for an implementation that could not run,

    {"task": ..., "impl": ..., "skipped": "<reason>"}
    {"task": ..., "impl": ..., "timed_out_after": 300}

Implementations:

* flint-c: Benchmarks/anchors/flint_algebra.c, compiled with gcc at run time
  against the system FLINT (Debian: `apt-get install -y libflint-dev`); it
  is skipped with a record if the FLINT headers or gcc are missing.
* python-flint: the pip package (it bundles its own, newer FLINT).
* sympy: each sympy measurement runs in a child process (this script with
  --child) so that a 300 s limit can be enforced and sympy's caches start
  empty.  The child runs with SYMPY_GROUND_TYPES=gmpy: with python-flint
  installed (as in the bench venv) sympy 1.14 would otherwise pick "flint"
  ground types by itself, i.e. partly measure python-flint again.  (Measured
  on the 2-core dev machine, the ground types change these timings by less
  than 1.5x, except connection_d10_m200 with pure-Python ints: ~3x slower.)
  Field ground_types records what the child used.

Tasks (the Swift side, `prism-bench algebra`, times the same work and prints
the same task names and check fields):

* hermite_he_2000: all integer coefficients of the probabilists' He_2000.
  Check field sum_abs_mod = (sum_k |c_k|) mod 1000000007.  python-flint has
  no Hermite polynomials (only ball evaluation arb.hermite_h): skipped.
* connection_d10_m200 (and connection_d10_m40, so that sympy has a ratio):
  the whole table beta_l^m(10), 0 <= l <= m <= M, of exact rationals with
  t^m = sum_l beta_l^m P_l^{(10)}(t) (Docs/conventions.md section 3), computed by
  building P_0..P_M and back-substituting each t^m exactly.  Check fields
  beta_m<M>_l0 and beta_m<M>_l<M> (exact "p/q") and nonzero_count.
  flint-c and sympy build P_k from their Gegenbauer polynomials normalized
  by the value at 1; python-flint has no Gegenbauer polynomial, so it uses
  the three-term recurrence of Docs/conventions.md section 3 in fmpq_poly arithmetic
  (field "basis" says which).
* tanh_taylor_500 (and tanh_taylor_100): tanh^{(k)}(0) for k = 0..N, as
  series coefficient times k!.  Check field d<N-1>_mod = tanh^{(N-1)}(0) mod
  1000000007 (Python's nonnegative %).  Field "api" names the series call.

--quick uses best of 2 instead of best of 5.  The full-size sympy runs
(connection_d10_m200, tanh_taylor_500) are timed once in any case; they take
a few seconds each, far below the 300 s limit, so --quick keeps them.
"""

from __future__ import annotations

import argparse
import json

from anchor_common import best_of, emit
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

import flint

# Exact results with thousands of digits are converted to str.
sys.set_int_max_str_digits(0)

ANCHOR_DIR = Path(__file__).resolve().parent
FLINT_C_SOURCE = ANCHOR_DIR / "flint_algebra.c"

MODULUS = 1_000_000_007
HERMITE_N = 2000
CONNECTION_D = 10
CONNECTION_SIZES = (40, 200)       # M of connection_d10_m<M>
TANH_SIZES = (100, 500)            # N of tanh_taylor_<N>
SYMPY_TIME_LIMIT = 300             # seconds, per sympy child process
SYMPY_FULL_SIZE = {"connection_d10_m200", "tanh_taylor_500"}  # timed once
SYMPY_GROUND_TYPES = "gmpy"        # see the module docstring


def rational_str(p: int, q: int) -> str:
    """Exact rational as "p/q", or "p" when q = 1 (as FLINT's fmpq_get_str)."""
    return str(p) if q == 1 else f"{p}/{q}"


def connection_checks(table: list[list[tuple[int, int]]], max_m: int) -> dict:
    """Check fields of a connection table given as rows of (p, q) pairs."""
    return {
        f"beta_m{max_m}_l0": rational_str(*table[max_m][0]),
        f"beta_m{max_m}_l{max_m}": rational_str(*table[max_m][max_m]),
        "nonzero_count": sum(1 for row in table for p, _ in row if p != 0),
    }


def tanh_checks(derivatives: list[int], n: int) -> dict:
    return {f"d{n - 1}_mod": derivatives[n - 1] % MODULUS}


# ---------------------------------------------------------------------------
# flint-c: compile flint_algebra.c and run it
# ---------------------------------------------------------------------------

def flint_c_unavailable() -> str | None:
    """Reason why the C anchor cannot be built, or None."""
    if shutil.which("gcc") is None:
        return "gcc not installed"
    probe = subprocess.run(["gcc", "-E", "-x", "c", "-", "-o", "/dev/null"],
                           input="#include <flint/flint.h>\n#include <flint/fmpq_poly.h>\n",
                           capture_output=True, text=True)
    if probe.returncode != 0:
        return "libflint-dev not installed"
    return None


def compile_flint_c(workdir: Path) -> Path:
    executable = workdir / "flint_algebra"
    result = subprocess.run(
        ["gcc", "-O2", "-o", str(executable), str(FLINT_C_SOURCE), "-lflint", "-lmpfr", "-lgmp"],
        capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"compiling {FLINT_C_SOURCE.name} failed:\n{result.stderr}")
    return executable


def bench_flint_c(tasks: list[tuple[str, list[str]]], repeats: int) -> None:
    """tasks: (task name, arguments of flint_algebra before REPEATS)."""
    reason = flint_c_unavailable()
    if reason is not None:
        for task, _ in tasks:
            emit({"task": task, "impl": "flint-c", "skipped": reason})
        return
    with tempfile.TemporaryDirectory(prefix="prism-flint-") as tmp:
        try:
            executable = compile_flint_c(Path(tmp))
        except RuntimeError as error:
            print(f"algebra_anchor: {error}", file=sys.stderr)
            for task, _ in tasks:
                emit({"task": task, "impl": "flint-c", "skipped": "compilation failed"})
            return
        version = subprocess.run([str(executable), "version"], capture_output=True,
                                 text=True, check=True).stdout.strip()
        for task, arguments in tasks:
            result = subprocess.run([str(executable), *arguments, str(repeats)],
                                    capture_output=True, text=True)
            if result.returncode != 0:
                print(f"algebra_anchor: flint_algebra {' '.join(arguments)} failed:\n"
                      f"{result.stderr}", file=sys.stderr)
                emit({"task": task, "impl": "flint-c", "skipped": "run failed"})
                continue
            emit({"task": task, "impl": "flint-c", **json.loads(result.stdout),
                  "flint_version": version})


# ---------------------------------------------------------------------------
# python-flint
# ---------------------------------------------------------------------------

def python_flint_connection_table(d: int, max_m: int) -> list[list[flint.fmpq]]:
    """beta_l^m(d) by back-substitution; basis from the three-term recurrence
    (k+d-2) P_{k+1} = (2k+d-2) t P_k - k P_{k-1}, P_0 = 1, P_1 = t."""
    t = flint.fmpq_poly([0, 1])
    basis = [flint.fmpq_poly([1]), t]
    for k in range(1, max_m):
        basis.append(((2 * k + d - 2) * t * basis[k] - k * basis[k - 1])
                     / flint.fmpq(k + d - 2))
    lead = [basis[k][k] for k in range(max_m + 1)]
    zero = flint.fmpq(0)
    table = []
    for m in range(max_m + 1):
        remainder = flint.fmpq_poly([0] * m + [1])
        row = [zero] * (m + 1)
        for l in range(m, -1, -1):
            c = remainder[l]
            if c == 0:
                continue
            beta = c / lead[l]
            row[l] = beta
            remainder -= basis[l] * beta
        assert remainder == 0
        table.append(row)
    return table


def python_flint_tanh_derivatives(n: int) -> list[int]:
    old_cap = flint.ctx.cap
    flint.ctx.cap = n + 1
    try:
        series = flint.fmpq_series([0, 1]).tanh()
        coefficients = series.coeffs()
    finally:
        flint.ctx.cap = old_cap
    coefficients += [flint.fmpq(0)] * (n + 1 - len(coefficients))  # trailing zeros
    derivatives = []
    factorial = flint.fmpz(1)
    for k, c in enumerate(coefficients):
        if k > 0:
            factorial *= k
        value = c * factorial
        assert value.q == 1
        derivatives.append(int(value.p))
    return derivatives


def bench_python_flint(repeats: int) -> None:
    emit({"task": f"hermite_he_{HERMITE_N}", "impl": "python-flint",
          "skipped": f"python-flint {flint.__version__} has no Hermite polynomials "
                     "(only ball evaluation arb.hermite_h)"})

    for max_m in CONNECTION_SIZES:
        result = {}

        def run() -> float:
            start = time.perf_counter()
            result["table"] = python_flint_connection_table(CONNECTION_D, max_m)
            return time.perf_counter() - start

        seconds = best_of(repeats, run)
        table = [[(int(b.p), int(b.q)) for b in row] for row in result["table"]]
        emit({"task": f"connection_d{CONNECTION_D}_m{max_m}", "impl": "python-flint",
              "seconds": seconds, **connection_checks(table, max_m),
              "basis": "three-term recurrence in fmpq_poly (no Gegenbauer in python-flint)",
              "flint_version": flint.__FLINT_VERSION__})

    for n in TANH_SIZES:
        result = {}

        def run() -> float:
            start = time.perf_counter()
            result["d"] = python_flint_tanh_derivatives(n)
            return time.perf_counter() - start

        seconds = best_of(repeats, run)
        emit({"task": f"tanh_taylor_{n}", "impl": "python-flint", "seconds": seconds,
              **tanh_checks(result["d"], n), "api": "fmpq_series.tanh",
              "flint_version": flint.__FLINT_VERSION__})


# ---------------------------------------------------------------------------
# sympy (each measurement in a child process, see child_main)
# ---------------------------------------------------------------------------

def sympy_hermite(n: int) -> dict:
    import sympy as sp
    x = sp.Symbol("x")
    start = time.perf_counter()
    he = sp.hermite_prob_poly(n, x, polys=True)
    coefficients = [int(c) for c in he.all_coeffs()]
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "sum_abs_mod": sum(abs(c) for c in coefficients) % MODULUS}


def sympy_connection(d: int, max_m: int) -> dict:
    import sympy as sp
    from sympy.polys.orthopolys import gegenbauer_poly
    t = sp.Symbol("t")
    start = time.perf_counter()
    lam = sp.Rational(d - 2, 2)
    basis = []
    for k in range(max_m + 1):
        c = gegenbauer_poly(k, lam, t, polys=True)
        basis.append(c.quo_ground(c.eval(1)))
    lead = [p.LC() for p in basis]
    table = []
    for m in range(max_m + 1):
        remainder = sp.Poly(t ** m, t, domain=sp.QQ)
        row = [sp.Integer(0)] * (m + 1)
        for l in range(m, -1, -1):
            c = remainder.nth(l)
            if c == 0:
                continue
            beta = c / lead[l]
            row[l] = beta
            remainder = remainder - basis[l].mul_ground(beta)
        assert remainder.is_zero
        table.append(row)
    seconds = time.perf_counter() - start
    pairs = [[(int(b.p), int(b.q)) for b in row] for row in table]
    return {"seconds": seconds, **connection_checks(pairs, max_m)}


def sympy_tanh(n: int) -> dict:
    import sympy as sp
    x = sp.Symbol("x")
    start = time.perf_counter()
    series = sp.series(sp.tanh(x), x, 0, n + 1).removeO()
    derivatives = [int(series.coeff(x, k) * sp.factorial(k)) for k in range(n + 1)]
    seconds = time.perf_counter() - start
    return {"seconds": seconds, **tanh_checks(derivatives, n), "api": "sympy.series"}


def child_main(task: str, repeats: int) -> int:
    """Run one sympy task `repeats` times in this process; print the best."""
    from sympy.core.cache import clear_cache
    from sympy.external.gmpy import GROUND_TYPES
    kind, _, size = task.rpartition("_")
    n = int(size.lstrip("m"))
    compute = {
        "hermite_he": lambda: sympy_hermite(n),
        f"connection_d{CONNECTION_D}": lambda: sympy_connection(CONNECTION_D, n),
        "tanh_taylor": lambda: sympy_tanh(n),
    }[kind]
    best = None
    for _ in range(repeats):
        clear_cache()  # no reuse of cached series/polynomials between runs
        result = compute()
        if best is None or result["seconds"] < best["seconds"]:
            best = result
    best["ground_types"] = GROUND_TYPES
    print(json.dumps(best), flush=True)
    return 0


def bench_sympy(repeats: int) -> None:
    tasks = [f"hermite_he_{HERMITE_N}"]
    tasks += [f"connection_d{CONNECTION_D}_m{m}" for m in CONNECTION_SIZES]
    tasks += [f"tanh_taylor_{n}" for n in TANH_SIZES]
    for task in tasks:
        # The full-size runs are the slow ones: time them once.
        reps = 1 if task in SYMPY_FULL_SIZE else repeats
        env = dict(os.environ, SYMPY_GROUND_TYPES=SYMPY_GROUND_TYPES)
        try:
            result = subprocess.run([sys.executable, __file__, "--child", task, str(reps)],
                                    capture_output=True, text=True, env=env,
                                    timeout=SYMPY_TIME_LIMIT)
        except subprocess.TimeoutExpired:
            emit({"task": task, "impl": "sympy", "timed_out_after": SYMPY_TIME_LIMIT})
            continue
        if result.returncode != 0:
            print(f"algebra_anchor: sympy child for {task} failed:\n{result.stderr}",
                  file=sys.stderr)
            emit({"task": task, "impl": "sympy", "skipped": "run failed"})
            continue
        record = {"task": task, "impl": "sympy", **json.loads(result.stdout)}
        if reps != repeats:
            record["repeats"] = reps
        emit(record)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="best of 2 instead of 5")
    parser.add_argument("--child", nargs=2, metavar=("TASK", "REPEATS"),
                        help=argparse.SUPPRESS)  # internal: one sympy measurement
    args = parser.parse_args()
    if args.child:
        return child_main(args.child[0], int(args.child[1]))
    repeats = 2 if args.quick else 5

    c_tasks = [(f"hermite_he_{HERMITE_N}", ["hermite_he", str(HERMITE_N)])]
    c_tasks += [(f"connection_d{CONNECTION_D}_m{m}", ["connection", str(CONNECTION_D), str(m)])
                for m in CONNECTION_SIZES]
    c_tasks += [(f"tanh_taylor_{n}", ["tanh_taylor", str(n)]) for n in TANH_SIZES]
    bench_flint_c(c_tasks, repeats)
    bench_python_flint(repeats)
    bench_sympy(repeats)
    return 0


if __name__ == "__main__":
    sys.exit(main())
