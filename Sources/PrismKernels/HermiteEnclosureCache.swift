import Foundation
import PrismNumbers
import PrismIntegration
import PrismActivations

/// Certified Hermite coefficient enclosures b_0…b_N(g) (and E[g(z)] = b_0), remembered per
/// (g, precision) for the life of the process: a table job asks for the same ones for every depth,
/// kernel and dimension of an activation (and E[σ²], E[σ'²] for every kernel), and the integrator
/// dominates the cost of a deep spectrum. A value is a pure function of its key, so sharing it cannot
/// change any result, whatever the order or thread that computes it first.
///
/// Bounded: at most `capacity` entries (one per activation and precision, each the longest list of
/// b_n asked for); when full it is emptied and refills on demand. `clear()` empties it at any time
/// (e.g. a long-running host between jobs); results never depend on its contents.
public final class HermiteEnclosureCache: @unchecked Sendable {
    public static let shared = HermiteEnclosureCache()

    /// One (g, p): the longest list computed so far and, on the integration route, the integrator's pass
    /// over the pieces (which does not depend on the degree), so that a longer list costs only the new
    /// degrees' sums. Its own lock serialises the work on one key; other keys proceed in parallel.
    private final class Entry: @unchecked Sendable {
        let lock = NSLock()
        var coefficients: [Interval] = []
        var pass: HermiteIntegrator.Pass?
    }

    private let lock = NSLock()
    private var cache: [String: Entry] = [:]
    /// The largest number of entries kept.
    public let capacity = 512

    /// Forgets every entry (thread-safe).
    public func clear() {
        lock.lock()
        cache.removeAll()
        lock.unlock()
    }

    /// Enclosures of b_0…b_N(g) (normalized basis, scale 1) at working precision about p. The integrator's
    /// b_n do not depend on the degree asked for (its working precision and pieces depend on p only), so one
    /// entry per (g, p) holds the longest list computed, serves its prefixes, and extends it from its pass.
    func hermiteCoefficients(of g: Activation, degree N: Int, precision p: Int) throws -> [Interval] {
        let key = "\(p) \(String(describing: g))"
        lock.lock()
        if cache.count >= capacity && cache[key] == nil { cache.removeAll() }
        let entry = cache[key] ?? Entry()
        cache[key] = entry
        lock.unlock()
        entry.lock.lock()
        defer { entry.lock.unlock() }
        if entry.coefficients.count > N { return Array(entry.coefficients.prefix(N + 1)) }
        let coefficients = try HermiteCoefficients(activation: g, degree: N)
        if let integrator = try coefficients.integrator {
            let pass = try entry.pass ?? integrator.pass(precision: p)
            entry.pass = pass
            let n0 = entry.coefficients.count
            entry.coefficients += try coefficients.enclosures(moments: pass.moments(n0...N), from: n0)
        } else {
            entry.coefficients = try coefficients.enclosures(precision: p)
        }
        return entry.coefficients
    }

    /// An enclosure of E[g(z)], z ~ N(0, 1), at working precision about p.
    func expectation(of g: Activation, precision p: Int) throws -> Interval {
        try hermiteCoefficients(of: g, degree: 0, precision: p)[0]
    }
}
