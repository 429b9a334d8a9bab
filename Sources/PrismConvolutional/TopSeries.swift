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
/// The children's outputs enter recentred, y = (Y − c)/(1 − c) with v their mean and f, A, B expanded about V = c (`centre`):
/// every formula above holds with Y replaced by y (a_i = E[yⁱ Π P], …), and the orders needed shrink by the factor 1 − c.
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
    /// c, the centre of the children's outputs in this series' variable (`centre(of:parts:depth:)`).
    let centre: Rational

    /// The children's moments a pass has computed, per subtree architecture (the activation, the kind and the span being
    /// those of the series that owns the cache): a pass at the same or fewer powers and the same or a lower goal takes them
    /// from here. A nested series at the power limit recomputes its subtrees' quadrature, the costliest step, at every pass
    /// of the series above it otherwise (2,2,2 at ζ = 4: 135 s each).
    final class MomentsCache: @unchecked Sendable {
        struct Entry {
            let powers: Int
            /// The goal of each power i = 0…powers (`childGoals`).
            let goals: [Int]
            let moments: [[Int]: [Interval]]
        }
        private let lock = NSLock()
        private var entries: [[Int]: Entry] = [:]

        /// A pass that asked only for cached moments found none.
        struct Miss: Error {}

        init() {}

        /// The moments of `blocks` in `FieldQuadrature.moments`' layout for P powers, from an entry with at least P powers
        /// and at least the goal of each (any goals when nil), or nil.
        func moments(of subtree: ConvolutionalArchitecture, _ blocks: [[Int]], powers P: Int, goals: [Int]?, ntk: Bool) -> [[Interval]]? {
            lock.lock(); defer { lock.unlock() }
            guard let entry = entries[[subtree.pixels] + subtree.filters], entry.powers >= P,
                  zip(entry.goals, goals ?? []).allSatisfy({ $0 >= $1 }) else { return nil }
            var out: [[Interval]] = []
            for block in blocks {
                guard let c = entry.moments[block] else { return nil }
                out.append(Array(c[0..<P]) + (ntk ? Array(c[entry.powers...(entry.powers + P)]) : []))
            }
            return out
        }

        func store(_ subtree: ConvolutionalArchitecture, _ blocks: [[Int]], _ moments: [[Interval]], powers P: Int, goals: [Int]) {
            lock.lock(); defer { lock.unlock() }
            entries[[subtree.pixels] + subtree.filters] = Entry(powers: P, goals: goals, moments: Dictionary(zip(blocks, moments)) { a, _ in a })
        }
    }

    /// The most powers of the subtrees' outputs (the series' order M + 1) in `eigenvalues`: `ChainSeries.maxOrder` for a chain of
    /// one level (its closed forms) over subtrees integrated by one field quadrature, whose cost grows linearly in the powers
    /// (1,2,2 on four pixels at ζ = 3: about 3.5 minutes for 2,637), otherwise `maxNestedPowers`.
    var maxPowers: Int {
        guard let subtree, !TopSeries.nested(subtree, span: span) else { return TopSeries.maxNestedPowers }
        return ChainSeries.maxOrder(depth: architecture.levels - grouping + 1)
    }

    /// The most powers in `moments` (a nested series' output for the series above): `DeepKernel`'s order limit, the powers
    /// fⁱ (i ≤ P) to order M there costing about P·M² operations.
    static let maxNestedPowers = DeepKernel.maxOrder

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
        centre = try TopSeries.centre(of: subtree, parts: parts, depth: architecture.levels - J + 1, span: span)
    }

    /// A lower bound of the output Σ of `levels` levels: k is increasing on [−1, 1] for degree 1 with λ ≤ 1
    /// (k' = k̇ = 1 − λ arccos u/π ≥ 1 − λ) and for degree 0 (k' = ν/(π√(1 − u²)) ≥ 0), and a mean of values ≥ m is ≥ m, so
    /// Σ ≥ k^levels(−1) (ReLU: 0 after one level, 1/π after two); nil for the others (abs, leaky_relu with a < 0).
    static func outputFloor(levels: Int, parts: ArcCosineParts) throws -> BigFloat? {
        guard parts.degree == 0 || parts.lambda <= 1 else { return nil }
        var floor = BigFloat(-1, precision: 64)
        for _ in 0..<levels { floor = try parts.duals(at: Interval(floor)).k.lower }
        return floor
    }

    /// Whether a child's moments come from its own top series (more than three integration variables, no span chosen)
    /// rather than from one field quadrature over it.
    static func nested(_ child: ConvolutionalArchitecture, span: Int?) -> Bool {
        span == nil && (try? FieldQuadrature.variables(of: child)) == nil
    }

    /// The centre c ∈ [0, 1) of the children's outputs Y in this series' variable: it expands the chain in v = mean_c y_c,
    /// y = (Y − c)/(1 − c), about V = c instead of 0. Near V = 1, where E[vᵐ] and the chain's coefficients meet, vᵐ ≈ e^{−m(1−V)/(1−c)}:
    /// the orders the tail needs shrink by the factor 1 − c, and a nested series' powers Yⁱ spread to orders about i(1 − c)
    /// instead of i (2,2,2 at ζ = 4: c = 85/256 below the middle level, 1/2 below the top). Conditions, with m a lower bound of Y
    /// (`outputFloor`): c ≤ (1 + 2m)/3, so −1/2 ≤ y ≤ 1 (|v| ≤ 1 for the tails' bound; at the low end, Y = m, the powers yⁱ
    /// decay like 2^{−i}: with y reaching −1 there the field quadrature has to resolve the corner where Y = m — the
    /// kernel's other singularity — to every power, which made 2,2,2 at ζ = 4 slower); c < F(c'), F the child's own chain at its own centre c',
    /// when the child's moments come from its own series (`output(centre:precision:)`: gⁱ's coefficients stay non-negative);
    /// a chain of one level (`ChainSeries`' recentred closed forms). c = 0 otherwise (pixels, depth ≥ 2, abs). A multiple of 1/256.
    static func centre(of child: ConvolutionalArchitecture?, parts: ArcCosineParts, depth D: Int, span: Int?) throws -> Rational {
        guard let child, D == 1, let floor = try outputFloor(levels: child.levels, parts: parts) else { return 0 }
        var bound = try BigFloat(1, precision: 64).adding(floor.scaled(byPowerOfTwo: 1), precision: 64, rounding: .down)
            .divided(by: BigFloat(3, precision: 64), precision: 64, rounding: .down)
        if nested(child, span: span), let (J, grandchild) = grouping(child) {
            let D = child.levels - J + 1
            var value = try parts.duals(at: Interval(try centre(of: grandchild, parts: parts, depth: D, span: nil), precision: 64)).k.lower
            for _ in 1..<D { value = try parts.duals(at: Interval(value)).k.lower }
            bound = Swift.min(bound, value.subtracting(BigFloat(1, precision: 64).scaled(byPowerOfTwo: -20), precision: 64, rounding: .down))
        }
        guard bound.signum > 0, let n = bound.fixedPoint(fractionBits: 8, rounding: .down) else { return 0 }
        return Rational(n) / Rational(256)
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
    /// tails ≈ M^{−1/2} or M^{−3/2}, times 1 − c (`centre`), tripled for the constants (measured: the asymptotic decay sets in late), and at least 48:
    /// before the power law E[vᵐ] decays about geometrically, slower than the estimate says for large fields (2,2,2,2 on sixteen
    /// at ζ = 5: 11 estimated, about 100 needed for 2^−55), while a pass costs about the same at any order this small. The pass
    /// checks the tail it gets.
    func order(precision p: Int) -> Int {
        let estimate = 3 * Int(Swift.min(pow(2, Double(p + 4) / decay) * shrink, 1e6)) + 2
        return Swift.max(estimate, 48)
    }

    /// Enclosures of λ_κ for restricted multi-indices κ (W entries), aiming at absolute accuracy 2^{−p} (2^{−floor} when that is
    /// more). A pass whose tail misses
    /// gives the next its order, from the local decay of its moments and coefficient tails (`extrapolated`). Where 2^{−p} needs
    /// more than `maxPowers` powers, with `floor` this call gives its best instead when it can reach 2^{−floor}: it aims at
    /// 2^{−min(3p/4, reachable)} (and where the subtrees' moments cannot reach their share of the aim, halfway down to the
    /// floor, again as often as needed) and returns what it reaches (wider enclosures, which often decide the digits and the binary64;
    /// Ziv's loop passes the previous pass's accuracy, or on its first pass the bits the digits need, as `floor`). Otherwise it
    /// reports the work limit, without computing when the estimate already says so. Passes stay within `maxNestedPowers`
    /// while a best effort there can reach the floor (2,2,2 on eight pixels at ζ = 3, 20 digits: 111 s so, 447 s aimed at 2^{−p}
    /// with the thousands of powers the estimate asks); past them go only passes aimed at 2^{−p} that the estimate puts within
    /// `maxPowers` (1,2,2 on four pixels at ζ = 3) and the best efforts their local decay calls for — never a best effort from
    /// the estimate alone (2,2,2 at 30 digits: 8.5 minutes aimed at what 4,000 powers might reach, nothing decided).
    func eigenvalues(_ indices: [[Int]], precision p: Int, bestEffortFloor floor: Int? = nil) throws -> [Interval] {
        let w = childPixels, limit = maxPowers - 1
        var cap = Swift.min(limit, TopSeries.maxNestedPowers - 1) // the most powers of this call's passes
        // Never aim below the floor: less decides nothing (on Ziv's first pass the binary64 needs 56 bits even where the digits
        // need fewer; 1,2,2 on four at ζ = 3, 5 digits: a first pass aimed at 2^−49 spent minutes before the exit 1 the floor
        // tells at once).
        var goal = Swift.max(p, floor ?? p), M = order(precision: goal), fallback = false
        func unreachable(_ needed: Int) -> FieldQuadrature.WorkLimit {
            FieldQuadrature.WorkLimit(reason: "top series: 2^-\(goal) needs about \(needed) powers of the \(q) subtrees' outputs "
                + "(\(w == 1 ? "one pixel" : "\(w) pixels") each; limit \(limit))")
        }
        func target(_ bits: Int) -> Double { Double(sign: .plus, exponent: -(bits + 4), significand: 1) }
        /// The accuracy to aim at instead of 2^{−p} when `reachable` bits are within the limit, or nil.
        func fallbackGoal(_ reachable: Int) -> Int? {
            guard let floor, reachable >= floor else { return nil }
            return Swift.max(floor, Swift.min(3 * p / 4, reachable))
        }
        if M > cap {
            if let g = fallbackGoal(reachable(order: cap)) {
                (goal, M, fallback) = (g, Swift.min(order(precision: g), cap), true)
            } else if M <= limit {
                cap = limit
            } else {
                throw unreachable(M)
            }
        }
        while true {
            let result: Pass
            do {
                result = try pass(indices, order: M, goal: goal, precision: p)
            } catch let limit as FieldQuadrature.WorkLimit {
                // The subtrees' moments cannot reach this goal within their power limit: with a floor, aim halfway down to it
                // (their kept moments' preview refuses a goal out of reach without a new quadrature).
                guard let floor, goal > floor else { throw limit }
                (goal, fallback) = (goal - (goal - floor + 1) / 2, true)
                M = Swift.min(M, order(precision: goal))
                continue
            }
            if result.bound < target(goal) || (fallback && M >= cap) { return result.values }
            var next = TopSeries.extrapolated(order: M, bound: result.bound, target: target(goal), exponent: result.exponent)
            if next > cap, !fallback, M >= 64 {
                // The bits the local decay predicts at the cap: bound·(cap/M)^{−exponent} ≈ 2^{−(bits + 4)}.
                let atLimit = log2(result.bound) - result.exponent * log2(Double(cap) / (1.1 * Double(M)))
                guard atLimit.isFinite, let g = fallbackGoal(Int(-atLimit) - 4) else { throw unreachable(next) }
                (goal, fallback) = (g, true)
                if result.bound < target(goal) { return result.values }
                next = TopSeries.extrapolated(order: M, bound: result.bound, target: target(goal), exponent: result.exponent)
            }
            // Below 64 powers the local exponent says little (E[vᵐ] decays about geometrically before its power law sets in):
            // at most four times the order, for a pass whose own moments extrapolate better.
            M = Swift.min(Swift.max(M < 64 ? Swift.min(next, 4 * M) : next, M + 2), cap)
        }
    }

    /// The bits (2^{−bits}) the order estimate `order(precision:)` says M powers reach.
    func reachable(order M: Int) -> Int {
        Int(decay * log2(Double(M - 2) / (3 * shrink))) - 4
    }

    /// 1 − c (c = `centre`): the factor by which the centre shrinks the orders the tail needs.
    var shrink: Double { 1 - BigFloat(centre, precision: 53, rounding: .nearest).double() }

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
    func childMoments(_ blocks: [[Int]], powers P: Int, goals: [Int], cachedOnly: Bool = false) throws -> [[Interval]] {
        let ntk = kind == .ntk, goal = goals.max() ?? 0
        if cachedOnly {
            guard let subtree, cache.moments(of: subtree, blocks, powers: P, goals: goals, ntk: ntk) == nil,
                  let lower = cache.moments(of: subtree, blocks, powers: P, goals: nil, ntk: ntk) else { throw MomentsCache.Miss() }
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
        if let hit = cache.moments(of: subtree, blocks, powers: P, goals: goals, ntk: ntk) { return hit }
        let moments: [[Interval]], reached: [Int]
        if !TopSeries.nested(subtree, span: span) {
            moments = try FieldQuadrature(architecture: subtree, parts: parts, kind: kind, span: span, powers: P, centre: centre).moments(blocks, precision: goal)
            reached = [Int](repeating: goal, count: P + 1)
        } else {
            moments = try TopSeries(architecture: subtree, activation: activation, kind: kind, cache: cache).moments(blocks, powers: P, goals: goals, centre: centre)
            reached = goals
        }
        cache.store(subtree, blocks, moments, powers: P, goals: reached)
        return moments
    }

    /// For each multi-index κ (W entries) its `MeanMoments` to order M, and E[vᵐ] (κ = 0) to order M + 1, from the children's
    /// moments of power i to 2^{−goals[i]} (i = 0…M + 1), at working precision wp: E[vᵐ Π P] = m!/qᵐ [xᵐ] Π_c A_{κ_c} and
    /// E[vᵐ Θ_c Π P] = m!/qᵐ [xᵐ] B_{κ_c} Π_{c'≠c} A_{κ_c'}.
    func meanMoments(_ indices: [[Int]], order M: Int, goals: [Int], precision wp: Int, cachedOnly: Bool = false) throws -> (perIndex: [MeanMoments], zero: [Interval]) {
        let w = childPixels
        let blockOf = { (κ: [Int], c: Int) in Array(κ[(c * w)..<((c + 1) * w)]) }
        let zero = [Int](repeating: 0, count: w)
        let blocks = Array(Set(indices.flatMap { κ in (0..<q).map { blockOf(κ, $0) } } + [zero])).sorted { $0.lexicographicallyPrecedes($1) }
        let moments = try childMoments(blocks, powers: M + 1, goals: goals, cachedOnly: cachedOnly)
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

    /// One pass at order M, the subtrees' moments to their `childGoals`, at working precision p + 32.
    func pass(_ indices: [[Int]], order M: Int, goal: Int, precision p: Int) throws -> Pass {
        let wp = p + 32, low = 64
        let chain = try self.chain(kind, order: M, precision: wp)
        // The tail: (f(1) − Σ f_m)·E[v^{2⌊(M+1)/2⌋}], for the NTK (A(1) − Σ A_m + J(B(1) − Σ B_m))·E[v^{2⌊(M+1)/2⌋}].
        /// The coefficient mass beyond order n.
        func coefficientTail(_ n: Int) -> BigFloat {
            let tail = TopSeries.mass(chain.value.prefix(n + 1), atOne: chain.valueAtOne.upper)
            guard let B = chain.slope, let atOne = chain.slopeAtOne else { return tail }
            return tail.adding(TopSeries.mass(B.prefix(n + 1), atOne: atOne.upper).multiplied(by: BigFloat(grouping, precision: low), precision: low, rounding: .up),
                               precision: low, rounding: .up)
        }
        let tailMass = coefficientTail(M)
        let goals = childGoals(chain, tail: tailMass.double(rounding: .up), order: M, goal: goal)
        let (perIndex, zeroMoments) = try meanMoments(indices, order: M, goals: goals, precision: wp)
        let bound = tailMass.multiplied(by: zeroMoments[2 * ((M + 1) / 2)].upper, precision: low, rounding: .up)
        let exponent = TopSeries.localExponent(order: M, zeroMoments, coefficientTail)
        let tail = Interval(bound.negated()).hull(Interval(bound))
        let R = Interval(architecture.readouts, precision: wp)
        let values = try perIndex.map { try (sum(chain.value, chain.slope, $0, precision: wp) + tail).dividing(by: R) }
        return Pass(values: values, bound: bound.double(rounding: .up), exponent: exponent)
    }

    /// The children's goal for every power regardless of the coefficients, 2^{−goal−8−log₂ q}: an error ε in every a_i moves
    /// E[vᵐ …] by at most qε.
    func uniformGoal(_ goal: Int) -> Int { goal + 8 + q.bitWidth - q.leadingZeroBitCount }

    /// The goals of the children's moments a_i, b_i (i = 0…M + 1) for a pass at order M aiming at 2^{−goal}. An error ε_i in
    /// a_i (or b_i) moves λ by at most ε_i W_i, W_i = q Σ_{i≤m≤M} F_m π_m(i) + q T π_{M+1}(i): π_m is the law of one child's
    /// share of vᵐ, Binomial(m, 1/q) (|a|, |b| ≤ 1 for the others), F = f (NNGP) or A + B (NTK), T the coefficient mass beyond M
    /// (the tail's E[v^{M+1}]). ε_i is the larger of two shares of 2^{−goal−5}, each summing to it against the W_i (so the
    /// errors stay below 2^{−goal−4}, the tail's aim): 2^{−goal−5}/((M + 2) W_i), which lets the high powers, seen only by the
    /// far coefficients, go with far fewer bits, and 2^{−goal−5}(i + 1)/Σ_j W_j (j + 1), which grows with i as a nested
    /// series' tails do (`moments`: about i times f's mass beyond its order), so the first powers need no more bits than the
    /// whole allows (2,2,2 at ζ = 4: about 2^−68 for the middle level's first power at goal 63, against 2^−73 from a uniform
    /// goal). Never more than the uniform goal (`uniformGoal`), never less than 8 bits. (The enclosures hold whatever the
    /// goals; goals too low only cost Ziv's loop a pass.)
    func childGoals(_ chain: ChainSeries, tail T: Double, order M: Int, goal: Int) -> [Int] {
        let uniform = uniformGoal(goal)
        let F = (0...M).map { m in chain.value[m].upper.double(rounding: .up) + (chain.slope.map { $0[m].upper.double(rounding: .up) } ?? 0) }
        let share = log(1 / Double(q)), rest = log(1 - 1 / Double(q))
        /// log π_m(i).
        func logBinomial(_ m: Int, _ i: Int) -> Double {
            lgamma(Double(m + 1)) - lgamma(Double(i + 1)) - lgamma(Double(m - i + 1)) + Double(i) * share + Double(m - i) * rest
        }
        let W = (0...(M + 1)).map { i in
            var w = T * exp(logBinomial(M + 1, i))
            for m in stride(from: i, through: M, by: 1) where F[m] > 0 { w += F[m] * exp(logBinomial(m, i)) }
            return Double(q) * w
        }
        let S = zip(W, 0...).reduce(0) { $0 + $1.0 * Double($1.1 + 1) }
        guard S > 0, S.isFinite else { return [Int](repeating: uniform, count: M + 2) }
        return W.indices.map { i in
            // W_i underflows to 0 for powers no coefficient reaches: they need nothing.
            let bits = Swift.min(log2(S / Double(i + 1)), log2(Double(M + 2) * W[i]))
            guard bits.isFinite else { return 8 }
            return Swift.max(8, Swift.min(uniform, goal + 5 + Int(bits.rounded(.up))))
        }
    }

    /// The moments of this field's output for a top series one level up (this architecture being its subtree, R = 1):
    /// E[Yⁱ Π P] (i = 1…P) and, for the NTK, E[Θ Yⁱ Π P] (i = 0…P), in `FieldQuadrature.moments`' layout, those of power i to
    /// absolute accuracy 2^{−goals[i]} (`childGoals` of the series above), Y in its variable (Y − c)/(1 − c) (c = `output`, its
    /// `centre`). With Y = f(v) (f = Σ^(D) of the chain) and Θ = A(v) + B(v)·Θ̄,
    ///
    ///     E[Yⁱ Π P] = Σ_{m≤M} [fⁱ]_m E[vᵐ Π P] ± (f(1)ⁱ − Σ_{m≤M} [fⁱ]_m)·E[v^{2⌊(M+1)/2⌋}],
    ///     E[Θ Yⁱ Π P] = Σ_{m≤M} [A fⁱ]_m E[vᵐ Π P] + q⁻¹ Σ_c Σ_{m≤M} [B fⁱ]_m E[vᵐ Θ_c Π P] ± tail,
    ///
    /// the tail (A(1) f(1)ⁱ − Σ [A fⁱ]_m + J(B(1) f(1)ⁱ − Σ [B fⁱ]_m))·E[v^{2⌊(M+1)/2⌋}]: fⁱ, A fⁱ, B fⁱ have non-negative
    /// coefficients, exact to order M from f, A, B to order M. fⁱ's mass moves to higher orders as i grows (about i times
    /// f's tail beyond M), so M starts at twice the powers or four times the order estimated for the highest goal, and a pass whose
    /// tails miss gives the next its order from their local decay (as for `eigenvalues`). The tails are measured against the
    /// goals: a pass's `worst` is max_i tail_i·2^{goals[i]+2}, so 1 is the aim.
    ///
    /// Error contract: enclosures; `FieldQuadrature.WorkLimit` when `maxNestedPowers` powers leave a tail above its goal.
    func moments(_ indices: [[Int]], powers P: Int, goals: [Int], centre output: Rational) throws -> [[Interval]] {
        let limit = TopSeries.maxNestedPowers - 1, goal = goals.max() ?? 0
        let target = BigFloat(1, precision: 64)
        // A pass costs about the same over a wide range of orders (its subtrees' quadrature dominates): start generously.
        var M = Swift.min(Swift.max(4 * order(precision: goal), 2 * P), limit)
        func unreachable(_ needed: Int?) -> FieldQuadrature.WorkLimit {
            FieldQuadrature.WorkLimit(reason: "top series: the moments of \(q) subtrees' outputs to 2^-\(goals.min() ?? 0)…2^-\(goal) need "
                + (needed.map { "about \($0)" } ?? "more than \(limit)") + " powers of theirs "
                + "(\(childPixels == 1 ? "one pixel" : "\(childPixels) pixels") each; limit \(limit))")
        }
        // At the power limit the tails may take the two bits aimed at beyond the goals: the enclosures hold either way, and
        // the contract is 2^{−goals[i]} (2,2,2 at ζ = 4 for 6 digits: 2^−62.4 against the aim 2^−63 at 1,198 powers).
        let acceptable = target.scaled(byPowerOfTwo: 2)
        // The tails hardly depend on the children's accuracy: subtree moments a previous pass left in the cache (a lower goal)
        // say at once, without a new quadrature, whether the limit can meet this goal.
        // (Twice the acceptable: those moments' lower accuracy enlarges the bound of E[v^{M+1}] a little.)
        if M >= limit, let preview = try? limitTail(powers: P, order: M, goals: goals, output: output), preview >= acceptable.scaled(byPowerOfTwo: 1) {
            throw unreachable(nil)
        }
        while true {
            let pass = try momentsPass(indices, powers: P, order: M, goals: goals, output: output)
            if pass.worst < target || (M >= limit && pass.worst < acceptable) { return pass.values }
            guard M < limit else { throw unreachable(nil) }
            let next = TopSeries.extrapolated(order: M, bound: pass.worst.double(rounding: .up), target: target.double(), exponent: pass.exponent)
            // From 64 powers on the local decay is trusted (as in `eigenvalues`): past the limit, say so now.
            guard next <= limit || M < 64 else { throw unreachable(next) }
            M = Swift.min(Swift.max(next, M + 2), limit)
        }
    }

    /// The chain above the grouping level in this series' variable (about `centre`): f (NNGP) or A and B (NTK).
    func chain(_ kind: KernelKind, order M: Int, precision wp: Int) throws -> ChainSeries {
        try ChainSeries(activation: activation, depth: architecture.levels - grouping + 1, kind: kind, order: M, precision: wp, centre: centre)
    }

    /// The chain's series for `moments`: f = Σ^(D) in the variable y = (Y − c)/(1 − c) of the series above (c = `output`) and,
    /// for the NTK, A and B (`ChainSeries`).
    func chains(order M: Int, precision wp: Int, output c: Rational) throws -> (f: ChainSeries, ntk: ChainSeries?) {
        (try chain(.nngp, order: M, precision: wp).output(centre: c, precision: wp), kind == .ntk ? try chain(.ntk, order: M, precision: wp) : nil)
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

    /// The tail bounds of `moments`' first and highest powers i = 1 and P at order M against their goals (the larger; 1 is the aim,
    /// as `moments`' `worst`): fⁱ's mass beyond M grows with i, the goals fall with it (`childGoals`), so the worst is at one
    /// end or the other. From subtree moments of a lower goal in the cache (`MomentsCache.Miss` when there are none, or when
    /// the goals' own are there), fᴾ by repeated squaring: a preview of whether a pass at these goals can succeed, without the
    /// pass's quadrature and powers.
    func limitTail(powers P: Int, order M: Int, goals: [Int], output: Rational) throws -> BigFloat {
        let goal = goals.max() ?? 0, wp = goal + 32 + P.bitWidth - P.leadingZeroBitCount, low = 64
        let zeroMoments = try meanMoments([], order: M, goals: [Int](repeating: uniformGoal(goal + 2), count: M + 2), precision: wp, cachedOnly: true).zero
        let far = zeroMoments[2 * ((M + 1) / 2)].upper
        let (f, ntk) = try chains(order: M, precision: wp, output: output)
        /// The tail of power i (fⁱ = `power`) against its goal.
        func tail(_ power: [Interval], atOne powerAtOne: BigFloat, _ i: Int) -> BigFloat {
            var mass = TopSeries.mass(power[...], atOne: powerAtOne)
            if let ntk, let theta = thetaSeries(power, atOne: powerAtOne, ntk, order: M, precision: wp) { mass = Swift.max(mass, theta.mass) }
            return mass.multiplied(by: far, precision: low, rounding: .up).scaled(byPowerOfTwo: goals[i] + 2)
        }
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
        return Swift.max(tail(f.value, atOne: f.valueAtOne.upper, 1), tail(power, atOne: powerAtOne, P))
    }

    /// One pass of `moments` at order M: the enclosures, the largest tail bound against its goal (max_i tail_i·2^{goals[i]+2}),
    /// and the tail's local exponent.
    func momentsPass(_ indices: [[Int]], powers P: Int, order M: Int, goals: [Int], output: Rational) throws -> (values: [[Interval]], worst: BigFloat, exponent: Double) {
        let goal = goals.max() ?? 0, wp = goal + 32 + P.bitWidth - P.leadingZeroBitCount, low = 64
        let (perIndex, zeroMoments) = try meanMoments(indices, order: M, goals: [Int](repeating: uniformGoal(goal + 2), count: M + 2), precision: wp)
        let (f, ntk) = try chains(order: M, precision: wp, output: output)
        let far = zeroMoments[2 * ((M + 1) / 2)].upper
        var worst = BigFloat(0, precision: low)
        func tail(_ mass: BigFloat, power i: Int) -> Interval {
            let bound = mass.multiplied(by: far, precision: low, rounding: .up)
            worst = Swift.max(worst, bound.scaled(byPowerOfTwo: goals[i] + 2))
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
                let t = tail(TopSeries.mass(power[...], atOne: powerAtOne), power: i)
                for (j, moments) in perIndex.enumerated() { out[j].append(sum(power, nil, moments, precision: wp) + t) }
            }
            if let ntk, let theta = thetaSeries(power, atOne: powerAtOne, ntk, order: M, precision: wp) {
                let t = tail(theta.mass, power: i)
                for (j, moments) in perIndex.enumerated() { thetaPart[j].append(sum(theta.a, theta.b, moments, precision: wp) + t) }
            }
        }
        let exponent = TopSeries.localExponent(order: M, zeroMoments) { TopSeries.mass(f.value.prefix($0 + 1), atOne: f.valueAtOne.upper) }
        return (zip(out, thetaPart).map { $0 + $1 }, worst, exponent)
    }
}
