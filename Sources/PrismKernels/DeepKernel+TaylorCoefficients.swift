import Foundation
import PrismNumbers
import PrismActivations

extension DeepKernel {
    /// Enclosures of the Taylor coefficients f_0…f_L (L = `order`) at cosine t = 0 of the deep kernels of `series`
    /// (variances nil, CONVENTIONS §5) and `generalSeries` (§9) — also where those truncated compositions bound
    /// them only below (a bias; depth ≥ 2 for a σ that is not odd), with no truncation in t at all.
    ///
    /// Every layer is s_i = k_i(ρ_i(t)), i = 1…L_depth, with ρ_i = s_{i−1}/q_i and k_i(ρ) = Σ_n a_n ρⁿ, a_n ≥ 0:
    /// * §5: s_0 = t, q_i = 1, a_n = bₙ(σ; 1)²/E[σ²], k_i(1) = 1; k̇_i: ȧ_n = (n+1)b_{n+1}²/E[σ²], k̇_i(1) = E[σ'²]/E[σ²];
    /// * §9: s_0 = A t + σ_b² (A = σ_w² q/d), q_1 = A + σ_b², a_n = σ_w² bₙ(σ; √q_i)² + σ_b²[n = 0],
    ///   k_i(1) = q_{i+1} = σ_w² E[σ(√q_i z)²] + σ_b²; ȧ_n = σ_w²(n+1)b_{n+1}(σ; √q_i)²/q_i, k̇_i(1) = σ_w² E[σ'(√q_i z)²].
    ///
    /// NNGP s_L; NTK parts κ_ℓ = s_ℓ Π_{j=ℓ+1…L} ṡ_j, ṡ_j = k̇_j(ρ_j(t)) (ℓ = 0…L, as `series`/`generalSeries`).
    ///
    /// **Recentring.** With r₀ = ρ_i(0) ∈ [0, 1) and h = ρ_i − r₀ (no constant term, coefficients ≥ 0),
    ///
    ///     k_i(r₀ + h) = Σ_j D_j h^j,   D_j = k_i^{(j)}(r₀)/j! = Σ_{n≥j} a_n C(n, j) r₀^{n−j},
    ///
    /// (absolutely convergent: r₀ + h(t) ≤ ρ_i(|t|) < 1 for |t| < 1), and h^j has no term below t^j, so the
    /// coefficients of t^m, m ≤ L, involve only D_0…D_m and h_1…h_m: the composition truncated at order L is exact.
    /// The only infinite sums are the D_j, split at N:
    ///
    ///     0 ≤ Σ_{n>N} a_n C(n, j) r₀^{n−j} ≤ T_N · sup_{n>N} u_n,   T_N = k_i(1) − Σ_{n≤N} a_n = Σ_{n>N} a_n,  u_n = C(n, j) r₀^{n−j};
    ///
    /// u_{n+1}/u_n = (n+1) r₀/(n+1−j) ≤ 1 once (n+1)(1 − r₀) ≥ j, so the sup is u_{N+1} when (N+1)(1 − r̄₀) ≥ j
    /// (r̄₀ ≥ r₀ an upper bound; u_n increases with r₀), and at most Σ_n u_n = (1 − r̄₀)^{−j−1} always. The tail is
    /// geometric in N (ratio r₀); N is the least order with C(N+1, L) r̄₀^{N+1−L} below 2^{−p−16} and N + 1 ≥ 2L,
    /// L/(1 − r̄₀), capped by the integrator (`HermiteCoefficients.maxDegree`); r₀ = 0 exactly gives D_j = a_j.
    /// Mehler's coefficients a_n at interval scales √q_i (i ≥ 2) come from the certified integrator.
    ///
    /// Error contract: enclosure (every true f_m lies in its interval, however wide); throws `notCertified`
    /// when a correlation at t = 0 is not proven below 1, `domain` for E[σ²] = 0 (§5).
    func taylorCoefficients(variances v: KernelVariances?, dimension d: Int, precision p: Int,
                            includeNTK: Bool) throws -> (nngp: [Interval], layers: [[Interval]]) {
        let L = order
        guard L <= HermiteCoefficients.maxDegree - 2 else { throw PrismError.limitExceeded("Taylor coefficient \(L) (limit \(HermiteCoefficients.maxDegree - 2))") }
        let wp = p + 16
        // The variances q_i feed the integrator as scales √q_i: they are carried at hp bits (for tanh an enclosure
        // 2^{−p−16} wide costs the b_n up to 40 bits near n ≈ 40).
        let hp = p + 64
        let w = p + 2 * (Int.bitWidth - L.leadingZeroBitCount) + 48
        let zero = Interval(0, precision: wp)
        let weight: Interval, bias: Interval // at hp (§9), wp (§5)
        var s = [Interval](repeating: zero, count: L + 1) // s_0
        var q: Interval
        let exactRoot: ExactReal?
        let normalized = v == nil
        if let v {
            let A = v.weight * v.norm2(dimension: d) / Rational(d)
            weight = Interval(v.weight, precision: hp)
            bias = Interval(v.bias, precision: hp)
            s[0] = Interval(v.bias, precision: wp)
            if L >= 1 { s[1] = Interval(A, precision: wp) }
            q = Interval(A + v.bias, precision: hp)
            exactRoot = try ExactReal.ifExact { try ExactReal(A + v.bias).power(.fraction(1, 2)) }
        } else {
            let second = try HermiteEnclosureCache.shared.expectation(of: activation.squared(), precision: p).rounded(toPrecision: wp)
            guard second.lower.signum > 0 else { throw PrismError.domain("E[σ²] = 0: the normalized kernel is not defined") }
            weight = try Interval(1, precision: wp).dividing(by: second)
            bias = zero
            if L >= 1 { s[1] = Interval(1, precision: wp) }
            q = Interval(1, precision: hp)
            exactRoot = ExactReal(1)
        }
        var sigma = [try FixedPointSeries(s, fractionBits: w)] // s_0…s_L
        var sigmaDot: [FixedPointSeries] = []                  // ṡ_1…ṡ_L
        for layer in 1...depth {
            let rho = try sigma[layer - 1].intervals(precision: wp).map { try $0.dividing(by: q) }
            let r0 = rho[0]
            guard r0.upper < Interval(1, precision: wp).lower else {
                throw PrismError.notCertified("the correlation at cosine 0 of layer \(layer) is not proven below 1")
            }
            var inner = rho
            inner[0] = zero
            let h = try FixedPointSeries(inner, fractionBits: w)
            let N = DeepKernel.mehlerOrder(r0: r0, levels: L, precision: p)
            // bₙ(g; √q_i), n ≤ n₀, at working precision `precision`.
            func scaled(_ g: Activation, _ n: Int, precision: Int) throws -> [Interval] {
                if normalized { return try HermiteEnclosureCache.shared.hermiteCoefficients(of: g, degree: n, precision: precision) }
                return try DeepKernel.hermiteCoefficients(g, degree: n, variance: q, exactRoot: layer == 1 ? exactRoot : nil,
                                                          precision: precision, workingPrecision: precision + 16)
            }
            let b = try scaled(activation, includeNTK ? N + 1 : N, precision: p).map { $0.rounded(toPrecision: wp) }
            var a = (0...N).map { n in weight * b[n] * b[n] }
            a[0] = a[0] + bias
            // k_i(1) = q_{i+1} (§9; a scale only below the last layer)
            let next = weight * (try scaled(activation.squared(), 0, precision: layer < depth && !normalized ? hp : p)[0]) + bias
            sigma.append(compose(try FixedPointSeries(try DeepKernel.recentred(a, total: next, at: r0, levels: L), fractionBits: w), h))
            if includeNTK {
                let aDot = try (0...N).map { n in try (weight * Interval(n + 1, precision: wp) * b[n + 1] * b[n + 1]).dividing(by: q) }
                let totalDot = weight * (try scaled(activation.derivative().squared(), 0, precision: p)[0])
                sigmaDot.append(compose(try FixedPointSeries(try DeepKernel.recentred(aDot, total: totalDot, at: r0, levels: L), fractionBits: w), h))
            }
            if !normalized { q = next }
        }
        let nngp = try sigma[depth].intervals(precision: wp)
        guard includeNTK else { return (nngp, []) }
        return (nngp, try (0...depth).map { l in
            var part = sigma[l]
            for j in stride(from: l, to: depth, by: 1) { part = part.multiplied(by: sigmaDot[j]) }
            return try part.intervals(precision: wp)
        })
    }

