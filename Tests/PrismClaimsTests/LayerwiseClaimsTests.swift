import Testing
import PrismNumbers
import PrismBases
import PrismActivations
@testable import PrismClaims

/// Dandi & Jacot's Theorem 1, Lemma 2 and eq. (13)'s constant term: the verdicts, the quantities behind
/// them against independent values, and wrong variants of each statement that the checks refute.
@Suite struct LayerwiseClaimsTests {
    @Test(arguments: [("dandi-jacot/theorem-1", Verdict.refuted), ("dandi-jacot/theorem-1-corrected", .holds),
                      ("dandi-jacot/lemma-2", .refuted), ("dandi-jacot/lemma-2-corrected", .holds),
                      ("dandi-jacot/eq-13-constant-term", .refuted), ("dandi-jacot/eq-13-constant-term-corrected", .holds)])
    func verdicts(_ id: String, _ expected: Verdict) throws {
        let claim = try #require(ClaimCatalogue.claim(id))
        let result = try claim.verify()
        #expect(result.verdict == expected, "\(id): \(result.summary)")
        if expected == .refuted {
            #expect(claim.correctedBy == id + "-corrected")
            #expect(result.evidence.contains { $0.detail.hasPrefix("violated") || $0.detail.hasPrefix("differs") })
        }
    }

    /// The eigenvalues of ρψ1 and ψ0 (ReLU) at degrees 0 and 1 against mpmath quadrature
    /// (Fixtures/ratio_concentration.py: d = 3: 1/16, 1/12 and 3/16, 1/12; d = 5: 9/256, 1/20 and 45/256, 1/20).
    @Test func eigenvaluesAgainstQuadrature() throws {
        for (d, first, readout) in [(3, ("1/16", "1/12"), ("3/16", "1/12")), (5, ("9/256", "1/20"), ("45/256", "1/20"))] {
            let setting = try RatioConcentration(dimension: d, a: try Rational(1, 2))
            #expect(setting.first.0.contains(try Rational(parsing: first.0)))
            #expect(setting.first.1.contains(try Rational(parsing: first.1)))
            #expect(setting.readout.0.contains(try Rational(parsing: readout.0)))
            #expect(setting.readout.1.contains(try Rational(parsing: readout.1)))
            let half = try Rational(1, 2)
            #expect(setting.secondMoment.contains(half))
            #expect(setting.derivativeSecondMoment.contains(half))
        }
    }

    /// The exact one-point deviation probability at kernel scale 10^8 against mpmath (bisection for the
    /// thresholds, quadrature of the density: Fixtures/ratio_concentration.py).
    @Test func deviationProbabilityAgainstQuadrature() throws {
        let golden = [(3, "0.002245796865014222802511832", "0.983696979346678164645641501"),
                      (5, "0.004141626307080171143405868", "0.944422912546381025503975082")]
        for (d, bound, probability) in golden {
            let setting = try RatioConcentration(dimension: d, a: try Rational(1, 2)).rescaled(kernelScale: 100_000_000)
            let b = try setting.statedBound(n: 1, delta: try Rational(1, 2))
            let p = try setting.deviationProbability(n: 1, bound: b)
            // The golden decimals carry 27 correct digits: the enclosures (≈ 60 digits) must lie within 10^−26.
            let slack = try Rational(BigInt(1), try BigInt(10).power(26))
            for (value, text) in [(b, bound), (p, probability)] {
                let g = try Rational(parsing: text)
                #expect(value.lower.compare(g - slack) > 0 && value.upper.compare(g + slack) < 0, "d = \(d): \(value) vs \(text)")
            }
        }
    }

    /// The stated bound is not scale-invariant (∝ c^{−1/2} s^{−1}); the corrected ε is.
    @Test func scaling() throws {
        let base = try RatioConcentration(dimension: 3, a: try Rational(1, 2))
        let half = try Rational(1, 2)
        let b1 = try base.statedBound(n: 1, delta: half), e1 = try base.correctedEpsilon(n: 1, delta: half)
        let scaled = try base.rescaled(kernelScale: 4, targetScale: 10)
        let b2 = try scaled.statedBound(n: 1, delta: half), e2 = try scaled.correctedEpsilon(n: 1, delta: half)
        #expect((b2 * Interval(20, precision: 128)).overlaps(b1))
        #expect(!b2.overlaps(b1))
        #expect(e2.overlaps(e1))
        #expect(try scaled.ratio.overlaps(try base.ratio))
    }

