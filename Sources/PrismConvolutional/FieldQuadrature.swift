import Foundation
import PrismNumbers
import PrismAlgebra
import PrismIntegration
import PrismBases
import PrismActivations
import PrismKernels

/// Certified eigenvalues of the convolutional NNGP/NTK of the arc-cosine family (relu, leaky_relu(a),
/// abs, step, sign) whose kernel is a function of two variables (CONVENTIONS §11), any number of levels,
/// by a two-dimensional quadrature in angles.
///
/// **Reduction to two variables.** Level 1 sees the pixels of a group g only through their mean
/// u_g = mean_{j∈g} t_j: Σ_g = k(u_g) and, since Θ_j = t_j, Θ_g = k(u_g) + k̇(u_g)·u_g; every later level
/// sees level 1's outputs. Split a receptive field of W = 2s pixels into halves A, B of s pixels with
/// means v_A, v_B. When q_1 ∈ {s, 2s} every first-level group is a half or the whole field, so the field
/// kernel is K(v_A, v_B), the network with filters (q_1/s, q_2, …, q_L) on two *virtual pixels* with
/// Σ = Θ = v: for q_1 = s, level 1 on a half is a level of size 1 on its virtual pixel; for q_1 = 2s,
/// u = (v_A + v_B)/2 and mean_j Θ_j = u, a level of size 2 on both. The t_j are independent, so (Fubini)
///
///     λ_κ = R⁻¹ ∫∫ K(v_A, v_B) ρ_{κ_A}(v_A) ρ_{κ_B}(v_B) dv_A dv_B,
///     ρ_κ(v) = E[δ(v − mean_{j} t_j) Π_j P_{k_j}(t_j)] = s·h_κ(s v),
///
/// h_κ the weighted density of the sum (`MeanDensity`; a piecewise polynomial over ℚ for odd ζ, pieces
/// between the breakpoints v = 1 − 2m/s; symmetric in the entries of κ). With v = cos φ, φ ∈ [0, π],
/// the weight of a virtual pixel is B_κ(φ) sin φ, B_κ(φ) = ρ_κ(cos φ). For s = 1 (fields of two pixels,
/// any ζ) the variable is the pixel's own angle θ and the weight c_ζ sin^{ζ−2}θ · B_k(θ), B_k = P_k^{(ζ)}(cos θ).
/// A first level of size 1 uses arccos(cos φ) = φ and √(1 − cos²φ) = sin φ, so K(φ_A, φ_B) is analytic on
/// [0, π]² except where a later level's input reaches ±1, which (|k(u)| < 1 for |u| < 1) happens at most
/// at the four corners; there K has a cone (√(φ_A² + φ_B²)) singularity. K is symmetric in (φ_A, φ_B).
///
///     λ_κ = R⁻¹ C ∫₀^π ∫₀^π F(φ_A, φ_B) B_{κ_A}(φ_A) B_{κ_B}(φ_B) dφ_A dφ_B,   F = K · w(φ_A) w(φ_B),
///
/// w = sin^{ζ−2}, C = c_ζ² (s = 1); w = sin, C = 1 (s ≥ 2).
///
/// Algorithm. Each axis is cut at the breakpoints φ_m = arccos(1 − 2m/s) into s pieces (one piece, [0, π],
/// for s = 1), and [0, π]² into boxes inside products of pieces (on and below the diagonal; an
/// off-diagonal box also stands for its mirror image); on a box the tensor Gauss–Legendre rule with n nodes
/// per axis (`GaussLegendre`) integrates F B_{κ_A} B_{κ_B} for every κ at once, with the rule's error for
/// f = F B_{κ_A} B_{κ_B}
///
///     |E| ≤ w_2 E_1 + w_1 E_2,   E_i = w_i^{2n+1} (n!)⁴ / ((2n+1) ((2n)!)²) · sup |[x^{2n}] f(φ_i + x)|,
///
/// w_i the box's widths, and sup |[x^m] f| ≤ S_other · Σ_{a ≤ m} |F_a| β_{m−a}: F_a the Taylor coefficients
/// of F in φ_i enclosed over the whole box (`pixelOverBox`, then the pair level over intervals), β_j a bound
/// on |[x^j] B(φ_i + x)| and S_other on |B| along the other axis, over every κ of the block. For s = 1,
/// P_k(cos θ) is a cosine polynomial of frequencies ≤ k with non-negative coefficients of sum 1
/// (`ThetaSpectrum`): β_j = J^j/j! (J the highest degree), S = 1. For s ≥ 2, on a piece
/// ρ_κ(u) = Σ_i a_i T_i(u) (Chebyshev, exact over ℚ), so B_κ(φ + x) = Σ_i a_i cos(i(φ + x)) and
/// β_j = max_κ Σ_i |a_i| i^j/j!, S = β_0. A box whose bound misses its share of the tolerance
/// (proportional to its area) is split in four. A box where F has no series (a singular corner) is
/// bounded by area · sup|K| · sup|w(φ_A)| · sup|w(φ_B)| · S_A · S_B (sup|K| ≤ θ_L) against a sixteenth of
/// the tolerance, or split toward the corner.
///
/// Error contract: enclosure; throws `PrismError.notCertified` for fields this reduction does not cover
/// (`span(of:)`), when a box still misses its share after `maxLevel` splits, after `maxBoxes` boxes, or when
/// the accuracy asked needs more than `maxNodes` nodes.
struct FieldQuadrature {
    let architecture: ConvolutionalArchitecture
    let parts: ArcCosineParts
    let kind: KernelKind
    /// s: each integration variable is the mean of s consecutive pixels of a field (s = W/2).
    let span: Int
    /// The filters of the reduced network on the two virtual pixels: q_1/s, q_2, …, q_L.
    let filters: [Int]

