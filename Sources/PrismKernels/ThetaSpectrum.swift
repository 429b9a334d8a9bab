import PrismNumbers
import PrismAlgebra
import PrismBases
import PrismActivations

/// Eigenvalues of the deep ReLU NNGP/NTK on S^{d−1} by certified quadrature in θ (DESIGN.md
/// "Certified integration and sphere spectra"): power series cannot certify them (the ReLU NTK's
/// coefficients decay like m^{−3/2}), but in θ = arccos t the composed arc-cosine kernels are
/// analytic on (0, π]:
///
///     Σ^(1)(θ) = (sin θ + (π − θ) cos θ)/π,  Σ̇^(1)(θ) = (π − θ)/π,
///     Σ^(ℓ) = (√(1 − Σ²) + Σ (π − arccos Σ))/π,  Σ̇^(ℓ) = (π − arccos Σ^(ℓ−1))/π,
///
/// (normalized: E[relu²] = E[step²] = 1/2), κ_ℓ = Σ^(ℓ) Π_{j>ℓ} Σ̇^(j), Θ = Σ κ_ℓ. Then
/// μ_k = c_d ∫₀^π f(θ) P_k(cos θ) sin^{d−2}θ dθ for all k ≤ K at once: on each piece the series
/// engine over intervals gives the Taylor model of every integrand; pieces whose series cannot be
/// formed (θ → 0, where Σ → 1 and arccos is singular) are bounded by width × sup and bisected
/// toward the singularity. Error contract: enclosure.
public struct ThetaSpectrum: Sendable {
    public let dimension: Int
    public let maxDegree: Int
    public let kind: KernelKind
    public let depth: Int

    public init(dimension d: Int, maxDegree K: Int, kind: KernelKind, depth L: Int) throws {
        guard d >= 2 else { throw PrismError.domain("dimension d must be ≥ 2, got \(d)") }
        guard K >= 0, K <= KernelSpectrum.maxSpectrumDegree else { throw PrismError.limitExceeded("degree \(K) (range 0...\(KernelSpectrum.maxSpectrumDegree))") }
        guard L >= 1, L <= DeepKernel.maxDepth else { throw PrismError.limitExceeded("depth \(L) (range 1...\(DeepKernel.maxDepth))") }
        dimension = d
        maxDegree = K
        self.kind = kind
        depth = L
    }

    /// The kernel as a series in the local variable, given θ as a series.
    func kernel(_ theta: PowerSeries<Interval>) throws -> PowerSeries<Interval> {
        let p = theta[0].precision
        let pi = Interval.constant(.pi, precision: p)
        let invPi = try Interval(1, precision: p).dividing(by: pi)
        let (s, c) = try theta.sinCos()
        let piMinusTheta = try theta.negated().adding(constant: pi)
        var sigma = try s.adding(piMinusTheta.multiplied(by: c)).scaled(by: invPi)   // Σ^(1)
        var sigmaDot = [try piMinusTheta.scaled(by: invPi)]                          // Σ̇^(1)
        var sigmas = [sigma]
        if depth >= 2 {
            for _ in 2...depth {
                let angle = try sigma.applying(.acos)
                let root = try sigma.multiplied(by: sigma).negated().adding(constant: Interval(1, precision: p)).power(try Rational(1, 2))
                let dot = try angle.negated().adding(constant: pi).scaled(by: invPi)
                sigmaDot.append(dot)
                sigma = try root.adding(sigma.multiplied(by: angle.negated().adding(constant: pi))).scaled(by: invPi)
                sigmas.append(sigma)
            }
        }
        if kind == .nngp { return sigma }
        // Θ = Σ_ℓ κ_ℓ, κ_ℓ = Σ^(ℓ) Π_{j>ℓ} Σ̇^(j), Σ^(0) = cos θ.
        var total = sigmas[depth - 1]
        var suffix = PowerSeries(constant: Interval(1, precision: p), order: c.order) // Π_{j>ℓ} Σ̇^(j)
        for l in stride(from: depth - 1, through: 0, by: -1) {
            suffix = try suffix.multiplied(by: sigmaDot[l])
            let part = l == 0 ? c : sigmas[l - 1]
            total = try total.adding(part.multiplied(by: suffix))
        }
        return total
    }

    /// Certified μ_k to D digits (exact zeros where symmetry proves them).
    public func certified(digits D: Int) throws -> [CertifiedValue] {
        let zero = try KernelSpectrum(activation: .relu, dimension: dimension, maxDegree: maxDegree, kind: kind, depth: depth).provenZero
        var values = try CertifiedValue.certifyAll(count: maxDegree + 1, digits: D, startPrecision: Int(Double(D) * 3.33) + 24, precisionCap: 1024) {
            try eigenvalues(precision: $0)
        }
        for (k, z) in zero.enumerated() where z { values[k] = try CertifiedValue(exact: .zero, digits: D) }
        return values
    }

