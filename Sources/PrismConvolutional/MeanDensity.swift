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
/// with g(s − x) = Σ_c (−x)^c g^{(c)}(s)/c! (Taylor in x), so each integral is Σ_e C_e(s)·[x^{e+1}/(e+1)]
/// between limits that are constants or s ± 1: exact polynomial algebra over ℚ.
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
        let s = Poly([0, 1])
        // ∫_lo^hi F_i(x) g(s − x) dx with limits given as polynomials in s.
        func integral(_ Fi: Poly, from lo: Poly, to hi: Poly) throws -> Poly {
            var total = Poly([])
            for (e, fa) in Fi.coefficients.enumerated() where !fa.isZero {
                for (cIndex, D) in taylor.enumerated() where !D.isZero {
                    // f_a x^a · (−x)^c g^{(c)}(s)/c! = f_a D_c(s) x^{a+c}
                    let n = e + cIndex + 1
                    let antiderivative = Poly([Rational](repeating: 0, count: n) + [Rational(1) / Rational(n)])
                    let span = try antiderivative.composed(with: hi).subtracting(antiderivative.composed(with: lo))
                    total = try total.adding(D.multiplied(by: span).scaled(by: fa))
                }
            }
            return total
        }
        let one = Poly([1])
        return try (0...F.count).map { m in
            let mid = Poly([Rational(a + 2 * m)])
            var piece = Poly([])
            if m >= 1 { piece = try piece.adding(integral(F[m - 1], from: s.subtracting(one), to: mid)) }
            if m < F.count { piece = try piece.adding(integral(F[m], from: mid, to: s.adding(one))) }
            return piece
        }
    }
}
