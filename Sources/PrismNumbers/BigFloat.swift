import _CPrismGMP
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A binary floating-point number with an explicit precision in bits (MPFR `mpfr_t`).
///
/// Every operation takes the precision of its result and a rounding
/// direction; nothing reads global state. MPFR rounds every operation and
/// every function here correctly in the requested direction, which is what
/// makes `Interval` rigorous.
///
/// Error contract: correctly rounded (per operation).
// @unchecked: the storage is a ManagedBuffer (never Sendable in the standard library), written once
// when the value is made and never mutated afterwards.
public struct BigFloat: @unchecked Sendable {
    @usableFromInline var storage: MPFRStorage

    @inlinable init(storage: MPFRStorage) { self.storage = storage }

    /// The precisions Prism accepts, in bits.
    public static let precisionRange = 2...(1 << 24)

    @inlinable var pointer: UnsafeMutablePointer<__mpfr_struct> { storage.pointer }

    /// Makes a number of the given precision by letting `body` set it.
    @inlinable static func make(precision: Int, _ body: (UnsafeMutablePointer<__mpfr_struct>) -> Void) -> BigFloat {
        let s = MPFRStorage.make(precision: BigFloat.clampPrecision(precision))
        body(s.pointer)
        return BigFloat(storage: s)
    }

    @inlinable static func clampPrecision(_ p: Int) -> Int {
        precondition(precisionRange.contains(p), "precision \(p) outside \(precisionRange)")
        return p
    }

    public var precision: Int { mpfr_get_prec(pointer) }

    /// +0 at the given precision.
    public init(precision: Int) { self = .make(precision: precision) { mpfr_set_zero($0, 1) } }

    public init(_ value: Int, precision: Int = 64, rounding: RoundingDirection = .nearest) {
        self = .make(precision: precision) { mpfr_set_si($0, value, rounding.mpfr) }
    }

    /// The double, exactly when `precision` ≥ 53.
    public init(_ value: Double, precision: Int = 53, rounding: RoundingDirection = .nearest) {
        self = .make(precision: precision) { mpfr_set_d($0, value, rounding.mpfr) }
    }

    public init(_ value: Rational, precision: Int, rounding: RoundingDirection) {
        self = .make(precision: precision) { mpfr_set_q($0, value.pointer, rounding.mpfr) }
    }

    /// The same number rounded to another precision.
    public func rounded(toPrecision p: Int, rounding: RoundingDirection) -> BigFloat {
        .make(precision: p) { mpfr_set4($0, pointer, rounding.mpfr, mpfr_signbit(pointer) != 0 ? -1 : 1) }
    }

    public var isNaN: Bool { mpfr_nan_p(pointer) != 0 }
    public var isInfinite: Bool { mpfr_inf_p(pointer) != 0 }
    public var isFinite: Bool { mpfr_number_p(pointer) != 0 }
    public var isZero: Bool { mpfr_zero_p(pointer) != 0 }
    /// −1, 0 or 1 (NaN counts as 0).
    public var signum: Int { isNaN ? 0 : Int(prism_mpfr_sgn(pointer)) }

    /// The binary exponent e with self = m·2^e, 1/2 ≤ |m| < 1; −2^62 for 0, NaN and ±∞
    /// (so that comparisons treat 0 as smaller than any regular number).
    public var exponent: Int { mpfr_regular_p(pointer) != 0 ? mpfr_get_exp(pointer) : -(1 << 62) }

    /// The exact value of a finite number as a rational (nil for NaN, ±∞, or a value
    /// whose binary exponent exceeds `BigInt.maxBits`).
    public var rational: Rational? {
        guard isFinite else { return nil }
        if isZero { return 0 }
        let z = MPZStorage()
        let e = mpfr_get_z_2exp(z.pointer, pointer)
        guard abs(e) <= BigInt.maxBits else { return nil }
        let m = BigInt(storage: z)
        if e >= 0 { return Rational(m.shiftedLeft(e)) }
        return try! Rational(m, BigInt(1).shiftedLeft(-e))
    }

    /// ⌊self·2^w⌋ (`.down`) or ⌈self·2^w⌉ (`.up`): a fixed-point value with w fractional bits
    /// (nil for NaN, ±∞, or a result wider than `BigInt.maxBits`).
    public func fixedPoint(fractionBits w: Int, rounding: RoundingDirection) -> BigInt? {
        guard isFinite else { return nil }
        if isZero { return BigInt(0) }
        guard exponent + w <= BigInt.maxBits else { return nil }
        let z = MPZStorage()
        let e = mpfr_get_z_2exp(z.pointer, pointer) + w // self·2^w = z·2^e exactly
        let m = BigInt(storage: z)
        if e >= 0 { return m.shiftedLeft(e) }
        return m.shiftedRight(-e, rounding: rounding == .up ? .up : .down)
    }

    /// Compares with a rational exactly: −1, 0 or 1 (self must not be NaN).
    public func compare(_ q: Rational) -> Int {
        precondition(!isNaN)
        return Int(mpfr_cmp_q(pointer, q.pointer)).signum()
    }

