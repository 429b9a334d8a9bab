import PrismNumbers

/// The covariance diag(γ₁, …, γ_D) of Gaussian data (CONVENTIONS §12): an explicit list of positive
/// rationals, or `powerlaw:D,A` with γᵢ = i^{−A}/Z, Z = Σ_{j≤D} j^{−A} (so Σγ = 1), A > 0 rational.
///
/// Coordinates are kept in decreasing order of γ (`order[r]` is the original 1-based coordinate of
/// rank r), which the eigenvalue enumeration needs. Products Π γᵢ^{αᵢ} of one degree compare exactly:
/// as rationals for a list, as the integers Π i^{αᵢ} (reversed) for a power law.
public struct DataCovariance: Sendable {
    public enum Kind: Sendable, Equatable {
        case list([Rational])
        case powerLaw(count: Int, exponent: Rational)
    }
    public let kind: Kind
    /// Original 1-based coordinate of each rank (γ decreasing; ties keep the original order).
    public let order: [Int]
    /// γ in rank order, as doubles (for the enumeration's ordering only, never printed).
    public let approximate: [Double]

    public static let maxCount = 100_000

    public init(parsing text: String) throws {
        if text.hasPrefix("powerlaw:") {
            let parts = text.dropFirst("powerlaw:".count).split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2, let D = Int(parts[0]) else {
                throw PrismError.parse(message: "expected powerlaw:D,A (D an integer, A a positive rational), got \(text)", position: 1)
            }
            try self.init(powerLaw: D, exponent: try Rational(parsing: parts[1]))
        } else {
            let values = try text.split(separator: ",", omittingEmptySubsequences: false).map { try Rational(parsing: String($0)) }
            try self.init(values)
        }
    }

    public init(_ gamma: [Rational]) throws {
        guard !gamma.isEmpty else { throw PrismError.domain("--gamma needs at least one value") }
        guard gamma.count <= DataCovariance.maxCount else { throw PrismError.limitExceeded("\(gamma.count) coordinates (limit \(DataCovariance.maxCount))") }
        for g in gamma where g.signum <= 0 { throw PrismError.domain("every γᵢ must be > 0, got \(g)") }
        kind = .list(gamma)
        order = (0..<gamma.count).sorted { gamma[$1] < gamma[$0] || (gamma[$0] == gamma[$1] && $0 < $1) }.map { $0 + 1 }
        approximate = order.map { Double(gamma[$0 - 1]) }
    }

    public init(powerLaw D: Int, exponent A: Rational) throws {
        guard D >= 1 else { throw PrismError.domain("powerlaw:D,A needs D ≥ 1, got \(D)") }
        guard D <= DataCovariance.maxCount else { throw PrismError.limitExceeded("\(D) coordinates (limit \(DataCovariance.maxCount))") }
        guard A.signum > 0 else { throw PrismError.domain("powerlaw:D,A needs A > 0, got \(A)") }
        guard A.bitSize <= 128 else { throw PrismError.limitExceeded("exponent A too long") }
        kind = .powerLaw(count: D, exponent: A)
        order = Array(1...D)
        let a = Double(A)
        var raw = (1...D).map { Double($0).pow(-a) }
        let z = raw.reduce(0, +)
        for i in raw.indices { raw[i] /= z }
        approximate = raw
    }

    public var count: Int { order.count }

    /// An enclosure of q = Σγᵢ (exactly 1 for a power law).
    public var sum: Rational {
        switch kind {
        case .list(let g): return g.reduce(Rational(0), +)
        case .powerLaw: return 1
        }
    }

    /// Enclosures of γ in rank order.
    public func enclosures(precision p: Int) throws -> [Interval] {
        switch kind {
        case .list(let g): return order.map { Interval(g[$0 - 1], precision: p) }
        case .powerLaw(let D, let A):
            let minusA = -Interval(A, precision: p)
            let powers = try (1...D).map { try Interval($0, precision: p).raised(to: minusA) }
            var z = Interval(0, precision: p)
            for x in powers { z = z + x }
            return try powers.map { try $0.dividing(by: z) }
        }
    }

    /// The normalizer Z = Σ j^{−A} of a power law (1 for a list).
    func normalizer(precision p: Int) throws -> Interval {
        guard case .powerLaw(let D, let A) = kind else { return Interval(1, precision: p) }
        let minusA = -Interval(A, precision: p)
        var z = Interval(0, precision: p)
        for j in 1...D { z = z + (try Interval(j, precision: p).raised(to: minusA)) }
        return z
    }

    /// An enclosure of Π γ^α for the multi-index given as ranks r₁ ≤ … ≤ r_ℓ (one entry per unit of α).
    /// A power law uses one power: (Π i)^{−A}/Z^ℓ; `z` must be `normalizer(precision:)`.
    func monomial(_ ranks: [Int32], z: Interval, precision p: Int) throws -> Interval {
        switch kind {
        case .list(let g):
            var m = Rational(1)
            for r in ranks { m *= g[order[Int(r)] - 1] }
            return Interval(m, precision: p)
        case .powerLaw(_, let A):
            guard !ranks.isEmpty else { return Interval(1, precision: p) }
            let product = Interval(Rational(try exactKey(ranks).integer.unwrapped(or: PrismError.domain("a power-law monomial key is an integer"))), precision: p)
            return try product.raised(to: -Interval(A, precision: p)).dividing(by: try z.power(ranks.count))
        }
    }

    /// A key ordering the monomials of one degree exactly (larger key, larger monomial).
    enum MonomialKey: Equatable, Comparable {
        case rational(Rational)
        /// Π i (original indices); the monomial is its −A-th power, so smaller is larger.
        case integerProduct(BigInt)
        var integer: BigInt? { if case .integerProduct(let n) = self { return n }; return nil }
        static func < (a: MonomialKey, b: MonomialKey) -> Bool {
            switch (a, b) {
            case (.rational(let x), .rational(let y)): return x < y
            case (.integerProduct(let x), .integerProduct(let y)): return y < x
            default: return false
            }
        }
    }

    func exactKey(_ ranks: [Int32]) -> MonomialKey {
        switch kind {
        case .list(let g):
            var m = Rational(1)
            for r in ranks { m *= g[order[Int(r)] - 1] }
            return .rational(m)
        case .powerLaw:
            var n = BigInt(1)
            for r in ranks { n = n * BigInt(Int(r) + 1) }
            return .integerProduct(n)
        }
    }

    /// The printed multi-index α (original coordinates, entries up to the last non-zero one):
    /// "k1,k2,…". The empty multi-index prints "0".
    func multiIndex(_ ranks: [Int32]) -> String {
        guard !ranks.isEmpty else { return "0" }
        var alpha = [Int: Int]()
        for r in ranks { alpha[order[Int(r)], default: 0] += 1 }
        guard let last = alpha.keys.max() else { return "0" }
        return (1...last).map { String(alpha[$0] ?? 0) }.joined(separator: ",")
    }
}

private extension Double {
    func pow(_ y: Double) -> Double { PrismNumbers.BigFloat(self).raised(to: BigFloat(y), precision: 53, rounding: .nearest).double() }
}
