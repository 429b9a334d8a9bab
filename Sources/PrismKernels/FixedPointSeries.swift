import PrismNumbers

/// A truncated power series Σ_{m≤M} c_m ρ^m with non-negative coefficients, held as two fixed-point
/// integer sequences with w fractional bits: lower[m]·2^{−w} ≤ c_m ≤ upper[m]·2^{−w}.
///
/// The deep kernels are sums, products and compositions of such series, and with every coefficient
/// ≥ 0 a product of lower bounds is a lower bound of the product (and likewise for upper bounds), so
/// the two sequences are propagated independently, rounded down and up. A product is one GMP
/// multiplication by Kronecker substitution (`BigInt.packed`): O(M·w log) instead of the M²/2
/// interval multiplications of the schoolbook product, which made orders ~1000 (what tanh's slowly
/// decaying coefficients need) too slow. Error contract: enclosure of the exact truncated computation.
struct FixedPointSeries {
    var lower: [BigInt]
    var upper: [BigInt]
    let fractionBits: Int

    var order: Int { lower.count - 1 }

    /// From enclosures of non-negative coefficients (a lower endpoint below 0 is raised to 0).
    init(_ enclosures: [Interval], fractionBits w: Int) throws {
        fractionBits = w
        lower = try enclosures.map { c in
            guard let v = c.lower.fixedPoint(fractionBits: w, rounding: .down) else { throw PrismError.limitExceeded("fixed-point coefficient") }
            return v.signum < 0 ? BigInt(0) : v
        }
        upper = try enclosures.map { c in
            guard let v = c.upper.fixedPoint(fractionBits: w, rounding: .up), v.signum >= 0 else {
                throw PrismError.notCertified("a non-negative series coefficient with a negative upper bound")
            }
            return v
        }
    }

    init(lower: [BigInt], upper: [BigInt], fractionBits w: Int) {
        self.lower = lower
        self.upper = upper
        fractionBits = w
    }

    /// The series ρ truncated at order M.
    static func variable(order M: Int, fractionBits w: Int) -> FixedPointSeries {
        var c = [BigInt](repeating: BigInt(0), count: M + 1)
        if M >= 1 { c[1] = BigInt(1).shiftedLeft(w) }
        return FixedPointSeries(lower: c, upper: c, fractionBits: w)
    }

    /// The constant a (given as fixed-point bounds) truncated at order M.
    static func constant(lower a: BigInt, upper b: BigInt, order M: Int, fractionBits w: Int) -> FixedPointSeries {
        var lo = [BigInt](repeating: BigInt(0), count: M + 1), up = lo
        lo[0] = a
        up[0] = b
        return FixedPointSeries(lower: lo, upper: up, fractionBits: w)
    }

    var isVariable: Bool {
        let one = BigInt(1).shiftedLeft(fractionBits)
        return lower.indices.allSatisfy { m in
            let expected = m == 1 ? one : BigInt(0)
            return lower[m] == expected && upper[m] == expected
        }
    }

    func adding(_ other: FixedPointSeries) -> FixedPointSeries {
        FixedPointSeries(lower: zip(lower, other.lower).map { $0 + $1 }, upper: zip(upper, other.upper).map { $0 + $1 },
                         fractionBits: fractionBits)
    }

    /// The product truncated at this series' order.
    func multiplied(by other: FixedPointSeries) -> FixedPointSeries {
        let M = order
        return FixedPointSeries(lower: FixedPointSeries.product(lower, other.lower, order: M, shift: fractionBits, rounding: .down),
                                upper: FixedPointSeries.product(upper, other.upper, order: M, shift: fractionBits, rounding: .up),
                                fractionBits: fractionBits)
    }

    /// (a ⋆ b)_m / 2^shift rounded, m = 0…M, for a, b ≥ 0, by one multiplication of packed integers.
    static func product(_ a: [BigInt], _ b: [BigInt], order M: Int, shift: Int, rounding: RoundingDirection) -> [BigInt] {
        let a = Array(a.prefix(M + 1)), b = Array(b.prefix(M + 1))
        let bitsA = a.map(\.bitWidth).max() ?? 0, bitsB = b.map(\.bitWidth).max() ?? 0
        // Every convolution sum is below min(len)·2^{bitsA+bitsB}.
        let countBits = Int.bitWidth - Swift.max(1, Swift.min(a.count, b.count)).leadingZeroBitCount
        let slot = (bitsA + bitsB + countBits + 1 + 63) / 64
        let full = BigInt.packed(a, slotLimbs: slot) * BigInt.packed(b, slotLimbs: slot)
        return full.unpacked(slotLimbs: slot, count: M + 1).map { $0.shiftedRight(shift, rounding: rounding) }
    }

    /// (Σᵢ λᵢ·sᵢ)_m / 2^shift rounded, m = 0…M, for scalars λᵢ ≥ 0 and series sᵢ ≥ 0 given packed with
    /// `slot` limbs (wide enough for every sum): i multiplications of a machine-size-times-long integer.
    static func combination(_ scalars: [BigInt], _ packedSeries: [BigInt], slotLimbs slot: Int, order M: Int, shift: Int,
                            rounding: RoundingDirection) -> [BigInt] {
        var sum = BigInt(0)
        for (lambda, series) in zip(scalars, packedSeries) where !lambda.isZero { sum = sum + lambda * series }
        return sum.unpacked(slotLimbs: slot, count: M + 1).map { $0.shiftedRight(shift, rounding: rounding) }
    }

    /// Enclosures of the coefficients at precision p (exact when p covers their bits).
    func intervals(precision p: Int) throws -> [Interval] {
        try zip(lower, upper).map { lo, up in
            try Interval(lower: BigFloat(lo, precision: p, rounding: .down).scaled(byPowerOfTwo: -fractionBits),
                          upper: BigFloat(up, precision: p, rounding: .up).scaled(byPowerOfTwo: -fractionBits))
        }
    }
}
