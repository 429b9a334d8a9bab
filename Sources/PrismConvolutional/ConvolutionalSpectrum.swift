import PrismNumbers
import PrismBases
import PrismActivations
import PrismKernels

/// The eigenvalues λ_k of a convolutional NNGP/NTK on the product of spheres (S^{ζ−1})^P
/// (CONVENTIONS §11), one per multi-index k with Σ k_j ≤ K, with multiplicities Π_j N(ζ, k_j).
///
///     λ_k = E[K(t_1…t_P) Π_j P_{k_j}^{(ζ)}(t_j)],   t_j = ⟨x_j, x'_j⟩ independent, density c_ζ(1−t²)^{(ζ−3)/2}.
///
/// Routes, chosen per kernel and named by `route`:
/// * locality zeros for every k whose support leaves one receptive field (a proof, for every route);
/// * `exact` — the arc-cosine family (relu, leaky_relu(a), abs, step, sign), one level of filters,
///   odd ζ: the closed form of `ArcCosineClosedForm` (an exact real for filter sizes 1, 2, 4; an
///   exact closed form with arccos c otherwise);
/// * `series` — activations with analytic dual activations (erf, tanh, sin, gelu, …), any depth:
///   the moment tables of `ConvolutionalSeries`;
/// * `fieldQuadrature` — the arc-cosine family outside the exact route (several levels, or even ζ)
///   whose field kernel is a function of at most three variables: the means of the first level's groups
///   (odd ζ) or the pixels (even ζ): `FieldQuadrature`, a certified quadrature in angles;
/// * `meanSeries` — the arc-cosine family when the first filter spans the field (q_1 = W) and the field quadrature
///   does not reach it (even ζ, W ≥ 4): the depth-L kernel's power series in the field's mean (`MeanSeries`);
/// * `topSeries` — the arc-cosine family on every other field: the power series of the levels from the last filter ≥ 2 up in the
///   mean of the outputs of the subtrees it groups, against their moments — exact for pixels, by the field quadrature over a
///   subtree, or by the subtree's own top series (`TopSeries`);
/// * `theta` — the arc-cosine family with receptive fields of one pixel (every filter of size 1):
///   each field's kernel is the depth-L kernel of one sphere S^{ζ−1}, so λ_k = μ_{k_j}/R with μ from
///   `ThetaSpectrum` (certified quadrature in θ).
/// Other activations that are not analytic at 0 (elu, …) are reported as not certifiable; so are values a route cannot reach
/// (its work limits).
///
/// Error contract: exact values are exact; other values are enclosures, certified to D digits
/// by Ziv's loop.
public struct ConvolutionalSpectrum: Sendable {
    public let architecture: ConvolutionalArchitecture
    public let activation: Activation
    public let kind: KernelKind
    /// The multi-indices, in the CONTRACT's canonical order.
    public let indices: [[Int]]

    public enum Route: Sendable {
        case exact, series, fieldQuadrature, meanSeries, topSeries, theta
    }

    public let route: Route

    /// The route's name in the output (the JSON parameter `route`).
    public var routeName: String {
        switch route {
        case .exact: return "exact (one-level \(activation == .relu ? "ReLU" : activation.name), piecewise-polynomial density of the mean)"
        case .series: return "multivariate series (dual-activation series, connection coefficients)"
        case .fieldQuadrature:
            guard case let (s, g)? = try? FieldQuadrature.variables(of: architecture) else { return "field quadrature" }
            let variables = g == 1 ? "one variable" : "\(g) variables"
            if s == 1 { return "field quadrature (\(variables), the pixels' angles: certified Gauss–Legendre)" }
            return "field quadrature (\(variables), the means of \(s) pixels: certified Gauss–Legendre in φ, cos φ = the mean, "
                + "against its piecewise-polynomial density)"
        case .meanSeries:
            return "mean series (the first filter spans the field: the depth-\(architecture.levels) kernel's power series in the mean of "
                + "\(architecture.receptiveField) pixels, exact moments, certified tail)"
        case .topSeries:
            guard let top = try? TopSeries(architecture: architecture, activation: activation, kind: kind) else { return "top series" }
            let levels = architecture.levels - top.grouping + 1
            return "top series (\(levels == 1 ? "the last level's kernel" : "the last \(levels) levels' kernel") as a power series in the mean of "
                + "its \(top.q) subtrees' outputs; \(top.momentsRoute), certified tail)"
        case .theta: return "theta quadrature (one-pixel fields: the depth-\(architecture.levels) kernel on S^\(architecture.channels - 1))"
        }
    }

