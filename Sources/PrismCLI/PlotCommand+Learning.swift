import ArgumentParser
import PrismNumbers
import PrismActivations
import PrismKernels
import PrismLearning
import PrismTables

/// The options of `prism plot hea` and `prism plot learning-curve` (Docs/conventions.md §12, §13).
struct LearningPlotOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "hea: γ_1,…,γ_D or powerlaw:D,A.") var gamma: String?
    @Option(parsing: .unconditional, help: "hea: the number M of eigenvalues (default 200).") var modes: Int?
    @Option(name: .customLong("n"), parsing: .unconditional, help: "learning-curve: sample sizes n1,n2,….") var samples: String?
    @Option(parsing: .unconditional, help: "learning-curve: targets k1:v1,k2:v2,… (one curve each).") var target: String?
    @Option(parsing: .unconditional, help: "learning-curve: ridge δ ≥ 0 (default 0).") var ridge: String?
    @Option(parsing: .unconditional, help: "learning-curve: noise ε² ≥ 0 (default 0).") var noise: String?
}

extension PlotCommand {
    /// `prism plot hea KERNEL --gamma … --degree L [--modes M]`: the M largest ansatz eigenvalues of degree ≤ L
    /// by rank, with the exact ones for rbf and exp.
    func plotHEA() throws -> String {
        guard let gamma = learning.gamma else { throw ValidationError("prism plot hea needs --gamma") }
        let covariance = try DataCovariance(parsing: gamma)
        let kernelModel = try HEAKernel(parsing: activations[0], kind: kernel ?? .nngp, depth: depth ?? 1, dimension: covariance.count)
        let spectrum = try HEASpectrum(kernel: kernelModel, covariance: covariance, modes: learning.modes ?? 200, maxDegree: degree)
        let listing = try spectrum.listing()
        let factorizes: Bool
        switch kernelModel { case .rbf, .exponential: factorizes = true; default: factorizes = false }
        let count = listing.modes.count
        let values = try CertifiedValue.certifyAll(count: factorizes ? 2 * count : count, digits: plotDigits, precisionCap: 1024) { p in
            try spectrum.eigenvalues(listing, precision: p) + (factorizes ? try spectrum.exactEigenvalues(listing, precision: p) : [])
        }
        let ansatz = values.prefix(count).map(\.double)
        let exact = factorizes ? values.dropFirst(count).map(\.double) : nil
        let notes = ["Degrees |α| ≤ \(degree); \(count) eigenvalues (ties at the cut included). Values: certified binary64 (prism hea)."]
        let figure = LearningFigures.hea(kernel: kernelModel.name, gamma: gamma, ansatz: ansatz, exact: exact, notes: notes)
        return try plot.write(figure, summary: "HEA eigenvalues of \(kernelModel.name), \(count) modes")
    }

    /// `prism plot learning-curve ACT --dim D --degree K --n … --target …`: the test MSE against n, one curve per
    /// target degree (each alone, with its energy), K the most explicit sphere degrees.
    func plotLearningCurve() throws -> String {
        guard let d = dimension, let samples = learning.samples, let target = learning.target else {
            throw ValidationError("prism plot learning-curve needs --dim, --n and --target")
        }
        let ns = try samples.split(separator: ",", omittingEmptySubsequences: false).map { try Rational(parsing: String($0)) }
        let targets = try target.split(separator: ",", omittingEmptySubsequences: false).map { pair -> (label: Int, energy: Rational) in
            let parts = pair.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, let k = Int(parts[0]), k >= 0 else {
                throw PrismError.parse(message: "expected --target k1:v1,k2:v2,… (k an integer ≥ 0), got \(pair)", position: 1)
            }
            return (k, try Rational(parsing: String(parts[1])))
        }
        guard degree >= 0, degree <= KernelSpectrum.maxSpectrumDegree else { throw PrismError.limitExceeded("--degree \(degree) (range 0...\(KernelSpectrum.maxSpectrumDegree))") }
        let model = try KernelModel(activation: try Activation(parsing: activations[0]), kind: kernel ?? .nngp, depth: depth ?? 1)
        var curves: [(name: String, testMSE: [Double])] = []
        for t in targets {
            let curve = try LearningCurve(samples: ns, ridge: try Rational(parsing: learning.ridge ?? "0"), noise: try Rational(parsing: learning.noise ?? "0"),
                                          targets: [t])
            let rows = try curve.certified(digits: plotDigits, initialLevels: Swift.min(32, degree), maxLevels: degree) { p, K in
                try SphereKernel.model(model, dimension: d, maxDegree: K, precision: p).learningSpectrum(maxDegree: K)
            }
            curves.append(("k = \(t.label), v² = \(t.energy)", rows.map { $0[2].double }))
        }
        let notes = ["S^\(d - 1), ridge \(learning.ridge ?? "0"), noise \(learning.noise ?? "0"); one curve per target degree k.", "Certified binary64 (prism learn); the tail from the sum rules."]
        let figure = LearningFigures.learningCurve(kernel: model.name, samples: ns.map { Double($0) }, curves: curves, notes: notes)
        return try plot.write(figure, summary: "learning curves of \(model.name), \(targets.count) targets, \(ns.count) values of n")
    }
}
