import PrismNumbers
import PrismAlgebra
import PrismBases
import PrismKernels

/// Closed-form eigenvalues of the one-level ReLU convolutional NNGP/NTK for odd ζ (CONVENTIONS §11).
///
/// With one level of filters of size q the kernel of a readout position is f(u), u = (t_1+…+t_q)/q,
///
///     NNGP: f(u) = k(u) = [√(1−u²) + u(π − arccos u)]/π,
///     NTK:  f(u) = k(u) + u·k̇(u) = [√(1−u²) + 2u(π − arccos u)]/π      (k̇(u) = (π − arccos u)/π),
///
/// and λ_k = R⁻¹ ∫ f(s/q) h(s) ds with h the piecewise-polynomial weighted density of the sum
/// (`MeanDensity`). On each piece [c, c'] (c = −1 + 2m/q) the integral of a polynomial p against f
/// is elementary: with J_m = ∫ uᵐ/√(1−u²) du (J_0 = −arccos u, J_1 = −√(1−u²),
/// J_m = ((m−1)/m) J_{m−2} − u^{m−1}√(1−u²)/m),
///
///     ∫ uⁿ √(1−u²) du = J_n − J_{n+2},   ∫ u^{n+1} arccos u du = [u^{n+2} arccos u + J_{n+2}]/(n+2),
///
/// so every antiderivative is Y(u)√(1−u²) + Z(u) arccos u with rational polynomials Y, Z, and
///
///     λ_k = (1/π) [ r + r_π π + Σ_{0<c<1} (s_c √(1−c²) + a_c arccos c) ],   r, r_π, s_c, a_c ∈ ℚ,
///
/// over the breakpoints c = |1 − 2m/q| (arccos(−c) = π − arccos c). Niven's theorem leaves
/// arccos c/π rational only for c ∈ {0, 1/2, 1}; so the value is an `ExactReal` (rationals, 1/π,
/// √(1−c²)/π) when q ∈ {1, 2, 4} — for q = 2: λ = a + b/π, a, b ∈ ℚ — and otherwise an exact
/// closed form in arccos(c) (e.g. arccos(1/3) for q = 3), printed through certified enclosures.
///
/// Error contract: exact (the closed form); enclosures of it are enclosures.
public struct ReLUClosedForm: Sendable {
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
    /// readout positions.
    init(kind: KernelKind, degrees κ: [Int], channels ζ: Int, readouts R: Int) throws {
        let q = κ.count
        let density = try MeanDensity(degrees: κ, channels: ζ)
        // f = (1/π)[α√(1−u²) + βπu − βu·arccos u]
        let beta: Rational = kind == .nngp ? 1 : 2
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
            let p = try piece.composed(with: Polynomial<Rational>([0, qR])).coefficients
            var Y: [Rational] = [], Z: [Rational] = [], X: [Rational] = [] // X: coefficient polynomial of π
            for (n, pn) in p.enumerated() where !pn.isZero {
                let c = pn * qR // the Jacobian ds = q du
                // α ∫ uⁿ√(1−u²) = J_n − J_{n+2}   (α = 1)
                let jn = jTerm(n), jn2 = jTerm(n + 2)
                add(&Y, jn.Y, c); add(&Z, jn.Z, c); add(&Y, jn2.Y, -c); add(&Z, jn2.Z, -c)
                // βπ ∫ u^{n+1} = βπ u^{n+2}/(n+2)
                let inv = Rational(1) / Rational(n + 2)
                add(&X, [Rational](repeating: 0, count: n + 2) + [inv], c * beta)
                // −β ∫ u^{n+1} arccos u = −β [u^{n+2} arccos u + J_{n+2}]/(n+2)
                add(&Z, [Rational](repeating: 0, count: n + 2) + [inv], -c * beta)
                add(&Y, jn2.Y, -c * beta * inv); add(&Z, jn2.Z, -c * beta * inv)
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
        } else if m == (try! Rational(1, 2)) {
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
