import PrismNumbers
import PrismAlgebra
import PrismIntegration

extension SphereSpectrum {
    /// μ_k = c_d ∫₀^π f(θ) P_k^{(d)}(cos θ) sin^{d−2}θ dθ by certified quadrature, for a kernel given as an
    /// expression in θ (the variable x = θ, so that arccos and √(1−t²) become analytic: the ReLU kernel is
    /// (sin x + (π − x) cos x)/π) that is analytic on a neighbourhood of [0, π]. The Funk–Hecke integral of
    /// the θ route (`ThetaSpectrum`): f's Fourier moments on the shared integration layer (`FourierMoments`),
    /// against the exact angular weights of P_k(cos θ) sin^{d−2}θ. An independent check of the power-series
    /// and exact routes. Error contract: enclosure, to absolute accuracy about 2^{−p}.
    public static func quadratureEigenvalue(kernelInTheta f: RealExpression, dimension d: Int, degree k: Int, precision p: Int) throws -> Interval {
        guard d >= 2, k >= 0 else { throw PrismError.domain("dimension must be ≥ 2 and degree ≥ 0, got d = \(d), k = \(k)") }
        let wp = p + 40, K = Swift.min(120, Swift.max(16, (p + 40) / 4))
        let J = k + d - 2
        let series: (PowerSeries<Interval>) throws -> [PowerSeries<Interval>] = { [try f.powerSeries(at: $0)] }
        let moments = try FourierMoments.integrate(
            components: 1, maxFrequency: J, accuracyBits: p + 4 + (Int.bitWidth - d.leadingZeroBitCount), precision: wp, order: K,
            pieces: Swift.max(8, Int((Double(J) * Double.pi / 12).rounded(.up))), atPoint: series, overPiece: series)
        return try ThetaSpectrum.funkHecke(moments, dimension: d, maxDegree: k, precision: wp)[0][k]
    }
}
