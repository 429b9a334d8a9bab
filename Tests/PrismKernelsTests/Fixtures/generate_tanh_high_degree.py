"""Reference Hermite coefficients b_n(tanh) = E[tanh(z) h_n(z)] for odd n up to 999, by mpmath.

    python3 -m venv VENV && VENV/bin/pip install mpmath==1.3.0
    VENV/bin/python Tests/PrismKernelsTests/Fixtures/generate_tanh_high_degree.py \
        > Tests/PrismKernelsTests/Fixtures/tanh_high_degree.tsv

Independent of Prism's integrator (no Taylor models, no integration by parts): composite
Gauss–Legendre on [-T, T], T = 24 (the Gaussian tail beyond contributes < 1e-60 here), with the
normalized Hermite functions from the stable recurrence h_{n+1} = (z h_n - sqrt(n) h_{n-1})/sqrt(n+1)
at every node, so all b_n come from one pass. It also prints the NNGP eigenvalues of tanh on S^2
(depth 1): mu_k = (1/E[tanh^2]) sum_n b_n^2 c_{n,k}, c_{n,k} = (1/2) int_{-1}^{1} t^n P_k(t) dt
from the monomial coefficients of mpmath's Legendre polynomials (Funk-Hecke with Mehler's formula;
the terms n > 999 are below 1e-40 of every mu_k printed). mpmath is a reference, never a bound: two runs
(240 and 320 pieces, 60 and 70 digits) must agree, and each value is printed to the digits on
which they agree, capped at 30 significant digits. Lines: b<TAB>n<TAB>value and mu<TAB>k<TAB>value.
"""
import mpmath as mp

N = 999
SELECTED = [1, 3, 11, 51, 101, 201, 301, 401, 501, 601, 701, 801, 901, 999]
T = 24


def coefficients(pieces, dps, degree=5):
    ctx = mp.mp
    with mp.workdps(dps):
        gl = mp.calculus.quadrature.GaussLegendre(ctx)
        nodes = gl.calc_nodes(degree, ctx.prec)  # 3*2^(degree-1) points per piece
        roots = [mp.sqrt(n) for n in range(N + 2)]
        ratios = [1 / r if r else mp.mpf(0) for r in roots]
        sums = [mp.mpf(0)] * (N + 1)
        width = mp.mpf(2 * T) / pieces
        norm = 1 / mp.sqrt(2 * mp.pi)
        for i in range(pieces):
            a = -T + i * width
            half = width / 2
            mid = a + half
            for x, w in nodes:
                z = mid + half * x
                weight = w * half * mp.tanh(z) * mp.exp(-z * z / 2) * norm
                h_prev, h = mp.mpf(0), mp.mpf(1)
                for n in range(N + 1):
                    sums[n] += weight * h
                    h_prev, h = h, (z * h - roots[n] * h_prev) * ratios[n + 1]
        return sums


def agreed(x, y, cap=30):
    if x == y:
        return mp.nstr(x, cap)
    digits = int(-mp.log10(abs(x - y) / abs(x))) - 1
    if digits < 10:
        raise SystemExit(f"runs disagree: {x} vs {y}")
    return mp.nstr(x, min(cap, digits))


def eigenvalues(b, dps):
    with mp.workdps(dps):
        second_moment = sum(x * x for x in b)  # E[tanh^2] = sum of all b_n^2 (Parseval); tail < 1e-60
        out = {}
        for k in MU_DEGREES:
            poly = mp.taylor(lambda t: mp.legendre(k, t), 0, k)
            total = mp.mpf(0)
            for n in range(k, N + 1, 2):
                c = sum(poly[j] / (n + j + 1) for j in range(k + 1) if (n + j) % 2 == 0)
                total += b[n] ** 2 * c
            out[k] = total / second_moment
        return out


MU_DEGREES = [1, 3, 5, 11, 19]
first = coefficients(240, 60)
second = coefficients(320, 70)
print("# b_n(tanh) and mu_k(tanh NNGP, S^2): mpmath composite Gauss-Legendre, two runs agreeing to the digits shown")
for n in SELECTED:
    print(f"b\t{n}\t{agreed(first[n], second[n])}")
mu1, mu2 = eigenvalues(first, 60), eigenvalues(second, 70)
for k in MU_DEGREES:
    print(f"mu\t{k}\t{agreed(mu1[k], mu2[k])}")
