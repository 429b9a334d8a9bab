import PrismNumbers
import PrismBases
import PrismActivations
import PrismKernels

/// Claims of the blog post on polynomial features of random networks
///.
enum SimonBlogClaims {
    static let source = "Simon, polynomial features of random networks (blog)"

    static var all: [Claim] { [sphereCoefficients, smallNorm, tanhEvenZero, reluOddZero] }

    static let sphereCoefficients = Claim(
        id: "simon-blog/sphere-coefficients", source: source,
        statement: "On the sphere ‖x‖ = ‖x'‖ = r, K(x,x') = Σ_ℓ (c_ℓ/ℓ!) ⟨x,x'⟩^ℓ with c_ℓ = ℓ! r^{−2ℓ} E[h_ℓ(z) σ(r√(α/d) z)]²."
    ) {
        var v = VerdictBuilder()
        let p = 160
        for (alpha, d, r) in [(Rational(3), 2, Rational.fraction(1, 2)), (Rational(1), 1, Rational(1)), (Rational(2), 5, Rational.fraction(3, 2))] {
            let N = 80
            let c = try LevelCoefficients(activation: .erf, degree: N, alpha: alpha, dimension: d, radius: r).enclosures(precision: p)
            let s = alpha / Rational(d)
            let second = try Interval(2 * s * r * r / (1 + 2 * s * r * r), precision: p).applying(.asin)
                * (try Interval(2, precision: p).dividing(by: Interval.constant(.pi, precision: p)))
            for t in [r * r / 3, -(r * r) / 2] {
                var sum = Interval(0, precision: p), energy = Interval(0, precision: p)
                var factorial = Rational(1), power = Rational(1), full = Rational(1)
                for l in 0...N {
                    if l > 0 { factorial *= Rational(l); power *= t; full *= r * r }
                    sum = sum + c[l] * Interval(power / factorial, precision: p)
                    energy = energy + c[l] * Interval(full / factorial, precision: p)
                }
                // Tail: Σ_{ℓ>N} c_ℓ/ℓ! |t|^ℓ ≤ (|t|/r²)^{N+1} (K(r², r²) − Σ_{ℓ≤N} c_ℓ/ℓ! r^{2ℓ}), c_ℓ ≥ 0.
                let tail = try (second - energy) * Interval((t.magnitude / (r * r)), precision: p).power(N + 1)
                let series = try Interval(lower: sum.lower.subtracting(tail.upper, precision: p, rounding: .down),
                                          upper: sum.upper.adding(tail.upper, precision: p, rounding: .up))
                let closed = try Interval(2 * t * s / (1 + 2 * s * r * r), precision: p).applying(.asin)
                    * (try Interval(2, precision: p).dividing(by: Interval.constant(.pi, precision: p)))
                v.compare("erf, α = \(alpha), d = \(d), r = \(r), ⟨x,x'⟩ = \(t)", lhs: closed, rhs: series, relation: .overlaps,
                          note: "lhs: closed-form K_erf (Docs/conventions.md §8); rhs: Σ c_ℓ/ℓ! t^ℓ, ℓ ≤ 80, with tail bound")
            }
        }
        return (v.verdict, v.evidence)
    }

