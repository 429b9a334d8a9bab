import Foundation
import PrismNumbers
import PrismBases
import PrismActivations
import PrismKernels

/// Certified eigenvalues of the convolutional NNGP/NTK of the arc-cosine family (CONVENTIONS §11) when the last level with
/// a filter q = q_J ≥ 2 (the *grouping level*; only levels of filter size 1 follow it) groups subtrees that the field
/// quadrature integrates while it cannot integrate the whole field (more than three variables): 2,2,2 or 2,2,2,1 on eight
/// pixels, 1,2,2 on four, even ζ with 2,2 or 1,4 on four, …
///
/// The grouping level sees its children c = 1…q (disjoint subtrees with filters q_1…q_{J−1}, independent pixels) only
/// through Y_c = Σ_c and Θ_c, and the D = L − J + 1 levels from it up form a chain over v = q⁻¹ Σ_c Y_c (`ChainSeries`):
/// K = f(v) (NNGP) or A(v) + B(v)·q⁻¹ Σ_c Θ_c (NTK); for D = 1, f = A = k and B = k̇. f, A and B are power series with
/// non-negative coefficients and known values at 1 (f(1) = B(1) = 1, A(1) = D), so with the subtrees' moments
///
///     a_i(κ) = E[Yⁱ Π_{j∈c} P_{κ_j}(t_j)],   b_i(κ) = E[Θ Yⁱ Π_{j∈c} P_{κ_j}(t_j)]   (i ≤ M + 1, a_0 = [κ = 0]),
///
/// from one pass of the field quadrature over a subtree (`FieldQuadrature.powers`), and A_κ = Σ_i a_i xⁱ/i!, B_κ likewise,
///
///     E[vᵐ Π P] = m!/qᵐ [xᵐ] Π_c A_{κ_c},   E[vᵐ Θ_c Π P] = m!/qᵐ [xᵐ] B_{κ_c} Π_{c'≠c} A_{κ_c'},
///     R·λ_κ = Σ_{m≤M} f_m E[vᵐ Π P] ± tail   (NNGP),
///     R·λ_κ = Σ_{m≤M} A_m E[vᵐ Π P] + q⁻¹ Σ_c Σ_{m≤M} B_m E[vᵐ Θ_c Π P] ± tail   (NTK).
///
/// The tail: |Π P| ≤ 1, |v| ≤ 1 and 0 ≤ Θ_c ≤ θ_{J−1} = J give |E[vᵐ Π P]| ≤ E[|v|ᵐ] ≤ E[v^{2⌊(M+1)/2⌋}] for m > M (the κ = 0
/// moments, themselves enclosed), so it is at most (f(1) − Σ_{m≤M} f_m)·E[v^{2⌊(M+1)/2⌋}], for the NTK
/// (A(1) − Σ_{m≤M} A_m + J(B(1) − Σ_{m≤M} B_m))·E[v^{2⌊(M+1)/2⌋}] (lower ends of the coefficients' enclosures).
/// E[vᵐ] ~ m^{−W(ζ−1)/2} (every pixel of the field near its partner) against coefficient tails ~ M^{−3/2} (f, degree 1)
/// or M^{−1/2} (A and B; f of degree 0): small fields at small ζ need many powers (1,2,2 on four pixels at ζ = 3), which
/// `maxPowers` bounds.
///
/// Error contract: enclosure; `FieldQuadrature.WorkLimit` when 2^{−p} needs more than `maxPowers` powers.
struct TopSeries {
    let architecture: ConvolutionalArchitecture
    let parts: ArcCosineParts
    let activation: Activation
    let kind: KernelKind
    /// J, the grouping level (1-based): the last with a filter ≥ 2.
    let grouping: Int
    /// One child of the grouping level: filters q_1…q_{J−1} on W/q_J pixels.
    let subtree: ConvolutionalArchitecture
    let span: Int?

    /// The most powers of the subtrees' outputs (the series' order M + 1).
    static let maxPowers = DeepKernel.maxOrder

    /// J, the last level with a filter ≥ 2, and one of its children, when J ≥ 2 (a child has levels).
    static func grouping(_ architecture: ConvolutionalArchitecture) -> (level: Int, subtree: ConvolutionalArchitecture)? {
        guard let J = architecture.filters.lastIndex(where: { $0 >= 2 }).map({ $0 + 1 }), J >= 2,
              let subtree = try? ConvolutionalArchitecture(channels: architecture.channels, pixels: architecture.receptiveField / architecture.filters[J - 1],
                                                           filters: Array(architecture.filters.prefix(J - 1))) else { return nil }
        return (J, subtree)
    }

