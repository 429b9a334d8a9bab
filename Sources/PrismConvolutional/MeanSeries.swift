import PrismNumbers
import PrismAlgebra
import PrismBases
import PrismActivations
import PrismKernels

/// Certified eigenvalues of the convolutional NNGP/NTK (CONVENTIONS §11) when the first filter spans the receptive field
/// (q_1 = W, every later filter of size 1), for fields the field quadrature does not reach (even ζ, W ≥ 4 pixels).
///
/// The first level sees the field's pixels only through their mean u = W⁻¹ Σ_j t_j (Σ = k(u), Θ = k(u) + k̇(u)·u) and
/// every later level has one child, so the field kernel is the depth-L kernel of one sphere at u: K = f(u), f = Σ^(L)
/// or Θ^(L) of `DeepKernel`, a power series with non-negative coefficients and f(1) = 1 (NNGP) or θ_L (NTK). With the
/// t_j independent,
///
///     λ_κ = R⁻¹ Σ_m f_m E[uᵐ Π_j P_{κ_j}(t_j)],   E[uᵐ Π P] = m!/Wᵐ · [xᵐ] Π_j Σ_a E[tᵃ P_{κ_j}(t)] xᵃ/a!,
///
/// E[tᵃ P_k(t)] = β_k^a(ζ)/N(ζ, k) ≥ 0 (exact connection coefficients, as for `ConvolutionalSeries`). The terms
/// m > M are dropped: f_m ≥ 0, |Π P| ≤ 1 and |u| ≤ 1 give |E[uᵐ Π P]| ≤ E[|u|ᵐ] ≤ E[u^{2⌊m/2⌋}], so
///
///     |Σ_{m>M} f_m E[uᵐ Π P]| ≤ Σ_{M<m≤N} f_m E[u^{2⌊m/2⌋}] + (f(1) − Σ_{m≤N} f_m)·E[u^{2⌊(N+1)/2⌋}],   N = `maxOrder`,
///
/// E[uᵐ] the same moments with κ = 0. Near u = ±1 the pixels are all near ±1 (E[uᵐ] ~ m^{−W(ζ−1)/2}) while f's
/// coefficients decay only like m^{−5/2} (NNGP) or m^{−3/2} (NTK, step, sign): the order grows like 2^{p/(W(ζ−1)/2 + 1/2)}
/// for accuracy 2^{−p}, which serves large fields (ζ = 4 on eight pixels: 2^{−64} at M ≈ 200) and not small ones
/// (ζ = 4 on four pixels: about 3,000 terms for 53 bits). Deeper than one level a σ that is not odd leaves f's truncated
/// coefficients only lower bounds ℓ_m (`coefficients(order:precision:)`); the tail is then bounded by
/// (f(1) − Σ_{m≤M} ℓ_m)·E[u^{2⌊(M+1)/2⌋}].
///
/// Error contract: enclosure; `FieldQuadrature.WorkLimit` when 2^{−p} needs more than `maxOrder` terms.
struct MeanSeries {
    let architecture: ConvolutionalArchitecture
    let activation: Activation
    let kind: KernelKind

    /// The most terms (`ChainSeries.maxOrder`: 4,000 for one level, whose coefficients are closed forms; the dual series' order
    /// limit deeper).
    var maxOrder: Int { ChainSeries.maxOrder(depth: architecture.levels) }

    /// Whether the field kernel is a function of the field's mean (q_1 = W).
    static func covers(_ architecture: ConvolutionalArchitecture) -> Bool { architecture.filters[0] == architecture.receptiveField }

    init(architecture: ConvolutionalArchitecture, activation: Activation, kind: KernelKind) throws {
        guard MeanSeries.covers(architecture) else {
            throw PrismError.domain("mean series: the first filter must span the receptive field, got filters \(architecture.filters)")
        }
        self.architecture = architecture
        self.activation = activation
        self.kind = kind
        enclosed = try ChainSeries.enclosed(activation, depth: architecture.levels)
    }

    /// Whether the truncated series' coefficients are enclosures (depth 1, or an odd σ); otherwise only their lower ends
    /// are bounds (`coefficients(order:precision:)`).
    let enclosed: Bool

