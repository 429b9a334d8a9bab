import Testing
import PrismNumbers
@testable import PrismKernels

@Suite struct PowerSeriesRouteTests {
    /// The series Σ c_m t^m, m ≤ M, as point enclosures at 200 bits.
    static func series(_ c: (Int) -> Rational, order M: Int) -> NonnegativeSeries {
        NonnegativeSeries(coefficients: (0...M).map { Interval(c($0), precision: 200) }, valueAtOne: Interval(1, precision: 200))
    }

    /// The prediction that only chooses the next order: geometric coefficients 2^{−m} have terms beyond M
    /// summing to 2^{−M}, negligible against a tail 2^{−M+8} (rounding) but not against 2^{−M}
    /// (truncation); for m^{−3/2}, whose terms beyond M are about 2M^{−1/2}, they are never negligible
    /// against that true tail, nor when coefficients do not decrease.
    @Test func termsBeyondOrderNegligible() throws {
        let M = 200
        let geometric = Self.series({ Rational(1) / Rational(BigInt(1).shiftedLeft($0)) }, order: M)
        #expect(PowerSeriesRoute.termsBeyondOrderNegligible(geometric, tail: BigFloat(1, precision: 64).scaled(byPowerOfTwo: -M + 8)))
        #expect(!PowerSeriesRoute.termsBeyondOrderNegligible(geometric, tail: BigFloat(1, precision: 64).scaled(byPowerOfTwo: -M)))
        let slow = Self.series({ m in m == 0 ? 1 : Rational(1) / Rational(BigInt(m).multiplied(by: m)) * Rational(Int((Double(m).squareRoot() * 1e6).rounded())) / Rational(1_000_000) }, order: M)
        let slowTail = BigFloat(2, precision: 64).multiplied(by: BigFloat(1 / Double(M).squareRoot()), precision: 64, rounding: .down)
        #expect(!PowerSeriesRoute.termsBeyondOrderNegligible(slow, tail: slowTail))
        let flat = Self.series({ _ in Rational(1) / Rational(1000) }, order: M)
        #expect(!PowerSeriesRoute.termsBeyondOrderNegligible(flat, tail: BigFloat(1, precision: 64).scaled(byPowerOfTwo: -100)))
    }
}
