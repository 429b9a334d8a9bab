import ArgumentParser
import Foundation
import PrismNumbers
import PrismActivations
import PrismKernels
import PrismLearning
import PrismTables

struct LearnCommand: PrismSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "learn",
        abstract: "Eigenlearning predictions: κ, E0, test and train MSE and learnabilities for each n.",
        discussion: """
        Docs/conventions.md §13. The spectrum is a kernel on S^(d−1) (ACT with --dim, --kernel, --depth, as prism spectrum), \
        whose infinite tail is bounded by the sum rules Σ N μ = f(1) and Σ N μ² = E_t[f²], or --spectrum FILE (the \
        JSON output of prism spectrum or prism hea, taken as the complete spectrum). --target k:v² gives the target's \
        energy on level k (the degree, or the file's row index). Each row's value is the test MSE.
        """
    )

    @Argument(help: "The activation (omit with --spectrum or --dot-product).") var activation: String?
    @Option(name: .customLong("dot-product"), parsing: .unconditional, help: "A dot-product kernel f(t) instead of ACT (Docs/conventions.md §10).") var dotProduct: String?
    @OptionGroup var variances: LearningVarianceOptions
    @Option(name: .customLong("norm2"), parsing: .unconditional, help: "‖x‖² = Q with the variances (default d).") var norm2: String?
    @Option(name: .customLong("dim"), parsing: .unconditional, help: "Sphere dimension d ≥ 2.") var dimension: Int?
    @Option(parsing: .unconditional, help: "nngp | ntk") var kernel: KernelKind = .nngp
    @Option(parsing: .unconditional, help: "Number of hidden layers L ≥ 1.") var depth: Int = 1
    @Option(parsing: .unconditional, help: "A prism spectrum/hea JSON output file.") var spectrum: String?
    @Option(name: .customLong("n"), parsing: .unconditional, help: "Sample sizes n1,n2,… (positive rationals).") var samples: String
    @Option(parsing: .unconditional, help: "Ridge δ ≥ 0.") var ridge: String = "0"
    @Option(parsing: .unconditional, help: "Noise variance ε² ≥ 0.") var noise: String = "0"
    @Option(parsing: .unconditional, help: "Target energies k1:v1,k2:v2,… (v the energy v² on level k).") var target: String
    @Option(name: .customLong("max-degree"), parsing: .unconditional, help: "The most explicit sphere degrees used before the sum-rule tail (≤ 300).") var maxDegree: Int = KernelSpectrum.maxSpectrumDegree
    @OptionGroup var options: OutputOptions

    func output() throws -> String {
        let ns = try samples.split(separator: ",", omittingEmptySubsequences: false).map { try Rational(parsing: String($0)) }
        let targets = try target.split(separator: ",", omittingEmptySubsequences: false).map { pair -> (label: Int, energy: Rational) in
            let parts = pair.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, let k = Int(parts[0]), k >= 0 else {
                throw PrismError.parse(message: "expected --target k1:v1,k2:v2,… (k an integer ≥ 0, v a rational), got \(pair)", position: 1)
            }
            return (k, try Rational(parsing: String(parts[1])))
        }
        let curve = try LearningCurve(samples: ns, ridge: try Rational(parsing: ridge), noise: try Rational(parsing: noise), targets: targets)
        let D = options.digits
        var parameters: [(String, JSONValue)] = []
        let values: [[CertifiedValue]]
        if let file = spectrum {
            guard activation == nil, dimension == nil else { throw PrismError.domain("--spectrum FILE replaces ACT and --dim: give one or the other") }
            let levels = try LearnCommand.levels(fromFile: file)
            parameters += [("spectrum", .string(file)), ("tail", .string("none: the file's levels are the whole spectrum"))]
            values = try curve.certified(digits: D, initialLevels: 0, maxLevels: 0) { p, _ in
                LearningSpectrum(levels: levels.map { .init(label: $0.label, eigenvalue: $0.value(p), multiplicity: $0.multiplicity) }, rest: nil)
            }
        } else {
            let usage = PrismError.domain("give ACT --dim D, --dot-product EXPR --dim D, or --spectrum FILE")
            guard let d = dimension, (activation == nil) != (dotProduct == nil) else { throw usage }
            guard maxDegree >= 0, maxDegree <= KernelSpectrum.maxSpectrumDegree else {
                throw PrismError.limitExceeded("--max-degree \(maxDegree) (range 0...\(KernelSpectrum.maxSpectrumDegree))")
            }
            let model: KernelModel
            if let f = dotProduct {
                model = KernelModel(dotProduct: try DotProductFunction(parsing: f))
                parameters += [("dot_product", .string(f)), ("dim", .int(d))]
            } else {
                guard let activation else { throw usage }
                let sigma = try Activation(parsing: activation)
                model = try KernelModel(activation: sigma, kind: kernel, depth: depth, variances: try variances.variances(norm2: try norm2.map { try Rational(parsing: $0) }))
                parameters += [("activation", .string(sigma.name)), ("dim", .int(d)), ("kernel", .string(kernel.rawValue)), ("depth", .int(depth))]
                    + variances.parameters
            }
            _ = try SphereKernel.model(model, dimension: d, maxDegree: 0, precision: 64) // input checks
            parameters += [("tail", .string("sum rules f(1), E_t[f^2]"))]
            values = try curve.certified(digits: D, initialLevels: Swift.min(32, maxDegree), maxLevels: maxDegree) { p, K in
                try SphereKernel.model(model, dimension: d, maxDegree: K, precision: p).learningSpectrum(maxDegree: K)
            }
        }
        func object(_ v: CertifiedValue) -> JSONValue {
            .object([("value", .string(v.value)), ("lower", .string(v.lower)), ("upper", .string(v.upper)), ("double", .string(v.doubleHex))])
        }
        let rows = zip(ns, values).map { n, v in
            let index = n.intValue.map(JSONValue.int) ?? .string(n.description)
            // JSON: value objects (CONTRACT); text and CSV: one column per number.
            guard options.format == .json else {
                return ReportRow(index: index, value: v[2], extra: [("kappa", .string(v[0].value)), ("E0", .string(v[1].value)),
                                                                    ("train_mse", .string(v[3].value))]
                                 + zip(targets, v.dropFirst(4)).map { ("L_\($0.label)", .string($1.value)) })
            }
            return ReportRow(index: index, value: v[2], extra: [
                ("kappa", object(v[0])), ("E0", object(v[1])), ("test_mse", object(v[2])), ("train_mse", object(v[3])),
                ("learnability", .object(zip(targets, v.dropFirst(4)).map { (String($0.label), object($1)) })),
            ])
        }
        parameters += [("n", .string(samples)), ("ridge", .string(ridge)), ("noise", .string(noise)), ("target", .string(target)), ("digits", .int(D))]
        return try options.render(Report(command: "learn", parameters: parameters, conventions: "eigenlearning", rows: rows))
    }

    /// A level read from a spectrum file: its label, multiplicity and the enclosure [lower, upper].
    struct FileLevel {
        let label: Int
        let multiplicity: BigInt
        let lower: Rational
        let upper: Rational
        func value(_ p: Int) -> Interval { Interval(lower, precision: p).hull(Interval(upper, precision: p)) }
    }

    /// The rows of a `prism spectrum` or `prism hea` JSON document (rows whose index is not an integer,
    /// such as d_eff, are skipped).
    static func levels(fromFile path: String) throws -> [FileLevel] {
        guard let data = FileManager.default.contents(atPath: path) else { throw PrismError.domain("cannot read the spectrum file \(path)") }
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let rows = root["rows"] as? [[String: Any]] else {
            throw PrismError.parse(message: "\(path) is not a prism JSON document with rows", position: 1)
        }
        var levels: [FileLevel] = []
        for row in rows {
            guard let label = row["index"] as? Int else { continue }
            guard let low = row["lower"] as? String, let high = row["upper"] as? String else {
                throw PrismError.parse(message: "\(path): row \(label) has no lower/upper strings", position: 1)
            }
            let lower = try Rational(parsing: low), upper = try Rational(parsing: high)
            guard lower.signum >= 0, !(upper < lower) else { throw PrismError.domain("\(path): row \(label) is not a non-negative eigenvalue enclosure") }
            let multiplicity = try (row["multiplicity"] as? String).map { try Rational(parsing: $0) } ?? 1
            guard multiplicity.isInteger, multiplicity.signum > 0 else { throw PrismError.domain("\(path): row \(label) multiplicity must be a positive integer") }
            levels.append(FileLevel(label: label, multiplicity: multiplicity.numerator, lower: lower, upper: upper))
        }
        guard !levels.isEmpty else { throw PrismError.domain("\(path) has no eigenvalue rows") }
        return levels
    }
}
