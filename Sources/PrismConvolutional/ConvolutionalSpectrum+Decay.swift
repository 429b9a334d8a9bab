import Foundation
import PrismNumbers
import PrismActivations
import PrismKernels

/// Local decay exponents of λ_k along rays of multi-indices in the first receptive field:
/// `axis` k = (n, 0, …), `diagonal` k = (n, n, 0, …), `mixed` k = (n, 1, 0, …).
///
/// Along a ray with total degree |k(n)|, the local exponent between two consecutive points of the
/// same total-degree parity whose eigenvalues are both non-zero is
///
///     α = −ln(λ_b/λ_a) / ln(|k_b|/|k_a|),
///
/// so that λ ≈ C |k|^{−α} locally. Same parity because the ReLU kernels' eigenvalues alternate in
/// size with the parity of the degree (on one sphere the odd ones vanish from degree 3 on).
/// The eigenvalues are certified; the exponent is computed in binary64 from their correctly
/// rounded doubles (a fit, not a certified quantity).
public enum ConvolutionalDecay {
    public enum Ray: String, CaseIterable, Sendable {
        case axis, diagonal, mixed

        /// The multi-index at step n on P pixels (nil when the field is too small for the ray).
        func index(_ n: Int, pixels P: Int, field W: Int) -> [Int]? {
            var k = [Int](repeating: 0, count: P)
            switch self {
            case .axis: k[0] = n
            case .diagonal: guard W >= 2 else { return nil }; k[0] = n; k[1] = n
            case .mixed: guard W >= 2 else { return nil }; k[0] = n; k[1] = 1
            }
            return k
        }
    }

    public struct Point: Sendable {
        public let ray: Ray
        public let index: [Int]
        public let totalDegree: Int
        public let value: CertifiedValue
        /// The local exponent from the previous same-parity non-zero point (nil for the first ones).
        public let exponent: Double?

        /// The exponent with 6 significant digits (a fit, not a certified value).
        public var exponentText: String? { exponent.map { String(format: "%.6g", $0) } }
    }

    /// Every ray's points with total degree ≤ K and their local exponents.
    public static func rays(activation: Activation, architecture: ConvolutionalArchitecture, maxDegree K: Int, kind: KernelKind,
                            digits D: Int) throws -> [Point] {
        var points: [(Ray, [Int])] = []
        for ray in Ray.allCases {
            var n = 0
            while let k = ray.index(n, pixels: architecture.pixels, field: architecture.receptiveField), k.reduce(0, +) <= K {
                if ray != .mixed || n >= 1 { points.append((ray, k)) }
                n += 1
            }
        }
        let spectrum = try ConvolutionalSpectrum(activation: activation, architecture: architecture, indices: points.map(\.1), kind: kind)
        let values = try spectrum.certified(digits: D)
        var out: [Point] = []
        var last: [Ray: [Int: (Int, Double)]] = [:] // per ray and parity: (total degree, value)
        for ((ray, k), v) in zip(points, values) {
            let n = k.reduce(0, +)
            var exponent: Double? = nil
            if v.double != 0 {
                if let (m, previous) = last[ray]?[n % 2], m > 0 {
                    exponent = -Foundation.log(v.double / previous) / Foundation.log(Double(n) / Double(m))
                }
                last[ray, default: [:]][n % 2] = (n, v.double)
            }
            out.append(Point(ray: ray, index: k, totalDegree: n, value: v, exponent: exponent))
        }
        return out
    }
}
