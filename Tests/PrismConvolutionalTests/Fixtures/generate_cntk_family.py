"""Independent mpmath values for PrismConvolutionalTests (CONVENTIONS §11): the arc-cosine family on
one level (abs, leaky_relu(1/10), step, sign at ζ = 3), even ζ (ReLU at ζ = 4) and a two-level ReLU
stack (filters 1,2 on four pixels, ζ = 3).

Writes cntk_family_mpmath.json next to this file. Run: python3 generate_cntk_family.py (mpmath ≥ 1.3).
Nothing here shares code with Prism. The dual activations are built from the arc-cosine kernels of
Cho & Saul by bilinearity: σ = α relu(x) + β relu(−x) (or α step(x) + β step(−x)), with
E[relu(x)relu(y)] = (sin φ + (π − φ) cos φ)/(2π), E[relu(x)relu(−y)] = (sin φ − φ cos φ)/(2π),
E[step(x)step(y)] = (π − φ)/(2π), E[step(x)step(−y)] = φ/(2π) (ρ = cos φ), each checked at a few
ρ against a direct Gaussian integral. Every eigenvalue is a double integral over the pixels' angles
θ_j (t_j = cos θ_j, weight c_ζ sin^{ζ−2} θ_j): mpmath's tanh-sinh rule, at two working precisions
(DPS_LOW, DPS_HIGH; DPS_2D for the even-ζ and stacked kernels); the JSON keeps the high-precision value and `agree`, |high − low|, which the
tests use as the reference's error scale (a quadrature estimate is not a bound).
Do not edit the JSON by hand.
"""
import json
import os
import sys
from mpmath import mp, mpf, sqrt, acos, cos, sin, pi, quad, gamma, gegenbauer, npdf, ncdf, inf

DPS_LOW, DPS_HIGH = 12, 20
# The two-dimensional quadratures of the even-ζ and stacked kernels are slower: fewer digits (the tests
# compare Prism's enclosures at about 2^−30 with them).
DPS_2D = (10, 15)
DIGITS = 20


def P(k, zeta, t):
    """Dimension-zeta Legendre polynomial P_k^(zeta)(t), P_k(1) = 1."""
    lam = mpf(zeta - 2) / 2
    return gegenbauer(k, lam, t) / gegenbauer(k, lam, 1)


def c_zeta(zeta):
    return gamma(mpf(zeta) / 2) / (sqrt(pi) * gamma(mpf(zeta - 1) / 2))


# Arc-cosine family: (degree, alpha, beta).
FAMILY = {
    "relu": (1, 1, 0),
    "abs": (1, 1, 1),
    "leaky_relu(1/10)": (1, 1, mpf(-1) / 10),
    "step": (0, 1, 0),
    "sign": (0, 1, -1),
}


def duals(name):
    """Normalized k(ρ) and k̇(ρ) (k̇ None for degree 0) from the arc-cosine kernels by bilinearity."""
    degree, a, b = FAMILY[name]
    a, b = mpf(a), mpf(b)
    S = a * a + b * b

    def same1(r):
        f = acos(r)
        return (sin(f) + (pi - f) * cos(f)) / (2 * pi)

    def cross1(r):
        f = acos(r)
        return (sin(f) - f * cos(f)) / (2 * pi)

    def same0(r):
        return (pi - acos(r)) / (2 * pi)

    def cross0(r):
        return acos(r) / (2 * pi)

    if degree == 1:
        # E[σσ] = (α² + β²) E[r(x)r(y)] + 2αβ E[r(x)r(−y)];  E[σ²] = S/2.
        k = lambda r: (S * same1(r) + 2 * a * b * cross1(r)) / (S / 2)
        # σ' = α step(x) − β step(−x): E[σ'σ'] = S E[s s] − 2αβ E[s(x)s(−y)].
        kd = lambda r: (S * same0(r) - 2 * a * b * cross0(r)) / (S / 2)
        return k, kd
    k = lambda r: (S * same0(r) + 2 * a * b * cross0(r)) / (S / 2)
    return k, None


