import PrismNumbers
import PrismAlgebra

/// The deep ReLU kernels of CONVENTIONS §5 as functions of θ = arccos ρ, through a recursion on
/// the layers' angles that stays analytic — and free of cancellation — down to θ = 0.
///
/// The normalized arc-cosine kernels are k(cos φ) = (sin φ + (π − φ) cos φ)/π and
/// k̇(cos φ) = (π − φ)/π (E[relu²] = E[step²] = 1/2). With Σ^(ℓ) = cos φ_ℓ, φ_0 = θ:
///
///     1 − cos φ_{ℓ+1} = 1 − k(cos φ_ℓ) = φ_ℓ² E(φ_ℓ),
///     E(φ) = (1 − cos φ)/φ² − (sin φ − φ cos φ)/(π φ³)
///          = Σ_{n≥0} (−1)ⁿ [ φ²ⁿ/(2n+2)! − 2(n+1) φ²ⁿ⁺¹/(π (2n+3)!) ],
///
/// an entire function with E(0) = 1/2, E(π) = 1/π², E > 0 on [0, π]. Hence, with
/// s_ℓ = sin(φ_{ℓ+1}/2) = √((1 − cos φ_{ℓ+1})/2):
///
///     s_ℓ = φ_ℓ √(E(φ_ℓ)/2),   φ_{ℓ+1} = 2 asin s_ℓ,
///     Σ^(ℓ+1) = 1 − 2 s_ℓ²,    Σ̇^(ℓ+1) = (π − φ_ℓ)/π,
///
/// and s_ℓ ≤ sin(π/4) < 1. arccos Σ is never formed, so every quantity is analytic in θ on a
/// neighbourhood of [0, π], including θ = 0 where Σ → 1 (the Taylor models of ThetaSpectrum rely
/// on this). E of a series is taken through E's own Taylor coefficients at the series' constant
/// term — a Taylor shift of the entire series above with a proven tail — so constant terms that
/// are intervals containing 0 are harmless.
///
/// Error contract: enclosure (of every Taylor coefficient, at a point or over a whole interval).
struct ReLUAngleRecursion {
    let depth: Int
    let precision: Int
    let pi: Interval
    let invPi: Interval
    /// e_0 … e_M, the power-series coefficients of E.
    let e: [Interval]
    /// Upper bound assumed for |φ| when choosing M (the tail bound is valid for any |φ|).
    static let angleBound = 3.5
    /// Above this angle (and for point-like constant terms) E is taken by its closed form.
    static let directThreshold = try! Rational(1, 4)

    /// The series of E to as many terms as precision p and Taylor order K need.
    init(depth L: Int, precision p: Int, order K: Int) {
        depth = L
        precision = p
        pi = Interval.constant(.pi, precision: p)
        invPi = try! Interval(1, precision: p).dividing(by: pi)
        // Terms beyond M: the tail at order k is at most (2/k!) e^Y Y^N/N!, N = M + 1 − k;
        // take N with Y^N/N! e^Y ≤ 2^{−p−8} for Y = angleBound.
        let Y = ReLUAngleRecursion.angleBound
        var n = 0, term = 34.0, scale = 0 // term · 2^scale = Y^n/n! · e^Y, e^3.5 < 34
        while scale + term.exponent > -(p + 8) {
            n += 1
            term *= Y / Double(n)
            if term < 0x1p-500 { term *= 0x1p500; scale -= 500 }
        }
        let M = K + n
        var coefficients: [Interval] = []
        coefficients.reserveCapacity(M + 1)
        var factorial = Rational(1) // (m + 2)! after the update
        for m in 0...M {
            factorial = factorial * Rational(m + 2)
            let q = m / 2
            if m % 2 == 0 {
                // (−1)^q/(2q+2)!
                let value = Interval(Rational(1) / factorial, precision: p)
                coefficients.append(q % 2 == 0 ? value : -value)
            } else {
                // −(−1)^q 2(q+1)/(π (2q+3)!), and (2q+3)! = (m+2)!
                let value = Interval(Rational(2 * (q + 1)) / factorial, precision: p) * invPi
                coefficients.append(q % 2 == 0 ? -value : value)
            }
        }
        e = coefficients
    }

    /// E^{(k)}(y)/k!, k = 0…K, for every y in the interval: the Taylor shift of the truncated series
    /// by repeated synthetic division, plus the tail ±(2/k!) e^Y Y^N/N! (N = M + 1 − k, Y = |y|),
    /// which bounds Σ_{n>M} |e_n| C(n,k) Y^{n−k} since |e_n| ≤ 2/n!.
    func shiftedE(at y: Interval, order K: Int) throws -> [Interval] {
        var a = e
        let M = a.count - 1
        precondition(K < M)
        for i in 0...K {
            var j = M - 1
            while j >= i {
                a[j] = a[j] + y * a[j + 1]
                j -= 1
            }
        }
        let low = 64
        let Y = Interval(y.magnitude).rounded(toPrecision: low)
        var out: [Interval] = []
        out.reserveCapacity(K + 1)
        if Y.isExactZero {
            for k in 0...K { out.append(a[k]) }
            return out
        }
        // t_0 = 2 e^Y Y^{M+1}/(M+1)!, then t_{k+1} = t_k · N_k/(Y (k+1)) with N_k = M + 1 − k.
        var t = try Interval(2, precision: low) * Y.applying(.exp)
        for i in 1...(M + 1) { t = try t * Y.dividing(by: Interval(i, precision: low)) }
        for k in 0...K {
            if k > 0 { t = try t * Interval(M + 2 - k, precision: low).dividing(by: Y * Interval(k, precision: low)) }
            let bound = t.upper
            out.append(a[k] + (try Interval(lower: bound.negated(), upper: bound)))
        }
        return out
    }

