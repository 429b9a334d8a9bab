"""Independent mpmath values for PrismConvolutionalTests (CONVENTIONS §11) on S² (ζ = 3) for fields the
field quadrature reaches through one or two variables: ReLU with filters 3,1 on three pixels (a field of
odd size whose first filter covers it), and step and sign with filters 1,1,2 on two pixels (two levels on each
pixel before the pair: √ singularities along the edges t_j = 1, and for sign t_j = −1 too).

Writes cntk_fields_mpmath.json next to this file. Run: python3 generate_cntk_fields.py (mpmath ≥ 1.3).
Nothing here shares code with Prism.

Filters 3,1 depend on the mean u of the three pixels only: λ_{0,0,0} = ∫ K(u) f(u) du and
λ_{1,0,0} = E[K t_1] = E[K u] = ∫ K(u) u f(u) du, f the Irwin–Hall density of the mean of three uniform
variables on [−1, 1]: f(u) = (3/2) g((3u + 3)/2), g(x) = Σ_{j ≤ x} (−1)^j C(3, j)(x − j)²/2!, breakpoints
u = ±1/3. K = k(k(u)) (NNGP) or Θ = k(k(u)) + k̇(k(u))·(k(u) + k̇(u)·u) (NTK), ReLU duals
k(u) = (√(1−u²) + u(π − arccos u))/π, k̇(u) = (π − arccos u)/π.
Step with filters 1,1,2 on two pixels: k(u) = 1 − arccos(u)/π, K = k((k(k(t_1)) + k(k(t_2)))/2), integrated in
(t_1, t_2) ∈ [−1, 1]² (breakpoints at 0) against P_a(t_1) P_b(t_2)/4 by tanh-sinh; sign the same with
k(u) = (2/π) asin u. Sign with filters 2,1,2 on four pixels (two sign levels on the mean of each pair): K depends
on the pairs' means u_1, u_2 (triangular density 1 − |u| each), K = k((k(k(u_1)) + k(k(u_2)))/2); given u, E[t_1] = u
and E[t_1 t_2] = u² − (1 − |u|)²/3 (t_1 = u + d, t_2 = u − d, d uniform on [−(1 − |u|), 1 − |u|]); with filters
3,1,2 on six pixels the same over the means of the thirds (Irwin–Hall density, E[t_1] = u); step with filters
2,1,2 on four pixels as sign with 2,1,2. Filters 1,1,1,2 and 2,1,1,2: three levels on each pixel or mean before the pair.
ReLU with one filter of size 2 on two pixels of S¹ (ζ = 2): t_j = cos φ_j with φ_j uniform on [0, π] and P_k(cos φ) = cos kφ,
so λ_{a,b} = π⁻² ∫∫ K((cos φ_1 + cos φ_2)/2) cos aφ_1 cos bφ_2 dφ_1 dφ_2, K = k (NNGP) or k + k̇·u (NTK).
Each value at two working precisions; the JSON keeps the high-precision value and `agree` = |high − low|,
the reference's error scale (a quadrature estimate, not a bound). Do not edit the JSON by hand.
"""
from mpmath import mp, mpf, sqrt, acos, asin, pi, quad, legendre, binomial, floor, cos
from cntk_reference import k, kdot, row, write


def k_step(u):
    return 1 - acos(max(min(u, 1), -1)) / pi


def irwin_hall_mean_of_three(u):
    def g(x):
        return sum((-1) ** j * binomial(3, j) * (x - j) ** 2 for j in range(int(floor(x)) + 1)) / 2
    return mpf(3) / 2 * g((3 * u + 3) / 2)


def mean_of_three(kind, index):
    def K(u):
        s1, t1 = k(u), k(u) + kdot(u) * u
        return k(s1) if kind == "nngp" else k(s1) + kdot(s1) * t1
    power = {(0, 0, 0): 0, (1, 0, 0): 1}[tuple(index)]
    return quad(lambda u: K(u) * u ** power * irwin_hall_mean_of_three(u), [-1, mpf(-1) / 3, mpf(1) / 3, 1])


def k_sign(u):
    return 2 * asin(max(min(u, 1), -1)) / pi