    /// The largest degree per pixel the exact route accepts (its polynomials grow with Σ k_j).
    public static let maxDegree = 120

    public init(activation: Activation, architecture: ConvolutionalArchitecture, maxDegree K: Int, kind: KernelKind) throws {
        guard K >= 0 else { throw PrismError.domain("max degree must be ≥ 0, got \(K)") }
        guard K <= ConvolutionalSpectrum.maxDegree else { throw PrismError.limitExceeded("max degree \(K) (limit \(ConvolutionalSpectrum.maxDegree))") }
        try self.init(activation: activation, architecture: architecture, indices: try architecture.multiIndices(maxDegree: K), kind: kind)
    }

    /// The eigenvalues of the given multi-indices (each of length P).
    public init(activation: Activation, architecture: ConvolutionalArchitecture, indices: [[Int]], kind: KernelKind) throws {
        for k in indices {
            guard k.count == architecture.pixels, k.allSatisfy({ $0 >= 0 }) else {
                throw PrismError.domain("a multi-index needs \(architecture.pixels) non-negative entries, got \(ConvolutionalArchitecture.indexString(k))")
            }
            guard k.reduce(0, +) <= 2 * ConvolutionalSpectrum.maxDegree else { throw PrismError.limitExceeded("total degree of \(ConvolutionalArchitecture.indexString(k))") }
        }
        self.architecture = architecture
        self.activation = activation
        self.kind = kind
        self.indices = indices
        if kind == .ntk, activation.arcCosineParts?.degree == 0 { throw PrismError.domain("\(activation.name)' is a Dirac delta: the NTK is not defined") }
        if let parts = activation.arcCosineParts {
            if architecture.levels == 1 && architecture.channels % 2 == 1 {
                route = .exact
            } else if architecture.receptiveField == 1 {
                route = .theta
            } else {
                do {
                    _ = try FieldQuadrature(architecture: architecture, parts: parts, kind: kind)
                    route = .fieldQuadrature
                } catch PrismError.notCertified {
                    // Beyond three variables: the mean series when the first filter spans the field, otherwise the top series
                    // (some filter has size ≥ 2 here, so it takes every such field; how far it reaches is its passes' business).
                    if MeanSeries.covers(architecture) {
                        _ = try MeanSeries(architecture: architecture, activation: activation, kind: kind)
                        route = .meanSeries
                    } else {
                        _ = try TopSeries(architecture: architecture, activation: activation, kind: kind)
                        route = .topSeries
                    }
                }
            }
        } else if let why = activation.nonAnalyticReason {
            throw PrismError.notCertified("\(why): its dual-activation series decay too slowly to certify; "
                + "the exact route covers the arc-cosine family (relu, leaky_relu, abs, step, sign) with one level of filters and odd ζ")
        } else {
            route = .series
        }
        forms = route == .exact ? try ConvolutionalSpectrum.closedForms(indices, activation: activation, architecture: architecture, kind: kind) : nil
    }

    /// The closed forms of the exact route (nil for other routes; nil entries for locality zeros).
    let forms: [ArcCosineClosedForm?]?

    /// The top series' subtree moments, kept across the passes of Ziv's loop (and the sum rule's).
    let topSeriesMoments = TopSeries.MomentsCache()

    /// The multiplicities Π_j N(ζ, k_j), in the order of `indices`.
    public func multiplicities() throws -> [BigInt] { try indices.map { try architecture.multiplicity($0) } }

