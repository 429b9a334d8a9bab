import PrismNumbers
import PrismActivations
import PrismKernels

/// The constant term of ψ1 in eq. (13).
///
/// From the definition ψ1(ρ) = E[σ'(x)σ'(y)], (x, y) standard normal with correlation ρ: at ρ = 0 x and y
/// are independent, so ψ1(0) = E[σ'(z)]². Gaussian integration by parts gives E[σ'(z)] = E[z σ(z)] = b_1(σ),
/// so ψ1(0) = b_1(σ)² — zero exactly when b_1 = 0 (e.g. σ even), not in general.
extension DandiJacotClaims {
    /// ψ1(0) ≠ 0 for the first seven; abs (σ' = sign) and cos (σ' = −sin) have E[σ'] = 0 by oddness of σ'.
    static let constantTermActivations: [Activation] = [.relu, .leakyRelu(Rational.fraction(1, 10)), .elu(1), .erf, .sin, .tanh, .gelu, .abs, .cos]

    /// ψ1(0) = E[σ'(z)]² from σ' alone (its zeroth Hermite coefficient), exact when the Hermite layer is.
    static func derivativeMeanSquared(_ a: Activation, precision p: Int) throws -> (exact: ExactReal?, enclosure: Interval) {
        let h = try HermiteCoefficients(activation: try a.derivative(), degree: 0)
        if let e = try h.exact?[0] { let sq = try e * e; return (sq, try sq.enclosure(precision: p)) }
        let b0 = try h.enclosures(precision: p)[0]
        return (nil, b0 * b0)
    }

    static let eq13ConstantTerm = Claim(
        id: "dandi-jacot/eq-13-constant-term", source: source + ", eq. (13)",
        statement: "ψ1(ρ) = E[σ'(x)σ'(y)] has no constant term: its series in eq. (13) starts at i = 1, so ψ1(0) = 0.",
        correctedBy: "dandi-jacot/eq-13-constant-term-corrected"
    ) {
        var v = VerdictBuilder()
        let p = 64
        for a in constantTermActivations {
            let value = try derivativeMeanSquared(a, precision: p)
            if let exact = value.exact {
                try v.exact("\(a.name): ψ1(0) = E[σ']² vs the stated 0", lhs: exact, rhs: .zero)
            } else {
                v.compare("\(a.name): ψ1(0) = E[σ']² vs the stated 0", lhs: value.enclosure, rhs: Interval(0, precision: p), relation: .overlaps,
                          note: "certified enclosure of E[σ'(z)]²")
            }
        }
        return (v.verdict, v.evidence)
    }

    static let eq13ConstantTermCorrected = Claim(
        id: "dandi-jacot/eq-13-constant-term-corrected", source: "corrected constant term of eq. (13)",
        statement: "ψ1(0) = E[σ'(z)]² = b_1(σ)² (b_1 = E[zσ(z)], the orthonormal Hermite coefficient): the series is ψ1(ρ) = Σ_{i≥0} (i+1) b_{i+1}² ρ^i, whose constant term vanishes only when b_1 = 0 (e.g. for even σ). Likewise ψ0(0) = E[σ]² = b_0²."
    ) {
        var v = VerdictBuilder()
        let p = 64
        for a in constantTermActivations {
            let fromDerivative = try derivativeMeanSquared(a, precision: p)
            // Stein's route: the ρ^0 coefficient of ψ1 = k̇ from σ's own b_1.
            let series = try DualCoefficients(activation: a, series: .dualDerivative, degree: 0)
            if let lhs = fromDerivative.exact, let rhs = series.exact?[0] {
                try v.exact("\(a.name): E[σ']² (from σ') vs b_1(σ)² (from σ)", lhs: lhs, rhs: rhs)
            } else {
                v.compare("\(a.name): E[σ']² (from σ') vs b_1(σ)² (from σ)", lhs: fromDerivative.enclosure, rhs: try series.enclosures(precision: p)[0],
                          relation: .overlaps)
            }
        }
        // Closed forms at ρ = 0 (CONVENTIONS §8): step's (π − arccos ρ)/(2π) = 1/4; erf' = (2/√π)e^{−z²} has
        // E = 2/√(3π), so 4/(3π); sin' = cos has E = e^{−1/2}, so 1/e.
        let closed: [(Activation, ExactReal)] = [
            (.relu, ExactReal(try Rational(1, 4))),
            (.erf, try ExactReal(.fraction(4, 3)) * ExactReal(.pi).power(-1)),
            (.sin, try ExactReal(.e).power(-1)),
        ]
        for (a, form) in closed {
            let value = try derivativeMeanSquared(a, precision: p)
            if let exact = value.exact {
                try v.exact("\(a.name): E[σ']² vs the closed form at ρ = 0", lhs: exact, rhs: form)
            } else {
                v.compare("\(a.name): E[σ']² vs the closed form at ρ = 0", lhs: value.enclosure, rhs: try form.enclosure(precision: p), relation: .overlaps,
                          note: "rhs = \(form)")
            }
        }
        return (v.verdict, v.evidence)
    }
}
