"""Reference NNGP/NTK values of CONVENTIONS §9's general-variance kernels, from neural-tangents.

Requirements (a venv outside the repository, CPU only):

    python3 -m venv VENV && VENV/bin/pip install "neural-tangents==0.6.5" "jax==0.4.23" \
        "jaxlib==0.4.23" "numpy<2" "tensorflow-cpu==2.15.1" tf2jax
    VENV/bin/python Tests/PrismKernelsTests/Fixtures/generate_neural_tangents.py \
        > Tests/PrismKernelsTests/Fixtures/neural_tangents_kernels.json

The network is neural-tangents' own

    stax.serial(*[Dense(W_std=σ_w, b_std=σ_b), Activation] * L, Dense(W_std=σ_w, b_std=σ_b))

in the NTK parameterization, evaluated by its closed-form `kernel_fn` in float64
(`jax_enable_x64`). This is §9's recursion: Σ¹ = σ_w²⟨x,x'⟩/d + σ_b², Θ¹ = Σ¹,
Σ^{ℓ+1} = σ_w² E[σ(u)σ(v)] + σ_b², Σ̇^{ℓ+1} = σ_w² E[σ'(u)σ'(v)], Θ^{ℓ+1} = Σ^{ℓ+1} + Σ̇^{ℓ+1} Θ^ℓ.

Inputs: x = √d e₁ and x' = √d (t e₁ + √(1−t²) e₂), so ‖x‖² = ‖x'‖² = q = d and the cosine is t
(each up to one binary64 rounding: compare at ~1e-13 relative, not bit for bit).

Activations, with the catalogue name recorded and neural-tangents' layer (all checked in
neural_tangents/_src/stax/elementwise.py, version 0.6.5):
* relu        stax.Relu()                 max(x, 0)
* leaky_relu(1/10)  stax.LeakyRelu(0.1)   (α = 0.1 as a binary64, relative error ~1e-17)
* abs         stax.Abs()
* erf         stax.Erf()                  a·erf(b·x) + c with a = 1, b = 1, c = 0: plain erf
* sin         stax.Sin()                  a·sin(b·x + c) with a = 1, b = 1, c = 0: plain sin
* gelu        stax.Gelu()                 kernel_fn is the exact GELU x·Φ(x) (Tsuchida et al.);
                                          `approximate` only changes the finite-width apply_fn
* sign        stax.Sign()                 NNGP (2/π)·arcsin(ρ); NOTE: its kernel_fn sets the NTK
                                          contribution of the layer to ZERO (σ' = 0 a.e., the
                                          δ at 0 is dropped), so "ntk" here is NT's convention
* gaussian    stax.Gaussian(a=1, b=-0.5)  e^{−x²/2} (NT's default b = −1 is e^{−x²})

Output: a JSON object {"generator", "versions", "cases": [...]}, one case per
(activation, depth, variances, d, t) with fields activation, depth, weight_variance,
bias_variance (exact strings), d, q, t (exact decimal string), nngp, ntk (binary64, repr).
"""
import json
import math
import sys
from fractions import Fraction

import jax

jax.config.update("jax_enable_x64", True)

import jax.numpy as jnp  # noqa: E402
import neural_tangents as nt  # noqa: E402
from neural_tangents import stax  # noqa: E402

ACTIVATIONS = [
    ("relu", lambda: stax.Relu()),
    ("leaky_relu(1/10)", lambda: stax.LeakyRelu(0.1)),
    ("abs", lambda: stax.Abs()),
    ("erf", lambda: stax.Erf()),
    ("sin", lambda: stax.Sin()),
    ("gelu", lambda: stax.Gelu()),
    ("sign", lambda: stax.Sign()),
    ("gaussian", lambda: stax.Gaussian(a=1.0, b=-0.5)),
]
DEPTHS = [1, 2, 3]
VARIANCES = [("1", "0"), ("2", "1/10"), ("3/2", "1/2")]
DIMENSIONS = [3, 10]
COSINES = ["-0.9", "-0.3", "0", "0.4", "0.95", "1"]


def inputs(d):
    """x (1×d) and the points x'(t) (len(COSINES)×d), all with squared norm d."""
    root = math.sqrt(d)
    x = jnp.zeros((1, d), dtype=jnp.float64).at[0, 0].set(root)
    rows = []
    for s in COSINES:
        t = float(Fraction(s))
        row = [0.0] * d
        row[0] = root * t
        row[1] = root * math.sqrt(1.0 - t * t)
        rows.append(row)
    return x, jnp.array(rows, dtype=jnp.float64)


def main():
    cases = []
    for name, layer in ACTIVATIONS:
        for depth in DEPTHS:
            for w2, b2 in VARIANCES:
                w_std = math.sqrt(float(Fraction(w2)))
                b_std = math.sqrt(float(Fraction(b2)))
                blocks = []
                for _ in range(depth):
                    blocks += [stax.Dense(1, W_std=w_std, b_std=b_std, parameterization="ntk"), layer()]
                _, _, kernel_fn = stax.serial(
                    *blocks, stax.Dense(1, W_std=w_std, b_std=b_std, parameterization="ntk"))
                for d in DIMENSIONS:
                    x, xs = inputs(d)
                    k = kernel_fn(x, xs, ("nngp", "ntk"))
                    for j, t in enumerate(COSINES):
                        nngp = float(k.nngp[0, j])
                        ntk = float(k.ntk[0, j])
                        if not (math.isfinite(nngp) and math.isfinite(ntk)):
                            sys.exit(f"non-finite value: {name} L={depth} {w2},{b2} d={d} t={t}")
                        cases.append({
                            "activation": name, "depth": depth,
                            "weight_variance": w2, "bias_variance": b2,
                            "d": d, "q": d, "t": t, "nngp": nngp, "ntk": ntk,
                        })
    out = {
        "generator": "Tests/PrismKernelsTests/Fixtures/generate_neural_tangents.py",
        "versions": {"neural_tangents": nt.__version__ if hasattr(nt, "__version__") else "0.6.5",
                     "jax": jax.__version__},
        "cases": cases,
    }
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
