import PrismNumbers
import PrismAlgebra
import PrismBases
import PrismActivations

/// Certified eigenvalues by the power-series route: the kernel's series in t with certified,
/// non-negative coefficients — a deep kernel's through the Hermite layer (DeepKernel), or an absolutely
/// monotone dot-product function's Taylor series — the exact β_k^m(d), and the proven tail of a
/// non-negative series (DESIGN.md "Certified integration and sphere spectra"). Ziv's loop raises the
/// working precision and the truncation order together; kernels whose coefficients decay slowly (the
/// ReLU family: m^{−5/2}, m^{−3/2}) cannot be certified this way beyond a few digits, and say so (exit 1)
/// instead of printing uncertified digits.
struct PowerSeriesRoute: SpectrumRoute {
    let model: KernelModel
    let dimension: Int
    let maxDegree: Int
    var kind: KernelKind { model.kind }
    var depth: Int { model.depth }
    var name: String { "power series" }
    var cost: Int { 2 }

    init?(_ model: KernelModel, dimension d: Int, maxDegree K: Int) throws {
        switch model.function {
        case .activation:
            break
        case .dotProduct(let f):
            guard f.expression.isAbsolutelyMonotone(in: "t") else { return nil }
        }
        self.model = model
        dimension = d
        maxDegree = K
    }

    /// The truncation order used at working precision p.
    func order(precision p: Int) -> Int { Swift.min(DeepKernel.maxOrder, Swift.max(maxDegree + 4, p)) }

    /// Enclosures of μ_0…μ_K at working precision about p.
    /// With `adaptiveOrder` (what `certified(digits:)` uses) the truncation order grows until the tail's
    /// share of every μ_k is below 2^{−p} and a truncation-dominated tail throws `notCertified`; without it the order
    /// is `order(precision:)` and the enclosures may be wide but are always valid.
    func eigenvalues(precision p: Int) throws -> [Interval] {
        try eigenvalues(precision: p, adaptiveOrder: false, digits: nil)
    }

    /// With `digits` (only `certified` passes it), a truncation that makes D digits impossible at the last
    /// order throws `TruncationLimit`.
    func eigenvalues(precision p: Int, adaptiveOrder: Bool, digits: Int?) throws -> [Interval] {
        try spectra(precision: p, adaptiveOrder: adaptiveOrder, digits: digits) { layers in
            kind == .nngp ? [layers.nngp] : [DeepKernel.sum(layers.layers)]
        }[0]
    }

