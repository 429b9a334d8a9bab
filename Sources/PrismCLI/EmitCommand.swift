import ArgumentParser
import Foundation
import PrismNumbers
import PrismActivations
import PrismKernels
import PrismTables

extension EmissionLanguage: ExpressibleByArgument {}

/// What `prism emit` writes: the values of `prism taylor`, `prism hermite` or `prism kernel`.
enum EmissionQuantity: String, ExpressibleByArgument, CaseIterable {
    case taylor
    case taylorCoefficients = "taylor-coefficients"
    case hermite, kernel, spectrum, layers, dual
    case dualDerivative = "dual-derivative"
    case ntkFirstLayer = "ntk-first-layer"
}

struct EmitCommand: PrismSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "emit",
        abstract: "Source code for a certified table: an array of correctly rounded doubles with the exact values alongside.",
        discussion: """
        --what taylor: σ^(k)(0), k = 0…N (as prism taylor --order N); taylor-coefficients: σ^(k)(0)/k! \
        (as prism taylor --coefficients). --what spectrum: μ_k, k = 0…N (as prism spectrum; --dim d ≥ 2, --kernel, \
        --depth as there). --what layers: μ_k(κ_ℓ) of prism layers --depth L, flattened at index k(L+1)+ℓ. \
        --what dual | dual-derivative | ntk-first-layer: the ρ^n coefficients of prism kernel --series. --what hermite: b_n(σ; s), n = 0…N \
        (as prism hermite; --scale and --basis as there). --what kernel: the NNGP level coefficients c_ℓ, ℓ = 0…N \
        (as prism kernel; --alpha, --dim, --radius, --expansion as there). --lang c: a C99 header with \
        static const double IDENT[IDENT_LENGTH] of hex literals; swift: let IDENT: [Double] with hex literals and \
        IDENT_EXACT, IDENT_DECIMAL; python: a module with IDENT (floats that round-trip), IDENT_EXACT \
        (Fraction-compatible \"p/q\" for rationals) and IDENT_DECIMAL; json: the JSON rows of Docs/cli.md; latex: a booktabs \
        table. IDENT defaults to the activation and --what (leaky_relu(1/10) → leaky_relu_1_10_taylor) and must be \
        an identifier in C, Swift and Python. Every double is the correctly rounded binary64 of the value.
        """
    )

    @Argument(help: ActivationArgument.help) var activation: String
    @Option(parsing: .unconditional, help: "What to emit (see above).") var what: EmissionQuantity
    @Option(parsing: .unconditional, help: "The highest index N.") var degree: Int
    @Option(parsing: .unconditional, help: "swift | c | python | json | latex") var lang: EmissionLanguage
    @Option(parsing: .unconditional, help: "The array's identifier (default: from the activation and --what).") var name: String?
    @Option(parsing: .unconditional, help: "--what hermite: the scale s > 0 (default 1).") var scale: String?
    @Option(parsing: .unconditional, help: "--what hermite: normalized | probabilists | physicists (default normalized).") var basis: HermiteBasis?
    @Option(parsing: .unconditional, help: "--what kernel: weight variance numerator α > 0 (default 1).") var alpha: String?
    @Option(name: .customLong("dim"), parsing: .unconditional,
            help: "--what kernel: input dimension d ≥ 1 (default 1); spectrum, layers: sphere dimension d ≥ 2 (needed).") var dimension: Int?
    @Option(parsing: .unconditional, help: "--what spectrum: nngp | ntk (default nngp).") var kernel: KernelKind?
    @Option(parsing: .unconditional, help: "--what spectrum, layers: hidden layers L ≥ 1 (default 1).") var depth: Int?
    @OptionGroup var variances: VarianceOptions
    @Option(parsing: .unconditional, help: "--what kernel: input norm R > 0 (default 1).") var radius: String?
    @Option(parsing: .unconditional, help: "--what kernel: sphere | small-norm (default sphere).") var expansion: LevelExpansion?
    @Option(parsing: .unconditional, help: "Significant digits of the certified decimals (1...\(CertifiedValue.digitsRange.upperBound)).")
    var digits: Int = 30

    func validate() throws {
        guard CertifiedValue.digitsRange.contains(digits) else {
            throw ValidationError("--digits must be in \(CertifiedValue.digitsRange.lowerBound)...\(CertifiedValue.digitsRange.upperBound), got \(digits)")
        }
        let hermiteOnly = [("--scale", scale != nil), ("--basis", basis != nil)]
        let kernelOnly = [("--alpha", alpha != nil), ("--radius", radius != nil), ("--expansion", expansion != nil)]
        for (option, given) in hermiteOnly where given && what != .hermite {
            throw ValidationError("\(option) applies to --what hermite only")
        }
        for (option, given) in kernelOnly where given && what != .kernel {
            throw ValidationError("\(option) applies to --what kernel only")
        }
        let spherical = what == .spectrum || what == .layers
        if dimension != nil && !(what == .kernel || spherical) { throw ValidationError("--dim applies to --what kernel, spectrum, layers only") }
        if spherical && dimension == nil { throw ValidationError("--what \(what.rawValue) needs --dim (the sphere dimension d ≥ 2)") }
        if kernel != nil && what != .spectrum { throw ValidationError("--kernel applies to --what spectrum only") }
        if depth != nil && !spherical { throw ValidationError("--depth applies to --what spectrum, layers only") }
        if (variances.weight != nil || variances.bias != nil || variances.norm2 != nil) && !spherical {
            throw ValidationError("--weight-variance, --bias-variance and --norm2 apply to --what spectrum, layers only")
        }
    }

    func output() throws -> String {
        let table = try emissionTable()
        return CodeEmitter.emit(table, as: lang)
    }

    /// Computes the values through the same library calls as `prism taylor|hermite|kernel` and `prism table`
    /// (`CertifiedReports`), and wraps them
    /// with their name, description and generating command.
    func emissionTable() throws -> EmissionTable {
        let sigma = try Activation(parsing: activation)
        let identifier = name ?? EmissionIdentifier.defaultName(activation: sigma.name, what: what.rawValue.replacingOccurrences(of: "-", with: "_"))
        try EmissionIdentifier.validate(identifier)
        var parameters: [(String, JSONValue)] = [("activation", .string(sigma.name)), ("what", .string(what.rawValue)), ("degree", .int(degree))]
        var generator = "prism emit \(EmitCommand.shellWord(sigma.name)) --what \(what.rawValue) --degree \(degree)"
        let values: [CertifiedValue]
        let title: String, latexTitle: String, index: (String, String), conventions: String
        let act = LaTeXMath.escapeText(sigma.name)
        switch what {
        case .taylor:
            values = try CertifiedReports.taylor(sigma, order: degree, digits: digits).rows.map(\.value)
            title = "Taylor derivatives sigma^(k)(0) of \(sigma.name), k = 0..\(degree)"
            latexTitle = "Taylor derivatives $\\sigma^{(k)}(0)$ of \\texttt{\(act)}, $k = 0, \\dots, \(degree)$"
            index = ("k", "k")
            conventions = "taylor-derivatives-at-0"
        case .taylorCoefficients:
            values = try CertifiedReports.taylorCoefficients(sigma, order: degree, digits: digits).rows.map(\.value)
            title = "Taylor coefficients sigma^(k)(0)/k! of \(sigma.name), k = 0..\(degree)"
            latexTitle = "Taylor coefficients $\\sigma^{(k)}(0)/k!$ of \\texttt{\(act)}, $k = 0, \\dots, \(degree)$"
            index = ("k", "k")
            conventions = "taylor-coefficients-at-0"
        case .spectrum:
            let d = dimension ?? 2, kind = kernel ?? .nngp, L = depth ?? 1
            let model = try KernelModel(activation: sigma, kind: kind, depth: L, variances: variances.variances())
            values = try CertifiedReports.spectrum(model: model, dimension: d, degree: degree, digits: digits).rows.map(\.value)
            parameters += [("dim", .int(d)), ("kernel", .string(kind.rawValue)), ("depth", .int(L))]
            generator += " --dim \(d)" + (kernel.map { " --kernel \($0.rawValue)" } ?? "") + (depth.map { " --depth \($0)" } ?? "")
            title = "Funk-Hecke eigenvalues mu_k of the normalized \(kind.rawValue) of \(sigma.name) on S^\(d - 1), depth \(L), k = 0..\(degree)"
            latexTitle = "Eigenvalues $\\mu_k$ of the normalized \(kind.rawValue.uppercased()) of \\texttt{\(act)} on $S^{\(d - 1)}$, "
                + "depth $\(L)$, $k = 0, \\dots, \(degree)$"
            index = ("k", "k")
            conventions = "funk-hecke-eigenvalues-normalized-\(kind.rawValue)"
        case .layers:
            let d = dimension ?? 2, L = depth ?? 1
            let model = try KernelModel(activation: sigma, kind: .ntk, depth: L, variances: variances.variances())
            values = try CertifiedReports.layers(model: model, dimension: d, degree: degree, digits: digits).rows.map(\.value)
            parameters += [("dim", .int(d)), ("depth", .int(L))]
            generator += " --dim \(d)" + (depth.map { " --depth \($0)" } ?? "")
            title = "Per-layer NTK eigenvalues mu_k(kappa_l) of \(sigma.name) on S^\(d - 1), depth \(L), at index k*\(L + 1)+l, k = 0..\(degree)"
            latexTitle = "Per-layer NTK eigenvalues $\\mu_k(\\kappa_\\ell)$ of \\texttt{\(act)} on $S^{\(d - 1)}$, depth $\(L)$, "
                + "at index $k(\(L)+1)+\\ell$, $k = 0, \\dots, \(degree)$"
            index = ("k(L+1)+l", "k(L+1)+\\ell")
            conventions = "ntk-layerwise-eigenvalues"
        case .dual, .dualDerivative, .ntkFirstLayer:
            let series: CertifiedReports.KernelSeriesKind = what == .dual ? .dual : (what == .dualDerivative ? .dualDerivative : .ntkFirstLayer)
            let report = try CertifiedReports.kernel(sigma, degree: degree, series: series, digits: digits)
            values = report.rows.map(\.value)
            let function = what == .dual ? "k(rho) = E[sigma(x)sigma(y)]" : (what == .dualDerivative ? "E[sigma'(x)sigma'(y)]" : "rho E[sigma'(x)sigma'(y)]")
            title = "Coefficients of rho^n of \(function) for \(sigma.name), n = 0..\(degree)"
            latexTitle = "Coefficients of $\\rho^n$ (\(what.rawValue)) for \\texttt{\(act)}, $n = 0, \\dots, \(degree)$"
            index = ("n", "n")
            conventions = report.conventions
        case .hermite:
            let s = try Rational(parsing: scale ?? "1"), b = basis ?? .normalized
            values = try CertifiedReports.hermite(sigma, degree: degree, scale: s, basis: b, digits: digits).rows.map(\.value)
            parameters += [("scale", .string(s.description)), ("basis", .string(b.rawValue))]
            if scale != nil { generator += " --scale \(s)" }
            if basis != nil { generator += " --basis \(b.rawValue)" }
            let (symbol, latexSymbol) = b == .normalized ? ("b_n", "b_n") : (b == .probabilists ? ("a_n", "a_n") : ("p_n", "p_n"))
            title = "Hermite coefficients \(symbol)(sigma; s) (\(b.rawValue) basis) of \(sigma.name), s = \(s), n = 0..\(degree)"
            latexTitle = "Hermite coefficients $\(latexSymbol)(\\sigma; s)$ (\(b.rawValue) basis) of \\texttt{\(act)}, "
                + "$s = \(LaTeXMath.exact(s.description) ?? s.description)$, $n = 0, \\dots, \(degree)$"
            index = ("n", "n")
            conventions = "hermite-\(b.rawValue)"
        case .kernel:
            let a = try Rational(parsing: alpha ?? "1"), r = try Rational(parsing: radius ?? "1")
            let d = dimension ?? 1, e = expansion ?? .sphere
            values = try CertifiedReports.kernel(sigma, degree: degree, alpha: a, dimension: d, radius: r, expansion: e, digits: digits)
                .rows.map(\.value)
            parameters += [("alpha", .string(a.description)), ("dim", .int(d)), ("radius", .string(r.description)), ("expansion", .string(e.rawValue))]
            if alpha != nil { generator += " --alpha \(a)" }
            if dimension != nil { generator += " --dim \(d)" }
            if radius != nil { generator += " --radius \(r)" }
            if expansion != nil { generator += " --expansion \(e.rawValue)" }
            title = "NNGP level coefficients c_l of \(sigma.name) (K = sum_l c_l/l! <x,x'>^l; \(e.rawValue), alpha = \(a), d = \(d), R = \(r)), l = 0..\(degree)"
            latexTitle = "NNGP level coefficients $c_\\ell$ of \\texttt{\(act)} ($K = \\sum_\\ell c_\\ell \\langle x, x'\\rangle^\\ell/\\ell!$; "
                + "\(e.rawValue), $\\alpha = \(LaTeXMath.exact(a.description) ?? "")$, $d = \(d)$, $R = \(LaTeXMath.exact(r.description) ?? "")$), "
                + "$\\ell = 0, \\dots, \(degree)$"
            index = ("l", "\\ell")
            conventions = "nngp-level-\(e.rawValue)"
        }
        generator += " --lang \(lang.rawValue)"
        if let name { generator += " --name \(name)" }
        if digits != 30 { generator += " --digits \(digits)" }
        parameters += [("name", .string(identifier)), ("digits", .int(digits))]
        let rows = values.enumerated().map { ReportRow(index: .int($0), value: $1) }
        let report = Report(command: "emit", parameters: parameters, conventions: conventions, rows: rows)
        return try EmissionTable(name: identifier, title: title, latexTitle: latexTitle, indexName: index.0, latexIndex: index.1,
                                 generator: generator, report: report)
    }

    /// The word quoted for a POSIX shell when it holds anything but letters, digits and `_./-`.
    static func shellWord(_ s: String) -> String {
        let plain = s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_./-".contains($0)) }
        return plain ? s : "'" + s.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }
}
