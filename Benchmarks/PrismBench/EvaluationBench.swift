// prism-bench evaluation: degree-64 He and Legendre series at 10^7 points (issue 6, part 6).
import PrismNumbers
import PrismEvaluation
import PrismBases
#if canImport(Glibc)
import Glibc
#endif

/// Degree-64 series with c_k = 1/(k+1) (the anchors use the same Doubles) at 10^7 points uniform in
/// [−1, 1) (SplitMix64, seed 42), evaluated by `SeriesEvaluator.values(at:into:)`: Clenshaw, 32 points
/// per SIMD block, chunks over all cores. Fields: value_at_half_digits10 (S(1/2) to 10 digits, the check),
/// seconds_1thread, gflops (counted operations / seconds: He 4 per Clenshaw step + 1, Legendre 5 per
/// step — separate × and +, no FMA), peak_fraction (of `PRISM_BENCH_PEAK_GFLOPS`, default 83.2 =
/// 2 cores × 2.6 GHz × 16 double-precision flops/cycle: Zen 4, two 256-bit FMA pipes).
func benchEvaluation(repeats: Int) {
    let count = Int(environment("PRISM_BENCH_POINTS") ?? "10000000")!
    let degree = 64
    var rng = SplitMix64(seed: 42)
    let xs = (0..<count).map { _ in rng.uniform(-1, 1) }
    let coefficients = (0...degree).map { 1 / Double($0 + 1) }
    let peak = Double(environment("PRISM_BENCH_PEAK_GFLOPS") ?? "83.2")!
    for (task, basis, flopsPerPoint) in [("hermite_he_deg64_1e7", SeriesBasis.hermiteHe, 4 * degree + 5),
                                         ("legendre_deg64_1e7", SeriesBasis.legendre(dimension: 3), 5 * (degree + 1))] {
        let evaluator = try! SeriesEvaluator(basis: basis, coefficients: coefficients)
        var out = [Double](repeating: 0, count: count)
        func run(_ threads: Int?) -> Double {
            bestOf(repeats) {
                xs.withUnsafeBufferPointer { p in
                    out.withUnsafeMutableBufferPointer { o in try! evaluator.values(at: p, into: o, threads: threads) }
                }
            }
        }
        let t = run(nil)
        let t1 = run(1)
        let gflops = Double(flopsPerPoint) * Double(count) / t / 1e9
        let half = try! evaluator.value(at: 0.5)
        emit(task, t, [("value_at_half_digits10", "\"\(cFormat("%.9e", half))\""), ("seconds_1thread", String(t1)),
                       ("gflops", cFormat("%.2f", gflops)), ("peak_fraction", cFormat("%.3f", gflops / peak)),
                       ("points", String(count)), ("checksum_first", "\"\(cFormat("%.9e", out[0]))\"")])
    }
}

/// printf-style formatting of one Double (C's vsnprintf: correctly rounded decimal conversion in glibc).
func cFormat(_ format: String, _ x: Double) -> String {
    var buffer = [CChar](repeating: 0, count: 64)
    _ = withVaList([x]) { vsnprintf(&buffer, 64, format, $0) }
    return String(cString: buffer)
}