    /// The eigenvalues of every series `pick` selects from the deep kernel at precision p, truncated where
    /// the proven tail's contribution to every μ_k, k ≤ K, is below 2^{−p}·μ_k (or at
    /// `DeepKernel.maxOrder`): the order starts at `order(precision:)` and doubles at the same
    /// precision, so a slowly decaying series does not force Ziv's loop to raise the precision (and pay
    /// for wider numbers) just to get more terms.
    ///
    /// A series costs about M^1.5 at order M, so the orders that cannot end the loop are skipped: when the
    /// tail τ is rounding, not truncation (the terms beyond M are predicted below τ/16 by a geometric
    /// extrapolation of the last two quarters of the coefficients), the next order is the last one; when the
    /// last doubling's gain on the worst ratio, twice over, still falls short of 2^{−p} (a doubling at most
    /// doubles the gain for coefficients decaying geometrically or slower), it is 4M; and an order within 3/4
    /// of the last one is replaced by the last one. The order that ends the loop is the one plain doubling
    /// would end at (or, where an order is skipped that would have ended it, one whose tail is smaller
    /// still), so the enclosures are those of plain doubling up to a fraction of 2^{−p}. At the last order a tail
    /// that the step to it did not shrink (τ above 15/16 of the previous order's) is rounding, and asks Ziv's
    /// loop for more bits.
    func spectra(precision p: Int, adaptiveOrder: Bool = true, digits: Int? = nil,
                 _ pick: ((nngp: NonnegativeSeries, layers: [NonnegativeSeries])) -> [NonnegativeSeries]) throws -> [[Interval]] {
        var M = order(precision: p)
        var previous: (worst: Int, tails: [BigFloat])? = nil
        while true {
            let chosen = pick(try series(order: M, precision: p))
            let connection = try ConnectionColumns(dimension: dimension, maxDegree: Swift.max(M, maxDegree), columns: maxDegree)
            let spectra = try chosen.map { try SphereSpectrum.eigenvalues(of: $0, dimension: dimension, maxDegree: maxDegree, connection: connection) }
            if !adaptiveOrder { return spectra }
            // The binary exponent e of the worst ratio (tail contribution)/(lower bound of μ_k) < 2^e.
            var worst = Int.min
            for (f, mu) in zip(chosen, spectra) {
                let tails = try SphereSpectrum.tailContributions(of: f, dimension: dimension, maxDegree: maxDegree)
                for k in 0...maxDegree where !f.provesZeroEigenvalue(k) && !tails[k].isZero {
                    guard mu[k].lower.signum > 0 else { worst = Int.max; break }
                    worst = Swift.max(worst, try Interval(tails[k]).dividing(by: Interval(mu[k].lower)).upper.exponent)
                }
            }
            if worst <= -p { return spectra }
            let tails = chosen.map(\.tailBound)
            if M >= DeepKernel.maxOrder {
                // At the last order the tail is truncation, not rounding: once it exceeds 2^{−p/2}·μ_k,
                // more working precision cannot shrink it, so stop Ziv's loop instead of escalating.
                if worst > -p / 2 {
                    let why = "the truncated series' proven tail at order \(M) is not below 2^-\(p / 2) of every eigenvalue"
                    // A tail that rounding made (τ − the proven truncated mass ≥ τ/2, enclosed series; or τ above 15/16
                    // of the previous order's for every series) shrinks with the precision, not the order: ask Ziv's
                    // loop for more bits (tiny μ_k at few digits).
                    let stalled = previous.map { zip(tails, $0.tails).allSatisfy { now, before in
                        now.scaled(byPowerOfTwo: 4) > before.multiplied(by: BigFloat(15), precision: before.precision, rounding: .down)
                    } } ?? false
                    if stalled || chosen.allSatisfy(\.roundingDominatesTail) { throw PrismError.notCertified(why) }
                    // Inside `certified` this ends Ziv's loop; other callers get the usual error.
                    if digits != nil { throw TruncationLimit(why: why) }
                    throw PrismError.notCertified(why)
                }
                if let D = digits { try checkTruncationAllows(digits: D, chosen, spectra, order: M) }
                return spectra
            }
            let roundingTail = zip(chosen, tails).allSatisfy { PowerSeriesRoute.termsBeyondOrderNegligible($0, tail: $1) }
            let skip = previous.map { worst != Int.max && $0.worst != Int.max && worst + p > 2 * ($0.worst - worst) } ?? false
            previous = (worst, tails)
            let next = (skip ? 4 : 2) * M
            M = roundingTail || 4 * next >= 3 * DeepKernel.maxOrder ? DeepKernel.maxOrder : next
        }
    }

    /// Whether the terms of f beyond its order are predicted below τ/16: Q₄²/(Q₃ − Q₄), the geometric
    /// extrapolation of the sums Q₃ > Q₄ of the coefficients' lower bounds over the last two quarters of the
    /// orders (for coefficients decaying like m^{−3/2} it underestimates those terms about 4 times, which
    /// then still stay below τ/2). A prediction, never a bound: it only chooses the next order.
    static func termsBeyondOrderNegligible(_ f: NonnegativeSeries, tail: BigFloat) -> Bool {
        let quarter = Swift.max(1, (f.order + 1) / 4)
        func mass(_ slice: ArraySlice<Interval>) -> BigFloat {
            let zero = BigFloat(0, precision: 64)
            return slice.reduce(zero) { $0.adding(Swift.max($1.lower, zero), precision: 64, rounding: .nearest) }
        }
        let q4 = mass(f.coefficients.suffix(quarter)), q3 = mass(f.coefficients.dropLast(quarter).suffix(quarter))
        guard q4 < q3 else { return false }
        guard let predicted = try? q4.multiplied(by: q4, precision: 64, rounding: .nearest).divided(by: q3 - q4, precision: 64, rounding: .nearest) else {
            return false
        }
        return predicted.scaled(byPowerOfTwo: 4) < tail
    }

