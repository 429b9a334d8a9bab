import PrismNumbers
import PrismAlgebra
import PrismBases

/// Which closed form of the Gaussian–Hermite moments Iₙ = E[σ(sz) Heₙ(z)] an activation has (its record's
/// `hermiteClosedForm`; the formulas are in `Activation.exactHermiteMoments`).
public enum HermiteClosedForm: Sendable, Equatable {
    case relu
    /// linear·z + relu·relu(z) (abs = 2 relu − z, leaky_relu(a) = a z + (1 − a) relu).
    case reluCombination(linear: Rational, relu: Rational)
    /// step-like: I₀ = atZero, Iₙ = factor·He_{n−1}(0)/√(2π) (step: 1/2 and 1; sign = 2 step − 1: 0 and 2).
    case step(atZero: Rational, factor: Rational)
    /// sin, cos, exp: Iₙ = signs[n mod 4]·sⁿ e^{exponent·s²}.
    case exponential(signs: [Int], exponent: Rational)
    case erf
    case gaussian
    case gelu
}

extension Activation {
    /// The exact Gaussian–Hermite moments Iₙ = E[σ(s z) He_n(z)], n = 0…N, where a closed
    /// form exists, or nil (then the certified integrator is used). s is an exact positive real.
    ///
    /// With φ(0) = 1/√(2π), He_{2m}(0) = (−1)^m (2m−1)!!, and Gaussian integration by parts
    /// E[f He_n] = E[f^{(n)}] (distributional for the ReLU family):
    /// * relu: I₀ = s/√(2π), I₁ = s/2, I_{2m+2} = s (−1)^m (2m−1)!!/√(2π), odd n ≥ 3: 0;
    /// * step: I₀ = 1/2, I_n = He_{n−1}(0)/√(2π); sign = 2 step − 1; abs = 2 relu − z;
    ///   leaky_relu(a) = a z + (1 − a) relu;
    /// * erf: I_{2j+1} = (2/√π) s^{2j+1} (−1)^j (2j)!/j! (1 + 2s²)^{−j−1/2};
    /// * sin, cos, exp: Iₙ = sⁿ sin(nπ/2) e^{−s²/2}, sⁿ cos(nπ/2) e^{−s²/2}, sⁿ e^{s²/2};
    /// * gaussian: I_{2j} = (2j)!/j! (−s²/(2(1+s²)))^j (1+s²)^{−1/2};
    /// * gelu = zΦ(z): Iₙ = s (J_{n+1} + n J_{n−1}) with J_m = E[Φ(sz) He_m], J₀ = 1/2,
    ///   J_{2j+1} = s^{2j+1} (2π)^{−1/2} (1+s²)^{−1/2} (2j)!/j! (−1/(2(1+s²)))^j, using z He_n = He_{n+1} + n He_{n−1};
    /// * polynomials: the exact monomial-to-Hermite conversion of σ(sz);
    /// * expressions that are a polynomial on each side of 0 (`relu(x)^2`, `x*step(x)`, `abs(x)^3`):
    ///   `piecewisePolynomialMoments`.
    /// Error contract: exact.
    public func exactHermiteMoments(scale s: ExactReal, degree N: Int) throws -> [ExactReal]? {
        let half = Rational.fraction(1, 2)
        let invRoot2Pi = try (ExactReal(2) * ExactReal(.pi)).power(-half)   // (2π)^{−1/2}
        /// x⁰, x¹, …, xⁿ.
        func powers(_ x: ExactReal, through n: Int = N) throws -> [ExactReal] {
            var out = [ExactReal(1)], power = ExactReal(1)
            for _ in 0..<Swift.max(n, 0) { power = try power * x; out.append(power) }
            return out
        }
        func he0(_ k: Int) throws -> Rational { // He_k(0)
            k % 2 == 1 ? 0 : Rational(try BigInt.doubleFactorial(k - 1)) * (k % 4 == 0 ? 1 : -1)
        }
        switch record?.hermiteClosedForm {
        case .relu:
            return try (0...N).map { n in
                if n == 0 { return try s * invRoot2Pi }
                if n == 1 { return try s * ExactReal(half) }
                return try s * ExactReal(he0(n - 2)) * invRoot2Pi
            }
        case .step(let atZero, let factor):
            return try (0...N).map { n in
                if n == 0 { return ExactReal(atZero) }
                return try ExactReal(factor * he0(n - 1)) * invRoot2Pi
            }
        case .reluCombination(let a, let c):
            guard let relu = try Activation.relu.exactHermiteMoments(scale: s, degree: N) else { return nil }
            return try relu.enumerated().map { n, r in try ExactReal(c) * r + (n == 1 ? ExactReal(a) * s : .zero) }
        case .exponential(let signs, let exponent):
            let s2 = try s * s
            guard let envelope = try ExactReal.ifExact({ try ExactReal.applying(.exp, to: ExactReal(exponent) * s2) }) else {
                return nil
            }
            let sn = try powers(s)
            return try (0...N).map { n in
                let sign = signs[n % 4]
                return sign == 0 ? .zero : try ExactReal(sign) * sn[n] * envelope
            }
        case .erf:
            let s2 = try s * s
            let base = try ExactReal(1) + ExactReal(2) * s2          // 1 + 2s²
            guard let root = try ExactReal.ifExact({ try base.power(-half) }),
                  let inverse = try ExactReal.ifExact({ try base.power(-1) }) else { return nil }
            let twoOverRootPi = try ExactReal(2) * ExactReal(.pi).power(-half)
            let sn = try powers(s), inversePowers = try powers(inverse, through: N / 2)
            return try (0...N).map { n in
                guard n % 2 == 1 else { return .zero }
                let j = n / 2
                let c = Rational(try BigInt.factorial(2 * j)) / Rational(try BigInt.factorial(j)) * (j % 2 == 0 ? 1 : -1)
                return try twoOverRootPi * sn[n] * ExactReal(c) * inversePowers[j] * root
            }
        case .gaussian:
            let s2 = try s * s
            let onePlus = try ExactReal(1) + s2
            guard let root = try ExactReal.ifExact({ try onePlus.power(-half) }),
                  let ratio = try ExactReal.ifExact({ try -(s2) / (ExactReal(2) * onePlus) }) else { return nil }
            let ratioPowers = try powers(ratio, through: N / 2)
            return try (0...N).map { n in
                guard n % 2 == 0 else { return .zero }
                let j = n / 2
                let c = Rational(try BigInt.factorial(2 * j)) / Rational(try BigInt.factorial(j))
                return try ExactReal(c) * ratioPowers[j] * root
            }
        case .gelu:
            let s2 = try s * s
            let onePlus = try ExactReal(1) + s2
            guard let root = try ExactReal.ifExact({ try onePlus.power(-half) }),
                  let ratio = try ExactReal.ifExact({ try ExactReal(-1) / (ExactReal(2) * onePlus) }) else { return nil }
            let sn = try powers(s, through: N + 1), ratioPowers = try powers(ratio, through: N / 2 + 1)
            func J(_ m: Int) throws -> ExactReal {
                if m < 0 { return .zero }
                if m == 0 { return ExactReal(half) }
                guard m % 2 == 1 else { return .zero }
                let j = m / 2
                let c = Rational(try BigInt.factorial(2 * j)) / Rational(try BigInt.factorial(j))
                return try sn[m] * invRoot2Pi * root * ExactReal(c) * ratioPowers[j]
            }
            return try (0...N).map { n in try s * (J(n + 1) + ExactReal(n) * J(n - 1)) }
        case nil:
            if !symmetry.restIsZero, let moments = try piecewisePolynomialMoments(scale: s, degree: N) { return moments }
            // Polynomials (identity, monomial, polynomial expressions): exact conversion.
            guard symmetry.restIsZero, let e = definition else { return nil }
            let degree = Swift.max(symmetry.polynomialDegree, 0)
            guard degree <= 2000 else { throw PrismError.limitExceeded("polynomial degree \(degree) (limit 2000)") }
            let taylor = try e.powerSeries(at: PowerSeries<ExactReal>.variable(order: Swift.max(degree, 1), like: ExactReal(0))).coefficients
            let sn = try powers(s, through: Swift.max(degree, N))
            let scaled = try taylor.enumerated().map { k, c in try c * sn[k] }
            let a = try Hermite.probabilistsFromMonomials(scaled)
            var factorial = BigInt(1)
            return try (0...N).map { n in
                if n > 0 { factorial = factorial.multiplied(by: n) }
                return n < a.count ? try a[n] * ExactReal(Rational(factorial)) : .zero
            }
        }
    }
}


