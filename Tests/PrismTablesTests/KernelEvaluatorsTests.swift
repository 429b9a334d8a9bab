import Testing
import PrismNumbers
import PrismActivations
import PrismKernels
import PrismEvaluation
@testable import PrismTables

/// `KernelEvaluators.dotProduct` at high order: coefficients below 2⁻⁶⁴ go into the tail instead of
/// forcing the precision up (sin at order 96 took > 120 s before), and the values stay within the
/// bound of the closed form.
@Suite struct KernelEvaluatorsTests {
    /// sin's normalized NNGP is sinh(ρ)/sinh(1) (E[sin u sin v] = e⁻¹ sinh ρ): a_m = 1/(m! sinh 1), odd m.
    @Test func sinAtOrder96WithinTheClosedForm() throws {
        let k = try KernelEvaluators.dotProduct(activation: .sin, kind: .nngp, depth: 1, order: 96)
        #expect(k.coefficients.count == 97)
        // a_95 = 1/(95! sinh 1) ≈ 10⁻¹⁴⁹ is dropped into the tail; a_1 = 1/sinh 1 is kept.
        #expect(k.coefficients[95] == 0)
        #expect(k.coefficients[1] > 0.85 && k.coefficients[21] > 0) // a_21 ≈ 1.7·10⁻²⁰ is kept
        #expect(k.tailBound < 1e-17) // the true tail (≈ 10⁻¹⁵²) plus the dropped coefficients
        let p = 200
        for rho in [-1.0, -0.7, -0.3, 0, 1e-9, 0.5, 0.99, 1] {
            let (v, bound) = try k.valueWithErrorBound(at: rho)
            let x = Interval(BigFloat(rho, precision: p))
            let one = Interval(1, precision: p)
            let exact = try x.applying(.sinh).dividing(by: one.applying(.sinh))
            let error = Swift.max(BigFloat(v, precision: 53).subtracting(exact.lower, precision: p, rounding: .up).magnitude.double(rounding: .up),
                                  BigFloat(v, precision: 53).subtracting(exact.upper, precision: p, rounding: .up).magnitude.double(rounding: .up))
            #expect(error <= bound, "ρ = \(rho): \(v) ± \(bound)")
        }
    }
}
