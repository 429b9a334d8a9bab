import Testing
@testable import PrismNumbers

@Suite struct KroneckerTests {
    /// A deterministic stream of non-negative integers of up to `bits` bits (xorshift).
    struct Stream {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        mutating func next(bits: Int) -> BigInt {
            var x = BigInt(0)
            for _ in 0..<((bits + 63) / 64) {
                state ^= state << 13; state ^= state >> 7; state ^= state << 17
                x = x.shiftedLeft(64) + BigInt(state)
            }
            return x.shiftedRight(64 * ((bits + 63) / 64) - bits, rounding: .down)
        }
    }

    @Test func packUnpackRoundTrip() {
        var stream = Stream()
        for (count, bits, slot) in [(1, 5, 1), (7, 64, 1), (30, 130, 3), (100, 300, 5)] {
            let c = (0..<count).map { i in i % 5 == 0 ? BigInt(0) : stream.next(bits: bits) }
            let packed = BigInt.packed(c, slotLimbs: slot)
            #expect(packed.unpacked(slotLimbs: slot, count: count) == c)
            // Slots beyond the last are 0.
            let beyond = packed.unpacked(slotLimbs: slot, count: count + 3).suffix(3)
            #expect(beyond.allSatisfy { $0.signum == 0 })
        }
    }

    /// One multiplication of packed integers equals the schoolbook convolution when slots are wide enough.
    @Test func productOfPackedIsConvolution() {
        var stream = Stream()
        for (m, n, bits) in [(1, 1, 10), (5, 9, 70), (40, 33, 200), (120, 120, 128)] {
            let a = (0..<m).map { _ in stream.next(bits: bits) }, b = (0..<n).map { _ in stream.next(bits: bits) }
            var convolution = [BigInt](repeating: 0, count: m + n - 1)
            for i in 0..<m { for j in 0..<n { convolution[i + j] = convolution[i + j] + a[i] * b[j] } }
            let countBits = Int.bitWidth - Swift.min(m, n).leadingZeroBitCount
            let slot = (2 * bits + countBits + 1 + 63) / 64
            let product = BigInt.packed(a, slotLimbs: slot) * BigInt.packed(b, slotLimbs: slot)
            #expect(product.unpacked(slotLimbs: slot, count: m + n - 1) == convolution, "\(m)×\(n), \(bits) bits")
        }
    }

    @Test func shiftsAndFixedPoint() throws {
        #expect(BigInt(-7).shiftedRight(1, rounding: .down) == BigInt(-4))
        #expect(BigInt(-7).shiftedRight(1, rounding: .up) == BigInt(-3))
        #expect(BigInt(7).shiftedRight(1, rounding: .up) == BigInt(4))
        #expect(BigInt(8).shiftedRight(3, rounding: .up) == BigInt(1))
        // 1/3 at 200 bits with 10 fractional bits: ⌊1024/3⌋ = 341, ⌈1024/3⌉ = 342.
        let third = try Interval(1, precision: 200).dividing(by: Interval(3, precision: 200))
        #expect(third.lower.fixedPoint(fractionBits: 10, rounding: .down) == BigInt(341))
        #expect(third.upper.fixedPoint(fractionBits: 10, rounding: .up) == BigInt(342))
        #expect(BigFloat(-2.5).fixedPoint(fractionBits: 0, rounding: .down) == BigInt(-3))
        #expect(BigFloat(-2.5).fixedPoint(fractionBits: 0, rounding: .up) == BigInt(-2))
        #expect(BigFloat(3).fixedPoint(fractionBits: 4, rounding: .down) == BigInt(48))
    }
}