    /// Levels whose input angle exceeds this (and, for abs, stays below π − it) take k(cos ψ) directly.
    static let directAngle = Rational(1) / Rational(4)

    /// The deepest box split (boxes of a piece's width times 2^{−maxLevel}).
    static let maxLevel = 48
    /// The most boxes one pass may visit.
    static let maxBoxes = 4000
    /// The most Gauss–Legendre nodes per axis (n ≈ p/5 for accuracy 2^{−p}).
    static let maxNodes = 80

    typealias Series = PowerSeries<Interval>

    /// s = W/2 when the field kernel is a function of the means of the field's two halves (the reduction
    /// above), else `PrismError.notCertified` saying why.
    static func span(of architecture: ConvolutionalArchitecture) throws -> Int {
        let W = architecture.receptiveField, q = architecture.filters[0], ζ = architecture.channels
        let groups = W / q
        guard groups <= 2 else {
            throw PrismError.notCertified("receptive fields of \(W) pixels whose first filters (size \(q)) leave \(groups) group means: "
                + "the field quadrature integrates over two variables (two pixels, or the means of a field's two halves)")
        }
        guard W % 2 == 0 else {
            throw PrismError.notCertified("receptive fields of \(W) pixels (a function of their mean): the field quadrature integrates "
                + "over the means of a field's two halves, which needs an even field" + (ζ % 2 == 0 ? " and odd ζ" : ""))
        }
        let s = W / 2
        guard s == 1 || ζ % 2 == 1 else {
            throw PrismError.notCertified("receptive fields of \(W) pixels with even ζ = \(ζ): the means of the field's two halves "
                + "(\(s) pixels each) have densities that are not piecewise polynomial ((1 − t²)^((ζ−3)/2) has a square root); "
                + "the field quadrature needs odd ζ for means of several pixels")
        }
        return s
    }

    init(architecture: ConvolutionalArchitecture, parts: ArcCosineParts, kind: KernelKind) throws {
        span = try FieldQuadrature.span(of: architecture)
        if kind == .ntk, parts.degree == 0 { throw PrismError.domain("σ' is a Dirac delta: the NTK is not defined") }
        self.architecture = architecture
        self.parts = parts
        self.kind = kind
        filters = [architecture.filters[0] / span] + architecture.filters.dropFirst()
        // Degree 0: a level of size 1 on a level's output has input angle 2 arcsin √(νφ/(2π)), a √φ singularity along
        // the whole edge φ = 0 of the square (not only at its corners), which boxes cannot absorb in bounded work.
        if parts.degree == 0, pairLevel >= 2 {
            throw PrismError.notCertified("step-like activations with \(pairLevel) levels before the level that joins the field's two halves: "
                + "the field kernel k(k(cos φ)) = 1 − ν·arccos(1 − νφ/π)/π has a √φ singularity along the edges of the field quadrature's square")
        }
    }

    /// A position of the network: Σ, Θ, the versine h = (1 − Σ)/2 (formed without cancellation, so that the
    /// next level's angle stays tight near Σ = 1), and the angle φ (cos φ = Σ) where it is analytic: a virtual
    /// pixel's own angle, or a degree-1 level's output angle.
    struct Node {
        var sigma: Series, theta: Series, versine: Series, angle: Series?
    }

    /// What the levels need at one precision: E_λ (degree 1) for series up to some order, and π.
    struct Tools {
        let precision: Int
        let pi: Interval, invPi: Interval
        let E: ArcCosineAngleRecursion.AngleFunction?

        init(parts: ArcCosineParts, precision wp: Int, order K: Int) throws {
            precision = wp
            pi = Interval.constant(.pi, precision: wp)
            invPi = try Interval(1, precision: wp).dividing(by: pi)
            E = parts.degree == 1 ? ArcCosineAngleRecursion.AngleFunction(lambda: parts.lambda, precision: wp, order: K, invPi: invPi) : nil
        }
    }

