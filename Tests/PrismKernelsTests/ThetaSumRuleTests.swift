import Testing
import PrismNumbers
import PrismBases
import PrismActivations
@testable import PrismKernels

/// The θ-route sum rules f(1) and E_t[f²] = c_d ∫ f² sin^{d−2}θ (`ThetaSpectrum.sumRules`), which certify the
/// effective dimension of deep arc-cosine kernels.
@Suite struct ThetaSumRuleTests {
    /// At depth 1 they must contain the exact sum rules (an elementary integral in π, computed symbolically
    /// by `ArcCosineSpectrum.sumRules`: a different method), for the whole family, NNGP and NTK.
    @Test(arguments: [3, 5])
    func depthOneContainsTheExactSums(_ d: Int) throws {
        let cases: [(Activation, KernelKind)] = [(.relu, .nngp), (.relu, .ntk), (.abs, .nngp), (.abs, .ntk),
                                                 (.leakyRelu(Rational(1) / Rational(10)), .ntk), (.step, .nngp)]
        // (sign is left out: its angle recursion's remainder near θ = π does not shrink, and the θ route
        // exits 1 for it — its depth-1 sums are exact anyway.)
        for (sigma, kind) in cases {
            let theta = try ThetaSpectrum(model: KernelModel(activation: sigma, kind: kind), dimension: d, maxDegree: 0)
            let (first, second): (Interval, Interval)
            do { (first, second) = try theta.sumRules(precision: 80) } catch { Issue.record("\(sigma.name) \(kind): \(error)"); continue }
            let exact = try #require(try ArcCosineSpectrum.sumRules(activation: sigma, kind: kind, dimension: d))
            let p = 200
            #expect(first.contains(try exact.first.enclosure(precision: p)), "\(sigma.name) \(kind) d=\(d): f(1)")
            #expect(second.contains(try exact.second.enclosure(precision: p)), "\(sigma.name) \(kind) d=\(d): E[f²]")
            #expect(second.width.exponent < -70, "\(sigma.name) \(kind): E[f²] to about 2^-80")
        }
    }

    /// Deep kernels: the sums bound every partial sum of the θ route's own eigenvalues from above
    /// (Σ_{k≤K} N μ_k ≤ f(1), Σ N μ_k² ≤ E_t[f²]), and two precisions overlap.
    @Test func deepKernelsBoundTheirPartialSums() throws {
        for (depth, kind) in [(2, KernelKind.nngp), (3, .ntk)] {
            let theta = try ThetaSpectrum(model: KernelModel(activation: .relu, kind: kind, depth: depth), dimension: 4, maxDegree: 12)
            let (first, second) = try theta.sumRules(precision: 60)
            let (first2, second2) = try theta.sumRules(precision: 97)
            #expect(first.overlaps(first2) && second.overlaps(second2))
            let mu = try theta.eigenvalues(precision: 60)
            var s1 = Interval(0, precision: 60), s2 = Interval(0, precision: 60)
            for (k, m) in mu.enumerated() {
                let n = Interval(Rational(try Sphere.multiplicity(dimension: 4, degree: k)), precision: 60)
                s1 = s1 + n * m
                s2 = s2 + n * m * m
            }
            #expect(s1.lower <= first.upper && s2.lower <= second.upper)
            #expect(s2.upper < second.lower, "the degrees above 12 carry mass")
        }
    }
}
