import _CPrismGMP

/// A number as Prism prints it: the exact form when known, the correctly
/// rounded D-digit decimal, decimal bounds, and the correctly rounded binary64.
///
/// Error contract: `value` is the correctly rounded D-significant-digit decimal
/// of the true number (ties to even); `lower` ≤ true ≤ `upper`; `double` is the
/// correctly rounded binary64 (ties to even). Exact values print exactly.
public struct CertifiedValue: Sendable, Equatable {
    /// The exact value in Docs/cli.md's syntax, or nil when not known exactly.
    public var exact: String?
    public var value: String
    public var lower: String
    public var upper: String
    public var double: Double
    /// The significant digits requested.
    public var digits: Int

    /// The digits Prism accepts.
    public static let digitsRange = 1...10_000

    /// `double` as a C99 hexadecimal literal (`0x1.8p+1`), `inf`/`-inf` past the range.
    public var doubleHex: String { CertifiedValue.hex(double) }

    static func hex(_ x: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        _ = prism_format_hex_double(&buffer, buffer.count, x)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func checkDigits(_ D: Int) throws {
        guard digitsRange.contains(D) else {
            throw PrismError.limitExceeded("digits must be in \(digitsRange.lowerBound)...\(digitsRange.upperBound), got \(D)")
        }
    }

    /// Certifies an exact value: decimals by exact arithmetic when it is rational,
    /// otherwise by Ziv's loop on its enclosures.
    public init(exact: ExactReal, digits D: Int) throws {
        try CertifiedValue.checkDigits(D)
        if let q = exact.rational {
            let decimal = { (r: RoundingDirection) in q.decimal(significantDigits: D, rounding: r).formatted(significantDigits: D) }
            let bitsNeeded = 64 + q.bitSize
            self.init(exact: q.description, value: decimal(.nearest), lower: decimal(.down), upper: decimal(.up),
                      double: try CertifiedValue.correctlyRoundedDouble(cap: 2 * bitsNeeded + 128) { Interval(q, precision: $0) },
                      digits: D)
        } else {
            try self.init(digits: D) { try exact.enclosure(precision: $0) }
            self.exact = exact.description
        }
    }

    /// Certifies a number known through enclosures at any precision (Ziv's strategy):
    /// start at about D·log2(10) + 32 bits and double until the enclosure decides the
    /// D-digit rounding and the binary64 rounding, or the cap is passed (then
    /// `PrismError.notCertified`). An enclosure that is exactly [0, 0] proves 0.
    ///
    /// `enclosure(p)` may throw `PrismError.notCertified` to ask for more precision.
    public init(digits D: Int, precisionCap: Int? = nil, enclosure: (Int) throws -> Interval) throws {
        let values = try CertifiedValue.certifyAll(count: 1, digits: D, precisionCap: precisionCap) { [try enclosure($0)] }
        self = values[0]
    }

    /// The digits→bits policy, the one place it is written: D decimal digits take ⌈D·log₂10⌉ bits
    /// (3.33 > log₂10 rounds up for every D that matters); callers add their own guard bits.
    public static func bits(forDigits D: Int) -> Int { Int(Double(D) * 3.33) }

    /// Relative bits that decide the D-digit rounding and the binary64 rounding of a value whose
    /// enclosure is that narrow, with 8 bits to spare.
    public static func decidingBits(_ D: Int) -> Int { Swift.max(bits(forDigits: D), 56) + 8 }

    /// How far past `decidingBits` an undecided enclosure may shrink before the value is reported as
    /// lying on a rounding boundary (a tie, or a value within 2^{−tieMarginBits} of one relative to
    /// its size): a true tie never separates, so Ziv's loop must stop instead of running to its cap.
    public static let tieMarginBits = 96

    /// Ziv's strategy for many numbers computed together (one table at each precision), the loop every
    /// certified value goes through: every row is decided at the first precision whose enclosure decides it.
    ///
    /// The precision doubles. With `absoluteAccuracy` (routes whose error at precision p is about 2^{−p}
    /// absolute, such as sphere spectra) an undecided enclosure that excludes 0 also says how many bits
    /// the next pass needs at least — `decidingBits(D)` below its magnitude — and passes below that are
    /// skipped: tiny values get the precision their size needs, whatever D is. An undecided enclosure already narrower than
    /// 2^{−(decidingBits + tieMarginBits)} of its magnitude straddles a rounding boundary: the loop stops
    /// with `notCertified` at once ("on a rounding boundary") rather than after minutes.
    /// `enclosures(p)` may throw `PrismError.notCertified` to ask for more precision.
    public static func certifyAll(count: Int, digits D: Int, startPrecision: Int? = nil, precisionCap: Int? = nil,
                                  absoluteAccuracy: Bool = false,
                                  enclosures: (Int) throws -> [Interval]) throws -> [CertifiedValue] {
        try checkDigits(D)
        let start = startPrecision ?? bits(forDigits: D) + 32
        let cap = precisionCap ?? Swift.max(1 << 16, 8 * start)
        var results = [CertifiedValue?](repeating: nil, count: count)
        var p = start
        var reason = "the enclosures never separated the rounding boundaries"
        let needed = decidingBits(D)
        var tie: String? = nil
        var pass = 0
        while p <= cap {
            var next = 2 * p
            pass += 1
            ZivProgress.observer?.begin(ZivPass(number: pass, precision: p, decided: results.count { $0 != nil }, count: count))
            do {
                let xs = try enclosures(p)
                for i in 0..<count where results[i] == nil { results[i] = decide(xs[i], digits: D) }
                let decided = results.compactMap { $0 }
                if decided.count == count { return decided }
                var schedule = 0
                for i in 0..<count where results[i] == nil {
                    let x = xs[i]
                    guard !x.containsZero else { continue }
                    let magnitude = x.lower.signum > 0 ? x.lower : x.upper.magnitude
                    if !x.width.isZero, x.width.exponent - magnitude.exponent < -(needed + tieMarginBits) {
                        tie = "row \(i) lies within 2^-\(needed + tieMarginBits) (relative) of a rounding boundary of its \(D)-digit decimal or of its binary64 value (a tie?): no enclosure can decide it; try other --digits"
                        break
                    }
                    if absoluteAccuracy { schedule = Swift.max(schedule, needed - magnitude.exponent + 16) }
                }
                // Stay on the doubling sequence (tables stay byte-identical), skipping passes that cannot decide.
                while next < schedule && next <= cap { next *= 2 }
            } catch PrismError.notCertified(let why) {
                reason = why
            }
            if let tie { throw PrismError.notCertified(tie) }
            p = next
        }
        let undecided = results.firstIndex { $0 == nil } ?? 0
        throw PrismError.notCertified("\(D) digits not decided with \(cap) bits of working precision (row \(undecided): \(reason))")
    }

    /// The certified value if the enclosure decides both roundings, else nil.
    static func decide(_ x: Interval, digits D: Int) -> CertifiedValue? {
        if x.isExactZero { return CertifiedValue(exact: nil, value: "0", lower: "0", upper: "0", double: 0, digits: D) }
        let nearLow = x.lower.decimal(significantDigits: D, rounding: .nearest)
        let nearHigh = x.upper.decimal(significantDigits: D, rounding: .nearest)
        let dLow = x.lower.double(rounding: .nearest), dHigh = x.upper.double(rounding: .nearest)
        guard nearLow == nearHigh && dLow.bitPattern == dHigh.bitPattern else { return nil }
        return CertifiedValue(exact: nil,
                              value: nearLow.formatted(significantDigits: D),
                              lower: x.lower.decimal(significantDigits: D, rounding: .down).formatted(significantDigits: D),
                              upper: x.upper.decimal(significantDigits: D, rounding: .up).formatted(significantDigits: D),
                              double: dLow, digits: D)
    }

    init(exact: String?, value: String, lower: String, upper: String, double: Double, digits: Int) {
        self.exact = exact
        self.value = value
        self.lower = lower
        self.upper = upper
        self.double = double
        self.digits = digits
    }

    /// The correctly rounded binary64 of a number known through enclosures.
    public static func correctlyRoundedDouble(cap: Int = 1 << 16, enclosure: (Int) throws -> Interval) throws -> Double {
        var p = 64
        while p <= cap {
            let x = try enclosure(p)
            let a = x.lower.double(rounding: .nearest), b = x.upper.double(rounding: .nearest)
            if a.bitPattern == b.bitPattern { return a }
            p *= 2
        }
        throw PrismError.notCertified("binary64 rounding not decided with \(cap) bits")
    }
}

extension Double {
    /// The correctly rounded (ties-to-even) binary64 value of q.
    public init(_ q: Rational) {
        // Justified trap: at 64 + bitSize bits the enclosure of q is the point q itself, so the
        // rounding is decided below the cap, and a point enclosure never throws.
        self = try! CertifiedValue.correctlyRoundedDouble(cap: 2 * (64 + q.bitSize) + 128) { Interval(q, precision: $0) }
    }
}

/// One pass of Ziv's loop (`CertifiedValue.certifyAll`) as it starts: the pass number, its working
/// precision in bits, and how many of the `count` rows earlier passes decided.
public struct ZivPass: Sendable, Equatable {
    public var number: Int
    public var precision: Int
    public var decided: Int
    public var count: Int
}

/// Who is told when a pass of Ziv's loop starts: the command line's progress line ("pass 3 at
/// 1330 bits"), which is how a long certified computation says where it is and how long the next
/// pass may take. Set through `ZivProgress.$observer.withValue(_:)`; task-local and nil by default,
/// so library callers see nothing unless they set it. (A class-bound observer rather than a closure:
/// a task-local optional closure crashed `swift_task_localValuePush` in release builds of Swift 6.)
public protocol ZivObserver: AnyObject, Sendable {
    func begin(_ pass: ZivPass)
}

/// The task-local observer of Ziv's loop (see `ZivObserver`).
public enum ZivProgress {
    @TaskLocal public static var observer: (any ZivObserver)? = nil
}
