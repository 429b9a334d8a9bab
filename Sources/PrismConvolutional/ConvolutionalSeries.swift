import PrismNumbers
import PrismAlgebra
import PrismBases
import PrismActivations
import PrismKernels

/// Certified eigenvalues of the convolutional NNGP/NTK (CONVENTIONS §11) of an activation whose
/// normalized dual activations k, k̇ are power series with a proven tail (`DeepKernel`), any depth.
///
/// For a node of the network (a pixel at level 0, a group at level ℓ) and a multi-index κ on the
/// pixels it sees, define the moment tables
///
///     S[e] = E[Σᵉ Π_j P_{κ_j}(t_j)],   T[e] = E[Σᵉ Θ Π_j P_{κ_j}(t_j)].
///
/// A pixel has Σ = Θ = t and S[e] = E[tᵉ P_κ(t)] = β_κ^e(ζ)/N(ζ, κ) (connection coefficients, exact).
/// A group with children c_1…c_q has v = q⁻¹ Σ_i Σ_{c_i}, Σ = k(v), Θ = Σ + k̇(v) q⁻¹ Σ_i Θ_{c_i}, and
/// since the children see disjoint, independent pixels,
///
///     E[vᵐ Π P] = m!/qᵐ · [xᵐ] Π_i Σ_a S_{c_i}[a] xᵃ/a!           (exponential generating functions),
///     E[vᵐ q⁻¹Σ_iΘ_{c_i} Π P] = m!/q^{m+1} · Σ_i [xᵐ] (Σ_a T_{c_i}[a] xᵃ/a!) Π_{j≠i} (Σ_a S_{c_j}[a] xᵃ/a!),
///     S[e] = Σ_m (kᵉ)_m E[vᵐ Π P],   T[e] = S[e+1] + Σ_m (kᵉk̇)_m E[vᵐ q⁻¹Σ_iΘ_{c_i} Π P].
///
/// The readout's λ_κ is S[1]/R (NNGP) or T[0]/R (NTK) at the top node. Truncating the series at
/// order M: kᵉ and kᵉk̇ have non-negative coefficients with kᵉ(1) = 1 and (kᵉk̇)(1) = c = k̇(1), and
/// |v| ≤ 1, |Π P| ≤ 1, 0 ≤ Θ ≤ θ_ℓ (θ_0 = 1, θ_ℓ = 1 + c θ_{ℓ−1}: Θ is a series with non-negative
/// coefficients in the t_j), so the dropped terms are at most τ = f(1) − Σ_{m≤M} f_m (times θ_{ℓ−1} for
/// T); they are added as ±τ. Exact zeros: locality (`ConvolutionalArchitecture`) and parity — an odd σ
/// makes every Σ, Θ odd in (t_1…t_P) jointly (λ_κ = 0 for even |κ|), an even σ makes them even.
///
/// Error contract: enclosure.
struct ConvolutionalSeries {
    let architecture: ConvolutionalArchitecture
    let activation: Activation
    let kind: KernelKind

    /// The series order used at working precision p: geometric decay of smooth kernels' coefficients
    /// makes the tail about 2^{−p} at M ≈ 2p for dual-activation radii ≥ √2.
    /// Below the top level the work grows like M³, so deeper networks stop at order 400.
    static func order(precision p: Int, levels L: Int) -> Int { Swift.min(L >= 2 ? 400 : DeepKernel.maxOrder, Swift.max(24, 2 * p)) }

    /// Whether symmetry proves λ_κ = 0, κ restricted to one receptive field (t_j → −t_j multiplies
    /// P_{κ_j}(t_j) by (−1)^{κ_j}). Odd σ: k is odd and k̇ even, so flipping every pixel of the field flips
    /// every level's Σ and Θ, and λ_κ = 0 for even |κ|. Even σ: k is even and k̇ odd, so flipping the pixels
    /// of one first-level group g leaves Σ_g = k(u_g) and Θ_g = k(u_g) + k̇(u_g)·u_g unchanged, and λ_κ = 0
    /// unless every group's degree Σ_{j∈g} κ_j is even.
    func provenZeroByParity(_ κ: [Int]) -> Bool {
        let symmetry = activation.symmetry
        guard !symmetry.restIsZero, let overall = symmetry.overall else { return false }
        if overall == .odd { return κ.reduce(0, +) % 2 == 0 }
        let q = architecture.filters[0]
        return stride(from: 0, to: κ.count, by: q).contains { κ[$0..<Swift.min($0 + q, κ.count)].reduce(0, +) % 2 == 1 }
    }

    /// E[tᵉ P_k(t)] = β_k^e(ζ)/N(ζ, k), e = 0…E, for a pixel t on S^{ζ−1} (exact connection coefficients; zero for e < k or
    /// e ≢ k mod 2). `columns` must reach degree E and column k.
    static func pixelMoments(_ columns: ConnectionColumns, degree k: Int, upTo E: Int, precision p: Int) throws -> [Interval] {
        let n = Interval(Rational(try Sphere.multiplicity(dimension: columns.dimension, degree: k)), precision: p)
        return try (0...E).map { e in try Interval(columns[e, k], precision: p).dividing(by: n) }
    }

