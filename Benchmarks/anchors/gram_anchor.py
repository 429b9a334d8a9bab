#!/usr/bin/env python3
"""Gram matrices: `prism.gram('relu', X, kernel='ntk', depth=3)` against neural-tangents'
`kernel_fn` on CPU in float64, same run (issues 13 and 17, item 4).

Run by `make bench` (Benchmarks/run_bench.py, group "gram") or directly:

    python3 Benchmarks/anchors/gram_anchor.py [--quick] [--n 4000]

It needs neural-tangents 0.6.5 (jax/jaxlib 0.4.23 on CPU, float64 enabled here) and the `prism`
package with the release library. When they are not importable it creates the venv
.bench-venv-nt in the repository root, installs them there (`pip install ./python` builds
libprism-c in release) and re-runs itself with that venv's python.

Task gram_relu_ntk_depth3_s9_n4000: X = 4000 points uniform on S⁹ (numpy default_rng(7)).
* prism: prism.gram("relu", X, kernel="ntk", depth=3) — the normalized deep ReLU NTK of
  CONVENTIONS §5 by the angle recursion, with its rigorous bound (field error_bound, and
  relative_bound = error_bound / min |K_ij|).
* neural-tangents: kernel_fn(√d·X, None, "ntk") of stax.serial(Dense(1, W_std=1), Relu(),
  [Dense(1, W_std=√2), Relu()] * 2, Dense(1, W_std=√2)), jitted, float64: the same kernel (with
  ‖x‖² = d the first layer gives Σ¹ = ρ, and σ_w² = 2 after each ReLU makes §9's recursion the
  normalized one of §5). Field max_abs_difference = max |prism − NT| over the matrix.
Best of 3 runs each (--quick: 1), compilation (jit) excluded by a warm-up call; cpu_seconds is the
process CPU time of the same call (all threads), the fair figure on a shared machine.
"""
from __future__ import annotations

import argparse
import math
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from anchor_common import emit


ROOT = Path(__file__).resolve().parents[2]
VENV = ROOT / ".bench-venv-nt"
REQUIREMENTS = ["neural-tangents==0.6.5", "jax==0.4.23", "jaxlib==0.4.23", "numpy<2", "tensorflow-cpu==2.15.1",
                "tf2jax", "sympy", "mpmath", "setuptools", "wheel"]


def ensure_environment() -> None:
    """Re-run in .bench-venv-nt (created and filled on first use) unless everything imports here."""
    try:
        import jax  # noqa: F401
        import neural_tangents  # noqa: F401
        import prism  # noqa: F401
        return
    except Exception:  # noqa: BLE001
        pass
    python = VENV / "bin" / "python"
    if Path(sys.executable).resolve() == python.resolve():
        raise SystemExit("gram_anchor: neural-tangents or prism not importable in .bench-venv-nt")
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    pip = [str(python), "-m", "pip", "install", "-q"]
    quiet = {"stdout": sys.stderr}
    if subprocess.run([str(python), "-c", "import jax, neural_tangents"], capture_output=True).returncode != 0:
        subprocess.run(pip + REQUIREMENTS, check=True, **quiet)
    subprocess.run(pip + ["--no-build-isolation", "--no-deps", "--force-reinstall", str(ROOT / "python")], check=True, **quiet)
    os.execv(str(python), [str(python), __file__, *sys.argv[1:]])


def main() -> None:
    ensure_environment()
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--n", type=int, default=4000)
    args = parser.parse_args()
    repeats = 1 if args.quick else 3
    n, d, depth = args.n, 10, 3
    task = f"gram_relu_ntk_depth{depth}_s9_n{n}"
    rng = np.random.default_rng(7)
    X = rng.standard_normal((n, d))
    X /= np.linalg.norm(X, axis=1, keepdims=True)

    try:
        import prism
    except Exception as e:  # noqa: BLE001
        emit({"task": task, "impl": "prism", "skipped": f"import prism failed: {e}"})
        return
    best, best_cpu, K = math.inf, math.inf, None
    for _ in range(repeats + 1):
        start, start_cpu = time.perf_counter(), time.process_time()
        g = prism.gram("relu", X, kernel="ntk", depth=depth)
        best, best_cpu = min(best, time.perf_counter() - start), min(best_cpu, time.process_time() - start_cpu)
        K = g
    emit({"task": task, "impl": "prism", "seconds": best, "cpu_seconds": best_cpu, "error_bound": g.error_bound,
          "relative_bound": g.error_bound / float(np.min(np.abs(K.values)))})

    try:
        import jax
        jax.config.update("jax_enable_x64", True)
        from neural_tangents import stax
    except Exception as e:  # noqa: BLE001
        emit({"task": task, "impl": "neural-tangents", "skipped": f"neural-tangents not importable: {e}"})
        return
    w = math.sqrt(2.0)
    blocks = []
    for layer in range(depth):
        blocks += [stax.Dense(1, W_std=1.0 if layer == 0 else w), stax.Relu()]
    _, _, kernel_fn = stax.serial(*blocks, stax.Dense(1, W_std=w))
    kernel_fn = jax.jit(kernel_fn, static_argnames="get")
    Z = jax.numpy.asarray(X * math.sqrt(d), dtype=jax.numpy.float64)
    kernel_fn(Z[:8], None, get="ntk").block_until_ready()  # compile a small shape, then the full one
    nt = np.asarray(kernel_fn(Z, None, get="ntk").block_until_ready())
    best_nt, best_nt_cpu = math.inf, math.inf
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        nt = np.asarray(kernel_fn(Z, None, get="ntk").block_until_ready())
        best_nt, best_nt_cpu = min(best_nt, time.perf_counter() - start), min(best_nt_cpu, time.process_time() - start_cpu)
    emit({"task": task, "impl": "neural-tangents", "seconds": best_nt, "cpu_seconds": best_nt_cpu,
          "max_abs_difference": float(np.max(np.abs(nt - K.values)))})


if __name__ == "__main__":
    main()