    /// One level over the children of a group: u = mean Σ, Σ' = k(u), Θ' = Σ' + k̇(u)·mean Θ, taken in the
    /// angle ψ = arccos u as `ArcCosineAngleRecursion` does: 1 − k(cos ψ) = ψ²E_λ(ψ) (degree 1) or νψ/π
    /// (degree 0) and k̇(cos ψ) = 1 − λψ/π, so the versine h' = (1 − Σ')/2 is s² with s = ψ√(E_λ(ψ)/2) =
    /// sin(ψ'/2) (degree 1: the output angle ψ' = 2 arcsin s is analytic down to ψ = 0), or νψ/(2π) (degree 0).
    /// Forming Σ' = k(u) from √(1 − u²) and arccos u instead loses the cancellation between them: over a box
    /// at distance ε from a corner, of width w, its enclosure is w wide while 1 − Σ' is ε², and the next
    /// level's arccos needs w < ε² (boxes without end). ψ: the child's angle (one child that has it), else
    /// 2 arcsin √h̄ for the mean versine h̄ ≤ 1/8 (no cancellation near u = 1), arccos ū for h̄ > 1/8.
    /// Away from the zeros of 1 − k(cos ψ) (ψ > 1/4, and ψ < π − 1/4 for abs) the level takes k(cos ψ) directly.
    func level(_ children: [Node], _ tools: Tools) throws -> Node {
        let wp = tools.precision
        let one = Interval(1, precision: wp)
        let mean = Interval(Rational(1) / Rational(children.count), precision: wp)
        func average(_ part: (Node) -> Series) throws -> Series {
            var sum = part(children[0])
            for c in children.dropFirst() { sum = try sum.adding(part(c)) }
            return children.count == 1 ? sum : try sum.scaled(by: mean)
        }
        let psi: Series
        if children.count == 1, let angle = children[0].angle {
            psi = angle
        } else {
            let h = try average { $0.versine }
            if h[0].upper.compare(Rational(1) / Rational(8)) <= 0 {
                psi = try h.power(Rational(1) / Rational(2)).applying(.asin).scaled(by: Interval(2, precision: wp))
            } else {
                psi = try average { $0.sigma }.applying(.acos)
            }
        }
        let versine: Series
        var angle: Series? = nil
        let halfPi = tools.pi.upper.scaled(byPowerOfTwo: -1)
        let nearZero = psi[0].lower.compare(FieldQuadrature.directAngle) <= 0
        let nearPi = parts.lambda == 2 && (tools.pi - Interval(FieldQuadrature.directAngle, precision: wp)).lower < psi[0].upper
        if let E = tools.E, nearZero || nearPi {
            // abs (λ = 2, k even): the level at ψ is the level at π − ψ, where E_2 does not vanish (E_2(π) = 0).
            let reflect = parts.lambda == 2 && halfPi < psi[0].lower
            let phi = reflect ? try psi.negated().adding(constant: tools.pi) : psi
            let s = try E.halfSine(phi, contraction: 1, pi: tools.pi)
            versine = try s.multiplied(by: s)
            angle = try s.applying(.asin).scaled(by: Interval(2, precision: wp))
        } else if parts.degree == 1 {
            // Away from the zeros of 1 − k(cos ψ): 2h' = 1 − cos ψ − (λ/π)(sin ψ − ψ cos ψ), in O(K²) (E costs O(K³)).
            let (sine, cosine) = try psi.sinCos()
            let odd = try sine.subtracting(psi.multiplied(by: cosine)).scaled(by: Interval(parts.lambda, precision: wp) * tools.invPi)
            versine = try cosine.negated().adding(constant: one).subtracting(odd).scaled(by: Interval(Rational(1) / Rational(2), precision: wp))
        } else {
            versine = try psi.scaled(by: Interval(parts.nu / 2, precision: wp) * tools.invPi)
        }
        let sigma = try versine.scaled(by: Interval(-2, precision: wp)).adding(constant: one)
        var theta = sigma
        if kind == .ntk, parts.degree == 1 {
            let kDot = try psi.scaled(by: Interval(-parts.lambda, precision: wp) * tools.invPi).adding(constant: one)
            theta = try sigma.adding(try kDot.multiplied(by: try average { $0.theta }))
        }
        return Node(sigma: sigma, theta: theta, versine: versine, angle: angle)
    }

    /// The level whose filter joins the two virtual pixels (the only reduced filter of size 2).
    var pairLevel: Int { filters.firstIndex(of: 2) ?? 0 }

    /// The exponent of w = sin^e φ: ζ − 2 for pixels, 1 (the Jacobian of v = cos φ) for means.
    var weightExponent: Int { span == 1 ? architecture.channels - 2 : 1 }

