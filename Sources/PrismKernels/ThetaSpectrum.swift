import PrismNumbers
import PrismAlgebra
import PrismBases
import PrismIntegration
import PrismActivations

/// Eigenvalues of the deep ReLU NNGP/NTK (and of the NTK's layer parts κ_ℓ) on S^{d−1} by
/// certified quadrature in θ = arccos t (DESIGN.md "Certified integration and sphere spectra").
///
/// Power series cannot certify them (the ReLU NTK's coefficients decay like m^{−3/2}), but in θ
/// every deep ReLU kernel is analytic on a neighbourhood of [0, π] (ReLUAngleRecursion). Write
///
///     Q_k(θ) = P_k^{(d)}(cos θ) sin^{d−2}θ = Σ_j (a_kj cos jθ + b_kj sin jθ),   j ≤ k + d − 2,
///
/// an exact trigonometric polynomial (`Gegenbauer.angularWeights`, with Σ_j |a_kj| + |b_kj| ≤ 1). Then
///
///     μ_k = c_d ∫₀^π f(θ) Q_k(θ) dθ = c_d Σ_j (a_kj F_j + b_kj G_j),
///     F_j = ∫₀^π f cos jθ,  G_j = ∫₀^π f sin jθ,
///
/// so one set of certified Fourier moments (FourierMoments, Taylor models of f on a few pieces)
/// gives every μ_k, and since Σ_j |a_kj| + |b_kj| ≤ 1 an error ε in the moments costs at most
/// c_d ε in μ_k. Exact zeros only where symmetry proves them (depth 1: odd k ≥ 3).
///
/// Error contract: enclosure; `certified(digits:)` is correctly rounded (Ziv's loop).
public struct ThetaSpectrum: Sendable {
    public let dimension: Int
    public let maxDegree: Int
    public let kind: KernelKind
    public let depth: Int
    /// What is integrated against Q_k(θ).
    enum Integrand: Sendable {
        /// An arc-cosine-family kernel through its angle recursion (layer constants: `ArcCosineLayers`).
        case arcCosine(ArcCosineLayers)
        /// f(cos θ) for a dot-product function f (CONVENTIONS §10).
        case dotProduct(DotProductFunction)
    }
    let integrand: Integrand
    /// Degrees whose eigenvalue symmetry proves to be 0 (for the kernel and for every layer part).
    let provenZero: [Bool]
    /// Kernels even or odd in t (abs, sign without bias): integrate over [0, π/2] only and fold. For abs the angle
    /// recursion stays analytic there (E_λ vanishes at π for λ = 2); for sign at depth ≥ 2 the kernel has a √(π − θ)
    /// cusp at π, where θ = π·u loses every bit of π − θ, so π is never approached.
    let fold: Symmetry.Parity?

    /// The name `KernelSpectrum.route` reports.
    public static let routeName = "theta quadrature (angle recursion, Fourier moments)"
    /// The name for dot-product functions.
    public static let dotProductRouteName = "theta quadrature (Fourier moments of f(cos θ))"

    /// The largest dimension served (the moments run to frequency K + d − 2).
    public static let maxDimension = 2000

    /// The normalized deep ReLU NNGP/NTK (CONVENTIONS §5).
    public init(dimension d: Int, maxDegree K: Int, kind: KernelKind, depth L: Int) throws {
        try self.init(model: KernelModel(activation: .relu, kind: kind, depth: L), dimension: d, maxDegree: K)
    }

    /// An arc-cosine kernel (relu, leaky_relu(a), abs at any depth; step and sign NNGP) normalized or with §9's
    /// variances, or a dot-product function f(t) — f(cos θ) needs only to be analytic on a neighbourhood of
    /// (0, π) and bounded: a cusp at an end (the Laplace kernel's √(2 − 2t) at t = 1) costs endpoint pieces.
    public init(model: KernelModel, dimension d: Int, maxDegree K: Int) throws {
        guard d >= 2 else { throw PrismError.domain("dimension d must be ≥ 2, got \(d)") }
        guard d <= ThetaSpectrum.maxDimension else { throw PrismError.limitExceeded("dimension \(d) (θ-quadrature limit \(ThetaSpectrum.maxDimension))") }
        guard K >= 0, K <= KernelSpectrum.maxSpectrumDegree else { throw PrismError.limitExceeded("degree \(K) (range 0...\(KernelSpectrum.maxSpectrumDegree))") }
        dimension = d
        maxDegree = K
        kind = model.kind
        depth = model.depth
        provenZero = KernelSpectrum.provenZeroEigenvalues(model, maxDegree: K)
        switch model.function {
        case .dotProduct(let f):
            integrand = .dotProduct(f)
            fold = nil
        case .activation(let a):
            guard let parts = a.arcCosineParts else {
                throw PrismError.domain("the θ route serves the arc-cosine family (relu, leaky_relu(a), abs, step, sign), not \(a.name)")
            }
            if parts.degree == 0 && model.kind == .ntk { throw PrismError.domain("\(a.name)' is a Dirac delta: the NTK is not defined") }
            let layers = try ArcCosineLayers(parts: parts, depth: model.depth, variances: model.variances, dimension: d)
            integrand = .arcCosine(layers)
            // σ even (α = β) or odd (α = −β), no bias: k(−t) = ±k(t) at every depth (so is every NTK layer part).
            fold = !layers.inputIsIdentity ? nil : parts.positive == parts.negative ? .even : parts.positive == -parts.negative ? .odd : nil
        }
    }

