import PrismNumbers
import PrismBases
import PrismActivations

/// One way of certifying the Funk–Hecke eigenvalues of a `KernelModel` on S^{d−1}. Each route says
/// when it applies (its initializer returns nil otherwise) and what it costs; `SpectrumRoutes.choose`
/// picks the cheapest that applies. Routes: exact arc-cosine moments (depth 1), θ quadrature (the
/// degree-1 arc-cosine family at any depth), the power series of the kernel (smooth activations,
/// absolutely monotone dot-product functions).
public protocol SpectrumRoute: Sendable {
    /// The name every output reports (`route` in JSON parameters).
    var name: String { get }
    /// A relative cost: lower is preferred when several routes apply.
    var cost: Int { get }
    /// Exact eigenvalues, when the route knows them.
    func exactEigenvalues() throws -> [ExactReal]?
    /// Certified μ_0…μ_K to D digits.
    func certified(digits D: Int) throws -> [CertifiedValue]
    /// Enclosures of μ_0…μ_K at working precision about p (always valid, possibly wide).
    func eigenvalues(precision p: Int) throws -> [Interval]
    /// Enclosures of μ_k(κ_ℓ), rows ℓ = 0…L, columns k (NTK layer parts); throws where the route has none.
    func layerEigenvalues(precision p: Int) throws -> [[Interval]]
    /// Exact μ_k(κ_ℓ) (rows ℓ), when the route knows them.
    func exactLayerEigenvalues() throws -> [[ExactReal]]?
}

extension SpectrumRoute {
    public func exactEigenvalues() throws -> [ExactReal]? { nil }
    public func exactLayerEigenvalues() throws -> [[ExactReal]]? { nil }
}

/// The dispatcher: every route that applies, cheapest first.
public enum SpectrumRoutes {
    public static func candidates(_ model: KernelModel, dimension d: Int, maxDegree K: Int) throws -> [any SpectrumRoute] {
        var routes: [any SpectrumRoute] = []
        if let exact = try ExactArcCosineRoute(model, dimension: d, maxDegree: K) { routes.append(exact) }
        if let theta = try ThetaQuadratureRoute(model, dimension: d, maxDegree: K) { routes.append(theta) }
        if let series = try PowerSeriesRoute(model, dimension: d, maxDegree: K) { routes.append(series) }
        return routes.sorted { $0.cost < $1.cost }
    }

    /// The cheapest route that applies, or a domain error saying why none does.
    public static func choose(_ model: KernelModel, dimension d: Int, maxDegree K: Int) throws -> any SpectrumRoute {
        guard let route = try candidates(model, dimension: d, maxDegree: K).first else {
            throw PrismError.domain(noRouteReason(model))
        }
        return route
    }

    static func noRouteReason(_ model: KernelModel) -> String {
        switch model.function {
        case .dotProduct(let f):
            return "no route certifies the spectrum of f(t) = \(f.text): the power-series route needs f absolutely monotone (built from t, non-negative constants, +, ×, integer powers, exp, sinh, cosh and 1/(c − g) with g(1) < c)"
        case .activation(let a):
            if let parts = a.arcCosineParts, parts.degree == 0 {
                return "\(a.name) at depth \(model.depth): its deep kernels are not smooth in θ (a √θ cusp at each layer); only depth 1 (exact) is certified"
            }
            return "no route certifies the spectrum of \(a.name) with these options (general variances for activations outside the arc-cosine family are certified at depth 1)"
        }
    }
}

/// Exact eigenvalues of the depth-1 arc-cosine kernels through exact moments in θ (ArcCosineSpectrum),
/// scaled by §9's variances when there is no bias (a bias makes the first layer's correlation an
/// affine function of t, which the θ-polynomial moments do not cover).
struct ExactArcCosineRoute: SpectrumRoute {
    let model: KernelModel
    let parts: ArcCosineParts
    let activation: Activation
    let dimension: Int
    let maxDegree: Int
    var name: String { "exact (arc-cosine moments)" }
    var cost: Int { 0 }

    init?(_ model: KernelModel, dimension d: Int, maxDegree K: Int) throws {
        guard model.depth == 1, let a = model.activation, let parts = a.arcCosineParts, model.biasFree,
              model.kind == .nngp || parts.degree == 1 else { return nil }
        self.model = model
        self.parts = parts
        activation = a
        dimension = d
        maxDegree = K
    }

