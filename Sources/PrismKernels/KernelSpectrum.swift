import PrismNumbers
import PrismBases
import PrismActivations

/// Which deep kernel: the NNGP Σ^(L) or the NTK Θ^(L) (CONVENTIONS §5).
public enum KernelKind: String, CaseIterable, Sendable {
    case nngp, ntk
}

/// Certified eigenvalues of the normalized deep kernels on S^{d−1} by the power-series route:
/// series coefficients through the Hermite layer, the exact β_k^m(d), and the proven tail of a
/// non-negative series (DESIGN.md "Certified integration and sphere spectra"). Ziv's loop raises
/// the working precision and the truncation order together; kernels whose coefficients decay
/// slowly (the ReLU family: m^{−3/2}, m^{−1/2}) cannot be certified this way beyond a few digits,
/// and say so (exit 1) instead of printing uncertified digits.
public struct KernelSpectrum: Sendable {
    public let activation: Activation
    public let dimension: Int
    public let maxDegree: Int
    public let kind: KernelKind
    public let depth: Int

    public static let maxSpectrumDegree = 300

    public init(activation: Activation, dimension d: Int, maxDegree K: Int, kind: KernelKind = .nngp, depth L: Int = 1) throws {
        guard d >= 2 else { throw PrismError.domain("dimension d must be ≥ 2, got \(d)") }
        guard d <= 100_000 else { throw PrismError.limitExceeded("dimension \(d) (limit 100000)") }
        guard K >= 0 else { throw PrismError.domain("degree must be ≥ 0, got \(K)") }
        guard K <= KernelSpectrum.maxSpectrumDegree else { throw PrismError.limitExceeded("degree \(K) (limit \(KernelSpectrum.maxSpectrumDegree))") }
        guard L >= 1, L <= DeepKernel.maxDepth else { throw PrismError.limitExceeded("depth \(L) (range 1...\(DeepKernel.maxDepth))") }
        if kind == .ntk { _ = try activation.derivative() } // step/sign: no NTK
        self.activation = activation
        dimension = d
        maxDegree = K
        self.kind = kind
        self.depth = L
    }

    /// The truncation order used at working precision p.
    func order(precision p: Int) -> Int { Swift.min(DeepKernel.maxOrder, Swift.max(maxDegree + 4, p)) }

    /// Enclosures of μ_0…μ_K at working precision about p.
    /// With `adaptiveOrder` (what `certified(digits:)` uses) the truncation order grows until the tail's
    /// share of every μ_k is below 2^{−p} and a truncation-dominated tail throws `notCertified`; without it the order
    /// is `order(precision:)` and the enclosures may be wide but are always valid.
    public func eigenvalues(precision p: Int, adaptiveOrder: Bool = false) throws -> [Interval] {
        try eigenvalues(precision: p, adaptiveOrder: adaptiveOrder, digits: nil)
    }

    /// With `digits` (only `certified` passes it), a truncation that makes D digits impossible at the last
    /// order throws `TruncationLimit`.
    func eigenvalues(precision p: Int, adaptiveOrder: Bool, digits: Int?) throws -> [Interval] {
        try spectra(precision: p, adaptiveOrder: adaptiveOrder, digits: digits) { layers in
            kind == .nngp ? [layers.nngp] : [DeepKernel.sum(layers.layers)]
        }[0]
    }

