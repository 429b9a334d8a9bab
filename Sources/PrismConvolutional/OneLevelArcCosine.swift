import PrismNumbers
import PrismAlgebra
import PrismBases
import PrismKernels
import PrismActivations

/// Closed-form eigenvalues of the one-level convolutional NNGP/NTK of the arc-cosine family (relu,
/// leaky_relu(a), abs, step, sign) for odd ζ (CONVENTIONS §11).
///
/// With one level of filters of size q the kernel of a readout position is f(u), u = (t_1+…+t_q)/q,
/// f = k (NNGP) or k + u·k̇ (NTK), both of the elementary form (`ArcCosineParts.normalizedDual`)
///
///     f(u) = (1/π)[ r(u)√(1−u²) + π p(u) − a(u) arccos u ],   r, p, a ∈ ℚ[u]
///
/// (ReLU NNGP: r = 1, p = u, a = u; NTK: r = 1, p = 2u, a = 2u; step: p = 1, a = 1), and
/// λ_k = R⁻¹ ∫ f(s/q) h(s) ds with h the piecewise-polynomial weighted density of the sum
/// (`MeanDensity`). On each piece [c, c'] (c = −1 + 2m/q) the integral of a polynomial against f
/// is elementary: with J_m = ∫ uᵐ/√(1−u²) du (J_0 = −arccos u, J_1 = −√(1−u²),
/// J_m = ((m−1)/m) J_{m−2} − u^{m−1}√(1−u²)/m),
///
///     ∫ uⁿ √(1−u²) du = J_n − J_{n+2},   ∫ uⁿ arccos u du = [u^{n+1} arccos u + J_{n+1}]/(n+1),
///
/// so every antiderivative is Y(u)√(1−u²) + Z(u) arccos u + X(u)π with rational polynomials, and
///
///     λ_k = (1/π) [ r + r_π π + Σ_{0<c<1} (s_c √(1−c²) + a_c arccos c) ],   r, r_π, s_c, a_c ∈ ℚ,
///
/// over the breakpoints c = |1 − 2m/q| (arccos(−c) = π − arccos c). Niven's theorem leaves
/// arccos c/π rational only for c ∈ {0, 1/2, 1}; so the value is an `ExactReal` (rationals, 1/π,
/// √(1−c²)/π) when q ∈ {1, 2, 4} — for q = 2: λ = a + b/π, a, b ∈ ℚ — and otherwise an exact
/// closed form in arccos(c) (e.g. arccos(1/3) for q = 3), printed through certified enclosures.
///
/// Error contract: exact (the closed form); enclosures of it are enclosures.
public struct ArcCosineClosedForm: Sendable {
    /// The coefficient of 1, of π, and of √(1−c²), arccos c for 0 < c < 1, inside the bracket.
    var one: Rational = 0
    var pi: Rational = 0
    var sqrtTerms: [Rational: Rational] = [:]
    var arccosTerms: [Rational: Rational] = [:]
    /// The factor in front of the bracket, times 1/π.
    var scale: Rational = 1

    /// Whether the value is 0 by exact arithmetic (every coefficient cancelled).
    public var isZero: Bool { one.isZero && pi.isZero && sqrtTerms.isEmpty && arccosTerms.isEmpty }

    /// The value as an exact real (constants π and prime radicals), or nil when an arccos c/π
    /// that is not rational remains (Niven).
    public func exact() throws -> ExactReal? {
        guard arccosTerms.isEmpty else { return nil }
        let invPi = try ExactReal(.pi).power(-1)
        var bracket = try ExactReal(one) * invPi + ExactReal(pi)
        for (c, s) in sqrtTerms.sorted(by: { $0.key < $1.key }) {
            guard let root = try ExactReal.ifExact({ try ExactReal(1 - c * c).power(try Rational(1, 2)) }) else { return nil }
            bracket = try bracket + ExactReal(s) * root * invPi
        }
        return try ExactReal(scale) * bracket
    }

    /// An enclosure at working precision p.  Error contract: enclosure.
    public func enclosure(precision p: Int) throws -> Interval {
        let piI = Interval.constant(.pi, precision: p)
        var bracket = Interval(one, precision: p) + Interval(pi, precision: p) * piI
        for (c, s) in sqrtTerms.sorted(by: { $0.key < $1.key }) {
            bracket = bracket + Interval(s, precision: p) * (try Interval(1 - c * c, precision: p).applying(.sqrt))
        }
        for (c, a) in arccosTerms.sorted(by: { $0.key < $1.key }) {
            bracket = bracket + Interval(a, precision: p) * (try Interval(c, precision: p).applying(.acos))
        }
        return try Interval(scale, precision: p) * bracket.dividing(by: piI)
    }

