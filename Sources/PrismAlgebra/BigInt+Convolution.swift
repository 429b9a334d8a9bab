import PrismNumbers

/// Integer convolutions by Kronecker substitution (signed digits): the products of `RationalSeries`,
/// one GMP multiplication each instead of n·m.
extension BigInt {
    /// The first `count` terms of the convolution of integer sequences a and b (any signs), by one
    /// multiplication of packed integers: with k = 64·slot bits per slot and |cⱼ| < 2^{k−1}, the packed
    /// product Σ cⱼ 2^{kj} plus the bias Σ 2^{k−1} 2^{kj} has the digits cⱼ + 2^{k−1} ∈ [0, 2^k).
    public static func convolution(_ a: [BigInt], _ b: [BigInt], count n: Int) -> [BigInt] {
        let a = Array(a.prefix(n)), b = Array(b.prefix(n))
        let bitsA = a.map(\.bitWidth).max() ?? 0, bitsB = b.map(\.bitWidth).max() ?? 0
        guard bitsA > 0, bitsB > 0 else { return [BigInt](repeating: BigInt(0), count: n) }
        let slot = slotLimbs(bitsA + bitsB, terms: Swift.min(a.count, b.count))
        return unpackSigned(packSigned(a, slot: slot) * packSigned(b, slot: slot), slot: slot, length: a.count + b.count - 1, count: n)
    }

    /// Limbs per slot for sums of `terms` products below 2^bits in magnitude, plus a sign bit.
    private static func slotLimbs(_ bits: Int, terms: Int) -> Int {
        let countBits = Int.bitWidth - Swift.max(1, terms).leadingZeroBitCount
        return (bits + countBits + 1 + 63) / 64
    }

    /// Σ cᵢ 2^{64·slot·i} for signed cᵢ.
    private static func packSigned(_ c: [BigInt], slot: Int) -> BigInt {
        let zero = BigInt(0)
        let positive = c.map { $0.signum > 0 ? $0 : zero }
        guard c.contains(where: { $0.signum < 0 }) else { return BigInt.packed(positive, slotLimbs: slot) }
        let negative = c.map { $0.signum < 0 ? -$0 : zero }
        return BigInt.packed(positive, slotLimbs: slot) - BigInt.packed(negative, slotLimbs: slot)
    }

    /// Digits 0…count−1 of x = Σ_{j<length} cⱼ 2^{kj}, |cⱼ| < 2^{k−1}, k = 64·slot (0 beyond length).
    private static func unpackSigned(_ x: BigInt, slot: Int, length: Int, count: Int) -> [BigInt] {
        let half = BigInt(1).shiftedLeft(64 * slot - 1)
        let biased = x + BigInt.packed([BigInt](repeating: half, count: length), slotLimbs: slot)
        var digits = biased.unpacked(slotLimbs: slot, count: Swift.min(count, length)).map { $0 - half }
        if count > length { digits.append(contentsOf: [BigInt](repeating: BigInt(0), count: count - length)) }
        return digits
    }
}
