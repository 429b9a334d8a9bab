// prism-bench: times Prism's side of each benchmark group and prints one JSON
// object per line, {"task", "impl": "prism", "seconds" (best of N), …checks}.
// Benchmarks/run_bench.py runs this and the anchors in one run and prints ratios.
import PrismNumbers
import PrismBases
import PrismActivations
import PrismKernels
#if canImport(Glibc)
import Glibc
#endif

func seconds(_ body: () -> Void) -> Double {
    let clock = ContinuousClock()
    let elapsed = clock.measure(body)
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
}

func bestOf(_ repeats: Int, _ body: () -> Void) -> Double {
    (0..<repeats).map { _ in seconds(body) }.min()!
}

func emit(_ task: String, _ seconds: Double, _ extra: [(String, String)] = []) {
    var line = "{\"task\": \"\(task)\", \"impl\": \"prism\", \"seconds\": \(seconds)"
    for (k, v) in extra { line += ", \"\(k)\": \(v)" }
    print(line + "}")
}

/// 30 significant digits truncated toward zero, d.ddd…e±N (the anchors' checksum format).
func checksum(_ q: Rational) -> String {
    let d = q.decimal(significantDigits: 30, rounding: q.signum >= 0 ? .down : .up)
    let digits = d.digits.map(String.init).joined()
    return "\"\(d.negative ? "-" : "")\(digits.first!).\(digits.dropFirst())e\(d.exponent >= 0 ? "+" : "-")\(abs(d.exponent))\""
}

func benchNumbers(repeats: Int) {
    // H_20000 as an exact rational, one addition per term.
    var harmonic = Rational(0)
    let tHarmonic = bestOf(repeats) {
        var h = Rational(0)
        for k in 1...20_000 { h += try! Rational(1, k) }
        harmonic = h
    }
    emit("harmonic_20000", tHarmonic, [("digits_of_denominator", String(harmonic.denominator.description.count))])

    // 10^5 exp + erf at 256 bits on x_i = (i mod 1000 + 1)/257 rounded to nearest.
    let xs = (0..<100_000).map { BigFloat(try! Rational($0 % 1000 + 1, 257), precision: 256, rounding: .nearest) }
    let tFunctions = bestOf(repeats) {
        for x in xs {
            _ = x.exp(precision: 256)
            _ = x.erf(precision: 256)
        }
    }
    var sum = Rational(0)
    for x in xs.prefix(1000) { sum += x.exp(precision: 256).rational! + x.erf(precision: 256).rational! }
    emit("exp_erf_256bit_1e5", tFunctions, [("checksum", checksum(sum * 100))])
}

/// x mod 1000000007, non-negative.
func modP(_ x: BigInt) -> String { try! x.flooredDivision(by: 1_000_000_007).remainder.description }

func benchAlgebra(repeats: Int) {
    var he: [BigInt] = []
    emit("hermite_he_2000", bestOf(repeats) { he = try! Hermite.probabilistsCoefficients(2000) },
         [("sum_abs_mod", modP(he.reduce(BigInt(0)) { $0 + $1.magnitude }))])

    for M in [40, 200] {
        var table: ConnectionCoefficients?
        let t = bestOf(repeats) { table = try! ConnectionCoefficients(dimension: 10, maxDegree: M) }
        var extra: [(String, String)] = []
        if M == 200 {
            let nonzero = table!.rows.reduce(0) { $0 + $1.filter { !$0.isZero }.count }
            extra = [("beta_m200_l0", "\"\(table![200, 0])\""), ("beta_m200_l200", "\"\(table![200, 200])\""), ("nonzero_count", String(nonzero))]
        }
        emit("connection_d10_m\(M)", t, extra)
    }

    for N in [100, 500] {
        var derivatives: [ExactReal] = []
        let t = bestOf(repeats) { derivatives = try! Activation.tanh.taylorDerivatives(order: N) }
        emit("tanh_taylor_\(N)", t, N == 500 ? [("d499_mod", modP(derivatives[499].rational!.numerator))] : [])
    }
}

