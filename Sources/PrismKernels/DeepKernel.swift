import PrismNumbers
import PrismActivations

/// The normalized deep NNGP Σ^(L) and NTK Θ^(L) of a fully connected net with L hidden layers
/// (CONVENTIONS §5), as non-negative power series in ρ with certified coefficients:
///
///     k(ρ) = E[σ(x)σ(y)]/E[σ²] = Σ bₙ²ρⁿ/E[σ²],   k̇(ρ) = E[σ'(x)σ'(y)]/E[σ²] = Σ (n+1)b²ₙ₊₁ρⁿ/E[σ²],
///     Σ^(0) = ρ, Σ^(ℓ) = k(Σ^(ℓ−1)), Σ̇^(ℓ) = k̇(Σ^(ℓ−1)), κ_ℓ = Σ^(ℓ) Π_{j>ℓ} Σ̇^(j), Θ = Σ_ℓ κ_ℓ.
///
/// All coefficients are ≥ 0; values at ρ = 1 are known exactly in terms of c = E[σ'²]/E[σ²]
/// (Σ^(ℓ)(1) = 1, Σ̇^(ℓ)(1) = c, κ_ℓ(1) = c^{L−ℓ}), so every truncated series carries the
/// proven tail bound of `NonnegativeSeries`. E[σ²] and E[σ'²] come from the certified
/// Hermite integrator applied to σ² and σ'² (degree 0).
public struct DeepKernel: Sendable {
    public let activation: Activation
    public let depth: Int
    /// Truncation order of every series.
    public let order: Int

    public static let maxDepth = 20
    /// One below the certified integrator's degree limit: the series need b_0…b_{M+1}.
    public static let maxOrder = HermiteCoefficients.maxDegree - 1

    public init(activation: Activation, depth L: Int, order M: Int) throws {
        guard L >= 1 else { throw PrismError.domain("depth must be ≥ 1, got \(L)") }
        guard L <= DeepKernel.maxDepth else { throw PrismError.limitExceeded("depth \(L) (limit \(DeepKernel.maxDepth))") }
        guard M >= 1, M <= DeepKernel.maxOrder else { throw PrismError.limitExceeded("series order \(M) (limit \(DeepKernel.maxOrder))") }
        self.activation = activation
        depth = L
        order = M
    }

    /// The per-layer parts κ_0…κ_L (κ_0: first layer's weights, κ_L: the readout) and Σ^(L).
    ///
    /// The series algebra runs in fixed point (`FixedPointSeries`) with w = p + 2⌈log₂ M⌉ + 16 fractional
    /// bits: every value is at most max(1, c^L), so absolute accuracy 2^{−w} per operation keeps the
    /// accumulated rounding (≤ M² operations per coefficient) below 2^{−p}.
    public func series(precision p: Int, includeNTK: Bool = true) throws -> (nngp: NonnegativeSeries, layers: [NonnegativeSeries]) {
        let M = order
        let b = try HermiteEnclosureCache.shared.hermiteCoefficients(of: activation, degree: M + 1, precision: p)
        let wp = b.first?.precision ?? p
        let second = try HermiteEnclosureCache.shared.expectation(of: activation.squared(), precision: p).rounded(toPrecision: wp)
        guard second.lower.signum > 0 else { throw PrismError.domain("E[σ²] = 0: the normalized kernel is not defined") }
        let w = p + 2 * (Int.bitWidth - M.leadingZeroBitCount) + 16
        let k = try FixedPointSeries((0...M).map { n in try (b[n] * b[n]).dividing(by: second) }, fractionBits: w)
        let one = Interval(1, precision: wp)
        let identity = FixedPointSeries.variable(order: M, fractionBits: w)
        var sigma = [FixedPointSeries]() // Σ^(1)…Σ^(L)
        var current = identity
        for _ in 1...depth {
            current = compose(k, current)
            sigma.append(current)
        }
        // Parity: an odd σ makes k odd (b_n = 0 for even n) and k̇ even; compositions of odd series
        // stay odd, and products multiply parities. An even σ makes every Σ^(ℓ) even.
        let symmetry = activation.symmetry
        let oddSigma = symmetry.overall == .odd && !symmetry.restIsZero
        let evenSigma = symmetry.overall == .even && !symmetry.restIsZero
        // The truncated computation's coefficients are the true ones when no series is composed into
        // another with a constant term (Σ^(ℓ)(0) = k(0)-chain = 0 iff b₀ = 0, proven for odd σ; depth 1
        // composes nothing): then terms beyond order M only reach orders beyond M.
        let enclosed = depth == 1 || oddSigma
        // Depth 1: k's zeros are those of the bₙ². Deeper: only full parity survives composition.
        let nngpVanishing: (from: Int, parity: Symmetry.Parity)? = depth == 1 ? NonnegativeSeries.vanishing(for: symmetry)
            : (oddSigma ? (0, .even) : (evenSigma ? (0, .odd) : nil))
        let nngp = NonnegativeSeries(coefficients: try sigma[depth - 1].intervals(precision: wp), valueAtOne: one,
                                     vanishing: nngpVanishing, coefficientsEnclosed: enclosed)
        guard includeNTK else { return (nngp, []) }
        let derivativeSquare = try HermiteEnclosureCache.shared.expectation(of: activation.derivative().squared(), precision: p).rounded(toPrecision: wp)
        let c = try derivativeSquare.dividing(by: second)
        let kDot = try FixedPointSeries((0...M).map { n in try (Interval(n + 1, precision: wp) * b[n + 1] * b[n + 1]).dividing(by: second) },
                                        fractionBits: w)
        var sigmaDot: [FixedPointSeries] = [] // Σ̇^(1)…Σ̇^(L)
        var previous = identity
        for l in 1...depth {
            sigmaDot.append(compose(kDot, previous))
            previous = sigma[l - 1]
        }
        var layers: [NonnegativeSeries] = []
        for l in 0...depth {
            var part = l == 0 ? identity : sigma[l - 1]
            for j in stride(from: l + 1, through: depth, by: 1) { part = part.multiplied(by: sigmaDot[j - 1]) }
            // κ_ℓ = Σ^(ℓ)·Π Σ̇^(j): for odd σ, Σ^(ℓ) is odd (Σ^(0) = ρ too) and each Σ̇^(j) = k̇(odd) is even.
            // Depth 1: κ₀ = ρk̇ = Σ n bₙ² ρⁿ and κ₁ = k = Σ bₙ² ρⁿ vanish where bₙ does (e.g. gelu = x/2 + even).
            layers.append(NonnegativeSeries(coefficients: try part.intervals(precision: wp), valueAtOne: try c.power(depth - l),
                                            vanishing: depth == 1 ? NonnegativeSeries.vanishing(for: symmetry) : (oddSigma ? (0, .even) : nil),
                                            coefficientsEnclosed: enclosed))
        }
        return (nngp, layers)
    }

