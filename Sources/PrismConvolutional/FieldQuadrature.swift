import Foundation
import PrismNumbers
import PrismAlgebra
import PrismBases
import PrismActivations
import PrismKernels

/// Certified eigenvalues of the convolutional NNGP/NTK of the arc-cosine family (relu, leaky_relu(a),
/// abs, step, sign) for receptive fields of two pixels, any number of levels and any ζ ≥ 2
/// (CONVENTIONS §11), by a two-dimensional quadrature in the pixels' angles.
///
/// With t_j = cos θ_j the eigenvalue of a restricted multi-index κ = (k_1, k_2) is
///
///     λ_κ = R⁻¹ c_ζ² ∫₀^π ∫₀^π F(θ_1, θ_2) P_{k_1}(cos θ_1) P_{k_2}(cos θ_2) dθ_1 dθ_2,
///     F = K(θ_1, θ_2) sin^{ζ−2}θ_1 sin^{ζ−2}θ_2,
///
/// P_k(cos θ) = P_k^{(ζ)}(cos θ) a cosine polynomial of frequencies ≤ k whose coefficients have ℓ¹
/// norm 1 (`ThetaSpectrum`). K is the field kernel of §11 composed level by level from the elementary
/// forms of k and k̇ (`ArcCosineParts.normalizedDual`); a level of filter size 1 on the pixels uses
/// arccos(cos θ) = θ and √(1 − cos²θ) = sin θ, so K is analytic in (θ_1, θ_2) on [0, π]² except where
/// a level's input reaches ±1, which (|k(u)| < 1 for |u| < 1) happens at most at the four corners;
/// there K has a cone (√(θ_1² + θ_2²)) singularity. F is symmetric (the pixels enter through their mean).
///
/// Algorithm. [0, π]² is cut into boxes (on and below the diagonal; an off-diagonal box also stands for
/// its mirror image); on a box the tensor Gauss–Legendre rule with n nodes per axis (`GaussLegendre`)
/// integrates F P_{k_1} P_{k_2} for every κ at once, with the rule's error for f = F P_{k_1} P_{k_2}
///
///     |E| ≤ w_2 E_1 + w_1 E_2,   E_i = w_i^{2n+1} (n!)⁴ / ((2n+1) ((2n)!)²) · sup |[x^{2n}] f(θ_i + x)|,
///
/// w_i the box's widths, and sup |[x^m] f| ≤ Σ_{a ≤ m} |F_a| J^{m−a}/(m−a)! (|P_k| ≤ 1 across; J the
/// highest degree), F_a the Taylor coefficients of F in θ_i enclosed over the whole box (`pixelOverBox`,
/// then the pair level over intervals). A box whose bound misses its share of the tolerance
/// (proportional to its area) is split in four. A box where F has no series (a singular corner) is
/// bounded by area · sup|K| · sup|sin^{ζ−2}θ_1| · sup|sin^{ζ−2}θ_2| (sup|K| ≤ θ_L, |P_k| ≤ 1) against a
/// sixteenth of the tolerance, or split toward the corner.
///
/// Error contract: enclosure; throws `PrismError.notCertified` when a box still misses its share
/// after `maxLevel` splits, after `maxBoxes` boxes, or when the accuracy asked needs more than `maxNodes` nodes.
struct FieldQuadrature {
    let architecture: ConvolutionalArchitecture
    let parts: ArcCosineParts
    let kind: KernelKind

    /// The deepest box split (boxes of side π·2^{−maxLevel}).
    static let maxLevel = 48
    /// The most boxes one pass may visit.
    static let maxBoxes = 4000
    /// The most Gauss–Legendre nodes per axis (n ≈ p/5 for accuracy 2^{−p}).
    static let maxNodes = 80

    typealias Series = PowerSeries<Interval>

    init(architecture: ConvolutionalArchitecture, parts: ArcCosineParts, kind: KernelKind) throws {
        guard architecture.receptiveField == 2 else {
            throw PrismError.notCertified("the field quadrature serves receptive fields of two pixels, got \(architecture.receptiveField)")
        }
        if kind == .ntk, parts.degree == 0 { throw PrismError.domain("σ' is a Dirac delta: the NTK is not defined") }
        self.architecture = architecture
        self.parts = parts
        self.kind = kind
    }

