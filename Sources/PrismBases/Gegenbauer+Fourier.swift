import PrismNumbers

/// A trigonometric polynomial T(θ) = Σ_{j=0}^{J} (a_j cos jθ + b_j sin jθ) with rational coefficients,
/// dense by frequency (b_0 = 0). Products use cos a cos b = (cos(a+b) + cos(a−b))/2,
/// cos a sin b = (sin(a+b) − sin(a−b))/2, sin a sin b = (cos(a−b) − cos(a+b))/2.
///
/// Error contract: exact.
public struct TrigonometricPolynomial: Sendable, Equatable {
    /// a_0 … a_J.
    public private(set) var cosine: [Rational]
    /// b_0 … b_J (b_0 = 0).
    public private(set) var sine: [Rational]

    /// The polynomial with the given coefficients (the shorter array is padded with zeros; b_0 is ignored).
    public init(cosine: [Rational], sine: [Rational] = []) {
        let count = Swift.max(cosine.count, sine.count, 1)
        self.cosine = cosine + [Rational](repeating: 0, count: count - cosine.count)
        self.sine = sine + [Rational](repeating: 0, count: count - sine.count)
        self.sine[0] = 0
    }

    /// The highest frequency J stored.
    public var maxFrequency: Int { cosine.count - 1 }

    /// The product with another trigonometric polynomial.
    public func multiplied(by other: TrigonometricPolynomial) -> TrigonometricPolynomial {
        let J = maxFrequency + other.maxFrequency
        var c = [Rational](repeating: 0, count: J + 1), s = [Rational](repeating: 0, count: J + 1)
        let half = Rational(1) / Rational(2)
        // cos jθ and sin jθ with a signed frequency j, folded onto j ≥ 0.
        func addCos(_ j: Int, _ v: Rational) { c[Swift.abs(j)] += v }
        func addSin(_ j: Int, _ v: Rational) { if j != 0 { s[Swift.abs(j)] += j < 0 ? -v : v } }
        for a in 0...maxFrequency {
            let (ca, sa) = (cosine[a], sine[a])
            if ca.isZero && sa.isZero { continue }
            for b in 0...other.maxFrequency {
                let (cb, sb) = (other.cosine[b], other.sine[b])
                if !ca.isZero && !cb.isZero { let v = ca * cb * half; addCos(a + b, v); addCos(a - b, v) }
                if !ca.isZero && !sb.isZero { let v = ca * sb * half; addSin(a + b, v); addSin(b - a, v) }
                if !sa.isZero && !cb.isZero { let v = sa * cb * half; addSin(a + b, v); addSin(a - b, v) }
                if !sa.isZero && !sb.isZero { let v = sa * sb * half; addCos(a - b, v); addCos(a + b, -v) }
            }
        }
        return TrigonometricPolynomial(cosine: c, sine: s)
    }

    /// T(θ)·cos θ.
    public func timesCos() -> TrigonometricPolynomial { multiplied(by: TrigonometricPolynomial(cosine: [0, 1])) }

    /// T(θ)·sin θ.
    public func timesSin() -> TrigonometricPolynomial { multiplied(by: TrigonometricPolynomial(cosine: [0, 0], sine: [0, 1])) }
}

extension Gegenbauer {
    /// The angular weights of the Funk–Hecke formula as exact trigonometric polynomials,
    ///
    ///     Q_k(θ) = P_k^{(d)}(cos θ) sin^{d−2}θ,   k = 0…K,   frequencies ≤ k + d − 2,
    ///
    /// so that μ_k = c_d ∫₀^π f(θ) Q_k(θ) dθ is a combination of Fourier moments of f (the one place this
    /// expansion is written; the exact arc-cosine spectra and the θ-quadrature route both use it).
    /// For d ≥ 3, C_k^{(λ)}(cos θ) = Σ_m g_m g_{k−m} cos (k−2m)θ with g_m = (λ)_m/m! ≥ 0, λ = (d−2)/2
    /// (DLMF 18.5.11), so P_k's cosine coefficients are ≥ 0 and sum to 1; P_k^{(2)}(cos θ) = cos kθ; sin^{d−2}θ
    /// has ℓ¹ norm 1, hence Σ_j |a_kj| + |b_kj| ≤ 1.  Error contract: exact; throws for d < 2 and past the
    /// degree limit.
    public static func angularWeights(dimension d: Int, maxDegree K: Int) throws -> [TrigonometricPolynomial] {
        try check(K)
        guard d >= 2 else { throw PrismError.domain("dimension d must be ≥ 2, got \(d)") }
        var sinPower = TrigonometricPolynomial(cosine: [1])
        for _ in 0..<(d - 2) { sinPower = sinPower.timesSin() }
        let lambda = Rational(d - 2) / Rational(2)
        var g: [Rational] = [1] // (λ)_m/m!
        if K >= 1 { for m in 1...K { g.append(g[m - 1] * (lambda + Rational(m - 1)) / Rational(m)) } }
        return (0...K).map { k in
            var p = [Rational](repeating: 0, count: k + 1)
            if d == 2 {
                p[k] = 1
            } else {
                var total = Rational(0)
                for m in 0...k { total += g[m] * g[k - m] }
                for m in 0...k { p[Swift.abs(k - 2 * m)] += g[m] * g[k - m] / total }
            }
            return TrigonometricPolynomial(cosine: p).multiplied(by: sinPower)
        }
    }
}