    /// Enclosures of λ_κ for restricted multi-indices κ (one entry per pixel of a field).
    func eigenvalues(_ indices: [[Int]], precision p: Int) throws -> [Interval] {
        let wp = p + 32
        let M = ConvolutionalSeries.order(precision: p, levels: architecture.levels)
        let L = architecture.levels
        let series = try DeepKernel(activation: activation, depth: 1, order: M).series(precision: wp)
        let k = series.nngp.coefficients
        // κ_0 = ρ k̇(ρ): k̇_m is its coefficient m + 1; k̇(1) = c.
        let kDot = Array(series.layers[0].coefficients.dropFirst()) + [Interval(0, precision: wp)]
        let c = series.layers[0].valueAtOne
        let zero = Interval(0, precision: wp), one = Interval(1, precision: wp)
        // Powers kᵉ (e ≤ M + 1) and kᵉ k̇ (e ≤ M), needed in full below the top level.
        let needed = L >= 2 ? M + 1 : 2
        var powers = [PowerSeries([one] + [Interval](repeating: zero, count: M))]
        let kSeries = PowerSeries(k)
        while powers.count <= needed { powers.append(try powers[powers.count - 1].multiplied(by: kSeries)) }
        let kDotSeries = PowerSeries(kDot)
        let dotPowers = try powers.prefix(needed).map { try $0.multiplied(by: kDotSeries) }
        // Tails τ = f(1) − Σ lower(f_m).
        func tail(_ f: PowerSeries<Interval>, valueAtOne: BigFloat) throws -> Interval {
            var sum = BigFloat(0, precision: wp)
            for x in f.coefficients { sum = sum.adding(Swift.max(x.lower, BigFloat(0, precision: wp)), precision: wp, rounding: .down) }
            let t = Swift.max(valueAtOne.subtracting(sum, precision: wp, rounding: .up), BigFloat(0, precision: wp))
            return try Interval(lower: t.negated(), upper: t)
        }
        let powerTails = try powers.map { try tail($0, valueAtOne: one.upper) }
        let dotTails = try dotPowers.map { try tail($0, valueAtOne: c.upper) }
        // θ_ℓ bounds |Θ| at level ℓ.
        var theta = [one]
        for _ in 0..<L { theta.append(one + c * theta[theta.count - 1]) }
        var factorials = [one]
        for m in 1...(M + 2) { factorials.append(factorials[m - 1] * Interval(m, precision: wp)) }
        let columns = try ConnectionColumns(dimension: architecture.channels, maxDegree: M + 2,
                                            columns: (indices.flatMap { $0 }.max() ?? 0) + 1)

        var cache: [[Int]: (S: [Interval], T: [Interval])] = [:]
        // Tables of a node at level ℓ seeing the pixels of κ, e = 0…E (S to E + 1).
        func tables(level l: Int, _ κ: [Int], upTo E: Int) throws -> (S: [Interval], T: [Interval]) {
            let key = [l, E] + κ
            if let hit = cache[key] { return hit }
            var S: [Interval] = [], T: [Interval] = []
            if l == 0 {
                S = try ConvolutionalSeries.pixelMoments(columns, degree: κ[0], upTo: M + 2, precision: wp)
                T = Array(S.dropFirst())
            } else {
                let q = architecture.filters[l - 1]
                let width = κ.count / q
                let children = try (0..<q).map { i in try tables(level: l - 1, Array(κ[(i * width)..<((i + 1) * width)]), upTo: M) }
                // Exponential generating functions of the children's S and T, truncated at M.
                func egf(_ a: [Interval]) throws -> PowerSeries<Interval> {
                    PowerSeries(try (0...M).map { m in try a[m].dividing(by: factorials[m]) })
                }
                let sGen = try children.map { try egf($0.S) }, tGen = try children.map { try egf($0.T) }
                var product = sGen[0]
                for g in sGen.dropFirst() { product = try product.multiplied(by: g) }
                var mixed = PowerSeries([Interval](repeating: zero, count: M + 1))
                for i in 0..<q {
                    var term = tGen[i]
                    for j in 0..<q where j != i { term = try term.multiplied(by: sGen[j]) }
                    mixed = try mixed.adding(term)
                }
                let qI = Interval(q, precision: wp)
                var V: [Interval] = [], U: [Interval] = []
                var qPower = one
                for m in 0...M {
                    V.append(try (product[m] * factorials[m]).dividing(by: qPower))
                    U.append(try (mixed[m] * factorials[m]).dividing(by: qPower * qI))
                    qPower = qPower * qI
                }
                func dot(_ f: PowerSeries<Interval>, _ x: [Interval]) -> Interval {
                    var s = zero
                    for m in 0...M where !f[m].isExactZero && !x[m].isExactZero { s = s + f[m] * x[m] }
                    return s
                }
                S = (0...(E + 1)).map { e in dot(powers[e], V) + powerTails[e] }
                T = (0...E).map { e in S[e + 1] + dot(dotPowers[e], U) + dotTails[e] * theta[l - 1] }
            }
            cache[key] = (S, T)
            return (S, T)
        }
        let R = Interval(architecture.readouts, precision: wp)
        return try indices.map { κ in
            if provenZeroByParity(κ) { return Interval(0, precision: wp) }
            let top = try tables(level: L, κ, upTo: 0)
            return try (kind == .nngp ? top.S[1] : top.T[0]).dividing(by: R)
        }
    }
}
