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
        guard !a.isEmpty, !b.isEmpty else { return accumulated(count, precision: p) { _, _ in } }
        return accumulated(count, precision: p) { lo, hi in
            withEnds(a) { al, au in
                withEnds(b) { bl, bu in prism_mpfr_interval_convolution(lo, hi, degrees.lowerBound, count, al, au, a.count, bl, bu, b.count) }
            }
        }
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
        return accumulated(rows * stride, precision: p) { lo, hi in
            withEnds(a) { al, au in
                withEnds(x) { xl, xu in prism_mpfr_interval_contraction(lo, hi, rows, n, stride, al, au, xl, xu) }
            }
        }
    }

    /// count fresh accumulators [0, 0] at precision p, filled in place by `fill` through their ends' pointers. They are not yet
    /// shared, so filling them keeps BigFloat's write-once rule.
    private static func accumulated(_ count: Int, precision p: Int,
                                    _ fill: ([UnsafeMutablePointer<__mpfr_struct>?], [UnsafeMutablePointer<__mpfr_struct>?]) -> Void) -> [Interval] {
        let lowers = (0..<count).map { _ in BigFloat(precision: p) }
        let uppers = (0..<count).map { _ in BigFloat(precision: p) }
        withExtendedLifetime((lowers, uppers)) { fill(lowers.map(\.pointer), uppers.map(\.pointer)) }
        return zip(lowers, uppers).map { Interval(uncheckedLower: $0, upper: $1) }
    }

    /// The pointers to the lower and upper ends of intervals, valid inside `body`.
    private static func withEnds(_ a: [Interval], _ body: ([UnsafePointer<__mpfr_struct>?], [UnsafePointer<__mpfr_struct>?]) -> Void) {
        withExtendedLifetime(a) { body(a.map { UnsafePointer($0.lower.pointer) }, a.map { UnsafePointer($0.upper.pointer) }) }
    }
}
