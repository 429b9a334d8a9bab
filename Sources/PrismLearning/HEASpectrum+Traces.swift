import PrismNumbers

extension HEASpectrum {
    /// Per degree ℓ = 0…L: c_ℓ, the level trace c_ℓ h_ℓ(γ) = Σ_{|α|=ℓ} λ_α (h_ℓ the complete homogeneous
    /// symmetric polynomial, by h_ℓ(γ₁…γ_j) = h_ℓ(γ₁…γ_{j−1}) + γ_j h_{ℓ−1}(γ₁…γ_j)), and the largest
    /// eigenvalue of the degree, c_ℓ γ_max^ℓ (the summability diagnostic). Error contract: enclosure.
    public func levelTraces(maxLevel L: Int, precision p: Int) throws -> [(c: Interval, trace: Interval, largest: Interval)] {
        guard L >= 0, L <= HEAKernel.maxLevel else { throw PrismError.limitExceeded("level \(L) (limit \(HEAKernel.maxLevel))") }
        let c = try kernel.levelCoefficients(maxLevel: L, q: covariance.sum, precision: p)
        let gamma = try covariance.enclosures(precision: p)
        var h = [Interval](repeating: Interval(0, precision: p), count: L + 1)
        h[0] = Interval(1, precision: p)
        if L >= 1 { for g in gamma { for l in 1...L { h[l] = h[l] + g * h[l - 1] } } }
        var power = Interval(1, precision: p)
        return (0...L).map { l in
            defer { power = power * gamma[0] }
            return (c[l], c[l] * h[l], c[l] * power)
        }
    }
}
