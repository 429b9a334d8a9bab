#!/usr/bin/env python3
"""Independent reference for dot-product kernel spectra (CONVENTIONS section 10): for
f(t) = exp(beta*t) on S^{d-1} the Funk-Hecke eigenvalues are modified Bessel functions,

    mu_k = Gamma(d/2) (2/beta)^{d/2-1} I_{k+d/2-1}(beta)   (d >= 3),   mu_k = I_k(beta) (d = 2),

(from the Gegenbauer expansion of the plane wave / Jacobi-Anger), and for f(t) = 1/(2-t) and the Laplace
kernel exp(-sqrt(2-2t)) by mpmath quadrature of the Funk-Hecke integral in theta. Values at 40 digits (mpmath, dps 60).

Run: python3 generate_dot_product.py > dot_product.json   (needs mpmath)
"""
import json
import mpmath as mp

mp.mp.dps = 60


def bessel_mu(beta, d, k):
    if d == 2:
        return mp.besseli(k, beta)
    nu = mp.mpf(d) / 2 - 1
    return mp.gamma(mp.mpf(d) / 2) * (2 / beta) ** nu * mp.besseli(k + nu, beta)


def quad_mu(f, d, k):
    cd = mp.gamma(mp.mpf(d) / 2) / (mp.sqrt(mp.pi) * mp.gamma(mp.mpf(d - 1) / 2))
    lam = mp.mpf(d - 2) / 2
    P = (lambda t: mp.chebyt(k, t)) if d == 2 else (lambda t: mp.gegenbauer(k, lam, t) / mp.gegenbauer(k, lam, 1))
    return cd * mp.quad(lambda th: f(mp.cos(th)) * P(mp.cos(th)) * mp.sin(th) ** (d - 2), [0, mp.pi / 2, mp.pi])


rows = []
for beta, text in [(mp.mpf(2), "exp(2*t)"), (mp.mpf(1) / 2, "exp(t/2)")]:
    for d in (2, 3, 10):
        for k in range(0, 9):
            rows.append({"f": text, "dim": d, "k": k, "mu": mp.nstr(bessel_mu(beta, d, k), 40, strip_zeros=False), "source": "bessel"})
for d in (3, 10):
    for k in range(0, 7):
        rows.append({"f": "1/(2-t)", "dim": d, "k": k, "mu": mp.nstr(quad_mu(lambda t: 1 / (2 - t), d, k), 40, strip_zeros=False), "source": "quadrature"})
# The Laplace kernel exp(-|x - y|) = exp(-sqrt(2 - 2t)) on the sphere: a sqrt cusp at t = 1 (tanh-sinh
# quadrature is exact at endpoint singularities of this kind; two precisions must agree).
laplace = lambda t: mp.exp(-mp.sqrt(2 - 2 * t))
for d in (3, 10):
    for k in range(0, 7):
        value = quad_mu(laplace, d, k)
        with mp.workdps(80):
            check = quad_mu(laplace, d, k)
        assert abs(value - check) < mp.mpf(10) ** -45, (d, k)
        rows.append({"f": "exp(-sqrt(2-2*t))", "dim": d, "k": k, "mu": mp.nstr(value, 40, strip_zeros=False), "source": "quadrature"})
print(json.dumps(rows, indent=1))
