// The C ABI of Prism (include/prism.h): @_cdecl entry points over the library.
// Nothing here traps on caller input: every error is a status code and a one-line message.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PrismNumbers
import PrismActivations
import PrismKernels
import PrismEvaluation
import PrismTables
import PrismCLI

/// A malloc'd copy of `text` (NUL-terminated), or nil when memory runs out.
private func duplicate(_ text: String) -> UnsafeMutablePointer<CChar>? { strdup(text) }

/// Stores `message` (one line) in `*errorMessage` when the caller gave a place for it.
private func report(_ status: Int32, _ message: String, _ errorMessage: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    let line = message.split(separator: "\n").first.map(String.init) ?? message
    errorMessage?.pointee = duplicate(line)
    return status
}

private func status(of error: Error) -> (Int32, String) {
    if let e = error as? PrismError { return (e.isInputError ? 2 : 1, e.description) }
    return (2, "\(error)")
}

/// `prism_run`: runs one `prism` command in-process (the CLI's own code, no exit()).
@_cdecl("prism_run")
public func prism_run(_ argc: Int32, _ argv: UnsafePointer<UnsafePointer<CChar>?>?,
                      _ output: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                      _ errorMessage: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    output?.pointee = nil
    errorMessage?.pointee = nil
    guard argc >= 0, argc == 0 || argv != nil else { return report(2, "prism: argv is NULL", errorMessage) }
    var arguments: [String] = []
    for (i, word) in UnsafeBufferPointer(start: argv, count: Int(argc)).enumerated() {
        guard let word else { return report(2, "prism: argv[\(i)] is NULL", errorMessage) }
        arguments.append(String(cString: word))
    }
    let result = PrismCommand.execute(arguments)
    if result.status != 0 {
        let line = result.standardError.hasSuffix("\n") ? String(result.standardError.dropLast()) : result.standardError
        return report(result.status, line, errorMessage)
    }
    output?.pointee = duplicate(result.standardOutput)
    return 0
}

/// The evaluator behind `prism_kernel_values` and `prism_gram`: the arc-cosine recursion for
/// relu/leaky_relu/abs/step/sign, else the certified truncated series of order `order`.
private enum Evaluator {
    case arcCosine(ArcCosineKernelEvaluator)
    case series(DotProductKernelEvaluator)

    init(_ activation: UnsafePointer<CChar>?, _ kernel: UnsafePointer<CChar>?, _ depth: Int32, _ order: Int32) throws {
        guard let activation, let kernel else { throw PrismError.domain("activation and kernel must not be NULL") }
        let sigma = try Activation(parsing: String(cString: activation))
        let kindName = String(cString: kernel)
        guard let kind = KernelKind(rawValue: kindName) else { throw PrismError.domain("kernel must be nngp or ntk, got '\(kindName)'") }
        guard depth >= 1, depth <= 1000 else { throw PrismError.domain("depth must be in 1…1000, got \(depth)") }
        if KernelEvaluators.arcCosineFamily(sigma) != nil {
            self = .arcCosine(try KernelEvaluators.arcCosine(activation: sigma, kind: kind, depth: Int(depth)))
        } else {
            guard order >= 1, order <= 200 else { throw PrismError.domain("order must be in 1…200 for \(sigma.name), got \(order)") }
            self = .series(try KernelEvaluators.dotProduct(activation: sigma, kind: kind, depth: Int(depth), order: Int(order)))
        }
    }
}

/// `prism_kernel_values`: K(ρ_i) and a bound of each error.
@_cdecl("prism_kernel_values")
public func prism_kernel_values(_ activation: UnsafePointer<CChar>?, _ kernel: UnsafePointer<CChar>?, _ depth: Int32, _ order: Int32,
                                _ rho: UnsafePointer<Double>?, _ count: Int, _ values: UnsafeMutablePointer<Double>?,
                                _ bounds: UnsafeMutablePointer<Double>?,
                                _ errorMessage: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    errorMessage?.pointee = nil
    do {
        guard count >= 0, count == 0 || (rho != nil && values != nil) else { throw PrismError.domain("rho and values must not be NULL") }
        let evaluator = try Evaluator(activation, kernel, depth, order)
        guard let rho, let values else { return 0 } // count = 0
        for i in 0..<count {
            let r: (value: Double, errorBound: Double)
            switch evaluator {
            case .arcCosine(let k): r = try k.value(at: rho[i])
            case .series(let k): r = try k.valueWithErrorBound(at: rho[i])
            }
            values[i] = r.value
            bounds?[i] = r.errorBound
        }
        return 0
    } catch {
        let (code, message) = status(of: error)
        return report(code, message, errorMessage)
    }
}

/// `prism_gram`: the n×n Gram matrix of n points in R^d (row-major), and one bound of every entry's error.
@_cdecl("prism_gram")
public func prism_gram(_ activation: UnsafePointer<CChar>?, _ kernel: UnsafePointer<CChar>?, _ depth: Int32, _ order: Int32,
                       _ points: UnsafePointer<Double>?, _ count: Int, _ dimension: Int,
                       _ out: UnsafeMutablePointer<Double>?, _ errorBound: UnsafeMutablePointer<Double>?,
                       _ errorMessage: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    errorMessage?.pointee = nil
    do {
        guard count >= 1, dimension >= 1 else { throw PrismError.domain("need n ≥ 1 points of dimension d ≥ 1, got n = \(count), d = \(dimension)") }
        guard count <= 1 << 20, dimension <= 1 << 20, count.multipliedReportingOverflow(by: dimension).overflow == false,
              count.multipliedReportingOverflow(by: count).overflow == false else {
            throw PrismError.domain("n = \(count), d = \(dimension) too large")
        }
        guard let points, let out else { throw PrismError.domain("points and out must not be NULL") }
        let evaluator = try Evaluator(activation, kernel, depth, order)
        let x = UnsafeBufferPointer(start: points, count: count * dimension)
        switch evaluator {
        case .arcCosine(let k):
            // Straight into the caller's array (no n×n temporary).
            let bounds = try GramMatrix.arcCosine(points: x, count: count, dimension: dimension, kernel: k,
                                                  into: UnsafeMutableBufferPointer(start: out, count: count * count))
            errorBound?.pointee = bounds.errorBound
        case .series(let k):
            let g = try GramMatrix(points: Array(x), count: count, dimension: dimension, kernel: k)
            _ = g.values.withUnsafeBufferPointer { UnsafeMutableBufferPointer(start: out, count: count * count).update(fromContentsOf: $0) }
            errorBound?.pointee = g.errorBound
        }
        return 0
    } catch {
        let (code, message) = status(of: error)
        return report(code, message, errorMessage)
    }
}

/// `prism_free`: releases a string the library returned (NULL is a no-op).
@_cdecl("prism_free")
public func prism_free(_ pointer: UnsafeMutableRawPointer?) { free(pointer) }
