import PrismNumbers
import PrismAlgebra
import PrismIntegration

extension HermiteIntegrator {
    /// The integrator of E[σ(sz) He_n(z)] for an activation: its analytic branches on either side of 0
    /// (`Activation.branch(positive:)`) and its proven growth bound (`Activation.growth()`).
    /// Error contract: throws `PrismError.domain` when σ has no analytic branches or no growth bound.
    public init(activation: Activation, scale: ExactReal, degree N: Int) throws {
        try self.init(activation: activation, scaleEnclosure: { try scale.enclosure(precision: $0) }, degree: N)
    }

    public init(activation: Activation, scaleEnclosure: @escaping @Sendable (Int) throws -> Interval, degree N: Int) throws {
        let negative = try activation.branch(positive: false), positive = try activation.branch(positive: true)
        self.init(negativeBranch: { try negative.powerSeries(at: $0) }, positiveBranch: { try positive.powerSeries(at: $0) },
                  growth: try activation.growth(), scaleEnclosure: scaleEnclosure, degree: N)
    }
}
