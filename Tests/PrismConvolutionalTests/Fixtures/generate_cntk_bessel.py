"""Independent mpmath values for PrismConvolutionalTests (CONVENTIONS §11): one level of filters spanning a field of
W pixels at even ζ, where the kernel depends on the mean u = W⁻¹ Σ t_j only — ζ = 2 on eight pixels and ζ = 4 on
four (Prism's mean series). A method Prism does not use: Fourier analysis of the mean.

Writes cntk_bessel_mpmath.json next to this file. Run: python3 generate_cntk_bessel.py (mpmath ≥ 1.3; about 30 minutes).
Nothing here shares code with Prism.

With h_κ the weighted density of u (E[g(u) Π_j P_{κ_j}(t_j)] = ∫ g h_κ) and g supported on [−1, 1], Parseval gives
λ_κ = (2π)⁻¹ ∫ ĝ(ω) φ_κ(ω) dω, ĝ(ω) = ∫_{−1}^{1} g(u) e^{−iωu} du, φ_κ(ω) = E[e^{iωu} Π P] = Π_j ψ_{κ_j}(ω/W), where for one
pixel (Bessel's integrals)
  ζ = 2 (t = cos θ, θ uniform on [0, π], P_k(cos θ) = cos kθ):   ψ_k(x) = i^k J_k(x),
  ζ = 4 (density (2/π)√(1 − t²), P_k = U_k/(k + 1)):          ψ_k(x) = 2 i^k J_{k+1}(x)/x.
For even total degree φ_κ is real and even, and only the even part g_e of g counts: λ_κ = π⁻¹ ∫_0^∞ ĝ_e(ω) φ_κ(ω) dω
with ĝ_e(ω) = 2∫_0^1 g_e(u) cos ωu du. For the ReLU NNGP g = k, k(u) = (√(1−u²) + u(π − arccos u))/π, g_e(u) =
(√(1−u²) + u arcsin u)/π, and with u = sin φ and two integrations by parts
  ĝ_e(ω) = sin ω/ω + (cos ω − J_0(ω))/ω²;
for the NTK g = k + u·k̇, k̇(u) = (π − arccos u)/π, the extra even part u·arcsin(u)/π adds
  (2/π)·[(π/2) sin ω/ω − (π/2)(J_1(ω) + (J_0(ω) − cos ω)/ω)/ω].
The closed forms cancel near ω = 0, where ĝ_e is integrated directly instead (ω < 1/4). The ω-integral, oscillating
and decaying like ω^{−1−W/2} (ζ = 2) or ω^{−1−3W/2} (ζ = 4), is mpmath's quadosc.
Each value at 20 and 28 digits (cntk_reference.row: `agree` = |high − low|, an estimate, not a bound). At ζ = 2
quadosc over [0, ∞) is off by about 10⁻¹⁸ for λ_{2,0,…} (quad on [0, 60] in steps of 1/2 plus quadosc beyond, at 30 digits:
6.42309339771676470e−4), within its `agree` of 2·10⁻¹⁷.
Do not edit the JSON by hand.
"""
from mpmath import mp, mpf, besselj, sin, cos, asin, sqrt, pi, quad, quadosc, inf, fprod
import cntk_reference
from cntk_reference import row, write

# quadosc's extrapolation at 15 digits is off by up to 10⁻¹² here: a higher pair than the other generators'.
cntk_reference.DPS = (20, 28)


def ghat_even(omega, kind):
    """ĝ_e(ω) for the NNGP (k) or the NTK (k + u·k̇)."""
    if omega < mpf(1) / 4:
        def g(u):
            even = (sqrt(1 - u * u) + u * asin(u)) / pi
            return even + (u * asin(u) / pi if kind == "ntk" else 0)
        return 2 * quad(lambda u: g(u) * cos(omega * u), [0, 1])
    j0, j1 = besselj(0, omega), besselj(1, omega)
    value = sin(omega) / omega + (cos(omega) - j0) / omega ** 2
    if kind == "ntk":
        value += (2 / pi) * ((pi / 2) * sin(omega) / omega - (pi / 2) * (j1 + (j0 - cos(omega)) / omega) / omega)
    return value


def pixel(k, x, zeta):
    """ψ_k(x) without its factor i^k."""
    if zeta == 2:
        return besselj(k, x)
    return 2 * besselj(k + 1, x) / x if x != 0 else (mpf(1) if k == 0 else mpf(0))


def eigenvalue(kind, index, zeta):
    W, n = len(index), sum(index)
    assert n % 2 == 0
    sign = 1 if n % 4 == 0 else -1
    return quadosc(lambda w: ghat_even(w, kind) * sign * fprod(pixel(k, w / W, zeta) for k in index), [0, inf], omega=1) / pi


CASES = [
    ("relu_one_level_eight_pixels_zeta2", 2, [("nngp", [0] * 8), ("nngp", [2] + [0] * 7), ("nngp", [1, 1] + [0] * 6)]),
    ("relu_one_level_four_pixels_zeta4", 4, [("nngp", [0, 0, 0, 0]), ("nngp", [2, 0, 0, 0]), ("nngp", [1, 1, 0, 0]),
                                             ("ntk", [2, 0, 0, 0]), ("ntk", [1, 1, 0, 0])]),
]

if __name__ == "__main__":
    out = {}
    for name, zeta, rows in CASES:
        out[name] = [row(name, kind, index, lambda: eigenvalue(kind, index, zeta)) for kind, index in rows]
    write(out, "cntk_bessel_mpmath.json")
