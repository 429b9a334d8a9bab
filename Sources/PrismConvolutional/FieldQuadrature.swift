import Foundation
import PrismNumbers
import PrismAlgebra
import PrismIntegration
import PrismBases
import PrismActivations
import PrismKernels

/// Certified eigenvalues of the convolutional NNGP/NTK of the arc-cosine family (relu, leaky_relu(a),
/// abs, step, sign) outside the exact route (several levels, or even ζ), any number of levels, by a
/// quadrature in angles over g ≤ 3 variables (CONVENTIONS §11).
///
/// **Reduction to g variables.** Level 1 sees the pixels of a group only through their mean
/// u = mean_{j∈group} t_j: Σ = k(u) and, since Θ_j = t_j, Θ = k(u) + k̇(u)·u; every later level sees
/// level 1's outputs. So the field kernel is K(v_1, …, v_g), v_i the means of the field's g = W/s blocks of
/// s consecutive pixels whenever s divides q_1: the network with filters (q_1/s, q_2, …, q_L) on g *virtual
/// pixels* with Σ = Θ = v. The t_j are independent, so (Fubini)
///
///     λ_κ = R⁻¹ ∫ K(v_1, …, v_g) Π_i ρ_{κ_i}(v_i) dv,   ρ_κ(v) = E[δ(v − mean_j t_j) Π_j P_{k_j}(t_j)] = s·h_κ(s v),
///
/// κ_i the block i of κ and h_κ the weighted density of the sum (`MeanDensity`: a piecewise polynomial over ℚ
/// for odd ζ, pieces between the breakpoints v = 1 − 2m/s; symmetric in the entries of κ_i). Odd ζ takes
/// s = q_1 (one variable per first-level group; g = 1 for a first filter over the whole field); even ζ takes
/// s = 1 (the means of several pixels have densities with square roots), the variables are the pixels. With
/// v = cos φ, φ ∈ [0, π], a virtual pixel's weight is B_κ(φ) sin φ, B_κ(φ) = ρ_κ(cos φ); for s = 1 it is
/// c_ζ sin^{ζ−2}φ · B_k(φ), B_k = P_k^{(ζ)}(cos φ). Levels of size 1 use arccos(cos φ) = φ and √(1 − cos²φ) =
/// sin φ, so K(φ) is analytic on [0, π]^g except where a level's input reaches ±1 (all the virtual pixels under
/// it at 0 or π; |k(u)| < 1 for |u| < 1): faces of the cube, where K has a cone singularity, or for step-like
/// activations composed on one virtual pixel a √φ edge. K is invariant under the permutations of the virtual
/// pixels that map every group of every level onto a group (`symmetries`).
///
///     λ_κ = R⁻¹ C ∫_{[0,π]^g} F(φ) Π_i B_{κ_i}(φ_i) dφ,   F = K · Π_i w(φ_i),
///
/// w = sin^{ζ−2}, C = c_ζ^g (s = 1); w = sin, C = 1 (s ≥ 2).
///
/// Algorithm. Each axis is cut at the breakpoints φ_m = arccos(1 − 2m/s) into s pieces, and the cube into
/// boxes inside products of pieces, one box per orbit of the symmetries (it stands for its distinct
/// rearrangements); on a box the tensor Gauss–Legendre rule with n nodes per axis (`GaussLegendre`, positive
/// weights summing to the width; the fewest n of a ladder up to ≈ p/5 whose bound meets the box's share)
/// integrates F Π B_{κ_i} for every κ at once, with the rule's error for
/// f = F Π B_{κ_i}
///
///     |E| ≤ Σ_i E_i Π_{j≠i} w_j,   E_i = w_i^{2n+1} (n!)⁴ / ((2n+1) ((2n)!)²) · sup |[x^{2n}] f(…, φ_i + x, …)|,
///
/// w_i the box's widths, and sup |[x^m] f| ≤ Π_{j≠i} S_j · Σ_{a ≤ m} |F_a| β_{m−a}: F_a the Taylor coefficients
/// of F in φ_i enclosed over the whole box (`pixelOverBox`, then the levels over intervals), β_j a bound
/// on |[x^j] B(φ_i + x)| and S_j on |B| along axis j, over every κ of the block. For s = 1,
/// P_k(cos θ) is a cosine polynomial of frequencies ≤ k with non-negative coefficients of sum 1
/// (`ThetaSpectrum`): β_j = J^j/j! (J the highest degree), S = 1. For s ≥ 2, on a piece
/// ρ_κ(u) = Σ_i a_i T_i(u) (Chebyshev, exact over ℚ), so B_κ(φ + x) = Σ_i a_i cos(i(φ + x)) and
/// β_j = max_κ Σ_i |a_i| i^j/j!, S = β_0. A box whose bound misses its share of the tolerance (proportional
/// to its volume) is split in two along the axes whose terms E_i Π w_j are at least 1/g of the share. Along an
/// axis where F has no series (the box touches a singular face) the box is split along those axes only,
/// or accepted against a sixteenth of the tolerance times its extent along the other axes: bounded by
/// volume · sup|K| · Π sup|w| · Π S, or integrated by the rule along the other axes with the failed cells whole
/// (`mixedAxes`: K enclosed over them, ∫ K G = mid K · ∫ G ± rad K · ∫ |G|; with no other axis, K over the whole box).
///
/// Error contract: enclosure; throws `PrismError.notCertified` for fields this reduction does not cover
/// (`variables(of:)`), when a box still misses its share after `maxLevel` splits, or when the accuracy asked needs
/// more than `maxNodes` nodes per axis; `WorkLimit` after `maxBoxes` boxes or `maxEvaluations` kernel evaluations.
struct FieldQuadrature {
    let architecture: ConvolutionalArchitecture
    let parts: ArcCosineParts
    let kind: KernelKind
    /// s: each integration variable is the mean of s consecutive pixels of a field.
    let span: Int
    /// g = W/s, the integration variables (virtual pixels).
    let dimension: Int
    /// The filters of the reduced network on the g virtual pixels: q_1/s, q_2, …, q_L.
    let filters: [Int]
    /// The permutations π of the virtual pixels with K(φ_π(1), …, φ_π(g)) = K(φ): those mapping every group of every
    /// level onto a group (the identity first).
    let symmetries: [[Int]]
    /// The integrands: 0 for the field kernel K alone (Σ or Θ of the top level); M ≥ 1 for the moments the top series needs
    /// (`TopSeries`): Σⁱ for i = 1…M and, for the NTK, Θ·Σⁱ for i = 0…M, integrated in one pass (the same boxes and nodes).
    let powers: Int
    /// The centre c of the powers' variable (`TopSeries.centre`): the integrands take y = (Σ − c)/(1 − c) for Σ.
    let centre: Rational

    /// Levels whose input angle exceeds this (and, for abs, stays below π − it) take k(cos ψ) directly.
    static let directAngle = Rational(1) / Rational(4)

