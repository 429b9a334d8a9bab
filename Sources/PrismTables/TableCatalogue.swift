import PrismNumbers
import PrismActivations
import PrismKernels

/// One certified table of the `Tables/` tree: where it goes, what it is, the `prism` command that
/// prints the same rows, and how to compute its report.
public struct TableSpec: Sendable {
    /// Path relative to the tree, without extension (`hermite/tanh`); the tree holds `.csv`, `.json`, `.md`.
    public let path: String
    /// A one-line description (Markdown heading, Tables/README.md).
    public let title: String
    /// The `prism` arguments whose `--format json` output is this table's JSON file, byte for byte.
    public let arguments: [String]
    let build: @Sendable (_ digits: Int) throws -> Report

    init(path: String, title: String, arguments: [String], build: @escaping @Sendable (_ digits: Int) throws -> Report) {
        self.path = path
        self.title = title
        self.arguments = arguments
        self.build = build
    }

    /// The report at `digits` significant digits.
    public func report(digits: Int) throws -> Report { try build(digits) }

    /// The `prism` command that prints this table's rows at `digits`.
    public func command(digits: Int) -> [String] {
        arguments + (digits == TableCatalogue.defaultDigits ? [] : ["--digits", String(digits)])
    }

    /// The three files (relative path, contents) of this table.
    public func files(digits: Int) throws -> [(path: String, contents: String)] {
        let report = try self.report(digits: digits)
        let command = (["prism"] + command(digits: digits))
            .map { $0.contains(where: { "()* ".contains($0) }) ? "'\($0)'" : $0 }.joined(separator: " ")
        return [(path + ".csv", report.csv), (path + ".json", report.json.pretty),
                (path + ".md", report.markdown(title: title, command: command))]
    }
}

/// The certified tables Prism keeps in `Tables/` (issue 6): Taylor derivatives, Hermite coefficients,
/// NNGP/NTK level and dual coefficients, connection coefficients, sphere spectra, and the blog
/// source's table of activation derivatives at 0. Order is fixed: it decides shards and the MANIFEST.
public enum TableCatalogue {
    public static let defaultDigits = 30
    static let taylorOrder = 30, hermiteDegree = 20, kernelDegree = 20, connectionDegree = 20, spectrumDegree = 20
    static let blogOrder = 10

    /// Activations analytic at 0 (they have Taylor tables).
    static let analytic = ["tanh", "sigmoid", "softplus", "silu", "gelu", "gelu_tanh", "erf", "sin", "cos", "exp", "gaussian"]
    /// Every catalogue activation with Hermite and kernel tables.
    static let hermiteActivations = ["relu", "leaky_relu(1/10)", "abs", "step", "sign", "elu(1)"] + analytic
    /// Activations with spectrum tables (tanh's bₙ decay only like e^{−π√n/2}: its series need ~1000 terms).
    static let spectrumActivations = ["relu", "erf", "tanh", "gelu"]
    static let connectionDimensions = [2, 3, 4, 5, 10]
    static let spectrumDimensions = [3, 10]

    /// A file-name form of an activation: `leaky_relu(1/10)` → `leaky_relu_1_10`.
    static func slug(_ name: String) -> String {
        var out = ""
        for ch in name {
            if ch.isLetter || ch.isNumber || ch == "_" { out.append(ch) } else if out.last != "_" { out.append("_") }
        }
        while out.last == "_" { out.removeLast() }
        return out
    }

    static func activation(_ name: String) throws -> Activation { try Activation(parsing: name) }