    /// Thrown when the truncation at the last order, not the working precision, keeps the enclosures too
    /// wide: Ziv's loop must stop rather than raise the precision (`certified` reports it as exit 1).
    struct TruncationLimit: Error { let why: String }

    /// Throws `TruncationLimit` when the part of the tail no precision can remove (Σ_{m>M} f_m ≥
    /// f(1) − Σ f̂_m) already widens some μ_k beyond 2^{−(3.32·D − 4)}·μ_k, i.e. past D digits.
    func checkTruncationAllows(digits D: Int, _ series: [NonnegativeSeries], _ spectra: [[Interval]], order M: Int) throws {
        let allowedExponent = -Int(Double(D) * 3.3219280948873623) + 4
        for (f, mu) in zip(series, spectra) where f.coefficientsEnclosed {
            let truncation = f.truncationLowerBound
            guard !truncation.isZero else { continue }
            let factors = try SphereSpectrum.tailFactors(of: f, dimension: dimension, maxDegree: maxDegree)
            let p = f.valueAtOne.precision
            for k in 0...maxDegree where !f.provesZeroEigenvalue(k) && mu[k].upper.signum > 0 {
                let width = truncation.multiplied(by: factors[k], precision: p, rounding: .down)
                let ratio = try width.divided(by: mu[k].upper, precision: p, rounding: .down)
                if ratio.exponent > allowedExponent {
                    throw TruncationLimit(why: "at order \(M) the series' tail alone widens μ_\(k) by \(ratio.decimal(significantDigits: 2, rounding: .down).formatted(significantDigits: 2)) of its value")
                }
            }
        }
    }

    /// The kernel's series to order M at precision p: the NNGP and the NTK's layer parts κ_0…κ_L.
    func series(order M: Int, precision p: Int) throws -> (nngp: NonnegativeSeries, layers: [NonnegativeSeries]) {
        switch model.function {
        case .activation(let activation):
            let deep = try DeepKernel(activation: activation, depth: depth, order: M)
            if let variances = model.variances {
                return try deep.generalSeries(variances: variances, dimension: dimension, precision: p, includeNTK: kind == .ntk)
            }
            return try deep.series(precision: p, includeNTK: kind == .ntk)
        case .dotProduct(let f):
            // Taylor coefficients at 0 enclose f_m exactly; absolute monotonicity (checked when the route
            // was chosen) makes every f_m ≥ 0, so the tail beyond M is at most f(1) − Σ f_m.
            let zero = Interval(0, precision: p)
            let coefficients = try f.expression.powerSeries(at: PowerSeries<Interval>.variable(order: M, like: zero)).coefficients
            let one = try f.expression.powerSeries(at: PowerSeries([Interval(1, precision: p)])).coefficients[0]
            return (NonnegativeSeries(coefficients: coefficients, valueAtOne: one, coefficientsEnclosed: true), [])
        }
    }

    /// Enclosures of μ_k(κ_ℓ) for every layer ℓ = 0…L (rows ℓ, columns k).
    func layerEigenvalues(precision p: Int) throws -> [[Interval]] {
        guard case .activation = model.function else { throw PrismError.domain("a dot-product kernel has no layers") }
        return try spectra(precision: p) { $0.layers }
    }

    func certified(digits D: Int) throws -> [CertifiedValue] {
        do {
            var values = try CertifiedValue.certifyAll(count: maxDegree + 1, digits: D, startPrecision: CertifiedValue.bits(forDigits: D) + 32,
                                                       precisionCap: 2048, absoluteAccuracy: true) {
                try eigenvalues(precision: $0, adaptiveOrder: true, digits: D)
            }
            for (k, zero) in KernelSpectrum.provenZeroEigenvalues(model, maxDegree: maxDegree).enumerated() where zero { values[k] = try CertifiedValue(exact: .zero, digits: D) }
            return values
        } catch let limit as TruncationLimit {
            throw routeFailure(limit.why, digits: D)
        } catch PrismError.notCertified(let why) {
            throw routeFailure(why, digits: D)
        }
    }

    private func routeFailure(_ why: String, digits D: Int) -> PrismError {
        .notCertified("power-series route: \(why); the kernel's series coefficients decay too slowly for \(D) digits within order \(DeepKernel.maxOrder) (non-smooth activations such as the ReLU family need fewer --digits)")
    }
}