    /// f(u) = (1/π)[r(u)√(1−u²) + π p(u) − a(u) arccos u] on series, given √(1−u²) and arccos u.
    static func apply(_ f: ArcCosineElementary, u: Series, root: Series, angle: Series, pi: Interval) throws -> Series {
        func horner(_ c: [Rational]) throws -> Series? {
            guard let top = c.last else { return nil }
            var s = Series(constant: Interval(top, precision: pi.precision), order: u.order)
            for x in c.dropLast().reversed() { s = try s.multiplied(by: u).adding(constant: Interval(x, precision: pi.precision)) }
            return s
        }
        var bracket = Series(constant: Interval(0, precision: pi.precision), order: u.order)
        if let r = try horner(f.root) { bracket = try bracket.adding(r.multiplied(by: root)) }
        if let p = try horner(f.polynomial) { bracket = try bracket.adding(p.scaled(by: pi)) }
        if let a = try horner(f.arccos) { bracket = try bracket.subtracting(a.multiplied(by: angle)) }
        return try bracket.scaled(by: try Interval(1, precision: pi.precision).dividing(by: pi))
    }

    /// A position of the network: Σ, Θ, and (pixels before any level) the angle θ with cos θ = Σ.
    typealias Node = (sigma: Series, theta: Series, angle: Series?)

    /// One level over the children of a group: u = mean Σ, Σ' = k(u), Θ' = Σ' + k̇(u)·mean Θ. A pixel's
    /// first level uses arccos(cos θ) = θ and √(1 − cos²θ) = sin θ (θ ∈ [0, π]).
    func level(_ children: [Node]) throws -> Node {
        let wp = children[0].sigma[0].precision
        let pi = Interval.constant(.pi, precision: wp)
        let q = children.count
        let u: Series, root: Series, angle: Series
        if q == 1, let a = children[0].angle {
            u = children[0].sigma
            angle = a
            root = try a.sinCos().sin
        } else {
            var sum = children[0].sigma
            for c in children.dropFirst() { sum = try sum.adding(c.sigma) }
            u = try sum.scaled(by: Interval(Rational(1) / Rational(q), precision: wp))
            root = try u.multiplied(by: u).negated().adding(constant: Interval(1, precision: wp)).power(Rational(1) / Rational(2))
            angle = try u.applying(.acos)
        }
        let sigma = try FieldQuadrature.apply(parts.normalizedDual, u: u, root: root, angle: angle, pi: pi)
        var theta = sigma
        if kind == .ntk, let kDot = parts.normalizedDerivativeDual {
            var mean = children[0].theta
            for c in children.dropFirst() { mean = try mean.adding(c.theta) }
            mean = try mean.scaled(by: Interval(Rational(1) / Rational(q), precision: wp))
            theta = try sigma.adding(try FieldQuadrature.apply(kDot, u: u, root: root, angle: angle, pi: pi).multiplied(by: mean))
        }
        return (sigma, theta, nil)
    }

    /// The level whose filter joins the two pixels (the only filter of size 2).
    var pairLevel: Int { architecture.filters.firstIndex(of: 2) ?? 0 }

    /// A pixel at angle θ through the levels before the pair level, with its weight sin^{ζ−2}θ.
    func pixel(_ angle: Series) throws -> (node: Node, weight: Series) {
        let c = try angle.sinCos()
        var node: Node = (c.cos, c.cos, angle)
        for _ in 0..<pairLevel { node = try level([node]) }
        var weight = Series(constant: Interval(1, precision: angle[0].precision), order: angle.order), base = c.sin, e = architecture.channels - 2
        while e > 0 {
            if e & 1 == 1 { weight = try weight.multiplied(by: base) }
            e >>= 1
            if e > 0 { base = try base.multiplied(by: base) }
        }
        return (node, weight)
    }

    /// F = K · sin^{ζ−2}θ_1 · sin^{ζ−2}θ_2 from the two pixels: the pair level, then the levels after it;
    /// K is Σ (NNGP) or Θ (NTK) at the top.
    func pair(_ a: (node: Node, weight: Series), _ b: (node: Node, weight: Series)) throws -> Series {
        var node = try level([a.node, b.node])
        for _ in (pairLevel + 1)..<architecture.levels { node = try level([node]) }
        return try (kind == .ntk ? node.theta : node.sigma).multiplied(by: a.weight).multiplied(by: b.weight)
    }

