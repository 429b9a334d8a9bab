import PrismNumbers
import PrismKernels

/// The Hermite eigenstructure ansatz on N(0, diag γ) (CONVENTIONS §12): eigenvalues
///
///     λ_α = c_{|α|} Π_i γ_i^{α_i},  α ∈ N^D,   eigenfunctions Π_i h_{α_i}(x_i/√γ_i),
///
/// and the M largest of them with their multi-indices.
///
/// **Enumeration.** A multi-index of degree ℓ is the sorted list of ranks r₁ ≤ … ≤ r_ℓ of its
/// coordinates (γ in decreasing order). Its parent decrements the first non-zero rank; its children
/// increment rank j when every rank before j is 0 and the list stays sorted — at most two, each
/// multiplying λ by γ_{r+1}/γ_r ≤ 1. So every multi-index is reached exactly once, from a parent at
/// least as large, and a max-heap seeded with the degree roots (α = ℓ·e₁, value c_ℓ γ₁^ℓ) pops the
/// eigenvalues in decreasing order; M pops cost O(M log M) whatever D.
///
/// **Certification.** The heap orders by Double logarithms. Every candidate within a factor 1 + 10⁻⁶ of
/// the M-th (far more than the logarithms' rounding, < 10⁻⁹ for degrees ≤ 1000) is enclosed at working
/// precision and compared with the selected set; the unseen eigenvalues are each at most some heap
/// entry (the parent relation) and, for unopened degrees, at most the next degree root (c_ℓ γ₁^ℓ
/// decreasing). An eigenvalue equal to the M-th (same degree and the same exact monomial — common with
/// power laws, e.g. γ₂γ₃ = γ₁γ₆) or not separated from it at 8× the working precision is listed too
/// and flagged (`boundary`), so the printed list is the M largest plus every tie at the cut, never a
/// silently chosen subset.
///
/// **Summability.** g_ℓ = c_ℓ γ_max^ℓ is the largest eigenvalue of degree ℓ. For rbf and exp it is
/// geometric (ratio γ_max/w²): the ansatz spectrum is summable iff the ratio is < 1. A kernel with a
/// finite radius R of convergence in t (laplace; activation kernels whose cosine series has a finite
/// radius, such as ReLU's, erf's, tanh's) has c_ℓ ≈ ℓ!·R^{−ℓ} and g_ℓ eventually grows like ℓ!(γ_max/R)^ℓ: the ansatz spectrum is
/// not summable and has no M largest eigenvalues. Without `maxDegree` such a kernel is an error that
/// says where g_ℓ turns; with it, the list is the M largest of degree ≤ `maxDegree`, and
/// `summability` says so. When no growth shows within `probeDegree` degrees (e.g. the exp activation,
/// whose kernel is entire) nothing bounds the later degrees either, and `maxDegree` is required too.
public struct HEASpectrum: Sendable {
    public let kernel: HEAKernel
    public let covariance: DataCovariance
    public let modes: Int
    public let maxDegree: Int?

    public static let maxModes = 1_000_000
    /// Degrees probed for the summability diagnostic of non-geometric kernels.
    public static let probeDegree = 60

    public init(kernel: HEAKernel, covariance: DataCovariance, modes M: Int, maxDegree: Int? = nil) throws {
        guard M >= 1 else { throw PrismError.domain("--modes must be ≥ 1, got \(M)") }
        guard M <= HEASpectrum.maxModes else { throw PrismError.limitExceeded("modes \(M) (limit \(HEASpectrum.maxModes))") }
        if let L = maxDegree {
            guard L >= 0 else { throw PrismError.domain("--max-degree must be ≥ 0, got \(L)") }
            guard L <= HEAKernel.maxLevel else { throw PrismError.limitExceeded("max degree \(L) (limit \(HEAKernel.maxLevel))") }
        }
        self.kernel = kernel
        self.covariance = covariance
        modes = M
        self.maxDegree = maxDegree
    }

    /// One listed eigenvalue.
    public struct Mode: Sendable {
        /// Ranks of the coordinates (γ decreasing), one per unit of α, sorted.
        let ranks: [Int32]
        public var degree: Int { ranks.count }
        /// "k1,k2,…" over the original coordinates.
        public let multiIndex: String
        /// nil inside the list; "tie" for an eigenvalue proven equal to one across the cut, "unresolved"
        /// for one not separated from it at the highest working precision tried.
        public var boundary: String?
    }

