#!/usr/bin/env python3
"""Independent references for the level coefficients with a bias and at depth 2 (mpmath only;
run: python3 generate_bias_levels.py). Writes bias_levels_golden.json (do not edit by hand).

Each case is CONVENTIONS section 9's kernel on the sphere |x|^2 = q of R^d (d = D, q = sum of gamma),
written with the closed forms of section 8 for the Gaussian expectations, as a function of the
unnormalized t = <x, x'>, and c_l = d^l K / dt^l at t = 0 by mpmath.taylor (numerical differentiation
with extra precision). The accuracy recorded is the largest relative difference between 50- and
70-digit evaluations, times 10.
"""
import json
import mpmath as mp


def relu_dual(c, v):
    """E[relu(u) relu(w)], (u, w) of variance v and covariance c (arc-cosine kernel of order 1)."""
    r = c / v
    return v * (mp.sqrt(1 - r * r) + r * (mp.pi - mp.acos(r))) / (2 * mp.pi)


def step_dual(c, v):
    """E[step(u) step(w)] (arc-cosine kernel of order 0)."""
    return (mp.pi - mp.acos(c / v)) / (2 * mp.pi)


def erf_dual(c, v):
    """E[erf(u) erf(w)] = (2/pi) asin(2c / (1 + 2v))."""
    return 2 / mp.pi * mp.asin(2 * c / (1 + 2 * v))


def erf_dot_dual(c, v):
    """E[erf'(u) erf'(w)] = (4/pi) / sqrt((1 + 2v)^2 - 4c^2)."""
    return 4 / mp.pi / mp.sqrt((1 + 2 * v) ** 2 - 4 * c * c)


DUALS = {"relu": (relu_dual, step_dual, lambda v: v / 2), "erf": (erf_dual, erf_dot_dual, lambda v: erf_dual(v, v))}


def kernel(activation, kind, depth, w, b, q, d):
    """t -> NNGP or NTK of section 9 (L = depth hidden layers)."""
    dual, dot, second = DUALS[activation]

    def k(t):
        sigma = w * t / d + b            # Sigma^(1) at <x, x'> = t
        v = w * q / d + b                # its variance
        theta = sigma
        for _ in range(depth):
            new_sigma = w * dual(sigma, v) + b
            theta = new_sigma + w * dot(sigma, v) * theta
            sigma, v = new_sigma, w * second(v) + b
        return sigma if kind == "nngp" else theta
    return k


CASES = [
    # activation, kind, depth, weight variance, bias variance, gamma
    ("relu", "nngp", 1, "1", "1", ["1/2", "1/4", "1/4"]),
    ("relu", "ntk", 1, "1", "1", ["1/2", "1/4", "1/4"]),
    ("relu", "nngp", 2, "1", "1/4", ["1/2", "1/4", "1/4"]),
    ("relu", "ntk", 2, "2", "1/10", ["1", "1/2"]),
    ("erf", "nngp", 1, "1/2", "1/4", ["1", "1/2"]),
    ("erf", "ntk", 1, "1/2", "1/4", ["1", "1/2"]),
]
LEVELS = 8


def rational(text):
    num, _, den = text.partition("/")
    return mp.mpf(int(num)) / int(den or 1)


def levels(case, dps):
    """c_0..c_LEVELS at dps digits."""
    mp.mp.dps = dps
    activation, kind, depth, w, b, gamma = case
    g = [rational(x) for x in gamma]
    f = mp.taylor(kernel(activation, kind, depth, rational(w), rational(b), sum(g), len(g)), 0, LEVELS)
    return [mp.factorial(l) * f[l] for l in range(LEVELS + 1)]


if __name__ == "__main__":
    out = []
    for case in CASES:
        coarse, c = levels(case, 50), levels(case, 70)
        err = max(abs(x - y) / abs(y) for x, y in zip(coarse, c) if y != 0)
        activation, kind, depth, w, b, gamma = case
        out.append({"activation": activation, "kernel": kind, "depth": depth, "weight_variance": w, "bias_variance": b,
                    "gamma": ",".join(gamma), "c": [mp.nstr(x, 45) for x in c], "relative_accuracy": mp.nstr(10 * err, 3)})
    doc = {"generator": "generate_bias_levels.py (mpmath %s)" % mp.__version__, "cases": out}
    with open(__file__.replace("generate_bias_levels.py", "bias_levels_golden.json"), "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
