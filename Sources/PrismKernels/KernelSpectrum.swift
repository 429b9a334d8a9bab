import PrismNumbers
import PrismBases
import PrismActivations

/// Which deep kernel: the NNGP Σ^(L) or the NTK Θ^(L) (CONVENTIONS §5).
public enum KernelKind: String, CaseIterable, Sendable {
    case nngp, ntk
}

/// The Funk–Hecke eigenvalues μ_0…μ_K of a `KernelModel` on S^{d−1}, certified by the route the
/// dispatcher picks (`SpectrumRoutes`): every result says which route certified it.
public struct KernelSpectrum: Sendable {
    public let model: KernelModel
    public let dimension: Int
    public let maxDegree: Int
    /// The route that certifies this spectrum.
    public let certifyingRoute: any SpectrumRoute

    public static let maxSpectrumDegree = 300

    public init(model: KernelModel, dimension d: Int, maxDegree K: Int) throws {
        guard d >= 2 else { throw PrismError.domain("dimension d must be ≥ 2, got \(d)") }
        guard d <= 100_000 else { throw PrismError.limitExceeded("dimension \(d) (limit 100000)") }
        guard K >= 0 else { throw PrismError.domain("degree must be ≥ 0, got \(K)") }
        guard K <= KernelSpectrum.maxSpectrumDegree else { throw PrismError.limitExceeded("degree \(K) (limit \(KernelSpectrum.maxSpectrumDegree))") }
        self.model = model
        dimension = d
        maxDegree = K
        certifyingRoute = try SpectrumRoutes.choose(model, dimension: d, maxDegree: K)
    }

    /// The normalized deep kernels of CONVENTIONS §5.
    public init(activation: Activation, dimension d: Int, maxDegree K: Int, kind: KernelKind = .nngp, depth L: Int = 1) throws {
        try self.init(model: KernelModel(activation: activation, kind: kind, depth: L), dimension: d, maxDegree: K)
    }

    public var activation: Activation? { model.activation }
    public var kind: KernelKind { model.kind }
    public var depth: Int { model.depth }

    /// The name of the route that certifies this spectrum (and its layers).
    public var route: String { certifyingRoute.name }

    /// Exact eigenvalues where the route knows them, else nil.
    public func exactEigenvalues() throws -> [ExactReal]? { try certifyingRoute.exactEigenvalues() }

    /// Certified μ_k to D digits.
    public func certified(digits D: Int) throws -> [CertifiedValue] { try certifyingRoute.certified(digits: D) }

    /// Enclosures of μ_0…μ_K at working precision about p (valid, possibly wide).
    public func eigenvalues(precision p: Int) throws -> [Interval] { try certifyingRoute.eigenvalues(precision: p) }

    /// Enclosures of μ_k(κ_ℓ) for every NTK layer part ℓ = 0…L (rows ℓ, columns k).
    public func layerEigenvalues(precision p: Int) throws -> [[Interval]] { try certifyingRoute.layerEigenvalues(precision: p) }

    /// Exact μ_k(κ_ℓ) where the route knows them (the arc-cosine family at depth 1), else nil.
    public func exactLayerEigenvalues() throws -> [[ExactReal]]? { try certifyingRoute.exactLayerEigenvalues() }

    /// The multiplicities N(d,k), k = 0…K.
    public var multiplicities: [BigInt] {
        get throws { try (0...maxDegree).map { try Sphere.multiplicity(dimension: dimension, degree: $0) } }
    }

    /// Degrees whose eigenvalue is 0 by the kernel's proven symmetry (odd σ: even k).
    public var provenZero: [Bool] { KernelSpectrum.provenZeroEigenvalues(model, maxDegree: maxDegree) }

