import PrismNumbers
import PrismKernels
import PrismConvolutional

/// Issue 15's task: the two-pixel ζ = 3 ReLU NTK block λ_{k1,k2}, k1, k2 ≤ 20 (441 eigenvalues), to
/// 30 digits on the exact route (Benchmarks/anchors/cntk_anchor.py times a Monte-Carlo Gram-matrix
/// estimate of the same spectrum).
func benchCNTK(repeats: Int) {
    let architecture = try! ConvolutionalArchitecture(channels: 3, pixels: 2, filters: [2])
    let block = (0...20).flatMap { a in (0...20).map { b in [a, b] } }
    var values: [CertifiedValue] = []
    emit("relu_ntk_cntk_zeta3_p2_k20_30digits", bestOf(repeats) {
        // A fresh spectrum each run: nothing is cached between runs.
        let spectrum = try! ConvolutionalSpectrum(activation: .relu, architecture: architecture, indices: block, kind: .ntk)
        values = try! spectrum.certified(digits: 30)
    }, [("lambda11_digits20", "\"\(try! ConvolutionalSpectrum(activation: .relu, architecture: architecture, indices: [[1, 1]], kind: .ntk).certified(digits: 20)[0].value)\""),
        ("values_computed", String(values.count)),
        ("lambda_20_20", "\"\(values[440].value)\"")])
    // A two-level ReLU stack (filters 1,2 on four pixels of S², the §11 example): the NTK block |k| ≤ 4
    // (70 multi-indices, 41 of them locality zeros) to 15 digits on the field-quadrature route.
    let stack = try! ConvolutionalArchitecture(channels: 3, pixels: 4, filters: [1, 2])
    var stackValues: [CertifiedValue] = []
    emit("relu_ntk_cntk_stack12_zeta3_p4_k4_15digits", bestOf(Swift.min(repeats, 2)) {
        let spectrum = try! ConvolutionalSpectrum(activation: .relu, architecture: stack, maxDegree: 4, kind: .ntk)
        stackValues = try! spectrum.certified(digits: 15)
    }, [("values_computed", String(stackValues.count)), ("lambda_0000", "\"\(stackValues[0].value)\"")])
}