def composed(k_level, depth, u):
    for _ in range(depth):
        u = k_level(u)
    return u


def pair(k_level, depth, index):
    a, b = index

    def K(t1, t2):
        return k_level((composed(k_level, depth, t1) + composed(k_level, depth, t2)) / 2)
    return quad(lambda t1, t2: K(t1, t2) * legendre(a, t1) * legendre(b, t2) / 4, [-1, 0, 1], [-1, 0, 1])


def means(k_level, depth, index):
    """`depth` levels on the means of the halves (pairs: triangular density) or thirds (Irwin–Hall) of the field."""
    s = len(index) // 2
    density, cuts = ((lambda u: 1 - abs(u)), [-1, 0, 1]) if s == 2 else (irwin_hall_mean_of_three, [-1, mpf(-1) / 3, mpf(1) / 3, 1])

    def moment(block, u):
        if not any(block):
            return 1
        if sum(block) == 1 and max(block) == 1:
            return u
        assert s == 2 and tuple(block) == (1, 1)
        return u ** 2 - (1 - abs(u)) ** 2 / 3

    def K(u1, u2):
        return k_level((composed(k_level, depth, u1) + composed(k_level, depth, u2)) / 2)
    first, second = index[:s], index[s:]
    return quad(lambda u1, u2: K(u1, u2) * moment(first, u1) * moment(second, u2) * density(u1) * density(u2), cuts, cuts)


CASES = {
    "relu_filters_3_1_zeta3": [(kind, index) for kind in ("nngp", "ntk") for index in ([0, 0, 0], [1, 0, 0])],
    "step_filters_1_1_2_two_pixels_zeta3": [("nngp", index) for index in ([0, 0], [0, 1], [1, 1], [0, 2])],
    "sign_filters_1_1_2_two_pixels_zeta3": [("nngp", index) for index in ([0, 1], [1, 2], [2, 1], [0, 3])],
    "sign_filters_2_1_2_four_pixels_zeta3": [("nngp", index) for index in ([1, 0, 0, 0], [0, 0, 0, 1], [1, 1, 1, 0])],
    "sign_filters_3_1_2_six_pixels_zeta3": [("nngp", index) for index in ([1, 0, 0, 0, 0, 0], [0, 0, 0, 0, 1, 0])],
    "step_filters_2_1_2_four_pixels_zeta3": [("nngp", index) for index in ([0, 0, 0, 0], [1, 0, 0, 0], [1, 1, 0, 0])],
    "sign_filters_1_1_1_2_two_pixels_zeta3": [("nngp", index) for index in ([0, 1], [1, 2], [0, 3])],
    "step_filters_1_1_1_2_two_pixels_zeta3": [("nngp", index) for index in ([0, 0], [0, 1], [1, 1])],
    "sign_filters_2_1_1_2_four_pixels_zeta3": [("nngp", index) for index in ([1, 0, 0, 0], [1, 1, 1, 0])],
    "relu_filters_2_two_pixels_zeta2": [(kind, index) for kind in ("nngp", "ntk") for index in ([0, 0], [1, 1], [2, 0])],
}
LEVELS = {"step": k_step, "sign": k_sign}



def circle_pair(kind, index):
    a, b = index

    def K(u):
        return k(u) if kind == "nngp" else k(u) + kdot(u) * u
    return quad(lambda x, y: K((cos(x) + cos(y)) / 2) * cos(a * x) * cos(b * y), [0, pi / 2, pi], [0, pi / 2, pi]) / pi ** 2


def value(name, kind, index):
    if name.endswith("zeta2"):
        return circle_pair(kind, index)
    if name.startswith("relu"):
        return mean_of_three(kind, index)
    level = LEVELS[name.split("_")[0]]
    # The levels each pixel (or first-level mean) passes through before the pair: all filters but the last.
    filters = name.split("_filters_")[1].split("_")[:-3]
    depth = len(filters) - 1
    return pair(level, depth, index) if name.endswith("two_pixels_zeta3") else means(level, depth, index)


out = {name: [row(name, kind, index, lambda: value(name, kind, index)) for kind, index in rows_in] for name, rows_in in CASES.items()}
write(out, "cntk_fields_mpmath.json")
