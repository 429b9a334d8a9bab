import Testing
import PrismNumbers

/// The two enclosures overlap (both contain the true value): the check for two enclosures of one
/// number, e.g. at two random precisions.
public func expectOverlap(_ a: Interval, _ b: Interval, _ what: @autoclosure () -> String,
                          sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(a.overlaps(b), "\(what()): \(a) and \(b) are disjoint", sourceLocation: sourceLocation)
}

/// The enclosure contains an exact value (given by a much tighter enclosure of it when irrational).
public func expectContains(_ a: Interval, _ exact: ExactReal, _ what: @autoclosure () -> String,
                           sourceLocation: SourceLocation = #_sourceLocation) throws {
    if let q = exact.rational {
        #expect(a.contains(q), "\(what()): \(a) ∌ \(q)", sourceLocation: sourceLocation)
    } else {
        let tight = try exact.enclosure(precision: 4 * a.precision + 200)
        #expect(a.contains(tight), "\(what()): \(a) ∌ \(exact) = \(tight)", sourceLocation: sourceLocation)
    }
}