    /// Whether locality proves λ_k = 0.
    public func localityZero(_ k: [Int]) -> Bool { architecture.restricted(k) == nil }

    /// Whether a proof gives λ_k = 0: locality, or (routes other than the exact one, whose zeros come out of
    /// exact arithmetic) the parity of an odd σ over the field or of an even σ over each first-level group; for one level of the arc-cosine family also the
    /// parity of the field kernel f(u) = even(u) + c₀ + c₁u (`oneLevelParityZero`).
    public func provenZero(_ k: [Int]) -> Bool {
        if localityZero(k) { return true }
        guard route != .exact else { return false }
        let n = k.reduce(0, +)
        if let κ = architecture.restricted(k),
           ConvolutionalSeries(architecture: architecture, activation: activation, kind: kind).provenZeroByParity(κ) { return true }
        if architecture.levels == 1, let parts = activation.arcCosineParts { return ConvolutionalSpectrum.oneLevelParityZero(parts, totalDegree: n) }
        return false
    }

    /// One level of the arc-cosine family: with arccos u = π/2 − arcsin u, degree 1 gives
    /// k(u) = λ√(1−u²)/π + (1 − λ/2)u + λu·arcsin u/π and k + u k̇ = even + (2 − λ)u; degree 0 gives
    /// k(u) = (1 − ν/2) + ν arcsin u/π. Since E[g(u) Π P_{k_j}(t_j)] = 0 when g's parity differs from
    /// that of n = Σ k_j (t → −t), and E[u Π P] = 0 for n ≠ 1, E[Π P] = 0 for n ≠ 0:
    /// λ = 0 for odd n ≥ 3 (and n = 1 when λ = 2) in degree 1, for even n ≥ 2 (and n = 0 when ν = 2) in degree 0.
    static func oneLevelParityZero(_ parts: ArcCosineParts, totalDegree n: Int) -> Bool {
        if parts.degree == 1 { return n % 2 == 1 && (n >= 3 || parts.lambda == 2) }
        return n % 2 == 0 && (n >= 2 || parts.nu == 2)
    }

    /// The exact values where the route has them (nil entries elsewhere); locality zeros are exact 0.
    public func exactValues() throws -> [ExactReal?] {
        try indices.indices.map { i in
            if provenZero(indices[i]) { return ExactReal.zero }
            if route != .exact, let linear = oneLevelLinear(indices[i]) { return ExactReal(linear) }
            return try forms?[i]?.exact()
        }
    }

    /// One level of the arc-cosine family of degree 1 at total degree 1 (k = e_j): the field kernel's odd part is linear,
    /// c·u with c = 1 − λ/2 (NNGP) or 2 − λ (NTK, k + u·k̇; `oneLevelParityZero`), and E[u t_j] = E[t_j²]/q = 1/(ζq) for the
    /// field's mean u of q pixels, so λ_k = c/(ζqR); nil otherwise. (The exact route's closed forms give the same.)
    func oneLevelLinear(_ k: [Int]) -> Rational? {
        guard architecture.levels == 1, let parts = activation.arcCosineParts, parts.degree == 1, k.reduce(0, +) == 1,
              architecture.restricted(k) != nil else { return nil }
        let c = kind == .nngp ? 1 - parts.lambda / 2 : 2 - parts.lambda
        return c / Rational(architecture.channels * architecture.receptiveField * architecture.readouts)
    }

    /// The closed forms of the exact route, nil entries for locality zeros.
    static func closedForms(_ indices: [[Int]], activation: Activation, architecture: ConvolutionalArchitecture,
                            kind: KernelKind) throws -> [ArcCosineClosedForm?] {
        guard let parts = activation.arcCosineParts else { throw PrismError.domain("the exact route serves the arc-cosine family, not \(activation.name)") }
        var cache: [[Int]: ArcCosineClosedForm] = [:]
        return try indices.map { k -> ArcCosineClosedForm? in
            guard let κ = architecture.restricted(k) else { return nil }
            // One level: the kernel is symmetric in the field's pixels.
            let key = κ.sorted()
            if let hit = cache[key] { return hit }
            let form = try ArcCosineClosedForm(parts: parts, kind: kind, degrees: key, channels: architecture.channels, readouts: architecture.readouts)
            cache[key] = form
            return form
        }
    }

