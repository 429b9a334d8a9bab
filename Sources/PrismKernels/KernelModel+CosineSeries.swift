import PrismNumbers

extension KernelModel {
    /// The kernel on the sphere ‖x‖² = q of R^d as a non-negative power series in the cosine
    /// t = ⟨x, x'⟩/q, truncated at order M, with f(1) and the proven tail of `NonnegativeSeries`
    /// (the power-series route's series: a deep kernel's through the Hermite layer, normalized or with §9's
    /// variances, or an absolutely monotone dot-product function's Taylor series).
    /// Throws `domain` for a model that route does not cover (a dot-product function that is not absolutely
    /// monotone). Error contract: enclosure.
    public func cosineSeries(order M: Int, dimension d: Int, precision p: Int) throws -> NonnegativeSeries {
        guard let route = try PowerSeriesRoute(self, dimension: d, maxDegree: 0) else {
            throw PrismError.domain("\(name): no non-negative power series in the cosine (a dot-product function must be absolutely monotone)")
        }
        let series = try route.series(order: M, precision: p)
        return kind == .nngp ? series.nngp : DeepKernel.sum(series.layers)
    }
}