    static let smallNorm = Claim(
        id: "simon-blog/small-norm", source: source,
        statement: "For small norms, K ≈ Σ_ℓ (c_ℓ/ℓ!) ⟨x,x'⟩^ℓ with c_ℓ = (α/d)^ℓ (σ^(ℓ)(0))² (the q = q' = 0 part of the expansion in ‖x‖², ‖x'‖², ⟨x,x'⟩)."
    ) {
        var v = VerdictBuilder()
        // (1) The full expansion at the origin equals the closed-form kernel (σ = exp: K = e^{s(a+b+2t)/2}).
        let e = try OriginExpansion(activation: .exp, alpha: 1, dimension: 2, order: 40)
        for (a, b, t) in [(Rational.fraction(1, 10), Rational.fraction(1, 20), Rational.fraction(1, 30)), (Rational.fraction(1, 4), Rational.fraction(1, 4), Rational.fraction(-1, 8))] {
            let truncated = try e.truncatedSum(normSquared: a, b, inner: t, precision: 200)
            let closed = try Interval((a + b + 2 * t) / 4, precision: 200).applying(.exp)
            // All terms are positive and the order-40 tail is below 10^-25 here; the check is that the
            // truncated expansion reproduces the closed form to that accuracy.
            let gap = Interval((truncated - closed).magnitude)
            v.compare("exp, ‖x‖² = \(a), ‖x'‖² = \(b), ⟨x,x'⟩ = \(t): 10^-25 vs |closed form − expansion|",
                      lhs: Interval(try Rational(parsing: "1e-25"), precision: 200), rhs: gap, relation: .atLeast,
                      note: "full expansion to order 40 against e^{s(‖x‖²+‖x'‖²+2⟨x,x'⟩)/2}")
        }
        // (2) The small-norm c_ℓ are the r → 0 limit of the sphere c_ℓ: for erf, c_1(sphere, r) = (4/π)/(1+2r²).
        let small = try LevelCoefficients(activation: .erf, degree: 3, expansion: .smallNorm).exact.unwrapped(or: .inexact("small in closed form"))
        for r in [Rational.fraction(1, 10), Rational.fraction(1, 100), Rational.fraction(1, 1000)] {
            let sphere = try LevelCoefficients(activation: .erf, degree: 3, radius: r).exact.unwrapped(or: .inexact("sphere in closed form"))
            let relative = try (small[1] - sphere[1]) / small[1]
            try v.exact("erf c_1, r = \(r): (small − sphere)/small vs 2r²/(1+2r²)", lhs: relative, rhs: ExactReal(2 * r * r / (1 + 2 * r * r)))
        }
        return (v.verdict, v.evidence)
    }

    static let tanhEvenZero = Claim(
        id: "simon-blog/tanh-even-zero", source: source,
        statement: "σ = tanh is odd, so its level coefficients vanish at even levels: c_{2ℓ} = 0."
    ) {
        var v = VerdictBuilder()
        let h = try HermiteCoefficients(activation: .tanh, degree: 12)
        let b = try h.enclosures(precision: 80)
        for n in 0...12 {
            let proven = h.provenZero[n]
            if n % 2 == 0 {
                if !proven { v.violated = true }
                v.evidence.append(Evidence("b_\(n)(tanh)", lhs: proven ? "0 (odd symmetry)" : VerdictBuilder.show(b[n]), rhs: "0", detail: proven ? "equal (exact, by symmetry)" : "not proven zero"))
            } else {
                // Odd levels are non-zero: the enclosure excludes 0.
                let nonzero = !b[n].containsZero
                if !nonzero { v.undecided = true }
                v.evidence.append(Evidence("b_\(n)(tanh)", lhs: VerdictBuilder.show(b[n]), rhs: "≠ 0", detail: nonzero ? "non-zero (certified)" : "undecided"))
            }
        }
        return (v.verdict, v.evidence)
    }

    static let reluOddZero = Claim(
        id: "simon-blog/relu-odd-zero", source: source,
        statement: "ReLU is a linear function plus an even function, so c_ℓ = 0 for ℓ = 3, 5, 7, … (but not for ℓ = 1)."
    ) {
        var v = VerdictBuilder()
        let c = try LevelCoefficients(activation: .relu, degree: 15).exact.unwrapped(or: .inexact("c in closed form"))
        for l in 0...15 {
            if l >= 3 && l % 2 == 1 { try v.exact("c_\(l)(relu)", lhs: c[l], rhs: .zero) }
            else {
                let nonzero = !c[l].isZero
                if !nonzero { v.violated = true }
                v.evidence.append(Evidence("c_\(l)(relu)", lhs: c[l].description, rhs: "≠ 0", detail: nonzero ? "non-zero (exact)" : "zero"))
            }
        }
        return (v.verdict, v.evidence)
    }
}

