import PrismNumbers
import PrismActivations

/// Weight and bias variances and the squared input norm of CONVENTIONS §9 (neural-tangents'
/// `Dense(W_std = σ_w, b_std = σ_b)` in the NTK parameterization).
public struct KernelVariances: Sendable, Equatable {
    /// σ_w² > 0.
    public let weight: Rational
    /// σ_b² ≥ 0.
    public let bias: Rational
    /// q = ‖x‖² = ‖x'‖² > 0; nil means q = d (coordinates of unit mean square).
    public let norm2: Rational?

    public init(weight: Rational = 1, bias: Rational = 0, norm2: Rational? = nil) throws {
        guard weight.signum > 0 else { throw PrismError.domain("weight variance must be > 0, got \(weight)") }
        guard bias.signum >= 0 else { throw PrismError.domain("bias variance must be ≥ 0, got \(bias)") }
        if let q = norm2, q.signum <= 0 { throw PrismError.domain("norm2 (‖x‖²) must be > 0, got \(q)") }
        for (name, v) in [("weight variance", weight), ("bias variance", bias), ("norm2", norm2 ?? 1)] where v.bitSize > 256 {
            throw PrismError.limitExceeded("\(name) with more than 256 bits")
        }
        self.weight = weight
        self.bias = bias
        self.norm2 = norm2
    }

    /// q for inputs on the sphere of S^{d−1} scaled to ‖x‖² = q.
    public func norm2(dimension d: Int) -> Rational { norm2 ?? Rational(d) }
}

/// A dot-product kernel k(x, y) = f(⟨x, y⟩) on S^{d−1}, f an expression in t (CONVENTIONS §10).
public struct DotProductFunction: Sendable, Equatable {
    public let expression: RealExpression
    public let text: String

    static let parser: ExpressionParser = {
        var functions = ExpressionParser.realFunctionArities
        for name in Activation.catalogueNames where name != "monomial" { functions[name] = 1 }
        return ExpressionParser(functions: functions, variables: ["t"])
    }()

    /// Parses f(t), e.g. `exp(2*t)`, `1/(2-t)`, `exp(-sqrt(2-2*t))`.
    public init(parsing text: String) throws {
        let trimmed = String(text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
        guard !trimmed.isEmpty else { throw PrismError.parse(message: "empty dot-product function (an expression in t)", position: 1) }
        expression = try DotProductFunction.parser.parse(trimmed)
        self.text = trimmed
    }
}

/// What a kernel is a function of: an activation's NNGP/NTK, or a given function of ⟨x, y⟩.
public enum KernelFunction: Sendable, Equatable {
    case activation(Activation)
    case dotProduct(DotProductFunction)
}

/// One value that describes a kernel on the sphere: the activation (or dot-product function), NNGP or
/// NTK, the depth L, and either §9's variances or the normalized preset of §5 (`variances == nil`).
/// Every spectrum route (`SpectrumRoute`) reads it; the dispatcher picks the route.
public struct KernelModel: Sendable, Equatable {
    public let function: KernelFunction
    public let kind: KernelKind
    public let depth: Int
    /// nil: the normalized kernels of CONVENTIONS §5 (Σ^(ℓ)(x, x) = 1 at every layer).
    public let variances: KernelVariances?

    public init(activation: Activation, kind: KernelKind = .nngp, depth L: Int = 1, variances: KernelVariances? = nil) throws {
        guard L >= 1, L <= DeepKernel.maxDepth else { throw PrismError.limitExceeded("depth \(L) (range 1...\(DeepKernel.maxDepth))") }
        if kind == .ntk { _ = try activation.derivative() } // step/sign: σ' is a Dirac delta, no NTK
        function = .activation(activation)
        self.kind = kind
        depth = L
        self.variances = variances
    }

    /// The kernel f(⟨x, y⟩) itself (no kind, depth or variances).
    public init(dotProduct f: DotProductFunction) {
        function = .dotProduct(f)
        kind = .nngp
        depth = 1
        variances = nil
    }

    public var activation: Activation? {
        if case .activation(let a) = function { return a }
        return nil
    }

    /// The activation's or the function's name as the user wrote it.
    public var name: String {
        switch function {
        case .activation(let a): return a.name
        case .dotProduct(let f): return f.text
        }
    }

    /// Whether the bias variance is zero (then σ's symmetry proves the same zeros as in §5).
    var biasFree: Bool { variances.map { $0.bias.isZero } ?? true }
}

/// The layer constants of an arc-cosine-family kernel (CONVENTIONS §5, §9), all rational: with
/// ρ_ℓ = Σ^(ℓ)/q_ℓ the correlation at layer ℓ,
///
///     ρ_1 = a_0 t + (1 − a_0),   ρ_{ℓ+1} = a_ℓ k(ρ_ℓ) + (1 − a_ℓ),   Σ^(ℓ) = q_ℓ ρ_ℓ,   Σ̇^(ℓ+1) = c·k̇(ρ_ℓ),
///
/// k, k̇ the normalized duals (`ArcCosineParts`). From §9: A = σ_w² q/d, q_1 = A + σ_b², a_0 = A/q_1;
/// e_ℓ = σ_w² (S/2) q_ℓ^h (h the degree of homogeneity), q_{ℓ+1} = e_ℓ + σ_b², a_ℓ = e_ℓ/q_{ℓ+1};
/// c = σ_w² S/2. The normalized preset is a_ℓ = 1, q_ℓ = 1, c = 1.
struct ArcCosineLayers: Sendable {
    let parts: ArcCosineParts
    /// a_0 … a_L.
    let contraction: [Rational]
    /// q_1 … q_{L+1} (index ℓ − 1).
    let variance: [Rational]
    /// c in Σ̇^(ℓ+1) = c·k̇(ρ_ℓ).
    let derivativeScale: Rational

    init(parts: ArcCosineParts, depth L: Int, variances: KernelVariances?, dimension d: Int) throws {
        self.parts = parts
        guard let v = variances else {
            contraction = Array(repeating: 1, count: L + 1)
            variance = Array(repeating: 1, count: L + 1)
            derivativeScale = 1
            return
        }
        let A = v.weight * v.norm2(dimension: d) / Rational(d)
        var q = A + v.bias
        var a = [A / q]
        var qs = [q]
        for _ in 1...L {
            let e = v.weight * parts.secondMoment * (parts.degree == 1 ? q : 1)
            q = e + v.bias
            a.append(e / q)
            qs.append(q)
        }
        contraction = a
        variance = qs
        derivativeScale = v.weight * parts.secondMoment
    }

    /// Whether the input map is the identity (no bias): then t = cos θ is the first layer's correlation.
    var inputIsIdentity: Bool { contraction[0] == 1 }
}
