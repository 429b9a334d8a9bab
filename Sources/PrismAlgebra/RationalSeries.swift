import PrismNumbers

/// A truncated power series over ℚ held as integer numerators over one common denominator,
///
///     f = Σ_{k=0}^{N} (aₖ / d) xᵏ + O(x^{N+1}),   aₖ ∈ ℤ, d > 0,
///
/// FLINT's `fmpq_poly` form: the fast engine behind `PowerSeries<Rational>` (exact Taylor series of
/// tanh, sigmoid, … to orders in the thousands). A product is one GMP multiplication of
/// Kronecker-packed integers (signed digits, see `convolution`), an inverse, an exponential and a
/// logarithm are Newton iterations on such products — O(M(N·bits)) instead of the N²/2 canonical
/// `mpq` operations of the coefficient recurrences.
///
/// Results are kept reduced: gcd(a₀, …, a_N, d) = 1 after every operation that can grow d, so the
/// numbers stay the size of the exact coefficients' common denominator.
///
/// Error contract: exact (every operation returns the exact truncated series).
struct RationalSeries {
    /// a₀ … a_N (always N + 1 of them).
    var numerators: [BigInt]
    /// d > 0.
    var denominator: BigInt

    var order: Int { numerators.count - 1 }

    /// The series with numerators a over d > 0, reduced.
    init(numerators: [BigInt], denominator: BigInt) throws {
        self.numerators = numerators
        self.denominator = denominator
        try reduce()
    }

    /// The exact series with these coefficients; d is the lcm of their denominators.
    init(_ coefficients: [Rational]) throws {
        var d = BigInt(1)
        for c in coefficients where !c.isInteger { d = BigInt.lcm(d, c.denominator) }
        let one = BigInt(1)
        numerators = try coefficients.map { c in
            if c.isZero { return BigInt(0) }
            if d == one { return c.numerator }
            return try c.numerator * RationalSeries.exactQuotient(d, c.denominator)
        }
        denominator = d
    }

    /// c·1 + 0·x + … to order N.
    static func constant(_ c: BigInt, order N: Int) -> RationalSeries {
        var a = [BigInt](repeating: BigInt(0), count: N + 1)
        a[0] = c
        return RationalSeries(unreduced: a, denominator: BigInt(1))
    }

    private init(unreduced numerators: [BigInt], denominator: BigInt) {
        self.numerators = numerators
        self.denominator = denominator
    }

    /// The coefficients aₖ/d in canonical form.
    func rationals() throws -> [Rational] {
        let one = BigInt(1)
        return try numerators.map { a in denominator == one ? Rational(a) : try Rational(a, denominator) }
    }

    /// Divides every aₖ and d by g = gcd(a₀, …, a_N, d).
    mutating func reduce() throws {
        let one = BigInt(1)
        if denominator == one { return }
        var g = denominator
        for a in numerators where !a.isZero {
            g = BigInt.gcd(g, a)
            if g == one { return }
        }
        denominator = try RationalSeries.exactQuotient(denominator, g)
        numerators = try numerators.map { $0.isZero ? $0 : try RationalSeries.exactQuotient($0, g) }
    }

    /// a/b for b dividing a (both from this type's invariants).
    private static func exactQuotient(_ a: BigInt, _ b: BigInt) throws -> BigInt {
        try a.quotientAndRemainder(dividingBy: b).quotient
    }

    // MARK: - Ring operations

    func truncated(to N: Int) -> RationalSeries {
        RationalSeries(unreduced: Array(numerators.prefix(N + 1)), denominator: denominator)
    }

    func negated() -> RationalSeries { RationalSeries(unreduced: numerators.map { -$0 }, denominator: denominator) }

    /// self + s·g for s = ±1, at the smaller order.
    func adding(_ g: RationalSeries, sign s: Int = 1) throws -> RationalSeries {
        let n = Swift.min(order, g.order)
        if denominator == g.denominator {
            return try RationalSeries(numerators: (0...n).map { s > 0 ? numerators[$0] + g.numerators[$0] : numerators[$0] - g.numerators[$0] },
                                      denominator: denominator)
        }
        let l = BigInt.lcm(denominator, g.denominator)
        let u = try RationalSeries.exactQuotient(l, denominator), v = try RationalSeries.exactQuotient(l, g.denominator)
        return try RationalSeries(numerators: (0...n).map { s > 0 ? numerators[$0] * u + g.numerators[$0] * v
                                                                    : numerators[$0] * u - g.numerators[$0] * v },
                                  denominator: l)
    }

    /// self + c for an integer c.
    func adding(integer c: Int) -> RationalSeries {
        var a = numerators
        a[0] = a[0] + denominator.multiplied(by: c)
        return RationalSeries(unreduced: a, denominator: denominator)
    }

    /// The product truncated at the smaller order.
    func multiplied(by g: RationalSeries) throws -> RationalSeries {
        let n = Swift.min(order, g.order) + 1
        return try RationalSeries(numerators: BigInt.convolution(numerators, g.numerators, count: n),
                                  denominator: denominator * g.denominator)
    }

