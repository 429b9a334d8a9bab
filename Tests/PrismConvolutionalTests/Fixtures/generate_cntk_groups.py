"""Independent mpmath values for PrismConvolutionalTests (CONVENTIONS §11): the ReLU stack with
filters 2,2 (two levels of pairs) on four pixels of S² (ζ = 3).

Writes cntk_groups_mpmath.json next to this file. Run: python3 generate_cntk_groups.py (mpmath ≥ 1.3,
sympy ≥ 1.12). Nothing here shares code with Prism.

The kernel depends on the pixels of a pair only through its mean u = (t_a + t_b)/2. The weighted
density of that mean, ρ_{a,b}(u) = E[δ(u − (t_a + t_b)/2) P_a(t_a) P_b(t_b)] (t uniform on [−1, 1],
density 1/2), is computed by sympy as the exact polynomial integral
ρ_{a,b}(u) = ½ ∫_{|w| ≤ 1−|u|} P_a(u + w) P_b(u − w) dw on u ≤ 0 and on u ≥ 0. Then
λ = ∫∫ K(u_1, u_2) ρ_{k1,k2}(u_1) ρ_{k3,k4}(u_2) du_1 du_2, integrated by mpmath's tanh-sinh rule in
u_j = cos φ_j (breakpoints φ = π/2) at two working precisions; the JSON keeps the high-precision
value and `agree` = |high − low|, the reference's error scale (a quadrature estimate, not a bound).
The ReLU duals: k(u) = (√(1−u²) + u(π − arccos u))/π, k̇(u) = (π − arccos u)/π.
Do not edit the JSON by hand.
"""
import json
import os
import sympy
from mpmath import mp, mpf, sqrt, acos, cos, sin, pi, quad

DPS = (15, 22)
DIGITS = 22

u_, w_ = sympy.symbols("u w")


def density_pieces(a, b):
    """ρ_{a,b} on [−1, 0] and on [0, 1] as exact sympy polynomials in u."""
    Pa = sympy.legendre(a, u_ + w_)
    Pb = sympy.legendre(b, u_ - w_)
    integrand = sympy.expand(Pa * Pb / 2)
    left = sympy.expand(sympy.integrate(integrand, (w_, -(1 + u_), 1 + u_)))   # u ≤ 0
    right = sympy.expand(sympy.integrate(integrand, (w_, -(1 - u_), 1 - u_)))  # u ≥ 0
    return [sympy.Poly(left, u_).all_coeffs(), sympy.Poly(right, u_).all_coeffs()]


def polyval(coeffs, x):
    v = mpf(0)
    for c in coeffs:
        v = v * x + mpf(sympy.Rational(c).p) / mpf(sympy.Rational(c).q)
    return v


def k(u):
    return (sqrt(max(1 - u * u, 0)) + u * (pi - acos(u))) / pi


def kdot(u):
    return (pi - acos(u)) / pi


def kernel(filters, kind):
    """K(u_1, u_2) for the field, u_j the means of the pixel pairs."""
    assert filters == (2, 2)

    def K(u1, u2):
        s1, s2 = k(u1), k(u2)
        v = (s1 + s2) / 2
        if kind == "nngp":
            return k(v)
        th1 = s1 + kdot(u1) * u1
        th2 = s2 + kdot(u2) * u2
        return k(v) + kdot(v) * (th1 + th2) / 2
    return K


def eigenvalue(filters, kind, index):
    K = kernel(filters, kind)
    r1 = density_pieces(index[0], index[1])
    r2 = density_pieces(index[2], index[3])

    def rho(pieces, c):
        return polyval(pieces[0] if c < 0 else pieces[1], c)

    def g(f1, f2):
        c1, c2 = cos(f1), cos(f2)
        return K(c1, c2) * rho(r1, c1) * rho(r2, c2) * sin(f1) * sin(f2)

    return quad(g, [0, pi / 2, pi], [0, pi / 2, pi])


def s(x, digits=DIGITS):
    return mp.nstr(x, digits, min_fixed=-1, max_fixed=-1)


CASES = {
    "relu_filters_2_2_zeta3": ((2, 2), [[0, 0, 0, 0], [1, 0, 0, 0], [0, 0, 0, 1], [1, 1, 0, 0], [1, 0, 1, 0], [2, 0, 0, 0], [0, 1, 2, 0]]),
}

out = {}
for name, (filters, indices) in CASES.items():
    rows = []
    for kind in ("nngp", "ntk"):
        for index in indices:
            values = []
            for dps in DPS:
                mp.dps = dps
                values.append(eigenvalue(filters, kind, index))
            mp.dps = DPS[1]
            rows.append({"kind": kind, "index": index, "value": s(values[1]), "agree": s(abs(values[1] - values[0]), 3)})
            print(name, kind, index, rows[-1]["value"], rows[-1]["agree"], flush=True)
    out[name] = rows

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "cntk_groups_mpmath.json"), "w") as fh:
    json.dump(out, fh, indent=1)
    fh.write("\n")
