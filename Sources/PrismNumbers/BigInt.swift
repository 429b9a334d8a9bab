import _CPrismGMP
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An arbitrary-precision integer (GMP `mpz_t`) with value semantics.
///
/// Error contract: exact. Operations that GMP would abort on (division by
/// zero, absurd sizes) throw or are bounded before GMP is called.
public struct BigInt: Sendable {
    @usableFromInline var storage: MPZStorage

    @inlinable init(storage: MPZStorage) { self.storage = storage }

    /// Makes a new integer by letting `body` set a freshly initialised `mpz_t`.
    @inlinable static func make(_ body: (UnsafeMutablePointer<__mpz_struct>) -> Void) -> BigInt {
        let s = MPZStorage()
        body(s.pointer)
        return BigInt(storage: s)
    }

    @inlinable var pointer: UnsafeMutablePointer<__mpz_struct> { storage.pointer }

    public init() { self = .make { _ in } }

    public init(_ value: Int) { self = .make { prism_mpz_set_si($0, value) } }

    public init<T: BinaryInteger>(_ value: T) {
        if let small = Int(exactly: value) {
            self = BigInt(small)
        } else {
            // Wider than Int: from the magnitude's words, most significant first, half a word at a time.
            let half = UInt.bitWidth / 2
            var result = BigInt(0)
            for word in value.magnitude.words.reversed() {
                result = result.shiftedLeft(half) + BigInt(Int(word >> half))
                result = result.shiftedLeft(half) + BigInt(Int(word & (1 << half - 1)))
            }
            self = value < 0 ? -result : result
        }
    }

    /// Parses a decimal integer with an optional sign (`-123`, `+7`).
    public init?(_ text: String) {
        var body = Substring(text)
        var negative = false
        if let first = body.first, first == "-" || first == "+" {
            negative = first == "-"
            body = body.dropFirst()
        }
        guard !body.isEmpty, body.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        var ok = true
        let value = BigInt.make { z in ok = prism_mpz_set_str(z, String(body), 10) == 0 }
        guard ok else { return nil }
        self = negative ? -value : value
    }

    /// The sign: −1, 0 or 1.
    public var signum: Int { Int(prism_mpz_sgn(pointer)) }
    public var isZero: Bool { signum == 0 }
    public var isOdd: Bool { prism_mpz_fdiv_ui(pointer, 2) == 1 }

    /// The value as an `Int`, if it fits.
    public var intValue: Int? { prism_mpz_fits_slong_p(pointer) != 0 ? prism_mpz_get_si(pointer) : nil }

    /// Number of bits of |self| (0 for 0).
    public var bitWidth: Int { isZero ? 0 : Int(prism_mpz_sizeinbase(pointer, 2)) }

    /// Number of decimal digits of |self| (1 for 0).
    public var decimalDigitCount: Int {
        // mpz_sizeinbase may overestimate by one in base 10.
        let estimate = Int(prism_mpz_sizeinbase(pointer, 10))
        if estimate <= 1 { return 1 }
        return BigInt.pow10(estimate - 1).compareMagnitude(self) > 0 ? estimate - 1 : estimate
    }

    func compareMagnitude(_ other: BigInt) -> Int { Int(prism_mpz_cmpabs(pointer, other.pointer)).signum() }

    /// 10^n for n ≥ 0.
    static func pow10(_ n: Int) -> BigInt { .make { prism_mpz_ui_pow_ui($0, 10, UInt(n)) } }
}

// MARK: - Arithmetic

extension BigInt {
    @inlinable public static func + (a: BigInt, b: BigInt) -> BigInt { .make { prism_mpz_add($0, a.pointer, b.pointer) } }
    @inlinable public static func - (a: BigInt, b: BigInt) -> BigInt { .make { prism_mpz_sub($0, a.pointer, b.pointer) } }
    @inlinable public static func * (a: BigInt, b: BigInt) -> BigInt { .make { prism_mpz_mul($0, a.pointer, b.pointer) } }
    @inlinable public static prefix func - (a: BigInt) -> BigInt { .make { prism_mpz_neg($0, a.pointer) } }

    @inlinable public static func += (a: inout BigInt, b: BigInt) {
        if isKnownUniquelyReferenced(&a.storage) { prism_mpz_add(a.pointer, a.pointer, b.pointer) } else { a = a + b }
    }
    @inlinable public static func -= (a: inout BigInt, b: BigInt) {
        if isKnownUniquelyReferenced(&a.storage) { prism_mpz_sub(a.pointer, a.pointer, b.pointer) } else { a = a - b }
    }
    @inlinable public static func *= (a: inout BigInt, b: BigInt) {
        if isKnownUniquelyReferenced(&a.storage) { prism_mpz_mul(a.pointer, a.pointer, b.pointer) } else { a = a * b }
    }

    /// Truncated division: `self = quotient·divisor + remainder`, |remainder| < |divisor|,
    /// remainder with the sign of `self` (like Swift's `Int`).
    public func quotientAndRemainder(dividingBy divisor: BigInt) throws -> (quotient: BigInt, remainder: BigInt) {
        guard !divisor.isZero else { throw PrismError.divisionByZero }
        return truncatedDivision(by: divisor)
    }

