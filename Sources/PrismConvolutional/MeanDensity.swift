import PrismNumbers
import PrismAlgebra
import PrismBases

/// The weighted density of the sum s = t_1 + … + t_q of independent pixel inner products:
///
///     h(s) = ∫ δ(s − Σ t_j) Π_j g_j(t_j) dt,   g_j(t) = P_{k_j}^{(ζ)}(t) · c_ζ (1 − t²)^{(ζ−3)/2} on [−1, 1],
///
/// so that E[F(Σ t_j) Π_j P_{k_j}(t_j)] = ∫ F(s) h(s) ds for any F. For odd ζ every g_j is a
/// polynomial on [−1, 1] (c_ζ is rational), and h, the convolution g_1 ∗ ⋯ ∗ g_q, is a piecewise
/// polynomial with rational coefficients on the pieces [−q + 2m, −q + 2m + 2], m = 0…q − 1.
///
/// Algorithm: one convolution at a time. With F known on pieces of length 2 starting at a and g
/// on [−1, 1], for s in [a − 1 + 2m, a + 1 + 2m]
///
///     (F ∗ g)(s) = ∫_{s−1}^{a+2m} F_{m−1}(x) g(s−x) dx + ∫_{a+2m}^{s+1} F_m(x) g(s−x) dx,
///
/// with g(s − x) = Σ_c (−x)^c g^{(c)}(s)/c! (Taylor in x), so each integral is Σ_n C_n(s)·[xⁿ/n] between
/// a constant limit and s ∓ 1, C_n = Σ_{e+c=n−1} f_e (−1)^c g^{(c)}/c!: exact polynomial algebra over ℚ
/// with the powers (s ∓ 1)ⁿ formed once per convolution.
///
/// Error contract: exact.
struct MeanDensity {
    typealias Poly = Polynomial<Rational>

    /// The left end of the first piece (−q).
    let start: Int
    /// h on [start + 2i, start + 2i + 2], as polynomials in s.
    let pieces: [Poly]

    /// h for the degrees k_1…k_q on S^{ζ−1}, ζ odd ≥ 3.
    init(degrees: [Int], channels ζ: Int) throws {
        guard ζ >= 3, ζ % 2 == 1 else { throw PrismError.domain("the mean's density is piecewise polynomial only for odd ζ ≥ 3, got \(ζ)") }
        guard let c = try Sphere.densityConstant(dimension: ζ).rational else { throw PrismError.domain("c_ζ is not rational for ζ = \(ζ)") }
        // (1 − t²)^{(ζ−3)/2}
        var weight = Poly([c])
        let oneMinusSquare = Poly([1, 0, -1])
        for _ in 0..<((ζ - 3) / 2) { weight = try weight.multiplied(by: oneMinusSquare) }
        let g = try degrees.map { k in try Poly(Gegenbauer.legendreCoefficients(k, dimension: ζ)).multiplied(by: weight) }
        var start = -1
        var pieces = [g[0]]
        for gj in g.dropFirst() {
            pieces = try MeanDensity.convolve(pieces, start: start, with: gj)
            start -= 1
        }
        self.start = start
        self.pieces = pieces
    }

    /// F ∗ g with F on pieces of length 2 from `start`, g supported on [−1, 1].
    static func convolve(_ F: [Poly], start a: Int, with g: Poly) throws -> [Poly] {
        // Taylor coefficients of g(s − x) in x: D_c(s) = (−1)^c g^{(c)}(s)/c!.
        var taylor: [Poly] = []
        var derivative = g
        var factorial = Rational(1)
        for c in 0...Swift.max(0, g.degree) {
            if c > 0 { derivative = try derivative.derivative(); factorial *= Rational(c) }
            taylor.append(try derivative.scaled(by: (c % 2 == 0 ? Rational(1) : Rational(-1)) / factorial))
        }
        let s = Poly([0, 1]), one = Poly([1])
        let degree = (F.map(\.degree).max() ?? 0) + taylor.count + 1
        // (s − 1)ⁿ and (s + 1)ⁿ, n ≤ degree, once.
        func powers(_ base: Poly) throws -> [Poly] {
            var out = [one]
            for _ in 0..<degree { out.append(try out[out.count - 1].multiplied(by: base)) }
            return out
        }
        let below = try powers(s.subtracting(one)), above = try powers(s.adding(one))
        // ∫_lo^hi F_i(x) g(s − x) dx = Σ_n C_n(s) (hiⁿ − loⁿ)/n with C_n = Σ_{e+c=n−1} f_e D_c,
        // one limit a constant b and the other s ∓ 1.
        func integral(_ Fi: Poly, constant b: Rational, variable: [Poly], variableIsUpper: Bool) throws -> Poly {
            var total = Poly([])
            if Fi.isZero { return total }
            var bPower = b // bⁿ
            for n in 1...(Fi.degree + taylor.count) {
                var C = Poly([])
                for (e, fe) in Fi.coefficients.enumerated() where !fe.isZero {
                    let c = n - 1 - e
                    if c >= 0, c < taylor.count, !taylor[c].isZero { C = try C.adding(taylor[c].scaled(by: fe)) }
                }
                if !C.isZero {
                    let span = try variable[n].subtracting(Poly([bPower]))
                    let signed = variableIsUpper ? span : span.negated()
                    total = try total.adding(C.multiplied(by: signed).scaled(by: Rational(1) / Rational(n)))
                }
                bPower = bPower * b
            }
            return total
        }
        return try (0...F.count).map { m in
            let mid = Rational(a + 2 * m)
            var piece = Poly([])
            if m >= 1 { piece = try piece.adding(integral(F[m - 1], constant: mid, variable: below, variableIsUpper: false)) }
            if m < F.count { piece = try piece.adding(integral(F[m], constant: mid, variable: above, variableIsUpper: true)) }
            return piece
        }
    }
}
