import PrismNumbers
import PrismBases

/// Exact eigenvalues of the depth-1 ReLU kernels on S^{d−1} (the arc-cosine kernel of order 1).
///
/// In θ = arccos t the normalized kernels are trigonometric: the NNGP is
/// (sin θ + (π − θ) cos θ)/π and the NTK (ρk̇ + k, k̇ = (π − θ)/π) is (sin θ + 2(π − θ) cos θ)/π.
/// With Q(θ) = P_k(cos θ) sin^{d−2}θ expanded as an exact Fourier polynomial, every integral is
/// elementary over [0, π]: ∫cos jθ = π[j=0], ∫sin jθ = (1−(−1)^j)/j, ∫θ cos jθ = ((−1)^j−1)/j²
/// (π²/2 at j = 0), ∫θ sin jθ = π(−1)^{j+1}/j. So μ_k = c_d/π·∫(A sin θ + B(π−θ)cos θ) Q dθ is an
/// exact real in π.  Error contract: exact.
public enum ArcCosineSpectrum {
    /// A trigonometric polynomial Σ_j (a_j cos jθ + b_j sin jθ), j ≥ 0, with rational coefficients.
    struct Fourier {
        var cosine: [Int: Rational] = [:]
        var sine: [Int: Rational] = [:]

        mutating func add(cos j: Int, _ c: Rational) {
            if c.isZero { return }
            cosine[abs(j), default: 0] += c
        }
        mutating func add(sin j: Int, _ c: Rational) {
            if c.isZero || j == 0 { return }
            sine[abs(j), default: 0] += j < 0 ? -c : c
        }

        /// self · cos θ.
        func timesCos() -> Fourier {
            var out = Fourier()
            let half = try! Rational(1, 2)
            for (j, a) in cosine { out.add(cos: j + 1, a * half); out.add(cos: j - 1, a * half) }
            for (j, b) in sine { out.add(sin: j + 1, b * half); out.add(sin: j - 1, b * half) }
            return out
        }

        /// self · sin θ.
        func timesSin() -> Fourier {
            var out = Fourier()
            let half = try! Rational(1, 2)
            for (j, a) in cosine { out.add(sin: j + 1, a * half); out.add(sin: j - 1, -a * half) }
            for (j, b) in sine { out.add(cos: j - 1, b * half); out.add(cos: j + 1, -b * half) }
            return out
        }

        mutating func add(constant c: Rational) { add(cos: 0, c) }
    }

    /// Exact μ_0…μ_K of the normalized depth-1 ReLU NNGP or NTK on S^{d−1}.
    public static func eigenvalues(kind: KernelKind, dimension d: Int, maxDegree K: Int) throws -> [ExactReal] {
        guard d >= 2 else { throw PrismError.domain("dimension d must be ≥ 2, got \(d)") }
        guard d <= 2000, K <= KernelSpectrum.maxSpectrumDegree else { throw PrismError.limitExceeded("dimension ≤ 2000 and degree ≤ \(KernelSpectrum.maxSpectrumDegree) for exact arc-cosine eigenvalues") }
        let A = Rational(1), B = Rational(kind == .nngp ? 1 : 2)
        let pi = ExactReal(.pi)
        let cd = try Sphere.densityConstant(dimension: d)
        let prefactor = try cd * pi.power(-1)!
        return try (0...K).map { k in
            // Q(θ) = P_k(cos θ) sin^{d−2}θ by Horner in cos θ, then d − 2 factors of sin θ.
            let p = try Gegenbauer.legendreCoefficients(k, dimension: d)
            var q = Fourier()
            q.add(constant: p.last!)
            for c in p.dropLast().reversed() { q = q.timesCos(); q.add(constant: c) }
            for _ in 0..<(d - 2) { q = q.timesSin() }
            let sinQ = q.timesSin(), cosQ = q.timesCos()
            // ∫ A sinθ Q + Bπ cosθ Q − B θ cosθ Q over [0, π], as r0 + r1 π + r2 π².
            var r0 = Rational(0), r1 = Rational(0), r2 = Rational(0)
            func sign(_ j: Int) -> Rational { j % 2 == 0 ? 1 : -1 }
            for (j, a) in sinQ.cosine { if j == 0 { r1 += A * a } }
            for (j, b) in sinQ.sine { r0 += A * b * (1 - sign(j)) / Rational(j) }
            for (j, a) in cosQ.cosine { if j == 0 { r2 += B * a } }                       // Bπ·∫cos jθ = Bπ·π[j=0]
            for (j, b) in cosQ.sine { r1 += B * b * (1 - sign(j)) / Rational(j) }          // Bπ·∫sin jθ
            for (j, a) in cosQ.cosine {                                                     // −B ∫ θ cos jθ
                if j == 0 { r2 -= B * a / 2 } else { r0 -= B * a * (sign(j) - 1) / Rational(j * j) }
            }
            for (j, b) in cosQ.sine { r1 -= B * b * (-sign(j)) / Rational(j) }              // −B ∫ θ sin jθ = −B·π(−1)^{j+1}/j
            let integral = try ExactReal(r0) + ExactReal(r1) * pi + ExactReal(r2) * pi * pi
            return try prefactor * integral
        }
    }
}