    /// Truncated division by a divisor the caller has proven nonzero (a positive denominator, a
    /// power of ten); precondition checked, as for `dividedExactly(by:)` (GMP would abort).
    func truncatedDivision(by divisor: BigInt) -> (quotient: BigInt, remainder: BigInt) {
        precondition(!divisor.isZero, "BigInt division by zero")
        let r = MPZStorage()
        let q = BigInt.make { prism_mpz_tdiv_qr($0, r.pointer, pointer, divisor.pointer) }
        return (q, BigInt(storage: r))
    }

    /// Floor division: quotient = ⌊self / divisor⌋, remainder with the sign of the divisor.
    public func flooredDivision(by divisor: BigInt) throws -> (quotient: BigInt, remainder: BigInt) {
        guard !divisor.isZero else { throw PrismError.divisionByZero }
        return flooredDivision(byNonzero: divisor)
    }

    /// Floor division by a divisor the caller has proven nonzero; precondition checked.
    func flooredDivision(byNonzero divisor: BigInt) -> (quotient: BigInt, remainder: BigInt) {
        precondition(!divisor.isZero, "BigInt division by zero")
        let r = MPZStorage()
        let q = BigInt.make { prism_mpz_fdiv_qr($0, r.pointer, pointer, divisor.pointer) }
        return (q, BigInt(storage: r))
    }

    /// Whether `divisor` divides `self` (0 divides only 0).
    public func isMultiple(of divisor: BigInt) -> Bool { prism_mpz_divisible_p(pointer, divisor.pointer) != 0 }

    /// Exact quotient; precondition checked: `divisor` divides `self`.
    func dividedExactly(by divisor: BigInt) -> BigInt {
        precondition(!divisor.isZero)
        return .make { prism_mpz_divexact($0, pointer, divisor.pointer) }
    }

    /// self · n for a machine integer n.
    public func multiplied(by n: Int) -> BigInt { .make { prism_mpz_mul_si($0, pointer, n) } }

    /// self / n for a positive machine integer n that divides self exactly (the caller's
    /// invariant; checked in debug builds).
    public func dividedExactly(by n: Int) -> BigInt {
        precondition(n > 0, "division by \(n)")
        assert(prism_mpz_divisible_ui_p(pointer, UInt(n)) != 0, "inexact division by \(n)")
        return .make { _ = prism_mpz_divexact_ui($0, pointer, UInt(n)) }
    }

    /// self · m / n for machine integers m and n > 0 where n divides self · m exactly (the
    /// caller's invariant; checked in debug builds): one allocation, two GMP calls.
    public func multiplied(by m: Int, dividedExactlyBy n: Int) -> BigInt {
        precondition(n > 0, "division by \(n)")
        return .make { r in
            prism_mpz_mul_si(r, pointer, m)
            assert(prism_mpz_divisible_ui_p(r, UInt(n)) != 0, "inexact division by \(n)")
            _ = prism_mpz_divexact_ui(r, r, UInt(n))
        }
    }

    /// self · 2^n for n ≥ 0 (callers bound n).
    public func shiftedLeft(_ n: Int) -> BigInt {
        precondition(n >= 0)
        return .make { prism_mpz_mul_2exp($0, pointer, mp_bitcnt_t(n)) }
    }

    /// ⌊self / 2^n⌋ (`.down`) or ⌈self / 2^n⌉ (`.up`), n ≥ 0.
    public func shiftedRight(_ n: Int, rounding: RoundingDirection) -> BigInt {
        precondition(n >= 0)
        return rounding == .up ? .make { prism_mpz_cdiv_q_2exp($0, pointer, mp_bitcnt_t(n)) }
                               : .make { prism_mpz_fdiv_q_2exp($0, pointer, mp_bitcnt_t(n)) }
    }

    /// Σᵢ cᵢ·2^{64·slot·i} (Kronecker substitution) for 0 ≤ cᵢ < 2^{64·slot}: the product of two packed
    /// sequences is the packed sequence of their convolution while every convolution sum stays below
    /// 2^{64·slot} — one GMP multiplication instead of n² (FLINT multiplies polynomials this way).
    public static func packed(_ coefficients: [BigInt], slotLimbs slot: Int) -> BigInt {
        precondition(slot >= 1 && coefficients.allSatisfy { $0.signum >= 0 && $0.bitWidth <= 64 * slot })
        let pointers: [UnsafePointer<__mpz_struct>?] = coefficients.map { UnsafePointer($0.pointer) }
        return withExtendedLifetime(coefficients) {
            pointers.withUnsafeBufferPointer { buffer in
                .make { prism_mpz_pack($0, buffer.baseAddress, buffer.count, slot) }
            }
        }
    }

    /// Slots 0…count−1 of a packed non-negative integer (the inverse of `packed`).
    public func unpacked(slotLimbs slot: Int, count: Int) -> [BigInt] {
        precondition(slot >= 1 && signum >= 0)
        return (0..<count).map { i in .make { prism_mpz_unpack_slot($0, pointer, i, slot) } }
    }

