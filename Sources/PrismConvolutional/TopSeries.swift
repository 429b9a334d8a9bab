import Foundation
import PrismNumbers
import PrismBases
import PrismActivations
import PrismKernels

/// Certified eigenvalues of the convolutional NNGP/NTK of the arc-cosine family (CONVENTIONS §11) on fields the field
/// quadrature cannot integrate whole (more than three variables) and whose first filter does not span them: 2,2,2 or 2,2,2,1
/// on eight pixels, 1,2,2 on four, even ζ with 2,2 or 1,4 on four, 2,2,2,2 on sixteen, … The *grouping level* J is the last
/// with a filter q = q_J ≥ 2 (only levels of filter size 1 follow it).
///
/// The grouping level sees its children c = 1…q (disjoint subtrees with filters q_1…q_{J−1}, independent pixels; pixels for J = 1) only
/// through Y_c = Σ_c and Θ_c, and the D = L − J + 1 levels from it up form a chain over v = q⁻¹ Σ_c Y_c (`ChainSeries`):
/// K = f(v) (NNGP) or A(v) + B(v)·q⁻¹ Σ_c Θ_c (NTK); for D = 1, f = A = k and B = k̇. f, A and B are power series with
/// non-negative coefficients and known values at 1 (f(1) = B(1) = 1, A(1) = D), so with the subtrees' moments
///
///     a_i(κ) = E[Yⁱ Π_{j∈c} P_{κ_j}(t_j)],   b_i(κ) = E[Θ Yⁱ Π_{j∈c} P_{κ_j}(t_j)]   (i ≤ M + 1, a_0 = [κ = 0]),
///
/// (`childMoments`: exact for pixels, a_i = E[tⁱ P_κ(t)], b_i = a_{i+1}; from one pass of the field quadrature over a subtree
/// of at most three variables (`FieldQuadrature.powers`); otherwise from the subtree's own top series (`moments`), recursively),
/// and A_κ = Σ_i a_i xⁱ/i!, B_κ likewise,
///
///     E[vᵐ Π P] = m!/qᵐ [xᵐ] Π_c A_{κ_c},   E[vᵐ Θ_c Π P] = m!/qᵐ [xᵐ] B_{κ_c} Π_{c'≠c} A_{κ_c'},
///     R·λ_κ = Σ_{m≤M} f_m E[vᵐ Π P] ± tail   (NNGP),
///     R·λ_κ = Σ_{m≤M} A_m E[vᵐ Π P] + q⁻¹ Σ_c Σ_{m≤M} B_m E[vᵐ Θ_c Π P] ± tail   (NTK).
///
/// The tail: |Π P| ≤ 1, |v| ≤ 1 and |Θ_c| ≤ θ_{J−1} = J give |E[vᵐ Π P]| ≤ E[|v|ᵐ] ≤ E[v^{2⌊(M+1)/2⌋}] for m > M (the κ = 0
/// moments, themselves enclosed), so it is at most (f(1) − Σ_{m≤M} f_m)·E[v^{2⌊(M+1)/2⌋}], for the NTK
/// (A(1) − Σ_{m≤M} A_m + J(B(1) − Σ_{m≤M} B_m))·E[v^{2⌊(M+1)/2⌋}] (lower ends of the coefficients' enclosures).
/// E[vᵐ] ~ m^{−W(ζ−1)/2} (every pixel of the field near its partner) against coefficient tails ~ M^{−3/2} (f, degree 1)
/// or M^{−1/2} (A and B; f of degree 0): small fields at small ζ need many powers (1,2,2 on four pixels at ζ = 3), which
/// `maxPowers` bounds. (When the first filter spans the field, J = 1, `MeanSeries` serves it; its tail uses the coefficients'
/// upper bounds too.)
///
/// Error contract: enclosure; `FieldQuadrature.WorkLimit` when 2^{−p} needs more than `maxPowers` powers.
struct TopSeries {
    let architecture: ConvolutionalArchitecture
    let parts: ArcCosineParts
    let activation: Activation
    let kind: KernelKind
    /// J, the grouping level (1-based): the last with a filter ≥ 2.
    let grouping: Int
    /// One child of the grouping level: filters q_1…q_{J−1} on W/q_J pixels; nil when J = 1 (the children are pixels).
    let subtree: ConvolutionalArchitecture?
    let span: Int?
    /// The subtrees' moments already computed, shared by the nested series and by the passes of a Ziv loop.
    let cache: MomentsCache

