import ArgumentParser
import PrismNumbers
import PrismBases
import PrismTables

enum PolynomialFamily: String, ExpressibleByArgument, CaseIterable {
    case hermiteHe = "hermite-he"
    case hermiteH = "hermite-h"
    case gegenbauer, legendre, chebyshev
}

struct PolyCommand: PrismSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "poly",
        abstract: "Exact monomial coefficients of an orthogonal polynomial, k = 0…N.",
        discussion: """
        FAMILY: hermite-he (probabilists' He_N), hermite-h (physicists' H_N), gegenbauer (C_N^(λ), needs \
        --lambda, λ > −1/2, λ ≠ 0), legendre (P_N^(d) of the sphere S^(d−1), needs --dim d ≥ 2; d = 2 is \
        Chebyshev T_N, d = 3 the classical Legendre P_N), chebyshev (T_N). Conventions: CONVENTIONS §2–3.
        """
    )

    @Argument(help: "hermite-he | hermite-h | gegenbauer | legendre | chebyshev") var family: PolynomialFamily
    @Option(help: "The degree N.") var degree: Int
    @Option(name: .customLong("dim"), help: "Sphere dimension d (legendre).") var dimension: Int?
    @Option(help: "Gegenbauer parameter λ, a rational (gegenbauer).") var lambda: String?
    @OptionGroup var options: OutputOptions

    func output() throws -> String {
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
            guard let text = lambda else { throw PrismError.domain("gegenbauer needs --lambda (a rational > −1/2, ≠ 0)") }
            let l = try Rational(parsing: text)
            coefficients = try Gegenbauer.coefficients(degree, lambda: l)
            parameters.append(("lambda", .string(l.description)))
            conventions = "gegenbauer-C"
        case .legendre:
            guard let d = dimension else { throw PrismError.domain("legendre needs --dim (the sphere dimension d ≥ 2)") }
            coefficients = try Gegenbauer.legendreCoefficients(degree, dimension: d)
            parameters.append(("dim", .int(d)))
            conventions = "legendre-dimension-d"
        case .chebyshev:
            coefficients = try Gegenbauer.legendreCoefficients(degree, dimension: 2)
            conventions = "chebyshev-T"
        }
        parameters.append(("digits", .int(options.digits)))
        let rows = try coefficients.enumerated().map { k, c in
            ReportRow(index: .int(k), value: try CertifiedValue(exact: ExactReal(c), digits: options.digits))
        }
        return options.render(Report(command: "poly", parameters: parameters, conventions: conventions, rows: rows))
    }
}
