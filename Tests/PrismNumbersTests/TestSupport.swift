@testable import PrismNumbers

extension BigInt {
    /// A random integer with up to `maxDigits` decimal digits, either sign.
    static func random(maxDigits: Int, using g: inout SplitMix64) -> BigInt {
        let n = Int.random(in: 1...maxDigits, using: &g)
        var s = Bool.random(using: &g) ? "-" : ""
        for _ in 0..<n { s.append(Character(String(Int.random(in: 0...9, using: &g)))) }
        return BigInt(s)!
    }
}

extension Rational {
    /// A random rational with numerator and denominator of up to `maxDigits` digits.
    static func random(maxDigits: Int, using g: inout SplitMix64) -> Rational {
        var d = BigInt.random(maxDigits: maxDigits, using: &g).magnitude
        if d.isZero { d = 1 }
        return try! Rational(BigInt.random(maxDigits: maxDigits, using: &g), d)
    }

    /// A random rational in [lo, hi] with a denominator of up to 2^30.
    static func random(in range: ClosedRange<Double>, using g: inout SplitMix64) -> Rational {
        let den = Int.random(in: 1...(1 << 30), using: &g)
        let x = Double.random(in: range, using: &g)
        return try! Rational(Int((x * Double(den)).rounded()), den)
    }
}