    /// 1/self, by Newton's iteration g ← g + g·(1 − f·g), doubling the correct terms each step.
    /// Throws `domain` when the constant term is 0.
    func inverse() throws -> RationalSeries {
        let N = order
        let a0 = numerators[0]
        guard !a0.isZero else { throw PrismError.domain("series division by a series with zero constant term") }
        // g = d/a₀ to order 0.
        var g = try RationalSeries(numerators: [a0.signum > 0 ? denominator : -denominator], denominator: a0.magnitude)
        var n = 1
        while n <= N {
            let m = Swift.min(2 * n, N + 1)
            // f·g = 1 + O(x^n): its terms n…m−1 over d·d_g are the error e.
            let fg = BigInt.convolution(Array(numerators.prefix(m)), g.numerators, count: m)
            let e = try RationalSeries(numerators: Array(fg[n..<m]), denominator: denominator * g.denominator)
            // g·e, terms 0…m−n−1 (shifted by n): g_new = g − x^n·(g·e).
            let ge = BigInt.convolution(g.numerators, e.numerators, count: m - n)
            let scale = e.denominator
            var next = g.numerators.map { $0 * scale }
            next.append(contentsOf: ge.map { -$0 })
            g = try RationalSeries(numerators: next, denominator: g.denominator * scale)
            n = m
        }
        return g
    }

    /// self/g at the smaller order (g's constant term ≠ 0).
    func dividing(by g: RationalSeries) throws -> RationalSeries {
        let n = Swift.min(order, g.order)
        return try truncated(to: n).multiplied(by: g.truncated(to: n).inverse())
    }

    /// f' (order drops by one; a constant gives the zero series of order 0).
    func derivative() throws -> RationalSeries {
        guard order >= 1 else { return RationalSeries(unreduced: [BigInt(0)], denominator: BigInt(1)) }
        return try RationalSeries(numerators: (1...order).map { numerators[$0].multiplied(by: $0) }, denominator: denominator)
    }

    /// ∫₀ˣ f (order rises by one): aₖ/(k+1) over the common denominator d·lcm(1, …, N+1).
    func integral() throws -> RationalSeries {
        var L = BigInt(1)
        for k in 1...(order + 1) { L = BigInt.lcm(L, BigInt(k)) }
        var out = [BigInt(0)]
        out.reserveCapacity(order + 2)
        for (k, a) in numerators.enumerated() { out.append(a.isZero ? a : try a * RationalSeries.exactQuotient(L, BigInt(k + 1))) }
        return try RationalSeries(numerators: out, denominator: denominator * L)
    }

    /// log f = ∫ f'/f for f₀ = 1 (log f₀ is irrational otherwise; the caller decides).
    func logOfUnit() throws -> RationalSeries {
        guard order >= 1 else { return RationalSeries.constant(BigInt(0), order: 0) }
        return try derivative().multiplied(by: truncated(to: order - 1).inverse()).integral()
    }

    /// e^f for f₀ = 0 (e^{f₀} is irrational otherwise; the caller decides), by Newton's iteration
    /// y ← y·(1 + f − log y), doubling the correct terms each step. A series whose nonzero terms are
    /// few and of low degree (x, 2x, −x²/2, …) takes the recurrence k·yₖ = Σ j·fⱼ·y_{k−j} instead,
    /// O(N) integer operations per term.
    func expOfZeroConstant() throws -> RationalSeries {
        guard numerators[0].isZero else { throw PrismError.domain("e^f over ℚ needs f(0) = 0") }
        let N = order
        let support = numerators.indices.filter { !numerators[$0].isZero }
        if support.count <= 4, (support.last ?? 0) <= 8 { return try sparseExp(support: support) }
        var y = RationalSeries.constant(BigInt(1), order: 0)
        var n = 1
        while n <= N {
            let m = Swift.min(2 * n, N + 1)
            var grown = y.numerators
            grown.append(contentsOf: [BigInt](repeating: BigInt(0), count: m - n))
            let yWide = RationalSeries(unreduced: grown, denominator: y.denominator)
            // 1 + f − log y = 1 + O(x^n).
            let correction = try truncated(to: m - 1).adding(yWide.logOfUnit(), sign: -1).adding(integer: 1)
            y = try yWide.multiplied(by: correction)
            n = m
        }
        return y
    }

    /// e^f by k·yₖ = Σ_{j ∈ support} j·fⱼ·y_{k−j}, with yₖ held as integers over d^k·k! (reduced at the end).
    private func sparseExp(support: [Int]) throws -> RationalSeries {
        let N = order
        // y_k = Y_k / (d^k k!):  Y_k = Σ_j j·a_j·d^{j−1}·(k−1)!/(k−j)!·Y_{k−j}.
        var dPowers = [BigInt(1)]
        for _ in 0..<N { dPowers.append(dPowers[dPowers.count - 1] * denominator) }
        var Y = [BigInt(1)]
        Y.reserveCapacity(N + 1)
        for k in 1...Swift.max(1, N) where k <= N {
            var acc = BigInt(0)
            for j in support where j <= k {
                // (k−1)!/(k−j)! = (k−j+1)…(k−1)
                var term = Y[k - j] * numerators[j].multiplied(by: j) * dPowers[j - 1]
                for i in stride(from: k - j + 1, to: k, by: 1) { term = term.multiplied(by: i) }
                acc += term
            }
            Y.append(acc)
        }
        // Common denominator d^N·N!: Y_k · d^{N−k} · N!/k!.
        var ratio = BigInt(1) // N!/k!, from k = N down
        var out = [BigInt](repeating: BigInt(0), count: N + 1)
        for k in stride(from: N, through: 0, by: -1) {
            out[k] = Y[k] * dPowers[N - k] * ratio
            ratio = ratio.multiplied(by: k == 0 ? 1 : k)
        }
        return try RationalSeries(numerators: out, denominator: dPowers[N] * (try BigInt.factorial(N)))
    }
}