    /// Zeros proven by σ's symmetry, for the kernel and for every NTK layer part: depth 1 — ψ0 = Σ bₙ²ρⁿ
    /// and ρψ1 = Σ n bₙ²ρⁿ vanish where bₙ does; deeper — odd σ keeps every series odd, even σ every
    /// NNGP even. A bias (the first layer's correlation a t + b) breaks every parity argument.
    static func provenZeroEigenvalues(_ model: KernelModel, maxDegree K: Int) -> [Bool] {
        guard case .activation(let activation) = model.function, model.biasFree else {
            return Array(repeating: false, count: K + 1)
        }
        let symmetry = activation.symmetry
        let odd = symmetry.overall == .odd && !symmetry.restIsZero, even = symmetry.overall == .even && !symmetry.restIsZero
        let vanishing: (from: Int, parity: Symmetry.Parity)?
        if model.depth == 1 { vanishing = NonnegativeSeries.vanishing(for: symmetry) }
        else if odd { vanishing = (0, .even) }
        else if even { vanishing = (0, .odd) } // k even, k̇ odd: ρk̇ and every later factor even
        else { vanishing = nil }
        let probe = NonnegativeSeries(coefficients: [Interval(0, precision: 64)], valueAtOne: Interval(0, precision: 64), vanishing: vanishing)
        return (0...K).map { probe.provesZeroEigenvalue($0) }
    }
}

extension KernelSpectrum {
    /// Per degree k and NTK layer part ℓ: μ_k(κ_ℓ) and the ratio μ_k(κ_ℓ)/μ_k(κ_L) to the readout's
    /// (nil where μ_k(κ_L) is proven 0), certified to D digits by the spectrum's route (`prism layers`).
    /// Exact routes print exact values (a rational eigenvalue on a decimal tie prints correctly); the
    /// others go through one Ziv loop over all eigenvalues and ratios.
    public func certifiedLayers(digits D: Int) throws -> (eigenvalues: [[CertifiedValue]], ratios: [[CertifiedValue?]]) {
        guard kind == .ntk else { throw PrismError.domain("layers are the NTK's parts: build the spectrum with kind ntk") }
        let K = maxDegree, L = depth
        let zero = provenZero
        if let exact = try exactLayerEigenvalues() {
            var eigenvalues: [[CertifiedValue]] = [], ratios: [[CertifiedValue?]] = []
            for k in 0...K {
                var mus: [CertifiedValue] = [], rs: [CertifiedValue?] = []
                for l in 0...L {
                    mus.append(try CertifiedValue(exact: exact[l][k], digits: D))
                    if zero[k] || exact[L][k].isZero { rs.append(nil); continue }
                    // Exact when the readout's eigenvalue is a single term (it then has an exact inverse).
                    let ratio = try ExactReal.ifExact { try exact[l][k] / exact[L][k] }
                    rs.append(try ratio.map { try CertifiedValue(exact: $0, digits: D) } ?? CertifiedValue(digits: D) { p in
                        try exact[l][k].enclosure(precision: p).dividing(by: exact[L][k].enclosure(precision: p))
                    })
                }
                eigenvalues.append(mus)
                ratios.append(rs)
            }
            return (eigenvalues, ratios)
        }
        let count = (K + 1) * (L + 1)
        // One Ziv loop over all eigenvalues and ratios: rows (k, ℓ) then the ratios.
        let values = try CertifiedValue.certifyAll(count: 2 * count, digits: D, startPrecision: CertifiedValue.bits(forDigits: D) + 32,
                                                   precisionCap: 2048) { p in
            let mu = try layerEigenvalues(precision: p)
            var out: [Interval] = []
            for k in 0...K { for l in 0...L { out.append(mu[l][k]) } }
            for k in 0...K {
                for l in 0...L {
                    // The ratio is undefined where the readout eigenvalue may be 0; report [0, 0] placeholders there.
                    if mu[L][k].containsZero { out.append(Interval(0, precision: p)) } else { out.append(try mu[l][k].dividing(by: mu[L][k])) }
                }
            }
            return out
        }
        var eigenvalues: [[CertifiedValue]] = [], ratios: [[CertifiedValue?]] = []
        for k in 0...K {
            var mus: [CertifiedValue] = [], rs: [CertifiedValue?] = []
            for l in 0...L {
                let i = k * (L + 1) + l
                mus.append(zero[k] ? try CertifiedValue(exact: .zero, digits: D) : values[i])
                rs.append(zero[k] ? nil : values[count + i])
            }
            eigenvalues.append(mus)
            ratios.append(rs)
        }
        return (eigenvalues, ratios)
    }
}
