#!/usr/bin/env python3
"""Independent references for the level coefficients of deep smooth kernels with a bias (mpmath only;
run: python3 generate_deep_levels.py). Writes deep_levels_golden.json (do not edit by hand).

Each case is CONVENTIONS section 9's kernel (L hidden layers, weight variance w, bias variance b) on the
sphere |x|^2 = q of R^d (d = D, q = sum of gamma) as a function of the unnormalized t = <x, x'>, and
c_l = d^l K / dt^l at t = 0, l <= 8. No Hermite or Mehler series is used: layer by layer, the dual
F(c) = w E[s(u) s(v)] + b of (u, v) with variances v_l and covariance c is differentiated under the
integral (Price's theorem: d^j/dc^j E[s(u) s(v)] = E[s^(j)(u) s^(j)(v)] at fixed variances), each
E[s^(j)(u) s^(j)(v)] is a two-dimensional Gaussian integral at c0 = Sigma(0) evaluated by the
trapezoidal rule on a grid of step h in both standard normal variables (geometric convergence for
integrands analytic in a strip), and the layers' Taylor series are composed exactly up to order 8:
Sigma_{l+1}(t) = sum_j F^(j)(c0)/j! (Sigma_l(t) - c0)^j, Theta_{l+1} = Sigma_{l+1} + Sigma'_{l+1} Theta_l.

Checks: every case is computed twice (dps 34 with the step for 40 digits, dps 44 with the step for
50 digits); the recorded accuracy is 10 times their largest relative difference. The erf cases are
also compared with section 8's closed form (2/pi) asin(2c/(1 + 2v)) composed by the same recursion
and differentiated by mpmath.taylor: the script stops if the two disagree beyond that accuracy.
"""
import json
import mpmath as mp

LEVELS = 8

CASES = [
    # activation, kind, depth, weight variance, bias variance, gamma
    ("tanh", "nngp", 2, "1", "1/2", ["1/2", "1/4", "1/4"]),
    ("tanh", "ntk", 2, "1", "1/2", ["1/2", "1/4", "1/4"]),
    ("tanh", "nngp", 3, "3/2", "1/10", ["1", "1/2"]),
    ("tanh", "ntk", 3, "1", "1/4", ["1", "1/2"]),
    ("erf", "nngp", 3, "1/2", "1/4", ["1", "1/2"]),
    ("erf", "ntk", 2, "1", "1/2", ["1/2", "1/4", "1/4"]),
    ("erf", "ntk", 3, "1", "1/4", ["1", "1/2"]),
]


def rational(text):
    num, _, den = text.partition("/")
    return mp.mpf(int(num)) / int(den or 1)


def derivative_polynomials(activation, count):
    """Coefficient lists (constant first): tanh: s^(k) = P_k(tanh x), P_0 = T, P_{k+1} = P_k'(T)(1 - T^2);
    erf: s^(k) = Q_k(x) e^{-x^2} for k >= 1, Q_1 = 2/sqrt(pi), Q_{k+1} = Q_k' - 2x Q_k (entry 0 unused)."""
    polys = []
    P = [mp.mpf(0), mp.mpf(1)] if activation == "tanh" else [2 / mp.sqrt(mp.pi)]
    for _ in range(count):
        polys.append(P)
        dP = [i * P[i] for i in range(1, len(P))] or [mp.mpf(0)]
        new = [mp.mpf(0)] * (len(P) + 2)
        for i, a in enumerate(dP):
            new[i] += a
            if activation == "tanh":
                new[i + 2] -= a
        if activation == "erf":
            for i, a in enumerate(P):
                new[i + 1] -= 2 * a
        P = new
    return polys if activation == "tanh" else [None] + polys[:count - 1]


def derivatives(activation, x, polys):
    """s(x), s'(x), ..., s^(len(polys)-1)(x)."""
    if activation == "tanh":
        T = mp.tanh(x)
        return [mp.polyval(P[::-1], T) for P in polys]
    e = mp.exp(-x * x)
    return [mp.erf(x)] + [mp.polyval(Q[::-1], x) * e for Q in polys[1:]]


def grid(digits, strip):
    """Trapezoid nodes and weights for E[g(z)], z ~ N(0, 1), g analytic in |Im z| < strip."""
    h = 2 * mp.pi * strip / (digits * mp.log(10) + 10)
    X = mp.sqrt(2 * (digits + 5) * mp.log(10))
    n = int(X / h) + 1
    return [(k * h, h * mp.npdf(k * h)) for k in range(-n, n + 1)]


