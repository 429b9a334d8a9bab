import Testing
import PrismNumbers
import PrismActivations
@testable import PrismKernels
import _PrismTestSupport


@Suite struct LevelCoefficientTests {
    /// On the sphere, Σ_ℓ c_ℓ/ℓ! t^ℓ must reproduce the closed-form NNGP kernel (CONVENTIONS §8):
    /// for erf, K = (2/π) arcsin(2 t s / (1 + 2 s r²)) with s = α/d.
    @Test func erfSphereCoefficientsSumToTheClosedForm() throws {
        let p = 200
        let (alpha, d, r) = (q("3"), 2, q("1/2"))
        let N = 80
        let c = try LevelCoefficients(activation: .erf, degree: N, alpha: alpha, dimension: d, radius: r).enclosures(precision: p)
        let s = alpha / Rational(d)
        for tText in ["1/10", "-1/5", "1/8"] {
            let t = q(tText) // ⟨x,x'⟩ with |t| ≤ r²
            var sum = Interval(0, precision: p)
            var factorial = Rational(1), power = Rational(1)
            for l in 0...N {
                if l > 0 { factorial *= Rational(l); power *= t }
                sum = sum + c[l] * Interval(power / factorial, precision: p)
            }
            let arg = 2 * t * s / (1 + 2 * s * r * r)
            let closed = try Interval(arg, precision: p).applying(.asin) * (try Interval(2, precision: p).dividing(by: Interval.constant(.pi, precision: p)))
            // The tail after N = 80 is below 10^-40 here (|t/r²| ≤ 1/2 and the c_ℓ/ℓ! r^{2ℓ} are bounded by K(r², r²)).
            let gap = (sum - closed).magnitude
            #expect(gap < BigFloat(1e-30, precision: p), "t = \(tText): \(sum) vs \(closed)")
        }
    }

    /// Small-norm coefficients are the q = q' = 0 part of the exact origin expansion.
    @Test func smallNormIsTheLeadingPartOfTheOriginExpansion() throws {
        let c = try LevelCoefficients(activation: .tanh, degree: 9, alpha: 2, dimension: 3, expansion: .smallNorm).exact!
        let origin = try OriginExpansion(activation: .tanh, alpha: 2, dimension: 3, order: 9)
        var factorial = BigInt(1)
        for l in 0...9 {
            if l > 0 { factorial = factorial.multiplied(by: l) }
            #expect(try (origin.coefficient(level: l, q: 0, q2: 0) * ExactReal(Rational(factorial)) - c[l]).isZero, "ℓ = \(l)")
        }
        // For σ = exp the whole expansion sums to E[e^{⟨w,x⟩} e^{⟨w,x'⟩}] = e^{s(‖x‖² + ‖x'‖² + 2⟨x,x'⟩)/2}.
        let e = try OriginExpansion(activation: .exp, alpha: 1, dimension: 2, order: 30)
        let (a, b, t) = (q("1/10"), q("1/20"), q("1/30"))
        let truncated = try e.truncatedSum(normSquared: a, b, inner: t, precision: 200)
        let exponent = (a + b + 2 * t) / 4 // s = 1/2
        let closed = try Interval(exponent, precision: 200).applying(.exp)
        #expect((truncated - closed).magnitude < BigFloat(1e-20, precision: 200))
        #expect(throws: PrismError.self) { try LevelCoefficients(activation: .relu, degree: 3, expansion: .smallNorm) }
    }

    @Test func dualSeriesOfReLUMatchArcCosine() throws {
        // k(ρ) for ReLU at ρ = 0: E[relu]² = 1/(2π); k̇(0) = E[step]² = 1/4; ρψ₁ has no constant term.
        let k = try DualCoefficients(activation: .relu, series: .dual, degree: 4).exact!
        #expect(k[0].description == "1/2*pi^(-1)")
        #expect(k[1].description == "1/4")
        let kd = try DualCoefficients(activation: .relu, series: .dualDerivative, degree: 4).exact!
        #expect(kd[0].description == "1/4")
        #expect(kd[1].description == "1/2*pi^(-1)") // E[step(x)step(y)] = 1/4 + ρ/(2π) + …
        let first = try DualCoefficients(activation: .relu, series: .firstLayer, degree: 4).exact!
        #expect(first[0].isZero && first[1].description == "1/4")
    }

    @Test func certifiedNumericLevels() throws {
        let values = try LevelCoefficients(activation: .tanh, degree: 6, alpha: 1, dimension: 1).certified(digits: 20)
        #expect(values[0].value == "0" && values[2].value == "0" && values[4].value == "0")
        // c₁ = b₁(tanh; 1)² = 0.6057…²
        #expect(values[1].value.hasPrefix("0.3668791643624109"))
    }

    @Test func badParameters() {
        #expect(throws: PrismError.self) { try LevelCoefficients(activation: .tanh, degree: 3, alpha: 0) }
        #expect(throws: PrismError.self) { try LevelCoefficients(activation: .tanh, degree: 3, dimension: 0) }
        #expect(throws: PrismError.self) { try LevelCoefficients(activation: .tanh, degree: 3, radius: -1) }
        #expect(throws: PrismError.self) { try LevelCoefficients(activation: .tanh, degree: -3) }
    }
}
