import PrismNumbers
import PrismBases
import PrismActivations
import PrismKernels

/// The certified reports behind `prism taylor | hermite | kernel | connection | spectrum`, as library
/// calls: the CLI prints them and `prism table` writes them, so a table file and the command named in
/// its header are the same bytes (`--format json`).
public enum CertifiedReports {
    /// σ^{(k)}(0), k = 0…N, exact (Docs/conventions.md §7; `prism taylor`).
    public static func taylor(_ sigma: Activation, order: Int, digits: Int) throws -> Report {
        if order >= 0 { try checkOutputSize(rows: order + 1, digits: digits) }
        let derivatives = try sigma.taylorDerivatives(order: order)
        let rows = try derivatives.enumerated().map { k, value in
            ReportRow(index: .int(k), value: try CertifiedValue(exact: value, digits: digits))
        }
        return Report(command: "taylor",
                      parameters: [("activation", .string(sigma.name)), ("order", .int(order)), ("digits", .int(digits))],
                      conventions: "taylor-derivatives-at-0", rows: rows)
    }

    /// b_n(σ; s) (or a_n, or the physicists' p_n), n = 0…N (Docs/conventions.md §2; `prism hermite`).
    public static func hermite(_ sigma: Activation, degree: Int, scale: Rational = 1, basis: HermiteBasis = .normalized,
                               digits: Int) throws -> Report {
        let coefficients = try HermiteCoefficients(activation: sigma, scale: scale, degree: degree, basis: basis)
        try checkOutputSize(rows: degree + 1, digits: digits)
        let rows = try coefficients.certified(digits: digits).enumerated().map { ReportRow(index: .int($0), value: $1) }
        return Report(command: "hermite",
                      parameters: [("activation", .string(sigma.name)), ("degree", .int(degree)), ("scale", .string(scale.description)),
                                   ("basis", .string(basis.rawValue)), ("digits", .int(digits)), ("route", .string(coefficients.route))],
                      conventions: "hermite-\(basis.rawValue)", rows: rows)
    }

    /// The series `prism kernel` prints: level coefficients c_ℓ, or a dual-activation series.
    public enum KernelSeriesKind: String, CaseIterable, Sendable {
        case level, dual
        case dualDerivative = "dual-derivative"
        case ntkFirstLayer = "ntk-first-layer"
    }

    /// Level coefficients c_ℓ (Docs/conventions.md §4) or the ρⁿ coefficients of ψ0, ψ1, ρψ1 (`prism kernel`).
    public static func kernel(_ sigma: Activation, degree: Int, alpha: Rational = 1, dimension: Int = 1, radius: Rational = 1,
                              expansion: LevelExpansion = .sphere, series: KernelSeriesKind = .level, digits: Int) throws -> Report {
        let values: [CertifiedValue]
        let conventions: String
        switch series {
        case .level:
            let c = try LevelCoefficients(activation: sigma, degree: degree, alpha: alpha, dimension: dimension, radius: radius, expansion: expansion)
            values = try c.certified(digits: digits)
            conventions = "nngp-level-\(expansion.rawValue)"
        case .dual, .dualDerivative, .ntkFirstLayer:
            let kind: DualSeries = series == .dual ? .dual : (series == .dualDerivative ? .dualDerivative : .firstLayer)
            values = try DualCoefficients(activation: sigma, series: kind, degree: degree).certified(digits: digits)
            conventions = "dual-\(kind.rawValue)"
        }
        let rows = values.enumerated().map { ReportRow(index: .int($0), value: $1) }
        return Report(command: "kernel",
                      parameters: [("activation", .string(sigma.name)), ("degree", .int(degree)), ("alpha", .string(alpha.description)),
                                   ("dim", .int(dimension)), ("radius", .string(radius.description)), ("expansion", .string(expansion.rawValue)),
                                   ("series", .string(series.rawValue)), ("digits", .int(digits))],
                      conventions: conventions, rows: rows)
    }

    /// β_l^m(d), 0 ≤ l ≤ m ≤ M, rows indexed by (m, l) (Docs/conventions.md §3; `prism connection`).
    public static func connection(dimension: Int, maxDegree: Int, digits: Int) throws -> Report {
        if maxDegree >= 0 { try checkOutputSize(rows: (maxDegree + 1) * (maxDegree + 2) / 2, digits: digits) }
        let table = try ConnectionCoefficients(dimension: dimension, maxDegree: maxDegree)
        var rows: [ReportRow] = []
        for m in 0...maxDegree {
            for l in 0...m {
                rows.append(ReportRow(index: .object([("m", .int(m)), ("l", .int(l))]),
                                      value: try CertifiedValue(exact: ExactReal(table[m, l]), digits: digits)))
            }
        }
        return Report(command: "connection",
                      parameters: [("dim", .int(dimension)), ("max_degree", .int(maxDegree)), ("digits", .int(digits))],
                      conventions: "connection-beta", rows: rows)
    }

    /// Funk–Hecke eigenvalues μ_k with multiplicities N(d,k) of the normalized deep kernels
    /// (Docs/conventions.md §3, §5; `prism spectrum`); the `route` parameter says what certified them.
    public static func spectrum(_ sigma: Activation, dimension: Int, degree: Int, kind: KernelKind = .nngp, depth: Int = 1,
                                digits: Int) throws -> Report {
        let spectrum = try KernelSpectrum(activation: sigma, dimension: dimension, maxDegree: degree, kind: kind, depth: depth)
        let values = try spectrum.certified(digits: digits)
        let multiplicities = try spectrum.multiplicities
        let rows = values.enumerated().map { k, v in
            ReportRow(index: .int(k), value: v, extra: [("multiplicity", .integer(multiplicities[k]))])
        }
        return Report(command: "spectrum",
                      parameters: [("activation", .string(sigma.name)), ("dim", .int(dimension)), ("degree", .int(degree)),
                                   ("kernel", .string(kind.rawValue)), ("depth", .int(depth)), ("digits", .int(digits)),
                                   ("route", .string(spectrum.route))],
                      conventions: "funk-hecke-eigenvalues-normalized-\(kind.rawValue)", rows: rows)
    }
}