    /// The children's moments a pass has computed, per subtree architecture (the activation, the kind and the span being
    /// those of the series that owns the cache): a pass at the same or fewer powers and the same or a lower goal takes them
    /// from here. A nested series at the power limit recomputes its subtrees' quadrature, the costliest step, at every pass
    /// of the series above it otherwise (2,2,2 at ζ = 4: 135 s each).
    final class MomentsCache: @unchecked Sendable {
        struct Entry {
            let powers: Int
            let goal: Int
            let moments: [[Int]: [Interval]]
        }
        private let lock = NSLock()
        private var entries: [[Int]: Entry] = [:]

        /// A pass that asked only for cached moments found none.
        struct Miss: Error {}

        init() {}

        /// The moments of `blocks` in `FieldQuadrature.moments`' layout for P powers, from an entry with at least P powers
        /// and at least the goal (any goal when nil), or nil.
        func moments(of subtree: ConvolutionalArchitecture, _ blocks: [[Int]], powers P: Int, goal: Int?, ntk: Bool) -> [[Interval]]? {
            lock.lock(); defer { lock.unlock() }
            guard let entry = entries[[subtree.pixels] + subtree.filters], entry.powers >= P, entry.goal >= goal ?? 0 else { return nil }
            var out: [[Interval]] = []
            for block in blocks {
                guard let c = entry.moments[block] else { return nil }
                out.append(Array(c[0..<P]) + (ntk ? Array(c[entry.powers...(entry.powers + P)]) : []))
            }
            return out
        }

        func store(_ subtree: ConvolutionalArchitecture, _ blocks: [[Int]], _ moments: [[Interval]], powers P: Int, goal: Int) {
            lock.lock(); defer { lock.unlock() }
            entries[[subtree.pixels] + subtree.filters] = Entry(powers: P, goal: goal, moments: Dictionary(zip(blocks, moments)) { a, _ in a })
        }
    }

    /// The most powers of the subtrees' outputs (the series' order M + 1).
    static let maxPowers = DeepKernel.maxOrder

    /// J, the last level with a filter ≥ 2, and one of its children (nil for J = 1: pixels), or nil when every filter has size 1.
    /// Every such field is covered: the children's moments come from exact pixel moments, the field quadrature, or the
    /// children's own top series, recursively.
    static func grouping(_ architecture: ConvolutionalArchitecture) -> (level: Int, subtree: ConvolutionalArchitecture?)? {
        guard let J = architecture.filters.lastIndex(where: { $0 >= 2 }).map({ $0 + 1 }) else { return nil }
        guard J >= 2 else { return (J, nil) }
        guard let subtree = try? ConvolutionalArchitecture(channels: architecture.channels, pixels: architecture.receptiveField / architecture.filters[J - 1],
                                                           filters: Array(architecture.filters.prefix(J - 1))) else { return nil }
        return (J, subtree)
    }

    /// With `span`, the subtree's field quadrature takes that many pixels per variable (`FieldQuadrature`'s choice otherwise).
    init(architecture: ConvolutionalArchitecture, activation: Activation, kind: KernelKind, span: Int? = nil, cache: MomentsCache = MomentsCache()) throws {
        guard let parts = activation.arcCosineParts else { throw PrismError.domain("the top series serves the arc-cosine family, not \(activation.name)") }
        guard let (J, subtree) = TopSeries.grouping(architecture) else {
            throw PrismError.domain("top series: some filter must have size ≥ 2, got filters \(architecture.filters)")
        }
        if span != nil, subtree == nil { throw PrismError.domain("top series: a span needs subtrees that the field quadrature integrates") }
        if kind == .ntk, parts.degree == 0 { throw PrismError.domain("σ' is a Dirac delta: the NTK is not defined") }
        self.architecture = architecture
        self.parts = parts
        self.activation = activation
        self.kind = kind
        self.span = span
        self.cache = cache
        grouping = J
        self.subtree = subtree
    }

