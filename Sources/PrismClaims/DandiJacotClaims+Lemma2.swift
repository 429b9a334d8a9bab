import PrismNumbers
import PrismBases

/// Lemma 2 (Schoenberg's positive-definiteness criteria), decided exactly for polynomials.
///
/// A continuous f is positive semidefinite on S^{d−1} (every Gram matrix [f(⟨x_i, x_j⟩)] is PSD) iff its
/// dimension-d Gegenbauer coefficients φ_l = Σ_m f_m β_l^m(d) are all ≥ 0 (Schoenberg 1942; CONVENTIONS §3).
/// For a polynomial the φ_l are exact rationals, so PSD-ness in a given d is decidable. As d → ∞,
/// β_l^m(d) → δ_lm (P_l^{(d)} → t^l coefficientwise), so φ_l(d) → f_l: the d → ∞ limit asks for
/// non-negative power coefficients.
extension DandiJacotClaims {
    /// φ_l(d) = Σ_m f_m β_l^m(d), l = 0…deg f, for f = Σ f_m t^m.  Error contract: exact; throws for d < 2.
    static func gegenbauerCoefficients(_ f: [Rational], dimension d: Int) throws -> [Rational] {
        let beta = try ConnectionCoefficients(dimension: d, maxDegree: f.count - 1)
        return (0..<f.count).map { l in (l..<f.count).reduce(Rational(0)) { $0 + f[$1] * beta[$1, l] } }
    }

    /// One evidence row: f is PSD on S^{d−1} iff min_l φ_l(d) ≥ 0 (exact).
    static func psdRow(_ v: inout VerdictBuilder, _ label: String, _ f: [Rational], dimension d: Int, expectPSD: Bool = true) throws {
        let phi = try gegenbauerCoefficients(f, dimension: d)
        let (l, smallest) = phi.enumerated().min { $0.element < $1.element }.map { ($0.offset, $0.element) }!
        let psd = smallest >= 0
        if psd != expectPSD { v.violated = true }
        let verdict = psd == expectPSD ? "holds" : "violated"
        v.evidence.append(Evidence(label + ", d = \(d)", lhs: "min_l φ_l = φ_\(l) = \(smallest)", rhs: expectPSD ? "≥ 0" : "< 0",
                                   detail: "\(verdict): \(psd ? "PSD" : "not PSD") on S^\(d - 1) (exact Gegenbauer coefficients)"))
    }

    /// The d → ∞ row: the Gegenbauer coefficients tend to the power coefficients f_l.
    static func limitRow(_ v: inout VerdictBuilder, _ label: String, _ f: [Rational], expectPSD: Bool = true) {
        let (l, smallest) = f.enumerated().min { $0.element < $1.element }.map { ($0.offset, $0.element) }!
        let psd = smallest >= 0
        if psd != expectPSD { v.violated = true }
        v.evidence.append(Evidence(label + ", d → ∞", lhs: "min_l lim φ_l = f_\(l) = \(smallest)", rhs: expectPSD ? "≥ 0" : "< 0",
                                   detail: "\(psd == expectPSD ? "holds" : "violated"): β_l^m(d) → δ_lm, so φ_l(d) → f_l (exact)"))
    }

    static let lemma2Dimensions = Array(2...8) + [16, 1_000_000]

