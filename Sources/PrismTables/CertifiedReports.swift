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
            ReportRow(index: .int(k), value: v, extra: [("multiplicity", .string(multiplicities[k].description))])
        }
        return Report(command: "spectrum",
                      parameters: [("activation", .string(sigma.name)), ("dim", .int(dimension)), ("degree", .int(degree)),
                                   ("kernel", .string(kind.rawValue)), ("depth", .int(depth)), ("digits", .int(digits)),
                                   ("route", .string(spectrum.route))],
                      conventions: "funk-hecke-eigenvalues-normalized-\(kind.rawValue)", rows: rows)
    }
}