    /// λ for the restricted multi-index κ (one entry per pixel of the field, q = κ.count), with R
    /// readout positions, for the field kernel f(u) of the arc-cosine activation `parts`.
    init(parts: ArcCosineParts, kind: KernelKind, degrees κ: [Int], channels ζ: Int, readouts R: Int) throws {
        var f = parts.normalizedDual
        if kind == .ntk {
            guard let kDot = parts.normalizedDerivativeDual else { throw PrismError.domain("σ' is a Dirac delta: the NTK is not defined") }
            f = f.adding(kDot.timesRho())
        }
        let q = κ.count
        let density = try MeanDensity(degrees: κ, channels: ζ)
        let qR = Rational(q)
        // Antiderivatives in u, accumulated as Y(u)√(1−u²) + Z(u) arccos u (+ rational·π polynomial X).
        var J: [(Y: [Rational], Z: [Rational])] = [([], [-1]), ([-1], [])]
        func jTerm(_ m: Int) -> (Y: [Rational], Z: [Rational]) {
            while J.count <= m {
                let n = J.count
                let r = Rational(n - 1) / Rational(n)
                var Y = J[n - 2].Y.map { $0 * r }, Z = J[n - 2].Z.map { $0 * r }
                if Y.count < n { Y += [Rational](repeating: 0, count: n - Y.count) }
                Y[n - 1] -= Rational(1) / Rational(n)
                J.append((Y, Z))
            }
            return J[m]
        }
        func add(_ a: inout [Rational], _ b: [Rational], _ c: Rational) {
            if a.count < b.count { a += [Rational](repeating: 0, count: b.count - a.count) }
            for (i, x) in b.enumerated() where !x.isZero { a[i] += x * c }
        }
        for (i, piece) in density.pieces.enumerated() {
            // h(q u) on u ∈ [lo, hi]
            let lo = Rational(density.start + 2 * i) / qR, hi = Rational(density.start + 2 * i + 2) / qR
            let h = try piece.composed(with: Polynomial<Rational>([0, qR])).coefficients
            var Y: [Rational] = [], Z: [Rational] = [], X: [Rational] = [] // X: coefficient polynomial of π
            for (n, hn) in h.enumerated() where !hn.isZero {
                let c = hn * qR // the Jacobian ds = q du
                for (e, re) in f.root.enumerated() where !re.isZero {
                    // r_e ∫ u^{n+e}√(1−u²) = r_e (J_{n+e} − J_{n+e+2})
                    let j0 = jTerm(n + e), j2 = jTerm(n + e + 2)
                    add(&Y, j0.Y, c * re); add(&Z, j0.Z, c * re); add(&Y, j2.Y, -c * re); add(&Z, j2.Z, -c * re)
                }
                for (e, pe) in f.polynomial.enumerated() where !pe.isZero {
                    // π p_e ∫ u^{n+e} = π p_e u^{n+e+1}/(n+e+1)
                    add(&X, [Rational](repeating: 0, count: n + e + 1) + [Rational(1) / Rational(n + e + 1)], c * pe)
                }
                for (e, ae) in f.arccos.enumerated() where !ae.isZero {
                    // −a_e ∫ u^{n+e} arccos u = −a_e [u^{n+e+1} arccos u + J_{n+e+1}]/(n+e+1)
                    let inv = Rational(1) / Rational(n + e + 1), jm = jTerm(n + e + 1)
                    add(&Z, [Rational](repeating: 0, count: n + e + 1) + [inv], -c * ae)
                    add(&Y, jm.Y, -c * ae * inv); add(&Z, jm.Z, -c * ae * inv)
                }
            }
            accumulate(Y: Y, Z: Z, X: X, at: hi, sign: 1)
            accumulate(Y: Y, Z: Z, X: X, at: lo, sign: -1)
        }
        scale = Rational(1) / Rational(R)
    }

    /// Adds sign·[Y(c)√(1−c²) + Z(c) arccos c + X(c)π] in canonical form.
    private mutating func accumulate(Y: [Rational], Z: [Rational], X: [Rational], at c: Rational, sign: Rational) {
        func value(_ a: [Rational]) -> Rational {
            var v = Rational(0)
            for x in a.reversed() { v = v * c + x }
            return v * sign
        }
        let y = value(Y), z = value(Z)
        pi += value(X)
        let m = c.magnitude
        // arccos c = arccos|c| for c ≥ 0, π − arccos|c| for c < 0.
        var zAbs = z
        if c.signum < 0 { pi += z; zAbs = -z }
        if m == 1 {
            // √0 = 0, arccos 1 = 0.
        } else if m.isZero {
            one += y
            pi += zAbs / 2
        } else if m == Rational(1) / Rational(2) {
            sqrtTerms[m, default: 0] += y
            pi += zAbs / 3
        } else {
            sqrtTerms[m, default: 0] += y
            arccosTerms[m, default: 0] += zAbs
        }
        sqrtTerms = sqrtTerms.filter { !$0.value.isZero }
        arccosTerms = arccosTerms.filter { !$0.value.isZero }
    }
}
