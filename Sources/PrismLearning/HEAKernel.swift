import PrismNumbers
import PrismAlgebra
import PrismActivations
import PrismKernels

/// A rotation-invariant kernel K(‖x‖², ‖x′‖², ⟨x,x′⟩) on Gaussian data with q = Σγᵢ, seen through its
/// level coefficients (CONVENTIONS §12)
///
///     K(q, q, t) = Σ_ℓ c_ℓ t^ℓ / ℓ!,   c_ℓ = ∂_t^ℓ K(q, q, t)|_{t=0}   (t = ⟨x,x′⟩ unnormalized).
///
/// * `rbf:w2`: exp(−‖x−x′‖²/(2w²)), so K(q,q,t) = e^{−q/w²} e^{t/w²} and c_ℓ = e^{−q/w²} w^{−2ℓ};
/// * `exp:w2`: exp(⟨x,x′⟩/w²), c_ℓ = w^{−2ℓ};
/// * `laplace:w`: exp(−‖x−x′‖/(√2 w)), K(q,q,t) = exp(−√(q−t)/w): its Taylor series in t (radius q)
///   by the power-series engine over `Interval` (every coefficient is positive);
/// * an activation's NNGP/NTK with L hidden layers, normalized (CONVENTIONS §5) or with §9's variances, a
///   series Σ f_m ρ^m in the cosine ρ = t/q, so c_ℓ = ℓ!·f_ℓ/q^ℓ, the f_ℓ enclosed also where the series
///   route only bounds them below (a bias; depth ≥ 2 for a σ that is not odd): `KernelModel.cosineCoefficients`.
public enum HEAKernel: Sendable, Equatable {
    case rbf(widthSquared: Rational)
    case exponential(widthSquared: Rational)
    case laplace(width: Rational)
    /// An activation's NNGP/NTK (`model.function` is an activation); §9's variances use d = D, ‖x‖² = q.
    case activation(KernelModel, dimension: Int)

    /// The highest level coefficient Prism computes.
    public static let maxLevel = 1000

    /// Parses `rbf:W2`, `exp:W2`, `laplace:W` (W2, W positive rationals); anything else is an activation,
    /// whose kernel uses `variances` (nil: the normalized kernels of §5) in dimension d = D.
    public init(parsing text: String, kind: KernelKind = .nngp, depth: Int = 1, variances: KernelVariances? = nil, dimension: Int = 1) throws {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        if parts.count == 2, ["rbf", "exp", "laplace"].contains(parts[0]) {
            let w = try Rational(parsing: parts[1])
            guard w.signum > 0 else { throw PrismError.domain("\(parts[0]):W needs W > 0, got \(w)") }
            switch parts[0] {
            case "rbf": self = .rbf(widthSquared: w)
            case "exp": self = .exponential(widthSquared: w)
            default: self = .laplace(width: w)
            }
            return
        }
        let model = try KernelModel(activation: try Activation(parsing: text), kind: kind, depth: depth, variances: variances)
        self = .activation(model, dimension: dimension)
    }

    public var name: String {
        switch self {
        case .rbf(let w): return "rbf:\(w)"
        case .exponential(let w): return "exp:\(w)"
        case .laplace(let w): return "laplace:\(w)"
        case .activation(let m, _): return m.name
        }
    }

    /// b when c_ℓ = a·b^ℓ (rbf, exp: b = 1/w², K entire in t), so that c_ℓ γ_max^ℓ is geometric; else nil.
    public var levelRatio: Rational? {
        switch self {
        case .rbf(let w), .exponential(let w): return try? w.inverted()
        default: return nil
        }
    }

    /// Enclosures of c_0…c_L for data with q = Σγᵢ.
    /// Error contract: enclosure (each true c_ℓ lies in its interval; proven zeros are [0, 0]).
    public func levelCoefficients(maxLevel L: Int, q: Rational, precision p: Int) throws -> [Interval] {
        guard L >= 0, L <= HEAKernel.maxLevel else { throw PrismError.limitExceeded("level \(L) (limit \(HEAKernel.maxLevel))") }
        guard q.signum > 0 else { throw PrismError.domain("q = Σγ must be > 0, got \(q)") }
        switch self {
        case .exponential(let w2):
            let b = try w2.inverted()
            var c = Rational(1)
            return (0...L).map { _ in defer { c *= b }; return Interval(c, precision: p) }
        case .rbf(let w2):
            let b = try w2.inverted()
            let a = try (-Interval(q * b, precision: p)).applying(.exp)
            var c = Rational(1)
            return (0...L).map { _ in defer { c *= b }; return a * Interval(c, precision: p) }
        case .laplace(let w):
            var s = [Interval](repeating: Interval(0, precision: p), count: L + 1)
            s[0] = Interval(q, precision: p)
            if L >= 1 { s[1] = Interval(-1, precision: p) }
            let series = try PowerSeries(s).power(try Rational(1, 2)).scaled(by: Interval(try (-w).inverted(), precision: p)).exp()
            var factorial = Rational(1)
            return (0...L).map { l in
                if l > 0 { factorial *= Rational(l) }
                return series[l] * Interval(factorial, precision: p)
            }
        case .activation(let model, let d):
            guard L <= DeepKernel.maxOrder else { throw PrismError.limitExceeded("level \(L) (limit \(DeepKernel.maxOrder) for activation kernels)") }
            let f = try model.withNorm2(q).cosineCoefficients(through: L, order: HEAKernel.seriesOrder(L, precision: p), dimension: d, precision: p)
            let qInverse = try q.inverted()
            var scale = Rational(1) // ℓ!/q^ℓ
            return (0...L).map { l in
                if l > 0 { scale *= Rational(l) * qInverse }
                return f[l] * Interval(scale, precision: p)
            }
        }
    }

    /// The kernel as a non-negative series in the cosine (order ≥ L, tied to p as the power-series
    /// route does, so that Ziv's loop also lengthens the series).
    static func cosineSeries(_ model: KernelModel, dimension d: Int, order L: Int, precision p: Int) throws -> NonnegativeSeries {
        guard L <= DeepKernel.maxOrder else { throw PrismError.limitExceeded("level \(L) (limit \(DeepKernel.maxOrder) for activation kernels)") }
        return try model.cosineSeries(order: seriesOrder(L, precision: p), dimension: d, precision: p)
    }

    static func seriesOrder(_ L: Int, precision p: Int) -> Int { Swift.min(DeepKernel.maxOrder, Swift.max(L + 4, p)) }
}

extension KernelModel {
    /// The same model on the sphere ‖x‖² = q (§9's `--norm2`); the normalized preset has no q.
    func withNorm2(_ q: Rational) throws -> KernelModel {
        guard let v = variances, let sigma = activation else { return self }
        return try KernelModel(activation: sigma, kind: kind, depth: depth, variances: try KernelVariances(weight: v.weight, bias: v.bias, norm2: q))
    }
}
