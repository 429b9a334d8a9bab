import PrismNumbers
import PrismActivations
import PrismKernels

/// The kernel of the levels above a mean (CONVENTIONS §11), as power series with certified coefficients: one level whose
/// input is the mean v of its children's outputs, then D − 1 levels of filter size 1 (one position each). Its NNGP is
/// f = Σ^(D)(v) of `DeepKernel`; its NTK is A(v) + B(v)·Θ̄, Θ̄ the mean of the children's NTKs, where with `DeepKernel`'s
/// parts κ_ℓ = Σ^(ℓ) Π_{j>ℓ} Σ̇^(j) (Σ^(0) = v)
///
///     A = Σ_{ℓ≥1} κ_ℓ,   B = κ_0/v = Π_{j≤D} Σ̇^(j),   so the one-sphere NTK is Θ^(D) = A + vB.
///
/// All coefficients are non-negative; Σ^(D)(1) = 1, A(1) = Σ_{ℓ≥1} c^{D−ℓ}, B(1) = c^D (c = k̇(1)).
///
/// **Enclosures.** For D = 1 or an odd σ the truncated compositions are exact to their order. Otherwise k(0) ≠ 0 lets the
/// dropped terms of a truncated composition reach every order, and the computed coefficients ℓ_m are only lower bounds.
/// Every deficit is ≥ 0, and for the NTK A_m − ℓ^A_m and B_{m−1} − ℓ^B_{m−1} are each at most the deficit of Θ^(D)_m, so
/// for 0 < r < 1 (Cauchy, non-negative coefficients)
///
///     f_m − ℓ_m ≤ r^{−m} (f(r) − Σ_{j≤N} ℓ_j r^j) =: r^{−m} Δ(r),   f = Σ^(D) or Θ^(D),
///
/// f(r) the closed-form kernel at r (`KernelModel`) and ℓ from order N = `DeepKernel.maxOrder`: Δ(r) ≈ max(r^N, k(r)^N) is
/// far below 2^{−p} r^M for the orders M used. r = 3/4, at the precision that takes r^{−M} into account.
///
/// Error contract: enclosures of f (or A) and B to order M.
struct ChainSeries {
    /// f_0…f_M: Σ^(D) (NNGP) or A (NTK).
    let value: [Interval]
    /// f(1) (or A(1)).
    let valueAtOne: Interval
    /// B_0…B_M (NTK only; B_{M−1} at most for M = `DeepKernel.maxOrder`, B_M = [v^{M+1}] κ_0 being beyond it).
    let slope: [Interval]?
    /// B(1) (NTK only).
    let slopeAtOne: Interval?

    private init(value: [Interval], valueAtOne: Interval, slope: [Interval]?, slopeAtOne: Interval?) {
        (self.value, self.valueAtOne, self.slope, self.slopeAtOne) = (value, valueAtOne, slope, slopeAtOne)
    }

