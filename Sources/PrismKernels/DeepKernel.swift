import PrismNumbers
import PrismAlgebra
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
    public func series(precision p: Int, includeNTK: Bool = true) throws -> (nngp: NonnegativeSeries, layers: [NonnegativeSeries]) {
        let M = order
        let b = try HermiteEnclosureCache.shared.hermiteCoefficients(of: activation, degree: M + 1, precision: p)
        let wp = b.first?.precision ?? p
        let second = try HermiteEnclosureCache.shared.expectation(of: activation.squared(), precision: p).rounded(toPrecision: wp)
        guard second.lower.signum > 0 else { throw PrismError.domain("E[σ²] = 0: the normalized kernel is not defined") }
        let k = try (0...M).map { n in try (b[n] * b[n]).dividing(by: second) }
        let one = Interval(1, precision: wp)
        var sigma = [PowerSeries<Interval>]() // Σ^(1)…Σ^(L)
        var current = PowerSeries<Interval>.variable(order: M, like: Interval(0, precision: wp))
        for _ in 1...depth {
            current = try compose(k, current)
            sigma.append(current)
        }
        // Parity: an odd σ makes k odd (b_n = 0 for even n) and k̇ even; compositions of odd series
        // stay odd, and products multiply parities. An even σ makes every Σ^(ℓ) even.
        let symmetry = activation.symmetry
        let oddSigma = symmetry.overall == .odd && !symmetry.restIsZero
        let evenSigma = symmetry.overall == .even && !symmetry.restIsZero
        // Depth 1: k's zeros are those of the bₙ². Deeper: only full parity survives composition.
        let nngpVanishing: (from: Int, parity: Symmetry.Parity)? = depth == 1 ? NonnegativeSeries.vanishing(for: symmetry)
            : (oddSigma ? (0, .even) : (evenSigma ? (0, .odd) : nil))
        let nngp = NonnegativeSeries(coefficients: sigma[depth - 1].coefficients, valueAtOne: one, vanishing: nngpVanishing)
        guard includeNTK else { return (nngp, []) }
        let derivativeSquare = try HermiteEnclosureCache.shared.expectation(of: activation.derivative().squared(), precision: p).rounded(toPrecision: wp)
        let c = try derivativeSquare.dividing(by: second)
        let kDot = try (0...M).map { n in try (Interval(n + 1, precision: wp) * b[n + 1] * b[n + 1]).dividing(by: second) }
        var sigmaDot: [PowerSeries<Interval>] = [] // Σ̇^(1)…Σ̇^(L)
        var previous = PowerSeries<Interval>.variable(order: M, like: Interval(0, precision: wp))
        for l in 1...depth {
            sigmaDot.append(try compose(kDot, previous))
            previous = sigma[l - 1]
        }
        var layers: [NonnegativeSeries] = []
        for l in 0...depth {
            var part = l == 0 ? PowerSeries<Interval>.variable(order: M, like: Interval(0, precision: wp)) : sigma[l - 1]
            for j in stride(from: l + 1, through: depth, by: 1) { part = try part.multiplied(by: sigmaDot[j - 1]) }
            // κ_ℓ = Σ^(ℓ)·Π Σ̇^(j): for odd σ, Σ^(ℓ) is odd (Σ^(0) = ρ too) and each Σ̇^(j) = k̇(odd) is even.
            layers.append(NonnegativeSeries(coefficients: part.coefficients, valueAtOne: try c.power(depth - l),
                                            vanishing: oddSigma ? (0, .even) : nil))
        }
        return (nngp, layers)
    }

    /// f(g) = Σ_{n≤M} f_n gⁿ truncated at order M, by Paterson–Stockmeyer: with s ≈ √M, the powers
    /// g, …, g^s once, then Horner in g^s over blocks Σ_{i<s} f_{js+i} gⁱ — about 2√M series products
    /// instead of Horner's M. With f, g ≥ 0 coefficientwise, every computed coefficient is ≤ the true
    /// one (terms n > M are dropped), which `NonnegativeSeries`' tail bound needs.
    func compose(_ f: [Interval], _ g: PowerSeries<Interval>) throws -> PowerSeries<Interval> {
        let M = order
        if g.coefficients.enumerated().allSatisfy({ $0.offset == 1 ? $0.element == Interval(1, precision: $0.element.precision) : $0.element.isExactZero }) {
            return PowerSeries(f) // f(ρ)
        }
        let s = Swift.max(1, Int(Double(M + 1).squareRoot().rounded(.up)))
        var powers = [PowerSeries(constant: Interval(1, precision: f[0].precision), order: M), g] // g⁰ … g^s
        while powers.count <= s { powers.append(try powers[powers.count - 1].multiplied(by: g)) }
        let zero = Interval(0, precision: f[0].precision)
        func block(_ j: Int) throws -> PowerSeries<Interval> {
            var coefficients = [Interval](repeating: zero, count: M + 1)
            for i in 0..<s where j * s + i <= M && !f[j * s + i].isExactZero {
                for (m, c) in powers[i].coefficients.enumerated() where !c.isExactZero { coefficients[m] = coefficients[m] + f[j * s + i] * c }
            }
            return PowerSeries(coefficients)
        }
        var j = M / s
        var acc = try block(j)
        while j > 0 {
            j -= 1
            acc = try acc.multiplied(by: powers[s]).adding(block(j))
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
        return NonnegativeSeries(coefficients: coefficients, valueAtOne: value, vanishing: same ? first : nil)
    }
}