def sigma(name, x):
    degree, a, b = FAMILY[name]
    if degree == 1:
        return a * max(x, 0) + b * max(-x, 0)
    return a * (1 if x > 0 else 0) + b * (1 if x < 0 else 0)


def check_duals():
    """k(ρ) against E[σ(x)σ(ρx + √(1−ρ²) z)]/E[σ²] by a direct Gaussian integral (12 digits)."""
    mp.dps = 15
    for name in FAMILY:
        k, _ = duals(name)
        second = quad(lambda x: sigma(name, x) ** 2 * npdf(x), [-inf, 0, inf])
        for r in (mpf("-0.6"), mpf("0.3"), mpf("0.85")):
            s = sqrt(1 - r * r)
            # y = ρx + √(1−ρ²) z: the inner expectation over z in closed form (normal CDF/PDF).
            if FAMILY[name][0] == 1:
                a, b = FAMILY[name][1], FAMILY[name][2]
                # E_z relu(m + s z) = m Φ(m/s) + s φ(m/s); relu(−(m + s z)) likewise with −m.
                inner = lambda x: (a * ((r * x) * ncdf(r * x / s) + s * npdf(r * x / s))
                                   + b * ((-r * x) * ncdf(-r * x / s) + s * npdf(r * x / s)))
            else:
                a, b = FAMILY[name][1], FAMILY[name][2]
                inner = lambda x: a * ncdf(r * x / s) + b * ncdf(-r * x / s)
            direct = quad(lambda x: sigma(name, x) * inner(x) * npdf(x), [-inf, 0, inf])
            assert abs(direct / second - k(r)) < mpf("1e-12"), (name, r, direct / second, k(r))


def field_kernel(name, kind, stack):
    """K(θ1, θ2) of one receptive field of two pixels: one level of size 2 (stack False) or the
    two-level stack 1,2 (stack True)."""
    k, kd = duals(name)

    def K(a1, a2):
        t1, t2 = cos(a1), cos(a2)
        if not stack:
            u = (t1 + t2) / 2
            return k(u) if kind == "nngp" else k(u) + kd(u) * u
        s1, s2 = k(t1), k(t2)
        v = (s1 + s2) / 2
        if kind == "nngp":
            return k(v)
        th1, th2 = s1 + kd(t1) * t1, s2 + kd(t2) * t2
        return k(v) + kd(v) * (th1 + th2) / 2

    return K


def weight(zeta, k):
    c = c_zeta(zeta)
    return lambda t: c * P(k, zeta, t) * max(1 - t * t, mpf(0)) ** (mpf(zeta - 3) / 2)


def eigenvalue(name, kind, zeta, k1, k2, stack, readouts):
    """R⁻¹ E[K Π P_{k_j}(t_j)] over one field of two pixels.

    One level: K = f(u), u = (t1 + t2)/2; with w = (t1 − t2)/2 (dt1 dt2 = 2 du dw) the inner integral
    over w is smooth inside and the outer one over u has its singular points (u = ±1, and u = 0 where
    the inner limits turn) at the ends of its pieces [−1, 0], [0, 1].
    Stack 1,2: in the pixels' angles (t_j = cos θ_j) K is analytic except for a cone at θ = 0, which
    polar coordinates θ = r(cos φ, sin φ) smooth out."""
    K = field_kernel(name, kind, stack)
    g1, g2 = weight(zeta, k1), weight(zeta, k2)
    if not stack:
        def inner(u):
            a = 1 - abs(u)
            # ζ odd: a polynomial in w (Gauss–Legendre is exact); ζ even: square roots at ±a (tanh-sinh).
            method = "gauss-legendre" if zeta % 2 == 1 else "tanh-sinh"
            return quad(lambda w: g1(u + w) * g2(u - w), [-a, 0, a], method=method) if a > 0 else mpf(0)
        # K depends on u alone here: K(θ1, θ2) with cos θ1 = cos θ2 = u.
        f = lambda u: K(acos(u), acos(u))
        return 2 * quad(lambda u: f(u) * inner(u), [-1, 0, 1]) / readouts
    c = c_zeta(zeta)

    def G(a1, a2):
        w = sin(a1) ** (zeta - 2) * sin(a2) ** (zeta - 2)
        return c * c * K(a1, a2) * P(k1, zeta, cos(a1)) * P(k2, zeta, cos(a2)) * w

    def ray(phi):
        R = pi / max(cos(phi), sin(phi))
        return quad(lambda r: G(r * cos(phi), r * sin(phi)) * r, [0, R])

    return quad(ray, [0, pi / 4, pi / 2]) / readouts