    /// A virtual pixel at angle φ through the levels before the pair level, with its weight w(φ).
    func pixel(_ angle: Series, _ tools: Tools) throws -> (node: Node, weight: Series) {
        let c = try angle.sinCos()
        let half = try angle.scaled(by: Interval(Rational(1) / Rational(2), precision: tools.precision)).sinCos().sin
        var node = Node(sigma: c.cos, theta: c.cos, versine: try half.multiplied(by: half), angle: angle)
        for _ in 0..<pairLevel { node = try level([node], tools) }
        var weight = Series(constant: Interval(1, precision: angle[0].precision), order: angle.order), base = c.sin, e = weightExponent
        while e > 0 {
            if e & 1 == 1 { weight = try weight.multiplied(by: base) }
            e >>= 1
            if e > 0 { base = try base.multiplied(by: base) }
        }
        return (node, weight)
    }

    /// F = K · w(φ_A) · w(φ_B) from the two virtual pixels: the pair level, then the levels after it;
    /// K is Σ (NNGP) or Θ (NTK) at the top.
    func pair(_ a: (node: Node, weight: Series), _ b: (node: Node, weight: Series), _ tools: Tools) throws -> Series {
        var node = try level([a.node, b.node], tools)
        for _ in (pairLevel + 1)..<filters.count { node = try level([node], tools) }
        return try (kind == .ntk ? node.theta : node.sigma).multiplied(by: a.weight).multiplied(by: b.weight)
    }

    /// A virtual pixel's node and weight as series of order N in x over a whole box m ± r: every coefficient
    /// encloses f_a(c) = f^{(a)}(c)/a! at every c in the box. Straight interval evaluation over the box
    /// overestimates (sin θ + (π − θ) cos θ loses the cancellation), so each coefficient comes from the
    /// series at the centre to order M = N + 12 by Taylor's formula with the Lagrange remainder,
    ///
    ///     f_a(m + δ) = Σ_{a ≤ j < M} C(j, a) f_j(m) δ^{j−a} + C(M, a) f_M(ξ) δ^{M−a},   |δ| ≤ r,
    ///
    /// f_M(ξ) enclosed by the series over the box. `tools` serve series of order M.
    func pixelOverBox(center m: Interval, radius r: Interval, order N: Int, _ tools: Tools) throws -> (node: Node, weight: Series) {
        let M = N + 12
        let atCenter = try pixel(Series.affine(m, slope: Interval(1, precision: m.precision), order: M), tools)
        let overBox = try pixel(Series.affine(try Interval(lower: (m - r).lower, upper: (m + r).upper), slope: Interval(1, precision: m.precision), order: M), tools)
        let delta = try Interval(lower: r.upper.negated(), upper: r.upper)
        var powers = [Interval(1, precision: m.precision)]
        for _ in 0..<M { powers.append(powers[powers.count - 1] * delta) }
        func recentered(_ c: Series, _ b: Series) -> Series {
            Series((0...N).map { a in
                var sum = Interval(0, precision: m.precision)
                var binomial = Interval(1, precision: m.precision) // C(j, a), j = a…M
                for j in a...M {
                    if j > a { binomial = binomial * Interval(Rational(j) / Rational(j - a), precision: m.precision) }
                    sum = sum + binomial * (j < M ? c[j] : b[M]) * powers[j - a]
                }
                return sum
            })
        }
        let c = atCenter.node, b = overBox.node
        var angle: Series? = nil
        if let ca = c.angle, let ba = b.angle { angle = recentered(ca, ba) }
        let node = Node(sigma: recentered(c.sigma, b.sigma), theta: recentered(c.theta, b.theta), versine: recentered(c.versine, b.versine), angle: angle)
        return (node, recentered(atCenter.weight, overBox.weight))
    }

    /// θ_L ≥ sup|K|: |Σ| ≤ 1 and |k̇| ≤ 1 (k̇ = 1 − λ arccos u/π, 0 ≤ λ ≤ 2), so |Θ_ℓ| ≤ 1 + |Θ_{ℓ−1}|.
    var kernelBound: Int { kind == .ntk ? architecture.levels + 1 : 1 }

    /// The factors B of one axis for a block: a key per half-multi-index, B_key at a point, and the bounds
    /// β_j (per piece) and S = sup|B| of the type comment.
    struct Factors {
        /// s = 1: the degrees 0…J (key k); s ≥ 2: the distinct sorted halves κ_A.
        let keys: [[Int]]
        /// s ≥ 2: ρ_key on each piece (φ-ascending: piece m is v ∈ [1 − 2(m+1)/s, 1 − 2m/s]), as polynomials in v.
        let densities: [[Polynomial<Rational>]]
        /// The same at working precision.
        let enclosures: [[Polynomial<Interval>]]
        /// β_j per piece, j = 0…2n, at low precision.
        let frequency: [[Interval]]
        /// s ≥ 2: |coefficients| of ρ_0(1 − y) on piece 0 and of ρ_0(−1 + y) on piece s − 1 (ρ_0: every degree 0).
        let ends: [[Interval]]
        let channels: Int

