import PrismNumbers
import PrismAlgebra
import PrismBases
import PrismKernels

/// Classical facts the sources rely on.
enum GeneralClaims {
    static var all: [Claim] { [connectionNonnegative, funkHecke] }

    static let connectionNonnegative = Claim(
        id: "schoenberg/connection-nonnegative", source: "Schoenberg (1942), as used by Dandi & Jacot §5.5 (Lemma 2)",
        statement: "t^m = Σ_l β_l^m(d) P_l^(d)(t) with β_l^m(d) ≥ 0 for every d ≥ 2, and β_l^m = 0 for l > m."
    ) {
        var v = VerdictBuilder()
        var negatives = 0, checked = 0
        for d in 2...12 {
            let table = try ConnectionCoefficients(dimension: d, maxDegree: 100)
            var minimum: Rational? = nil
            for m in 0...100 { for l in 0...m { checked += 1; if table[m, l] < 0 { negatives += 1 }; minimum = Swift.min(minimum ?? table[m, l], table[m, l]) } }
            v.evidence.append(Evidence("d = \(d), 0 ≤ l ≤ m ≤ 100", lhs: "min β = \(minimum!)", rhs: "≥ 0", detail: "exact rationals"))
        }
        if negatives > 0 { v.violated = true }
        v.evidence.append(Evidence("all", lhs: "\(negatives) negative of \(checked)", rhs: "0", detail: negatives == 0 ? "holds (exact)" : "violated"))
        return (v.verdict, v.evidence)
    }

    static let funkHecke = Claim(
        id: "funk-hecke/eigenvalues", source: "Funk–Hecke formula (Docs/conventions.md §3), as used by Dandi & Jacot Lemma 4",
        statement: "A dot-product kernel f(⟨x,y⟩) on S^(d−1) acts on degree-k harmonics with eigenvalue μ_k = ∫ f P_k c_d (1−t²)^((d−3)/2) dt = Σ_m f_m β_k^m(d)/N(d,k), and Σ_k N(d,k) μ_k = f(1)."
    ) {
        var v = VerdictBuilder()
        // f(t) = (1+t)^6/64 − t³/5 (a polynomial kernel with mixed signs): the integral from exact sphere
        // moments against the β route, both exact.
        var f = try (0...6).map { ExactReal(Rational(try BigInt.binomial(6, $0)) / 64) }
        f[3] = try f[3] - ExactReal(try Rational(1, 5))
        for d in [2, 3, 5, 10] {
            let viaBeta = try SphereSpectrum.exactEigenvalues(ofPolynomial: f, dimension: d, maxDegree: 6)
            let moments = try (0...12).map { try Sphere.moment($0, dimension: d) }
            var sum = ExactReal.zero
            for k in 0...6 {
                let pk = try Gegenbauer.legendreCoefficients(k, dimension: d)
                var integral = ExactReal.zero
                for (i, fi) in f.enumerated() { for (j, pj) in pk.enumerated() where !pj.isZero { integral = try integral + fi * ExactReal(pj * moments[i + j]) } }
                try v.exact("d = \(d), k = \(k): ∫ f P_k dμ vs Σ f_m β_k^m / N", lhs: integral, rhs: viaBeta[k])
                sum = try sum + viaBeta[k] * ExactReal(Rational(try Sphere.multiplicity(dimension: d, degree: k)))
            }
            let fAtOne = try f.reduce(ExactReal.zero) { try $0 + $1 }
            try v.exact("d = \(d): Σ N(d,k) μ_k vs f(1)", lhs: sum, rhs: fAtOne)
        }
        return (v.verdict, v.evidence)
    }
}

/// The catalogue of claims, in a stable order.
public enum ClaimCatalogue {
    public static var all: [Claim] { DandiJacotClaims.all + SimonBlogClaims.all + GeneralClaims.all + DandiJacotClaims.theorem1Lemma2AndConstantTerm
        + CNTKClaims.all + HEAClaims.all }

    public static func claim(_ id: String) -> Claim? { all.first { $0.id == id } }
}
