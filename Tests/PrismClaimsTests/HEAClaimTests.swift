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
}
