import PrismNumbers
import PrismAlgebra
import PrismActivations
import PrismBases

/// Rigorous integration of an expression in x over [a, b] (DESIGN.md "Certified integration"):
/// on each piece m ± r, the series engine over intervals gives the Taylor polynomial at m and,
/// evaluated at the whole piece, a bound on the K-th coefficient (the Lagrange remainder); the
/// polynomial is integrated exactly (odd powers vanish) and the remainder contributes at most
/// 2r·|F_K(piece)|·r^K. Pieces are bisected until each meets its share of the tolerance. Where the
/// series cannot be formed (an endpoint singularity such as √(1−cos²θ) at θ = 0) a piece is
/// bounded by width × sup|F| from interval evaluation, and bisected toward the singularity.
///
/// Error contract: enclosure.
public enum CertifiedQuadrature {
    /// ∫ₐᵇ F(x) dx to absolute accuracy about 2^{−p}.
    public static func integrate(_ F: RealExpression, from a: Rational, to b: Rational, precision p: Int) throws -> Interval {
        let wp = p + 32
        let K = Swift.min(60, Swift.max(12, p / 6))
        let tolerance = BigFloat(1, precision: wp).scaled(byPowerOfTwo: -p - 2)
        let total = b - a
        var sum = Interval(0, precision: wp)
        var stack = [(a, b, 0)]
        while let (lo, hi, depth) = stack.popLast() {
            let width = hi - lo
            let share = tolerance.multiplied(by: BigFloat(width / total, precision: wp, rounding: .down), precision: wp, rounding: .down)
            let piece = try Interval(lower: BigFloat(lo, precision: wp, rounding: .down), upper: BigFloat(hi, precision: wp, rounding: .up))
            // Width × sup |F|: always valid; used when it already meets the share, or as a last resort.
            let crude: Interval? = try? F.powerSeries(at: PowerSeries([piece])).coefficients[0] * Interval(width, precision: wp)
            if let crude, crude.width < share {
                sum = sum + crude
                continue
            }
            if let model = try? taylorModel(F, lo, hi, K: K, precision: wp), model.width < share || depth > 60 {
                sum = sum + model
                continue
            }
            guard depth <= 60 else {
                guard let crude else { throw PrismError.notCertified("integrand cannot be enclosed near \(lo)") }
                sum = sum + crude
                continue
            }
            let mid = (lo + hi) / 2
            stack.append((lo, mid, depth + 1))
            stack.append((mid, hi, depth + 1))
        }
        return sum
    }

    /// ∫ over [lo, hi] of the degree-(K−1) Taylor polynomial at the midpoint, ± the remainder.
    static func taylorModel(_ F: RealExpression, _ lo: Rational, _ hi: Rational, K: Int, precision wp: Int) throws -> Interval {
        let m = (lo + hi) / 2, r = (hi - lo) / 2
        let zero = Interval(0, precision: wp)
        var center = [Interval](repeating: zero, count: K)
        center[0] = Interval(m, precision: wp)
        center[1] = Interval(1, precision: wp)
        let c = try F.powerSeries(at: PowerSeries(center)).coefficients
        var whole = [Interval](repeating: zero, count: K + 1)
        whole[0] = try Interval(lower: BigFloat(lo, precision: wp, rounding: .down), upper: BigFloat(hi, precision: wp, rounding: .up))
        whole[1] = Interval(1, precision: wp)
        let remainder = try F.powerSeries(at: PowerSeries(whole))[K]
        let rI = Interval(r, precision: wp)
        var integral = zero
        var power = rI // r^{j+1}
        for j in 0..<K {
            if j % 2 == 0 { integral = integral + c[j] * power * Interval(try Rational(2, j + 1), precision: wp) }
            power = power * rI
        }
        // |∫ R| ≤ 2r · |F_K| r^K
        let bound = remainder.magnitude.multiplied(by: try (rI.power(K + 1) * Interval(2, precision: wp)).upper, precision: wp, rounding: .up)
        return try Interval(lower: integral.lower.subtracting(bound, precision: wp, rounding: .down),
                            upper: integral.upper.adding(bound, precision: wp, rounding: .up))
    }
}

extension SphereSpectrum {
    /// μ_k = c_d ∫₀^π f(θ) P_k^{(d)}(cos θ) sin^{d−2}θ dθ by certified quadrature, for a kernel given as
    /// an expression in θ (x = θ, so that arccos and √(1−t²) become analytic: the ReLU kernel is
    /// (sin x + (π − x) cos x)/π). Error contract: enclosure.
    public static func quadratureEigenvalue(kernelInTheta f: RealExpression, dimension d: Int, degree k: Int, precision p: Int) throws -> Interval {
        let P = try PrismBases.Gegenbauer.legendreCoefficients(k, dimension: d)
        // Horner: P_k(cos x) as an expression.
        let cosX = RealExpression.call("cos", [.variable("x")])
        var poly = RealExpression.number(try P.last.unwrapped(or: .domain("no Gegenbauer coefficients for k = \(k)")))
        for c in P.dropLast().reversed() { poly = .add(.multiply(poly, cosX), .number(c)) }
        let weight: RealExpression = d == 2 ? .number(1) : .power(.call("sin", [.variable("x")]), .number(Rational(d - 2)))
        let integrand = RealExpression.multiply(.multiply(f, poly), weight)
        // ∫₀^π = ∫₀^{π} with π irrational: substitute x = π u, u ∈ [0, 1].
        let scaled = RealExpression.multiply(.constant(.pi), integrand.substituting(.multiply(.constant(.pi), .variable("x"))))
        let integral = try CertifiedQuadrature.integrate(scaled, from: 0, to: 1, precision: p + 8)
        let cd = try PrismBases.Sphere.densityConstant(dimension: d).enclosure(precision: integral.precision)
        return cd * integral
    }
}