    /// How the subtrees' moments are computed (for the route's name): "their moments by one field quadrature over g variables",
    /// or by a top series over the subtree's own subtrees, recursively.
    var momentsRoute: String {
        guard let subtree else { return "their moments exact (the pixels' connection coefficients)" }
        if let (_, g) = try? FieldQuadrature.variables(of: subtree) {
            return "their moments by one field quadrature over \(g == 1 ? "one variable" : "\(g) variables")"
        }
        guard let inner = try? TopSeries(architecture: subtree, activation: activation, kind: kind) else { return "their moments by a top series" }
        return "their moments by the same series over their \(inner.q) subtrees each, \(inner.momentsRoute.replacingOccurrences(of: "their moments", with: "whose moments"))"
    }

    /// q_J, the number of subtrees the grouping level averages.
    var q: Int { architecture.filters[grouping - 1] }

    /// W/q_J, the pixels of one child.
    var childPixels: Int { subtree?.pixels ?? 1 }

    /// The exponent of the estimated decay of the tail in M: W(ζ−1)/2 + 3/2 (k of degree 1) or + 1/2.
    var decay: Double { Double(architecture.receptiveField * (architecture.channels - 1)) / 2 + (kind == .nngp && parts.degree == 1 ? 1.5 : 0.5) }

    /// The order M whose tail should meet 2^{−p} by the decay of the type comment, E[vᵐ] ≈ m^{−W(ζ−1)/2} and coefficient
    /// tails ≈ M^{−1/2} or M^{−3/2}, tripled for the constants (measured: the asymptotic decay sets in late), and at least 48:
    /// before the power law E[vᵐ] decays about geometrically, slower than the estimate says for large fields (2,2,2,2 on sixteen
    /// at ζ = 5: 11 estimated, about 100 needed for 2^−55), while a pass costs about the same at any order this small. The pass
    /// checks the tail it gets.
    func order(precision p: Int) -> Int {
        let estimate = 3 * Int(Swift.min(pow(2, Double(p + 4) / decay), 1e6)) + 2
        return Swift.max(estimate, 48)
    }

    /// Enclosures of λ_κ for restricted multi-indices κ (W entries), aiming at absolute accuracy 2^{−p}. A pass whose tail misses
    /// gives the next its order, from the local decay of its moments and coefficient tails (`extrapolated`). Where 2^{−p} needs
    /// more than `maxPowers` powers, with `floor` this call gives its best instead when it can reach 2^{−floor}: it aims at
    /// 2^{−min(3p/4, reachable)} and returns what it reaches (wider enclosures, which often decide the digits and the binary64;
    /// Ziv's loop passes the previous pass's accuracy, or on its first pass the bits the digits need, as `floor`). Otherwise it
    /// reports the work limit, without computing when the estimate already says so.
    func eigenvalues(_ indices: [[Int]], precision p: Int, bestEffortFloor floor: Int? = nil) throws -> [Interval] {
        let w = childPixels, limit = TopSeries.maxPowers - 1
        func unreachable(_ needed: Int) -> FieldQuadrature.WorkLimit {
            FieldQuadrature.WorkLimit(reason: "top series: 2^-\(p) needs about \(needed) powers of the \(q) subtrees' outputs "
                + "(\(w == 1 ? "one pixel" : "\(w) pixels") each; limit \(limit))")
        }
        func target(_ bits: Int) -> Double { Double(sign: .plus, exponent: -(bits + 4), significand: 1) }
        /// The accuracy to aim at instead of 2^{−p} when `reachable` bits are within the limit, or nil.
        func fallbackGoal(_ reachable: Int) -> Int? {
            guard let floor, reachable >= floor else { return nil }
            return Swift.max(floor, Swift.min(3 * p / 4, reachable))
        }
        var goal = p, M = order(precision: p), fallback = false
        if M > limit {
            guard let g = fallbackGoal(reachable(order: limit)) else { throw unreachable(M) }
            (goal, M, fallback) = (g, Swift.min(order(precision: g), limit), true)
        }
        while true {
            let result = try pass(indices, order: M, goal: goal, precision: p)
            if result.bound < target(goal) || (fallback && M >= limit) { return result.values }
            var next = TopSeries.extrapolated(order: M, bound: result.bound, target: target(goal), exponent: result.exponent)
            if next > limit, !fallback, M >= 64 {
                // The bits the local decay predicts at the limit: bound·(limit/M)^{−exponent} ≈ 2^{−(bits + 4)}.
                let atLimit = log2(result.bound) - result.exponent * log2(Double(limit) / (1.1 * Double(M)))
                guard atLimit.isFinite, let g = fallbackGoal(Int(-atLimit) - 4) else { throw unreachable(next) }
                (goal, fallback) = (g, true)
                if result.bound < target(goal) { return result.values }
                next = TopSeries.extrapolated(order: M, bound: result.bound, target: target(goal), exponent: result.exponent)
            }
            // Below 64 powers the local exponent says little (E[vᵐ] decays about geometrically before its power law sets in):
            // at most four times the order, for a pass whose own moments extrapolate better.
            M = Swift.min(Swift.max(M < 64 ? Swift.min(next, 4 * M) : next, M + 2), limit)
        }
    }

