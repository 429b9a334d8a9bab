import PrismNumbers
import PrismLearning

/// The blog's Hermite eigenstructure statement (CONVENTIONS §12), checked against kernels whose exact
/// eigensystem on Gaussian data is known: rbf and exp factorize over coordinates, and each factor's
/// Mehler spectrum is exact (`MehlerEigenvalues`).
enum HEAClaims {
    static var all: [Claim] { [hermiteEigensystem] }

    /// "When the data is Gaussian and the level coefficients decay quickly, … the Hermite polynomials
    /// [are the] kernel eigenfunctions", with eigenvalues c_{|α|} Π γ_i^{α_i}. If h_k(x/√γ) were
    /// eigenfunctions, the eigenvalues would be the ansatz's; compare with the exact ones for rbf and exp in
    /// one dimension, from γ/w² = 1/4 down to 1/256 (where c_ℓ γ^ℓ decays fastest).
    static let hermiteEigensystem = Claim(
        id: "simon-blog/hea-eigenfunctions",
        source: "Simon blog, \"Dot-product kernels have polynomial features\" (Karkada, Turnbull et al.)",
        statement: "On Gaussian data N(0, diag γ) the kernel's eigenfunctions are the Hermite polynomials Π h_{α_i}(x_i/√γ_i), with eigenvalues c_{|α|} Π γ_i^{α_i}"
    ) {
        var builder = VerdictBuilder()
        for kernel in [HEAKernel.rbf(widthSquared: 1), .exponential(widthSquared: 1)] {
            for gamma in [try Rational(1, 4), try Rational(1, 16), try Rational(1, 256)] {
                let covariance = try DataCovariance([gamma])
                let spectrum = try HEASpectrum(kernel: kernel, covariance: covariance, modes: 3)
                let listing = try spectrum.listing()
                let ansatz = try spectrum.eigenvalues(listing, precision: 128)
                let exact = try spectrum.exactEigenvalues(listing, precision: 128)
                for (i, mode) in listing.modes.prefix(3).enumerated() {
                    let ratio = try ansatz[i].dividing(by: exact[i])
                    builder.compare("\(kernel.name), γ = \(gamma), k = \(mode.degree)", lhs: ansatz[i], rhs: exact[i], relation: .overlaps,
                                    note: "ansatz/exact = \(VerdictBuilder.show(ratio))")
                }
            }
        }
        return (builder.verdict, builder.evidence)
    }
}
