"""Helpers shared by the anchor scripts: the JSON-lines protocol, timing, the decimal
formats of the check fields, and best-of-N timing in fresh child processes."""

from __future__ import annotations

import json
import subprocess
import sys
from fractions import Fraction
from typing import Callable


def emit(record: dict) -> None:
    print(json.dumps(record), flush=True)


def best_of(repeats: int, run: Callable[[], float]) -> float:
    """Call `run` (which returns its own measured seconds) and keep the best."""
    return min(run() for _ in range(repeats))


def decimal_exponent(value: Fraction) -> int:
    """e with 10^e <= value < 10^(e+1), for value > 0."""
    e10 = len(str(value.numerator)) - len(str(value.denominator))
    if value < Fraction(10) ** e10:
        e10 -= 1
    return e10


def positional(value: Fraction, sig: int, strip_zeros: bool) -> str:
    """`value` rounded to nearest (ties to even) at `sig` significant digits, in plain
    positional notation; trailing zeros (and a bare point) removed when `strip_zeros`."""
    if value == 0:
        return "0"
    sign = "-" if value < 0 else ""
    value = abs(value)
    e10 = decimal_exponent(value)
    digits = round(value * Fraction(10) ** (sig - 1 - e10))
    if digits == 10 ** sig:            # rounded up to the next power of ten
        digits //= 10
        e10 += 1
    text = str(digits)
    point = e10 + 1                    # digits before the decimal point
    if point <= 0:
        body = "0." + "0" * (-point) + text
    elif point >= sig:
        body = text + "0" * (point - sig)
    else:
        body = text[:point] + "." + text[point:]
    if strip_zeros and "." in body:
        body = body.rstrip("0").rstrip(".")
    return sign + body


def best_child_record(script: str, impl: str, task: str, time_limit: int, repeats: int) -> dict | None:
    """Run `script --child impl` `repeats` times, each in a fresh process, and return the record
    (one JSON object on the child's stdout) with the fewest seconds. On a time-out or a failure,
    emit the `timed_out_after` / `skipped` record and return None."""
    best = None
    for _ in range(repeats):
        try:
            result = subprocess.run([sys.executable, script, "--child", impl],
                                    capture_output=True, text=True, timeout=time_limit)
        except subprocess.TimeoutExpired:
            emit({"task": task, "impl": impl, "timed_out_after": time_limit})
            return None
        if result.returncode != 0:
            print(f"{script}: {impl} child failed:\n{result.stderr}", file=sys.stderr)
            emit({"task": task, "impl": impl, "skipped": "run failed"})
            return None
        record = json.loads(result.stdout)
        if best is None or record["seconds"] < best["seconds"]:
            best = record
    return best