    /// The chain of depth 1 in the recentred variable x, v = c + (1 − c)x (0 ≤ c < 1, `TopSeries.centre`), to order M, from
    /// the closed forms of the arc-cosine family (CONVENTIONS §11): k' = k̇ and k̇' = λs/π (degree 1), k' = νs/π (degree 0),
    /// s(u) = (1 − u²)^{−1/2}. From (1 − u²)s' = us, σ_j = [x^j] s(c + (1 − c)x) satisfy
    ///
    ///     σ_0 = (1 − c²)^{−1/2},   σ_{j+1} = [(2j + 1)c σ_j + j(1 − c) σ_{j−1}] / ((1 + c)(j + 1)),
    ///
    /// every term positive (no cancellation), and k(c + (1 − c)x) = k(c) + k̇(c)(1 − c)x + (λ/π)(1 − c)² Σ_j σ_j x^{j+2}/((j+1)(j+2)),
    /// k̇(c + (1 − c)x) = k̇(c) + (λ/π)(1 − c) Σ_j σ_j x^{j+1}/(j+1) (degree 0: k = k(c) + (ν/π)(1 − c) Σ_j σ_j x^{j+1}/(j+1)).
    /// The coefficients are non-negative for c ≥ 0 and the values at x = 1 are those at v = 1: k(1) = k̇(1) = 1.
    ///
    /// Error contract: enclosures of the coefficients (NNGP: k; NTK: A = k and B = k̇) to order M.
    init(parts: ArcCosineParts, kind: KernelKind, order M: Int, precision p: Int, centre c: Rational) throws {
        guard c.signum >= 0, c < 1 else { throw PrismError.domain("chain series: a centre must lie in [0, 1), got \(c)") }
        if kind == .ntk, parts.degree == 0 { throw PrismError.domain("σ' is a Dirac delta: the NTK is not defined") }
        let one = Interval(1, precision: p), cc = Interval(c, precision: p), rest = Interval(1 - c, precision: p)
        let pi = Interval.constant(.pi, precision: p), (kc, kdot) = try parts.duals(at: cc)
        var sigma = [try one.dividing(by: try (one - cc * cc).applying(.sqrt))] // σ_0…σ_{M−1}
        while sigma.count < M {
            let j = sigma.count - 1
            let previous = j == 0 ? Interval(0, precision: p) : sigma[j - 1] * Interval(j, precision: p) * rest
            sigma.append(try (Interval(2 * j + 1, precision: p) * cc * sigma[j] + previous).dividing(by: Interval(Rational(j + 1) * (1 + c), precision: p)))
        }
        func integrated(_ scale: Interval, times: Int) throws -> [Interval] {
            // Σ_j σ_j x^{j+times} · scale / ((j+1)…(j+times)), to order M.
            try (0...M).map { m in
                guard m >= times else { return Interval(0, precision: p) }
                var d = Rational(1)
                for t in 1...times { d *= Rational(m - times + t) }
                return try (scale * sigma[m - times]).dividing(by: Interval(d, precision: p))
            }
        }
        guard let kdot else {
            var k = try integrated(try (Interval(parts.nu, precision: p) * rest).dividing(by: pi), times: 1)
            k[0] = kc
            self.init(value: k, valueAtOne: one, slope: nil, slopeAtOne: nil)
            return
        }
        let lambda = Interval(parts.lambda, precision: p)
        var k = try integrated(try (lambda * rest * rest).dividing(by: pi), times: 2)
        k[0] = kc
        if M >= 1 { k[1] = kdot * rest }
        guard kind == .ntk else {
            self.init(value: k, valueAtOne: one, slope: nil, slopeAtOne: nil)
            return
        }
        var slope = try integrated(try (lambda * rest).dividing(by: pi), times: 1)
        slope[0] = kdot
        self.init(value: k, valueAtOne: one, slope: slope, slopeAtOne: one)
    }

    /// This chain's output Y = f(x) in the variable y = (Y − c)/(1 − c) of the series above it (`TopSeries.centre`): the
    /// constant term f_0 − c, every coefficient divided by 1 − c; g(1) = (f(1) − c)/(1 − c). The caller's centre lies below
    /// f(0) (`TopSeries.centre`), so g's coefficients stay non-negative; `notCertified` when the enclosure of g_0 does not show it.
    func output(centre c: Rational, precision p: Int) throws -> ChainSeries {
        guard c.signum != 0 else { return self }
        let cc = Interval(c, precision: p), rest = Interval(1 - c, precision: p)
        var g = try value.map { try $0.dividing(by: rest) }
        g[0] = try (value[0] - cc).dividing(by: rest)
        guard g[0].lower.signum >= 0 else { throw PrismError.notCertified("chain series: the centre \(c) is not below the chain's value at its own centre") }
        return ChainSeries(value: g, valueAtOne: try (valueAtOne - cc).dividing(by: rest), slope: slope, slopeAtOne: slopeAtOne)
    }

    /// The highest order of a chain of depth D: `DeepKernel`'s limit for its series, 4,000 for the closed forms of one level
    /// (no limit of their own; the moments against them cost time linear or quadratic in the order, minutes at 4,000, and the pixels'
    /// connection coefficients stop at degree 5,000).
    static func maxOrder(depth D: Int) -> Int { D == 1 ? 4000 : DeepKernel.maxOrder }

    /// The chain of depth D about the centre c to order M ≤ `maxOrder(depth:)`: the closed forms for one level (the arc-cosine
    /// family), `DeepKernel`'s series deeper (c = 0 there).
    init(activation: Activation, depth D: Int, kind: KernelKind, order M: Int, precision p: Int, centre c: Rational) throws {
        guard M <= ChainSeries.maxOrder(depth: D) else { throw PrismError.limitExceeded("chain series order \(M) (limit \(ChainSeries.maxOrder(depth: D)))") }
        if D == 1 {
            guard let parts = activation.arcCosineParts else { throw PrismError.domain("chain series: the closed forms serve the arc-cosine family, not \(activation.name)") }
            try self.init(parts: parts, kind: kind, order: M, precision: p, centre: c)
        } else {
            guard c.signum == 0 else { throw PrismError.domain("chain series: a chain of \(D) levels is expanded about 0, not \(c)") }
            try self.init(activation: activation, depth: D, kind: kind, order: M, precision: p)
        }
    }

