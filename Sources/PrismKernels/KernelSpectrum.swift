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