    /// Whether the grouping level groups several subtrees that the field quadrature integrates.
    static func covers(_ architecture: ConvolutionalArchitecture) -> Bool {
        guard let (_, subtree) = grouping(architecture) else { return false }
        return (try? FieldQuadrature.variables(of: subtree)) != nil
    }

    /// With `span`, the subtree's field quadrature takes that many pixels per variable (`FieldQuadrature`'s choice otherwise).
    init(architecture: ConvolutionalArchitecture, activation: Activation, kind: KernelKind, span: Int? = nil) throws {
        guard let parts = activation.arcCosineParts else { throw PrismError.domain("the top series serves the arc-cosine family, not \(activation.name)") }
        guard TopSeries.covers(architecture), let (J, subtree) = TopSeries.grouping(architecture) else {
            throw PrismError.domain("top series: the last filter ≥ 2 must group subtrees the field quadrature covers, got filters \(architecture.filters)")
        }
        if kind == .ntk, parts.degree == 0 { throw PrismError.domain("σ' is a Dirac delta: the NTK is not defined") }
        self.architecture = architecture
        self.parts = parts
        self.activation = activation
        self.kind = kind
        self.span = span
        grouping = J
        self.subtree = subtree
    }

    /// q_J, the number of subtrees the grouping level averages.
    var q: Int { architecture.filters[grouping - 1] }

    /// The exponent of the estimated decay of the tail in M: W(ζ−1)/2 + 3/2 (k of degree 1) or + 1/2.
    var decay: Double { Double(architecture.receptiveField * (architecture.channels - 1)) / 2 + (kind == .nngp && parts.degree == 1 ? 1.5 : 0.5) }

    /// The order M whose tail should meet 2^{−p} by the decay of the type comment, E[vᵐ] ≈ m^{−W(ζ−1)/2} and coefficient
    /// tails ≈ M^{−1/2} or M^{−3/2}, tripled for the constants (measured: the asymptotic decay sets in late); the pass checks the tail it gets.
    func order(precision p: Int) -> Int {
        let estimate = 3 * Int(Swift.min(pow(2, Double(p + 4) / decay), 1e6)) + 2
        return Swift.max(estimate, 4)
    }

