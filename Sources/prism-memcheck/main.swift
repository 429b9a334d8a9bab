// prism-memcheck: a workload over every kind of number object (mpz, mpq, mpfr) and
// every ownership path (copies, in-place copy-on-write, errors thrown mid-computation),
// run under valgrind by scripts/valgrind.sh. (valgrind 3.19 cannot start the
// Swift Testing runner binary, so the test subset is reproduced here.) Exits 1 if a
// check fails.
import PrismNumbers
#if canImport(Glibc)
import Glibc
#endif

// `prism-memcheck --deliberate-leak`: the leak check's sentinel. It loses objects holding an
// mpz on purpose, and scripts/valgrind.sh requires valgrind to report it (a check that cannot see
// a leak fails).
final class LeakedBox { let value: BigInt; init(_ value: BigInt) { self.value = value } }
if CommandLine.arguments.dropFirst().first == "--deliberate-leak" {
    // Ten objects, each from its own call frame, so no stale register or stack slot still points at
    // them when the program ends (valgrind would then count them as reachable).
    @inline(never) func leakOne(_ k: Int) throws { _ = Unmanaged.passRetained(LeakedBox(try BigInt.factorial(300 + k))) }
    for k in 0..<10 { try leakOne(k) }
    print("memcheck: ten BigInts leaked on purpose")
    exit(0)
}

var failures = 0
@MainActor func check(_ condition: Bool, _ what: String) {
    if !condition { failures += 1; print("FAILED: \(what)") }
}

// BigInt and Rational: ring/field laws, copy-on-write, parsing, printing.
var a = BigInt(1)
for k in 1...200 { a *= BigInt(k) }
let copy = a
a += 1
check(a - copy == 1, "copy-on-write")
check(try BigInt.factorial(200) == copy, "factorial")
var h = Rational(0)
for k in 1...500 { h += try Rational(1, k) }
check(Rational(h.description) == h, "rational round trip")
check(h.decimal(significantDigits: 40, rounding: .nearest).rational <= h + 1, "decimal")
check((try? Rational(parsing: "1/0")) == nil, "parse 1/0")
check((try? Rational(1, 0)) == nil, "zero denominator")
check(Double(Rational.fraction(1, 3)) == 1.0 / 3.0, "double rounding")

// Intervals and every real function, including error paths.
for f in RealFunction.allCases {
    for x in ["-2.5", "0.5", "3/7", "20"] {
        let i = Interval(try Rational(parsing: x), precision: 200)
        if let y = try? i.applying(f) { check(y.lower <= y.upper, "\(f)(\(x))") }
    }
}

// Exact reals, expressions and Ziv's loop, including an uncertifiable one.
for text in ["sqrt(8)*gamma(-5/2)+exp(1/3)", "(2*pi)^(-1/2)", "erf(1/2)*pi", "lgamma(-1/3)", "sin(1e22)", "1/(sin(1)-sin(1))", "2^^3", "log(-1)"] {
    do {
        let e = try RealExpression.parse(text)
        let v = try e.exactValue().map { try CertifiedValue(exact: $0, digits: 60) }
            ?? CertifiedValue(digits: 60, precisionCap: 2048) { try e.enclosure(precision: $0) }
        check(!v.value.isEmpty, text)
    } catch {
        check(error is PrismError, "\(text): typed error")
    }
}
print(failures == 0 ? "memcheck workload: all checks passed" : "memcheck workload: \(failures) failed")
if failures > 0 { fatalError("memcheck workload failed") }