def price_derivatives(activation, v, c, count, digits):
    """E[s^(j)(u) s^(j)(w)], j < count, for (u, w) of variance v and covariance c."""
    a = mp.sqrt(v)
    rho = c / v
    sr = mp.sqrt(1 - rho * rho)
    nodes = grid(digits, mp.pi / (2 * a) if activation == "tanh" else mp.mpf(1) / a)
    polys = derivative_polynomials(activation, count)
    sums = [mp.mpf(0)] * count
    for z1, w1 in nodes:
        outer = derivatives(activation, a * z1, polys)
        inner = [mp.mpf(0)] * count
        for z2, w2 in nodes:
            for j, value in enumerate(derivatives(activation, a * (rho * z1 + sr * z2), polys)):
                inner[j] += w2 * value
        for j in range(count):
            sums[j] += w1 * outer[j] * inner[j]
    return sums


def mul(f, g):
    return [mp.fsum(f[i] * g[m - i] for i in range(m + 1)) for m in range(LEVELS + 1)]


def compose(derivs, h):
    """sum_j derivs[j]/j! h^j truncated at LEVELS (h without constant term)."""
    out, power = [mp.mpf(0)] * (LEVELS + 1), [mp.mpf(1)] + [mp.mpf(0)] * LEVELS
    for j in range(LEVELS + 1):
        out = [o + derivs[j] / mp.factorial(j) * p for o, p in zip(out, power)]
        power = mul(power, h)
    return out


def levels_by_quadrature(case, digits):
    activation, kind, depth, w, b, gamma = case
    w, b = rational(w), rational(b)
    g = [rational(x) for x in gamma]
    q, d = sum(g), len(g)
    sigma = [b, w / d] + [mp.mpf(0)] * (LEVELS - 1)   # Sigma^(1)(t) = w t/d + b
    v = w * q / d + b
    theta = list(sigma)
    for _ in range(depth):
        c0 = sigma[0]
        h = [mp.mpf(0)] + sigma[1:]
        e = price_derivatives(activation, v, c0, LEVELS + 2, digits)
        new_sigma = compose([w * x for x in e[:LEVELS + 1]], h)
        new_sigma[0] += b
        if kind == "ntk":
            dot = compose([w * x for x in e[1:LEVELS + 2]], h)
            theta = [s + x for s, x in zip(new_sigma, mul(dot, theta))]
        nodes = grid(digits, mp.pi / (2 * mp.sqrt(v)) if activation == "tanh" else 1 / mp.sqrt(v))
        v = w * mp.fsum(wt * derivatives(activation, mp.sqrt(v) * z, derivative_polynomials(activation, 1))[0] ** 2 for z, wt in nodes) + b
        sigma = new_sigma
    f = sigma if kind == "nngp" else theta
    return [mp.factorial(l) * f[l] for l in range(LEVELS + 1)]


def levels_by_closed_form(case):
    """erf only: section 8's closed forms composed by section 9, differentiated by mpmath.taylor."""
    _, kind, depth, w, b, gamma = case
    w, b = rational(w), rational(b)
    g = [rational(x) for x in gamma]
    q, d = sum(g), len(g)

    def k(t):
        sigma, v = w * t / d + b, w * q / d + b
        theta = sigma
        for _ in range(depth):
            new_sigma = w * 2 / mp.pi * mp.asin(2 * sigma / (1 + 2 * v)) + b
            theta = new_sigma + w * 4 / mp.pi / mp.sqrt((1 + 2 * v) ** 2 - 4 * sigma * sigma) * theta
            sigma, v = new_sigma, w * 2 / mp.pi * mp.asin(2 * v / (1 + 2 * v)) + b
        return sigma if kind == "nngp" else theta
    f = mp.taylor(k, 0, LEVELS)
    return [mp.factorial(l) * f[l] for l in range(LEVELS + 1)]


def main():
    out = []
    for case in CASES:
        mp.mp.dps = 34
        low = levels_by_quadrature(case, 40)
        mp.mp.dps = 44
        high = levels_by_quadrature(case, 50)
        accuracy = 10 * max(abs(x - y) / abs(y) for x, y in zip(low, high))
        if case[0] == "erf":
            closed = levels_by_closed_form(case)
            gap = max(abs(x - y) / abs(y) for x, y in zip(high, closed))
            assert gap < 1e-30, f"quadrature and closed form disagree for {case}: {gap}"
        activation, kind, depth, w, b, gamma = case
        out.append({"activation": activation, "kernel": kind, "depth": depth, "weight_variance": w, "bias_variance": b,
                    "gamma": ",".join(gamma), "relative_accuracy": mp.nstr(accuracy, 3),
                    "c": [mp.nstr(x, 40, strip_zeros=False) for x in high]})
        print(case, mp.nstr(accuracy, 3), flush=True)
    with open("deep_levels_golden.json", "w") as fh:
        json.dump({"generator": "generate_deep_levels.py", "levels": LEVELS, "cases": out}, fh, indent=1)
        fh.write("\n")


if __name__ == "__main__":
    main()