    /// The verdict on summability of the ansatz spectrum (see the type's comment).
    public enum Summability: Sendable, Equatable {
        /// g_ℓ is geometric with ratio < 1 (rbf, exp): the listed eigenvalues are the M largest overall.
        case summable
        /// g_ℓ decreases to degree `minimum` and is proven larger at degree `grows`.
        case notSummable(minimum: Int, grows: Int)
        /// No growth seen up to the probed degree, but no bound beyond it either.
        case unknown(probed: Int)
    }

    /// The diagnostic: g_ℓ = c_ℓ γ_max^ℓ over the probed degrees.
    public func summability(precision p: Int = 128) throws -> Summability {
        let gamma = try covariance.enclosures(precision: p)
        if let b = kernel.levelRatio {
            let ratio = Interval(b, precision: p) * gamma[0]
            let one = Interval(1, precision: p)
            if ratio.upper < one.lower { return .summable }
            if !(ratio.lower < one.upper) { return .notSummable(minimum: 0, grows: 1) }
            throw PrismError.notCertified("γ_max/w² is not separated from 1 at \(p) bits")
        }
        let L = HEASpectrum.probeDegree
        let c = try kernel.levelCoefficients(maxLevel: L, q: covariance.sum, precision: p)
        var g: [Interval] = []
        var power = Interval(1, precision: p)
        for l in 0...L { g.append(c[l] * power); power = power * gamma[0] }
        // The minimum (by upper bounds) among non-zero levels, then the first later level proven larger.
        var minimum = 0
        for l in 0...L where !g[l].isExactZero && (g[minimum].isExactZero || g[l].upper < g[minimum].upper) { minimum = l }
        for l in (minimum + 1)...L where g[minimum].upper < g[l].lower { return .notSummable(minimum: minimum, grows: l) }
        return .unknown(probed: L)
    }

    /// The enumeration's result: the modes (M plus ties at the cut) in decreasing order, their
    /// enclosures at the precision that settled the cut, and the summability verdict.
    public struct Listing: Sendable {
        public let modes: [Mode]
        public let summability: Summability
        /// The highest degree considered (nil: all degrees, summable case).
        public let maxDegree: Int?
    }

