import Testing
@testable import PrismNumbers
import _PrismTestSupport

@Suite struct RationalTests {
    @Test func fieldLawsOnRandomValues() {
        var g = SplitMix64(seed: 3)
        for _ in 0..<300 {
            let a = Rational.random(maxDigits: 25, using: &g)
            let b = Rational.random(maxDigits: 25, using: &g)
            let c = Rational.random(maxDigits: 25, using: &g)
            #expect(a + b == b + a)
            #expect((a + b) + c == a + (b + c))
            #expect(a * b == b * a)
            #expect((a * b) * c == a * (b * c))
            #expect(a * (b + c) == a * b + a * c)
            #expect(a - b == -(b - a))
            if let inverse = b.reciprocal { #expect(b * inverse == 1); #expect(a / b * b == a) }
            // Canonical form: gcd(num, den) = 1, den > 0.
            let s = a * b + c
            #expect(BigInt.gcd(s.numerator, s.denominator) == 1)
            #expect(s.denominator.signum > 0)
            #expect((a < b) == ((b - a).signum > 0))
        }
    }

    @Test func canonicalFormAndHashing() throws {
        let a = try Rational(6, -4)
        #expect(a.numerator == -3 && a.denominator == 2)
        #expect(a == q("-3/2"))
        #expect(a.hashValue == q("-1.5").hashValue)
        #expect(throws: PrismError.divisionByZero) { try Rational(1, 0) }
        #expect(Rational(0).reciprocal == nil)
        #expect(throws: PrismError.divisionByZero) { try Rational(0).power(-2) }
        #expect(try q("2/3").power(-3) == q("27/8"))
    }

    @Test func parsingIsExact() throws {
        #expect(q("-3") == -3)
        #expect(q("22/7") == (try Rational(22, 7)))
        #expect(q("1.25") == (try Rational(5, 4)))
        #expect(q("0.1") == (try Rational(1, 10)))
        #expect(q(".5") == (try Rational(1, 2)))
        #expect(q("1e-30") == (try Rational(BigInt(1), BigInt.pow10(30))))
        #expect(q("-2.5E+3") == -2500)
        #expect(q("1.5/0.5") == 3)
        for (text, position) in [("", 1), ("1.2.3", 4), ("abc", 1), ("1e", 3), ("3/", 3), ("--1", 2), ("1 ", 2)] {
            #expect(throws: PrismError.self, "\(text)") { try Rational(parsing: text) }
            do { _ = try Rational(parsing: text) } catch PrismError.parse(_, let p) { #expect(p == position, "\(text)") } catch {}
        }
        #expect(throws: PrismError.divisionByZero) { try Rational(parsing: "1/0") }
        #expect(throws: PrismError.self) { try Rational(parsing: "1e999999999") }
    }

    @Test func textRoundTrip() {
        var g = SplitMix64(seed: 4)
        for _ in 0..<200 {
            let a = Rational.random(maxDigits: 30, using: &g)
            #expect(Rational(a.description) == a)
        }
    }

    @Test func exactDecimalRoundingWithTies() {
        func near(_ s: String, _ d: Int) -> String { q(s).decimal(significantDigits: d, rounding: .nearest).formatted(significantDigits: d) }
        func down(_ s: String, _ d: Int) -> String { q(s).decimal(significantDigits: d, rounding: .down).formatted(significantDigits: d) }
        func up(_ s: String, _ d: Int) -> String { q(s).decimal(significantDigits: d, rounding: .up).formatted(significantDigits: d) }
        // Ties go to even.
        #expect(near("0.125", 2) == "0.12")
        #expect(near("0.135", 2) == "0.14")
        #expect(near("0.15", 1) == "0.2")
        #expect(near("0.25", 1) == "0.2")
        #expect(near("2.5", 1) == "2")
        #expect(near("-2.5", 1) == "-2")
        #expect(near("9.5", 1) == "1e+1" || near("9.5", 1) == "10")
        #expect(near("9.5e30", 1) == "1e+31")
        // Just beside a boundary.
        #expect(near("0.125000000000000000000000000000000000000001", 2) == "0.13")
        #expect(near("0.124999999999999999999999999999999999999999", 2) == "0.12")
        #expect(near("1/3", 5) == "0.33333")
        #expect(near("2/3", 5) == "0.66667")
        #expect(down("2/3", 5) == "0.66666")
        #expect(up("1/3", 5) == "0.33334")
        #expect(down("-1/3", 3) == "-0.334")
        #expect(up("-1/3", 3) == "-0.333")
        #expect(up("0.999999", 3) == "1")
        #expect(near("123456789", 3) == "123000000")
        #expect(near("1e-30", 5) == "1e-30")
        #expect(near("12345e20", 3) == "1.23e+24")
        #expect(near("0", 3) == "0")
        // The decimal denotes the rounding exactly, and brackets the value.
        var g = SplitMix64(seed: 5)
        for _ in 0..<200 {
            let q = Rational.random(maxDigits: 20, using: &g)
            let d = Int.random(in: 1...25, using: &g)
            let lo = q.decimal(significantDigits: d, rounding: .down).rational
            let hi = q.decimal(significantDigits: d, rounding: .up).rational
            let n = q.decimal(significantDigits: d, rounding: .nearest).rational
            #expect(lo <= q && q <= hi)
            #expect(n == lo || n == hi)
            #expect((n - q).magnitude <= (lo == n ? hi - q : q - lo).magnitude)
        }
    }

    @Test func correctlyRoundedDouble() {
        // Ties to even at 1 + 2^-53 and 1 + 3·2^-53; beside the tie rounds away.
        let two53 = try! BigInt(2).power(53)
        let ulpHalf = try! Rational(1, two53)
        #expect(Double(1 + ulpHalf) == 1.0)
        #expect(Double(1 + 3 * ulpHalf) == 1.0 + 2 * Double.ulpOfOne)
        #expect(Double(1 + ulpHalf + (try! Rational(BigInt(1), BigInt(2).power(200)))) == 1.0 + Double.ulpOfOne)
        #expect(Double(q("0.1")) == 0.1)
        #expect(Double(q("1/3")) == 1.0 / 3.0)
        #expect(Double(q("-2.5e-320")) == -2.5e-320) // subnormal
        #expect(Double(q("1e400")) == .infinity)
        var g = SplitMix64(seed: 6)
        for _ in 0..<500 {
            let x = Double(bitPattern: g.next())
            guard x.isFinite else { continue }
            #expect(Rational(exactly: x).map(Double.init) == x)
        }
    }

    @Test func codableAsString() throws {
        let value = q("-22/7")
        #expect(try JSONEncoderShim.decode(Rational.self, JSONEncoderShim.encode(value)) == value)
        #expect(try JSONEncoderShim.encode(value).contains("-22"))
        #expect(try JSONEncoderShim.decode(Rational.self, "\"1.25\"") == q("5/4"))
        #expect(throws: (any Error).self) { try JSONEncoderShim.decode(Rational.self, "\"1/0\"") }
    }
}
