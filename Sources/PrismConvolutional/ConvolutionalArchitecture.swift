import PrismNumbers
import PrismBases

/// A non-overlapping hierarchical convolutional network on P pixels of ζ normalized channels
/// (CONVENTIONS §11): filter sizes q_1, …, q_L with stride equal to the filter, Π q_ℓ dividing P.
///
/// Level ℓ groups q_ℓ consecutive positions of level ℓ − 1; a readout position (a node of level L)
/// sees W = Π q_ℓ consecutive pixels, its receptive field, and there are R = P/W of them.
///
/// **Locality.** The kernel is K(t) = R⁻¹ Σ_r K_r(t_{field r}), each K_r a function of its own
/// field's t_j only. The t_j are independent and E[P_k^{(ζ)}(t_j)] = δ_{k0}, so for a multi-index k
/// whose support {j : k_j > 0} is not inside one field every term
/// E[K_r Π_j P_{k_j}(t_j)] = E[K_r Π_{j∈r} P_{k_j}(t_j)] · Π_{j∉r} E[P_{k_j}(t_j)] has a factor 0:
/// λ_k = 0 exactly, by this proof and not by a computed small number. When the support lies in
/// field r, λ_k = R⁻¹ E[K_r Π_{j∈r} P_{k_j}(t_j)], the same function of the restricted multi-index
/// for every field (all fields compute the same function of their own pixels).
///
/// Error contract: exact (integers and a proof of zero).
public struct ConvolutionalArchitecture: Sendable, Equatable {
    /// ζ, the channels per pixel (each pixel lies on S^{ζ−1}).
    public let channels: Int
    /// P, the number of pixels.
    public let pixels: Int
    /// q_1, …, q_L.
    public let filters: [Int]

    /// The largest number of pixels, of channels and of levels accepted.
    public static let maxPixels = 64
    public static let maxChannels = 2000
    public static let maxLevels = 8
    /// The largest number of multi-indices a block may have.
    public static let maxIndices = 200_000

    public init(channels ζ: Int, pixels P: Int, filters: [Int]) throws {
        guard ζ >= 2 else { throw PrismError.domain("channels ζ must be ≥ 2 (each pixel lies on S^(ζ−1)), got \(ζ)") }
        guard ζ <= ConvolutionalArchitecture.maxChannels else { throw PrismError.limitExceeded("channels \(ζ) (limit \(ConvolutionalArchitecture.maxChannels))") }
        guard P >= 1 else { throw PrismError.domain("pixels P must be ≥ 1, got \(P)") }
        guard P <= ConvolutionalArchitecture.maxPixels else { throw PrismError.limitExceeded("pixels \(P) (limit \(ConvolutionalArchitecture.maxPixels))") }
        guard !filters.isEmpty else { throw PrismError.domain("at least one filter size is needed (--filters q1,q2,…)") }
        guard filters.count <= ConvolutionalArchitecture.maxLevels else { throw PrismError.limitExceeded("\(filters.count) levels (limit \(ConvolutionalArchitecture.maxLevels))") }
        if let bad = filters.first(where: { $0 < 1 }) { throw PrismError.domain("filter sizes must be ≥ 1, got \(bad)") }
        var field = 1
        for q in filters {
            guard q <= P, field * q <= P else {
                throw PrismError.domain("the product of the filter sizes \(filters.map(String.init).joined(separator: ",")) exceeds the \(P) pixels")
            }
            field *= q
        }
        guard P % field == 0 else { throw PrismError.domain("the product of the filter sizes (\(field)) must divide the number of pixels (\(P))") }
        channels = ζ
        pixels = P
        self.filters = filters
    }

    /// L, the number of levels (activations).
    public var levels: Int { filters.count }
    /// W = Π q_ℓ, the pixels a readout position sees.
    public var receptiveField: Int { filters.reduce(1, *) }
    /// R = P/W, the number of readout positions.
    public var readouts: Int { pixels / receptiveField }

    /// The field holding the support of k, or nil when the support spans two fields (then λ_k = 0
    /// by locality). A multi-index with empty support (k = 0) belongs to field 0.
    public func field(of k: [Int]) -> Int? {
        let W = receptiveField
        var field: Int? = nil
        for (j, kj) in k.enumerated() where kj > 0 {
            let f = j / W
            if let g = field, g != f { return nil }
            field = f
        }
        return field ?? 0
    }

    /// The restriction of k to its field (W entries), or nil when λ_k = 0 by locality.
    public func restricted(_ k: [Int]) -> [Int]? {
        guard let f = field(of: k) else { return nil }
        let W = receptiveField
        return Array(k[(f * W)..<((f + 1) * W)])
    }

    /// Π_j N(ζ, k_j), the multiplicity of λ_k.
    public func multiplicity(_ k: [Int]) throws -> BigInt {
        var product = BigInt(1)
        for kj in k { product = product * (try Sphere.multiplicity(dimension: channels, degree: kj)) }
        return product
    }

    /// Every multi-index k ∈ ℕ^P with Σ k_j ≤ K in the CONTRACT's canonical order: by total degree,
    /// then lexicographically (ascending).
    public func multiIndices(maxDegree K: Int) throws -> [[Int]] {
        guard K >= 0 else { throw PrismError.domain("max degree must be ≥ 0, got \(K)") }
        // binom(K + P, P) indices; refuse before enumerating.
        var count = 1.0
        for i in 1...pixels { count = count * Double(K + i) / Double(i) }
        guard count <= Double(ConvolutionalArchitecture.maxIndices) else {
            throw PrismError.limitExceeded("\(Int(count.rounded())) multi-indices for P = \(pixels), K = \(K) (limit \(ConvolutionalArchitecture.maxIndices))")
        }
        var out: [[Int]] = []
        for n in 0...K { ConvolutionalArchitecture.compositions(of: n, into: pixels, prefix: [], into: &out) }
        return out
    }

    /// The compositions of n into `parts` non-negative parts, in ascending lexicographic order.
    static func compositions(of n: Int, into parts: Int, prefix: [Int], into out: inout [[Int]]) {
        if parts == 1 { out.append(prefix + [n]); return }
        for first in 0...n { compositions(of: n - first, into: parts - 1, prefix: prefix + [first], into: &out) }
    }

    /// "k1,k2,…", the CONTRACT's multi-index string.
    public static func indexString(_ k: [Int]) -> String { k.map(String.init).joined(separator: ",") }
}
