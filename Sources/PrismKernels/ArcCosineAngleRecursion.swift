import Foundation
import PrismNumbers
import PrismAlgebra

/// The deep kernels of the degree-1 arc-cosine family (relu, leaky_relu(a), abs; CONVENTIONS §5 and
/// §9's variances) as functions of θ = arccos t, through a recursion on the layers' angles that stays
/// analytic — and free of cancellation — down to θ = 0.
///
/// With the normalized duals of `ArcCosineParts` and ρ = cos φ,
///
///     1 − k(cos φ) = φ² E_λ(φ),   E_λ(φ) = C(φ) − λF(φ),   k̇(cos φ) = 1 − λφ/π,
///     C(φ) = (1 − cos φ)/φ² = Σ_{n≥0} (−1)ⁿ φ²ⁿ/(2n+2)!,
///     F(φ) = (sin φ − φ cos φ)/(πφ²) = Σ_{n≥0} (−1)ⁿ 2(n+1) φ²ⁿ⁺¹/(π (2n+3)!),
///
/// E_λ entire (relu: λ = 1, E(0) = 1/2, E(π) = 1/π²). A layer maps ρ_{ℓ+1} = a_ℓ k(ρ_ℓ) + (1 − a_ℓ)
/// (`ArcCosineLayers`; a_ℓ = 1 for the normalized kernels), so with s_ℓ = sin(φ_{ℓ+1}/2) =
/// √((1 − ρ_{ℓ+1})/2):
///
///     s_ℓ = φ_ℓ √(a_ℓ E_λ(φ_ℓ)/2),   φ_{ℓ+1} = 2 asin s_ℓ,   ρ_{ℓ+1} = 1 − 2 s_ℓ²,
///     Σ^(ℓ+1) = q_{ℓ+1} ρ_{ℓ+1},   Σ̇^(ℓ+1) = c (π − λφ_ℓ)/π,
///
/// and the input map ρ_1 = a_0 cos θ + (1 − a_0) is the same step with E_0 = C. arccos is never
/// formed, so every quantity is analytic in θ on a neighbourhood of [0, π] wherever E_λ > 0 — every λ < 2,
/// and abs (λ = 2, E vanishes at π) on [0, π/2], which is all an even kernel needs (ThetaSpectrum).
/// E of a series is taken through its own Taylor coefficients at the series' constant term — a Taylor
/// shift of the entire series with a proven tail — so constant terms containing 0 are harmless.
///
/// Error contract: enclosure (of every Taylor coefficient, at a point or over a whole interval).
public struct ArcCosineAngleRecursion {
    let layers: ArcCosineLayers
    let depth: Int
    let precision: Int
    let pi: Interval
    let invPi: Interval
    /// E_λ for the activation, and C = E_0 for the input map (nil when it is the identity).
    let activationE: AngleFunction
    let inputE: AngleFunction?

    /// Upper bound assumed for |φ| when choosing the series length (the tail bound is valid for any |φ|).
    static let angleBound = 3.5
    /// Above this angle (and for point-like constant terms) E is taken by its closed form.
    static let directThreshold = Rational(1) / Rational(4)

    init(layers: ArcCosineLayers, depth L: Int, precision p: Int, order K: Int) throws {
        self.layers = layers
        depth = L
        precision = p
        pi = Interval.constant(.pi, precision: p)
        invPi = try Interval(1, precision: p) / pi
        activationE = AngleFunction(lambda: layers.parts.lambda, precision: p, order: K, invPi: invPi)
        inputE = layers.inputIsIdentity ? nil : AngleFunction(lambda: 0, precision: p, order: K, invPi: invPi)
    }

    /// E_λ(φ) = C(φ) − λF(φ) and its power series.
    public struct AngleFunction {
        let lambda: Rational
        let precision: Int
        /// e_0 … e_M, the power-series coefficients of E_λ.
        let e: [Interval]

