import Testing
@testable import PrismNumbers

@Suite struct IntervalConvolutionTests {
    /// A random interval at precision p: a point, one of either sign, or one straddling 0.
    static func randomInterval(precision p: Int, using g: inout SplitMix64) throws -> (Interval, Rational) {
        let a = Rational.random(maxDigits: 12, using: &g)
        switch Int.random(in: 0..<4, using: &g) {
        case 0: return (Interval(a, precision: p), a)
        case 1: return (try Interval(lower: BigFloat(a - 1, precision: p, rounding: .down), upper: BigFloat(a + 1, precision: p, rounding: .up)), a)
        case 2: return (try Interval(lower: BigFloat(-a.magnitude - 1, precision: p, rounding: .down),
                                     upper: BigFloat(a.magnitude + 1, precision: p, rounding: .up)), a) // contains 0
        default: return (Interval(0, precision: p), 0)
        }
    }

    /// The in-place convolution gives the very intervals of the schoolbook sums with `*` and `+` (the
    /// same roundings in the same order), contains the exact convolution of points of the inputs, and
    /// gives [0, 0] outside the product's degrees.
    @Test func equalsTheSchoolbookSumsAndContainsTheExactOnes() throws {
        var g = SplitMix64(seed: 17)
        for _ in 0..<60 {
            let p = Int.random(in: 2...300, using: &g)
            let na = Int.random(in: 1...9, using: &g), nb = Int.random(in: 1...12, using: &g)
            let a = try (0..<na).map { _ in try Self.randomInterval(precision: p, using: &g) }
            let b = try (0..<nb).map { _ in try Self.randomInterval(precision: p, using: &g) }
            let first = Int.random(in: -2...3, using: &g), last = Int.random(in: first...(na + nb + 1), using: &g)
            let c = Interval.convolution(a.map(\.0), b.map(\.0), degrees: first..<last, precision: p)
            #expect(c.count == last - first)
            for n in first..<last {
                var schoolbook = Interval(0, precision: p)
                var exact = Rational(0)
                for i in 0..<na where n - i >= 0 && n - i < nb {
                    schoolbook = schoolbook + a[i].0 * b[n - i].0
                    exact = exact + a[i].1 * b[n - i].1
                }
                let value = c[n - first]
                #expect(value == schoolbook, "c_\(n) at \(p) bits: \(value) vs \(schoolbook)")
                #expect(value.contains(exact))
                #expect(value.precision == p)
            }
        }
        let empty = Interval.convolution([Interval(1, precision: 53)], [], degrees: 0..<3, precision: 53)
        #expect(empty.count == 3 && empty.allSatisfy { $0.isExactZero })
        #expect(Interval.convolution([Interval(1, precision: 53)], [Interval(2, precision: 53)], degrees: 0..<0, precision: 53).isEmpty)
    }

    /// The in-place contraction along a table's middle index gives the very intervals of the sums with `*` and `+` over
    /// i < n (same roundings, same order) and contains the exact sums of points of the inputs.
    @Test func contractionEqualsTheSumsAndContainsTheExactOnes() throws {
        var g = SplitMix64(seed: 29)
        for _ in 0..<40 {
            let p = Int.random(in: 2...300, using: &g)
            let rows = Int.random(in: 1...4, using: &g), n = Int.random(in: 1...6, using: &g), stride = Int.random(in: 1...5, using: &g)
            let a = try (0..<(rows * n * stride)).map { _ in try Self.randomInterval(precision: p, using: &g) }
            let x = try (0..<n).map { _ in try Self.randomInterval(precision: p, using: &g) }
            let c = Interval.contraction(a.map(\.0), with: x.map(\.0), stride: stride, precision: p)
            #expect(c.count == rows * stride)
            for r in 0..<rows {
                for s in 0..<stride {
                    var sum = Interval(0, precision: p)
                    var exact = Rational(0)
                    for i in 0..<n {
                        let m = (r * n + i) * stride + s
                        sum = sum + a[m].0 * x[i].0
                        exact = exact + a[m].1 * x[i].1
                    }
                    let value = c[r * stride + s]
                    #expect(value == sum, "row \(r), column \(s) at \(p) bits: \(value) vs \(sum)")
                    #expect(value.contains(exact) && value.precision == p)
                }
            }
        }
    }
}
