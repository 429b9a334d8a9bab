import PrismNumbers

/// The connection coefficients β_l^m(d) of t^m = Σ_l β_l^m(d) P_l^{(d)}(t) (Docs/conventions.md §3).
///
/// Computed row by row from t·P_l = (l+d−2)/(2l+d−2) P_{l+1} + l/(2l+d−2) P_{l−1}
/// (the three-term recurrence; t·P_0 = P_1), so
///
///     β_l^{m+1} = (l+d−3)/(2l+d−4) β_{l−1}^m + (l+1)/(2l+d) β_{l+1}^m.
///
/// Every weight is non-negative and each pair sums to 1, so β ≥ 0 and Σ_l β_l^m = 1
/// follow structurally (the tests check them, and the values against sympy, independently).
/// O(M²) rational operations for the whole table.  Error contract: exact.
public struct ConnectionCoefficients: Sendable {
    public let dimension: Int
    /// rows[m][l] = β_l^m(d) for 0 ≤ l ≤ m (zero unless l ≡ m mod 2).
    public let rows: [[Rational]]

    /// The largest M accepted (the table has (M+1)(M+2)/2 rationals of growing size).
    public static let maxDegree = 400

    public init(dimension d: Int, maxDegree M: Int) throws {
        try Sphere.check(d)
        guard M >= 0 else { throw PrismError.domain("max degree must be ≥ 0, got \(M)") }
        guard M <= ConnectionCoefficients.maxDegree else {
            throw PrismError.limitExceeded("max degree \(M) (limit \(ConnectionCoefficients.maxDegree))")
        }
        dimension = d
        // up[l]: weight of P_{l+1} in t·P_l; down[l]: weight of P_{l−1} in t·P_l.
        let up = try (0...M + 1).map { l in (d == 2 && l == 0) ? Rational(1) : try Rational(l + d - 2, 2 * l + d - 2) }
        let down = try (0...M + 1).map { l in l == 0 ? Rational(0) : try Rational(l, 2 * l + d - 2) }
        var rows: [[Rational]] = [[1]]
        rows.reserveCapacity(M + 1)
        for m in 0..<M {
            let previous = rows[m]
            var next = [Rational](repeating: 0, count: m + 2)
            for l in stride(from: (m + 1) % 2, through: m + 1, by: 2) {
                var value = Rational(0)
                if l >= 1 { value += previous[l - 1] * up[l - 1] }
                if l + 1 <= m { value += previous[l + 1] * down[l + 1] }
                next[l] = value
            }
            rows.append(next)
        }
        self.rows = rows
    }

    /// β_l^m(d).
    public subscript(m: Int, l: Int) -> Rational { l <= m ? rows[m][l] : 0 }
}

/// The columns k = 0…K of the connection coefficients, β_k^m(d) for m ≤ M, without the rest of the
/// triangle (a spectrum to degree K of a series of order M ≫ K needs only these):
///
///     β_k^k = Π_{l<k} (l+d−2)/(2l+d−2)   (1/leading coefficient of P_k^{(d)}; the l = 0 factor is 1 for d = 2),
///     β_k^{m+2} = β_k^m · (m+1)(m+2) / ((m−k+2)(m+k+d))
///
/// (the ratio of consecutive terms of x^m = Σ_k β_k^m P_k^{(d)} in closed form, DLMF 18.18.17 with
/// P_k^{(d)} = C_k^{(λ)}/C_k^{(λ)}(1), λ = (d−2)/2; for d = 2 the Chebyshev expansion
/// t^m = 2^{1−m} Σ C(m, j) T_{m−2j} gives the same ratio). O(K·M) rational operations. The tests check
/// the columns against the triangle. Error contract: exact.
public struct ConnectionColumns: Sendable {
    public let dimension: Int
    public let maxDegree: Int
    /// columns[k][m] = β_k^m(d), 0 ≤ m ≤ M (zero for m < k or m ≢ k mod 2).
    public let columns: [[Rational]]

    /// The largest M accepted.
    public static let maxDegree = 5000

    public init(dimension d: Int, maxDegree M: Int, columns K: Int) throws {
        try Sphere.check(d)
        guard M >= 0, K >= 0 else { throw PrismError.domain("degrees must be ≥ 0, got M = \(M), K = \(K)") }
        guard M <= ConnectionColumns.maxDegree, K <= M else {
            throw PrismError.limitExceeded("max degree \(M) (limit \(ConnectionColumns.maxDegree)) with \(K) ≤ M columns")
        }
        dimension = d
        maxDegree = M
        var leading = Rational(1) // β_k^k
        var columns: [[Rational]] = []
        for k in 0...K {
            if k > 0 { leading *= (d == 2 && k == 1) ? Rational(1) : try Rational(k - 1 + d - 2, 2 * (k - 1) + d - 2) }
            var column = [Rational](repeating: 0, count: M + 1)
            if k <= M {
                column[k] = leading
                var m = k
                while m + 2 <= M {
                    column[m + 2] = column[m] * (try Rational((m + 1) * (m + 2), (m - k + 2) * (m + k + d)))
                    m += 2
                }
            }
            columns.append(column)
        }
        self.columns = columns
    }

    /// β_k^m(d).
    public subscript(m: Int, k: Int) -> Rational { m <= maxDegree ? columns[k][m] : 0 }
}
