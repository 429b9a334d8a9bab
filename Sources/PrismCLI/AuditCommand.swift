import ArgumentParser
import PrismNumbers
import PrismKernels
import PrismActivations
import PrismEvaluation
import PrismTables

/// `prism audit`: PrismEvaluation's accuracy audit against MPFR.
struct AuditCommand: PrismSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Accuracy audit of the Double evaluators against MPFR: ULP statistics and error/bound ratios.",
        discussion: """
        For each basis (monomial, hermite-he, hermite-normalized, legendre d = 3 and 10, chebyshev) a random \
        series of degree --degree is evaluated at --points random points (fixed --seed) by the Double \
        evaluator with its running error bound, and by the same recurrence in MPFR at 256 bits. Two kernel \
        rows (the normalized depth-1 ReLU NNGP and NTK truncated at --degree, with their certified tail \
        bounds) are compared against their closed forms (Docs/conventions.md §8) in MPFR. Columns: max and RMS error \
        in ulps of the reference, max error/bound (≤ 1 means every error is within its bound), violations \
        (errors over their bound; always 0 unless a bound is wrong).
        """
    )

    @Option(parsing: .unconditional, help: "Random points per function (1...10000000).") var points: Int = 20_000
    @Option(parsing: .unconditional, help: "Degree of each series (0...300; kernels: 1...400).") var degree: Int = 64
    @Option(parsing: .unconditional, help: "Seed of the deterministic generator.") var seed: UInt64 = 2024
    @Option(parsing: .unconditional, help: "Output format: text, json or csv.") var format: OutputFormat = .text

    func output() throws -> String {
        let progress = Progress.current
        return try AuditReport(points: points, degree: degree, seed: seed) { progress.update($0, of: $1) }.rendered(format)
    }
}