    /// μ(κ_0) (the first layer's weights, ρk̇ scaled) and μ(κ_1) (the readout, k scaled); for the
    /// normalized NTK their sum is computed in one pass (the tables' canonical form).
    func exactLayerEigenvalues() throws -> [[ExactReal]]? {
        guard parts.degree == 1 else { return nil }
        let k = try closedForm(.nngp), ntk = try closedForm(.ntk)
        let (readout, first) = try scales()
        let kappa0 = try zip(ntk, k).map { try ExactReal(first) * ($0 - $1) }
        let kappa1 = try k.map { try ExactReal(readout) * $0 }
        return [kappa0, kappa1]
    }

    /// Σ^(2) = q_2 k(t) and κ_0 = q_1 c·t k̇(t) (bias-free: a_ℓ = 1).
    func scales() throws -> (readout: Rational, first: Rational) {
        let layers = try ArcCosineLayers(parts: parts, depth: 1, variances: model.variances, dimension: dimension)
        return (layers.variance[1], layers.variance[0] * layers.derivativeScale)
    }

    /// The closed-form spectrum of the plain (unit-variance) kernel; the route exists only for
    /// activations that have one.
    func closedForm(_ kind: KernelKind) throws -> [ExactReal] {
        try ArcCosineSpectrum.eigenvalues(activation: activation, kind: kind, dimension: dimension, maxDegree: maxDegree)
            .unwrapped(or: .domain("\(activation.name) has no arc-cosine closed form"))
    }

    func exactEigenvalues() throws -> [ExactReal]? { try exactSpectrum() }

    /// The exact eigenvalues: this route always has them.
    func exactSpectrum() throws -> [ExactReal] {
        let plain = try closedForm(model.kind)
        guard model.variances != nil else { return plain }
        if model.kind == .nngp { return try plain.map { try ExactReal(try scales().readout) * $0 } }
        let layers = try exactLayerEigenvalues().unwrapped(or: diracDerivative)
        return try zip(layers[0], layers[1]).map { try $0 + $1 }
    }

    /// The error for an NTK whose σ' is a Dirac delta.
    var diracDerivative: PrismError { .domain("\(activation.name)' is a Dirac delta: the NTK is not defined") }

    func certified(digits D: Int) throws -> [CertifiedValue] {
        try exactSpectrum().map { try CertifiedValue(exact: $0, digits: D) }
    }

    func eigenvalues(precision p: Int) throws -> [Interval] { try exactSpectrum().map { try $0.enclosure(precision: p) } }

    func layerEigenvalues(precision p: Int) throws -> [[Interval]] {
        let exact = try exactLayerEigenvalues().unwrapped(or: diracDerivative)
        return try exact.map { try $0.map { try $0.enclosure(precision: p) } }
    }
}

/// Certified quadrature in θ for the degree-1 arc-cosine family at any depth (ThetaSpectrum).
struct ThetaQuadratureRoute: SpectrumRoute {
    let spectrum: ThetaSpectrum
    var cost: Int { 1 }

    let isDotProduct: Bool

    init?(_ model: KernelModel, dimension d: Int, maxDegree K: Int) throws {
        guard d <= ThetaSpectrum.maxDimension else { return nil }
        switch model.function {
        case .activation(let a):
            guard let parts = a.arcCosineParts, parts.degree == 1 || model.kind == .nngp else { return nil }
            isDotProduct = false
        case .dotProduct(let f):
            // The power series is cheaper where it applies; f(cos θ) is integrated otherwise.
            guard !f.expression.isAbsolutelyMonotone(in: "t") else { return nil }
            isDotProduct = true
        }
        spectrum = try ThetaSpectrum(model: model, dimension: d, maxDegree: K)
    }
    var name: String { isDotProduct ? ThetaSpectrum.dotProductRouteName : ThetaSpectrum.routeName }

    func certified(digits D: Int) throws -> [CertifiedValue] { try spectrum.certified(digits: D) }
    func eigenvalues(precision p: Int) throws -> [Interval] { try spectrum.eigenvalues(precision: p) }
    func layerEigenvalues(precision p: Int) throws -> [[Interval]] { try spectrum.layerEigenvalues(precision: p) }
}