    /// Enclosures of every λ_k at working precision p (exact zeros as [0, 0]); with `only`, the
    /// other rows are left [0, 0] without being computed.
    public func enclosures(precision p: Int, only: Set<Int>? = nil) throws -> [Interval] {
        do { return try pass(precision: p, only: only) } catch let limit as FieldQuadrature.WorkLimit { throw PrismError.notCertified(limit.reason) }
    }

    /// Ziv's loop (`CertifiedValue.certifyAll`) over `body`, stopped at the first pass that reaches a work limit of the
    /// field quadrature: a pass at higher precision would need more boxes or evaluations still.
    func certify(count: Int, digits D: Int, _ body: (Int) throws -> [Interval]) throws -> [CertifiedValue] {
        do {
            return try CertifiedValue.certifyAll(count: count, digits: D, startPrecision: startPrecision(digits: D), precisionCap: precisionCap(digits: D),
                                                 enclosures: body)
        } catch let limit as FieldQuadrature.WorkLimit {
            throw PrismError.notCertified("\(D) digits not decided: \(limit.reason); more precision needs more")
        }
    }

    /// Ziv's first precision for D digits (`CertifiedValue.certifyAll`'s default).
    func startPrecision(digits D: Int) -> Int { CertifiedValue.bits(forDigits: D) + 32 }

    /// The least accuracy 2^{−floor} worth a pass of a route that cannot reach 2^{−p} (`TopSeries`) inside Ziv's loop for D digits:
    /// after the first pass the previous pass's accuracy p/2 (less gives nothing new), on the first the bits of the digits and the
    /// binary64 (less decides nothing).
    func bestEffortFloor(precision p: Int, digits D: Int) -> Int {
        p > startPrecision(digits: D) ? p / 2 : Swift.max(CertifiedValue.bits(forDigits: D), 56)
    }

    /// `enclosures`, with the field quadrature's work limits as `FieldQuadrature.WorkLimit`; `bestEffortFloor` as `TopSeries` takes it.
    func pass(precision p: Int, only: Set<Int>? = nil, bestEffortFloor: Int? = nil) throws -> [Interval] {
        switch route {
        case .exact:
            return try (forms ?? []).enumerated().map { i, form in
                guard let form, !form.isZero, only?.contains(i) ?? true else { return Interval(0, precision: p) }
                return try form.enclosure(precision: p)
            }
        case .series, .fieldQuadrature, .meanSeries, .topSeries, .theta:
            let live = indices.indices.filter { !provenZero(indices[$0]) && (only?.contains($0) ?? true) }
            let restricted = live.compactMap { architecture.restricted(indices[$0]) }
            let values: [Interval]
            switch route {
            case .series:
                values = try ConvolutionalSeries(architecture: architecture, activation: activation, kind: kind).eigenvalues(restricted, precision: p)
            case .meanSeries:
                values = restricted.isEmpty ? [] : try MeanSeries(architecture: architecture, activation: activation, kind: kind).eigenvalues(restricted, precision: p)
            case .topSeries:
                values = restricted.isEmpty ? [] : try TopSeries(architecture: architecture, activation: activation, kind: kind, cache: topSeriesMoments)
                    .eigenvalues(restricted, precision: p, bestEffortFloor: bestEffortFloor)
            case .fieldQuadrature:
                guard let parts = activation.arcCosineParts else { throw PrismError.domain("the field quadrature serves the arc-cosine family") }
                values = restricted.isEmpty ? [] : try FieldQuadrature(architecture: architecture, parts: parts, kind: kind).eigenvalues(restricted, precision: p)
            default:
                values = try oneSphereEigenvalues(restricted, precision: p)
            }
            var out = [Interval](repeating: Interval(0, precision: p), count: indices.count)
            for (i, v) in zip(live, values) { out[i] = v }
            return out
        }
    }