    /// E(φ) as a series: Σ_k E_k(φ₀) δᵏ with δ = φ − φ₀, by Horner's rule in δ, truncating the
    /// k-th partial sum at order K − k (δᵏ has valuation k): O(K³/6) products.
    func E(_ phi: PowerSeries<Interval>) throws -> PowerSeries<Interval> {
        let K = phi.order
        let y = phi[0]
        if y.lower.compare(ReLUAngleRecursion.directThreshold) > 0,
           y.width.exponent < y.lower.exponent - precision / 2 {
            // A narrow constant term away from 0: E = [π(1 − cos φ) − sin φ + φ cos φ]/(π φ²) costs
            // O(K²) (the subtractions lose at most log₂(3/φ²) < 6 bits for φ > 1/4).
            let (s, c) = try phi.sinCos()
            let numerator = try c.negated().adding(constant: Interval(1, precision: precision)).scaled(by: pi)
                .subtracting(s).adding(phi.multiplied(by: c))
            return try numerator.dividing(by: phi.multiplied(by: phi).scaled(by: pi))
        }
        let shifted = try shiftedE(at: phi[0], order: K)
        let zero = Interval(0, precision: precision)
        var acc = [shifted[K]]
        if K >= 1 {
            for k in stride(from: K - 1, through: 0, by: -1) {
                let n = K - k // new length − 1
                var next = [Interval](repeating: zero, count: n + 1)
                next[0] = shifted[k]
                for t in 1...n {
                    var sum = phi[1] * acc[t - 1]
                    if t >= 2 { for i in 2...t { sum = sum + phi[i] * acc[t - i] } }
                    next[t] = sum
                }
                acc = next
            }
        }
        return PowerSeries(acc)
    }

    /// One layer: from φ_ℓ, the pair (φ_{ℓ+1}, Σ^(ℓ+1)).
    func step(_ phi: PowerSeries<Interval>) throws -> (angle: PowerSeries<Interval>, sigma: PowerSeries<Interval>) {
        let half = Interval(try Rational(1, 2), precision: precision)
        let root = try E(phi).scaled(by: half).power(try Rational(1, 2))
        let s = try phi.multiplied(by: root)            // s = sin(φ_{ℓ+1}/2)
        let s2 = try s.multiplied(by: s)
        let one = Interval(1, precision: precision)
        let sigma = try s2.scaled(by: Interval(-2, precision: precision)).adding(constant: one)
        // asin s = asin s₀ + ∫ s'/√(1 − s²)
        let cosine = try s2.negated().adding(constant: one).power(try Rational(1, 2))
        let derivative = try s.derivative().dividing(by: cosine.truncated(to: s.order - 1))
        let asin = try derivative.integral(constant: s[0].applying(.asin)).truncated(to: s.order)
        return (try asin.scaled(by: Interval(2, precision: precision)), sigma)
    }

    /// Σ^(ℓ) for ℓ = 0…L and Σ̇^(ℓ) for ℓ = 1…L (index ℓ − 1), given θ as a series.
    func layers(_ theta: PowerSeries<Interval>) throws -> (sigma: [PowerSeries<Interval>], sigmaDot: [PowerSeries<Interval>]) {
        var sigma = [try theta.sinCos().cos]
        var sigmaDot: [PowerSeries<Interval>] = []
        var phi = theta
        for _ in 0..<depth {
            sigmaDot.append(try phi.negated().adding(constant: pi).scaled(by: invPi))
            let next = try step(phi)
            sigma.append(next.sigma)
            phi = next.angle
        }
        return (sigma, sigmaDot)
    }

    /// What to integrate: the NNGP Σ^(L), the NTK Θ = Σ_ℓ κ_ℓ, or the layers κ_0 … κ_L.
    enum Output { case nngp, ntk, layers }

    /// κ_ℓ = Σ^(ℓ) Π_{j=ℓ+1}^{L} Σ̇^(j) (CONVENTIONS §5) and their sum, as requested.
    func kernels(_ theta: PowerSeries<Interval>, _ output: Output) throws -> [PowerSeries<Interval>] {
        let (sigma, sigmaDot) = try layers(theta)
        if output == .nngp { return [sigma[depth]] }
        var parts = [PowerSeries<Interval>](repeating: sigma[depth], count: depth + 1)
        var suffix: PowerSeries<Interval>? = nil // Π_{j>ℓ} Σ̇^(j)
        for l in stride(from: depth - 1, through: 0, by: -1) {
            suffix = try suffix.map { try $0.multiplied(by: sigmaDot[l]) } ?? sigmaDot[l]
            parts[l] = try sigma[l].multiplied(by: suffix!)
        }
        if output == .layers { return parts }
        var total = parts[0]
        for l in 1...depth { total = try total.adding(parts[l]) }
        return [total]
    }
}
