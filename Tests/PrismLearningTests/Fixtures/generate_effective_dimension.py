#!/usr/bin/env python3
"""Independent references for the effective dimension of the normalized depth-1 ReLU kernels (mpmath only;
run: python3 generate_effective_dimension.py). Writes effective_dimension_golden.json (do not edit by hand).

On S^{d-1} with the density c_d (1 - t^2)^{(d-3)/2}: f(t) = (sqrt(1-t^2) + t(pi - acos t))/pi (NNGP) or
f + t (pi - acos t)/pi (NTK), mu_k = E[f(t) P_k(t)] with P_k the Gegenbauer polynomial normalized to P_k(1) = 1,
N(d, k) the multiplicity, d_eff = f(1)^2 / E[f^2] and the residual after L from the same sums without
k <= L (CONVENTIONS sections 3 and 14), all by mpmath.quad at 50 digits.
"""
import json
import mpmath as mp

mp.mp.dps = 50


def kernel(kind):
    nngp = lambda t: (mp.sqrt(1 - t * t) + t * (mp.pi - mp.acos(t))) / mp.pi
    if kind == "nngp":
        return nngp
    return lambda t: nngp(t) + t * (mp.pi - mp.acos(t)) / mp.pi


def case(kind, d, residual):
    f = kernel(kind)
    w = lambda t: (1 - t * t) ** (mp.mpf(d - 3) / 2)
    z = mp.quad(w, [-1, 0, 1])
    E = lambda g: mp.quad(lambda t: g(t) * w(t), [-1, 0, 1]) / z
    lam = mp.mpf(d - 2) / 2

    def P(k, t):
        if d == 2:
            return mp.chebyt(k, t)
        return mp.gegenbauer(k, lam, t) / mp.gegenbauer(k, lam, 1)

    def N(k):
        if k == 0:
            return 1
        return mp.mpf(2 * k + d - 2) / k * mp.binomial(k + d - 3, k - 1)

    s1, s2 = f(mp.mpf(1)), E(lambda t: f(t) ** 2)
    for k in range(0, (residual if residual is not None else -1) + 1):
        mu = E(lambda t: f(t) * P(k, t))
        s1 -= N(k) * mu
        s2 -= N(k) * mu * mu
    return s1 * s1 / s2


if __name__ == "__main__":
    cases = []
    for kind, d, residual in [("nngp", 3, None), ("nngp", 10, None), ("ntk", 3, None), ("nngp", 3, 2), ("ntk", 5, 3)]:
        cases.append({"kernel": kind, "dim": d, "residual_after": residual, "d_eff": mp.nstr(case(kind, d, residual), 30)})
    doc = {"generator": "generate_effective_dimension.py (mpmath %s)" % mp.__version__, "cases": cases}
    with open(__file__.replace("generate_effective_dimension.py", "effective_dimension_golden.json"), "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