        /// sup |B_key| over a box of `piece` (every key): β_0; near v = ±1 (the end pieces) the smaller
        /// Σ_i |b_i| Yⁱ, Y = sup(1 ∓ cos φ), since |ρ_κ| ≤ ρ_0 pointwise (|P_k| ≤ 1) and ρ_0(±(1 − y)) = Σ_i b_i yⁱ.
        func sup(piece: Int, box: Interval) throws -> Interval {
            let global = frequency[piece][0]
            guard !ends.isEmpty, piece == 0 || piece == frequency.count - 1 else { return global }
            let c = try box.applying(.cos), one = Interval(1, precision: box.precision)
            let Y = Interval((piece == 0 ? one - c : one + c).upper)
            var sum = Interval(0, precision: box.precision), power = one
            for b in ends[piece == 0 ? 0 : 1] { sum = sum + b * power; power = power * Y }
            return sum.upper < global.upper ? Interval(sum.upper) : global
        }

        /// The key index of a half-multi-index.
        func key(_ half: [Int]) -> Int? { half.count == 1 ? half[0] : keys.firstIndex(of: half.sorted()) }

        /// B_key(φ) for every key, φ in `piece`, from cos φ.
        func values(cosine c: Interval, piece: Int) throws -> [Interval] {
            if densities.isEmpty { return try Gegenbauer.legendreValues(upTo: keys.count - 1, dimension: channels, at: c) }
            return try enclosures.map { pieces in try pieces[piece].evaluate(at: c) }
        }
    }

    /// The factors for the given halves (s ≥ 2) or degrees ≤ J (s = 1), with β_j for j ≤ order.
    func factors(_ halves: [[Int]], order: Int, precision low: Int, working wp: Int) throws -> Factors {
        let ζ = architecture.channels
        if span == 1 {
            // J^j/j!, the bound on [x^j] P_k(cos(θ + x)).
            let J = halves.map { $0[0] }.max() ?? 0
            var beta = [Interval(1, precision: low)]
            for j in 1...order { beta.append(try (beta[j - 1] * Interval(J, precision: low)).dividing(by: Interval(j, precision: low))) }
            return Factors(keys: (0...J).map { [$0] }, densities: [], enclosures: [], frequency: [beta], ends: [], channels: ζ)
        }
        let keys = Array(Set(halves.map { $0.sorted() })).sorted { $0.lexicographicallyPrecedes($1) }
        let s = Rational(span)
        let densities = try keys.map { key -> [Polynomial<Rational>] in
            let h = try MeanDensity(degrees: key, channels: ζ)
            // ρ(v) = s·h(s v); h's piece i covers v ∈ [−1 + 2i/s, −1 + 2(i+1)/s], φ-ascending piece s − 1 − i.
            return try h.pieces.reversed().map { try $0.composed(with: Polynomial([0, s])).scaled(by: s) }
        }
        let frequency = try (0..<span).map { piece -> [Interval] in
            var beta = [Interval](repeating: Interval(0, precision: low), count: order + 1)
            for pieces in densities {
                let a = FieldQuadrature.chebyshev(pieces[piece]).map { Interval($0.magnitude, precision: low) }
                var factorial = Interval(1, precision: low)
                for j in 0...order {
                    if j > 0 { factorial = factorial * Interval(j, precision: low) }
                    var sum = Interval(0, precision: low)
                    for (i, ai) in a.enumerated() where !ai.isExactZero { sum = sum + ai * (try Interval(i, precision: low).power(j)) }
                    let bound = try sum.dividing(by: factorial)
                    if beta[j].upper < bound.upper { beta[j] = Interval(bound.upper) }
                }
            }
            return beta
        }
        let enclosures = densities.map { pieces in pieces.map { $0.map { Interval($0, precision: wp) } } }
        let zero = try MeanDensity(degrees: [Int](repeating: 0, count: span), channels: ζ).pieces
        let ends = try [(zero[span - 1], Polynomial<Rational>([1, -1])), (zero[0], Polynomial<Rational>([-1, 1]))].map { piece, shift in
            try piece.composed(with: Polynomial([0, s])).scaled(by: s).composed(with: shift).coefficients.map { Interval($0.magnitude, precision: low) }
        }
        return Factors(keys: keys, densities: densities, enclosures: enclosures, frequency: frequency, ends: ends, channels: ζ)
    }