    /// One-pixel fields: λ_k = μ_{k_j}(depth-L kernel on S^{ζ−1})/R for k supported on pixel j.
    func oneSphereEigenvalues(_ restricted: [[Int]], precision p: Int) throws -> [Interval] {
        guard let top = restricted.map({ $0[0] }).max() else { return [] }
        let model = try KernelModel(activation: activation, kind: kind, depth: architecture.levels)
        let mu = try ThetaSpectrum(model: model, dimension: architecture.channels, maxDegree: top).eigenvalues(precision: p + 4)
        let R = Interval(architecture.readouts, precision: p + 4)
        return try restricted.map { try mu[$0[0]].dividing(by: R) }
    }

    /// λ_k certified to D significant digits: exact rows print their exact form.
    public func certified(digits D: Int) throws -> [CertifiedValue] {
        let exact = try exactValues()
        let open = exact.indices.filter { exact[$0] == nil }
        var values = [CertifiedValue?](repeating: nil, count: indices.count)
        if !open.isEmpty {
            let certified = try certify(count: open.count, digits: D) { p in
                let all = try pass(precision: p, only: Set(open), bestEffortFloor: bestEffortFloor(precision: p, digits: D))
                return open.map { all[$0] }
            }
            for (i, v) in zip(open, certified) { values[i] = v }
        }
        for (i, e) in exact.enumerated() { if let e { values[i] = try CertifiedValue(exact: e, digits: D) } }
        return try values.enumerated().map { i, v in
            guard let v else { throw PrismError.notCertified("row \(i) was left uncertified") }
            return v
        }
    }

    /// Ziv's loop stops after four doublings of the starting precision: the series route's work grows
    /// like the cube of its order, and a kernel whose series decays slowly (a non-smooth activation
    /// such as elu) is better reported as not certifiable than computed for hours.
    func precisionCap(digits D: Int) -> Int { 16 * (CertifiedValue.bits(forDigits: D) + 32) }

    /// K(1, …, 1) = Σ over all multi-indices of mult·λ (Mercer with the addition theorem): 1 for the
    /// NNGP; θ_L (θ_0 = 1, θ_ℓ = 1 + c θ_{ℓ−1}, c = k̇(1) = E[σ'²]/E[σ²]) for the NTK.
    /// Error contract: exact for the arc-cosine family (c = 1, θ_L = L + 1), otherwise an enclosure.
    public func diagonal(precision p: Int) throws -> Interval {
        if kind == .nngp { return Interval(1, precision: p) }
        let c: Interval
        if activation.arcCosineParts != nil {
            // Degree 1: k̇(1) = 1 − λ·arccos(1)/π = 1 (degree 0 has no NTK).
            c = Interval(1, precision: p)
        } else {
            c = try DeepKernel(activation: activation, depth: 1, order: 1).series(precision: p).layers[0].valueAtOne
        }
        var theta = Interval(1, precision: p)
        for _ in 0..<architecture.levels { theta = Interval(1, precision: p) + c * theta }
        return theta
    }

    /// The sum rule: Σ_k mult_k λ_k over the computed indices, K(1…1), and the gap K(1…1) − Σ,
    /// each certified to D digits. Since every λ_k ≥ 0 (the kernel is positive definite) the gap is
    /// ≥ 0; a negative lower end would refute the computation.
    public func sumRule(digits D: Int) throws -> (partial: CertifiedValue, total: CertifiedValue, gap: CertifiedValue) {
        let mult = try multiplicities()
        let values = try certify(count: 3, digits: D) { p in
            let lambda = try pass(precision: p, bestEffortFloor: bestEffortFloor(precision: p, digits: D))
            var sum = Interval(0, precision: p)
            for (l, m) in zip(lambda, mult) where !l.isExactZero { sum = sum + l * Interval(Rational(m), precision: p) }
            let total = try diagonal(precision: p)
            return [sum, total, total - sum]
        }
        return (values[0], values[1], values[2])
    }
}
