"""Golden values for RatioConcentration (Dandi & Jacot Theorem 1), computed independently with mpmath.

The two-layer ReLU NTK parts in the source's scale (w ~ N(0, I), v ~ N(0, 1)):
  ψ0(t) = (sqrt(1-t²) + t(π - arccos t)) / (2π)   (readout, κ^(1))
  ψ1(t) = (π - arccos t) / (2π),  κ^(0) = t ψ1(t)   (first layer)
Funk–Hecke eigenvalues μ_k = ∫ κ(t) P_k(t) c_d (1-t²)^((d-3)/2) dt for k = 0, 1 (P_1 = t) by quadrature,
then the exact probability Pr[|R(t) - λ1/λ2| ≥ b] for one point, g = 1 + t/2, with the stated bound
b = log(4/δ) max{sqrt(AC²/(2λ1²)), sqrt(BC²/(2λ2²))} (n = 1, δ = 1/2, A = B = 1/2, C = 3/2) at kernel
scale c = 10^8, by bisection for the thresholds and quadrature of the density (no Möbius inverse).
Run: python3 ratio_concentration.py  (mpmath 1.3)
"""
from mpmath import mp, mpf, sqrt, pi, acos, gamma, quad, log, findroot, identify

mp.dps = 40
psi0 = lambda t: (sqrt(1 - t * t) + t * (pi - acos(t))) / (2 * pi)
first = lambda t: t * (pi - acos(t)) / (2 * pi)

for d in (3, 5):
    c_d = gamma(mpf(d) / 2) / (sqrt(pi) * gamma(mpf(d - 1) / 2))
    w = lambda t: c_d * (1 - t * t) ** (mpf(d - 3) / 2)
    mu = lambda f, k: quad(lambda t: f(t) * t ** k * w(t), [-1, 0, 1])
    m1 = (mu(first, 0), mu(first, 1))
    m2 = (mu(psi0, 0), mu(psi0, 1))
    print(f"d = {d}: first layer μ0, μ1 = {identify(m1[0])}, {identify(m1[1])}; readout μ0, μ1 = {identify(m2[0])}, {identify(m2[1])}")
    a, c = mpf(1) / 2, mpf(10) ** 8
    l1 = c * (m1[0] + a * a * m1[1] / d)
    l2 = c * (m2[0] + a * a * m2[1] / d)
    r = l1 / l2
    A = B = c / 2
    C = 1 + a
    b = log(8) * max(sqrt(A * C ** 2 / (2 * l1 ** 2)), sqrt(B * C ** 2 / (2 * l2 ** 2)))
    R = lambda t: (m1[0] + a * m1[1] * t) / (m2[0] + a * m2[1] * t)
    up = findroot(lambda t: R(t) - (r + b), (mpf(-1), mpf(1)), solver='bisect')
    down = findroot(lambda t: R(t) - (r - b), (mpf(-1), mpf(1)), solver='bisect')
    p = quad(w, [up, 1]) + quad(w, [-1, down])
    print(f"d = {d}: stated bound b = {mp.nstr(b, 30)}, Pr[|R - r| >= b] = {mp.nstr(p, 30)}")