    /// f = Σ^(L) (NNGP) or Θ^(L) (NTK) to order M and f(1), for the tail: the enclosures of `coefficients` for one level,
    /// deeper `DeepKernel`'s truncation (lower bounds of the coefficients unless `enclosed`).
    func series(order M: Int, precision p: Int) throws -> (coefficients: [Interval], atOne: Interval) {
        if architecture.levels == 1 { return try coefficients(order: M, precision: p) }
        let s = try DeepKernel(activation: activation, depth: architecture.levels, order: M).series(precision: p, includeNTK: kind == .ntk)
        let f = kind == .nngp ? s.nngp : DeepKernel.sum(s.layers)
        return (f.coefficients, f.valueAtOne)
    }

    /// Enclosures of f_0…f_M and of f(1) (`ChainSeries`: for the NTK f = A + uB, the first level's Θ̄ being the mean u of the pixels).
    func coefficients(order M: Int, precision p: Int) throws -> (coefficients: [Interval], atOne: Interval) {
        let chain = try ChainSeries(activation: activation, depth: architecture.levels, kind: kind, order: M, precision: p, centre: 0)
        guard let B = chain.slope, let slopeAtOne = chain.slopeAtOne else { return (chain.value, chain.valueAtOne) }
        return (chain.value.enumerated().map { m, a in m == 0 ? a : a + B[m - 1] }, chain.valueAtOne + slopeAtOne)
    }

    /// The exponential generating function Σ_{a≤M} E[tᵃ P_k(t)] xᵃ/a! of one pixel (`ConvolutionalSeries.pixelMoments`), for k = 0…J.
    func pixelGenerators(upTo J: Int, order M: Int, precision p: Int) throws -> [[Interval]] {
        let columns = try ConnectionColumns(dimension: architecture.channels, maxDegree: M, columns: Swift.min(J, M))
        var inverseFactorials = [Interval(1, precision: p)]
        for a in stride(from: 1, through: M, by: 1) { inverseFactorials.append(try inverseFactorials[a - 1].dividing(by: Interval(a, precision: p))) }
        return try (0...J).map { k in
            guard k <= M else { return [Interval](repeating: Interval(0, precision: p), count: M + 1) }
            return zip(try ConvolutionalSeries.pixelMoments(columns, degree: k, upTo: M, precision: p), inverseFactorials).map { $0 * $1 }
        }
    }

    /// E[uᵐ Π_j P_{κ_j}(t_j)], m ≤ M, from the product of the pixels' generating functions: m!/Wᵐ · [xᵐ] Π_j G_{κ_j}.
    static func meanMoments(_ product: [Interval], order M: Int, pixels W: Int, precision p: Int) throws -> [Interval] {
        var scale = Interval(1, precision: p) // m!/Wᵐ
        let w = Interval(W, precision: p)
        return try (0...M).map { m in
            if m > 0 { scale = try (scale * Interval(m, precision: p)).dividing(by: w) }
            return product[m] * scale
        }
    }

    /// Π_j G_j truncated at order M.
    static func product(_ generators: [[Interval]], order M: Int, precision p: Int) -> [Interval] {
        generators.dropFirst().reduce(generators[0]) { Interval.convolution($0, $1, degrees: 0..<(M + 1), precision: p) }
    }

