import PrismNumbers

/// The verdict on a claim, decided from the definitions of Docs/conventions.md.
public enum Verdict: String, Sendable {
    /// Every case checked agrees (exactly, or with enclosures that decide it).
    case holds
    /// Some case contradicts the statement (exactly, or with enclosures that exclude it).
    case refuted
    /// The enclosures could not decide.
    case inconclusive
}

/// One checked case: both sides' values and what was compared.
public struct Evidence: Sendable {
    public var label: String
    public var lhs: String
    public var rhs: String
    public var detail: String

    public init(_ label: String, lhs: String, rhs: String, detail: String) {
        self.label = label
        self.lhs = lhs
        self.rhs = rhs
        self.detail = detail
    }
}

/// A claim from a source, with the computation that checks it.
public struct Claim: Sendable {
    /// Stable id, e.g. `dandi-jacot/theorem-2`.
    public let id: String
    public let source: String
    public let statement: String
    /// The id of the corrected statement that holds, when this one is refuted.
    public let correctedBy: String?
    let check: @Sendable () throws -> (Verdict, [Evidence])

    public init(id: String, source: String, statement: String, correctedBy: String? = nil,
                check: @escaping @Sendable () throws -> (Verdict, [Evidence])) {
        self.id = id
        self.source = source
        self.statement = statement
        self.correctedBy = correctedBy
        self.check = check
    }

    /// Runs the check.
    /// Runs the check. A computation that cannot be certified makes the claim inconclusive, with the
    /// reason as evidence; other errors propagate.
    public func verify() throws -> ClaimResult {
        do {
            let (verdict, evidence) = try check()
            return ClaimResult(claim: self, verdict: verdict, evidence: evidence)
        } catch PrismError.notCertified(let why) {
            return ClaimResult(claim: self, verdict: .inconclusive, evidence: [Evidence("computation", lhs: "-", rhs: "-", detail: "undecided: \(why)")])
        }
    }
}

public struct ClaimResult: Sendable {
    public let claim: Claim
    public let verdict: Verdict
    public let evidence: [Evidence]

    /// A one-line summary of the evidence.
    public var summary: String {
        let decisive = evidence.first { $0.detail.hasPrefix("violated") || $0.detail.hasPrefix("differs") } ?? evidence.first
        guard let e = decisive else { return "" }
        return "\(evidence.count) case\(evidence.count == 1 ? "" : "s"); e.g. \(e.label): lhs = \(e.lhs), rhs = \(e.rhs) (\(e.detail))"
    }
}

/// Accumulates case outcomes into a verdict: any violation refutes; any undecided case (and no
/// violation) is inconclusive; otherwise the claim holds.
struct VerdictBuilder {
    var evidence: [Evidence] = []
    var violated = false
    var undecided = false

    /// An exact comparison.
    mutating func exact(_ label: String, lhs: ExactReal, rhs: ExactReal) throws {
        let equal = try (lhs - rhs).isZero
        if !equal { violated = true }
        evidence.append(Evidence(label, lhs: lhs.description, rhs: rhs.description, detail: equal ? "equal (exact)" : "differs (exact)"))
    }

    /// lhs ≥ rhs (or lhs = rhs with `equality`), decided by enclosures.
    mutating func compare(_ label: String, lhs: Interval, rhs: Interval, relation: Relation, note: String = "") {
        let outcome: Bool?
        switch relation {
        case .atLeast:
            outcome = !(lhs.lower < rhs.upper) ? true : (lhs.upper < rhs.lower ? false : nil)
        case .equal:
            outcome = lhs.overlaps(rhs) ? (lhs.isPoint && rhs.isPoint && lhs == rhs ? true : nil) : false
        case .overlaps:
            outcome = lhs.overlaps(rhs) ? true : false
        }
        switch outcome {
        case true?: break
        case false?: violated = true
        case nil: undecided = true
        }
        let word: String
        switch (relation, outcome) {
        case (.atLeast, true?): word = "holds: lhs ≥ rhs (certified)"
        case (.atLeast, false?): word = "violated: lhs < rhs (certified)"
        case (.overlaps, true?): word = "agree: the enclosures overlap"
        case (.overlaps, false?): word = "differs: the enclosures are disjoint"
        case (.equal, false?): word = "differs: the enclosures are disjoint"
        default: word = "undecided"
        }
        evidence.append(Evidence(label, lhs: Self.show(lhs), rhs: Self.show(rhs), detail: note.isEmpty ? word : word + "; " + note))
    }

    enum Relation { case atLeast, equal, overlaps }

    var verdict: Verdict { violated ? .refuted : (undecided ? .inconclusive : .holds) }

    /// A certified decimal of an enclosure's midpoint with the digits the enclosure supports (≤ 20).
    static func show(_ x: Interval) -> String {
        if x.isExactZero { return "0" }
        let digits = Swift.max(3, Swift.min(20, Int(Double(x.accurateBits) * 0.30103)))
        let lo = x.lower.decimal(significantDigits: digits, rounding: .down).formatted(significantDigits: digits)
        let hi = x.upper.decimal(significantDigits: digits, rounding: .up).formatted(significantDigits: digits)
        return lo == hi ? lo : "[\(lo), \(hi)]"
    }
}
