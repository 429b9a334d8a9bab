import Testing
import PrismNumbers
import PrismBases
@testable import PrismClaims

@Suite struct VerifierTests {
    /// The verdict logic on statements whose truth we know.
    @Test func knownTrueAndKnownFalseStatements() throws {
        let trueClaim = Claim(id: "test/true", source: "test", statement: "β_l^m(3) ≤ 1 and E[He_2(x)He_2(y)] = 2ρ²") {
            var v = VerdictBuilder()
            let table = try ConnectionCoefficients(dimension: 3, maxDegree: 10)
            for m in 0...10 { for l in 0...m { v.compare("β", lhs: Interval(1, precision: 64), rhs: Interval(table[m, l], precision: 64), relation: .atLeast) } }
            let e = try Bivariate.expectation([-1, 0, 1], [-1, 0, 1], rho: try Rational(1, 3))
            try v.exact("He_2", lhs: ExactReal(e), rhs: ExactReal(2 * (try Rational(1, 9))))
            return (v.verdict, v.evidence)
        }
        #expect(try trueClaim.verify().verdict == .holds)

        let falseClaim = Claim(id: "test/false", source: "test", statement: "β_l^m(3) < 1/2 for all l ≤ m ≤ 4") {
            var v = VerdictBuilder()
            let table = try ConnectionCoefficients(dimension: 3, maxDegree: 4)
            for m in 0...4 { for l in 0...m { v.compare("β", lhs: Interval(try Rational(1, 2), precision: 64), rhs: Interval(table[m, l], precision: 64), relation: .atLeast) } }
            return (v.verdict, v.evidence)
        }
        let result = try falseClaim.verify()
        #expect(result.verdict == .refuted)
        #expect(result.evidence.contains { $0.detail.hasPrefix("violated") })

        let undecided = Claim(id: "test/undecided", source: "test", statement: "an inequality the enclosures cannot decide") {
            var v = VerdictBuilder()
            let wide = try Interval(lower: BigFloat(0), upper: BigFloat(2))
            v.compare("x ≥ 1", lhs: wide, rhs: Interval(1, precision: 64), relation: .atLeast)
            return (v.verdict, v.evidence)
        }
        #expect(try undecided.verify().verdict == .inconclusive)
    }

    @Test func catalogueHasTheContractIds() {
        let ids = Set(ClaimCatalogue.all.map(\.id))
        for id in ["dandi-jacot/eq-11", "dandi-jacot/lemma-1", "dandi-jacot/eq-16", "dandi-jacot/theorem-2", "dandi-jacot/lemma-3",
                   "dandi-jacot/corollary-1", "dandi-jacot/corollary-2", "simon-blog/sphere-coefficients", "simon-blog/small-norm",
                   "simon-blog/tanh-even-zero", "simon-blog/relu-odd-zero", "schoenberg/connection-nonnegative", "funk-hecke/eigenvalues"] {
            #expect(ids.contains(id), "\(id)")
        }
        #expect(ids.count == ClaimCatalogue.all.count, "ids are unique")
        for c in ClaimCatalogue.all where c.correctedBy != nil { #expect(ids.contains(c.correctedBy!), "\(c.id) → \(c.correctedBy!)") }
    }

    /// The verdicts on the cheap exact claims (the spectral ones run in `prism verify --all`).
    @Test(arguments: [("dandi-jacot/eq-11", Verdict.refuted), ("dandi-jacot/eq-11-orthonormal", .holds), ("dandi-jacot/eq-13", .refuted),
                      ("dandi-jacot/theorem-2", .refuted), ("dandi-jacot/theorem-2-corrected", .holds), ("simon-blog/relu-odd-zero", .holds),
                      ("schoenberg/connection-nonnegative", .holds), ("funk-hecke/eigenvalues", .holds)])
    func exactVerdicts(_ id: String, _ expected: Verdict) throws {
        let claim = try #require(ClaimCatalogue.claim(id))
        #expect(try claim.verify().verdict == expected)
    }
}