    /// The Chebyshev coefficients a_i of p (p = Σ a_i T_i), by Horner with x·T_0 = T_1, x·T_i = (T_{i+1} + T_{i−1})/2.
    static func chebyshev(_ p: Polynomial<Rational>) -> [Rational] {
        var a: [Rational] = []
        for c in p.coefficients.reversed() {
            var next = [Rational](repeating: 0, count: a.count + 1)
            for (i, ai) in a.enumerated() where !ai.isZero {
                if i == 0 { next[1] += ai } else { next[i + 1] += ai / 2; next[i - 1] += ai / 2 }
            }
            next[0] += c
            a = next
        }
        return a
    }

    /// A box: on each axis a piece and the fractions [a, b] ⊂ [0, 1] of it.
    struct Box {
        var piece1: Int, a1: Rational, b1: Rational
        var piece2: Int, a2: Rational, b2: Rational
        var level: Int
        var isDiagonal: Bool { piece1 == piece2 && a1 == a2 }
    }

    /// Enclosures of λ_κ for restricted multi-indices κ (2s entries: the halves κ_A, κ_B), aiming at
    /// absolute accuracy 2^{−p}. F is symmetric (K(φ_A, φ_B) = K(φ_B, φ_A): the halves enter alike), so only
    /// boxes on or below the diagonal are visited, each off-diagonal box standing for itself and its mirror image.
    func eigenvalues(_ indices: [[Int]], precision p: Int) throws -> [Interval] {
        let wp = p + 32, low = 64
        let s = span
        let n = Swift.max(6, (p + 16) / 5)
        guard n <= FieldQuadrature.maxNodes else {
            throw PrismError.notCertified("field quadrature: 2^-\(p) would need \(n) Gauss–Legendre nodes per axis (limit \(FieldQuadrature.maxNodes))")
        }
        let halves = indices.flatMap { [Array($0[0..<s]), Array($0[s..<(2 * s)])] }
        let factors = try factors(halves, order: 2 * n, precision: low, working: wp)
        let keyPairs = try indices.map { κ -> (Int, Int) in
            guard let a = factors.key(Array(κ[0..<s])), let b = factors.key(Array(κ[s..<(2 * s)])) else {
                throw PrismError.domain("field quadrature: a multi-index needs \(2 * s) entries, got \(κ.count)")
            }
            return (a, b)
        }
        let rule = try GaussLegendre(nodes: n, precision: wp)
        // Nodes at working precision (order 0); boxes' series at low precision to order 2n + 12 (`pixelOverBox`).
        let nodeTools = try Tools(parts: parts, precision: wp, order: 1), boxTools = try Tools(parts: parts, precision: low, order: 2 * n + 13)
        // The breakpoints φ_m = arccos(1 − 2m/s), m = 0…s (0 and π exactly at the ends).
        func breakpoints(_ precision: Int) throws -> [Interval] {
            try (0...s).map { m in
                if m == 0 { return Interval(0, precision: precision) }
                if m == s { return Interval.constant(.pi, precision: precision) }
                return try Interval(1 - Rational(2 * m) / Rational(s), precision: precision).applying(.acos)
            }
        }
        let phi = try breakpoints(wp), phiLow = try breakpoints(low)
        // (n!)⁴/((2n+1)((2n)!)²), at low precision.
        var glConstant = try Interval(1, precision: low).dividing(by: Interval(2 * n + 1, precision: low))
        for i in 1...n {
            let a = Interval(i, precision: low)
            glConstant = try (glConstant * a * a).dividing(by: Interval(n + i, precision: low) * Interval(n + i, precision: low))
        }
        let tolerance = BigFloat(1, precision: low).scaled(byPowerOfTwo: -(p + 8))
        let cornerShare = tolerance.scaled(byPowerOfTwo: -4)
        var sums = [Interval](repeating: Interval(0, precision: wp), count: indices.count)
        let zeroLow = Interval(0, precision: low)

        /// φ = φ_m + (φ_{m+1} − φ_m)·t, t ∈ [a, b], at working or low precision.
        func angles(_ piece: Int, _ t: Interval, _ table: [Interval]) -> Interval { table[piece] + (table[piece + 1] - table[piece]) * t }
        /// The box [φ(a), φ(b)] at low precision.
        func extent(_ piece: Int, _ a: Rational, _ b: Rational) throws -> Interval {
            try Interval(lower: angles(piece, Interval(a, precision: low), phiLow).lower, upper: angles(piece, Interval(b, precision: low), phiLow).upper)
        }
        /// Node enclosures φ = φ(m + hξ), weights (φ_{m+1} − φ_m)·h·w over [φ(a), φ(b)], and B_key(φ).
        func axis(_ piece: Int, _ a: Rational, _ b: Rational) throws -> (theta: [Interval], weight: [Interval], factor: [[Interval]]) {
            let m = Interval((a + b) / 2, precision: wp), h = Interval((b - a) / 2, precision: wp)
            let width = phi[piece + 1] - phi[piece]
            var thetas: [Interval] = [], weights: [Interval] = [], values: [[Interval]] = []
            for (xi, w) in zip(rule.nodes, rule.weights) {
                let theta = angles(piece, m + h * xi, phi)
                thetas.append(theta)
                weights.append(width * h * w)
                values.append(try factors.values(cosine: try theta.applying(.cos), piece: piece))
            }
            return (thetas, weights, values)
        }
        // A virtual pixel's series over an axis interval, and its nodes, serve every box of that row or column.
        var overBoxCache: [String: Result<(node: Node, weight: Series), Error>] = [:]
        func overBox(_ piece: Int, _ a: Rational, _ b: Rational, order: Int, _ make: () throws -> (node: Node, weight: Series)) throws -> (node: Node, weight: Series) {
            let key = "\(piece) \(a) \(b) \(order)"
            if let hit = overBoxCache[key] { return try hit.get() }
            let result = Result { try make() }
            overBoxCache[key] = result
            return try result.get()
        }
        var nodeCache: [String: (weight: [Interval], factor: [[Interval]], pixels: [(node: Node, weight: Series)])] = [:]
        func nodes(_ piece: Int, _ a: Rational, _ b: Rational) throws -> (weight: [Interval], factor: [[Interval]], pixels: [(node: Node, weight: Series)]) {
            let key = "\(piece) \(a) \(b)"
            if let hit = nodeCache[key] { return hit }
            let (x, w, f) = try axis(piece, a, b)
            let result = (w, f, try x.map { try pixel(Series(constant: $0, order: 0), nodeTools) })
            nodeCache[key] = result
            return result
        }
        /// sup over the box of |[x^{2n}] F(φ_1 + x, φ_2) B(φ_1 + x) B(φ_2)| (F is symmetric: along φ_2,
        /// swap the boxes), from F's series over the whole box.
        func derivativeBound(_ p1: Int, _ a1: Rational, _ b1: Rational, _ p2: Int, _ a2: Rational, _ b2: Rational) throws -> BigFloat {
            func centre(_ piece: Int, _ a: Rational, _ b: Rational) -> (Interval, Interval) {
                let width = phiLow[piece + 1] - phiLow[piece]
                return (angles(piece, Interval((a + b) / 2, precision: low), phiLow), width * Interval((b - a) / 2, precision: low))
            }
            let (m1, r1) = centre(p1, a1, b1), (m2, r2) = centre(p2, a2, b2)
            let x = try overBox(p1, a1, b1, order: 2 * n) { try pixelOverBox(center: m1, radius: r1, order: 2 * n, boxTools) }
            let y0 = try overBox(p2, a2, b2, order: 0) { try pixelOverBox(center: m2, radius: r2, order: 0, boxTools) }
            func lift(_ s: Series) -> Series { Series(constant: s[0], order: 2 * n) }
            let y = (node: Node(sigma: lift(y0.node.sigma), theta: lift(y0.node.theta), versine: lift(y0.node.versine), angle: nil), weight: lift(y0.weight))
            let F = try pair(x, y, boxTools)
            let beta = factors.frequency[p1]
            var bound = zeroLow
            for a in 0...(2 * n) { bound = bound + Interval(F[a].magnitude) * beta[2 * n - a] }
            return (bound * (try factors.sup(piece: p2, box: extent(p2, a2, b2)))).upper
        }

        var cells: [Box] = []
        let J = indices.flatMap { $0 }.max() ?? 0
        let initial = Swift.max(4, (J + 3) / 2)
        // The cells of every piece, on and below the diagonal (cell c: piece c / initial, fraction c % initial).
        for i in 0..<(s * initial) { for j in 0...i {
            cells.append(Box(piece1: i / initial, a1: Rational(i % initial) / Rational(initial), b1: Rational(i % initial + 1) / Rational(initial),
                             piece2: j / initial, a2: Rational(j % initial) / Rational(initial), b2: Rational(j % initial + 1) / Rational(initial), level: 0))
        } }
        var boxes = 0
        // The shared driver (PrismIntegration): cells visited last first, a split box's quarters in the order below.
        try Bisection.run(Array(cells.reversed())) { box -> Bisection.Step<Box> in
            boxes += 1
            guard boxes <= FieldQuadrature.maxBoxes else {
                throw PrismError.notCertified("field quadrature: more than \(FieldQuadrature.maxBoxes) boxes for 2^-\(p) (the kernel's enclosures over boxes are too wide)")
            }
            let (p1, a1, b1, p2, a2, b2) = (box.piece1, box.a1, box.b1, box.piece2, box.a2, box.b2)
            let diagonal = box.isDiagonal
            let copies = diagonal ? 1 : 2
            // The box's share of the tolerance: its fraction of the square [0, π]², counted in pieces.
            let area = (b1 - a1) * (b2 - a2) * Rational(copies) / Rational(s * s)
            let share = tolerance.scaled(byPowerOfTwo: -1).multiplied(by: BigFloat(area, precision: low, rounding: .down), precision: low, rounding: .down)
            let box1 = try extent(p1, a1, b1), box2 = try extent(p2, a2, b2)
            let w1 = box1.width, w2 = box2.width
            var error: BigFloat? = nil
            if let e1 = try? derivativeBound(p1, a1, b1, p2, a2, b2), let e2 = try? derivativeBound(p2, a2, b2, p1, a1, b1) {
                let r1 = (try Interval(w1).power(2 * n + 1) * glConstant * Interval(e1) * Interval(w2)).upper
                let r2 = (try Interval(w2).power(2 * n + 1) * glConstant * Interval(e2) * Interval(w1)).upper
                error = r1.adding(r2, precision: low, rounding: .up).multiplied(by: BigFloat(copies, precision: low), precision: low, rounding: .up)
            }
            if let error, error < share {
                // The virtual pixels' levels once per node, the pair level per node pair.
                let (wx, px, xs) = try nodes(p1, a1, b1), (wy, py, ys) = try nodes(p2, a2, b2)
                let values = try xs.map { a in try ys.map { b in try pair(a, b, nodeTools)[0] } }
                let e = try Interval(lower: error.negated(), upper: error)
                // G[key][i] = Σ_j w_j F_ij B_key(y_j), then Σ_i w_i B_{key_A}(x_i) G[key_B][i] (+ the mirror's term).
                var G: [Int: [Interval]] = [:]
                func g(_ key: Int) -> [Interval] {
                    if let hit = G[key] { return hit }
                    let column = (0..<n).map { i in
                        var s = Interval(0, precision: wp)
                        for j in 0..<n { s = s + wy[j] * values[i][j] * py[j][key] }
                        return wx[i] * s
                    }
                    G[key] = column
                    return column
                }
                for (index, (keyA, keyB)) in keyPairs.enumerated() {
                    var total = Interval(0, precision: wp)
                    let a = g(keyB)
                    for i in 0..<n { total = total + px[i][keyA] * a[i] }
                    if !diagonal {
                        let b = g(keyA)
                        for i in 0..<n { total = total + px[i][keyB] * b[i] }
                    }
                    sums[index] = sums[index] + total + e
                }
                return .accept
            }
            // Near a singular corner: area · sup|K| · sup|w| · sup|B| per axis, against a sixteenth of the tolerance
            // where F has no series, else against the box's share.
            var crude = Interval(w1) * Interval(w2) * Interval(kernelBound * copies, precision: low)
                * (try factors.sup(piece: p1, box: box1)) * (try factors.sup(piece: p2, box: box2))
            let e = weightExponent
            if e > 0 {
                crude = crude * (try Interval(try box1.applying(.sin).magnitude).power(e)) * (try Interval(try box2.applying(.sin).magnitude).power(e))
            }
            if crude.upper < (error == nil ? cornerShare : share) {
                let e = try Interval(lower: crude.upper.negated(), upper: crude.upper)
                for i in sums.indices { sums[i] = sums[i] + e }
                return .accept
            }
            guard box.level < FieldQuadrature.maxLevel else {
                throw PrismError.notCertified("field quadrature: the box [\(a1), \(b1)] of piece \(p1) × [\(a2), \(b2)] of piece \(p2) "
                    + "misses its error share after \(FieldQuadrature.maxLevel) splits")
            }
            let m1 = (a1 + b1) / 2, m2 = (a2 + b2) / 2, next = box.level + 1
            // The upper-left quarter of a diagonal box is the mirror of its lower-right one.
            let upperLeft = diagonal ? [] : [Box(piece1: p1, a1: a1, b1: m1, piece2: p2, a2: m2, b2: b2, level: next)]
            return .split(upperLeft + [Box(piece1: p1, a1: m1, b1: b1, piece2: p2, a2: m2, b2: b2, level: next),
                                       Box(piece1: p1, a1: a1, b1: m1, piece2: p2, a2: a2, b2: m2, level: next),
                                       Box(piece1: p1, a1: m1, b1: b1, piece2: p2, a2: a2, b2: m2, level: next)])
        }
        let scale: Interval
        if s == 1 {
            let c = try Sphere.densityConstant(dimension: architecture.channels).enclosure(precision: wp)
            scale = try (c * c).dividing(by: Interval(architecture.readouts, precision: wp))
        } else {
            scale = try Interval(1, precision: wp).dividing(by: Interval(architecture.readouts, precision: wp))
        }
        return sums.map { $0 * scale }
    }
}