    /// Enclosures of μ_0…μ_K of the NNGP or NTK, aiming at absolute accuracy 2^{−p}.
    public func eigenvalues(precision p: Int) throws -> [Interval] {
        try spectra(kind == .nngp ? .nngp : .ntk, precision: p)[0]
    }

    /// Enclosures of μ_k(κ_ℓ), rows ℓ = 0…L (κ_0 the first layer's weights, κ_L the readout),
    /// columns k = 0…K, aiming at absolute accuracy 2^{−p}.
    public func layerEigenvalues(precision p: Int) throws -> [[Interval]] {
        try spectra(.layers, precision: p)
    }

    /// Certified μ_k to D significant digits. Ziv's loop with a precision schedule read off the
    /// previous pass: an enclosure that excludes 0 says how many bits the next pass needs.
    public func certified(digits D: Int) throws -> [CertifiedValue] {
        let zero = provenZero
        let start = CertifiedValue.decidingBits(D) + 16
        var previous: [Interval]? = nil
        var last = start
        var values = try CertifiedValue.certifyAll(count: maxDegree + 1, digits: D, startPrecision: start, precisionCap: start << 5) { doubling in
            var p = doubling
            if let previous { p = ThetaSpectrum.nextPrecision(after: previous, digits: D, precision: last) }
            let values = try eigenvalues(precision: p)
            previous = values
            last = p
            return values
        }
        for (k, z) in zero.enumerated() where z { values[k] = try CertifiedValue(exact: .zero, digits: D) }
        return values
    }

    /// The precision at which every enclosure should decide D digits and the binary64 rounding:
    /// |μ| 2^{−max(D log₂10, 56) − 8} for enclosures away from 0, twice the last precision otherwise.
    static func nextPrecision(after values: [Interval], digits D: Int, precision last: Int) -> Int {
        var p = last + 16
        for v in values where !v.isExactZero {
            if v.containsZero { p = Swift.max(p, 2 * last); continue }
            let smallest = v.lower.signum > 0 ? v.lower : v.upper.magnitude
            p = Swift.max(p, CertifiedValue.decidingBits(D) - smallest.exponent)
        }
        return p
    }

    /// The sum rules of an arc-cosine kernel f (CONVENTIONS §3, §14): f(1) = Σ_k N(d,k) μ_k, the value of
    /// the angle recursion at θ = 0, and E_t[f(t)²] = Σ_k N(d,k) μ_k² = c_d ∫₀^π f(θ)² sin^{d−2}θ dθ, by the same
    /// Fourier moments with the recursion's series squared (for deep kernels, whose series route cannot reach
    /// binary64). Error contract: enclosures, E_t[f²] to absolute accuracy about 2^{−p}; throws
    /// `PrismError.domain` for dot-product functions (their f(1) and E_t[f²] come from their series).
    public func sumRules(precision p: Int) throws -> (first: Interval, second: Interval) {
        guard case .arcCosine(let layers) = integrand else { throw PrismError.domain("θ-route sum rules serve the arc-cosine family") }
        let first = try layers.value(versine: Interval(0, precision: p + 40), depth: depth, kind: kind, precision: p + 40)
        return (first, try spectra(kind == .nngp ? .nngp : .ntk, precision: p, squared: true)[0][0])
    }