    /// Whether `DeepKernel`'s truncated coefficients of depth D are enclosures.
    static func enclosed(_ activation: Activation, depth D: Int) throws -> Bool {
        try DeepKernel(activation: activation, depth: D, order: 1).series(precision: 64, includeNTK: false).nngp.coefficientsEnclosed
    }

    /// The chain of depth D to order M ≤ `DeepKernel.maxOrder`, at about p bits.
    init(activation: Activation, depth D: Int, kind: KernelKind, order M: Int, precision p: Int) throws {
        let enclosed = try ChainSeries.enclosed(activation, depth: D)
        let N = enclosed ? Swift.max(1, Swift.min(kind == .ntk ? M + 1 : M, DeepKernel.maxOrder)) : DeepKernel.maxOrder, r = Rational(3) / Rational(4)
        let q = enclosed ? p : p + 16 + (M * 42 + 99) / 100 // log₂(4/3) < 0.42
        let s = try DeepKernel(activation: activation, depth: D, order: N).series(precision: q, includeNTK: kind == .ntk)
        // f (NNGP) or A and B (NTK), to order N − 1 (B_m = [v^{m+1}] κ_0).
        var f = kind == .nngp ? s.nngp.coefficients : DeepKernel.sum(Array(s.layers.dropFirst())).coefficients
        var B = kind == .nngp ? nil : Array(s.layers[0].coefficients.dropFirst())
        valueAtOne = kind == .nngp ? s.nngp.valueAtOne : DeepKernel.sum(Array(s.layers.dropFirst())).valueAtOne
        slopeAtOne = kind == .nngp ? nil : s.layers[0].valueAtOne
        if !enclosed {
            // Δ(r) of the type comment, for f = Σ^(D) or Θ^(D) = Σ_ℓ κ_ℓ.
            let whole = kind == .nngp ? s.nngp.coefficients : DeepKernel.sum(s.layers).coefficients
            let rq = Interval(r, precision: q)
            var sum = Interval(0, precision: q), power = Interval(1, precision: q)
            for c in whole { sum = sum + Interval(c.lower) * power; power = power * rq }
            let exact = try KernelModel(activation: activation, kind: kind, depth: D).value(atCosine: r, dimension: 1, precision: q)
            var scale = Interval(Swift.max((exact - sum).upper, BigFloat(0, precision: q))) // Δ/r^m
            func widened(_ c: Interval, _ deficit: Interval) throws -> Interval {
                try Interval(lower: c.lower, upper: (Interval(c.lower) + deficit).upper).rounded(toPrecision: p)
            }
            for m in 0...M {
                if m > 0 { scale = try scale.dividing(by: rq) }
                f[m] = try widened(f[m], scale)
                // B_m ≤ ℓ^B_m + Δ r^{−(m+1)}.
                if let b = B, m < b.count { B![m] = try widened(b[m], try scale.dividing(by: rq)) }
            }
        }
        value = Array(f.prefix(M + 1))
        slope = B.map { Array($0.prefix(M + 1)) }
    }
}

extension ArcCosineParts {
    /// Enclosures of the normalized duals at u ∈ [−1, 1] (CONVENTIONS §11): k(u) = (1/π)[λ√(1 − u²) + πu − λu arccos u] and
    /// k̇(u) = 1 − λ arccos u/π (degree 1), or k(u) = 1 − ν arccos u/π and no k̇ (degree 0), at u's precision.
    func duals(at u: Interval) throws -> (k: Interval, kdot: Interval?) {
        let p = u.precision, one = Interval(1, precision: p), pi = Interval.constant(.pi, precision: p), arccos = try u.applying(.acos)
        guard degree == 1 else { return (one - (try (Interval(nu, precision: p) * arccos).dividing(by: pi)), nil) }
        let lambda = Interval(self.lambda, precision: p)
        return (try (lambda * (try (one - u * u).applying(.sqrt)) + pi * u - lambda * u * arccos).dividing(by: pi),
                one - (try (lambda * arccos).dividing(by: pi)))
    }
}