        /// The series of E_λ to as many terms as precision p and Taylor order K need.
        public init(lambda: Rational, precision p: Int, order K: Int, invPi: Interval) {
            self.lambda = lambda
            precision = p
            // Terms beyond M: the tail at order k is at most (2/k!) e^Y Y^N/N!, N = M + 1 − k (|e_n| ≤ 2/n!
            // for 0 ≤ λ ≤ 2); take N with Y^N/N! e^Y ≤ 2^{−p−8} for Y = angleBound.
            let Y = ArcCosineAngleRecursion.angleBound
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
                    // −λ(−1)^q 2(q+1)/(π (2q+3)!), and (2q+3)! = (m+2)!
                    let value = Interval(lambda * Rational(2 * (q + 1)) / factorial, precision: p) * invPi
                    coefficients.append(q % 2 == 0 ? -value : value)
                }
            }
            e = coefficients
        }

        /// E^{(k)}(y)/k!, k = 0…K, for every y in the interval: the Taylor shift of the truncated series
        /// by repeated synthetic division, plus the tail ±(2/k!) e^Y Y^N/N! (N = M + 1 − k, Y = |y|),
        /// which bounds Σ_{n>M} |e_n| C(n,k) Y^{n−k} since |e_n| ≤ 2/n!.
        func shifted(at y: Interval, order K: Int) throws -> [Interval] {
            var a = e
            let M = a.count - 1
            guard K < M else { throw PrismError.limitExceeded("angle series order \(K) (limit \(M - 1))") }
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

        /// E_λ(y) for every y in the interval: Horner over the terms n ≤ N that matter for |y| ≤ Y = 2^e ≥ |y|,
        /// plus the tail ±2e^Y Y^{N+1}/(N+1)! (|e_n| ≤ 2/n!). Near 0 N is far below the length `shifted` needs for
        /// |y| ≤ 3.5, which is what makes point evaluations cheap.
        func value(at y: Interval) throws -> Interval {
            let M = e.count - 1
            if y.magnitude.isZero { return e[0] }
            let exponent = Swift.min(y.magnitude.exponent, 2)
            // log₂ of 2e^Y Y^{N+1}/(N+1)!, for the smallest N that makes it < −(p + 8).
            let Y = Double(sign: .plus, exponent: exponent, significand: 1)
            var log2Term = 1 + Y * 1.4426950408889634 + Double(exponent) // N = 0: 2e^Y·Y
            var N = 0
            while log2Term > -Double(precision + 8) - 1, N < M {
                N += 1
                log2Term += Double(exponent) - Foundation.log2(Double(N + 1))
            }
            let low = 64
            let bound = try Interval(lower: BigFloat(Y, precision: low), upper: BigFloat(Y, precision: low))
            var tail = try Interval(2, precision: low) * bound.applying(.exp)
            for i in 1...(N + 1) { tail = try tail * bound.dividing(by: Interval(i, precision: low)) }
            var sum = e[N]
            for n in stride(from: N - 1, through: 0, by: -1) { sum = e[n] + y * sum }
            return sum + (try Interval(lower: tail.upper.negated(), upper: tail.upper))
        }

        /// s = sin(φ'/2) = φ√(a·E_λ(φ)/2) for the layer ρ' = a·k(cos φ) + (1 − a), ρ' = cos φ' = 1 − 2s².
        public func halfSine(_ phi: PowerSeries<Interval>, contraction a: Rational, pi: Interval) throws -> PowerSeries<Interval> {
            try phi.multiplied(by: try self(phi, pi: pi).scaled(by: Interval(a / 2, precision: precision)).power(Rational(1) / Rational(2)))
        }

        /// E_λ(φ) as a series: Σ_k E_k(φ₀) δᵏ with δ = φ − φ₀, by Horner's rule in δ, truncating the
        /// k-th partial sum at order K − k (δᵏ has valuation k): O(K³/6) products.
        public func callAsFunction(_ phi: PowerSeries<Interval>, pi: Interval) throws -> PowerSeries<Interval> {
            let K = phi.order
            let y = phi[0]
            if K == 0 { return PowerSeries([try value(at: y)]) }
            if y.lower.compare(ArcCosineAngleRecursion.directThreshold) > 0,
               y.width.exponent < y.lower.exponent - precision / 2 {
                // A narrow constant term away from 0: E = [π(1 − cos φ) − λ(sin φ − φ cos φ)]/(π φ²) costs
                // O(K²) (the subtractions lose at most log₂(3/φ²) < 6 bits for φ > 1/4).
                let (s, c) = try phi.sinCos()
                let versine = try c.negated().adding(constant: Interval(1, precision: precision)).scaled(by: pi)
                let numerator = lambda == 1 ? try versine.subtracting(s).adding(phi.multiplied(by: c))
                    : try versine.subtracting(s.subtracting(phi.multiplied(by: c)).scaled(by: Interval(lambda, precision: precision)))
                return try numerator.dividing(by: phi.multiplied(by: phi).scaled(by: pi))
            }
            let shifted = try shifted(at: phi[0], order: K)
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
    }

    /// One layer ρ' = a k(ρ) + (1 − a) with 1 − k(cos φ) = φ² E(φ) (degree 1) or νφ/π (degree 0, E nil):
    /// from φ, the pair (φ', ρ').
    func step(_ phi: PowerSeries<Interval>, _ E: AngleFunction?, contraction a: Rational) throws -> (angle: PowerSeries<Interval>, rho: PowerSeries<Interval>) {
        let s: PowerSeries<Interval>, s2: PowerSeries<Interval>
        if let E {
            s = try E.halfSine(phi, contraction: a, pi: pi)
            s2 = try s.multiplied(by: s)
        } else {
            // s² = aνφ/(2π): a √φ cusp at φ = 0, which ThetaSpectrum's endpoint pieces absorb.
            s2 = try phi.scaled(by: Interval(a * layers.parts.nu / 2, precision: precision) * invPi)
            s = try s2.power(Rational(1) / Rational(2))
        }
        let one = Interval(1, precision: precision)
        let rho = try s2.scaled(by: Interval(-2, precision: precision)).adding(constant: one)
        // asin s = asin s₀ + ∫ s'/√(1 − s²)
        let cosine = try s2.negated().adding(constant: one).power(Rational(1) / Rational(2))
        let derivative = try s.derivative().dividing(by: cosine.truncated(to: s.order - 1))
        let asin = try derivative.integral(constant: s[0].applying(.asin)).truncated(to: s.order)
        return (try asin.scaled(by: Interval(2, precision: precision)), rho)
    }

    /// q·f, skipping the product when q = 1.
    func scaled(_ f: PowerSeries<Interval>, by q: Rational) throws -> PowerSeries<Interval> {
        q == 1 ? f : try f.scaled(by: Interval(q, precision: precision))
    }

    /// Σ^(ℓ) for ℓ = 1…L+1 (index ℓ − 1) and Σ̇^(ℓ) for ℓ = 2…L+1 (index ℓ − 2), given θ as a series.
    func layers(_ theta: PowerSeries<Interval>) throws -> (sigma: [PowerSeries<Interval>], sigmaDot: [PowerSeries<Interval>]) {
        var phi = theta
        var first: PowerSeries<Interval>
        if let inputE {
            let input = try step(theta, inputE, contraction: layers.contraction[0])
            phi = input.angle
            first = input.rho
        } else {
            first = try theta.sinCos().cos
        }
        var sigma = [try scaled(first, by: layers.variance[0])]
        var sigmaDot: [PowerSeries<Interval>] = []
        let lambda = layers.parts.lambda
        for l in 1...depth {
            if layers.parts.degree == 1 {
                let slope = lambda == 1 ? phi.negated() : try phi.scaled(by: Interval(-lambda, precision: precision))
                sigmaDot.append(try scaled(try slope.adding(constant: pi).scaled(by: invPi), by: layers.derivativeScale))
            }
            let next = try step(phi, layers.parts.degree == 1 ? activationE : nil, contraction: layers.contraction[l])
            sigma.append(try scaled(next.rho, by: layers.variance[l]))
            phi = next.angle
        }
        return (sigma, sigmaDot)
    }

    /// What to integrate: the NNGP Σ^(L+1), the NTK Θ = Σ_ℓ κ_ℓ, or the layers κ_0 … κ_L.
    enum Output { case nngp, ntk, layers }

    /// κ_ℓ = Σ^(ℓ+1) Π_{j>ℓ} Σ̇^(j+1) (CONVENTIONS §5; §9's Θ unrolled) and their sum, as requested.
    func kernels(_ theta: PowerSeries<Interval>, _ output: Output) throws -> [PowerSeries<Interval>] {
        let (sigma, sigmaDot) = try layers(theta)
        if output == .nngp { return [sigma[depth]] }
        var parts = [PowerSeries<Interval>](repeating: sigma[depth], count: depth + 1)
        var suffix: PowerSeries<Interval>? = nil // Π_{j>ℓ} Σ̇
        for l in stride(from: depth - 1, through: 0, by: -1) {
            let product = try suffix.map { try $0.multiplied(by: sigmaDot[l]) } ?? sigmaDot[l]
            parts[l] = try sigma[l].multiplied(by: product)
            suffix = product
        }
        if output == .layers { return parts }
        var total = parts[0]
        for l in 1...depth { total = try total.adding(parts[l]) }
        return [total]
    }
}
