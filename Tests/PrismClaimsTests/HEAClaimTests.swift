import Testing
@testable import PrismClaims

@Suite struct HEAClaimTests {
    /// The Hermite eigensystem is not exact for rbf/exp (every case's enclosures are disjoint), and the
    /// ansatz/exact ratio of the top eigenvalue tends to 1 as γ/w² → 0 (1/4, 1/16, 1/256).
    @Test func hermiteEigensystemIsRefutedAsExact() throws {
        let result = try HEAClaims.hermiteEigensystem.verify()
        #expect(result.verdict == .refuted)
        #expect(result.evidence.count == 18 && result.evidence.allSatisfy { $0.detail.hasPrefix("differs") })
        #expect(ClaimCatalogue.claim("simon-blog/hea-eigenfunctions") != nil)
    }

    /// The three-variable small-norm series is the kernel only inside its radius: erf at s r² = 1/16, 1/4 (the
    /// truncation error shrinks from order 20 to 40), divergent for erf at s r² = 9/16, 1 and for tanh at every
    /// s r² tried (1/100, 1/16, 1/4), so the blog's "exactly, for every analytic σ" is refuted.
    @Test func smallNormSeriesIsExactOnlyInsideItsRadius() throws {
        let result = try SimonBlogClaims.smallNormExact.verify()
        #expect(result.verdict == .refuted)
        let details = result.evidence.map(\.detail)
        #expect(details.count == 8)
        #expect(details.prefix(2).allSatisfy { $0.hasPrefix("holds") })          // erf inside
        #expect(details[2...3].allSatisfy { $0.hasPrefix("violated") })          // erf outside
        #expect(details[4].hasPrefix("holds"))                                   // the Bernoulli bound on tanh's derivatives
        #expect(details.suffix(3).allSatisfy { $0.hasPrefix("violated") })       // tanh, every s r²
        #expect(ClaimCatalogue.claim("simon-blog/small-norm-exact") != nil)
    }
}
