import ArgumentParser
import PrismNumbers
import PrismBases
import PrismActivations
import PrismKernels
import PrismLearning
import PrismTables

/// `prism spectrum … --effective-dimension [--residual-after L]` (Docs/conventions.md §14): one extra row
/// `{"index": "d_eff", …}`, certified from the sum rules f(1) = Σ N μ and E_t[f²] = Σ N μ² over every
/// degree (`SphereKernel.effectiveDimension`), not from the printed degrees.
struct EffectiveDimensionOptions: ParsableArguments {
    @Flag(name: .customLong("effective-dimension"), help: "Add the row d_eff = f(1)²/E_t[f²] (all degrees, from the sum rules).")
    var enabled = false
    @Option(name: .customLong("residual-after"), parsing: .unconditional, help: "With --effective-dimension: d_eff of the degrees k > L only.")
    var residualAfter: Int?

    func validate() throws {
        if residualAfter != nil, !enabled { throw ValidationError("--residual-after needs --effective-dimension") }
    }

    func appending(to report: Report, model: KernelModel, dimension d: Int, digits D: Int) throws -> Report {
        guard enabled else { return report }
        let L = residualAfter
        let value: CertifiedValue
        do {
            if let exact = try SphereKernel.arcCosineSums(model, dimension: d, residualAfter: L) {
                // The arc-cosine family at depth 1: both sums exact (`ArcCosineSpectrum.sumRules`).
                guard !exact.second.isZero else { throw PrismError.domain("the spectrum has no mass beyond degree \(L ?? -1): the effective dimension is undefined") }
                value = try CertifiedValue(digits: D, precisionCap: 4096) { p in
                    let first = try exact.first.enclosure(precision: p)
                    return try (first * first).dividing(by: try exact.second.enclosure(precision: p))
                }
            } else if model.activation?.arcCosineParts != nil {
                // Deeper arc-cosine kernels, or §9's variances: both sums by θ quadrature (`ThetaSpectrum.sumRules`),
                // the eigenvalues below L by the θ route too.
                let theta = try ThetaSpectrum(model: model, dimension: d, maxDegree: L ?? 0)
                value = try CertifiedValue(digits: D, precisionCap: 4096) { p in
                    var (s1, s2) = try theta.sumRules(precision: p + 16)
                    if let L {
                        for (k, m) in try theta.eigenvalues(precision: p + 16).enumerated() where k <= L {
                            let n = Interval(Rational(try Sphere.multiplicity(dimension: d, degree: k)), precision: p + 16)
                            (s1, s2) = (s1 - n * m, s2 - n * m * m)
                        }
                    }
                    guard s2.lower.signum > 0 else {
                        if s2.isExactZero { throw PrismError.domain("the spectrum has no mass beyond degree \(L ?? -1): the effective dimension is undefined") }
                        throw PrismError.notCertified("E_t[f²] − Σ N μ² not separated from 0")
                    }
                    return try (s1 * s1).dividing(by: s2)
                }
            } else {
                value = try CertifiedValue(digits: D, precisionCap: 2048) { p in
                    try SphereKernel.model(model, dimension: d, maxDegree: L ?? 0, precision: p).effectiveDimension(residualAfter: L)
                }
            }
        } catch PrismError.notCertified(let why) {
            // The usual cause: E_t[f²] is known only up to the series' tail τ₂·E|t|^{M+1} (Docs/learning-curves.md).
            throw PrismError.notCertified("\(why): d_eff needs E_t[f²] to binary64 accuracy, and its series tail τ₂·E|t|^(M+1) shrinks only polynomially in the order M (≤ \(DeepKernel.maxOrder)) for kernels whose coefficients decay polynomially, such as the ReLU family (Docs/learning-curves.md, Effective dimension)")
        }
        var out = report
        out.parameters.append(("effective_dimension", .string(L.map { "residual after degree \($0), from the sum rules" } ?? "all degrees, from the sum rules")))
        out.rows.append(ReportRow(index: .string("d_eff"), value: value, extra: report.rows.first?.extra.map { ($0.0, JSONValue.null) } ?? []))
        return out
    }
}
