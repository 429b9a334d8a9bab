import PrismNumbers
import PrismBases
import PrismActivations
import PrismKernels

/// The orthogonal polynomial families of `prism poly` (CONVENTIONS §2–3).
public enum PolynomialFamily: String, CaseIterable, Sendable {
    case hermiteHe = "hermite-he"
    case hermiteH = "hermite-h"
    case gegenbauer, legendre, chebyshev
}

extension CertifiedReports {
    /// The most significant digits one report may print (rows × digits), checked before any work:
    /// `connection --max-degree 400 --digits 10000` (80 601 rows, 3·10^9 characters) is refused at once.
    public static let maxPrintedDigits = 10_000_000

    /// Error contract: `PrismError.limitExceeded` when rows × digits exceeds `maxPrintedDigits`.
    public static func checkOutputSize(rows: Int, digits: Int) throws {
        let (total, overflow) = rows.multipliedReportingOverflow(by: Swift.max(digits, 1))
        guard !overflow, total <= maxPrintedDigits else {
            throw PrismError.limitExceeded("\(rows) rows × \(digits) digits exceeds the output limit of \(maxPrintedDigits) digits; ask for fewer rows or digits")
        }
    }

    /// The Taylor coefficients σ^{(k)}(0)/k!, k = 0…N, exact (`prism taylor --coefficients`).
    /// Error contract: as `taylor` (σ not analytic at 0, order over `Activation.maxTaylorOrder`: `PrismError`).
    public static func taylorCoefficients(_ sigma: Activation, order: Int, digits: Int) throws -> Report {
        if order >= 0 { try checkOutputSize(rows: order + 1, digits: digits) }
        var factorial = BigInt(1)
        let rows = try sigma.taylorDerivatives(order: order).enumerated().map { k, derivative in
            if k > 0 { factorial = factorial.multiplied(by: k) }
            return ReportRow(index: .int(k), value: try CertifiedValue(exact: try derivative * ExactReal(1 / Rational(factorial)), digits: digits))
        }
        return Report(command: "taylor",
                      parameters: [("activation", .string(sigma.name)), ("order", .int(order)), ("coefficients", .bool(true)), ("digits", .int(digits))],
                      conventions: "taylor-coefficients-at-0", rows: rows)
    }

    /// The certified value of a constant expression (`prism eval`): exact when the expression has an
    /// exact value (1/3+1/6, sqrt(8), sin(pi/6)), otherwise certified to `digits` digits by Ziv's loop.
    /// Error contract: `PrismError.parse` for malformed text, `.domain`/`.divisionByZero` for values
    /// outside the domain, `.notCertified` when the enclosures cannot decide the digits or a computation
    /// limit (an exponent too large for the arithmetic) stops them.
    public static func eval(_ expression: String, digits: Int) throws -> Report {
        let parsed = try ExpressionParser().parse(expression)
        let value: CertifiedValue
        let exact: ExactReal?
        do {
            exact = try parsed.exactValue()
        } catch PrismError.limitExceeded {
            exact = nil // too large to hold exactly, e.g. (1+1/10^19)^(10^19): enclosures decide the digits
        }
        if let exact {
            value = try CertifiedValue(exact: exact, digits: digits)
        } else {
            do {
                value = try CertifiedValue(digits: digits) { try parsed.enclosure(precision: $0) }
            } catch PrismError.limitExceeded(let why) where exact == nil {
                // A valid expression whose evaluation exceeds a computation limit: not certifiable (exit 1).
                throw PrismError.notCertified("a computation limit was reached (\(why))")
            }
        }
        return Report(command: "eval", parameters: [("expression", .string(expression)), ("digits", .int(digits))],
                      conventions: "certified-decimal", rows: [ReportRow(index: .int(0), value: value)])
    }

