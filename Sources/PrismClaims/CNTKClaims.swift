import PrismNumbers
import PrismBases
import PrismActivations
import PrismKernels
import PrismConvolutional

/// The CNTK source's claims (Geifman et al., "On the Spectral Bias of Convolutional Neural Tangent
/// and Gaussian Process Kernels"; only its summary is at hand), checked on the kernels of
/// CONVENTIONS §11 with `PrismConvolutional`.
enum CNTKClaims {
    static var all: [Claim] { [productEigenfunctions, polynomialDecay] }

    static let source = "Geifman et al. (2022), On the Spectral Bias of Convolutional Neural Tangent and Gaussian Process Kernels (summary)"

    /// The two-pixel, one-level ReLU kernel on S² used by both checks.
    static func twoPixels() throws -> ConvolutionalArchitecture { try ConvolutionalArchitecture(channels: 3, pixels: 2, filters: [2]) }

    static let productEigenfunctions = Claim(
        id: "geifman-cntk/product-eigenfunctions", source: source,
        statement: "With normalized multi-channel input and ReLU activation, the eigenfunctions of the convolutional NNGP and NTK "
            + "with the uniform measure are products of spherical harmonics over the channels of the different pixels."
    ) {
        // If the products Π_j Y_{k_j}(x_j) are the eigenfunctions with eigenvalues λ_k, Mercer's expansion with the
        // addition theorem reads K(t) = Σ_k mult_k λ_k Π_j P_{k_j}(t_j); after the block |k| ≤ K the rest is at most the
        // sum rule's gap (λ ≥ 0, |P| ≤ 1). Checked at rational points t against the closed-form kernel.
        var v = VerdictBuilder()
        let K = 12, p = 160
        let architecture = try twoPixels()
        for kind in [KernelKind.nngp, .ntk] {
            let spectrum = try ConvolutionalSpectrum(activation: .relu, architecture: architecture, maxDegree: K, kind: kind)
            let lambda = try spectrum.enclosures(precision: p)
            let mult = try spectrum.multiplicities()
            var sum = Interval(0, precision: p)
            for (l, m) in zip(lambda, mult) { sum = sum + l * Interval(Rational(m), precision: p) }
            let gap = try spectrum.diagonal(precision: p) - sum
            for t in [(try Rational(1, 2), try Rational(-1, 3)), (try Rational(9, 10), try Rational(4, 5))] {
                let p1 = try Gegenbauer.legendreValues(upTo: K, dimension: 3, at: t.0), p2 = try Gegenbauer.legendreValues(upTo: K, dimension: 3, at: t.1)
                var series = Interval(0, precision: p)
                for (k, (l, m)) in zip(spectrum.indices, zip(lambda, mult)) where !l.isExactZero {
                    series = series + l * Interval(Rational(m) * p1[k[0]] * p2[k[1]], precision: p)
                }
                // f(u) = [√(1−u²) + β u (π − arccos u)]/π, β = 1 (NNGP), 2 (NTK)
                let u = (t.0 + t.1) / 2
                let pi = Interval.constant(.pi, precision: p)
                let root = try Interval(1 - u * u, precision: p).applying(.sqrt)
                let angle = try Interval(u, precision: p).applying(.acos)
                let beta = Interval(kind == .nngp ? 1 : 2, precision: p)
                let kernel = try (root + beta * Interval(u, precision: p) * (pi - angle)).dividing(by: pi)
                let residual = (kernel - series).magnitude
                v.compare("ReLU \(kind.rawValue), ζ = 3, P = 2, filters 2, t = (\(t.0), \(t.1)): gap after |k| ≤ \(K) vs |K(t) − Σ mult λ_k P_k1 P_k2|",
                          lhs: gap, rhs: Interval(residual), relation: .atLeast,
                          note: "K(t) = \(VerdictBuilder.show(kernel)), block sum \(VerdictBuilder.show(series))")
            }
        }
        v.evidence.append(Evidence("readouts covered", lhs: "kernels that are functions of t_j = ⟨x_j, x'_j⟩ alone",
                                   rhs: "mean over positions (CONVENTIONS §11) or a linear readout of same-position features",
                                   detail: "a global-average-pooling readout with cross-position terms ⟨x_i, x'_j⟩, i ≠ j, is not of this form and is not checked"))
        return (v.verdict, v.evidence)
    }

    static let polynomialDecay = Claim(
        id: "geifman-cntk/polynomial-decay", source: source,
        statement: "The eigenvalues decay polynomially. Checked: along rays of multi-indices the local exponents "
            + "α = ln(λ_a/λ_b)/ln(|k_b|/|k_a|) settle (ratio of consecutive windows < 1.2), as a power law's do; an exponential "
            + "decay would raise them by ln(3/2)/ln(4/3) ≈ 1.41 between the windows |k| = 8→12 and 12→16."
    ) {
        var v = VerdictBuilder()
        let p = 160
        let architecture = try twoPixels()
        for kind in [KernelKind.nngp, .ntk] {
            for (ray, indices) in [("axis", [[8, 0], [12, 0], [16, 0]]), ("diagonal", [[4, 4], [6, 6], [8, 8]])] {
                let spectrum = try ConvolutionalSpectrum(activation: .relu, architecture: architecture, indices: indices, kind: kind)
                let lambda = try spectrum.enclosures(precision: p)
                func exponent(_ a: Int, _ b: Int) throws -> Interval {
                    let na = indices[a].reduce(0, +), nb = indices[b].reduce(0, +)
                    let ratio = try lambda[a].dividing(by: lambda[b]).applying(.log)
                    return try ratio.dividing(by: Interval(try Rational(nb, na), precision: p).applying(.log))
                }
                let first = try exponent(0, 1), second = try exponent(1, 2)
                let settled = try second.dividing(by: first)
                v.compare("ReLU \(kind.rawValue), ζ = 3, P = 2, \(ray) ray: 1.2 vs α(12→16)/α(8→12)", lhs: Interval(try Rational(6, 5), precision: p),
                          rhs: settled, relation: .atLeast, note: "α(8→12) = \(VerdictBuilder.show(first)), α(12→16) = \(VerdictBuilder.show(second))")
                v.compare("ReLU \(kind.rawValue), \(ray) ray: α(12→16) vs 0 (decay)", lhs: second, rhs: Interval(0, precision: p), relation: .atLeast)
            }
        }
        return (v.verdict, v.evidence)
    }
}