    /// Bounds b_M ≥ |Σ_{m>M} f_m E[uᵐ Π P]| for every M ≤ N (the type comment, N ≤ `maxOrder`), at precision p.
    func tailBounds(order N: Int, precision p: Int) throws -> [BigFloat] {
        let W = architecture.receptiveField
        let f = try series(order: N, precision: p)
        let zero = try pixelGenerators(upTo: 0, order: N + 1, precision: p)[0]
        let moments = try MeanSeries.meanMoments(MeanSeries.product([[Interval]](repeating: zero, count: W), order: N + 1, precision: p),
                                                 order: N + 1, pixels: W, precision: p)
        func even(_ m: Int) -> BigFloat { moments[2 * (m / 2)].upper }
        var partial = BigFloat(0, precision: p)
        for c in f.coefficients { partial = partial.adding(Swift.max(c.lower, BigFloat(0, precision: p)), precision: p, rounding: .down) }
        let tau = Swift.max(f.atOne.upper.subtracting(partial, precision: p, rounding: .up), BigFloat(0, precision: p))
        var bounds = [BigFloat](repeating: BigFloat(0, precision: p), count: N + 1)
        bounds[N] = tau.multiplied(by: even(N + 1), precision: p, rounding: .up)
        guard enclosed else {
            // Without upper bounds on the f_m: (f(1) − Σ_{m≤M} ℓ_m)·E[u^{2⌊(M+1)/2⌋}].
            var tail = tau
            for m in stride(from: N, through: 0, by: -1) {
                bounds[m] = tail.multiplied(by: even(m + 1), precision: p, rounding: .up)
                tail = tail.adding(Swift.max(f.coefficients[m].lower, BigFloat(0, precision: p)), precision: p, rounding: .up)
            }
            return bounds
        }
        for m in stride(from: N, to: 0, by: -1) {
            let term = Swift.max(f.coefficients[m].upper, BigFloat(0, precision: p)).multiplied(by: even(m), precision: p, rounding: .up)
            bounds[m - 1] = bounds[m].adding(term, precision: p, rounding: .up)
        }
        return bounds
    }

    /// Enclosures of λ_κ for restricted multi-indices κ (W entries), aiming at absolute accuracy 2^{−p}. Ziv's loop doubles p
    /// after a pass that does not decide, so where 2^{−2p} is out of reach this pass takes all `maxOrder` terms instead (they
    /// cost far less than a pass), which often decides values that 2^{−p} alone would not, even when 2^{−p} itself is out of
    /// reach; the next pass then has nothing more to give and reports the work limit. The terms stop at `DeepKernel.maxOrder`
    /// (1,199) unless those leave a tail above 2^{−p}: at 4,000 terms a pass costs seconds instead of a fraction of one.
    func eigenvalues(_ indices: [[Int]], precision p: Int) throws -> [Interval] {
        let W = architecture.receptiveField, wp = p + 32
        func target(_ p: Int) -> BigFloat { BigFloat(1, precision: 64).scaled(byPowerOfTwo: -(p + 4)) }
        var N = Swift.min(DeepKernel.maxOrder, maxOrder)
        var bounds = try tailBounds(order: N, precision: 64)
        if !(bounds[N] < target(p)), enclosed, N < maxOrder {
            N = maxOrder
            bounds = try tailBounds(order: N, precision: 64)
        }
        let M: Int
        if bounds[N] < target(2 * p) || !enclosed, let least = bounds.firstIndex(where: { $0 < target(p) }) {
            // Lower-bound coefficients (`coefficients`) are tight only up to orders well below N: no best-effort pass.
            M = least
        } else if enclosed, bounds[N] < target(p / 2) {
            M = N
        } else {
            throw FieldQuadrature.WorkLimit(reason: "mean series: all \(N) terms (the limit) of the kernel's series in the mean of \(W) pixels "
                + "leave a tail of up to 2^\(bounds[N].exponent), short of 2^-\(p)")
        }
        let tail = Interval(bounds[M].negated()).hull(Interval(bounds[M]))
        let f = try coefficients(order: M, precision: wp).coefficients
        let J = indices.flatMap { $0 }.max() ?? 0
        let generators = try pixelGenerators(upTo: J, order: M, precision: wp)
        let R = Interval(architecture.readouts, precision: wp)
        // Products over sorted prefixes of the keys (zeros first), shared between multi-indices.
        var prefixes: [[Int]: [Interval]] = [:]
        func product(_ key: ArraySlice<Int>) -> [Interval] {
            if key.count == 1 { return generators[key.first!] }
            if let hit = prefixes[Array(key)] { return hit }
            let out = Interval.convolution(product(key.dropLast()), generators[key.last!], degrees: 0..<(M + 1), precision: wp)
            prefixes[Array(key)] = out
            return out
        }
        var cache: [[Int]: Interval] = [:]
        return try indices.map { κ in
            let key = κ.sorted()
            if let hit = cache[key] { return hit }
            let moments = try MeanSeries.meanMoments(product(key[...]), order: M, pixels: W, precision: wp)
            var sum = tail
            for m in 0...M where !moments[m].isExactZero { sum = sum + f[m] * moments[m] }
            let value = try sum.dividing(by: R)
            cache[key] = value
            return value
        }
    }
}