    /// A pixel's Σ, Θ and weight as series of order N in x over a whole box m ± r: every coefficient
    /// encloses f_a(c) = f^{(a)}(c)/a! at every c in the box. Straight interval evaluation over the box
    /// overestimates (sin θ + (π − θ) cos θ loses the cancellation), so each coefficient comes from the
    /// series at the centre to order M = N + 12 by Taylor's formula with the Lagrange remainder,
    ///
    ///     f_a(m + δ) = Σ_{a ≤ j < M} C(j, a) f_j(m) δ^{j−a} + C(M, a) f_M(ξ) δ^{M−a},   |δ| ≤ r,
    ///
    /// f_M(ξ) enclosed by the series over the box.
    func pixelOverBox(center m: Interval, radius r: Interval, order N: Int) throws -> (node: Node, weight: Series) {
        let M = N + 12
        let atCenter = try pixel(FieldQuadrature.shifted(m, order: M))
        let overBox = try pixel(FieldQuadrature.shifted(try Interval(lower: (m - r).lower, upper: (m + r).upper), order: M))
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
        let node: Node = (recentered(atCenter.node.sigma, overBox.node.sigma), recentered(atCenter.node.theta, overBox.node.theta), nil)
        return (node, recentered(atCenter.weight, overBox.weight))
    }

    /// F(θ_1, θ_2) for angle series.
    func weighted(_ theta1: Series, _ theta2: Series) throws -> Series { try pair(pixel(theta1), pixel(theta2)) }

    /// θ_L ≥ sup|K|: |Σ| ≤ 1 and |k̇| ≤ 1 (k̇ = 1 − λ arccos u/π, 0 ≤ λ ≤ 2), so |Θ_ℓ| ≤ 1 + |Θ_{ℓ−1}|.
    var kernelBound: Int { kind == .ntk ? architecture.levels + 1 : 1 }