extension CertifiedReports {
    /// The parameters naming a kernel model in a report: the normalized activation kernels keep today's
    /// (activation, dim, degree, kernel, depth), §9 adds the variances, a dot-product kernel names f.
    static func modelParameters(_ model: KernelModel, dimension: Int) -> [(String, JSONValue)] {
        switch model.function {
        case .dotProduct(let f):
            return [("dot_product", .string(f.text)), ("dim", .int(dimension))]
        case .activation(let sigma):
            var p: [(String, JSONValue)] = [("activation", .string(sigma.name)), ("dim", .int(dimension))]
            if let v = model.variances {
                p += [("weight_variance", .string(v.weight.description)), ("bias_variance", .string(v.bias.description)),
                      ("norm2", .string(v.norm2(dimension: dimension).description))]
            }
            return p
        }
    }

    /// `prism spectrum` for any kernel model (CONVENTIONS §5, §9, §10): μ_k with N(d,k), k = 0…K, and the
    /// route that certified them. The normalized activation kernels print exactly as before.
    public static func spectrum(model: KernelModel, dimension: Int, degree: Int, digits: Int) throws -> Report {
        if model.variances == nil, case .activation(let sigma) = model.function {
            return try spectrum(sigma, dimension: dimension, degree: degree, kind: model.kind, depth: model.depth, digits: digits)
        }
        let spectrum = try KernelSpectrum(model: model, dimension: dimension, maxDegree: degree)
        let values = try spectrum.certified(digits: digits)
        let multiplicities = try spectrum.multiplicities
        let rows = values.enumerated().map { k, v in
            ReportRow(index: .int(k), value: v, extra: [("multiplicity", .integer(multiplicities[k]))])
        }
        var parameters = modelParameters(model, dimension: dimension) + [("degree", .int(degree))]
        let conventions: String
        if case .dotProduct = model.function {
            conventions = "funk-hecke-eigenvalues-dot-product"
        } else {
            parameters += [("kernel", .string(model.kind.rawValue)), ("depth", .int(model.depth))]
            conventions = "funk-hecke-eigenvalues-general-variance-\(model.kind.rawValue)"
        }
        parameters += [("digits", .int(digits)), ("route", .string(spectrum.route))]
        return Report(command: "spectrum", parameters: parameters, conventions: conventions, rows: rows)
    }

    /// `prism dual`: E[σ(u)σ(v)] (or E[σ'(u)σ'(v)]) for (u, v) ~ N(0, [[q1, q12], [q12, q2]]), one row.
    public static func dual(_ sigma: Activation, q1: Rational, q2: Rational, q12: Rational, derivative: Bool, digits: Int) throws -> Report {
        let value = try GaussianDual(activation: sigma, q1: q1, q2: q2, q12: q12, derivative: derivative).certified(digits: digits)
        return Report(command: "dual",
                      parameters: [("activation", .string(sigma.name)), ("q1", .string(q1.description)), ("q2", .string(q2.description)),
                                   ("q12", .string(q12.description)), ("derivative", .bool(derivative)), ("digits", .int(digits))],
                      conventions: derivative ? "dual-derivative-gaussian" : "dual-gaussian", rows: [ReportRow(index: .int(0), value: value)])
    }
}

extension CertifiedReports {
    /// `prism kernel ACT --weight-variance W --bias-variance B …`: the coefficients f_m, m = 0…N, of the §9
    /// NNGP Σ^(L+1) (or NTK Θ^(L+1)) as a power series in the cosine t on the sphere ‖x‖² = q, enclosed by
    /// `KernelModel.cosineCoefficients` (also with a bias or at depth ≥ 2, where truncated compositions bound them
    /// only below); the series order grows with the precision until Ziv's loop decides every row.
    public static func kernelSeries(model: KernelModel, dimension d: Int, degree N: Int, digits D: Int) throws -> Report {
        guard case .activation = model.function, model.variances != nil else {
            throw PrismError.domain("kernelSeries needs an activation with general variances")
        }
        guard N >= 0, N <= DeepKernel.maxOrder else { throw PrismError.limitExceeded("degree \(N) (range 0...\(DeepKernel.maxOrder))") }
        guard d >= 1 else { throw PrismError.domain("dimension d must be ≥ 1, got \(d)") }
        let values = try CertifiedValue.certifyAll(count: N + 1, digits: D, startPrecision: CertifiedValue.bits(forDigits: D) + 32,
                                                   precisionCap: 2048) { p in
            try model.cosineCoefficients(through: N, order: Swift.min(DeepKernel.maxOrder, Swift.max(N + 4, 2 * p)), dimension: d, precision: p)
        }
        let rows = values.enumerated().map { ReportRow(index: .int($0), value: $1) }
        return Report(command: "kernel",
                      parameters: modelParameters(model, dimension: d) + [("degree", .int(N)), ("kernel", .string(model.kind.rawValue)),
                                                                           ("depth", .int(model.depth)), ("digits", .int(D))],
                      conventions: "general-variance-series-in-cosine-\(model.kind.rawValue)", rows: rows)
    }
}