    /// A wrong Theorem 1 (a bound missing the corrected one's range factor 4C²·max{A/λ1, B/λ2}:
    /// |R_1 − r| ≤ r√(2 log(4/δ)/n)/20) is refuted by the same exact probabilities; the source's bound at
    /// scale 1 is not (so the check does not refute everything).
    @Test func wrongTheorem1IsRefuted() throws {
        let half = try Rational(1, 2)
        let setting = try RatioConcentration(dimension: 3, a: half)
        let wrong = try setting.ratio * (Interval(2, precision: 128) * Interval(8, precision: 128).applying(.log)).applying(.sqrt)
        var v = VerdictBuilder()
        v.compare("too small", lhs: Interval(half, precision: 128), rhs: try setting.deviationProbability(n: 1, bound: wrong * Interval(try Rational(1, 20), precision: 128)), relation: .atLeast)
        #expect(v.verdict == .refuted)
        var w = VerdictBuilder()
        w.compare("stated, c = 1", lhs: Interval(half, precision: 128), rhs: try setting.deviationProbability(n: 1, bound: try setting.statedBound(n: 1, delta: half)), relation: .atLeast)
        #expect(w.verdict == .holds)
    }

    /// Gegenbauer coefficients: hand values and Σ_l φ_l = f(1) (P_l(1) = 1).
    @Test func gegenbauerCoefficients() throws {
        // P_2^(3) = (3t² − 1)/2 in d = 4: φ_0 = (3/4 − 1)/2 = −1/8, φ_2 = (3/2)·β_2^2(4) = (3/2)(3/4) = 9/8.
        let phi = try DandiJacotClaims.gegenbauerCoefficients(try Gegenbauer.legendreCoefficients(2, dimension: 3), dimension: 4)
        #expect(phi == [try Rational(-1, 8), 0, try Rational(9, 8)])
        let f: [Rational] = [1, -2, 0, 3, 5]
        for d in [2, 3, 7] { #expect(try DandiJacotClaims.gegenbauerCoefficients(f, dimension: d).reduce(Rational(0), +) == Rational(7)) }
    }

    /// Wrong Lemma 2 variants are refuted: "P_k^(d0) is PSD up to d0 + 1" and "a polynomial with a negative
    /// power coefficient is PSD in every d".
    @Test func wrongLemma2VariantsAreRefuted() throws {
        var v = VerdictBuilder()
        try DandiJacotClaims.psdRow(&v, "P_2^(3)", try Gegenbauer.legendreCoefficients(2, dimension: 3), dimension: 4)
        #expect(v.verdict == .refuted)
        var w = VerdictBuilder()
        let tenth = try Rational(1, 10)
        try DandiJacotClaims.psdRow(&w, "f", [tenth, 0, 1, 0, -tenth, 0, 1], dimension: 2)
        #expect(w.verdict == .holds)
        try DandiJacotClaims.psdRow(&w, "f", [tenth, 0, 1, 0, -tenth, 0, 1], dimension: 1_000_000)
        #expect(w.verdict == .refuted)
    }

    /// ψ1(0) = E[σ']² (ReLU: 1/4); the unsquared variant ψ1(0) = b_1 (= 1/2) is refuted.
    @Test func wrongConstantTermIsRefuted() throws {
        let value = try DandiJacotClaims.derivativeMeanSquared(.relu, precision: 64)
        let b1 = try #require(try HermiteCoefficients(activation: .relu, degree: 1).exact?[1])
        var v = VerdictBuilder()
        try v.exact("ψ1(0) vs b_1²", lhs: try #require(value.exact), rhs: try b1 * b1)
        #expect(v.verdict == .holds)
        try v.exact("ψ1(0) vs b_1", lhs: try #require(value.exact), rhs: b1)
        #expect(v.verdict == .refuted)
    }
}
