import _CPrismGMP

extension Rational {
    /// The largest |exponent| accepted in decimal input such as `1e-30`
    /// (10^1000000 has about 3.3 million bits; larger would only waste memory).
    public static let maxDecimalExponent = 1_000_000

    /// Parses an exact rational: an integer (`-3`), a fraction of integers
    /// (`22/7`), or a decimal with optional exponent (`1.25`, `.5`, `1e-30`,
    /// `-2.5E+3`). Decimals are read exactly (`0.1` is 1/10).
    ///
    /// Error contract: exact; malformed text throws `PrismError.parse` with the
    /// 1-based position of the first offending character.
    public init(parsing text: String) throws {
        let chars = Array(text)
        guard !chars.isEmpty else { throw PrismError.parse(message: "empty number", position: 1) }
        if let slash = chars.firstIndex(of: "/") {
            let p = try Rational.parseDecimal(chars[..<slash], offset: 0)
            let q = try Rational.parseDecimal(chars[(slash + 1)...], offset: slash + 1)
            guard !q.isZero else { throw PrismError.divisionByZero }
            self = p / q
        } else {
            self = try Rational.parseDecimal(chars[...], offset: 0)
        }
    }

    /// Reads `[+-]digits[.digits][(e|E)[+-]digits]` exactly; positions are 1-based in the whole text.
    private static func parseDecimal(_ chars: ArraySlice<Character>, offset: Int) throws -> Rational {
        var i = chars.startIndex
        func fail(_ message: String) -> PrismError { .parse(message: message, position: i + 1) }
        var negative = false
        if i < chars.endIndex, chars[i] == "-" || chars[i] == "+" { negative = chars[i] == "-"; i += 1 }
        var digits = ""
        var fractionDigits = 0
        var sawPoint = false
        while i < chars.endIndex {
            let c = chars[i]
            if c.isASCII && c.isNumber { digits.append(c); if sawPoint { fractionDigits += 1 } }
            else if c == "." && !sawPoint { sawPoint = true }
            else { break }
            i += 1
        }
        guard !digits.isEmpty else { throw fail(i < chars.endIndex ? "expected a digit, found '\(chars[i])'" : "expected a digit") }
        var exponent = 0
        if i < chars.endIndex, chars[i] == "e" || chars[i] == "E" {
            i += 1
            var expNegative = false
            if i < chars.endIndex, chars[i] == "-" || chars[i] == "+" { expNegative = chars[i] == "-"; i += 1 }
            let start = i
            while i < chars.endIndex, chars[i].isASCII, chars[i].isNumber { i += 1 }
            guard i > start else { throw fail("expected exponent digits") }
            guard i - start <= 7, let e = Int(String(chars[start..<i])), e <= maxDecimalExponent else {
                throw PrismError.limitExceeded("decimal exponent beyond ±\(maxDecimalExponent)")
            }
            exponent = expNegative ? -e : e
        }
        guard i == chars.endIndex else { throw fail("unexpected character '\(chars[i])'") }
        let scale = exponent - fractionDigits
        guard abs(scale) <= maxDecimalExponent + 1_000_000 else { throw PrismError.limitExceeded("decimal with too many digits") }
        guard var mantissa = BigInt(digits) else { throw fail("no digits") }
        if negative { mantissa = -mantissa }
        return scale >= 0 ? Rational(mantissa * BigInt.pow10(scale)) : try Rational(mantissa, BigInt.pow10(-scale))
    }
}

// MARK: - Exact decimal rounding

/// A finite decimal d₁.d₂d₃… × 10^e (or 0), the output form of every certified value.
public struct DecimalApproximation: Sendable, Equatable {
    public var negative: Bool
    /// Significant digits, first nonzero, possibly with trailing zeros; empty for zero.
    public var digits: [UInt8]
    /// The decimal exponent of the first digit: value = 0.d₁d₂… × 10^(exponent+1).
    public var exponent: Int

    public static let zero = DecimalApproximation(negative: false, digits: [], exponent: 0)

    public var isZero: Bool { digits.allSatisfy { $0 == 0 } }

    /// The value written for people and parsers: trailing zeros dropped,
    /// positional when −5 ≤ exponent < max(D, 21), otherwise `d.ddde±N`.
    public func formatted(significantDigits D: Int) -> String {
        var ds = digits
        while let last = ds.last, last == 0 { ds.removeLast() }
        if ds.isEmpty { return "0" }
        let sign = negative ? "-" : ""
        let text = ds.map { String($0) }.joined()
        let e = exponent
        if e >= -5 && e < max(D, 21) {
            if e < 0 { return sign + "0." + String(repeating: "0", count: -e - 1) + text }
            if ds.count <= e + 1 { return sign + text + String(repeating: "0", count: e + 1 - ds.count) }
            let cut = text.index(text.startIndex, offsetBy: e + 1)
            return sign + text[..<cut] + "." + text[cut...]
        }
        let mantissa = ds.count == 1 ? text : String(text.prefix(1)) + "." + text.dropFirst()
        return sign + mantissa + "e" + (e < 0 ? "-" : "+") + String(abs(e))
    }

    /// The exact rational this decimal denotes.
    public var rational: Rational {
        if isZero { return 0 }
        var m = digits.reduce(BigInt(0)) { $0.multiplied(by: 10) + BigInt(Int($1)) }
        if negative { m = -m }
        let scale = exponent - (digits.count - 1)
        return scale >= 0 ? Rational(m * BigInt.pow10(scale)) : Rational(m) / Rational(BigInt.pow10(-scale))
    }
}

/// How to round to a decimal or binary format.
public enum RoundingDirection: Sendable {
    /// To nearest, ties to even.
    case nearest
    /// Toward −∞.
    case down
    /// Toward +∞.
    case up
}

extension Rational {
    /// The `D`-significant-digit decimal obtained by rounding `self` in `direction`.
    ///
    /// Error contract: exact (computed with integer arithmetic; ties go to even).
    public func decimal(significantDigits D: Int, rounding direction: RoundingDirection) -> DecimalApproximation {
        precondition(D >= 1)
        if isZero { return .zero }
        let num = numerator.magnitude
        let den = denominator
        // e = ⌊log10 |q|⌋: estimate from digit counts, then correct by comparison.
        var e = num.decimalDigitCount - den.decimalDigitCount
        func atLeastPow10(_ k: Int) -> Bool { // |q| ≥ 10^k ?
            k >= 0 ? num >= den * BigInt.pow10(k) : num * BigInt.pow10(-k) >= den
        }
        if !atLeastPow10(e) { e -= 1 }
        if atLeastPow10(e + 1) { e += 1 }
        // scaled = |q| · 10^(D−1−e) ∈ [10^(D−1), 10^D)
        let shift = D - 1 - e
        let (n, d) = shift >= 0 ? (num * BigInt.pow10(shift), den) : (num, den * BigInt.pow10(-shift))
        var (q, r) = n.truncatedDivision(by: d) // d = denominator · 10^k ≥ 1
        let negative = signum < 0
        if !r.isZero {
            let roundAway: Bool
            switch direction {
            case .nearest:
                let twice = r + r
                roundAway = twice > d || (twice == d && q.isOdd)
            case .down: roundAway = negative
            case .up: roundAway = !negative
            }
            if roundAway { q += 1 }
        }
        var text = q.description
        if text.count > D { // rounded up to 10^D
            text.removeLast()
            e += 1
        }
        return DecimalApproximation(negative: negative, digits: text.utf8.map { $0 - 48 }, exponent: e)
    }
}