    /// The binary64 rounded in `direction`; ±∞ beyond the double range.
    public func double(rounding direction: RoundingDirection = .nearest) -> Double {
        mpfr_get_d(pointer, direction.mpfr)
    }

    /// The D-significant-digit decimal rounded in `direction` (MPFR's correctly rounded conversion).
    public func decimal(significantDigits D: Int, rounding direction: RoundingDirection) -> DecimalApproximation {
        precondition(isFinite && D >= 1)
        if isZero { return .zero }
        var exp10: mpfr_exp_t = 0
        guard let cString = mpfr_get_str(nil, &exp10, 10, D, pointer, direction.mpfr) else { return .zero }
        defer { mpfr_free_str(cString) }
        var text = String(cString: cString)
        let negative = text.hasPrefix("-")
        if negative { text.removeFirst() }
        return DecimalApproximation(negative: negative, digits: text.utf8.map { $0 - 48 }, exponent: exp10 - 1)
    }
}

extension RoundingDirection {
    @usableFromInline var mpfr: mpfr_rnd_t {
        switch self {
        case .nearest: return MPFR_RNDN
        case .down: return MPFR_RNDD
        case .up: return MPFR_RNDU
        }
    }

    /// The opposite direction (nearest stays nearest).
    public var reversed: RoundingDirection {
        switch self {
        case .nearest: return .nearest
        case .down: return .up
        case .up: return .down
        }
    }
}

// MARK: - Arithmetic with explicit precision and rounding

extension BigFloat {
    /// The operations MPFR rounds correctly; each takes its result precision and direction.
    public func adding(_ b: BigFloat, precision p: Int, rounding r: RoundingDirection) -> BigFloat {
        .make(precision: p) { mpfr_add($0, pointer, b.pointer, r.mpfr) }
    }
    public func subtracting(_ b: BigFloat, precision p: Int, rounding r: RoundingDirection) -> BigFloat {
        .make(precision: p) { mpfr_sub($0, pointer, b.pointer, r.mpfr) }
    }
    public func multiplied(by b: BigFloat, precision p: Int, rounding r: RoundingDirection) -> BigFloat {
        .make(precision: p) { mpfr_mul($0, pointer, b.pointer, r.mpfr) }
    }
    /// self / b; throws for b = 0.
    public func divided(by b: BigFloat, precision p: Int, rounding r: RoundingDirection) throws -> BigFloat {
        guard !b.isZero else { throw PrismError.divisionByZero }
        return .make(precision: p) { mpfr_div($0, pointer, b.pointer, r.mpfr) }
    }
    public func negated() -> BigFloat { .make(precision: precision) { mpfr_neg($0, pointer, MPFR_RNDN) } }
    public var magnitude: BigFloat { .make(precision: precision) { mpfr_abs($0, pointer, MPFR_RNDN) } }

    /// self · 2^k, exact (barring exponent overflow).
    public func scaled(byPowerOfTwo k: Int) -> BigFloat {
        .make(precision: precision) { mpfr_mul_2si($0, pointer, k, MPFR_RNDN) }
    }

    // Operators round to nearest at the larger operand precision.
    public static func + (a: BigFloat, b: BigFloat) -> BigFloat { a.adding(b, precision: max(a.precision, b.precision), rounding: .nearest) }
    public static func - (a: BigFloat, b: BigFloat) -> BigFloat { a.subtracting(b, precision: max(a.precision, b.precision), rounding: .nearest) }
    public static func * (a: BigFloat, b: BigFloat) -> BigFloat { a.multiplied(by: b, precision: max(a.precision, b.precision), rounding: .nearest) }
    public static prefix func - (a: BigFloat) -> BigFloat { a.negated() }
}

extension BigFloat: Equatable, Comparable, Hashable {
    /// Numeric equality (NaN ≠ NaN; +0 = −0), whatever the precisions.
    public static func == (a: BigFloat, b: BigFloat) -> Bool { mpfr_equal_p(a.pointer, b.pointer) != 0 }
    public static func < (a: BigFloat, b: BigFloat) -> Bool { mpfr_less_p(a.pointer, b.pointer) != 0 }

    /// Hashes the numeric value (so equal values at different precisions hash alike).
    public func hash(into hasher: inout Hasher) {
        if let q = rational { hasher.combine(q) } else { hasher.combine(isNaN ? 0 : signum) }
    }
}

extension BigFloat: CustomStringConvertible {
    /// The shortest decimal that MPFR's `%Rg`-style conversion gives at this precision: enough
    /// digits to identify the binary value (⌈p·log10 2⌉ + 1).
    public var description: String {
        if isNaN { return "nan" }
        if isInfinite { return signum < 0 ? "-inf" : "inf" }
        let digits = Int((Double(precision) * 0.30103).rounded(.up)) + 1
        return decimal(significantDigits: digits, rounding: .nearest).formatted(significantDigits: digits)
    }
}