    /// The eigenvalues of every series `pick` selects from the deep kernel at precision p, truncated where
    /// the proven tail's contribution to every μ_k, k ≤ K, is below 2^{−p}·μ_k (or at
    /// `DeepKernel.maxOrder`): the order starts at `order(precision:)` and doubles at the same
    /// precision, so a slowly decaying series does not force Ziv's loop to raise the precision (and pay
    /// for wider numbers) just to get more terms.
    func spectra(precision p: Int, adaptiveOrder: Bool = true, digits: Int? = nil,
                 _ pick: ((nngp: NonnegativeSeries, layers: [NonnegativeSeries])) -> [NonnegativeSeries]) throws -> [[Interval]] {
        var M = order(precision: p)
        while true {
            let deep = try DeepKernel(activation: activation, depth: depth, order: M)
            let chosen = pick(try deep.series(precision: p, includeNTK: kind == .ntk))
            let connection = try ConnectionColumns(dimension: dimension, maxDegree: Swift.max(M, maxDegree), columns: maxDegree)
            let spectra = try chosen.map { try SphereSpectrum.eigenvalues(of: $0, dimension: dimension, maxDegree: maxDegree, connection: connection) }
            if !adaptiveOrder { return spectra }
            // The binary exponent e of the worst ratio (tail contribution)/(lower bound of μ_k) < 2^e.
            var worst = Int.min
            for (f, mu) in zip(chosen, spectra) {
                let tails = try SphereSpectrum.tailContributions(of: f, dimension: dimension, maxDegree: maxDegree)
                for k in 0...maxDegree where !f.provesZeroEigenvalue(k) && !tails[k].isZero {
                    guard mu[k].lower.signum > 0 else { worst = Int.max; break }
                    worst = Swift.max(worst, try Interval(tails[k]).dividing(by: Interval(mu[k].lower)).upper.exponent)
                }
            }
            if worst <= -p { return spectra }
            if M >= DeepKernel.maxOrder {
                // At the last order the tail is truncation, not rounding: once it exceeds 2^{−p/2}·μ_k,
                // more working precision cannot shrink it, so stop Ziv's loop instead of escalating.
                if worst > -p / 2 {
                    let why = "the truncated series' proven tail at order \(M) is not below 2^-\(p / 2) of every eigenvalue"
                    // Inside `certified` this ends Ziv's loop; other callers get the usual error.
                    if digits != nil { throw TruncationLimit(why: why) }
                    throw PrismError.notCertified(why)
                }
                if let D = digits { try checkTruncationAllows(digits: D, chosen, spectra, order: M) }
                return spectra
            }
            M = Swift.min(DeepKernel.maxOrder, 2 * M)
        }
    }

    /// Thrown when the truncation at the last order, not the working precision, keeps the enclosures too
    /// wide: Ziv's loop must stop rather than raise the precision (`certified` reports it as exit 1).
    struct TruncationLimit: Error { let why: String }

    /// Throws `TruncationLimit` when the part of the tail no precision can remove (Σ_{m>M} f_m ≥
    /// f(1) − Σ f̂_m) already widens some μ_k beyond 2^{−(3.32·D − 4)}·μ_k, i.e. past D digits.
    func checkTruncationAllows(digits D: Int, _ series: [NonnegativeSeries], _ spectra: [[Interval]], order M: Int) throws {
        let allowedExponent = -Int(Double(D) * 3.3219280948873623) + 4
        for (f, mu) in zip(series, spectra) where f.coefficientsEnclosed {
            let truncation = f.truncationLowerBound
            guard !truncation.isZero else { continue }
            let factors = try SphereSpectrum.tailFactors(of: f, dimension: dimension, maxDegree: maxDegree)
            let p = f.valueAtOne.precision
            for k in 0...maxDegree where !f.provesZeroEigenvalue(k) && mu[k].upper.signum > 0 {
                let width = truncation.multiplied(by: factors[k], precision: p, rounding: .down)
                let ratio = try width.divided(by: mu[k].upper, precision: p, rounding: .down)
                if ratio.exponent > allowedExponent {
                    throw TruncationLimit(why: "at order \(M) the series' tail alone widens μ_\(k) by \(ratio.decimal(significantDigits: 2, rounding: .down).formatted(significantDigits: 2)) of its value")
                }
            }
        }
    }

    /// Enclosures of μ_k(κ_ℓ) for every layer ℓ = 0…L (rows ℓ, columns k): θ-quadrature for ReLU
    /// (`layerRoute`), the power-series route otherwise.
    public func layerEigenvalues(precision p: Int) throws -> [[Interval]] {
        if activation == .relu, dimension <= ThetaSpectrum.maxDimension {
            return try ThetaSpectrum(dimension: dimension, maxDegree: maxDegree, kind: .ntk, depth: depth).layerEigenvalues(precision: p)
        }
        return try spectra(precision: p) { $0.layers }
    }