    /// Every table, in tree order.
    public static let all: [TableSpec] = {
        var specs: [TableSpec] = []
        for name in analytic {
            specs.append(TableSpec(path: "taylor/\(slug(name))", title: "Taylor derivatives σ^(k)(0) of \(name), k = 0…\(taylorOrder)",
                                   arguments: ["taylor", name, "--order", String(taylorOrder)]) {
                try CertifiedReports.taylor(activation(name), order: taylorOrder, digits: $0)
            })
        }
        for name in hermiteActivations {
            specs.append(TableSpec(path: "hermite/\(slug(name))", title: "Normalized Hermite coefficients b_n(\(name); 1), n = 0…\(hermiteDegree)",
                                   arguments: ["hermite", name, "--degree", String(hermiteDegree)]) {
                try CertifiedReports.hermite(activation(name), degree: hermiteDegree, digits: $0)
            })
        }
        for name in hermiteActivations {
            specs.append(TableSpec(path: "kernel/nngp-level/\(slug(name))",
                                   title: "NNGP level coefficients c_ℓ of \(name) on the unit sphere (α = 1, d = 1), ℓ = 0…\(kernelDegree)",
                                   arguments: ["kernel", name, "--degree", String(kernelDegree)]) {
                try CertifiedReports.kernel(activation(name), degree: kernelDegree, digits: $0)
            })
        }
        // The two-layer NTK is ψ0(ρ) + ρψ1(ρ): the dual series plus its first-layer part.
        for name in hermiteActivations where !["step", "sign"].contains(name) {
            for series in [CertifiedReports.KernelSeriesKind.dual, .ntkFirstLayer] {
                specs.append(TableSpec(path: "kernel/\(series.rawValue)/\(slug(name))",
                                       title: series == .dual ? "Dual activation ψ0(ρ) = E[σ(x)σ(y)] of \(name): ρⁿ coefficients, n = 0…\(kernelDegree)"
                                                              : "First-layer NTK part ρψ1(ρ) of \(name): ρⁿ coefficients, n = 0…\(kernelDegree)",
                                       arguments: ["kernel", name, "--degree", String(kernelDegree), "--series", series.rawValue]) {
                    try CertifiedReports.kernel(activation(name), degree: kernelDegree, series: series, digits: $0)
                })
            }
        }
        for d in connectionDimensions {
            specs.append(TableSpec(path: "connection/d\(d)", title: "Connection coefficients β_l^m(\(d)) of t^m = Σ β_l^m P_l^(\(d)), m ≤ \(connectionDegree)",
                                   arguments: ["connection", "--dim", String(d), "--max-degree", String(connectionDegree)]) {
                try CertifiedReports.connection(dimension: d, maxDegree: connectionDegree, digits: $0)
            })
        }
        for name in spectrumActivations {
            let K = spectrumDegree
            for d in spectrumDimensions {
                for kind in KernelKind.allCases {
                    for depth in 1...3 {
                        specs.append(TableSpec(path: "spectrum/\(slug(name))/d\(d)-\(kind.rawValue)-L\(depth)",
                                               title: "Eigenvalues μ_k of the depth-\(depth) \(name) \(kind.rawValue.uppercased()) on S^\(d - 1), k = 0…\(K)",
                                               arguments: ["spectrum", name, "--dim", String(d), "--degree", String(K),
                                                           "--kernel", kind.rawValue, "--depth", String(depth)]) {
                            try CertifiedReports.spectrum(activation(name), dimension: d, degree: K, kind: kind, depth: depth, digits: $0)
                        })
                    }
                }
            }
        }
        specs.append(TableSpec(path: "blog/activation-derivatives",
                               title: "Derivatives σ^(k)(0) of common activations, k = 0…\(blogOrder) (the blog's small-norm table: c_ℓ = (α/d)^ℓ σ^(ℓ)(0)²)",
                               arguments: ["table", "--only", "blog/activation-derivatives"]) { digits in
            var rows: [ReportRow] = []
            for name in analytic {
                for (k, value) in try activation(name).taylorDerivatives(order: blogOrder).enumerated() {
                    rows.append(ReportRow(index: .object([("activation", .string(name)), ("k", .int(k))]),
                                          value: try CertifiedValue(exact: value, digits: digits)))
                }
            }
            return Report(command: "table", parameters: [("order", .int(blogOrder)), ("digits", .int(digits))],
                          conventions: "taylor-derivatives-at-0", rows: rows)
        })
        return specs
    }()
}