    /// Enclosures of λ_κ for restricted multi-indices κ (W entries), aiming at absolute accuracy 2^{−p}. A pass whose tail misses
    /// gives the next its order, from the local decay of its moments and coefficient tails (`extrapolated`). Where 2^{−p} needs
    /// more than `maxPowers` powers, with `floor` this call gives its best instead when it can reach 2^{−floor}: it aims at
    /// 2^{−min(3p/4, reachable)} and returns what it reaches (wider enclosures, which often decide the digits and the binary64;
    /// Ziv's loop passes the previous pass's accuracy, or on its first pass the bits the digits need, as `floor`). Otherwise it
    /// reports the work limit, without computing when the estimate already says so.
    func eigenvalues(_ indices: [[Int]], precision p: Int, bestEffortFloor floor: Int? = nil) throws -> [Interval] {
        let w = subtree.pixels, limit = TopSeries.maxPowers - 1
        func unreachable(_ needed: Int) -> FieldQuadrature.WorkLimit {
            FieldQuadrature.WorkLimit(reason: "top series: 2^-\(p) needs about \(needed) powers of the \(q) subtrees' outputs "
                + "(\(w) pixels each; limit \(limit))")
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
            if next > limit, !fallback {
                // The bits the local decay predicts at the limit: bound·(limit/M)^{−exponent} ≈ 2^{−(bits + 4)}.
                let atLimit = log2(result.bound) - result.exponent * log2(Double(limit) / (1.1 * Double(M)))
                guard atLimit.isFinite, let g = fallbackGoal(Int(-atLimit) - 4) else { throw unreachable(next) }
                (goal, fallback) = (g, true)
                if result.bound < target(goal) { return result.values }
                next = TopSeries.extrapolated(order: M, bound: result.bound, target: target(goal), exponent: result.exponent)
            }
            M = Swift.min(Swift.max(next, M + 2), limit)
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

    /// One pass at order M, the subtrees' moments to 2^{−goal−8}, at working precision p + 32.
    func pass(_ indices: [[Int]], order M: Int, goal: Int, precision p: Int) throws -> Pass {
        let wp = p + 32
        let w = subtree.pixels
        let blockOf = { (κ: [Int], c: Int) in Array(κ[(c * w)..<((c + 1) * w)]) }
        let zero = [Int](repeating: 0, count: w)
        let blocks = Array(Set(indices.flatMap { κ in (0..<q).map { blockOf(κ, $0) } } + [zero])).sorted { $0.lexicographicallyPrecedes($1) }
        let quadrature = try FieldQuadrature(architecture: subtree, parts: parts, kind: kind, span: span, powers: M + 1)
        let moments = try quadrature.moments(blocks, precision: goal + 8 + q.bitWidth - q.leadingZeroBitCount)
        // A_κ and B_κ to order M + 1 (the generating functions of the type comment).
        var inverseFactorials = [Interval(1, precision: wp)]
        for i in stride(from: 1, through: M + 1, by: 1) { inverseFactorials.append(try inverseFactorials[i - 1].dividing(by: Interval(i, precision: wp))) }
        var sigmaGenerators: [[Int]: [Interval]] = [:], thetaGenerators: [[Int]: [Interval]] = [:]
        for (κ, c) in zip(blocks, moments) {
            let a0 = Interval(κ.allSatisfy { $0 == 0 } ? 1 : 0, precision: wp)
            sigmaGenerators[κ] = [a0] + (1...(M + 1)).map { c[$0 - 1] * inverseFactorials[$0] }
            if kind == .ntk { thetaGenerators[κ] = (0...M).map { c[M + 1 + $0] * inverseFactorials[$0] } }
        }
        let chain = try ChainSeries(activation: activation, depth: architecture.levels - grouping + 1, kind: kind, order: M, precision: wp)
        // The tail: (f(1) − Σ f_m)·E[v^{2⌊(M+1)/2⌋}], for the NTK (A(1) − Σ A_m + J(B(1) − Σ B_m))·E[v^{2⌊(M+1)/2⌋}].
        let low = 64
        func mass(_ coefficients: ArraySlice<Interval>, atOne: Interval) -> BigFloat {
            var sum = BigFloat(0, precision: low)
            for c in coefficients { sum = sum.adding(Swift.max(c.lower, BigFloat(0, precision: low)), precision: low, rounding: .down) }
            return Swift.max(atOne.upper.subtracting(sum, precision: low, rounding: .up), BigFloat(0, precision: low))
        }
        /// The coefficient mass beyond order n.
        func coefficientTail(upTo n: Int) -> BigFloat {
            let tail = mass(chain.value.prefix(n + 1), atOne: chain.valueAtOne)
            guard let B = chain.slope, let atOne = chain.slopeAtOne else { return tail }
            return tail.adding(mass(B.prefix(n + 1), atOne: atOne).multiplied(by: BigFloat(grouping, precision: low), precision: low, rounding: .up),
                               precision: low, rounding: .up)
        }
        let zeroMoments = try MeanSeries.meanMoments(MeanSeries.product([[Interval]](repeating: sigmaGenerators[zero]!, count: q), order: M + 1, precision: wp),
                                                     order: M + 1, pixels: q, precision: wp)
        let tailMass = coefficientTail(upTo: M)
        let bound = tailMass.multiplied(by: zeroMoments[2 * ((M + 1) / 2)].upper, precision: low, rounding: .up)
        // The local exponents of E[v^m] and of the coefficient tails between M/2 and M.
        let half = M / 2
        let ratio = zeroMoments[2 * ((half + 1) / 2)].upper.double() / zeroMoments[2 * ((M + 1) / 2)].upper.double()
        let exponent = (log(ratio) + log(coefficientTail(upTo: half).double() / tailMass.double())) / log(Double(2 * ((M + 1) / 2)) / Double(2 * ((half + 1) / 2)))
        let tail = Interval(bound.negated()).hull(Interval(bound))
        let R = Interval(architecture.readouts, precision: wp), invQ = Interval(Rational(1) / Rational(q), precision: wp)
        var cache: [[Int]: Interval] = [:]
        let values = try indices.map { κ in
            if let hit = cache[κ] { return hit }
            let children = (0..<q).map { blockOf(κ, $0) }
            let A = children.map { sigmaGenerators[$0]! }
            var sum = tail
            let E = try MeanSeries.meanMoments(MeanSeries.product(A, order: M, precision: wp), order: M, pixels: q, precision: wp)
            for m in 0...M where !E[m].isExactZero { sum = sum + chain.value[m] * E[m] }
            if let B = chain.slope {
                for c in 0..<q {
                    var factors = A
                    factors[c] = thetaGenerators[children[c]]!
                    let F = try MeanSeries.meanMoments(MeanSeries.product(factors, order: M, precision: wp), order: M, pixels: q, precision: wp)
                    for m in 0...M where !F[m].isExactZero { sum = sum + B[m] * F[m] * invQ }
                }
            }
            let value = try sum.dividing(by: R)
            cache[κ] = value
            return value
        }
        return Pass(values: values, bound: bound.double(rounding: .up), exponent: exponent)
    }
}