    /// Enclosures of μ_0…μ_K, aiming at absolute accuracy 2^{−p}.
    public func eigenvalues(precision p: Int) throws -> [Interval] {
        let wp = p + 40
        let K = Swift.min(48, Swift.max(16, p / 5))
        let d = dimension, N = maxDegree
        let pi = Interval.constant(.pi, precision: wp)
        let tolerance = BigFloat(1, precision: wp).scaled(byPowerOfTwo: -p - 3)
        // The integrands g_k(u) = π f(πu) P_k(cos πu) sin^{d−2}(πu), u ∈ [0, 1].
        func integrands(_ u: PowerSeries<Interval>) throws -> [PowerSeries<Interval>] {
            let theta = try u.scaled(by: pi)
            let f = try kernel(theta)
            let (s, c) = try theta.sinCos()
            var weight = try f.scaled(by: pi)
            if d > 2 { weight = try weight.multiplied(by: s.power(Rational(d - 2))) }
            var out: [PowerSeries<Interval>] = []
            var previous = PowerSeries(constant: Interval(1, precision: wp), order: u.order), current = c
            out.append(weight)
            if N >= 1 { out.append(try weight.multiplied(by: c)) }
            if N >= 2 {
                for k in 1..<N {
                    // (k+d−2) P_{k+1} = (2k+d−2) t P_k − k P_{k−1}
                    let next = try c.multiplied(by: current).scaled(by: Interval(2 * k + d - 2, precision: wp))
                        .subtracting(previous.scaled(by: Interval(k, precision: wp))).scaled(by: try Interval(1, precision: wp).dividing(by: Interval(k + d - 2, precision: wp)))
                    previous = current
                    current = next
                    out.append(try weight.multiplied(by: next))
                }
            }
            return out
        }
        let zero = try KernelSpectrum(activation: .relu, dimension: d, maxDegree: N, kind: kind, depth: depth).provenZero
        var sums = [Interval](repeating: Interval(0, precision: wp), count: N + 1)
        var stack: [(Rational, Rational, Int)] = [(0, 1, 0)]
        while let (lo, hi, depthLevel) = stack.popLast() {
            let width = hi - lo
            let share = tolerance.multiplied(by: BigFloat(width, precision: wp, rounding: .down), precision: wp, rounding: .down)
            let piece = try Interval(lower: BigFloat(lo, precision: wp, rounding: .down), upper: BigFloat(hi, precision: wp, rounding: .up))
            if lo.isZero {
                // Near θ = 0 (where Σ → 1 and arccos is singular) use the a-priori bound
                // |π f(πu) P_k sin^{d−2}(πu)| ≤ π f(1) (πu)^{d−2}, with f(1) = 1 (NNGP) or L + 1 (NTK)
                // and |P_k| ≤ 1: |∫₀^h| ≤ π f(1) π^{d−2} h^{d−1}/(d−1).
                let fAtOne = Interval(kind == .nngp ? 1 : depth + 1, precision: wp)
                let bound = try (pi * fAtOne * pi.power(d - 2) * Interval(hi, precision: wp).power(d - 1)
                                 * Interval(try Rational(1, d - 1), precision: wp)).upper
                if bound.scaled(byPowerOfTwo: 1) < share {
                    let enclosure = try Interval(lower: bound.negated(), upper: bound)
                    for k in 0...N { sums[k] = sums[k] + enclosure }
                    continue
                }
                if d > 2 || depthLevel < 200 {
                    let mid = hi / 2
                    stack.append((0, mid, depthLevel + 1))
                    stack.append((mid, hi, 0))
                    continue
                }
            }
            // Crude: width × sup over the piece (always valid).
            if let crude = try? integrands(PowerSeries([piece])).map({ $0[0] * Interval(width, precision: wp) }),
               crude.enumerated().allSatisfy({ zero[$0.offset] || $0.element.width < share }) {
                for k in 0...N { sums[k] = sums[k] + crude[k] }
                continue
            }
            if let models = try? taylorModels(integrands, lo, hi, K: K, precision: wp), models.enumerated().allSatisfy({ zero[$0.offset] || $0.element.width < share }) || depthLevel > 50 {
                for k in 0...N { sums[k] = sums[k] + models[k] }
                continue
            }
            guard depthLevel <= 50 else { throw PrismError.notCertified("θ-quadrature: piece near \(lo) cannot be enclosed") }
            let mid = (lo + hi) / 2
            stack.append((lo, mid, depthLevel + 1))
            stack.append((mid, hi, depthLevel + 1))
        }
        let cd = try Sphere.densityConstant(dimension: d).enclosure(precision: wp)
        return sums.enumerated().map { k, v in zero[k] ? Interval(0, precision: wp) : cd * v }
    }

    func taylorModels(_ integrands: (PowerSeries<Interval>) throws -> [PowerSeries<Interval>], _ lo: Rational, _ hi: Rational,
                      K: Int, precision wp: Int) throws -> [Interval] {
        let m = (lo + hi) / 2, r = (hi - lo) / 2
        let zero = Interval(0, precision: wp)
        var center = [Interval](repeating: zero, count: K)
        center[0] = Interval(m, precision: wp)
        center[1] = Interval(1, precision: wp)
        let atCenter = try integrands(PowerSeries(center))
        var whole = [Interval](repeating: zero, count: K + 1)
        whole[0] = try Interval(lower: BigFloat(lo, precision: wp, rounding: .down), upper: BigFloat(hi, precision: wp, rounding: .up))
        whole[1] = Interval(1, precision: wp)
        let overPiece = try integrands(PowerSeries(whole))
        let rI = Interval(r, precision: wp)
        var weights: [Interval] = [] // ∫_{−r}^{r} t^j dt
        var power = rI
        for j in 0..<K {
            weights.append(j % 2 == 0 ? power * Interval(try Rational(2, j + 1), precision: wp) : zero)
            power = power * rI
        }
        let remainderFactor = try (rI.power(K + 1) * Interval(2, precision: wp)).upper
        return try zip(atCenter, overPiece).map { c, whole in
            var integral = zero
            for j in stride(from: 0, to: K, by: 2) { integral = integral + c[j] * weights[j] }
            let bound = whole[K].magnitude.multiplied(by: remainderFactor, precision: wp, rounding: .up)
            return try Interval(lower: integral.lower.subtracting(bound, precision: wp, rounding: .down),
                                upper: integral.upper.adding(bound, precision: wp, rounding: .up))
        }
    }
}
