import ArgumentParser
import PrismNumbers
import PrismActivations
import PrismKernels

/// §9's weight and bias variances (neural-tangents' `Dense(W_std, b_std)`), shared by the kernel commands.
struct VarianceOptions: ParsableArguments {
    @Option(name: .customLong("weight-variance"), parsing: .unconditional,
            help: "σ_w² > 0 (rational): neural-tangents' W_std². With --bias-variance, switches on the general-variance kernels (default 1 when only --bias-variance is given).")
    var weight: String?
    @Option(name: .customLong("bias-variance"), parsing: .unconditional,
            help: "σ_b² ≥ 0 (rational): neural-tangents' b_std² (default 0 when only --weight-variance is given).")
    var bias: String?
    @Option(name: .customLong("norm2"), parsing: .unconditional,
            help: "‖x‖² = q > 0 of the inputs on the sphere (default: the dimension d; needs a variance option).")
    var norm2: String?

    /// The variances, or nil for the normalized kernels (neither option given).
    func variances() throws -> KernelVariances? {
        guard weight != nil || bias != nil else {
            if norm2 != nil { throw ValidationError("--norm2 applies to the general-variance kernels: give --weight-variance or --bias-variance") }
            return nil
        }
        return try KernelVariances(weight: Rational(parsing: weight ?? "1"), bias: Rational(parsing: bias ?? "0"),
                                   norm2: norm2.map { try Rational(parsing: $0) })
    }

    /// The kernel model of an activation with these variances.
    func model(_ activation: String, kind: KernelKind, depth: Int) throws -> KernelModel {
        try KernelModel(activation: Activation(parsing: activation), kind: kind, depth: depth, variances: variances())
    }
}
