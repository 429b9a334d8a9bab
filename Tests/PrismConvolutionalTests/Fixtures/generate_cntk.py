"""Independent mpmath values for PrismConvolutionalTests (CONVENTIONS §11).

Writes cntk_mpmath.json next to this file. Run: python3 generate_cntk.py (mpmath ≥ 1.3).
Nothing here shares code with Prism: the ReLU values integrate the kernel numerically over
the mean u = (t1+t2)/2 (tanh-sinh, with the inner integral over w = (t1−t2)/2 by Gauss–Legendre,
45 digits), the two-level erf values integrate the composed kernel over (t1, t2) directly
(Gauss–Legendre, 32 digits), and the three-pixel ReLU values come from a double-precision
tanh-sinh product rule in (t1, t2, t3) with numpy (about 12 correct digits).
Do not edit the JSON by hand.
"""
import json
import os
from mpmath import mp, mpf, sqrt, acos, asin, pi, legendre, quad, gamma, gegenbauer

mp.dps = 45
DIGITS = 32


def P(k, zeta, t):
    """Dimension-zeta Legendre polynomial P_k^(zeta)(t), P_k(1) = 1."""
    if zeta == 3:
        return legendre(k, t)
    lam = mpf(zeta - 2) / 2
    return gegenbauer(k, lam, t) / gegenbauer(k, lam, 1)


def density(zeta, t):
    c = gamma(mpf(zeta) / 2) / (sqrt(pi) * gamma(mpf(zeta - 1) / 2))
    return c * (1 - t * t) ** (mpf(zeta - 3) / 2)


def relu_f(kind):
    # normalized ReLU dual activation k and the one-level NTK k + u k'
    if kind == "nngp":
        return lambda u: (sqrt(1 - u * u) + u * (pi - acos(u))) / pi
    return lambda u: (sqrt(1 - u * u) + 2 * u * (pi - acos(u))) / pi


def two_pixel_relu(kind, k1, k2, zeta=3):
    f = relu_f(kind)

    def inner(u):
        a = 1 - abs(u)
        g = lambda w: P(k1, zeta, u + w) * P(k2, zeta, u - w) * density(zeta, u + w) * density(zeta, u - w)
        return quad(g, [-a, a], method="gauss-legendre") if a > 0 else mpf(0)

    # t1 = u + w, t2 = u − w: dt1 dt2 = 2 du dw
    return 2 * quad(lambda u: f(u) * inner(u), [-1, 0, 1])


def erf_k(r):
    return asin(2 * r / 3) / asin(mpf(2) / 3)


def erf_kdot(r):
    return (mpf(2) / 3) / sqrt(1 - 4 * r * r / 9) / asin(mpf(2) / 3)


def stack_erf(kind, k1, k2, zeta=3):
    """P = 4 pixels, filters (1, 2): half the field kernel (two readout positions)."""
    def F(t1, t2):
        s1, s2 = erf_k(t1), erf_k(t2)
        v = (s1 + s2) / 2
        if kind == "nngp":
            return erf_k(v)
        th1 = s1 + erf_kdot(t1) * t1
        th2 = s2 + erf_kdot(t2) * t2
        return erf_k(v) + erf_kdot(v) * (th1 + th2) / 2

    g = lambda t1, t2: F(t1, t2) * P(k1, zeta, t1) * P(k2, zeta, t2) * density(zeta, t1) * density(zeta, t2)
    mp.dps = 32
    value = quad(g, [-1, 1], [-1, 1], method="gauss-legendre") / 2
    mp.dps = 45
    return value


def relu_mean_of_three(kind, ks):
    """ζ = 3, P = 3, filters (3): E[f((t1+t2+t3)/3) Π P_k(t_j)], t uniform on [−1, 1] (density 1/2),
    by a tanh-sinh product rule in double precision (the kernel is singular only at the corners)."""
    import numpy as np
    from numpy.polynomial import legendre as npleg
    h = 1.0 / 32
    j = np.arange(-200, 201) * h
    x = np.tanh(np.pi / 2 * np.sinh(j))
    w = h * (np.pi / 2) * np.cosh(j) / np.cosh(np.pi / 2 * np.sinh(j)) ** 2
    keep = np.abs(x) < 1
    x, w = x[keep], w[keep]
    a, b, c = np.meshgrid(x, x, x, indexing="ij")
    u = np.clip((a + b + c) / 3, -1.0, 1.0)
    beta = 1.0 if kind == "nngp" else 2.0
    f = (np.sqrt(1 - u * u) + beta * u * (np.pi - np.arccos(u))) / np.pi
    Pk = [npleg.legval(v, [0] * k + [1]) for v, k in zip((a, b, c), ks)]
    W = w[:, None, None] * w[None, :, None] * w[None, None, :]
    return mpf(float(np.sum(W * f * Pk[0] * Pk[1] * Pk[2]) / 8))


def s(x, digits=DIGITS):
    return mp.nstr(x, digits, min_fixed=-1, max_fixed=-1)


out = {"relu_two_pixel_zeta3": [], "relu_two_pixel_zeta5": [], "erf_stack_1_2_zeta3": [], "relu_three_pixel_zeta3": []}
for kind in ("nngp", "ntk"):
    for k1 in range(7):
        for k2 in range(7):
            out["relu_two_pixel_zeta3"].append({"kind": kind, "index": [k1, k2], "value": s(two_pixel_relu(kind, k1, k2))})
    for k1 in range(4):
        for k2 in range(4 - k1):
            out["relu_two_pixel_zeta5"].append({"kind": kind, "index": [k1, k2], "value": s(two_pixel_relu(kind, k1, k2, zeta=5))})
    for k1 in range(4):
        for k2 in range(4 - k1):
            out["erf_stack_1_2_zeta3"].append({"kind": kind, "index": [k1, k2, 0, 0], "value": s(stack_erf(kind, k1, k2), 25)})
    for ks in ([0, 0, 0], [1, 0, 0], [2, 0, 0], [1, 1, 0]):
        out["relu_three_pixel_zeta3"].append({"kind": kind, "index": ks, "value": s(relu_mean_of_three(kind, ks), 14)})

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "cntk_mpmath.json"), "w") as fh:
    json.dump(out, fh, indent=1)
    fh.write("\n")