def both(fn, precisions=(DPS_LOW, DPS_HIGH)):
    mp.dps = precisions[0]
    low = fn()
    mp.dps = precisions[1]
    high = fn()
    return high, abs(high - low)


def s(x, digits=DIGITS):
    return mp.nstr(x, digits, min_fixed=-1, max_fixed=-1)


SECTIONS = ("family_two_pixel_zeta3", "relu_two_pixel_zeta4", "relu_stack_1_2_zeta3")


def section(name):
    rows = []
    if name == "family_two_pixel_zeta3":
        for act in ("abs", "leaky_relu(1/10)", "step", "sign"):
            for kind in ("nngp", "ntk"):
                if kind == "ntk" and FAMILY[act][0] == 0:
                    continue
                # degree 0 (step, sign): the odd part carries everything beyond k = 0.
                for k1, k2 in ((0, 0), (1, 1), (2, 0)) if FAMILY[act][0] == 1 else ((0, 0), (1, 0), (2, 1)):
                    v, agree = both(lambda: eigenvalue(act, kind, 3, k1, k2, False, 1))
                    rows.append({"activation": act, "kind": kind, "index": [k1, k2], "value": s(v), "agree": s(agree, 3)})
    for kind in ("nngp", "ntk"):
        if name == "relu_two_pixel_zeta4":
            for k1, k2 in ((0, 0), (1, 1), (3, 1)):
                v, agree = both(lambda: eigenvalue("relu", kind, 4, k1, k2, False, 1), DPS_2D)
                rows.append({"kind": kind, "index": [k1, k2], "value": s(v), "agree": s(agree, 3)})
        if name == "relu_stack_1_2_zeta3":
            for k1, k2 in ((0, 0), (1, 1)):
                v, agree = both(lambda: eigenvalue("relu", kind, 3, k1, k2, True, 2), DPS_2D)
                rows.append({"kind": kind, "index": [k1, k2, 0, 0], "value": s(v), "agree": s(agree, 3)})
    return rows


# python3 generate_cntk_family.py            — every section, then the JSON;
# python3 generate_cntk_family.py SECTION    — one section to SECTION.part.json (to run them in parallel);
# python3 generate_cntk_family.py --merge    — the JSON from the three part files.
here = os.path.dirname(os.path.abspath(__file__))
if len(sys.argv) > 1 and sys.argv[1] in SECTIONS:
    check_duals()
    with open(os.path.join(here, sys.argv[1] + ".part.json"), "w") as fh:
        json.dump(section(sys.argv[1]), fh)
    sys.exit(0)
if len(sys.argv) > 1 and sys.argv[1] == "--merge":
    out = {}
    for name in SECTIONS:
        path = os.path.join(here, name + ".part.json")
        with open(path) as fh:
            out[name] = json.load(fh)
        os.remove(path)
else:
    check_duals()
    out = {name: section(name) for name in SECTIONS}
with open(os.path.join(here, "cntk_family_mpmath.json"), "w") as fh:
    json.dump(out, fh, indent=1)
    fh.write("\n")