    /// The spectra of the requested components at precision p; with `squared`, μ_0 of f² only.
    func spectra(_ output: ArcCosineAngleRecursion.Output, precision p: Int, squared: Bool = false) throws -> [[Interval]] {
        let d = dimension, N = squared ? 0 : maxDegree
        let J = N + Swift.max(0, d - 2)
        // c_d < d, so moments to 2^{−p−4−bits(d)} give μ_k to 2^{−p−4}.
        // Pieces with J·r ≤ 6 (the exponential series costs ≤ 9 bits of cancellation), at least 8
        // (the kernels' singularities lie about 1.5 from [0, π]).
        let pieces = Swift.max(8, Int((Double(J) * Double.pi / 12).rounded(.up)))
        let guardBits = 40
        let wp = p + guardBits
        let K = Swift.min(120, Swift.max(16, (p + 40) / 4))
        let count = output == .layers ? depth + 1 : 1
        var atPoint: (PowerSeries<Interval>) throws -> [PowerSeries<Interval>]
        var overPiece: (PowerSeries<Interval>) throws -> [PowerSeries<Interval>]
        var values: ((Interval) throws -> [Interval])?
        switch integrand {
        case .arcCosine(let layers):
            let center = try ArcCosineAngleRecursion(layers: layers, depth: depth, precision: wp, order: K)
            let whole = try ArcCosineAngleRecursion(layers: layers, depth: depth, precision: 64, order: K + 1)
            atPoint = { try center.kernels($0, output) }
            overPiece = { try whole.kernels($0, output) }
            // Step-like layers put a √θ cusp at θ = 0; bound the last pieces there by their values.
            let L = depth
            // 1 − cos θ = 2 sin²(θ/2).
            values = layers.parts.degree == 0 ? { theta in
                let s = try (theta * Interval(Rational(1) / Rational(2), precision: 64)).applying(.sin)
                return [try layers.value(versine: Interval(2, precision: 64) * s * s, depth: L, kind: .nngp, precision: 64)]
            } : nil
        case .dotProduct(let f):
            if output == .layers { throw PrismError.domain("a dot-product kernel has no layers") }
            // Near θ = 0 (or π) 1 ∓ cos θ ≈ θ²/2 cancels in f's expression (√(2 − 2t) of the Laplace kernel):
            // evaluate with 2·log₂(1/θ) more bits, so t = cos θ keeps the digits the expression subtracts.
            let piHigh = Interval.constant(.pi, precision: 64)
            func enclosed(_ theta: PowerSeries<Interval>) throws -> [PowerSeries<Interval>] {
                let c = theta[0]
                let distance = Swift.min(c.lower.magnitude, (piHigh - c).lower.magnitude)
                let extra = distance.isZero ? 0 : Swift.max(0, -2 * distance.exponent)
                let P = c.precision + extra
                let lifted = PowerSeries(theta.coefficients.map { $0.rounded(toPrecision: P) })
                return [try f.expression.powerSeries(at: try lifted.sinCos().cos)]
            }
            atPoint = enclosed
            overPiece = enclosed
            values = { theta in [try enclosed(PowerSeries([theta]))[0].coefficients[0]] }
        }
        if squared {
            // f² from f's series and values (analytic where f is, symmetric about π/2 when f is).
            let (f, g, v) = (atPoint, overPiece, values)
            atPoint = { try f($0).map { try $0.multiplied(by: $0) } }
            overPiece = { try g($0).map { try $0.multiplied(by: $0) } }
            values = v.map { v in { try v($0).map { $0 * $0 } } }
        }
        // f² is even when f is even or odd.
        let parity: Symmetry.Parity? = squared && fold != nil ? .even : fold
        var moments = try FourierMoments.integrate(
            components: count, maxFrequency: J, accuracyBits: p + 4 + (Int.bitWidth - d.leadingZeroBitCount), precision: wp, order: K,
            pieces: parity != nil ? Swift.max(8, (pieces + 1) / 2) : pieces, span: parity != nil ? Rational(1) / Rational(2) : 1,
            atPoint: atPoint, overPiece: overPiece, values: values)
        if let parity {
            // g(π − θ) = ±g(θ): with e = 1 for even g, 0 for odd, F_j = (1 ± (−1)^j)·∫₀^{π/2} g cos jθ and
            // G_j = (1 ∓ (−1)^j)·∫₀^{π/2} g sin jθ — twice the half-range moment or an exact 0 by symmetry.
            let zero = Interval(0, precision: wp)
            for c in 0..<count {
                for j in 0...J {
                    let doubled = (moments.cos[c][j] + moments.cos[c][j], moments.sin[c][j] + moments.sin[c][j])
                    let cosineSurvives = (j % 2 == 0) == (parity == .even)
                    moments.cos[c][j] = cosineSurvives ? doubled.0 : zero
                    moments.sin[c][j] = cosineSurvives ? zero : doubled.1
                }
            }
        }
        let zero = squared ? [false] : provenZero
        return try ThetaSpectrum.funkHecke(moments, dimension: d, maxDegree: N, precision: wp).map { mus in
            mus.enumerated().map { k, mu in zero[k] ? Interval(0, precision: wp) : mu }
        }
    }

    /// μ_k = c_d Σ_j (a_kj F_j + b_kj G_j), k = 0…N, for each component, from the Fourier moments F_j = ∫₀^π f cos jθ,
    /// G_j = ∫₀^π f sin jθ (j ≤ N + d − 2) and the exact angular weights Q_k(θ) = P_k(cos θ) sin^{d−2}θ = Σ_j a_kj cos jθ
    /// + b_kj sin jθ. Error contract: enclosure (Σ_j |a_kj| + |b_kj| ≤ 1: an error ε in the moments costs at most c_d ε).
    static func funkHecke(_ moments: FourierMoments.Moments, dimension d: Int, maxDegree N: Int, precision wp: Int) throws -> [[Interval]] {
        let table = try Gegenbauer.angularWeights(dimension: d, maxDegree: N)
        let cd = try Sphere.densityConstant(dimension: d).enclosure(precision: wp)
        return zip(moments.cos, moments.sin).map { F, G in
            (0...N).map { k in
                var sum = Interval(0, precision: wp)
                for (j, a) in table[k].cosine.enumerated() where !a.isZero { sum = sum + Interval(a, precision: wp) * F[j] }
                for (j, b) in table[k].sine.enumerated() where !b.isZero { sum = sum + Interval(b, precision: wp) * G[j] }
                return cd * sum
            }
        }
    }
}
