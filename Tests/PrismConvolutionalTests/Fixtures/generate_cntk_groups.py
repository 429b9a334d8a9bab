"""Independent mpmath values for PrismConvolutionalTests (CONVENTIONS §11) on S² (ζ = 3): the ReLU stack
with filters 2,2 (two levels of pairs) on four pixels; stacks whose later levels see inputs near 1 —
ReLU filters 2,1 on two pixels and 4,1 on four pixels; abs with filters 1,2 on two pixels.

Writes cntk_groups_mpmath.json next to this file. Run: python3 generate_cntk_groups.py (mpmath ≥ 1.3,
sympy ≥ 1.12). Nothing here shares code with Prism.

The kernel depends on the pixels of a pair only through its mean u = (t_a + t_b)/2. The weighted
density of that mean, ρ_{a,b}(u) = E[δ(u − (t_a + t_b)/2) P_a(t_a) P_b(t_b)] (t uniform on [−1, 1],
density 1/2), is computed by sympy as the exact polynomial integral
ρ_{a,b}(u) = ½ ∫_{|w| ≤ 1−|u|} P_a(u + w) P_b(u − w) dw on u ≤ 0 and on u ≥ 0. Then
λ = ∫∫ K(u_1, u_2) ρ_{k1,k2}(u_1) ρ_{k3,k4}(u_2) du_1 du_2, integrated by mpmath's tanh-sinh rule in
u_j = cos φ_j (breakpoints φ = π/2) at two working precisions; the JSON keeps the high-precision
value and `agree` = |high − low|, the reference's error scale (a quadrature estimate, not a bound).
The ReLU duals: k(u) = (√(1−u²) + u(π − arccos u))/π, k̇(u) = (π − arccos u)/π; abs:
k(u) = (2/π)(√(1−u²) + u arcsin u), k̇(u) = (2/π) arcsin u.
Two-pixel fields are integrated straight in (t_1, t_2) ∈ [−1, 1]² (breakpoints at 0) against
P_a(t_1) P_b(t_2)/4. Filters 4,1 depend on the mean u of four pixels only: λ_0 = ∫ K(u) f(u) du and
λ_{1,0,0,0} = E[K t_1] = E[K u] = ∫ K(u) u f(u) du, f the Irwin–Hall density of the mean of four
uniform variables on [−1, 1] (f(u) = 2 g(2u + 2), g(x) = Σ_{j ≤ x} (−1)^j C(4, j)(x − j)³/3!).
Do not edit the JSON by hand.
"""
import sympy
from mpmath import mp, mpf, sqrt, acos, asin, cos, sin, pi, quad, legendre, binomial, floor
from cntk_reference import k, kdot, row, write

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


def k_abs(u):
    return 2 * (sqrt(max(1 - u * u, 0)) + u * asin(u)) / pi


def kdot_abs(u):
    return 2 * asin(u) / pi


def chain(kind, u, levels, duals):
    """Σ and Θ after a first level on the mean u (Θ_j = t_j, mean Θ = u) and `levels` − 1 levels of size 1."""
    kk, kd = duals
    sigma, theta = kk(u), kk(u) + kd(u) * u
    for _ in range(levels - 1):
        sigma, theta = kk(sigma), kk(sigma) + kd(sigma) * theta
    return sigma if kind == "nngp" else theta


def two_pixel(filters, activation, kind, index):
    """λ for a field of two pixels, integrated in (t_1, t_2) against P_a(t_1) P_b(t_2)/4."""
    duals = (k, kdot) if activation == "relu" else (k_abs, kdot_abs)
    if filters == (2, 1):
        K = lambda t1, t2: chain(kind, (t1 + t2) / 2, 2, duals)
    else:
        assert filters == (1, 2)
        K = pair_kernel(kind, duals)
    a, b = index
    return quad(lambda t1, t2: K(t1, t2) * legendre(a, t1) * legendre(b, t2) / 4, [-1, 0, 1], [-1, 0, 1])


def mean_of_four(kind, index):
    """λ for filters 4,1 on four pixels: a one-dimensional integral in the mean u."""
    def g(x):
        return sum((-1) ** j * binomial(4, j) * (x - j) ** 3 for j in range(int(floor(x)) + 1)) / 6
    power = {(0, 0, 0, 0): 0, (1, 0, 0, 0): 1}[tuple(index)]
    return quad(lambda u: chain(kind, u, 2, (k, kdot)) * u ** power * 2 * g(2 * u + 2), [-1, -0.5, 0, 0.5, 1])


def pair_kernel(kind, duals):
    """K(u_1, u_2): a level of size 1 on each of two inputs u_j (pixels, or the means of pixel pairs with
    Θ = u_j), then a level of size 2."""
    kk, kd = duals

    def K(u1, u2):
        s1, s2 = kk(u1), kk(u2)
        v = (s1 + s2) / 2
        if kind == "nngp":
            return kk(v)
        return kk(v) + kd(v) * (s1 + kd(u1) * u1 + s2 + kd(u2) * u2) / 2
    return K


def eigenvalue(filters, kind, index):
    assert filters == (2, 2)
    K = pair_kernel(kind, (k, kdot))
    r1 = density_pieces(index[0], index[1])
    r2 = density_pieces(index[2], index[3])

    def rho(pieces, c):
        return polyval(pieces[0] if c < 0 else pieces[1], c)

    def g(f1, f2):
        c1, c2 = cos(f1), cos(f2)
        return K(c1, c2) * rho(r1, c1) * rho(r2, c2) * sin(f1) * sin(f2)

    return quad(g, [0, pi / 2, pi], [0, pi / 2, pi])


CASES = {
    "relu_filters_2_2_zeta3": ((2, 2), [[0, 0, 0, 0], [1, 0, 0, 0], [0, 0, 0, 1], [1, 1, 0, 0], [1, 0, 1, 0], [2, 0, 0, 0], [0, 1, 2, 0]]),
    "relu_filters_2_1_two_pixels_zeta3": ((2, 1), [[0, 0], [0, 1], [1, 1], [2, 0]]),
    "abs_filters_1_2_two_pixels_zeta3": ((1, 2), [[0, 0], [0, 2], [2, 2]]),
    "relu_filters_4_1_zeta3": ((4, 1), [[0, 0, 0, 0], [1, 0, 0, 0]]),
}


def evaluate(name, filters, kind, index):
    if name.startswith("relu_filters_2_2"):
        return eigenvalue(filters, kind, index)
    if name.startswith("relu_filters_4_1"):
        return mean_of_four(kind, index)
    return two_pixel(filters, name.split("_")[0], kind, index)

out = {name: [row(name, kind, index, lambda: evaluate(name, filters, kind, index)) for kind in ("nngp", "ntk") for index in indices]
       for name, (filters, indices) in CASES.items()}
write(out, "cntk_groups_mpmath.json")
