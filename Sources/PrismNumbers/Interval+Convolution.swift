import _CPrismGMP

extension Interval {
    /// Coefficients of the product of two interval sequences (polynomials):
    ///
    ///     c_n = Σ_{i+j=n} a_i·b_j,   n ∈ degrees,
    ///
    /// at precision p (the result's; the inputs' largest precision is the sensible choice). A degree below 0
    /// or beyond both sequences gets [0, 0].
    /// Algorithm: the schoolbook sums, each term's interval product (the sign cases of `*`) rounded
    /// outward at p and accumulated in place by MPFR (`prism_mpfr_interval_convolution`): no allocation
    /// per term, which is what makes the Hermite integrator's N·K boundary sums cheap.
    ///
    /// Error contract: enclosure — c_n lies in the result for any points of the a_i and b_j (each
    /// product and sum is rounded outward, as `*` and `+` do).
    public static func convolution(_ a: [Interval], _ b: [Interval], degrees: Range<Int>, precision p: Int) -> [Interval] {
        let count = degrees.count
        guard count > 0 else { return [] }
        let lowers = (0..<count).map { _ in BigFloat(precision: p) }
        let uppers = (0..<count).map { _ in BigFloat(precision: p) }
        guard !a.isEmpty, !b.isEmpty else { return zip(lowers, uppers).map { Interval(uncheckedLower: $0, upper: $1) } }
        // The accumulators are fresh and not yet shared: filling them in place keeps BigFloat's write-once rule.
        withExtendedLifetime((a, b, lowers, uppers)) {
            let lo: [UnsafeMutablePointer<__mpfr_struct>?] = lowers.map(\.pointer)
            let hi: [UnsafeMutablePointer<__mpfr_struct>?] = uppers.map(\.pointer)
            let al: [UnsafePointer<__mpfr_struct>?] = a.map { UnsafePointer($0.lower.pointer) }
            let au: [UnsafePointer<__mpfr_struct>?] = a.map { UnsafePointer($0.upper.pointer) }
            let bl: [UnsafePointer<__mpfr_struct>?] = b.map { UnsafePointer($0.lower.pointer) }
            let bu: [UnsafePointer<__mpfr_struct>?] = b.map { UnsafePointer($0.upper.pointer) }
            prism_mpfr_interval_convolution(lo, hi, degrees.lowerBound, count, al, au, a.count, bl, bu, b.count)
        }
        return zip(lowers, uppers).map { Interval(uncheckedLower: $0, upper: $1) }
    }

    /// The contraction of a table a (rows·n·stride entries, index (r·n + i)·stride + c) with x (n entries) along its middle index:
    ///
    ///     out_{r·stride + c} = Σ_{i<n} a_{(r·n + i)·stride + c} · x_i,
    ///
    /// at precision p, each term accumulated in place by MPFR (`prism_mpfr_interval_contraction`), as `convolution` does.
    ///
    /// Error contract: enclosure, as for `convolution`.
    public static func contraction(_ a: [Interval], with x: [Interval], stride: Int, precision p: Int) -> [Interval] {
        let n = x.count
        precondition(n > 0 && stride > 0 && a.count % (n * stride) == 0, "contraction: \(a.count) entries are not rows × \(n) × \(stride)")
        let rows = a.count / (n * stride)
        let lowers = (0..<(rows * stride)).map { _ in BigFloat(precision: p) }
        let uppers = (0..<(rows * stride)).map { _ in BigFloat(precision: p) }
        withExtendedLifetime((a, x, lowers, uppers)) {
            let lo: [UnsafeMutablePointer<__mpfr_struct>?] = lowers.map(\.pointer)
            let hi: [UnsafeMutablePointer<__mpfr_struct>?] = uppers.map(\.pointer)
            let al: [UnsafePointer<__mpfr_struct>?] = a.map { UnsafePointer($0.lower.pointer) }
            let au: [UnsafePointer<__mpfr_struct>?] = a.map { UnsafePointer($0.upper.pointer) }
            let xl: [UnsafePointer<__mpfr_struct>?] = x.map { UnsafePointer($0.lower.pointer) }
            let xu: [UnsafePointer<__mpfr_struct>?] = x.map { UnsafePointer($0.upper.pointer) }
            prism_mpfr_interval_contraction(lo, hi, rows, n, stride, al, au, xl, xu)
        }
        return zip(lowers, uppers).map { Interval(uncheckedLower: $0, upper: $1) }
    }
}
