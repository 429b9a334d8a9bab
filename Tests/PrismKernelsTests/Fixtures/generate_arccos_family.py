#!/usr/bin/env python3
"""Independent reference for the arc-cosine family's deep spectra (leaky_relu, abs, relu with
CONVENTIONS §9 variances; sign and step) on S^{d-1}: mpmath quadrature of the composed closed forms.

    mu_k = c_d * integral_0^pi K(cos th) P_k^{(d)}(cos th) sin^{d-2}(th) dth

with K built layer by layer from E[s(u)s(v)] for s = alpha*relu(x) + beta*relu(-x):
    E = q * [(S+P) sin(phi) + (S(pi-phi) - P phi) cos(phi)] / (2 pi),  E' = [S(pi-phi) - P phi] / (2 pi),
S = alpha^2 + beta^2, P = 2 alpha beta, phi = arccos(correlation). Written from the definitions
(CONVENTIONS section 9), not from Prism's code. Two runs (dps 40 and 50, different splittings)
must agree to 32 digits; the 30-digit strings of the dps-50 run are written.

Run: python3 generate_arccos_family.py > arccos_family.json   (needs mpmath)
"""
import json
from fractions import Fraction
import mpmath as mp

CASES = [
    # name, alpha, beta, kind, depth, d, weight var, bias var, K
    ("leaky_relu(1/10)", 1, Fraction(-1, 10), "ntk", 2, 3, None, None, 6),
    ("leaky_relu(1/10)", 1, Fraction(-1, 10), "nngp", 3, 10, None, None, 6),
    ("abs", 1, 1, "ntk", 3, 3, None, None, 6),
    ("abs", 1, 1, "nngp", 2, 10, None, None, 6),
    ("relu", 1, 0, "ntk", 2, 3, Fraction(2), Fraction(1, 10), 5),
    ("leaky_relu(1/10)", 1, Fraction(-1, 10), "ntk", 3, 3, Fraction(3, 2), Fraction(1, 2), 5),
    ("abs", 1, 1, "nngp", 2, 3, Fraction(2), Fraction(1, 10), 5),
    # step-like: s = alpha*step(x) + beta*step(-x) (sign is odd: a sqrt cusp at th = pi from depth 2 on)
    ("sign", 1, -1, "nngp", 2, 3, None, None, 5),
    ("step", 1, 0, "nngp", 2, 3, None, None, 4),
]
STEP_LIKE = {"sign", "step"}


def num(x):
    x = Fraction(x)
    return mp.mpf(x.numerator) / x.denominator


def kernel(th, alpha, beta, kind, depth, d, wv, bv, step_like=False):
    S = num(alpha) ** 2 + num(beta) ** 2
    P = 2 * num(alpha) * num(beta)
    t = mp.cos(th)
    normalized = wv is None
    if normalized:
        w, b, q = 2 / S, mp.mpf(0), mp.mpf(1)  # sigma_w^2 = 1/E[s^2], first layer = identity
        sig, q1 = t, mp.mpf(1)
    else:
        w, b = num(wv), num(bv)
        A = w  # q = d: sigma_w^2 q / d = sigma_w^2
        sig, q1 = A * t + b, A + b
    theta_ntk = sig
    q = q1
    for _ in range(depth):
        rho = sig / q
        rho = max(min(rho, mp.mpf(1)), mp.mpf(-1))
        phi = mp.acos(rho)
        if step_like:  # P(x>0, y>0) = (pi - phi)/(2 pi): E[s(x)s(y)] = [S(pi - phi) + P phi]/(2 pi)
            e = (S * (mp.pi - phi) + P * phi) / (2 * mp.pi)
        else:
            e = q * ((S + P) * mp.sin(phi) + (S * (mp.pi - phi) - P * phi) * mp.cos(phi)) / (2 * mp.pi)
        edot = (S * (mp.pi - phi) - P * phi) / (2 * mp.pi)
        if normalized:
            sig_next = w * e
            dot = w * edot
            q_next = mp.mpf(1)
        else:
            sig_next = w * e + b
            dot = w * edot
            q_next = w * q * S / 2 + b
        theta_ntk = sig_next + dot * theta_ntk
        sig, q = sig_next, q_next
    return sig if kind == "nngp" else theta_ntk


def legendre(k, d, t):
    if d == 2:
        return mp.chebyt(k, t)
    lam = mp.mpf(d - 2) / 2
    return mp.gegenbauer(k, lam, t) / mp.gegenbauer(k, lam, 1)


def spectrum(case, dps, splits):
    name, alpha, beta, kind, depth, d, wv, bv, K = case
    with mp.workdps(dps):
        cd = mp.gamma(mp.mpf(d) / 2) / (mp.sqrt(mp.pi) * mp.gamma(mp.mpf(d - 1) / 2))
        pts = [mp.pi * i / splits for i in range(splits + 1)]
        out = []
        for k in range(K + 1):
            f = lambda th: kernel(th, alpha, beta, kind, depth, d, wv, bv, name in STEP_LIKE) * legendre(k, d, mp.cos(th)) * mp.sin(th) ** (d - 2)
            out.append(cd * mp.quad(f, pts))
        return out


def main():
    rows = []
    for case in CASES:
        a = spectrum(case, 40, 6)
        b = spectrum(case, 50, 8)
        for k, (x, y) in enumerate(zip(a, b)):
            assert abs(x - y) <= mp.mpf(10) ** -32 * max(1, abs(y)), (case, k, x, y)
            name, alpha, beta, kind, depth, d, wv, bv, K = case
            rows.append({"activation": name, "kind": kind, "depth": depth, "dim": d,
                         "weight_variance": None if wv is None else str(wv),
                         "bias_variance": None if bv is None else str(bv),
                         "k": k, "mu": mp.nstr(y, 34, strip_zeros=False)})
    print(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