    /// The bits (2^{−bits}) the order estimate `order(precision:)` says M powers reach.
    func reachable(order M: Int) -> Int {
        Int(decay * log2(Double(M - 2) / 3)) - 4
    }

    /// A pass's enclosures (their tail included), its tail bound, and the local exponent of the tail's decay in M.
    struct Pass {
        let values: [Interval]
        let bound: Double
        let exponent: Double
    }

    /// The order at which bound·(m/M)^{−exponent} falls below the target (twice the order when the exponent gives nothing
    /// usable), 10 % more for the decay's slowing.
    static func extrapolated(order M: Int, bound: Double, target: Double, exponent: Double) -> Int {
        guard exponent.isFinite, exponent > 0.5, bound.isFinite, target > 0 else { return 2 * M }
        let factor = pow(bound / target, 1 / exponent)
        guard factor.isFinite else { return 2 * M }
        return Int(Swift.min(1.1 * Double(M) * Swift.max(factor, 1), 1e6)) + 2
    }

    /// The moments of v = q⁻¹ Σ_c Y_c against one multi-index κ: E[vᵐ Π P] (m ≤ M) and, for the NTK, E[vᵐ Θ_c Π P] per child c.
    struct MeanMoments {
        let sigma: [Interval]
        let theta: [[Interval]]
    }

    /// The children's moments a_i, b_i for the blocks (W/q entries each) in `FieldQuadrature.moments`' layout — E[Yⁱ Π P]
    /// (i = 1…P), then for the NTK E[Θ Yⁱ Π P] (i = 0…P) — to absolute accuracy 2^{−goal}: for pixels (Y = Θ = t) the exact
    /// E[tⁱ P_k(t)] = β_k^i(ζ)/N(ζ, k) (connection coefficients); otherwise by one field quadrature over a subtree, or, when the
    /// subtree needs more than three variables, by the subtree's own top series (`moments`). Subtrees' moments are kept in
    /// `cache`. With `cachedOnly` (a preview) they come from the cache at a lower goal, and only when computing them to
    /// this goal would take a new quadrature or series: `MomentsCache.Miss` otherwise.
    func childMoments(_ blocks: [[Int]], powers P: Int, goal: Int, cachedOnly: Bool = false) throws -> [[Interval]] {
        let ntk = kind == .ntk
        if cachedOnly {
            guard let subtree, cache.moments(of: subtree, blocks, powers: P, goal: goal, ntk: ntk) == nil,
                  let lower = cache.moments(of: subtree, blocks, powers: P, goal: nil, ntk: ntk) else { throw MomentsCache.Miss() }
            return lower
        }
        guard let subtree else {
            let wp = goal + 16, top = blocks.map { $0[0] }.max() ?? 0
            let columns = try ConnectionColumns(dimension: architecture.channels, maxDegree: P + 1, columns: Swift.min(top, P + 1))
            return try blocks.map { block in
                let k = block[0]
                let t = k <= P + 1 ? try ConvolutionalSeries.pixelMoments(columns, degree: k, upTo: P + 1, precision: wp)
                    : [Interval](repeating: Interval(0, precision: wp), count: P + 2)
                return Array(t[1...P]) + (ntk ? Array(t[1...(P + 1)]) : [])
            }
        }
        if let hit = cache.moments(of: subtree, blocks, powers: P, goal: goal, ntk: ntk) { return hit }
        let moments: [[Interval]]
        if (try? FieldQuadrature.variables(of: subtree)) != nil || span != nil {
            moments = try FieldQuadrature(architecture: subtree, parts: parts, kind: kind, span: span, powers: P).moments(blocks, precision: goal)
        } else {
            moments = try TopSeries(architecture: subtree, activation: activation, kind: kind, cache: cache).moments(blocks, powers: P, goal: goal)
        }
        cache.store(subtree, blocks, moments, powers: P, goal: goal)
        return moments
    }