    /// The most integration variables: a box costs n^g kernel evaluations (about 25 µs each); with four, measured
    /// (1,2,2 on four pixels, 2,2,2 on eight, `--max-degree 1 --digits 4`) a run takes more than 15 minutes.
    static let maxDimension = 3
    /// The deepest split of one axis beyond the working precision (boxes of a piece's width times 2^{−(p + maxLevel)}).
    static let maxLevel = 48
    /// The most boxes one pass may visit.
    static let maxBoxes = 6000
    /// The most Gauss–Legendre nodes per axis (n ≈ p/5 for accuracy 2^{−p}).
    static let maxNodes = 80
    /// The most kernel evaluations per box (n^g) and per pass (about 25 µs each).
    static let maxNodesPerBox = 200_000
    static let maxEvaluations = 10_000_000

    typealias Series = PowerSeries<Interval>

    /// A pass that reached `maxBoxes` or `maxEvaluations` (or `MeanSeries.maxOrder` terms). All grow with the precision, so Ziv's loop stops here
    /// (`ConvolutionalSpectrum.certify`) instead of trying passes that would need more; `enclosures` reports it as
    /// `PrismError.notCertified`.
    struct WorkLimit: Error {
        let reason: String
    }

    /// (s, g): the pixels per integration variable and the number of variables (the reduction above), or
    /// `PrismError.notCertified` saying why the field is not covered.
    static func variables(of architecture: ConvolutionalArchitecture) throws -> (span: Int, dimension: Int) {
        let W = architecture.receptiveField, q = architecture.filters[0], ζ = architecture.channels
        let s = ζ % 2 == 1 ? q : 1
        let g = W / s
        guard g <= FieldQuadrature.maxDimension else {
            let what = ζ % 2 == 1 ? (q == 1 ? "its pixels" : "the means of the first level's \(g) groups of \(q) pixels")
                : "its pixels: with even ζ = \(ζ) the mean of several pixels has a density that is not piecewise polynomial ((1 − t²)^((ζ−3)/2) has a square root)"
            throw PrismError.notCertified("receptive fields of \(W) pixels have \(g) integration variables (\(what)); "
                + "the field quadrature integrates over at most \(FieldQuadrature.maxDimension)")
        }
        return (s, g)
    }

    /// With `span`, the variables are the means of that many pixels (a divisor of q_1, any for odd ζ, 1 for even ζ)
    /// instead of `variables(of:)`'s choice: the same eigenvalues by another reduction (for tests).
    init(architecture: ConvolutionalArchitecture, parts: ArcCosineParts, kind: KernelKind, span chosen: Int? = nil, powers: Int = 0, centre: Rational = 0) throws {
        if let chosen {
            guard chosen >= 1, architecture.filters[0] % chosen == 0, chosen == 1 || architecture.channels % 2 == 1 else {
                throw PrismError.domain("field quadrature: a span must divide the first filter (and be 1 for even ζ), got \(chosen)")
            }
            (span, dimension) = (chosen, architecture.receptiveField / chosen)
        } else {
            (span, dimension) = try FieldQuadrature.variables(of: architecture)
        }
        if kind == .ntk, parts.degree == 0 { throw PrismError.domain("σ' is a Dirac delta: the NTK is not defined") }
        self.architecture = architecture
        self.parts = parts
        self.kind = kind
        filters = [architecture.filters[0] / span] + architecture.filters.dropFirst()
        symmetries = FieldQuadrature.symmetries(dimension: dimension, filters: filters)
        guard powers >= 0 else { throw PrismError.domain("field quadrature: powers must be ≥ 0, got \(powers)") }
        self.powers = powers
        guard centre.signum >= 0, centre < 1 else { throw PrismError.domain("field quadrature: a centre must lie in [0, 1), got \(centre)") }
        self.centre = centre
    }

    /// Σ in the powers' variable y = (Σ − c)/(1 − c) (`centre`), over a node or a box.
    func recentred(_ sigma: Series) throws -> Series {
        guard centre.signum != 0 else { return sigma }
        let p = sigma[0].precision
        return try sigma.adding(constant: Interval(-centre, precision: p)).scaled(by: Interval(1 / (1 - centre), precision: p))
    }

    /// The number of integrands (`powers`).
    var componentCount: Int { powers == 0 ? 1 : (kind == .ntk ? 2 * powers + 1 : powers) }

    /// The integrands at a top node (`powers`), from its order-0 terms.
    func components(_ top: Node) throws -> [Interval] {
        guard powers > 0 else { return [kind == .ntk ? top.theta[0] : top.sigma[0]] }
        let sigma = try recentred(top.sigma)[0], theta = top.theta[0]
        var out = [sigma]
        for _ in 1..<powers { out.append(out[out.count - 1] * sigma) }
        return kind == .ntk ? out + [theta] + out.map { theta * $0 } : out
    }

    /// Majorants G_b ≥ |[x^b] c(φ + x)| (b ≤ N) of every integrand c of `powers` ≥ 1 over a box, from the magnitudes
    /// C_a ≥ |[x^a] Σ(φ + x)| (and D_a for Θ). [x^b] Σⁱ depends on C_0…C_b only, so with the polynomial C(r) = Σ_{a≤N} C_a r^a,
    /// Cauchy's estimate gives [x^b] Σⁱ ≤ C(r)ⁱ/r^b for every r > 0, and max_{1≤i≤M} C(r)ⁱ is C(r) when C(r) ≤ 1, else C(r)^M:
    /// T_b = min over r = 2^j (−48 ≤ j ≤ 3) of that. Away from Σ = ±1 (C(r) ≤ 1 for some r) the bound does not grow
    /// with M. For the NTK, Θ·Σⁱ (i = 0…M, Σ⁰ = 1) takes Σ_{c≤b} D_c max(T_{b−c}, [b = c]).
    static func powerMajorant(sigma: Series, theta: Series?, powers M: Int, order N: Int, precision low: Int) -> [BigFloat] {
        let zero = BigFloat(0, precision: low)
        let C = (0...N).map { sigma[$0].magnitude }
        var T = [BigFloat?](repeating: nil, count: N + 1)
        for j in -48...3 {
            var value = zero
            for a in stride(from: N, through: 0, by: -1) {
                value = value.scaled(byPowerOfTwo: j).adding(C[a], precision: low, rounding: .up)
            }
            if value.compare(Rational(1)) > 0 {
                var power = BigFloat(1, precision: low), base = value, e = M
                while e > 0 {
                    if e & 1 == 1 { power = power.multiplied(by: base, precision: low, rounding: .up) }
                    e >>= 1
                    if e > 0 { base = base.multiplied(by: base, precision: low, rounding: .up) }
                }
                value = power
            }
            for b in 0...N {
                let bound = value.scaled(byPowerOfTwo: -j * b)
                if T[b].map({ bound < $0 }) ?? true { T[b] = bound }
            }
        }
        let powerBounds = T.map { $0! }
        guard let theta else { return powerBounds }
        var G = powerBounds
        let D = (0...N).map { theta[$0].magnitude }
        let one = BigFloat(1, precision: low)
        for b in 0...N {
            var sum = zero
            for c in 0...b {
                let t = c == b ? Swift.max(powerBounds[0], one) : powerBounds[b - c]
                sum = sum.adding(D[c].multiplied(by: t, precision: low, rounding: .up), precision: low, rounding: .up)
            }
            if G[b] < sum { G[b] = sum }
        }
        return G
    }