    /// The multiplicities N(d,k), k = 0…K.
    public var multiplicities: [BigInt] { (0...maxDegree).map { try! Sphere.multiplicity(dimension: dimension, degree: $0) } }

    /// Certified μ_k to D digits.
    /// Degrees whose eigenvalue is 0 by the kernel's proven symmetry (odd σ: even k).
    public var provenZero: [Bool] {
        let symmetry = activation.symmetry
        let odd = symmetry.overall == .odd && !symmetry.restIsZero, even = symmetry.overall == .even && !symmetry.restIsZero
        let vanishing: (from: Int, parity: Symmetry.Parity)?
        // Depth 1: ψ0 = Σ bₙ²ρⁿ and ρψ1 = Σ n bₙ²ρⁿ vanish where bₙ does.
        if depth == 1 { vanishing = NonnegativeSeries.vanishing(for: symmetry) }
        else if odd { vanishing = (0, .even) }
        else if even && kind == .nngp { vanishing = (0, .odd) }
        else { vanishing = nil }
        let probe = NonnegativeSeries(coefficients: [Interval(0, precision: 64)], valueAtOne: Interval(0, precision: 64), vanishing: vanishing)
        return (0...maxDegree).map { probe.provesZeroEigenvalue($0) }
    }

    /// The route that certifies this spectrum: exact for the arc-cosine family at depth 1,
    /// θ-quadrature for deeper ReLU kernels (their series decay too slowly), the power-series
    /// route otherwise.
    public var route: String { exactArcCosine ? "exact (arc-cosine moments)" : (usesThetaQuadrature ? ThetaSpectrum.routeName : "power series") }
    /// The route of `layerEigenvalues`.
    public var layerRoute: String { activation == .relu && dimension <= ThetaSpectrum.maxDimension ? ThetaSpectrum.routeName : "power series" }
    var exactArcCosine: Bool {
        guard depth == 1 else { return false }
        switch activation {
        case .relu, .abs, .leakyRelu: return true
        case .step, .sign: return kind == .nngp
        default: return false
        }
    }
    var usesThetaQuadrature: Bool { activation == .relu && dimension <= ThetaSpectrum.maxDimension }

    /// Exact eigenvalues where Prism knows them (ReLU at depth 1), else nil.
    public func exactEigenvalues() throws -> [ExactReal]? {
        exactArcCosine ? try ArcCosineSpectrum.eigenvalues(activation: activation, kind: kind, dimension: dimension, maxDegree: maxDegree) : nil
    }

    public func certified(digits D: Int) throws -> [CertifiedValue] {
        if let exact = try exactEigenvalues() { return try exact.map { try CertifiedValue(exact: $0, digits: D) } }
        if usesThetaQuadrature {
            return try ThetaSpectrum(dimension: dimension, maxDegree: maxDegree, kind: kind, depth: depth).certified(digits: D)
        }
        do {
            var values = try CertifiedValue.certifyAll(count: maxDegree + 1, digits: D, startPrecision: Int(Double(D) * 3.33) + 32, precisionCap: 2048) {
                try eigenvalues(precision: $0, adaptiveOrder: true, digits: D)
            }
            for (k, zero) in provenZero.enumerated() where zero { values[k] = try CertifiedValue(exact: .zero, digits: D) }
            return values
        } catch let limit as TruncationLimit {
            throw routeFailure(limit.why, digits: D)
        } catch PrismError.notCertified(let why) {
            throw routeFailure(why, digits: D)
        }
    }

    private func routeFailure(_ why: String, digits D: Int) -> PrismError {
        .notCertified("power-series route: \(why); the kernel's series coefficients decay too slowly for \(D) digits within order \(DeepKernel.maxOrder) (non-smooth activations such as the ReLU family need fewer --digits)")
    }
}