    /// For each multi-index κ (W entries) its `MeanMoments` to order M, and E[vᵐ] (κ = 0) to order M + 1, from the children's
    /// moments to 2^{−goal−8−log₂ q}, at working precision wp: E[vᵐ Π P] = m!/qᵐ [xᵐ] Π_c A_{κ_c} and
    /// E[vᵐ Θ_c Π P] = m!/qᵐ [xᵐ] B_{κ_c} Π_{c'≠c} A_{κ_c'}.
    func meanMoments(_ indices: [[Int]], order M: Int, goal: Int, precision wp: Int, cachedOnly: Bool = false) throws -> (perIndex: [MeanMoments], zero: [Interval]) {
        let w = childPixels
        let blockOf = { (κ: [Int], c: Int) in Array(κ[(c * w)..<((c + 1) * w)]) }
        let zero = [Int](repeating: 0, count: w)
        let blocks = Array(Set(indices.flatMap { κ in (0..<q).map { blockOf(κ, $0) } } + [zero])).sorted { $0.lexicographicallyPrecedes($1) }
        let moments = try childMoments(blocks, powers: M + 1, goal: goal + 8 + q.bitWidth - q.leadingZeroBitCount, cachedOnly: cachedOnly)
        // A_κ and B_κ to order M + 1 (the generating functions of the type comment).
        var inverseFactorials = [Interval(1, precision: wp)]
        for i in stride(from: 1, through: M + 1, by: 1) { inverseFactorials.append(try inverseFactorials[i - 1].dividing(by: Interval(i, precision: wp))) }
        var sigmaGenerators: [[Int]: [Interval]] = [:], thetaGenerators: [[Int]: [Interval]] = [:]
        for (κ, c) in zip(blocks, moments) {
            let a0 = Interval(κ.allSatisfy { $0 == 0 } ? 1 : 0, precision: wp)
            sigmaGenerators[κ] = [a0] + (1...(M + 1)).map { c[$0 - 1] * inverseFactorials[$0] }
            if kind == .ntk { thetaGenerators[κ] = (0...M).map { c[M + 1 + $0] * inverseFactorials[$0] } }
        }
        let zeroMoments = try MeanSeries.meanMoments(MeanSeries.product([[Interval]](repeating: sigmaGenerators[zero]!, count: q), order: M + 1, precision: wp),
                                                     order: M + 1, pixels: q, precision: wp)
        var cache: [[Int]: MeanMoments] = [:]
        let perIndex = try indices.map { κ in
            if let hit = cache[κ] { return hit }
            let children = (0..<q).map { blockOf(κ, $0) }
            let A = children.map { sigmaGenerators[$0]! }
            let sigma = try MeanSeries.meanMoments(MeanSeries.product(A, order: M, precision: wp), order: M, pixels: q, precision: wp)
            let theta: [[Interval]] = kind == .nngp ? [] : try (0..<q).map { c in
                var factors = A
                factors[c] = thetaGenerators[children[c]]!
                return try MeanSeries.meanMoments(MeanSeries.product(factors, order: M, precision: wp), order: M, pixels: q, precision: wp)
            }
            let out = MeanMoments(sigma: sigma, theta: theta)
            cache[κ] = out
            return out
        }
        return (perIndex, zeroMoments)
    }

    /// Σ_{m≤M} f_m E[vᵐ Π P] + q⁻¹ Σ_c Σ_{m≤M} g_m E[vᵐ Θ_c Π P] (the second sum for a given g).
    func sum(_ f: [Interval], _ g: [Interval]?, _ moments: MeanMoments, precision wp: Int) -> Interval {
        var total = Interval(0, precision: wp)
        for (c, e) in zip(f, moments.sigma) where !e.isExactZero { total = total + c * e }
        guard let g else { return total }
        var theta = Interval(0, precision: wp)
        for F in moments.theta { for (c, e) in zip(g, F) where !e.isExactZero { theta = theta + c * e } }
        return total + theta * Interval(Rational(1) / Rational(q), precision: wp)
    }