    /// Enclosures of λ_κ for restricted multi-indices κ = (k_1, k_2), aiming at absolute accuracy 2^{−p}.
    /// F is symmetric (K(θ_1, θ_2) = K(θ_2, θ_1): the two pixels enter through their mean), so only boxes
    /// on or below the diagonal are visited, each off-diagonal box standing for itself and its mirror image.
    func eigenvalues(_ indices: [[Int]], precision p: Int) throws -> [Interval] {
        let wp = p + 32, low = 64
        let ζ = architecture.channels
        // P_k(cos θ) has frequencies ≤ k and ℓ¹ norm 1.
        let J = indices.flatMap { $0 }.max() ?? 0
        let n = Swift.max(6, (p + 16) / 5)
        guard n <= FieldQuadrature.maxNodes else {
            throw PrismError.notCertified("field quadrature: 2^-\(p) would need \(n) Gauss–Legendre nodes per axis (limit \(FieldQuadrature.maxNodes))")
        }
        let rule = try GaussLegendre(nodes: n, precision: wp)
        let pi = Interval.constant(.pi, precision: wp), piLow = Interval.constant(.pi, precision: low)
        // (n!)⁴/((2n+1)((2n)!)²), at low precision.
        var glConstant = try Interval(1, precision: low).dividing(by: Interval(2 * n + 1, precision: low))
        for i in 1...n {
            let a = Interval(i, precision: low)
            glConstant = try (glConstant * a * a).dividing(by: Interval(n + i, precision: low) * Interval(n + i, precision: low))
        }
        // J^m/m!, the bound on [x^m] P_k(cos(θ + x)).
        var frequencyFactor = [Interval(1, precision: low)]
        for m in 1...(2 * n) { frequencyFactor.append(try (frequencyFactor[m - 1] * Interval(J, precision: low)).dividing(by: Interval(m, precision: low))) }
        let tolerance = BigFloat(1, precision: low).scaled(byPowerOfTwo: -(p + 8))
        let cornerShare = tolerance.scaled(byPowerOfTwo: -4)
        var sums = [Interval](repeating: Interval(0, precision: wp), count: indices.count)
        let zeroLow = Interval(0, precision: low)

        /// Node enclosures θ = π(m + hξ), weights πh·w over [πa, πb], and P_k(cos θ) for k ≤ J.
        func axis(_ a: Rational, _ b: Rational) throws -> (theta: [Interval], weight: [Interval], legendre: [[Interval]]) {
            let m = Interval((a + b) / 2, precision: wp), h = Interval((b - a) / 2, precision: wp)
            var thetas: [Interval] = [], weights: [Interval] = [], values: [[Interval]] = []
            for (xi, w) in zip(rule.nodes, rule.weights) {
                let theta = pi * (m + h * xi)
                thetas.append(theta)
                weights.append(pi * h * w)
                values.append(try Gegenbauer.legendreValues(upTo: J, dimension: ζ, at: try theta.applying(.cos)))
            }
            return (thetas, weights, values)
        }
        /// sup over the box of |[x^{2n}] F(θ_1 + x, θ_2) P_{k_1}(cos(θ_1 + x))| (F is symmetric: along θ_2,
        /// swap the boxes), from F's series over the whole box.
        func derivativeBound(_ a1: Rational, _ b1: Rational, _ a2: Rational, _ b2: Rational) throws -> BigFloat {
            func centre(_ a: Rational, _ b: Rational) -> (Interval, Interval) {
                (piLow * Interval((a + b) / 2, precision: low), piLow * Interval((b - a) / 2, precision: low))
            }
            let (m1, r1) = centre(a1, b1), (m2, r2) = centre(a2, b2)
            let x = try pixelOverBox(center: m1, radius: r1, order: 2 * n)
            let y0 = try pixelOverBox(center: m2, radius: r2, order: 0)
            func lift(_ s: Series) -> Series { Series(constant: s[0], order: 2 * n) }
            let y: (node: Node, weight: Series) = ((lift(y0.node.sigma), lift(y0.node.theta), nil), lift(y0.weight))
            let F = try pair(x, y)
            var bound = zeroLow
            for a in 0...(2 * n) { bound = bound + Interval(F[a].magnitude) * frequencyFactor[2 * n - a] }
            return bound.upper
        }

        var stack: [(Rational, Rational, Rational, Rational, Int)] = []
        let initial = Swift.max(4, (J + 3) / 2)
        for i in 0..<initial { for j in 0...i {
            stack.append((Rational(i) / Rational(initial), Rational(i + 1) / Rational(initial),
                          Rational(j) / Rational(initial), Rational(j + 1) / Rational(initial), 0))
        } }
        var boxes = 0
        while let (a1, b1, a2, b2, level) = stack.popLast() {
            boxes += 1
            guard boxes <= FieldQuadrature.maxBoxes else {
                throw PrismError.notCertified("field quadrature: more than \(FieldQuadrature.maxBoxes) boxes for 2^-\(p) (the kernel's enclosures over boxes are too wide)")
            }
            let diagonal = a1 == a2
            let copies = diagonal ? 1 : 2
            let area = (b1 - a1) * (b2 - a2) * Rational(copies)
            let share = tolerance.scaled(byPowerOfTwo: -1).multiplied(by: BigFloat(area, precision: low, rounding: .down), precision: low, rounding: .down)
            let box1 = try Interval(lower: (piLow * Interval(a1, precision: low)).lower, upper: (piLow * Interval(b1, precision: low)).upper)
            let box2 = try Interval(lower: (piLow * Interval(a2, precision: low)).lower, upper: (piLow * Interval(b2, precision: low)).upper)
            let w1 = box1.width, w2 = box2.width
            var error: BigFloat? = nil
            if let e1 = try? derivativeBound(a1, b1, a2, b2), let e2 = try? derivativeBound(a2, b2, a1, b1) {
                let r1 = (try Interval(w1).power(2 * n + 1) * glConstant * Interval(e1) * Interval(w2)).upper
                let r2 = (try Interval(w2).power(2 * n + 1) * glConstant * Interval(e2) * Interval(w1)).upper
                error = r1.adding(r2, precision: low, rounding: .up).multiplied(by: BigFloat(copies, precision: low), precision: low, rounding: .up)
            }
            if let error, error < share {
                let (x, wx, px) = try axis(a1, b1), (y, wy, py) = try axis(a2, b2)
                // The pixels' levels once per node, the pair level per node pair.
                let xs = try x.map { try pixel(Series(constant: $0, order: 0)) }, ys = try y.map { try pixel(Series(constant: $0, order: 0)) }
                let values = try xs.map { a in try ys.map { b in try pair(a, b)[0] } }
                let e = try Interval(lower: error.negated(), upper: error)
                // G[k][i] = Σ_j w_j F_ij P_k(cos y_j), then Σ_i w_i P_{k_1}(cos x_i) G[k_2][i] (+ the mirror's term).
                var G: [Int: [Interval]] = [:]
                func g(_ k: Int) -> [Interval] {
                    if let hit = G[k] { return hit }
                    let column = (0..<n).map { i in
                        var s = Interval(0, precision: wp)
                        for j in 0..<n { s = s + wy[j] * values[i][j] * py[j][k] }
                        return wx[i] * s
                    }
                    G[k] = column
                    return column
                }
                for (index, κ) in indices.enumerated() {
                    var total = Interval(0, precision: wp)
                    let a = g(κ[1])
                    for i in 0..<n { total = total + px[i][κ[0]] * a[i] }
                    if !diagonal {
                        let b = g(κ[0])
                        for i in 0..<n { total = total + px[i][κ[1]] * b[i] }
                    }
                    sums[index] = sums[index] + total + e
                }
                continue
            }
            if error == nil {
                // A singular corner: area · sup|K| · sup|sin^{ζ−2}| per axis (|P_k| ≤ 1).
                var crude = Interval(w1) * Interval(w2) * Interval(kernelBound * copies, precision: low)
                if ζ > 2 {
                    crude = crude * (try Interval(try box1.applying(.sin).magnitude).power(ζ - 2)) * (try Interval(try box2.applying(.sin).magnitude).power(ζ - 2))
                }
                if crude.upper < cornerShare {
                    let e = try Interval(lower: crude.upper.negated(), upper: crude.upper)
                    for i in sums.indices { sums[i] = sums[i] + e }
                    continue
                }
            }
            guard level < FieldQuadrature.maxLevel else {
                throw PrismError.notCertified("field quadrature: the box [\(a1), \(b1)]π × [\(a2), \(b2)]π misses its error share after \(FieldQuadrature.maxLevel) splits")
            }
            let m1 = (a1 + b1) / 2, m2 = (a2 + b2) / 2
            stack.append((m1, b1, a2, m2, level + 1))
            stack.append((a1, m1, a2, m2, level + 1))
            stack.append((m1, b1, m2, b2, level + 1))
            // The upper-left quarter of a diagonal box is the mirror of its lower-right one.
            if !diagonal { stack.append((a1, m1, m2, b2, level + 1)) }
        }
        let c = try Sphere.densityConstant(dimension: ζ).enclosure(precision: wp)
        let scale = try (c * c).dividing(by: Interval(architecture.readouts, precision: wp))
        return sums.map { $0 * scale }
    }

