import Testing
import PrismNumbers
import PrismActivations
import PrismBases
@testable import PrismKernels

@Suite struct ThetaSpectrumTests {
    /// Depth 1: the θ route (angle recursion, Fourier moments) contains the exact arc-cosine
    /// eigenvalues, NNGP and NTK, on the circle, S², S⁴ and S⁹.
    @Test(arguments: [2, 3, 5, 10])
    func depthOneContainsExactEigenvalues(_ d: Int) throws {
        for kind in [KernelKind.nngp, .ntk] {
            let exact = try #require(try ArcCosineSpectrum.eigenvalues(kind: kind, dimension: d, maxDegree: 8))
            let theta = try ThetaSpectrum(dimension: d, maxDegree: 8, kind: kind, depth: 1).eigenvalues(precision: 60)
            for k in 0...8 {
                let value = try exact[k].enclosure(precision: 200)
                #expect(theta[k].contains(value), "\(kind) d = \(d) k = \(k): \(exact[k]) vs \(theta[k])")
                #expect(theta[k].isExactZero || theta[k].width < BigFloat(1).scaled(byPowerOfTwo: -56))
            }
        }
    }
}