    /// D_0…D_L of k(r₀ + h) = Σ_j D_j h^j from a_0…a_N and the total Σ_n a_n (see `taylorCoefficients`), each the
    /// finite sum plus [0, T_N · sup_{n>N} C(n, j) r₀^{n−j}]. Error contract: enclosure.
    static func recentred(_ a: [Interval], total: Interval, at r0: Interval, levels L: Int) throws -> [Interval] {
        let N = a.count - 1
        let wp = total.precision
        let one = Interval(1, precision: wp)
        if r0.isExactZero { // D_j = a_j
            guard N >= L else { throw PrismError.limitExceeded("recentring at 0 to order \(L) needs a_0…a_\(L), got \(N + 1)") }
            return Array(a.prefix(L + 1))
        }
        var rest = total
        for c in a { rest = rest - c }
        let tail = Interval(Swift.max(rest.upper, BigFloat(0, precision: wp))) // T_N ≥ Σ_{n>N} a_n
        let rBar = Interval(r0.upper), complement = one - rBar                // 1 − r̄₀ > 0
        return try (0...L).map { j in
            var sum = Interval(0, precision: wp), u = one // u_n = C(n, j) r₀^{n−j}, from u_j = 1
            for n in stride(from: j, through: N, by: 1) {
                sum = sum + a[n] * u
                u = try u * r0 * Interval(n + 1, precision: wp).dividing(by: Interval(n + 1 - j, precision: wp))
            }
            let sup: Interval
            if !((Interval(N + 1, precision: wp) * complement).lower < Interval(j, precision: wp).upper) {
                // u_{N+1} at r̄₀: C(N+1, j) r̄₀^{N+1−j}
                sup = Interval(Rational(try BigInt.binomial(BigInt(N + 1), j)), precision: wp) * (try rBar.power(N + 1 - j))
            } else {
                sup = try one.dividing(by: try complement.power(j + 1))
            }
            return sum + (try Interval(lower: BigFloat(0, precision: wp), upper: (tail * sup).upper))
        }
    }

    /// The Mehler order N for recentring at r₀ (see `taylorCoefficients`): a choice, never a bound.
    static func mehlerOrder(r0: Interval, levels L: Int, precision p: Int) -> Int {
        let cap = HermiteCoefficients.maxDegree - 2
        if r0.isExactZero { return Swift.min(cap, Swift.max(L, 1)) }
        let r = r0.upper.double(rounding: .up)
        guard r < 1 else { return cap }
        let logR = log2(r)
        func log2Binomial(_ m: Int) -> Double { (0..<L).reduce(0.0) { $0 + log2(Double(m - $1) / Double(L - $1)) } }
        var n = Swift.max(2 * L, Int(Swift.min(Double(cap), (Double(L) / (1 - r)).rounded(.up))))
        while n < cap, log2Binomial(n + 1) + Double(n + 1 - L) * logR >= -Double(p + 16) { n += 1 }
        return Swift.min(n, cap)
    }
}