    /// Enumerates and settles the cut. Throws `notCertified` for a non-summable (or unprovable) spectrum
    /// without `maxDegree`, naming the degree where g_ℓ turns.
    public func listing() throws -> Listing {
        let verdict = try summability()
        if maxDegree == nil {
            switch verdict {
            case .summable: break
            case .notSummable(let low, let high):
                throw PrismError.notCertified("the ansatz spectrum of \(kernel.name) on these γ is not summable: c_ℓ γ_max^ℓ (the largest eigenvalue of degree ℓ) decreases only up to ℓ = \(low) and is larger again at ℓ = \(high), so the \(modes) largest eigenvalues do not exist; pass --max-degree L for the largest of degree ≤ L, or see --traces")
            case .unknown(let probed):
                throw PrismError.notCertified("c_ℓ γ_max^ℓ of \(kernel.name) cannot be bounded beyond degree \(probed), so no list of the largest ansatz eigenvalues is certified; pass --max-degree L")
            }
        }
        let q = covariance.sum
        // Degrees: lazily opened (summable geometric case) or all of 0…L.
        let lastDegree = maxDegree ?? HEAKernel.maxLevel
        var c = try kernel.levelCoefficients(maxLevel: maxDegree ?? 63, q: q, precision: 128)
        // Keys use log(upper c_ℓ) (an over-estimate); the margin covers log(upper/lower) of the c_ℓ used
        // plus the Double logarithms' rounding, so a key below the cut minus the margin is truly below.
        var spread = 0.0
        func logC(_ l: Int) throws -> Double? {
            if l >= c.count { c = try kernel.levelCoefficients(maxLevel: Swift.min(2 * c.count, HEAKernel.maxLevel), q: q, precision: 128) }
            let x = c[l]
            if x.isExactZero || x.upper.signum <= 0 { return nil }
            guard x.lower.signum > 0 else {
                throw PrismError.notCertified("the level coefficient c_\(l) of \(kernel.name) is not separated from 0 at 128 bits")
            }
            spread = Swift.max(spread, x.upper.log(precision: 53, rounding: .up).double(rounding: .up) - x.lower.log(precision: 53, rounding: .down).double(rounding: .down))
            return x.upper.log(precision: 53).double()
        }
        let logGamma = covariance.approximate.map { Foundation_log($0) }
        let D = covariance.count
        var heap = MaxHeap()
        var opened = -1
        // Opens the next degree with c_ℓ ≠ 0 after `opened`.
        func openNext() throws {
            var l = opened + 1
            while l <= lastDegree {
                if let lc = try logC(l) {
                    heap.push(Candidate(key: lc + Double(l) * logGamma[0], ranks: [Int32](repeating: 0, count: l), root: true))
                    opened = l
                    return
                }
                l += 1
            }
            opened = lastDegree + 1
        }
        if maxDegree != nil { while opened < lastDegree { try openNext() } } else { try openNext() }
        var popped: [Candidate] = []
        var margin: Double { 1e-6 + 2 * spread }
        while let top = heap.pop() {
            if popped.count >= modes, top.key < popped[modes - 1].key - margin { heap.push(top); break }
            popped.append(top)
            // Lazy degrees: c_ℓ γ₁^ℓ is decreasing, so the next root bounds every later one.
            if top.root, maxDegree == nil, top.ranks.count == opened { try openNext() }
            // Children (see the type's comment): increment rank j, all ranks before j being 0.
            let r = top.ranks, l = r.count
            guard l > 0 else { continue }
            let js: [Int]
            if let f = r.firstIndex(where: { $0 > 0 }) { js = f > 0 ? [f - 1, f] : [f] } else { js = [l - 1] }
            for j in js {
                guard Int(r[j]) + 1 < D else { continue }
                if j < l - 1, r[j] + 1 > r[j + 1] { continue }
                var child = r
                child[j] += 1
                heap.push(Candidate(key: top.key + logGamma[Int(r[j]) + 1] - logGamma[Int(r[j])], ranks: child, root: false))
            }
        }
        guard !popped.isEmpty else { throw PrismError.domain("\(kernel.name) has no non-zero ansatz eigenvalue of degree ≤ \(lastDegree)") }
        let cut = Swift.min(modes, popped.count)
        let selected = Array(popped.prefix(cut))
        // Candidates near the cut outside the selection: popped beyond M, and heap entries within the margin.
        let outside = Array(popped.dropFirst(cut))
        var modesOut = selected.map { Mode(ranks: $0.ranks, multiIndex: covariance.multiIndex($0.ranks), boundary: nil) }
        if !outside.isEmpty {
            let settled = try settleCut(selected: selected, outside: outside, maxLevel: Swift.max(c.count - 1, 0), margin: margin)
            for i in settled.insideFlags.indices { if let f = settled.insideFlags[i] { modesOut[i].boundary = f } }
            for (candidate, flag) in settled.added {
                modesOut.append(Mode(ranks: candidate.ranks, multiIndex: covariance.multiIndex(candidate.ranks), boundary: flag))
            }
        }
        return Listing(modes: modesOut, summability: verdict, maxDegree: maxDegree)
    }

    /// Compares the selection with the candidates across the cut by enclosures, raising the precision
    /// (128, 256, 512, 1024 bits) while some overlap is not an exact tie.
    func settleCut(selected: [Candidate], outside: [Candidate], maxLevel: Int, margin: Double) throws
        -> (insideFlags: [String?], added: [(Candidate, String)]) {
        let q = covariance.sum
        var p = 128
        while true {
            let c = try kernel.levelCoefficients(maxLevel: maxLevel, q: q, precision: p)
            let z = try covariance.normalizer(precision: p)
            func enclosure(_ x: Candidate) throws -> Interval { c[x.ranks.count] * (try covariance.monomial(x.ranks, z: z, precision: p)) }
            // Only the selected entries near the cut can overlap an outside one.
            let lowKey = selected[selected.count - 1].key
            let nearInside = selected.indices.filter { selected[$0].key <= lowKey + margin }
            let insideBoxes = try nearInside.map { try enclosure(selected[$0]) }
            let outsideBoxes = try outside.map(enclosure)
            var insideFlags = [String?](repeating: nil, count: selected.count)
            var added: [(Candidate, String)] = []
            var unresolved = false
            for (j, y) in outside.enumerated() {
                var flag: String? = nil
                for (k, i) in nearInside.enumerated() where !(outsideBoxes[j].upper < insideBoxes[k].lower) {
                    let exactTie = exactlyEqual(y, selected[i])
                    let f = exactTie ? "tie" : "unresolved"
                    if !exactTie { unresolved = true }
                    if flag != "unresolved" { flag = f }
                    if insideFlags[i] != "unresolved" { insideFlags[i] = f }
                }
                if let f = flag { added.append((y, f)) }
            }
            if !unresolved || p >= 1024 { return (insideFlags, added) }
            p *= 2
        }
    }

