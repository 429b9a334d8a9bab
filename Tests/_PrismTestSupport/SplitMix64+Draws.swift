import PrismNumbers

/// Draws for randomised tests from the seeded `SplitMix64` (PrismNumbers).
extension SplitMix64 {
    /// A random precision in bits (Arb's tests draw one or two per case).
    public mutating func precision(_ range: ClosedRange<Int> = 24...320) -> Int { Int.random(in: range, using: &self) }

    /// A random rational p/q with p and q drawn from the ranges (q's range must exclude 0).
    public mutating func rational(numerators: ClosedRange<Int>, denominators: ClosedRange<Int>) -> Rational {
        let p = Int.random(in: numerators, using: &self), q = Int.random(in: denominators, using: &self)
        return Rational(p) / Rational(q)
    }
}
