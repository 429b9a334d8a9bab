#!/usr/bin/env python3
"""Independent references for Tests/PrismLearningTests (mpmath only; run: python3 generate_learning.py).

Writes learning_golden.json (do not edit by hand):
* mehler: top eigenvalues of the 1-D rbf and exp kernel operators on N(0, g), by a Nystrom
  discretisation with Gauss-Hermite nodes (n and n+20 nodes; the recorded accuracy is their difference),
  not by the closed forms Prism uses;
* levels: c_l = l! f_l / q^l of the normalized ReLU and erf NNGP from the closed forms of
  CONVENTIONS section 8 (arc-cosine, arcsin), Taylor-expanded by mpmath;
* eigenlearning: kappa and E0 for f(t) = exp(beta t) on S^2 and S^9, whose eigenvalues are
  mu_k = Gamma(d/2) (2/beta)^(d/2-1) I_{k+d/2-1}(beta), solved by mpmath.findroot at 60 digits with
  400 degrees (the rest below 1e-600).
"""
import json
import mpmath as mp

mp.mp.dps = 60


def nystrom(kernel, g, nodes):
    x, w = gauss_hermite_prob(nodes)
    s = mp.sqrt(g)
    n = len(x)
    # Symmetrized: A_ij = sqrt(w_i) K(s x_i, s x_j) sqrt(w_j).
    a = mp.matrix(n, n)
    for i in range(n):
        for j in range(n):
            a[i, j] = mp.sqrt(w[i] * w[j]) * kernel(s * x[i], s * x[j])
    ev = mp.eigsy(a, eigvals_only=True)
    return sorted([ev[i] for i in range(n)], reverse=True)


def gauss_hermite_prob(n):
    """Nodes and weights for E[f(z)], z ~ N(0,1) (probabilists' Gauss-Hermite), by Golub-Welsch."""
    j = mp.matrix(n, n)
    for i in range(1, n):
        j[i, i - 1] = j[i - 1, i] = mp.sqrt(i)
    ev, vec = mp.eigsy(j)
    return [ev[i] for i in range(n)], [vec[0, i] ** 2 for i in range(n)]


def mehler_cases():
    out = []
    for name, w2, g in [("rbf", mp.mpf(1), mp.mpf(1) / 4), ("rbf", mp.mpf(2), mp.mpf(1)), ("exp", mp.mpf(1), mp.mpf(1) / 8),
                        ("exp", mp.mpf(2), mp.mpf(1) / 2)]:
        if name == "rbf":
            kern = lambda x, y: mp.exp(-(x - y) ** 2 / (2 * w2))
        else:
            kern = lambda x, y: mp.exp(x * y / w2)
        a = nystrom(kern, g, 40)[:6]
        b = nystrom(kern, g, 60)[:6]
        err = max(abs(u - v) / v for u, v in zip(a, b))
        out.append({"kernel": name, "w2": mp.nstr(w2, 5), "gamma": mp.nstr(g, 10), "eigenvalues": [mp.nstr(v, 40) for v in b],
                    "relative_accuracy": mp.nstr(err * 10, 3)})
    return out


def level_cases():
    relu = lambda r: (mp.sqrt(1 - r * r) + r * (mp.pi - mp.acos(r))) / mp.pi
    erf = lambda r: mp.asin(2 * r / 3) / mp.asin(mp.mpf(2) / 3)
    out = []
    q = mp.mpf(3) / 2
    for name, f in [("relu", relu), ("erf", erf)]:
        coeffs = mp.taylor(f, 0, 12)
        out.append({"activation": name, "q": "3/2",
                    "c": [mp.nstr(mp.factorial(l) * coeffs[l] / q ** l, 40) for l in range(13)]})
    return out


def eigenlearning_cases():
    out = []
    for d, beta, ns, ridge in [(3, mp.mpf(1), [1, 10, 100, 1000], 0), (10, mp.mpf(2), [1, 50, 500], 0), (3, mp.mpf(1), [10, 100], mp.mpf(1) / 100)]:
        nu = mp.mpf(d) / 2 - 1
        K = 400
        mus, mults = [], []
        for k in range(K + 1):
            mus.append(mp.gamma(mp.mpf(d) / 2) * (2 / beta) ** nu * mp.besseli(k + nu, beta))
            mults.append(1 if k == 0 else mp.mpf(2 * k + d - 2) / k * mp.binomial(k + d - 3, k - 1))
        rows = []
        for n in ns:
            F = lambda lk: sum(N * m / (m + mp.exp(lk)) for N, m in zip(mults, mus)) + ridge / mp.exp(lk) - n
            # Bracket in log kappa by scanning, then findroot (anderson on the bracket).
            lo, hi = mp.mpf(-2000), mp.mpf(50)
            for _ in range(400):
                mid = (lo + hi) / 2
                if F(mid) > 0:
                    lo = mid
                else:
                    hi = mid
            kappa = mp.exp(mp.findroot(F, (lo, hi), solver="anderson"))
            L = [m / (m + kappa) for m in mus]
            e0 = n / (n - sum(N * l * l for N, l in zip(mults, L)))
            rows.append({"n": n, "kappa": mp.nstr(kappa, 40), "E0": mp.nstr(e0, 40),
                         "learnability_1": mp.nstr(L[1], 40)})
        out.append({"dim": d, "beta": mp.nstr(beta, 5), "ridge": str(ridge if ridge == 0 else "1/100"), "rows": rows})
    return out


if __name__ == "__main__":
    doc = {"generator": "generate_learning.py (mpmath %s)" % mp.__version__, "mehler": mehler_cases(), "levels": level_cases(),
           "eigenlearning": eigenlearning_cases()}
    with open(__file__.replace("generate_learning.py", "learning_golden.json"), "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