    /// The mass of a series with non-negative coefficients beyond its first n + 1 (lower ends) given its value at 1: an upper bound.
    static func mass(_ coefficients: ArraySlice<Interval>, atOne: BigFloat) -> BigFloat {
        let low = 64
        var sum = BigFloat(0, precision: low)
        for c in coefficients { sum = sum.adding(Swift.max(c.lower, BigFloat(0, precision: low)), precision: low, rounding: .down) }
        return Swift.max(atOne.subtracting(sum, precision: low, rounding: .up), BigFloat(0, precision: low))
    }

    /// The local exponent of a tail bound (coefficient mass beyond M)·E[v^{2⌊(M+1)/2⌋}] between M/2 and M.
    static func localExponent(order M: Int, _ zeroMoments: [Interval], _ coefficientTail: (Int) -> BigFloat) -> Double {
        let half = M / 2, far = 2 * ((M + 1) / 2), near = 2 * ((half + 1) / 2)
        let ratio = zeroMoments[near].upper.double() / zeroMoments[far].upper.double()
        return (log(ratio) + log(coefficientTail(half).double() / coefficientTail(M).double())) / log(Double(far) / Double(near))
    }

    /// One pass at order M, the subtrees' moments to 2^{−goal−8}, at working precision p + 32.
    func pass(_ indices: [[Int]], order M: Int, goal: Int, precision p: Int) throws -> Pass {
        let wp = p + 32, low = 64
        let (perIndex, zeroMoments) = try meanMoments(indices, order: M, goal: goal, precision: wp)
        let chain = try ChainSeries(activation: activation, depth: architecture.levels - grouping + 1, kind: kind, order: M, precision: wp)
        // The tail: (f(1) − Σ f_m)·E[v^{2⌊(M+1)/2⌋}], for the NTK (A(1) − Σ A_m + J(B(1) − Σ B_m))·E[v^{2⌊(M+1)/2⌋}].
        /// The coefficient mass beyond order n.
        func coefficientTail(_ n: Int) -> BigFloat {
            let tail = TopSeries.mass(chain.value.prefix(n + 1), atOne: chain.valueAtOne.upper)
            guard let B = chain.slope, let atOne = chain.slopeAtOne else { return tail }
            return tail.adding(TopSeries.mass(B.prefix(n + 1), atOne: atOne.upper).multiplied(by: BigFloat(grouping, precision: low), precision: low, rounding: .up),
                               precision: low, rounding: .up)
        }
        let tailMass = coefficientTail(M)
        let bound = tailMass.multiplied(by: zeroMoments[2 * ((M + 1) / 2)].upper, precision: low, rounding: .up)
        let exponent = TopSeries.localExponent(order: M, zeroMoments, coefficientTail)
        let tail = Interval(bound.negated()).hull(Interval(bound))
        let R = Interval(architecture.readouts, precision: wp)
        let values = try perIndex.map { try (sum(chain.value, chain.slope, $0, precision: wp) + tail).dividing(by: R) }
        return Pass(values: values, bound: bound.double(rounding: .up), exponent: exponent)
    }

