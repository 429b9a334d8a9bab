import ArgumentParser
import PrismNumbers
import PrismKernels
import PrismLearning
import PrismTables

struct HEACommand: PrismSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "hea",
        abstract: "The Hermite eigenstructure ansatz on N(0, diag γ): the M largest eigenvalues c_|α| Π γ_i^α_i.",
        discussion: """
        Docs/conventions.md §12: K(q,q,t) = Σ c_ℓ t^ℓ/ℓ! with q = Σγ and t = ⟨x,x'⟩. KERNEL is an activation (its normalized \
        NNGP/NTK, --kernel, --depth) or rbf:W2, exp:W2, laplace:W. --gamma g1,g2,… or powerlaw:D,A (γ_i ∝ i^-A, Σγ = 1). \
        Rows: rank, the multi-index alpha, its degree; rows tied with the M-th eigenvalue are listed too (field \
        boundary). A kernel whose c_ℓ γ_max^ℓ stops decreasing has no M largest eigenvalues: exit 1 unless \
        --max-degree L restricts the list to degrees ≤ L (the parameter summability then says what holds). \
        --exact (rbf, exp) adds the exact eigenvalue of the same eigenfunction and the ratio ansatz/exact; \
        --traces prints per degree ℓ ≤ L (default 10) the level trace c_ℓ h_ℓ(γ), c_ℓ and c_ℓ γ_max^ℓ instead.
        """
    )

    @Argument(help: "The kernel: an activation, rbf:W2, exp:W2 or laplace:W.") var kernelName: String
    @Option(parsing: .unconditional, help: "γ_1,…,γ_D (positive rationals) or powerlaw:D,A.") var gamma: String
    @Option(parsing: .unconditional, help: "The number M of largest eigenvalues.") var modes: Int = 10
    @Option(parsing: .unconditional, help: "nngp | ntk (activations)") var kernel: KernelKind = .nngp
    @Option(parsing: .unconditional, help: "Number of hidden layers L ≥ 1 (activations).") var depth: Int = 1
    @Option(name: .customLong("max-degree"), parsing: .unconditional, help: "Only degrees |α| ≤ L (required when the ansatz is not summable).") var maxDegree: Int?
    @OptionGroup var variances: LearningVarianceOptions
    @Flag(help: "Add the exact eigenvalues (rbf, exp) and the ratio ansatz/exact.") var exact = false
    @Flag(help: "Print the level traces c_ℓ h_ℓ(γ) per degree instead of the eigenvalues.") var traces = false
    @OptionGroup var options: OutputOptions

    func output() throws -> String {
        let covariance = try DataCovariance(parsing: gamma)
        let k = try HEAKernel(parsing: kernelName, kind: kernel, depth: depth, variances: try variances.variances(norm2: covariance.sum),
                              dimension: covariance.count)
        let D = options.digits
        var parameters: [(String, JSONValue)] = [("kernel", .string(k.name))]
        if case .activation = k { parameters += [("kernel_kind", .string(kernel.rawValue)), ("depth", .int(depth))] + variances.parameters }
        parameters += [("gamma", .string(gamma)), ("q", .string(covariance.sum.description))]
        if traces {
            let L = maxDegree ?? 10
            let spectrum = try HEASpectrum(kernel: k, covariance: covariance, modes: 1, maxDegree: L)
            let values = try CertifiedValue.certifyAll(count: 3 * (L + 1), digits: D, precisionCap: 1024) { p in
                try spectrum.levelTraces(maxLevel: L, precision: p).flatMap { [$0.trace, $0.c, $0.largest] }
            }
            let rows = (0...L).map { l in
                ReportRow(index: .int(l), value: values[3 * l], extra: [("c", .string(values[3 * l + 1].value)), ("largest", .string(values[3 * l + 2].value))])
            }
            return try options.render(Report(command: "hea", parameters: parameters + [("traces", .bool(true)), ("max_degree", .int(L)), ("digits", .int(D))],
                                         conventions: "hea-level-traces", rows: rows))
        }
        if exact { _ = try MehlerEigenvalues(kernel: k, covariance: covariance, precision: 64) }
        let spectrum = try HEASpectrum(kernel: k, covariance: covariance, modes: modes, maxDegree: maxDegree)
        let listing = try spectrum.listing()
        let count = listing.modes.count
        var values = try CertifiedValue.certifyAll(count: exact ? 3 * count : count, digits: D, precisionCap: 1024) { p in
            let ansatz = try spectrum.eigenvalues(listing, precision: p)
            guard exact else { return ansatz }
            let truth = try spectrum.exactEigenvalues(listing, precision: p)
            return try ansatz + truth + zip(ansatz, truth).map { try $0.dividing(by: $1) }
        }
        if let rational = try spectrum.rationalEigenvalues(listing) {
            for (i, q) in rational.enumerated() { values[i] = try CertifiedValue(exact: ExactReal(q), digits: D) }
        }
        let rows = listing.modes.enumerated().map { i, mode in
            var extra: [(String, JSONValue)] = [("alpha", .string(mode.multiIndex)), ("degree", .int(mode.degree)),
                                                ("boundary", mode.boundary.map(JSONValue.string) ?? .null)]
            if exact { extra += [("exact_eigenvalue", .string(values[count + i].value)), ("ratio", .string(values[2 * count + i].value))] }
            return ReportRow(index: .int(i + 1), value: values[i], extra: extra)
        }
        let summability: String
        switch listing.summability {
        case .summable: summability = "summable"
        case .notSummable(let low, let high): summability = "not summable: c_l*gamma_max^l decreases up to l = \(low), larger at l = \(high)"
        case .unknown(let probed): summability = "not proven beyond degree \(probed)"
        }
        parameters += [("modes", .int(modes)), ("max_degree", maxDegree.map(JSONValue.int) ?? .null), ("summability", .string(summability)),
                       ("exact", .bool(exact)), ("digits", .int(D))]
        return try options.render(Report(command: "hea", parameters: parameters, conventions: "hea-eigenvalues", rows: rows))
    }
}

/// §9's variances for `prism hea` and `prism learn` (CONTRACT "Wave 2 additions"): either option switches
/// them on, the missing one defaults to W = 1 or B = 0; without them, the normalized kernels of §5.
struct LearningVarianceOptions: ParsableArguments {
    @Option(name: .customLong("weight-variance"), parsing: .unconditional, help: "σ_w² > 0 (rational).") var weight: String?
    @Option(name: .customLong("bias-variance"), parsing: .unconditional, help: "σ_b² ≥ 0 (rational).") var bias: String?

    /// The variances on the sphere ‖x‖² = `norm2` (nil: the normalized preset).
    func variances(norm2: Rational?) throws -> KernelVariances? {
        guard weight != nil || bias != nil else { return nil }
        return try KernelVariances(weight: try Rational(parsing: weight ?? "1"), bias: try Rational(parsing: bias ?? "0"), norm2: norm2)
    }

    var parameters: [(String, JSONValue)] {
        guard weight != nil || bias != nil else { return [] }
        return [("weight_variance", .string(weight ?? "1")), ("bias_variance", .string(bias ?? "0"))]
    }
}