extension Activation {
    /// The exact moments Iₙ = E[σ(s z) Heₙ(z)], n = 0…N, of an expression that is a polynomial on each
    /// side of 0: σ(x) = Σ cₖ xᵏ for x > 0 and Σ dₖ xᵏ for x < 0 (its `branch(positive:)`s), or nil.
    ///
    /// With A(k, n) = ∫₀^∞ zᵏ Heₙ(z) φ(z) dz and s > 0, Iₙ = Σₖ sᵏ (cₖ + (−1)^{k+n} dₖ) A(k, n).
    /// Integrating by parts (Heₙ φ = −(Heₙ₋₁ φ)′, the boundary term vanishing at 0 for k ≥ 1):
    /// A(k, n) = k A(k−1, n−1), A(0, n) = Heₙ₋₁(0)/√(2π) (n ≥ 1), A(k, 0) = H(k) = ∫₀^∞ zᵏ φ:
    /// H(2j) = (2j−1)!!/2, H(2j+1) = (2j)!!/√(2π). So A(k, n) = k!/(k−n)! H(k−n) for n ≤ k and
    /// k! Heₙ₋ₖ₋₁(0)/√(2π) for n > k: rationals and rationals over √(2π), exact.
    /// Error contract: exact; nil when a branch is not a polynomial (or σ has no branches).
    func piecewisePolynomialMoments(scale s: ExactReal, degree N: Int) throws -> [ExactReal]? {
        guard case .expression = self,
              let negative = try? branch(positive: false), let positive = try? branch(positive: true) else { return nil }
        let (sn, sp) = (negative.symmetry, positive.symmetry)
        guard sn.restIsZero, sp.restIsZero else { return nil }
        let degree = Swift.max(sn.polynomialDegree, sp.polynomialDegree, 0)
        guard degree <= 64 else { return nil }
        func coefficients(_ e: RealExpression) throws -> [Rational]? {
            let taylor = try e.powerSeries(at: PowerSeries<ExactReal>.variable(order: Swift.max(degree, 1), like: ExactReal(0))).coefficients
            let rationals = taylor.compactMap(\.rational)
            return rationals.count == taylor.count ? rationals : nil
        }
        guard let c = try coefficients(positive), let d = try coefficients(negative) else { return nil }
        let invRoot2Pi = try (ExactReal(2) * ExactReal(.pi)).power(.fraction(-1, 2))
        var sk = [ExactReal(1)], power = ExactReal(1)
        for _ in 0..<degree { power = try power * s; sk.append(power) }
        // A(k, n) = rational · (1 or 1/√(2π)): (value, overRoot2Pi).
        func halfMoment(_ m: Int) throws -> (Rational, Bool) {
            m % 2 == 0 ? (Rational(try BigInt.doubleFactorial(m - 1)) / 2, false) : (Rational(try BigInt.doubleFactorial(m - 1)), true)
        }
        func A(_ k: Int, _ n: Int) throws -> (Rational, Bool) {
            if n <= k {
                let (h, root) = try halfMoment(k - n)
                return (Rational(try BigInt.factorial(k)) / Rational(try BigInt.factorial(k - n)) * h, root)
            }
            let m = n - k - 1 // He_m(0) = 0 for odd m, (−1)^{m/2} (m−1)!! for even m
            guard m % 2 == 0 else { return (0, false) }
            let he = Rational(try BigInt.doubleFactorial(m - 1)) * (m % 4 == 0 ? 1 : -1)
            return (Rational(try BigInt.factorial(k)) * he, true)
        }
        return try (0...N).map { n in
            var rational = ExactReal.zero, overRoot = ExactReal.zero
            for k in 0...degree {
                let weight = (k < c.count ? c[k] : 0) + ((k + n) % 2 == 0 ? 1 : -1) * (k < d.count ? d[k] : 0)
                guard !weight.isZero else { continue }
                let (a, root) = try A(k, n)
                guard !a.isZero else { continue }
                let term = try ExactReal(weight * a) * sk[k]
                if root { overRoot = try overRoot + term } else { rational = try rational + term }
            }
            return try rational + overRoot * invRoot2Pi
        }
    }
}
