import PrismNumbers

/// Exact eigenvalues of the rbf and exp kernels on N(0, diag γ): both factorize over coordinates,
/// so the eigenvalue of Π_i φ_{α_i}(x_i) is Π_i λ^{(i)}_{α_i}, each factor geometric in α_i
/// (CONVENTIONS §12; Rasmussen & Williams §4.3.1):
///
/// * rbf (exp(−(x−x′)²/(2w²)) on N(0, γ)): a = 1/(4γ), b = 1/(2w²), c = √(a² + 2ab), A = a + b + c,
///   λ_k = √(2a/A)·(b/A)^k;
/// * exp (exp(x x′/w²) on N(0, γ)), β = γ/w² < 1/2 (the operator is Hilbert–Schmidt iff 4β² < 1):
///   λ_k = λ₀ r^k with r = 2β/(1 + √(1 − 4β²)), λ₀ = (1 − r)/√(1 − 2β) — the geometric spectrum
///   whose trace Σλ_k = E[e^{βz²}] = (1 − 2β)^{−1/2} and Σλ_k² = E[e^{2βzz′}] = (1 − 4β²)^{−1/2}.
///
/// The ansatz's λ_α = c_{|α|} Π γ_i^{α_i} is their leading order in γ/w² (per coordinate
/// e^{−β}β^k for rbf, β^k for exp). Error contract: enclosure.
public struct MehlerEigenvalues: Sendable {
    /// Per rank: λ₀ and the ratio r of the geometric factor.
    let ground: Interval
    let ratios: [Interval]

    public init(kernel: HEAKernel, covariance: DataCovariance, precision p: Int) throws {
        let gamma = try covariance.enclosures(precision: p)
        var ground = Interval(1, precision: p)
        var ratios: [Interval] = []
        switch kernel {
        case .rbf(let w2):
            let b = Interval(try (2 * w2).inverted(), precision: p)
            for g in gamma {
                let a = try Interval(1, precision: p).dividing(by: Interval(4, precision: p) * g)
                let c = try (a * a + Interval(2, precision: p) * a * b).applying(.sqrt)
                let A = a + b + c
                ground = ground * (try (Interval(2, precision: p) * a).dividing(by: A).applying(.sqrt))
                ratios.append(try b.dividing(by: A))
            }
        case .exponential(let w2):
            let inverse = Interval(try w2.inverted(), precision: p)
            let one = Interval(1, precision: p), two = Interval(2, precision: p)
            for g in gamma {
                let beta = g * inverse
                guard (two * beta).upper < one.lower else {
                    throw PrismError.domain("exact eigenvalues of exp:\(w2) need every γᵢ < w²/2 (the operator is not Hilbert–Schmidt otherwise)")
                }
                let r = try (two * beta).dividing(by: one + (one - Interval(4, precision: p) * beta * beta).applying(.sqrt))
                ground = ground * (try (one - r).dividing(by: (one - two * beta).applying(.sqrt)))
                ratios.append(r)
            }
        default:
            throw PrismError.domain("--exact needs rbf:W2 or exp:W2 (kernels that factorize over coordinates), got \(kernel.name)")
        }
        self.ground = ground
        self.ratios = ratios
    }

    /// The eigenvalue of the mode with these ranks (one per unit of α).
    func eigenvalue(ranks: [Int32]) throws -> Interval {
        var x = ground
        for r in ranks { x = x * ratios[Int(r)] }
        return x
    }
}