    static let lemma2 = Claim(
        id: "dandi-jacot/lemma-2", source: source + ", Lemma 2 (§5.5, after Schoenberg 1942)",
        statement: "K(x, x') = f(⟨x, x'⟩) is positive definite on S^(d−1) for every d if (1) f(u) = Σ a_k u^k with a_k ≥ 0, Σ a_k < ∞; or (2) f(u) = Σ b_k P_k(u) with b_k ≥ 0, Σ b_k P_k(1) < ∞, P_k the Gegenbauer polynomials of any given dimension.",
        correctedBy: "dandi-jacot/lemma-2-corrected"
    ) {
        var v = VerdictBuilder()
        // Part 1: every monomial u^m (m ≤ 40) is PSD in every d; non-negative combinations and limits follow.
        // (β_l^m = 0 unless l ≡ m mod 2; the minimum is over the others, which are > 0.)
        for d in lemma2Dimensions {
            let beta = try ConnectionCoefficients(dimension: d, maxDegree: 40)
            let all = (0...40).flatMap { m in stride(from: m % 2, through: m, by: 2).map { l in (m: m, l: l, value: beta[m, l]) } }
            guard let s = all.min(by: { $0.value < $1.value }) else { throw PrismError.domain("no connection coefficients for d = \(d)") }
            if s.value < 0 { v.violated = true }
            v.evidence.append(Evidence("part 1: u^m, m ≤ 40, d = \(d)", lhs: "min over l ≡ m (mod 2) of β_l^m = β_\(s.l)^\(s.m) = \(s.value)", rhs: "≥ 0",
                                       detail: s.value >= 0 ? "holds: every u^m is PSD on S^\(d - 1) (exact)" : "violated (exact)"))
        }
        v.evidence.append(Evidence("part 1: u^m, d → ∞", lhs: "lim β_l^m = δ_lm", rhs: "≥ 0", detail: "holds: the limit coefficients are 0 or 1"))
        // Part 2: a single Gegenbauer polynomial of dimension d0 (b_k = 1, all others 0).
        for d0 in [3, 5] {
            for k in [2, 3, 4] {
                let f = try Gegenbauer.legendreCoefficients(k, dimension: d0)
                for d in lemma2Dimensions { try psdRow(&v, "part 2: f = P_\(k)^(\(d0))", f, dimension: d) }
                limitRow(&v, "part 2: f = P_\(k)^(\(d0))", f)
            }
        }
        return (v.verdict, v.evidence)
    }

    static let lemma2Corrected = Claim(
        id: "dandi-jacot/lemma-2-corrected", source: "corrected statement of Lemma 2",
        statement: "(1) holds as stated: f = Σ a_k u^k with a_k ≥ 0, Σ a_k < ∞ is PSD on S^(d−1) for every d (and, Schoenberg, only such f are: a negative a_k makes f fail for large d). (2) f = Σ b_k P_k^(d0) with b_k ≥ 0, Σ b_k < ∞ (P_k^(d0)(1) = 1) is PSD on S^(d−1) for every d ≤ d0 — not for every d: P_k^(d0), k ≥ 2, is not PSD on any S^(d−1) with d > d0."
    ) {
        var v = VerdictBuilder()
        // (2), d ≤ d0: every P_k^(d0), k ≤ 10, has non-negative Gegenbauer coefficients in each lower dimension.
        for d0 in 2...10 {
            for d in 2...d0 {
                let all = try (0...10).flatMap { k in
                    try gegenbauerCoefficients(try Gegenbauer.legendreCoefficients(k, dimension: d0), dimension: d).map { (k: k, value: $0) }
                }
                guard let s = all.min(by: { $0.value < $1.value }) else { throw PrismError.domain("no Gegenbauer coefficients for d = \(d)") }
                if s.value < 0 { v.violated = true }
                v.evidence.append(Evidence("(2) P_k^(\(d0)), k ≤ 10, d = \(d) ≤ d0", lhs: "min φ_l = \(s.value) (k = \(s.k))", rhs: "≥ 0",
                                           detail: s.value >= 0 ? "holds: PSD on S^\(d - 1) (exact)" : "violated (exact)"))
            }
            // d > d0: P_k^(d0) fails for k = 2, 3, 4 in the next dimensions and in the limit.
            for k in 2...4 {
                let f = try Gegenbauer.legendreCoefficients(k, dimension: d0)
                for d in [d0 + 1, d0 + 2, 1_000_000] { try psdRow(&v, "(2) P_\(k)^(\(d0)), d > d0", f, dimension: d, expectPSD: false) }
                limitRow(&v, "(2) P_\(k)^(\(d0))", f, expectPSD: false)
            }
        }
        // (1), the converse: polynomials with one negative power coefficient fail for large d, though they
        // are PSD in low dimensions.
        let tenth = try Rational(1, 10)
        for (name, f) in [("1 + u² − u³/10 + u⁵", [Rational(1), 0, 1, -tenth, 0, 1]), ("1/10 + u² − u⁴/10 + u⁶", [tenth, 0, 1, 0, -tenth, 0, 1])] {
            try psdRow(&v, "(1) converse: f = \(name)", f, dimension: 2)
            try psdRow(&v, "(1) converse: f = \(name)", f, dimension: 1_000_000, expectPSD: false)
            limitRow(&v, "(1) converse: f = \(name)", f, expectPSD: false)
        }
        return (v.verdict, v.evidence)
    }
}