    /// The exact rational eigenvalues λ_α = w^{−2|α|} Π γ^α when they are rational (exp:W2 on a list of γ), else nil.
    public func rationalEigenvalues(_ listing: Listing) throws -> [Rational]? {
        guard case .exponential(let w2) = kernel, case .list = covariance.kind else { return nil }
        let b = try w2.inverted()
        return try listing.modes.map { mode in
            guard case .rational(let m) = covariance.exactKey(mode.ranks) else { return 0 }
            return m * (try b.power(mode.degree))
        }
    }

    /// Whether two candidates have provably equal eigenvalues: same degree and the same exact monomial, or,
    /// for exp:W2 on a list of γ, equal rationals w^{−2ℓ} Π γ^α.
    func exactlyEqual(_ x: Candidate, _ y: Candidate) -> Bool {
        if x.ranks.count == y.ranks.count { return covariance.exactKey(x.ranks) == covariance.exactKey(y.ranks) }
        guard case .exponential(let w2) = kernel, let b = try? w2.inverted(),
              case .rational(let mx) = covariance.exactKey(x.ranks), case .rational(let my) = covariance.exactKey(y.ranks),
              let bx = try? b.power(x.ranks.count), let by = try? b.power(y.ranks.count) else { return false }
        return mx * bx == my * by
    }

    /// Enclosures of the listed modes' ansatz eigenvalues at precision p.
    public func eigenvalues(_ listing: Listing, precision p: Int) throws -> [Interval] {
        let maxLevel = listing.modes.map(\.degree).max() ?? 0
        let c = try kernel.levelCoefficients(maxLevel: maxLevel, q: covariance.sum, precision: p)
        let z = try covariance.normalizer(precision: p)
        return try listing.modes.map { c[$0.degree] * (try covariance.monomial($0.ranks, z: z, precision: p)) }
    }

    /// The exact eigenvalue of a listed mode's eigenfunction for rbf and exp (products of 1-D Mehler
    /// eigenvalues, `MehlerEigenvalues`), at precision p.
    public func exactEigenvalues(_ listing: Listing, precision p: Int) throws -> [Interval] {
        let mehler = try MehlerEigenvalues(kernel: kernel, covariance: covariance, precision: p)
        return try listing.modes.map { try mehler.eigenvalue(ranks: $0.ranks) }
    }
}

/// A heap entry: the Double logarithm of λ and the multi-index.
struct Candidate: Sendable {
    var key: Double
    var ranks: [Int32]
    var root: Bool
}

/// A binary max-heap on `Candidate.key` (ties: lower degree, then lexicographic ranks, so runs repeat).
struct MaxHeap {
    private(set) var elements: [Candidate] = []
    var top: Candidate? { elements.first }

    private static func above(_ a: Candidate, _ b: Candidate) -> Bool {
        if a.key != b.key { return a.key > b.key }
        if a.ranks.count != b.ranks.count { return a.ranks.count < b.ranks.count }
        return a.ranks.lexicographicallyPrecedes(b.ranks)
    }

    mutating func push(_ x: Candidate) {
        elements.append(x)
        var i = elements.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard MaxHeap.above(elements[i], elements[parent]) else { break }
            elements.swapAt(i, parent)
            i = parent
        }
    }

    mutating func pop() -> Candidate? {
        guard !elements.isEmpty else { return nil }
        elements.swapAt(0, elements.count - 1)
        let result = elements.removeLast()
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var best = i
            if l < elements.count, MaxHeap.above(elements[l], elements[best]) { best = l }
            if r < elements.count, MaxHeap.above(elements[r], elements[best]) { best = r }
            if best == i { break }
            elements.swapAt(i, best)
            i = best
        }
        return result
    }
}

/// The natural logarithm of a positive double, correctly rounded (MPFR).
func Foundation_log(_ x: Double) -> Double { BigFloat(x).log(precision: 53).double() }