    /// The moments of this field's output for a top series one level up (this architecture being its subtree, R = 1):
    /// E[Yⁱ Π P] (i = 1…P) and, for the NTK, E[Θ Yⁱ Π P] (i = 0…P), in `FieldQuadrature.moments`' layout, to absolute accuracy
    /// 2^{−goal}. With Y = f(v) (f = Σ^(D) of the chain) and Θ = A(v) + B(v)·Θ̄,
    ///
    ///     E[Yⁱ Π P] = Σ_{m≤M} [fⁱ]_m E[vᵐ Π P] ± (f(1)ⁱ − Σ_{m≤M} [fⁱ]_m)·E[v^{2⌊(M+1)/2⌋}],
    ///     E[Θ Yⁱ Π P] = Σ_{m≤M} [A fⁱ]_m E[vᵐ Π P] + q⁻¹ Σ_c Σ_{m≤M} [B fⁱ]_m E[vᵐ Θ_c Π P] ± tail,
    ///
    /// the tail (A(1) f(1)ⁱ − Σ [A fⁱ]_m + J(B(1) f(1)ⁱ − Σ [B fⁱ]_m))·E[v^{2⌊(M+1)/2⌋}]: fⁱ, A fⁱ, B fⁱ have non-negative
    /// coefficients, exact to order M from f, A, B to order M. fⁱ's mass moves to higher orders as i grows (about i times
    /// f's tail beyond M), so M starts at twice the powers or four times the order estimated for 2^{−goal}, and a pass whose tails miss gives the
    /// next its order from their local decay (as for `eigenvalues`).
    ///
    /// Error contract: enclosures; `FieldQuadrature.WorkLimit` when `maxPowers` powers leave a tail above 2^{−goal}.
    func moments(_ indices: [[Int]], powers P: Int, goal: Int) throws -> [[Interval]] {
        let limit = TopSeries.maxPowers - 1
        let target = BigFloat(1, precision: 64).scaled(byPowerOfTwo: -(goal + 2))
        // A pass costs about the same over a wide range of orders (its subtrees' quadrature dominates): start generously.
        var M = Swift.min(Swift.max(4 * order(precision: goal), 2 * P), limit)
        func unreachable(_ needed: Int?) -> FieldQuadrature.WorkLimit {
            FieldQuadrature.WorkLimit(reason: "top series: the moments of \(q) subtrees' outputs to 2^-\(goal) need "
                + (needed.map { "about \($0)" } ?? "more than \(limit)") + " powers of theirs "
                + "(\(childPixels == 1 ? "one pixel" : "\(childPixels) pixels") each; limit \(limit))")
        }
        // At the power limit the tails may take the two bits aimed at beyond the goal: the enclosures hold either way, and
        // the contract is 2^{−goal} (2,2,2 at ζ = 4 for 6 digits: 2^−62.4 against the aim 2^−63 at 1,198 powers).
        let acceptable = target.scaled(byPowerOfTwo: 2)
        // The tails hardly depend on the children's accuracy: subtree moments a previous pass left in the cache (a lower goal)
        // say at once, without a new quadrature, whether the limit can meet this goal.
        // (Twice the acceptable: those moments' lower accuracy enlarges the bound of E[v^{M+1}] a little.)
        if M >= limit, let preview = try? limitTail(powers: P, order: M, goal: goal), preview >= acceptable.scaled(byPowerOfTwo: 1) {
            throw unreachable(nil)
        }
        while true {
            let pass = try momentsPass(indices, powers: P, order: M, goal: goal)
            if pass.worst < target || (M >= limit && pass.worst < acceptable) { return pass.values }
            guard M < limit else { throw unreachable(nil) }
            let next = TopSeries.extrapolated(order: M, bound: pass.worst.double(rounding: .up), target: target.double(), exponent: pass.exponent)
            // From 64 powers on the local decay is trusted (as in `eigenvalues`): past the limit, say so now.
            guard next <= limit || M < 64 else { throw unreachable(next) }
            M = Swift.min(Swift.max(next, M + 2), limit)
        }
    }

    /// The chain's series for `moments`: f = Σ^(D) and, for the NTK, A and B (`ChainSeries`).
    func chains(order M: Int, precision wp: Int) throws -> (f: ChainSeries, ntk: ChainSeries?) {
        let depth = architecture.levels - grouping + 1
        return (try ChainSeries(activation: activation, depth: depth, kind: .nngp, order: M, precision: wp),
                kind == .ntk ? try ChainSeries(activation: activation, depth: depth, kind: .ntk, order: M, precision: wp) : nil)
    }

    /// A fⁱ and B fⁱ to order M for fⁱ = `power` (f(1)ⁱ ≤ `powerAtOne`), and their tail mass A(1) f(1)ⁱ − Σ [A fⁱ]_m
    /// + J(B(1) f(1)ⁱ − Σ [B fⁱ]_m) (for `moments`' E[Θ Yⁱ Π P]).
    func thetaSeries(_ power: [Interval], atOne powerAtOne: BigFloat, _ ntk: ChainSeries, order M: Int, precision wp: Int) -> (a: [Interval], b: [Interval], mass: BigFloat)? {
        guard let B = ntk.slope, let bAtOne = ntk.slopeAtOne else { return nil }
        let low = 64
        let a = Interval.convolution(power, ntk.value, degrees: 0..<(M + 1), precision: wp)
        let b = Interval.convolution(power, B, degrees: 0..<(M + 1), precision: wp)
        let mass = TopSeries.mass(a[...], atOne: ntk.valueAtOne.upper.multiplied(by: powerAtOne, precision: low, rounding: .up))
            .adding(TopSeries.mass(b[...], atOne: bAtOne.upper.multiplied(by: powerAtOne, precision: low, rounding: .up))
                .multiplied(by: BigFloat(grouping, precision: low), precision: low, rounding: .up), precision: low, rounding: .up)
        return (a, b, mass)
    }