    /// The series a + x to order K.
    static func shifted(_ a: Interval, order K: Int) -> Series {
        var c = [Interval](repeating: Interval(0, precision: a.precision), count: K + 1)
        c[0] = a
        if K >= 1 { c[1] = Interval(1, precision: a.precision) }
        return Series(c)
    }
}

/// Enclosures of the n-point Gauss–Legendre nodes ξ_i (the roots of P_n) and weights
/// w_i = 2/((1 − ξ_i²) P_n'(ξ_i)²) on [−1, 1]: Newton from cos(π(i − 1/4)/(n + 1/2)) at working
/// precision, then a sign change of P_n across ξ_i ± 2^{−p+8} proves a root in that interval (n sign
/// changes: all roots), and the weight is evaluated over it.
///
/// Error contract: enclosure.
struct GaussLegendre {
    let nodes: [Interval]
    let weights: [Interval]

    init(nodes n: Int, precision wp: Int) throws {
        guard n >= 1, n <= 200 else { throw PrismError.limitExceeded("Gauss–Legendre nodes \(n) (range 1...200)") }
        // The interval recurrence loses about 2 bits per step: evaluate with that many more.
        let p = wp + 4 * n + 32
        /// (P_n(x), P_n'(x)) by the three-term recurrence; P_n' = n(x P_n − P_{n−1})/(x² − 1).
        func legendre(_ x: Interval) throws -> (Interval, Interval) {
            var p0 = Interval(1, precision: p), p1 = x
            if n == 1 { return (x, Interval(1, precision: p)) }
            for k in 1..<n {
                let next = try (Interval(2 * k + 1, precision: p) * x * p1 - Interval(k, precision: p) * p0).dividing(by: Interval(k + 1, precision: p))
                p0 = p1
                p1 = next
            }
            let d = try (Interval(n, precision: p) * (x * p1 - p0)).dividing(by: x * x - Interval(1, precision: p))
            return (p1, d)
        }
        var xs: [Interval] = [], ws: [Interval] = []
        let radius = BigFloat(1, precision: p).scaled(byPowerOfTwo: -(wp + 8))
        for i in 1...n {
            var x = BigFloat(Foundation.cos(Double.pi * (Double(i) - 0.25) / (Double(n) + 0.5)), precision: p)
            for _ in 0..<(8 + Int(Double(p).squareRoot())) {
                let (v, d) = try legendre(Interval(x))
                let step = try v.dividing(by: d)
                x = x.subtracting(step.midpoint, precision: p, rounding: .nearest)
            }
            let lo = x.subtracting(radius, precision: p, rounding: .down), hi = x.adding(radius, precision: p, rounding: .up)
            guard let a = try legendre(Interval(lo)).0.sign, let b = try legendre(Interval(hi)).0.sign, a * b < 0 else {
                throw PrismError.notCertified("Gauss–Legendre: the root \(i) of P_\(n) could not be enclosed")
            }
            let X = try Interval(lower: lo, upper: hi)
            let d = try legendre(X).1
            xs.append(X.rounded(toPrecision: wp))
            ws.append(try Interval(2, precision: p).dividing(by: (Interval(1, precision: p) - X * X) * d * d).rounded(toPrecision: wp))
        }
        nodes = xs
        weights = ws
    }
}