func benchHermite(repeats: Int) {
    // b_0…b_50 of tanh at 200 bits: one certified pass (enclosures aiming at 2^-200 absolute),
    // and the full certified 60-digit table a user gets from `prism hermite tanh --degree 50 --digits 60`.
    let h = try! HermiteCoefficients(activation: .tanh, degree: 50)
    var enclosures: [Interval] = []
    emit("tanh_hermite_50_200bit", bestOf(repeats) { enclosures = try! h.enclosures(precision: 200) },
         [("b1_digits20", "\"\(enclosures[1].midpoint.decimal(significantDigits: 20, rounding: .nearest).formatted(significantDigits: 20))\"")])
    var values: [CertifiedValue] = []
    emit("tanh_hermite_50_60digits", bestOf(repeats) { values = try! h.certified(digits: 60) },
         [("b49", "\"\(values[49].value)\"")])
    // What a 30-digit tanh spectrum needs: b_0…b_999 to 2^-120 absolute in one certified pass
    // (the fixture script Tests/PrismKernelsTests/Fixtures/generate_tanh_high_degree.py is the mpmath side).
    let high = try! HermiteCoefficients(activation: .tanh, degree: 999)
    var highEnclosures: [Interval] = []
    emit("tanh_hermite_999_120bit", bestOf(1) { highEnclosures = try! high.enclosures(precision: 120) },
         [("b999_digits10", "\"\(highEnclosures[999].midpoint.decimal(significantDigits: 10, rounding: .nearest).formatted(significantDigits: 10))\"")])
}

func benchSpectrum(repeats: Int) {
    // A tanh spectrum at 30 digits: the power-series route at order ~1000 (fixed-point Kronecker products).
    let tanhSpectrum = try! KernelSpectrum(activation: .tanh, dimension: 3, maxDegree: 20, kind: .ntk, depth: 3)
    var tanhValues: [CertifiedValue] = []
    emit("tanh_ntk_depth3_s2_k20_30digits", bestOf(1) { tanhValues = try! tanhSpectrum.certified(digits: 30) },
         [("mu19", "\"\(tanhValues[19].value)\""), ("route", "\"\(tanhSpectrum.route)\"")])
    // Issue 5's task: the depth-5 ReLU NTK on S^9, μ_0…μ_100 to 30 digits (θ-quadrature: angle
    // recursion and certified Fourier moments). PRISM_BENCH_DEPTH / PRISM_BENCH_K change the task
    // (depth 1 takes the exact arc-cosine route).
    let depth = Int(environment("PRISM_BENCH_DEPTH") ?? "5")!, K = Int(environment("PRISM_BENCH_K") ?? "100")!
    let spectrum = try! KernelSpectrum(activation: .relu, dimension: 10, maxDegree: K, kind: .ntk, depth: depth)
    var values: [CertifiedValue] = []
    emit("relu_ntk_depth\(depth)_s9_k\(K)_30digits", bestOf(repeats) { values = try! spectrum.certified(digits: 30) },
         [("mu2_digits20", "\"\(try! spectrum.certified(digits: 20)[2].value)\""), ("route", "\"\(spectrum.route)\""),
          ("values_computed", String(values.count)), ("mu\(K)", "\"\(values[K].value)\"")])
}

func environment(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }

let arguments = CommandLine.arguments.dropFirst()
let quick = arguments.contains("--quick")
let groups = arguments.filter { !$0.hasPrefix("--") }
let known = ["numbers": benchNumbers, "algebra": benchAlgebra, "hermite": benchHermite, "spectrum": benchSpectrum, "evaluation": benchEvaluation,
             "cntk": benchCNTK]
for group in groups.isEmpty ? Array(known.keys) : groups {
    guard let run = known[group] else {
        print("prism-bench: unknown group '\(group)' (known: \(known.keys.sorted().joined(separator: ", ")))")
        exit(2)
    }
    run(quick ? 2 : 5)
}
