import Foundation
import PrismNumbers
import PrismActivations

/// E[g(z)], z ~ N(0, 1), from the certified Hermite integrator (degree 0), remembered per
/// (g, precision) for the life of the process: the normalizations E[σ²] and E[σ'²] of the deep
/// kernels are the same integral for every depth, kernel, dimension and layer of one activation, and
/// the integrator dominates the cost of a deep spectrum. Values are pure functions of (g, precision),
/// so sharing them cannot change any result.
final class GaussianMoments: @unchecked Sendable {
    static let shared = GaussianMoments()

    private let lock = NSLock()
    private var cache: [String: Interval] = [:]
    private let capacity = 256

    /// An enclosure of E[g(z)] at working precision about p.
    func expectation(of g: Activation, precision p: Int) throws -> Interval {
        let key = "\(p) \(String(describing: g))"
        lock.lock()
        if let hit = cache[key] { lock.unlock(); return hit }
        lock.unlock()
        let value = try HermiteCoefficients(activation: g, degree: 0).enclosures(precision: p)[0]
        lock.lock()
        if cache.count >= capacity { cache.removeAll() }
        cache[key] = value
        lock.unlock()
        return value
    }
}
