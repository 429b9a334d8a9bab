import _CPrismGMP
import RealModule

/// An exact rational number (GMP `mpq_t`), always in canonical form:
/// the denominator is positive and coprime to the numerator.
///
/// Error contract: exact.
public struct Rational: Sendable {
    @usableFromInline var storage: MPQStorage

    @inlinable init(storage: MPQStorage) { self.storage = storage }

    @inlinable static func make(_ body: (UnsafeMutablePointer<__mpq_struct>) -> Void) -> Rational {
        let s = MPQStorage()
        body(s.pointer)
        return Rational(storage: s)
    }

    @inlinable var pointer: UnsafeMutablePointer<__mpq_struct> { storage.pointer }

    public init() { self = .make { _ in } }
    public init(_ value: BigInt) { self = .make { prism_mpq_set_z($0, value.pointer) } }
    public init(_ value: Int) { self.init(BigInt(value)) }

    /// numerator / denominator in lowest terms; throws on a zero denominator.
    public init(_ numerator: BigInt, _ denominator: BigInt) throws {
        guard !denominator.isZero else { throw PrismError.divisionByZero }
        self = .make { prism_mpq_set_num_den($0, numerator.pointer, denominator.pointer) }
    }

    /// numerator / denominator for machine integers; throws on a zero denominator.
    public init(_ numerator: Int, _ denominator: Int) throws {
        try self.init(BigInt(numerator), BigInt(denominator))
    }

    /// The exact value of a finite double (every finite double is ±m·2^e).
    public init?(exactly value: Double) {
        guard value.isFinite else { return nil }
        let biased = Int(value.exponentBitPattern)
        let m = Int(value.significandBitPattern) | (biased == 0 ? 0 : 1 << 52)
        let e = (biased == 0 ? 1 : biased) - 1075
        let signed = BigInt(value.sign == .minus ? -m : m)
        self = e >= 0 ? Rational(signed.shiftedLeft(e)) : Rational(signed) / Rational(BigInt(1).shiftedLeft(-e))
    }

    public var numerator: BigInt { .make { prism_mpz_set($0, prism_mpq_numref(pointer)) } }
    public var denominator: BigInt { .make { prism_mpz_set($0, prism_mpq_denref(pointer)) } }

    public var signum: Int { Int(prism_mpq_sgn(pointer)) }
    public var isZero: Bool { signum == 0 }
    public var isInteger: Bool { prism_mpz_cmp_si(prism_mpq_denref(pointer), 1) == 0 }

    /// The value as an `Int` when it is an integer that fits.
    public var intValue: Int? { isInteger ? numerator.intValue : nil }

    /// ⌊self⌋.
    public var floor: BigInt { numerator.flooredDivision(byNonzero: denominator).quotient } // denominator ≥ 1

    /// 1/self; throws for 0.
    public func inverted() throws -> Rational {
        guard !isZero else { throw PrismError.divisionByZero }
        return .make { prism_mpq_inv($0, pointer) }
    }

    /// self^exponent for any integer exponent (0^0 = 1); throws for 0 to a
    /// negative power and for results over `BigInt.maxBits`.
    public func power(_ exponent: Int) throws -> Rational {
        if exponent < 0 { return try inverted().power(-exponent) }
        return try Rational(numerator.power(exponent), denominator.power(exponent))
    }

    /// Bits of numerator plus bits of denominator: the size that bounds work.
    public var bitSize: Int { numerator.bitWidth + denominator.bitWidth }
}

// MARK: - Field arithmetic

extension Rational {
    @inlinable public static func + (a: Rational, b: Rational) -> Rational { .make { prism_mpq_add($0, a.pointer, b.pointer) } }
    @inlinable public static func - (a: Rational, b: Rational) -> Rational { .make { prism_mpq_sub($0, a.pointer, b.pointer) } }
    @inlinable public static func * (a: Rational, b: Rational) -> Rational { .make { prism_mpq_mul($0, a.pointer, b.pointer) } }
    @inlinable public static prefix func - (a: Rational) -> Rational { .make { prism_mpq_neg($0, a.pointer) } }

    /// Division; a zero divisor is a programming error here (GMP would abort), so it traps
    /// with a message. Use `dividing(by:)` for a throwing version.
    @inlinable public static func / (a: Rational, b: Rational) -> Rational {
        precondition(!b.isZero, "Rational division by zero")
        return .make { prism_mpq_div($0, a.pointer, b.pointer) }
    }

    /// a / b, throwing `PrismError.divisionByZero` for b = 0.
    public func dividing(by b: Rational) throws -> Rational {
        guard !b.isZero else { throw PrismError.divisionByZero }
        return self / b
    }

    @inlinable public static func += (a: inout Rational, b: Rational) {
        if isKnownUniquelyReferenced(&a.storage) { prism_mpq_add(a.pointer, a.pointer, b.pointer) } else { a = a + b }
    }
    @inlinable public static func -= (a: inout Rational, b: Rational) {
        if isKnownUniquelyReferenced(&a.storage) { prism_mpq_sub(a.pointer, a.pointer, b.pointer) } else { a = a - b }
    }
    @inlinable public static func *= (a: inout Rational, b: Rational) {
        if isKnownUniquelyReferenced(&a.storage) { prism_mpq_mul(a.pointer, a.pointer, b.pointer) } else { a = a * b }
    }
    @inlinable public static func /= (a: inout Rational, b: Rational) {
        precondition(!b.isZero, "Rational division by zero")
        if isKnownUniquelyReferenced(&a.storage) { prism_mpq_div(a.pointer, a.pointer, b.pointer) } else { a = a / b }
    }

    public var magnitude: Rational { signum >= 0 ? self : -self }
}

// MARK: - Protocols

extension Rational: Equatable, Comparable, Hashable {
    public static func == (a: Rational, b: Rational) -> Bool { prism_mpq_equal(a.pointer, b.pointer) != 0 }
    public static func < (a: Rational, b: Rational) -> Bool { prism_mpq_cmp(a.pointer, b.pointer) < 0 }

    /// Hashes the canonical (lowest-terms) value.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(numerator)
        hasher.combine(denominator)
    }
}

extension Rational: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self.init(value) }
}

extension Rational: AlgebraicField {
    public init?<T: BinaryInteger>(exactly source: T) { self.init(BigInt(source)) }

    /// 1/self, or nil for 0 (swift-numerics' `AlgebraicField` requirement).
    public var reciprocal: Rational? { try? inverted() }
}

extension Rational: CustomStringConvertible {
    /// `p` for integers, `p/q` otherwise (canonical form).
    public var description: String { isInteger ? numerator.description : "\(numerator)/\(denominator)" }
}

extension Rational: Codable {
    /// Decodes from the text forms `Rational(parsing:)` accepts.
    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { self = try Rational(parsing: text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\(error)"))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

extension Rational: LosslessStringConvertible {
    public init?(_ description: String) { try? self.init(parsing: description) }
}