    /// f(g) = Σ_{n≤M} f_n gⁿ truncated at order M, by Paterson–Stockmeyer: with s ≈ √M, the powers
    /// g, …, g^s once, the blocks B_j = Σ_{i<s} f_{js+i} gⁱ as integer combinations of the packed powers
    /// (no series products), then Horner in g^s over the blocks — about 2√M Kronecker products in all.
    /// With f, g ≥ 0 coefficientwise, dropping terms n > M only lowers the coefficients, which
    /// `NonnegativeSeries`' tail bound needs.
    func compose(_ f: FixedPointSeries, _ g: FixedPointSeries) -> FixedPointSeries {
        if g.isVariable { return f }
        let M = order, w = f.fractionBits
        let s = Swift.max(1, Int(Double(M + 1).squareRoot().rounded(.up)))
        let one = BigInt(1).shiftedLeft(w)
        var powers = [FixedPointSeries.constant(lower: one, upper: one, order: M, fractionBits: w), g] // g⁰ … g^s
        while powers.count <= s { powers.append(powers[powers.count - 1].multiplied(by: g)) }
        func blocks(_ coefficients: [BigInt], _ track: (FixedPointSeries) -> [BigInt], _ rounding: RoundingDirection) -> [[BigInt]] {
            let tracks = powers.prefix(s).map(track)
            let bits = (coefficients.map(\.bitWidth).max() ?? 0) + (tracks.joined().map(\.bitWidth).max() ?? 0)
            let slot = (bits + Int.bitWidth - s.leadingZeroBitCount + 1 + 63) / 64
            let packed = tracks.map { BigInt.packed($0, slotLimbs: slot) }
            return (0...(M / s)).map { j in
                let scalars = (0..<s).map { i in j * s + i <= M ? coefficients[j * s + i] : BigInt(0) }
                return FixedPointSeries.combination(scalars, packed, slotLimbs: slot, order: M, shift: w, rounding: rounding)
            }
        }
        let lowerBlocks = blocks(f.lower, \.lower, .down), upperBlocks = blocks(f.upper, \.upper, .up)
        var j = M / s
        var acc = FixedPointSeries(lower: lowerBlocks[j], upper: upperBlocks[j], fractionBits: w)
        while j > 0 {
            j -= 1
            acc = acc.multiplied(by: powers[s]).adding(FixedPointSeries(lower: lowerBlocks[j], upper: upperBlocks[j], fractionBits: w))
        }
        return acc
    }

    /// The NTK Θ = Σ_ℓ κ_ℓ.
    public static func sum(_ layers: [NonnegativeSeries]) -> NonnegativeSeries {
        let M = layers[0].order
        var coefficients = layers[0].coefficients
        var value = layers[0].valueAtOne
        for part in layers.dropFirst() {
            for m in 0...M { coefficients[m] = coefficients[m] + part.coefficients[m] }
            value = value + part.valueAtOne
        }
        let first = layers[0].vanishing
        let same = layers.allSatisfy { $0.vanishing?.from == first?.from && $0.vanishing?.parity == first?.parity }
        return NonnegativeSeries(coefficients: coefficients, valueAtOne: value, vanishing: same ? first : nil,
                                 coefficientsEnclosed: layers.allSatisfy(\.coefficientsEnclosed))
    }
}