    /// The tail bound of `moments`' highest power i = P at order M (the largest: fⁱ's mass beyond M grows with i), from subtree
    /// moments of a lower goal in the cache (`MomentsCache.Miss` when there are none, or when the goal's own are there), fⁱ by
    /// repeated squaring: a preview of whether a pass at this goal can succeed, without the pass's quadrature and powers.
    func limitTail(powers P: Int, order M: Int, goal: Int) throws -> BigFloat {
        let wp = goal + 32 + P.bitWidth - P.leadingZeroBitCount, low = 64
        let zeroMoments = try meanMoments([], order: M, goal: goal + 2, precision: wp, cachedOnly: true).zero
        let (f, ntk) = try chains(order: M, precision: wp)
        var power = [Interval(1, precision: wp)], square = f.value, n = P
        var powerAtOne = BigFloat(1, precision: low), squareAtOne = f.valueAtOne.upper
        while n > 0 {
            if n & 1 == 1 {
                power = Interval.convolution(power, square, degrees: 0..<(M + 1), precision: wp)
                powerAtOne = powerAtOne.multiplied(by: squareAtOne, precision: low, rounding: .up)
            }
            n >>= 1
            if n > 0 {
                square = Interval.convolution(square, square, degrees: 0..<(M + 1), precision: wp)
                squareAtOne = squareAtOne.multiplied(by: squareAtOne, precision: low, rounding: .up)
            }
        }
        var mass = TopSeries.mass(power[...], atOne: powerAtOne)
        if let ntk, let theta = thetaSeries(power, atOne: powerAtOne, ntk, order: M, precision: wp) { mass = Swift.max(mass, theta.mass) }
        return mass.multiplied(by: zeroMoments[2 * ((M + 1) / 2)].upper, precision: low, rounding: .up)
    }

    /// One pass of `moments` at order M: the enclosures, the largest tail bound, and the tail's local exponent.
    func momentsPass(_ indices: [[Int]], powers P: Int, order M: Int, goal: Int) throws -> (values: [[Interval]], worst: BigFloat, exponent: Double) {
        let wp = goal + 32 + P.bitWidth - P.leadingZeroBitCount, low = 64
        let (perIndex, zeroMoments) = try meanMoments(indices, order: M, goal: goal + 2, precision: wp)
        let (f, ntk) = try chains(order: M, precision: wp)
        let far = zeroMoments[2 * ((M + 1) / 2)].upper
        var worst = BigFloat(0, precision: low)
        func tail(_ mass: BigFloat) -> Interval {
            let bound = mass.multiplied(by: far, precision: low, rounding: .up)
            worst = Swift.max(worst, bound)
            return Interval(bound.negated()).hull(Interval(bound))
        }
        var out = [[Interval]](repeating: [], count: indices.count)
        var power = [Interval(1, precision: wp)] + [Interval](repeating: Interval(0, precision: wp), count: M) // fⁱ
        var powerAtOne = BigFloat(1, precision: low) // an upper bound of f(1)ⁱ
        var thetaPart = [[Interval]](repeating: [], count: indices.count)
        for i in 0...P {
            if i > 0 {
                power = Interval.convolution(power, f.value, degrees: 0..<(M + 1), precision: wp)
                powerAtOne = powerAtOne.multiplied(by: f.valueAtOne.upper, precision: low, rounding: .up)
                let t = tail(TopSeries.mass(power[...], atOne: powerAtOne))
                for (j, moments) in perIndex.enumerated() { out[j].append(sum(power, nil, moments, precision: wp) + t) }
            }
            if let ntk, let theta = thetaSeries(power, atOne: powerAtOne, ntk, order: M, precision: wp) {
                let t = tail(theta.mass)
                for (j, moments) in perIndex.enumerated() { thetaPart[j].append(sum(theta.a, theta.b, moments, precision: wp) + t) }
            }
        }
        let exponent = TopSeries.localExponent(order: M, zeroMoments) { TopSeries.mass(f.value.prefix($0 + 1), atOne: f.valueAtOne.upper) }
        return (zip(out, thetaPart).map { $0 + $1 }, worst, exponent)
    }
}
