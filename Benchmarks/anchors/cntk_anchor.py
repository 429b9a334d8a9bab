#!/usr/bin/env python3
"""Reference ("anchor") timings for Prism's convolutional-kernel benchmark (issue 15).

Run with the benchmark venv's python (Benchmarks/run_bench.py does this):

    .bench-venv/bin/python Benchmarks/anchors/cntk_anchor.py [--quick]

Prints one JSON object per line: {"task": ..., "impl": ..., "seconds": ..., ...extra fields}.

Task (the Swift side, `prism-bench cntk`, certifies the 441 eigenvalues lambda_{k1,k2},
k1, k2 <= 20, to 30 digits):

* relu_ntk_cntk_zeta3_p2_k20_30digits: the spectrum of the one-level ReLU convolutional NTK on
  two pixels of S^2 (CONVENTIONS section 11): K(x, x') = f((t1 + t2)/2), t_j = <x_j, x'_j>,
  f(u) = (sqrt(1 - u^2) + 2u(pi - arccos u))/pi.

What users do today: sample n images (each pixel uniform on S^2), form the n x n Gram matrix
K/n and take its eigenvalues (numpy.linalg.eigvalsh) as estimates of the operator's
eigenvalues. Implementation "monte-carlo-gram-nN" times that (sampling, Gram matrix,
eigvalsh; best of 3, --quick: 1) and, when Prism's certified values are available (the prism
binary at .build/release/prism or $PRISM_BIN, run untimed), reports the error of the top
eigenvalues against Prism's values expanded by their multiplicities Pi_j N(3, k_j):
rel_err_top1 (lambda_{0,0}), max_rel_err_top16 and max_rel_err_top100 (the 16 and 100 largest).
A Monte-Carlo estimate has no digits to certify; its error falls like n^(-1/2).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import time
from fractions import Fraction
from pathlib import Path

from anchor_common import best_of, emit

TASK = "relu_ntk_cntk_zeta3_p2_k20_30digits"
REPO_ROOT = Path(__file__).resolve().parents[2]
SEED = 20261126


def prism_spectrum():
    """Prism's certified eigenvalues (multiplicities expanded, descending), or None."""
    binary = Path(os.environ.get("PRISM_BIN", REPO_ROOT / ".build" / "release" / "prism"))
    if not binary.exists():
        return None
    result = subprocess.run([str(binary), "cntk", "relu", "--channels", "3", "--pixels", "2", "--filters", "2",
                             "--max-degree", "16", "--kernel", "ntk", "--digits", "30", "--format", "json"],
                            capture_output=True, text=True)
    if result.returncode != 0:
        return None
    values = []
    for row in json.loads(result.stdout)["rows"]:
        values += [Fraction(row["value"])] * int(row["multiplicity"])
    return sorted(values, reverse=True)


def monte_carlo(n: int, rng):
    import numpy as np
    start = time.perf_counter()
    x = rng.standard_normal((n, 2, 3))
    x /= np.linalg.norm(x, axis=2, keepdims=True)
    t1 = x[:, 0, :] @ x[:, 0, :].T
    t2 = x[:, 1, :] @ x[:, 1, :].T
    u = np.clip((t1 + t2) / 2, -1.0, 1.0)
    gram = (np.sqrt(1 - u * u) + 2 * u * (np.pi - np.arccos(u))) / np.pi / n
    eigenvalues = np.linalg.eigvalsh(gram)[::-1]
    return time.perf_counter() - start, eigenvalues


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    import numpy as np
    certified = prism_spectrum()
    repeats = 1 if args.quick else 3
    for n in ([1000, 2000] if args.quick else [1000, 2000, 4000]):
        rng = np.random.default_rng(SEED)
        last = {}

        def run() -> float:
            seconds, eigenvalues = monte_carlo(n, rng)
            last["eigenvalues"] = eigenvalues
            return seconds

        record = {"task": TASK, "impl": f"monte-carlo-gram-n{n}", "seconds": best_of(repeats, run), "numpy": np.__version__}
        if certified is not None:
            mc = last["eigenvalues"]
            rel = [abs(float(Fraction(float(mc[i])) / certified[i] - 1)) for i in range(100)]
            record["rel_err_top1"] = float(f"{rel[0]:.3g}")
            record["max_rel_err_top16"] = float(f"{max(rel[:16]):.3g}")
            record["max_rel_err_top100"] = float(f"{max(rel):.3g}")
        emit(record)


if __name__ == "__main__":
    main()