    /// |self|.
    public var magnitude: BigInt { signum >= 0 ? self : -self }

    /// self^exponent, exponent ≥ 0. Throws if the result would exceed `BigInt.maxBits`.
    public func power(_ exponent: Int) throws -> BigInt {
        guard exponent >= 0 else { throw PrismError.domain("negative exponent \(exponent) for an integer power") }
        if exponent == 0 { return 1 }
        let bits = bitWidth
        if bits > 1, (bits - 1).multipliedReportingOverflow(by: exponent).overflow
            || (bits - 1) * exponent > BigInt.maxBits {
            throw PrismError.limitExceeded("integer power with about \(bits) × \(exponent) bits (limit \(BigInt.maxBits) bits)")
        }
        return .make { prism_mpz_pow_ui($0, pointer, UInt(exponent)) }
    }

    /// The largest size, in bits, of an integer Prism will build by a power,
    /// factorial or binomial (2^26 bits = 8 MiB): beyond it GMP could exhaust memory.
    public static let maxBits = 1 << 26
}

// MARK: - Number theory and combinatorics

extension BigInt {
    /// Greatest common divisor, ≥ 0; gcd(0, 0) = 0.
    public static func gcd(_ a: BigInt, _ b: BigInt) -> BigInt { .make { prism_mpz_gcd($0, a.pointer, b.pointer) } }

    /// Least common multiple, ≥ 0; lcm(a, 0) = 0.
    public static func lcm(_ a: BigInt, _ b: BigInt) -> BigInt { .make { prism_mpz_lcm($0, a.pointer, b.pointer) } }

    /// The largest argument of `factorial` and `doubleFactorial` (n! has about 2^26 bits at n ≈ 3·10^6).
    public static let maxFactorialArgument = 2_000_000

    /// n! for 0 ≤ n ≤ `maxFactorialArgument`.
    public static func factorial(_ n: Int) throws -> BigInt {
        guard n >= 0 else { throw PrismError.domain("factorial of negative \(n)") }
        guard n <= maxFactorialArgument else { throw PrismError.limitExceeded("factorial argument \(n) (limit \(maxFactorialArgument))") }
        return .make { prism_mpz_fac_ui($0, UInt(n)) }
    }

    /// n!! = n(n−2)(n−4)…, with 0!! = (−1)!! = 1, for −1 ≤ n ≤ `maxFactorialArgument`.
    public static func doubleFactorial(_ n: Int) throws -> BigInt {
        if n == -1 { return 1 }
        guard n >= 0 else { throw PrismError.domain("double factorial of \(n) (defined for n ≥ −1)") }
        guard n <= maxFactorialArgument else { throw PrismError.limitExceeded("double factorial argument \(n) (limit \(maxFactorialArgument))") }
        return .make { prism_mpz_2fac_ui($0, UInt(n)) }
    }

    /// binom(n, k) for any integer n (GMP's extension to negative n) and 0 ≤ k ≤ `maxFactorialArgument`;
    /// 0 for k < 0.
    public static func binomial(_ n: BigInt, _ k: Int) throws -> BigInt {
        if k < 0 { return 0 }
        guard k <= maxFactorialArgument else { throw PrismError.limitExceeded("binomial lower index \(k) (limit \(maxFactorialArgument))") }
        guard n.bitWidth.multipliedReportingOverflow(by: k).overflow == false, n.bitWidth * k <= maxBits * 4 else {
            throw PrismError.limitExceeded("binomial(\(n), \(k)) is too large")
        }
        return .make { prism_mpz_bin_ui($0, n.pointer, UInt(k)) }
    }

    /// ⌊self^(1/n)⌋ for self ≥ 0, and whether the root is exact.
    func integerRoot(_ n: Int) -> (root: BigInt, exact: Bool) {
        precondition(n >= 1 && signum >= 0)
        var exact = false
        let r = BigInt.make { exact = prism_mpz_root($0, pointer, UInt(n)) != 0 }
        return (r, exact)
    }
}

// MARK: - Protocols

extension BigInt: Equatable, Comparable, Hashable {
    public static func == (a: BigInt, b: BigInt) -> Bool { prism_mpz_cmp(a.pointer, b.pointer) == 0 }
    public static func < (a: BigInt, b: BigInt) -> Bool { prism_mpz_cmp(a.pointer, b.pointer) < 0 }

    /// Hashes the canonical value: the sign and the limbs.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(signum)
        let n = prism_mpz_size(pointer)
        for i in 0..<n { hasher.combine(prism_mpz_getlimbn(pointer, mp_size_t(i))) }
    }
}

extension BigInt: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self.init(value) }
}

extension BigInt: SignedNumeric {
    public init?<T: BinaryInteger>(exactly source: T) { self.init(source) }
}

extension BigInt: LosslessStringConvertible, CustomStringConvertible {
    public var description: String {
        guard let cString = prism_mpz_get_str(nil, 10, pointer) else { return "?" }
        defer { free(cString) }
        return String(cString: cString)
    }
}

extension BigInt: Codable {
    /// Decodes from the decimal string form (exact for every size).
    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = BigInt(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an integer: \(text)"))
        }
        self = value
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
