import ArgumentParser
import PrismNumbers
import PrismBases
import PrismTables

extension PolynomialFamily: ExpressibleByArgument {}

struct PolyCommand: PrismSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "poly",
        abstract: "Exact monomial coefficients of an orthogonal polynomial, k = 0…N.",
        discussion: """
        FAMILY: hermite-he (probabilists' He_N), hermite-h (physicists' H_N), gegenbauer (C_N^(λ), needs \
        --lambda, λ > −1/2, λ ≠ 0), legendre (P_N^(d) of the sphere S^(d−1), needs --dim d ≥ 2; d = 2 is \
        Chebyshev T_N, d = 3 the classical Legendre P_N), chebyshev (T_N). Conventions: Docs/conventions.md §2–3.
        """
    )

    @Argument(help: "hermite-he | hermite-h | gegenbauer | legendre | chebyshev") var family: PolynomialFamily
    @Option(parsing: .unconditional, help: "The degree N.") var degree: Int
    @Option(name: .customLong("dim"), parsing: .unconditional, help: "Sphere dimension d (legendre).") var dimension: Int?
    @Option(parsing: .unconditional, help: "Gegenbauer parameter λ, a rational (gegenbauer).") var lambda: String?
    @OptionGroup var options: OutputOptions

    func output() throws -> String {
        try options.render(try CertifiedReports.poly(family, degree: degree, dimension: dimension, lambda: try lambda.map { try Rational(parsing: $0) },
                                                 digits: options.digits))
    }
}
