import Testing
@testable import PrismNumbers

@Suite struct CertifiedValueTests {
    func certify(_ text: String, digits: Int, cap: Int? = nil) throws -> CertifiedValue {
        let e = try ExpressionParser().parse(text)
        if let exact = try e.exactValue() { return try CertifiedValue(exact: exact, digits: digits) }
        return try CertifiedValue(digits: digits, precisionCap: cap) { try e.enclosure(precision: $0) }
    }

    /// √2 to D digits against exact integer square roots: N = ⌊√(2·10^(2(D−1)))⌋, rounded up
    /// when (2N+1)² < 4·2·10^(2(D−1)).
    @Test func squareRootOfTwoAtEveryDigitCount() throws {
        for D in 1...80 {
            let target = 2 * BigInt.pow10(2 * (D - 1))
            var n = target.integerRoot(2).root
            if (2 * n + 1) * (2 * n + 1) < 4 * target { n += 1 }
            // The nearest D-digit decimal of √2 is n·10^(1−D).
            let expected = try Rational(n, BigInt.pow10(D - 1))
            // Evaluate through a non-exact path (√2 times an irrational near 1 would change it), so use the
            // numeric enclosure of sqrt(2) directly.
            let value = try CertifiedValue(digits: D) { try Interval(2, precision: $0).applying(.sqrt) }
            #expect(try Rational(parsing: value.value) == expected, "D = \(D)")
            #expect(try Rational(parsing: value.lower) < expected || value.value == value.lower)
        }
    }

    @Test func doublesAreCorrectlyRounded() throws {
        // IEEE 754 sqrt is correctly rounded: an independent reference for the binary64 field.
        var g = SplitMix64(seed: 21)
        for _ in 0..<300 {
            let x = Double.random(in: 1e-300...1e300, using: &g)
            let q = Rational(exactly: x)!
            let value = try CertifiedValue(digits: 20) { try Interval(q, precision: $0).applying(.sqrt) }
            #expect(value.double == x.squareRoot(), "sqrt(\(x))")
        }
        #expect(try certify("1/3", digits: 5).doubleHex == "0x1.5555555555555p-2")
        #expect(try certify("-0.75", digits: 5).doubleHex == "-0x1.8p-1")
        #expect(try certify("0", digits: 5).doubleHex == "0x0p+0")
        #expect(try certify("2^2000", digits: 5).doubleHex == "inf")
        #expect(try certify("2^(-1074)", digits: 5).doubleHex == "0x0.0000000000001p-1022")
    }

    @Test func valuesBesideRoundingBoundaries() throws {
        // exp(1e-60) = 1 + 1e-60 + …: nearest at 10 digits is 1, upper is 1.000000001.
        let v = try certify("exp(1e-60)", digits: 10)
        #expect(v.value == "1" && v.lower == "1" && v.upper == "1.000000001")
        // 1/3 + 1e-100 (exact) at 100 digits rounds up at the last place.
        let w = try certify("1/3+1e-100", digits: 100)
        #expect(w.value.hasSuffix("334"))
        // An irrational just below a boundary: 1 − exp(−100) at 30 digits is 0.999…9 (30 nines) + ….
        let z = try certify("1-exp(-100)", digits: 30)
        #expect(z.value == "1")
        #expect(z.lower == "0." + String(repeating: "9", count: 30))
    }

    @Test func boundsBracketValueAndExactDecimalsAreTight() throws {
        for text in ["pi", "-e", "1/7", "0.5", "exp(-745)", "gamma(171)", "erfc(30)", "sin(1e22)", "1e-30", "log(1+1e-40)"] {
            for D in [1, 5, 17, 30, 60] {
                let v = try certify(text, digits: D)
                let (lo, val, hi) = (try Rational(parsing: v.lower), try Rational(parsing: v.value), try Rational(parsing: v.upper))
                #expect(lo <= val && val <= hi, "\(text) at \(D)")
                if lo == hi { #expect(v.value == v.lower && v.lower == v.upper) }
            }
        }
        let half = try certify("0.5", digits: 30)
        #expect(half.value == "0.5" && half.lower == "0.5" && half.upper == "0.5" && half.exact == "1/2")
    }

    @Test func exactZerosComeFromExactArithmeticNotFromSmallNumbers() throws {
        #expect(try certify("sin(pi)", digits: 30).value == "0")
        #expect(try certify("exp(1/3)^3-e", digits: 30).exact == "0")
        // sin(1) − sin(1) is zero, but nothing here proves it exactly: no digit may be printed.
        #expect(throws: PrismError.self) { try certify("sin(1)-sin(1)", digits: 10, cap: 4096) }
        do { _ = try certify("sin(1)-sin(1)", digits: 10, cap: 4096) } catch let e as PrismError { #expect(!e.isInputError) }
    }

    @Test func digitLimits() {
        #expect(throws: PrismError.self) { try certify("pi", digits: 0) }
        #expect(throws: PrismError.self) { try certify("pi", digits: CertifiedValue.digitsRange.upperBound + 1) }
        #expect(throws: Never.self) { try certify("pi", digits: 2000) }
    }
}
