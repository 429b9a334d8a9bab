#!/usr/bin/env python3
"""Benchmark driver: Prism (Swift) against anchors (gmpy2, mpmath, FLINT, sympy, ...).

Usage (from `make bench`, after the release build):

    python3 Benchmarks/run_bench.py [--quick] [--group NAME ...] [--swift-bench PATH]

What it does:

1. Creates the venv .bench-venv/ in the repository root if missing and
   pip-installs the anchor packages into it (only if they are not already
   importable there).
2. For each benchmark group, runs `prism-bench <group argument>` and the
   group's anchor script with the venv's python.  Both print JSON lines
   {"task": ..., "impl": ..., "seconds": ..., <optional extra fields>}.
   An implementation that could not run prints, instead of "seconds",
   "skipped": "<reason>" or "timed_out_after": <seconds>; it is listed
   without a ratio.
3. Prints a plain-text table per task as results come in, and at the end the
   same results as Markdown (machine, date, command, versions included) for
   Docs/performance.md.

Ratios are anchor_seconds / prism_seconds: > 1 means Prism is faster.

To add a benchmark group (polynomials, Hermite coefficients, spectra, ...):
add a BenchGroup to GROUPS below, naming the argument prism-bench takes and
an anchor script under Benchmarks/anchors/ that prints JSON lines and
accepts --quick.  Extra fields whose values must agree across
implementations (exactness checks) go into CHECK_FIELDS.

Only the Python standard library is used here; anchor packages live in the
venv.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
DEFAULT_VENV = REPO_ROOT / ".bench-venv"
DEFAULT_SWIFT_BENCH = REPO_ROOT / ".build" / "release" / "prism-bench"

# Packages the anchor scripts need, as pip requirement specifiers.
# (The algebra group's flint-c anchor also needs gcc and the system package
# libflint-dev; without them it prints "skipped" records.)
ANCHOR_REQUIREMENTS = ["gmpy2", "mpmath==1.3.0", "python-flint==0.9.0", "sympy==1.14.0",
                       "numpy", "scipy"]
# Python snippet that succeeds only if the requirements are satisfied.
ANCHOR_IMPORT_CHECK = (
    "import gmpy2, mpmath, flint, sympy, numpy, scipy.special; assert mpmath.__version__ == '1.3.0'; "
    "assert flint.__version__ == '0.9.0'; assert sympy.__version__ == '1.14.0'"
)

PRISM_IMPL = "prism"

# Extra fields that every implementation reporting them must agree on; a
# disagreement means some implementation computed something different.
CHECK_FIELDS = (
    # numbers
    "digits_of_denominator", "checksum",
    # algebra
    "sum_abs_mod",                                  # hermite_he_2000
    "beta_m200_l0", "beta_m200_l200",               # connection_d10_m200
    "beta_m40_l0", "beta_m40_l40", "nonzero_count",  # connection_d10_m40 / _m200
    "d499_mod", "d99_mod",                          # tanh_taylor_500 / _100
    # hermite
    "b1_digits20",                                  # tanh_hermite_50_200bit
    # spectrum
    "mu2_digits20",                                 # relu_ntk_depth1_s9_k100_30digits
    # evaluation
    "value_at_half_digits10",                       # hermite_he_deg64_1e7 / legendre_deg64_1e7
)


@dataclass(frozen=True)
class BenchGroup:
    name: str          # name used with --group
    swift_arg: str     # argument passed to prism-bench ("" when the anchor script times Prism itself)
    anchor: str        # anchor script, relative to Benchmarks/


GROUPS = [
    BenchGroup(name="numbers", swift_arg="numbers", anchor="anchors/numbers_anchor.py"),
    BenchGroup(name="algebra", swift_arg="algebra", anchor="anchors/algebra_anchor.py"),
    BenchGroup(name="hermite", swift_arg="hermite", anchor="anchors/hermite_anchor.py"),
    BenchGroup(name="spectrum", swift_arg="spectrum", anchor="anchors/spectrum_anchor.py"),
    BenchGroup(name="evaluation", swift_arg="evaluation", anchor="anchors/evaluation_anchor.py"),
    # prism.gram (the Python package) vs neural-tangents, in their own venv .bench-venv-nt.
    BenchGroup(name="gram", swift_arg="", anchor="anchors/gram_anchor.py"),
]


class BenchError(Exception):
    """A failure reported to the user as a single line."""


def log(message: str) -> None:
    print(f"run_bench: {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------
# Environment
# ---------------------------------------------------------------------------

def venv_python(venv: Path) -> Path:
    return venv / "bin" / "python"


def ensure_venv(venv: Path) -> Path:
    """Create the anchor venv if needed and make sure its packages import."""
    python = venv_python(venv)
    if not python.exists():
        log(f"creating venv {venv}")
        result = subprocess.run([sys.executable, "-m", "venv", str(venv)], stdout=sys.stderr)
        if result.returncode != 0 or not python.exists():
            raise BenchError(f"could not create venv at {venv} (is python3-venv installed?)")
    if subprocess.run([str(python), "-c", ANCHOR_IMPORT_CHECK],
                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode != 0:
        log(f"installing {' '.join(ANCHOR_REQUIREMENTS)} into {venv}")
        # pip writes progress to stdout; keep our stdout for results only.
        result = subprocess.run(
            [str(python), "-m", "pip", "install", "--disable-pip-version-check", "--quiet",
             *ANCHOR_REQUIREMENTS],
            stdout=sys.stderr)
        if result.returncode != 0:
            raise BenchError(f"pip install of {' '.join(ANCHOR_REQUIREMENTS)} failed")
        if subprocess.run([str(python), "-c", ANCHOR_IMPORT_CHECK]).returncode != 0:
            raise BenchError("anchor packages still not importable after pip install")
    return python


def anchor_versions(python: Path) -> str:
    """Versions of the anchor stack, e.g. 'Python 3.11.7, gmpy2 2.3.2, ...'."""
    snippet = (
        "import platform, gmpy2, mpmath, mpmath.libmp as l, flint, sympy, numpy, scipy; "
        "print(f'Python {platform.python_version()}, gmpy2 {gmpy2.version()}, "
        "mpmath {mpmath.__version__} (backend {l.BACKEND}), "
        "python-flint {flint.__version__} (FLINT {flint.__FLINT_VERSION__}), "
        "sympy {sympy.__version__}, numpy {numpy.__version__}, scipy {scipy.__version__}')"
    )
    result = subprocess.run([str(python), "-c", snippet], capture_output=True, text=True)
    return result.stdout.strip() if result.returncode == 0 else "unknown"


def machine_description() -> str:
    """CPU model name (from lscpu) and number of usable cores (nproc)."""
    model = None
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        for line in out.splitlines():
            key, _, value = line.partition(":")
            if key.strip() == "Model name":
                model = value.strip()
                break
    except OSError:
        pass
    if model is None:
        model = platform.processor() or platform.machine() or "unknown CPU"
    try:
        cores = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    except OSError:
        cores = ""
    cores = cores or str(len(os.sched_getaffinity(0)))
    return f"{model}, nproc {cores}"


# ---------------------------------------------------------------------------
# Running benchmarks
# ---------------------------------------------------------------------------

def run_json_lines(command: list[str], what: str) -> list[dict]:
    """Run a command (stderr passed through) and parse its JSON-line stdout."""
    log(f"running {what}: {shlex.join(command)}")
    try:
        result = subprocess.run(command, stdout=subprocess.PIPE, text=True, cwd=REPO_ROOT)
    except OSError as error:
        raise BenchError(f"could not run {what}: {error}") from None
    if result.returncode != 0:
        raise BenchError(f"{what} exited with status {result.returncode}")
    records = []
    for line in result.stdout.splitlines():
        line = line.strip()
        if not line.startswith("{"):
            continue  # tolerate banners or blank lines
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            log(f"ignoring malformed line from {what}: {line}")
            continue
        if not ({"task", "impl"} <= record.keys()
                and record.keys() & {"seconds", "skipped", "timed_out_after"}):
            log(f"ignoring record without task/impl/seconds from {what}: {line}")
            continue
        records.append(record)
    if not records:
        raise BenchError(f"{what} printed no results")
    return records


def group_by_task(records: list[dict]) -> dict[str, list[dict]]:
    """Task name -> records, tasks and implementations in first-seen order."""
    tasks: dict[str, list[dict]] = {}
    for record in records:
        tasks.setdefault(record["task"], []).append(record)
    return tasks


# ---------------------------------------------------------------------------
# Reporting
# ---------------------------------------------------------------------------

def has_time(record: dict) -> bool:
    """Whether the record is a measurement (not a skip or timeout record)."""
    return "seconds" in record


def table_rows(records: list[dict]) -> tuple[list[list[str]], list[str]]:
    """Rows [impl, seconds, ratio, notes] for one task, plus warnings."""
    warnings = []
    not_run = [r for r in records if not has_time(r)]
    records = [r for r in records if has_time(r)]
    prism = [r for r in records if r["impl"] == PRISM_IMPL]
    if not prism:
        warnings.append("no prism result for this task")
    elif len(prism) > 1:
        warnings.append("several prism results; ratios use the first")
    prism_seconds = float(prism[0]["seconds"]) if prism else None

    # Prism first, then anchors from fastest to slowest.
    ordered = prism[:1] + sorted((r for r in records if r["impl"] != PRISM_IMPL),
                                 key=lambda r: float(r["seconds"]))
    rows = []
    for record in ordered:
        seconds = float(record["seconds"])
        if prism_seconds and prism_seconds > 0:
            ratio = f"{seconds / prism_seconds:.2f}"
        else:
            ratio = "n/a"
        notes = ", ".join(f"{key}={value}" for key, value in record.items()
                          if key not in ("task", "impl", "seconds"))
        rows.append([record["impl"], f"{seconds:.4g}", ratio, notes])
    # Implementations that did not run: listed last, without a ratio (a
    # timeout gives a lower bound on the ratio).
    for record in not_run:
        if "timed_out_after" in record:
            limit = float(record["timed_out_after"])
            cell = f"> {limit:g}"
            ratio = f"> {limit / prism_seconds:.2f}" if prism_seconds else "n/a"
        else:
            cell, ratio = "skipped", "n/a"
        notes = ", ".join(f"{key}={value}" for key, value in record.items()
                          if key not in ("task", "impl"))
        rows.append([record["impl"], cell, ratio, notes])

    for field in CHECK_FIELDS:
        values = {str(r[field]) for r in records if field in r}
        if len(values) > 1:
            warnings.append(f"MISMATCH in {field}: {', '.join(sorted(values))}")
    return rows, warnings


HEADERS = ["impl", "seconds", "ratio", "notes"]


def plain_table(task: str, records: list[dict]) -> str:
    rows, warnings = table_rows(records)
    widths = [max(len(row[i]) for row in rows + [HEADERS]) for i in range(len(HEADERS))]

    def fmt(row: list[str]) -> str:
        cells = [row[0].ljust(widths[0]), row[1].rjust(widths[1]),
                 row[2].rjust(widths[2]), row[3]]
        return "  ".join(cells).rstrip()

    lines = [task, fmt(HEADERS), fmt(["-" * w for w in widths])]
    lines += [fmt(row) for row in rows]
    lines += [f"WARNING: {w}" for w in warnings]
    return "\n".join(lines)


def display_path(path: Path) -> str:
    """Path relative to the repository root when inside it."""
    try:
        return str(path.resolve().relative_to(REPO_ROOT))
    except ValueError:
        return str(path)


def markdown_report(tasks: dict[str, list[dict]], machine: str, command: str,
                    versions: str, swift_bench: Path, date: str) -> str:
    lines = [
        "## Benchmark results",
        "",
        f"- Machine: {machine}",
        f"- Date: {date}",
        f"- Command: `{command}`",
        f"- Swift benchmark: `{display_path(swift_bench)}`",
        f"- Anchors: {versions}",
        "- seconds: best of repeated runs; ratio = anchor seconds / prism seconds "
        "(> 1 means Prism is faster)",
    ]
    for task, records in tasks.items():
        rows, warnings = table_rows(records)
        lines += ["", f"### {task}", "",
                  "| " + " | ".join(HEADERS) + " |",
                  "| --- | ---: | ---: | --- |"]
        lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |"
                  for row in rows]
        if warnings:
            lines += [""] + [f"**Warning:** {w}" for w in warnings]
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------

def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Run Prism benchmarks against Python anchors and print tables.")
    parser.add_argument("--swift-bench", type=Path, default=DEFAULT_SWIFT_BENCH,
                        metavar="PATH",
                        help="prism-bench executable (default: .build/release/prism-bench)")
    parser.add_argument("--group", action="append", choices=[g.name for g in GROUPS],
                        help="run only this benchmark group (repeatable; default: all)")
    parser.add_argument("--quick", action="store_true",
                        help="pass --quick to the anchor scripts (fewer repetitions)")
    parser.add_argument("--venv", type=Path, default=DEFAULT_VENV, metavar="PATH",
                        help="venv for the anchors (default: .bench-venv in the repo root)")
    return parser.parse_args()


def main() -> int:
    args = parse_arguments()
    command = shlex.join(["python3", *sys.argv])
    groups = [g for g in GROUPS if args.group is None or g.name in args.group]

    try:
        swift_bench = args.swift_bench.resolve()
        if not (swift_bench.is_file() and os.access(swift_bench, os.X_OK)):
            raise BenchError(f"Swift benchmark executable not found: {display_path(args.swift_bench)} "
                             "(build it first, e.g. `make bench`, or pass --swift-bench PATH)")
        python = ensure_venv(args.venv.resolve())
        versions = anchor_versions(python)

        all_records: list[dict] = []
        for group in groups:
            records = run_json_lines([str(swift_bench), group.swift_arg],
                                     f"prism-bench {group.swift_arg}") if group.swift_arg else []
            anchor = BENCH_DIR / group.anchor
            anchor_command = [str(python), str(anchor)] + (["--quick"] if args.quick else [])
            records += run_json_lines(anchor_command, f"anchor {group.anchor}")
            for task, task_records in group_by_task(records).items():
                print(plain_table(task, task_records), end="\n\n", flush=True)
            all_records += records
    except BenchError as error:
        log(f"error: {error}")
        return 1

    date = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    print(markdown_report(group_by_task(all_records), machine_description(), command,
                          versions, args.swift_bench, date))
    return 0


if __name__ == "__main__":
    sys.exit(main())