    /// The permutations of 0..<g that map every block of every level (consecutive runs of Π_{m≤ℓ} q_m virtual pixels)
    /// onto a block, the identity first.
    static func symmetries(dimension g: Int, filters: [Int]) -> [[Int]] {
        var sizes: [Int] = [], size = 1
        for q in filters { size *= q; sizes.append(size) }
        func permutations(_ rest: [Int]) -> [[Int]] {
            if rest.count <= 1 { return [rest] }
            return rest.flatMap { first in permutations(rest.filter { $0 != first }).map { [first] + $0 } }
        }
        return permutations(Array(0..<g)).filter { pi in
            sizes.allSatisfy { b in
                (0..<g).allSatisfy { j in (0..<g).allSatisfy { k in (j / b == k / b) == (pi[j] / b == pi[k] / b) } }
            }
        }
    }

    /// A position of the network: Σ, Θ, the versine h = (1 − Σ)/2 (formed without cancellation, so that the
    /// next level's angle stays tight near Σ = 1), and the angle φ (cos φ = Σ) where it is analytic: a virtual
    /// pixel's own angle, or a degree-1 level's output angle.
    struct Node {
        var sigma: Series, theta: Series, versine: Series, angle: Series?

        /// The same node as series of order N ≥ its own (a position that does not depend on the series' variable).
        func lifted(to N: Int) -> Node {
            guard sigma.order < N else { return self }
            func pad(_ s: Series) -> Series { Series(s.coefficients + [Interval](repeating: Interval(0, precision: s[0].precision), count: N - s.order)) }
            return Node(sigma: pad(sigma), theta: pad(theta), versine: pad(versine), angle: angle.map(pad))
        }
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
        // Children that do not depend on the series' variable come as constants.
        let order = children.map { $0.sigma.order }.max() ?? 0
        let children = children.map { $0.lifted(to: order) }
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
            let h = try FieldQuadrature.within(try average { $0.versine }, 0, 1)
            if h[0].upper.compare(Rational(1) / Rational(8)) <= 0 {
                psi = try h.power(Rational(1) / Rational(2)).applying(.asin).scaled(by: Interval(2, precision: wp))
            } else {
                psi = try FieldQuadrature.within(try average { $0.sigma }, -1, 1).applying(.acos)
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

    /// s with its constant term cut to [lo, hi], where the value is known to lie: over a cell ending at π (enclosed
    /// from above) or after rounding, an enclosure of a versine or a cosine may stick out of it.
    static func within(_ s: Series, _ lo: Int, _ hi: Int) throws -> Series {
        let c = s[0]
        guard c.lower.compare(Rational(lo)) < 0 || c.upper.compare(Rational(hi)) > 0 else { return s }
        let lower = c.lower.compare(Rational(lo)) < 0 ? BigFloat(lo, precision: c.precision) : c.lower
        let upper = c.upper.compare(Rational(hi)) > 0 ? BigFloat(hi, precision: c.precision) : c.upper
        return Series([try Interval(lower: lower, upper: upper)] + s.coefficients.dropFirst())
    }

    /// The levels of size 1 every virtual pixel passes through on its own, before the first group.
    var leafLevels: Int { filters.firstIndex { $0 > 1 } ?? filters.count }

    /// The exponent of w = sin^e φ: ζ − 2 for pixels, 1 (the Jacobian of v = cos φ) for means.
    var weightExponent: Int { span == 1 ? architecture.channels - 2 : 1 }

    /// step and sign (degree 0, 1 − k(cos φ) = νφ/π) with D + 1 ≥ 2 levels on each virtual pixel before a group. Level d's
    /// output angle θ_d = h(θ_{d−1}), h(θ) = arccos(1 − νθ/π), θ_0 = φ, has √ singularities at θ_{d−1} = 0 (and at π for
    /// sign, ν = 2), which the next level passes on to K along the edges of the cube. The axis is therefore the last
    /// such angle x = θ_D instead of φ: θ_{d−1} = g(θ_d), g(θ) = (π/ν)(1 − cos θ), so φ = g^D(x), x ∈ [0, h^D(π)] (π for
    /// sign; π/2, π/3, … for step), after which level D's output is Σ = cos x exactly and every later level analytic in x.
    /// The weight takes the Jacobian dφ/dx = Π_{d=1…D} g'(θ_d), g' = (π/ν) sin; the factor B(φ(x)) and the weight take
    /// Taylor bounds from the majorants Δ_D(δ) of φ(x + δ) − φ(x) and Δ_{D−d}(δ) of θ_d(x + δ) − θ_d(x)
    /// (`substitutionMajorants`); the pieces' breakpoints are x_m = h^D(φ_m).
    var substitutions: Int { parts.degree == 0 ? leafLevels - 1 : 0 }
    var substituted: Bool { substitutions > 0 }

    /// π/ν at the given precision.
    func substitutionScale(_ pi: Interval) -> Interval { pi * Interval(1 / parts.nu, precision: pi.precision) }

    /// θ_D = x, θ_{D−1}, …, θ_0 = φ for a series x (θ_{d−1} = g(θ_d), `substitutions`).
    func substitutionAngles(_ x: Series, _ tools: Tools) throws -> [Series] {
        var angles = [x]
        for _ in 0..<substitutions {
            let theta = angles[angles.count - 1]
            angles.append(try theta.sinCos().cos.negated().adding(constant: Interval(1, precision: tools.precision)).scaled(by: substitutionScale(tools.pi)))
        }
        return angles
    }

    /// The virtual pixel's angles over axis coordinates x (x itself, or φ = g^D(x) under the substitution).
    func pixelAngles(_ x: Interval, _ tools: Tools) throws -> Interval {
        substituted ? try substitutionAngles(Series(constant: x, order: 0), tools).last![0] : x
    }

    /// A virtual pixel at angle φ through its own levels (`leafLevels`), with its weight w(φ).
    /// Under the substitution `angle` is x = θ_D: the node after level D, Σ = cos x, and the weight times dφ/dx.
    func leaf(_ angle: Series, _ tools: Tools) throws -> (node: Node, weight: Series) {
        var c = try angle.sinCos()
        let half = try angle.scaled(by: Interval(Rational(1) / Rational(2), precision: tools.precision)).sinCos().sin
        var node = Node(sigma: c.cos, theta: c.cos, versine: try half.multiplied(by: half), angle: angle)
        var weight = Series(constant: Interval(1, precision: angle[0].precision), order: angle.order)
        if substituted {
            let angles = try substitutionAngles(angle, tools)
            for theta in angles.dropLast() { weight = try weight.multiplied(by: try theta.sinCos().sin.scaled(by: substitutionScale(tools.pi))) }
            c = try angles[angles.count - 1].sinCos()
        }
        for _ in substitutions..<leafLevels { node = try level([node], tools) }
        var base = c.sin, e = weightExponent
        while e > 0 {
            if e & 1 == 1 { weight = try weight.multiplied(by: base) }
            e >>= 1
            if e > 0 { base = try base.multiplied(by: base) }
        }
        return (node, weight)
    }

    /// The levels after the leaves' own over every tuple of the leaves' nodes: the top node (Σ, Θ) for each tuple,
    /// row-major (the first virtual pixel's index most significant). A position's table holds its node for every
    /// tuple of the nodes of the virtual pixels under it, so each group is formed once per tuple of its own pixels.
    func network(_ leaves: [[Node]], _ tools: Tools) throws -> [Node] {
        var positions = leaves
        for q in filters[leafLevels...] {
            positions = try stride(from: 0, to: positions.count, by: q).map { start in
                var tuples: [[Node]] = [[]]
                for child in positions[start..<(start + q)] { tuples = tuples.flatMap { t in child.map { t + [$0] } } }
                return try tuples.map { try level($0, tools) }
            }
        }
        return positions[0]
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
        let atCenter = try leaf(Series.affine(m, slope: Interval(1, precision: m.precision), order: M), tools)
        let overBox = try leaf(Series.affine(try Interval(lower: (m - r).lower, upper: (m + r).upper), slope: Interval(1, precision: m.precision), order: M), tools)
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

    /// The factors B of one axis for a block: a key per block of a multi-index, B_key at a point, and the bounds
    /// β_j (per piece) and S = sup|B| of the type comment.
    struct Factors {
        /// s = 1: the degrees 0…J (key k); s ≥ 2: the distinct sorted blocks κ_i.
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

        /// The key index of a block of a multi-index.
        func key(_ block: [Int]) -> Int? { block.count == 1 ? block[0] : keys.firstIndex(of: block.sorted()) }

        /// B_key(φ) for every key, φ in `piece`, from cos φ.
        func values(cosine c: Interval, piece: Int) throws -> [Interval] {
            if densities.isEmpty { return try Gegenbauer.legendreValues(upTo: keys.count - 1, dimension: channels, at: c) }
            return try enclosures.map { pieces in try pieces[piece].evaluate(at: c) }
        }
    }

    /// The factors for the given blocks (s ≥ 2) or degrees ≤ J (s = 1), with β_j for j ≤ order.
    func factors(_ blocks: [[Int]], order: Int, precision low: Int, working wp: Int) throws -> Factors {
        let ζ = architecture.channels
        if span == 1 {
            // J^j/j!, the bound on [x^j] P_k(cos(θ + x)); substituted, [x^j] exp(J·Δ_D(x)) (`substitutions`).
            let J = blocks.map { $0[0] }.max() ?? 0
            var beta = [Interval(1, precision: low)]
            if substituted {
                beta = try FieldQuadrature.exponentialMajorant(try substitutionMajorants(order: order, precision: low)[substitutions], frequency: J)
            } else {
                for j in 1...order { beta.append(try (beta[j - 1] * Interval(J, precision: low)).dividing(by: Interval(j, precision: low))) }
            }
            return Factors(keys: (0...J).map { [$0] }, densities: [], enclosures: [], frequency: [beta], ends: [], channels: ζ)
        }
        let keys = Array(Set(blocks.map { $0.sorted() })).sorted { $0.lexicographicallyPrecedes($1) }
        let s = Rational(span)
        let densities = try keys.map { key -> [Polynomial<Rational>] in
            let h = try MeanDensity(degrees: key, channels: ζ)
            // ρ(v) = s·h(s v); h's piece i covers v ∈ [−1 + 2i/s, −1 + 2(i+1)/s], φ-ascending piece s − 1 − i.
            return try h.pieces.reversed().map { try $0.composed(with: Polynomial([0, s])).scaled(by: s) }
        }
        let delta = substituted ? try substitutionMajorants(order: order, precision: low)[substitutions] : []
        let frequency = try (0..<span).map { piece -> [Interval] in
            var beta = [Interval](repeating: Interval(0, precision: low), count: order + 1)
            for pieces in densities {
                let a = FieldQuadrature.chebyshev(pieces[piece]).map { Interval($0.magnitude, precision: low) }
                if substituted {
                    // Σ_i |a_i| [x^j] exp(iΔ_D(x)) (`substitutions`).
                    var sums = [Interval](repeating: Interval(0, precision: low), count: order + 1)
                    for (i, ai) in a.enumerated() where !ai.isExactZero {
                        for (j, e) in try FieldQuadrature.exponentialMajorant(delta, frequency: i).enumerated() { sums[j] = sums[j] + ai * e }
                    }
                    for j in 0...order where beta[j].upper < sums[j].upper { beta[j] = Interval(sums[j].upper) }
                    continue
                }
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

    /// The coefficients (j ≤ order) of Δ_0(δ) = δ, Δ_d(δ) = (π/ν)(exp(Δ_{d−1}(δ)) − 1), d ≤ D: Δ_{D−d} majorizes
    /// θ_d(x + δ) − θ_d(x) coefficientwise in absolute value. For d = D, θ_D = x. Then
    /// g(θ + ε) − g(θ) = (π/ν)(cos θ (1 − cos ε) + sin θ sin ε) is majorized by (π/ν)(e^ε − 1) = Δ_1(ε), and putting the
    /// majorant Δ_{D−d−1} of ε = θ_{d+1}(x + δ) − θ_{d+1}(x) into a majorant series with non-negative coefficients majorizes
    /// the composition.
    func substitutionMajorants(order: Int, precision low: Int) throws -> [[Interval]] {
        var identity = [Interval](repeating: Interval(0, precision: low), count: order + 1)
        if order >= 1 { identity[1] = Interval(1, precision: low) }
        var out = [identity]
        let scale = substitutionScale(Interval.constant(.pi, precision: low))
        for _ in 0..<substitutions {
            let e = try FieldQuadrature.exponentialMajorant(out[out.count - 1], frequency: 1)
            out.append([Interval(0, precision: low)] + e.dropFirst().map { $0 * scale })
        }
        return out
    }

    /// [x^j] exp(f·D(x)) for j < d.count, D = Σ_{m ≥ 1} d_m x^m with d_m ≥ 0: a majorant of e^{i f δ(x)} when D majorizes δ
    /// (δ(0) = 0), by j E_j = f Σ_{m ≤ j} m d_m E_{j−m}.
    static func exponentialMajorant(_ d: [Interval], frequency f: Int) throws -> [Interval] {
        let low = d[0].precision
        var E = [Interval(1, precision: low)]
        for j in 1..<d.count {
            var sum = Interval(0, precision: low)
            for m in 1...j { sum = sum + Interval(m, precision: low) * d[m] * E[j - m] }
            E.append(try (sum * Interval(f, precision: low)).dividing(by: Interval(j, precision: low)))
        }
        return E
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

    /// An axis of a box: the fractions [a, b] ⊂ [0, 1] of a piece.
    struct Cell: Hashable, Comparable {
        var piece: Int, a: Rational, b: Rational
        static func < (x: Cell, y: Cell) -> Bool { x.piece != y.piece ? x.piece < y.piece : x.a != y.a ? x.a < y.a : x.b < y.b }
        var halves: [Cell] {
            let m = (a + b) / 2
            return [Cell(piece: piece, a: a, b: m), Cell(piece: piece, a: m, b: b)]
        }
    }

    /// The bits of a box's series and enclosures: 64, and 32 more for every 16 halvings of its narrowest cell beyond 20. Next to a
    /// corner where a level's input reaches ±1, 1 ± u ≈ ε² at distance ε, and the bisection's cells there are about as wide
    /// as their distance: at 64 bits, about 2^−31 from the corner, the level's series meets a divisor √(1 − u²) not separated
    /// from 0, and the box's axis fails at every depth (relu NTK, two pixels at ζ = 2, 15 digits: 6,000 boxes split along
    /// that axis for ever, then exit 1; now certified).
    func boxPrecision(_ cells: [Cell]) -> Int {
        let depth = cells.map { ($0.b - $0.a).denominator.bitWidth - 1 }.max() ?? 0
        return 64 + 32 * Swift.max(0, (depth - 5) / 16)
    }

    /// A box: a cell per axis, and how often it has been split.
    struct Box {
        var cells: [Cell]
        var level: Int
    }

    /// The distinct rearrangements T'_j = T_{π(j)} of a box's cells under `symmetries`, each with its π. Cells of one box
    /// are equal or disjoint (equal cells are split together), so distinct rearrangements are disjoint boxes.
    func arrangements(_ cells: [Cell]) -> [(cells: [Cell], pi: [Int])] {
        var seen = Set<[Cell]>()
        var out: [(cells: [Cell], pi: [Int])] = []
        for pi in symmetries {
            let t = pi.map { cells[$0] }
            if seen.insert(t).inserted { out.append((t, pi)) }
        }
        return out
    }

    /// The box standing for a box's orbit: its lexicographically largest rearrangement.
    func canonical(_ cells: [Cell]) -> [Cell] {
        var best = cells
        for pi in symmetries.dropFirst() {
            let t = pi.map { cells[$0] }
            if best.lexicographicallyPrecedes(t) { best = t }
        }
        return best
    }

    /// Enclosures of λ_κ for restricted multi-indices κ (g·s entries: the blocks κ_1…κ_g), aiming at absolute
    /// accuracy 2^{−p}. Only one box per orbit of `symmetries` is visited: on a box B with cells C_j, the rearrangement
    /// B_π = {φ : φ_j ∈ C_{π(j)}} contributes ∫_B F(ψ) Π_m B_{κ_{π⁻¹(m)}}(ψ_m) dψ (F(ψ∘π) = F(ψ)).
    func eigenvalues(_ indices: [[Int]], precision p: Int) throws -> [Interval] {
        guard powers == 0 else { throw PrismError.domain("field quadrature: eigenvalues integrate K alone (powers 0), not \(powers) powers") }
        return try moments(indices, precision: p).map { $0[0] }
    }

    /// R⁻¹ E[c Π_j P_{κ_j}(t_j)] for every integrand c of `powers` (in the order of `components`) and restricted multi-index κ,
    /// each to absolute accuracy 2^{−p}: the eigenvalues for `powers` = 0.
    func moments(_ indices: [[Int]], precision p: Int) throws -> [[Interval]] {
        let wp = p + 32, low = 64
        let s = span, g = dimension
        let n = Swift.max(6, (p + 16) / 5)
        guard n <= FieldQuadrature.maxNodes else {
            throw PrismError.notCertified("field quadrature: 2^-\(p) would need \(n) Gauss–Legendre nodes per axis (limit \(FieldQuadrature.maxNodes))")
        }
        let evaluations = (0..<g).reduce(1) { r, _ in r * n }
        guard evaluations <= FieldQuadrature.maxNodesPerBox else {
            throw PrismError.notCertified("field quadrature: 2^-\(p) over \(g) variables would need \(n)^\(g) kernel evaluations per box "
                + "(limit \(FieldQuadrature.maxNodesPerBox))")
        }
        for κ in indices where κ.count != g * s {
            throw PrismError.domain("field quadrature: a multi-index needs \(g * s) entries, got \(κ.count)")
        }
        let blocks = indices.flatMap { κ in (0..<g).map { Array(κ[($0 * s)..<(($0 + 1) * s)]) } }
        let factors = try factors(blocks, order: 2 * n, precision: low, working: wp)
        let keyTuples = try indices.map { κ in
            try (0..<g).map { i in try factors.key(Array(κ[(i * s)..<((i + 1) * s)])).unwrapped(or: PrismError.domain("field quadrature: block \(i) of \(ConvolutionalArchitecture.indexString(κ))")) }
        }
        // The rules a box may take: the fewest nodes whose error bound meets its share (small boxes far from the kernel's
        // singularities, and boxes next to a singular corner, where more nodes gain nothing).
        let ladder = Array(Set([6, 8, 10, 12, 15, 19, 24, 30, 38, 48, 60].filter { $0 < n } + [n])).sorted()
        let rules = try Dictionary(uniqueKeysWithValues: ladder.map { ($0, try GaussLegendre(nodes: $0, precision: wp)) })
        // Nodes at working precision (order 0); boxes' series at `boxPrecision` to order 2n + 12 (`pixelOverBox`).
        let nodeTools = try Tools(parts: parts, precision: wp, order: 1)
        // The breakpoints φ_m = arccos(1 − 2m/s), m = 0…s (0 and π exactly at the ends); substituted, the axis's
        // x_m = h^D(φ_m), h(θ) = arccos(1 − νθ/π) (the last π for sign, h^D(π) = π/2, π/3, … for step).
        func breakpoints(_ precision: Int) throws -> [Interval] {
            let pi = Interval.constant(.pi, precision: precision)
            return try (0...s).map { m in
                if m == 0 { return Interval(0, precision: precision) }
                if m == s, !substituted || parts.nu == 2 { return pi }
                var angle = m == s ? pi : try Interval(1 - Rational(2 * m) / Rational(s), precision: precision).applying(.acos)
                for _ in 0..<substitutions {
                    angle = try (Interval(1, precision: precision) - (try angle.dividing(by: pi)) * Interval(parts.nu, precision: precision)).applying(.acos)
                }
                return angle
            }
        }
        let phi = try breakpoints(wp)
        // Boxes' series and enclosures at `boxPrecision` bits (64 for all but boxes of tiny cells): their tools and breakpoints.
        var boxArithmetic: [Int: (tools: Tools, phi: [Interval])] = [:]
        func arithmetic(_ bits: Int) throws -> (tools: Tools, phi: [Interval]) {
            if let hit = boxArithmetic[bits] { return hit }
            let made = (try Tools(parts: parts, precision: bits, order: 2 * n + 13), try breakpoints(bits))
            boxArithmetic[bits] = made
            return made
        }
        // (n!)⁴/((2n+1)((2n)!)²) for each rule, at low precision.
        let glConstants = try ladder.map { n in
            var c = try Interval(1, precision: low).dividing(by: Interval(2 * n + 1, precision: low))
            for i in 1...n {
                let a = Interval(i, precision: low)
                c = try (c * a * a).dividing(by: Interval(n + i, precision: low) * Interval(n + i, precision: low))
            }
            return c
        }
        let tolerance = BigFloat(1, precision: low).scaled(byPowerOfTwo: -(p + 8))
        let cornerShare = tolerance.scaled(byPowerOfTwo: -4)
        let zeroLow = Interval(0, precision: low), zero = Interval(0, precision: wp)
        let C = componentCount
        var sums = [[Interval]](repeating: [Interval](repeating: zero, count: C), count: indices.count)

        /// φ = φ_m + (φ_{m+1} − φ_m)·t, t ∈ [a, b], at working or box precision.
        func angles(_ piece: Int, _ t: Interval, _ table: [Interval]) -> Interval { table[piece] + (table[piece + 1] - table[piece]) * t }
        /// The cell [φ(a), φ(b)] at `bits` bits.
        func extent(_ c: Cell, _ bits: Int) throws -> Interval {
            let phiBox = try arithmetic(bits).phi
            return try Interval(lower: angles(c.piece, Interval(c.a, precision: bits), phiBox).lower, upper: angles(c.piece, Interval(c.b, precision: bits), phiBox).upper)
        }
        // A virtual pixel's series over a cell, and its nodes, serve every box with that cell on some axis.
        var overBoxCache: [String: Result<(node: Node, weight: Series), Error>] = [:]
        func overBox(_ c: Cell, order: Int, _ bits: Int) throws -> (node: Node, weight: Series) {
            let key = "\(c.piece) \(c.a) \(c.b) \(order) \(bits)"
            if let hit = overBoxCache[key] { return try hit.get() }
            let (boxTools, phiBox) = try arithmetic(bits)
            let width = phiBox[c.piece + 1] - phiBox[c.piece]
            let m = angles(c.piece, Interval((c.a + c.b) / 2, precision: bits), phiBox), r = width * Interval((c.b - c.a) / 2, precision: bits)
            // Order 0 (an axis the series does not run along): where the Taylor recentring has no series (the cell
            // touches a singular end of a leaf's own levels, √φ for step-like ones), plain interval evaluation.
            let result = Result {
                do { return try pixelOverBox(center: m, radius: r, order: order, boxTools) } catch where order == 0 {
                    return try leaf(Series(constant: try extent(c, bits), order: 0), boxTools)
                }
            }
            overBoxCache[key] = result
            return try result.get()
        }
        /// The leaves at the cell's nodes φ_i = φ(m + hξ_i) of a rule, and v[i][key] = (φ_{m+1} − φ_m)·h·ω_i · w(φ_i) · B_key(φ_i).
        var nodeCache: [Int: [Cell: (leaves: [Node], vectors: [[Interval]])]] = [:]
        func nodes(_ c: Cell, _ rule: GaussLegendre) throws -> (leaves: [Node], vectors: [[Interval]]) {
            if let hit = nodeCache[rule.nodes.count]?[c] { return hit }
            let m = Interval((c.a + c.b) / 2, precision: wp), h = Interval((c.b - c.a) / 2, precision: wp)
            let width = phi[c.piece + 1] - phi[c.piece]
            var leaves: [Node] = [], vectors: [[Interval]] = []
            for (xi, w) in zip(rule.nodes, rule.weights) {
                let theta = angles(c.piece, m + h * xi, phi)
                let (node, weight) = try leaf(Series(constant: theta, order: 0), nodeTools)
                let scale = width * h * w * weight[0]
                leaves.append(node)
                vectors.append(try factors.values(cosine: try pixelAngles(theta, nodeTools).applying(.cos), piece: c.piece).map { scale * $0 })
            }
            nodeCache[rule.nodes.count, default: [:]][c] = (leaves, vectors)
            return (leaves, vectors)
        }
        /// sup over the box of |[x^{2m}] F(…, φ_i + x, …) Π_j B(φ_j)| for m = 0…n, from F's series in φ_i over the whole box, at `bits` (`boxPrecision`).
        func derivativeBounds(_ cells: [Cell], axis i: Int, bits: Int) throws -> [BigFloat] {
            let boxTools = try arithmetic(bits).tools
            let leaves = try cells.indices.map { j in try overBox(cells[j], order: j == i ? 2 * n : 0, bits) }
            let top = try network(leaves.map { [$0.node] }, boxTools)[0].lifted(to: 2 * n)
            var F: Series
            if powers == 0 {
                F = try (kind == .ntk ? top.theta : top.sigma).multiplied(by: leaves[i].weight)
            } else {
                // |[x^a] c·w| ≤ Σ_b G_b |w_{a−b}| for every integrand c (`powerMajorant`).
                let G = FieldQuadrature.powerMajorant(sigma: try recentred(top.sigma), theta: kind == .ntk ? top.theta : nil, powers: powers, order: 2 * n, precision: low)
                let weight = Series((0...(2 * n)).map { Interval(leaves[i].weight[$0].magnitude) })
                F = try Series(G.map { Interval($0) }).multiplied(by: weight)
            }
            var others = Interval(1, precision: low)
            for j in cells.indices where j != i {
                F = try F.scaled(by: leaves[j].weight[0])
                others = others * (try factors.sup(piece: cells[j].piece, box: pixelAngles(extent(cells[j], bits), boxTools)))
            }
            let beta = factors.frequency[cells[i].piece]
            let magnitudes = (0...(2 * n)).map { Interval(F[$0].magnitude) }
            return (0...n).map { m in
                var bound = zeroLow
                for a in 0...(2 * m) { bound = bound + magnitudes[a] * beta[2 * m - a] }
                return (bound * others).upper
            }
        }

        /// sums += Σ_t K_t Π_a v_a[t_a][key_a] over every arrangement of the box, ± error, for every integrand: K over the tuples of
        /// the axes' nodes (row-major), contracting the last axis first, partial contractions memoized by key suffix.
        func accumulate(_ K: [[Interval]], _ axes: [(leaves: [Node], vectors: [[Interval]])], orbit: [(cells: [Cell], pi: [Int])], error: BigFloat) {
            // The table flat, index t·C + c (`Interval.contraction`).
            let table = Array(K.joined())
            var memo: [[Int]: [Interval]] = [:]
            func contracted(_ keys: [Int], from a: Int) -> [Interval] {
                if a == g { return table }
                let suffix = Array(keys[a...])
                if let hit = memo[suffix] { return hit }
                let out = Interval.contraction(contracted(keys, from: a + 1), with: axes[a].vectors.map { $0[keys[a]] }, stride: C, precision: wp)
                memo[suffix] = out
                return out
            }
            let e = Interval(error.negated()).hull(Interval(error))
            for (index, keys) in keyTuples.enumerated() {
                var total = [Interval](repeating: e, count: C)
                for (_, pi) in orbit {
                    var inverse = [Int](repeating: 0, count: g)
                    for (j, image) in pi.enumerated() { inverse[image] = j }
                    let value = contracted(inverse.map { keys[$0] }, from: 0)
                    for c in 0..<C { total[c] = total[c] + value[c] }
                }
                for c in 0..<C { sums[index][c] = sums[index][c] + total[c] }
            }
        }

        /// ∫_C B_key(φ) w(φ) dφ over a cell for every key: the rule's sum of the cell's vectors ± its remainder
        /// w^{2n+1} (n!)⁴/((2n+1)((2n)!)²) · Σ_a β_a ω_{2n−a}, ω_j ≥ |[x^j] w(φ + x)| (w = sin^e: e^j/j!, its Fourier
        /// coefficients summing to at most 1).
        var omega = [Interval(1, precision: low)]
        if substituted {
            // w = sin^e(φ)·Π_{d=1…D} (π/ν) sin θ_d: (π/ν)^D exp(e Δ_D + Σ_{k<D} Δ_k) (`substitutionMajorants`; sin(θ + ε) ≺ e^ε).
            let majorants = try substitutionMajorants(order: 2 * n, precision: low)
            let exponent = (0...(2 * n)).map { j in
                majorants.dropLast().reduce(majorants[substitutions][j] * Interval(weightExponent, precision: low)) { $0 + $1[j] }
            }
            let scale = try substitutionScale(Interval.constant(.pi, precision: low)).power(substitutions)
            omega = try FieldQuadrature.exponentialMajorant(exponent, frequency: 1).map { $0 * scale }
        } else {
            for j in 1...(2 * n) { omega.append(try (omega[j - 1] * Interval(weightExponent, precision: low)).dividing(by: Interval(j, precision: low))) }
        }
        func cellIntegrals(_ c: Cell, rule r: Int) throws -> [Interval] {
            let n = ladder[r], vectors = try nodes(c, rules[n]!).vectors, beta = factors.frequency[c.piece]
            var coefficient = zeroLow
            for a in 0...(2 * n) { coefficient = coefficient + beta[a] * omega[2 * n - a] }
            let bound = (try Interval(try extent(c, low).width).power(2 * n + 1) * glConstants[r] * coefficient).upper
            let remainder = Interval(bound.negated()).hull(Interval(bound))
            return (0..<factors.keys.count).map { key in vectors.reduce(remainder) { $0 + $1[key] } }
        }

        /// The axes of a mixed box: along `failed` the whole cell as one leaf (enclosed over the cell) with the vector
        /// ∫_C B_key w (`cellIntegrals`), along the others the rule's nodes; and spread = Π_failed ∫|G| · Π_other Σ_i max_key |v[i][key]|.
        func mixedAxes(_ cells: [Cell], failed: [Int], rule r: Int, sups: [Interval]) throws -> (axes: [(leaves: [Node], vectors: [[Interval]])], spread: Interval) {
            var spread = Interval(1, precision: low)
            let axes = try cells.indices.map { j -> (leaves: [Node], vectors: [[Interval]]) in
                let c = cells[j]
                if failed.contains(j) {
                    spread = spread * sups[j]
                    let x = try Interval(lower: angles(c.piece, Interval(c.a, precision: wp), phi).lower, upper: angles(c.piece, Interval(c.b, precision: wp), phi).upper)
                    return ([try leaf(Series(constant: x, order: 0), nodeTools).node], [try cellIntegrals(c, rule: r)])
                }
                let axis = try nodes(c, rules[ladder[r]]!)
                spread = spread * axis.vectors.reduce(zeroLow) { sum, v in sum + Interval(v.dropFirst().reduce(v[0].magnitude) { Swift.max($0, $1.magnitude) }) }
                return axis
            }
            return (axes, spread)
        }

        // The cells of every piece: initial per piece (more for high degrees, which oscillate), fewer in 3 and 4 variables.
        let J = indices.flatMap { $0 }.max() ?? 0
        let initial = Swift.max(g <= 2 ? 4 : 2, (J + 3) / 2)
        let axisCells = (0..<s).flatMap { piece in
            (0..<initial).map { Cell(piece: piece, a: Rational($0) / Rational(initial), b: Rational($0 + 1) / Rational(initial)) }
        }
        var tuples: [[Cell]] = [[]]
        for _ in 0..<g { tuples = tuples.flatMap { t in axisCells.map { t + [$0] } } }
        let initialBoxes = tuples.filter { canonical($0) == $0 }.map { Box(cells: $0, level: 0) }
        let volumeUnit = Rational(1) / (0..<g).reduce(Rational(1)) { r, _ in r * Rational(s) }
        var boxes = 0, evaluated = 0
        // The pairs [j, i], j < i, whose transposition is a symmetry of K.
        let transpositions = Set(symmetries.compactMap { pi -> [Int]? in
            let moved = pi.indices.filter { pi[$0] != $0 }
            guard moved.count == 2, pi[moved[0]] == moved[1] else { return nil }
            return moved
        })
        // The shared driver (PrismIntegration): boxes visited last first, a split box's parts in the order built below.
        try Bisection.run(Array(initialBoxes.reversed())) { box -> Bisection.Step<Box> in
            boxes += 1
            guard boxes <= FieldQuadrature.maxBoxes else {
                throw WorkLimit(reason: "field quadrature: more than \(FieldQuadrature.maxBoxes) boxes for 2^-\(p)")
            }
            let cells = box.cells
            let orbit = arrangements(cells)
            let copies = orbit.count
            // The box's share of the tolerance: its fraction of the cube [0, π]^g, counted in pieces.
            let fractions = cells.map { $0.b - $0.a }
            let volume = fractions.reduce(volumeUnit * Rational(copies), *)
            let share = tolerance.scaled(byPowerOfTwo: -1).multiplied(by: BigFloat(volume, precision: low, rounding: .down), precision: low, rounding: .down)
            let bits = boxPrecision(cells), boxTools = try arithmetic(bits).tools
            let extents = try cells.map { try extent($0, bits) }
            let widths = extents.map { Interval($0.width) }
            // E_i Π_{j≠i} w_j per axis for every rule of the ladder (nil: no series along the axis); splits follow the largest rule's.
            var ladderTerms: [[BigFloat]?] = []
            for i in cells.indices {
                // An axis whose cell is an earlier axis j's, the two swapped by a symmetry of K: the box is symmetric under the
                // swap, so j's bounds hold along i (a quarter of the boxes in two variables).
                if let j = (0..<i).first(where: { cells[$0] == cells[i] && transpositions.contains([$0, i]) }) {
                    ladderTerms.append(ladderTerms[j])
                    continue
                }
                guard let e = try? derivativeBounds(cells, axis: i, bits: bits) else { ladderTerms.append(nil); continue }
                var others = Interval(copies, precision: low)
                for j in cells.indices where j != i { others = others * widths[j] }
                ladderTerms.append(try? ladder.indices.map { r in (try widths[i].power(2 * ladder[r] + 1) * glConstants[r] * Interval(e[ladder[r]]) * others).upper })
            }
            let terms = ladderTerms.map { $0?.last }
            /// Σ_{i ∈ axes} E_i Π_{j≠i} w_j for rung r.
            func ladderError(_ axes: [Int], _ r: Int) -> BigFloat {
                axes.dropFirst().reduce(ladderTerms[axes[0]]![r]) { $0.adding(ladderTerms[$1]![r], precision: low, rounding: .up) }
            }
            let solid = cells.indices.filter { ladderTerms[$0] != nil }
            // The fewest nodes whose error meets the share.
            if solid.count == g, let (r, error) = ladder.indices.lazy.map({ ($0, ladderError(solid, $0)) }).first(where: { $0.1 < share }) {
                let rule = rules[ladder[r]]!, n = ladder[r]
                let evaluations = (0..<g).reduce(1) { r, _ in r * n }
                evaluated += evaluations
                guard evaluated <= FieldQuadrature.maxEvaluations else {
                    throw WorkLimit(reason: "field quadrature: more than \(FieldQuadrature.maxEvaluations) kernel evaluations for 2^-\(p) "
                        + "over \(g) variables (up to \(n)^\(g) per box)")
                }
                // The virtual pixels' own levels once per node, the groups once per tuple of their pixels' nodes.
                let axes = try cells.map { try nodes($0, rule) }
                accumulate(try network(axes.map(\.leaves), nodeTools).map(components), axes, orbit: orbit, error: error)
                return .accept
            }
            // Where F has no series along some axes (a singular face): volume · sup|K| · Π sup|w| · Π sup|B|, against a
            // sixteenth of the tolerance times the box's extent along the other axes; else against the box's share.
            // ∫_{C_j} |B w| ≤ width · sup|B| · sup w, per axis.
            let sups = try extents.indices.map { j in
                var bound = widths[j] * (try factors.sup(piece: cells[j].piece, box: pixelAngles(extents[j], boxTools)))
                if substituted {
                    // sup sin^e(φ)·Π_d (π/ν)|sin θ_d| over the cell.
                    bound = bound * Interval(try leaf(Series(constant: extents[j], order: 0), boxTools).weight[0].magnitude)
                } else if weightExponent > 0 { bound = bound * (try Interval(try extents[j].applying(.sin).magnitude).power(weightExponent)) }
                return bound
            }
            // sup|K| over the box where the levels enclose it (near a corner where K vanishes, e.g. relu at u = −1, this is
            // far below θ_L: without vanishing weights, ζ = 2, boxes there would have to shrink to 2^−p/2), else θ_L.
            var supK = Interval(kernelBound, precision: low)
            if let top = try? network(cells.map { [try overBox($0, order: 0, bits).node] }, boxTools)[0],
               case let k = Interval((try components(top)).map(\.magnitude).max()!), k.upper < supK.upper { supK = k }
            let crude = sups.reduce(supK * Interval(copies, precision: low), *)
            let failed = cells.indices.filter { ladderTerms[$0] == nil }
            let budget = failed.isEmpty ? share
                : cornerShare.multiplied(by: BigFloat(solid.reduce(Rational(copies)) { $0 * fractions[$1] / Rational(s) },
                                                      precision: low, rounding: .down), precision: low, rounding: .down)
            if crude.upper < budget {
                let e = try Interval(lower: crude.upper.negated(), upper: crude.upper)
                for i in sums.indices { sums[i] = sums[i].map { $0 + e } }
                return .accept
            }
            // Mixed: the rule along the axes with series, the failed axes as whole cells. With K_t the enclosure of K over
            // the failed cells at a tuple t of the other axes' nodes, ∫ K Π G = mid(K_t)·Π ∫G ± rad(K_t)·Π ∫|G| (G = B·w
            // along a failed axis, its integral by `cellIntegrals`, ∫|G| ≤ width·sup|B|·sup w), plus the rule's error
            // along the other axes (their terms, as for a box). Near a singular face K varies little over the failed
            // cells (the cone ~ ρ² + ρ³), so this meets the budget on far larger boxes than the crude bound. With every axis
            // failed (a box at a singular corner) K is enclosed over the whole box: where K does not vanish at the corner
            // (u = 1, K ≈ K(1) − c·ρ²) rad K ~ w² beats sup|K| ~ 1, and the boxes stop at widths ~ tol^{1/4}, not tol^{1/2}.
            if !failed.isEmpty,
               let r = solid.isEmpty ? ladder.count - 1 : ladder.indices.first(where: { ladderError(solid, $0) < budget.scaled(byPowerOfTwo: -1) }),
               let mixed = try? mixedAxes(cells, failed: failed, rule: r, sups: sups) {
                let error = solid.isEmpty ? BigFloat(0, precision: low) : ladderError(solid, r)
                evaluated += mixed.axes.reduce(1) { $0 * $1.vectors.count }
                guard evaluated <= FieldQuadrature.maxEvaluations else {
                    throw WorkLimit(reason: "field quadrature: more than \(FieldQuadrature.maxEvaluations) kernel evaluations for 2^-\(p) over \(g) variables")
                }
                if let K = try? network(mixed.axes.map(\.leaves), nodeTools).map(components) {
                    let mids = K.map { $0.map(\.midpoint) }
                    var radius = BigFloat(0, precision: low)
                    for (k, m) in zip(K.joined(), mids.joined()) {
                        radius = Swift.max(radius, k.upper.subtracting(m, precision: low, rounding: .up), m.subtracting(k.lower, precision: low, rounding: .up))
                    }
                    let total = error.adding((Interval(radius) * mixed.spread * Interval(copies, precision: low)).upper, precision: low, rounding: .up)
                    if total < budget {
                        accumulate(mids.map { $0.map { Interval($0) } }, mixed.axes, orbit: orbit, error: total)
                        return .accept
                    }
                }
            }
            guard box.level < g * (p + FieldQuadrature.maxLevel) else {
                throw PrismError.notCertified("field quadrature: the box \(cells.map { "[\($0.a), \($0.b)] of piece \($0.piece)" }.joined(separator: " × ")) "
                    + "misses its error share after \(box.level) splits")
            }
            // Split along the failed axes and those carrying at least 1/g of the share; equal cells together.
            let threshold = share.multiplied(by: BigFloat(Rational(1) / Rational(g), precision: low, rounding: .down), precision: low, rounding: .down)
            var axes = Set(cells.indices.filter { terms[$0].map { !($0 < threshold) } ?? true })
            if symmetries.count > 1 { axes.formUnion(cells.indices.filter { j in axes.contains { cells[$0] == cells[j] } }) }
            var children: [[Cell]] = [[]]
            for j in cells.indices { children = children.flatMap { t in (axes.contains(j) ? cells[j].halves : [cells[j]]).map { t + [$0] } } }
            var seen = Set<[Cell]>()
            return .split(children.map(canonical).filter { seen.insert($0).inserted }.map { Box(cells: $0, level: box.level + 1) })
        }
        let scale: Interval
        if s == 1 {
            let c = try Sphere.densityConstant(dimension: architecture.channels).enclosure(precision: wp)
            scale = try (0..<g).reduce(Interval(1, precision: wp)) { r, _ in r * c }.dividing(by: Interval(architecture.readouts, precision: wp))
        } else {
            scale = try Interval(1, precision: wp).dividing(by: Interval(architecture.readouts, precision: wp))
        }
        return sums.map { $0.map { $0 * scale } }
    }
}