    /// The exact monomial coefficients k = 0…N of an orthogonal polynomial (`prism poly`): He_N, H_N,
    /// C_N^(λ) (needs `lambda`, λ > −1/2, λ ≠ 0), P_N^(d) (needs `dimension` d ≥ 2), T_N.
    /// Error contract: `PrismError.domain` when the family's parameter is missing or out of range,
    /// `.limitExceeded` over the degree limits of `Hermite` and `Gegenbauer`.
    public static func poly(_ family: PolynomialFamily, degree: Int, dimension: Int? = nil, lambda: Rational? = nil,
                            digits: Int) throws -> Report {
        var parameters: [(String, JSONValue)] = [("family", .string(family.rawValue)), ("degree", .int(degree))]
        let coefficients: [Rational]
        let conventions: String
        switch family {
        case .hermiteHe:
            coefficients = try Hermite.probabilistsCoefficients(degree).map { Rational($0) }
            conventions = "hermite-probabilists"
        case .hermiteH:
            coefficients = try Hermite.physicistsCoefficients(degree).map { Rational($0) }
            conventions = "hermite-physicists"
        case .gegenbauer:
            guard let lambda else { throw PrismError.domain("gegenbauer needs --lambda (a rational > −1/2, ≠ 0)") }
            coefficients = try Gegenbauer.coefficients(degree, lambda: lambda)
            parameters.append(("lambda", .string(lambda.description)))
            conventions = "gegenbauer-C"
        case .legendre:
            guard let dimension else { throw PrismError.domain("legendre needs --dim (the sphere dimension d ≥ 2)") }
            coefficients = try Gegenbauer.legendreCoefficients(degree, dimension: dimension)
            parameters.append(("dim", .int(dimension)))
            conventions = "legendre-dimension-d"
        case .chebyshev:
            coefficients = try Gegenbauer.legendreCoefficients(degree, dimension: 2)
            conventions = "chebyshev-T"
        }
        parameters.append(("digits", .int(digits)))
        let rows = try coefficients.enumerated().map { k, c in
            ReportRow(index: .int(k), value: try CertifiedValue(exact: ExactReal(c), digits: digits))
        }
        return Report(command: "poly", parameters: parameters, conventions: conventions, rows: rows)
    }

    /// Per degree k ≤ K and layer ℓ ≤ L, the NTK eigenvalue μ_k(κ_ℓ) of layer ℓ's part
    /// κ_ℓ = Σ^(ℓ) Π_{j>ℓ} Σ̇^(j) (CONVENTIONS §5) and its ratio to the readout layer's (`prism layers`):
    /// one row per (k, ℓ) with fields `layer` and `ratio` (null where μ_k(κ_L) is proven 0).
    /// Error contract: as `KernelSpectrum` (bad dimension, degree or depth: `PrismError.domain` or
    /// `.limitExceeded`); `.notCertified` when the enclosures cannot decide the digits.
    public static func layers(_ sigma: Activation, dimension: Int, degree K: Int, depth L: Int = 1, digits D: Int) throws -> Report {
        try layers(model: KernelModel(activation: sigma, kind: .ntk, depth: L), dimension: dimension, degree: K, digits: D)
    }

    /// `prism layers` for an activation's NTK, normalized or with §9's variances; the `route` parameter names
    /// what certified the values (exact routes print exact per-layer eigenvalues and ratios).
    public static func layers(model: KernelModel, dimension: Int, degree K: Int, digits D: Int) throws -> Report {
        let L = model.depth
        let table = try layerValues(model: model, dimension: dimension, degree: K, digits: D)
        var rows: [ReportRow] = []
        for k in 0...K {
            for l in 0...L {
                let ratio: JSONValue = table.ratios[k][l].map { .string($0.value) } ?? .null
                rows.append(ReportRow(index: .int(k), value: table.eigenvalues[k][l], extra: [("layer", .int(l)), ("ratio", ratio)]))
            }
        }
        return Report(command: "layers",
                      parameters: modelParameters(model, dimension: dimension) + [("degree", .int(K)), ("depth", .int(L)),
                                   ("digits", .int(D)), ("route", .string(table.route))],
                      conventions: model.variances == nil ? "ntk-layerwise-eigenvalues" : "ntk-layerwise-eigenvalues-general-variance", rows: rows)
    }

    /// Per degree k and layer ℓ: μ_k(κ_ℓ) and the ratio μ_k(κ_ℓ)/μ_k(κ_L) (nil where μ_k(κ_L) is
    /// proven 0), certified together to `digits` digits (`prism layers` and `prism plot layers`).
    /// Error contract: as `layers`.
    public static func layerValues(_ sigma: Activation, dimension: Int, degree K: Int, depth L: Int,
                                   digits D: Int) throws -> (eigenvalues: [[CertifiedValue]], ratios: [[CertifiedValue?]]) {
        let table = try layerValues(model: KernelModel(activation: sigma, kind: .ntk, depth: L), dimension: dimension, degree: K, digits: D)
        return (table.eigenvalues, table.ratios)
    }

    public static func layerValues(model: KernelModel, dimension: Int, degree K: Int, digits D: Int) throws
        -> (eigenvalues: [[CertifiedValue]], ratios: [[CertifiedValue?]], route: String) {
        guard model.kind == .ntk else { throw PrismError.domain("layers are the NTK's parts") }
        let spectrum = try KernelSpectrum(model: model, dimension: dimension, maxDegree: K)
        let table = try spectrum.certifiedLayers(digits: D)
        return (table.eigenvalues, table.ratios, spectrum.route)
    }
}
