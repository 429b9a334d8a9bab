import PrismNumbers

/// Exact quantities of the sphere S^{d−1} with its uniform probability measure (Docs/conventions.md §3).
public enum Sphere {
    static func check(_ d: Int) throws {
        guard d >= 2 else { throw PrismError.domain("dimension d must be ≥ 2, got \(d)") }
        guard d <= 1_000_000 else { throw PrismError.limitExceeded("dimension \(d) (limit 1000000)") }
    }

    /// N(d,k), the dimension of degree-k spherical harmonics on S^{d−1}:
    /// N(d,0) = 1, N(d,k) = (2k+d−2)/k · binom(k+d−3, k−1).  Error contract: exact.
    public static func multiplicity(dimension d: Int, degree k: Int) throws -> BigInt {
        try check(d)
        guard k >= 0 else { throw PrismError.domain("degree must be ≥ 0, got \(k)") }
        if k == 0 { return 1 }
        let b = try BigInt.binomial(BigInt(k + d - 3), k - 1)
        return b.multiplied(by: 2 * k + d - 2).dividedExactly(by: k)
    }

    /// c_d = Γ(d/2) / (√π Γ((d−1)/2)), the density constant of t = ⟨x,y⟩ (rational for odd d,
    /// a rational over π for even d).  Error contract: exact.
    public static func densityConstant(dimension d: Int) throws -> ExactReal {
        try check(d)
        guard d <= 20_000 else { throw PrismError.limitExceeded("exact density constant for d > 20000") }
        let half = Rational.fraction(1, 2)
        let num = try ExactReal.applying(.gamma, to: ExactReal(Rational(d) * half))
        let den = try ExactReal.applying(.gamma, to: ExactReal(Rational(d - 1) * half))
        let rootPi = try ExactReal(.pi).power(half)
        return try num / (den * rootPi)
    }

    /// ∫ t^m c_d (1−t²)^{(d−3)/2} dt = E[t^m]: 0 for odd m, and
    /// (m−1)!! / (d (d+2) ⋯ (d+m−2)) for even m.  Error contract: exact.
    public static func moment(_ m: Int, dimension d: Int) throws -> Rational {
        try check(d)
        guard m >= 0 else { throw PrismError.domain("moment order must be ≥ 0") }
        if m % 2 == 1 { return 0 }
        var num = BigInt(1), den = BigInt(1)
        for i in 0..<(m / 2) { num = num.multiplied(by: 2 * i + 1); den = den.multiplied(by: d + 2 * i) }
        return try Rational(num, den)
    }
}

/// Exact Gaussian moments E[z^m], z ~ N(0, 1).
public enum Gaussian {
    /// E[z^m] = (m−1)!! for even m, 0 for odd m.  Error contract: exact.
    public static func moment(_ m: Int) throws -> BigInt {
        guard m >= 0 else { throw PrismError.domain("moment order must be ≥ 0") }
        return m % 2 == 1 ? 0 : try BigInt.doubleFactorial(m - 1)
    }
}
