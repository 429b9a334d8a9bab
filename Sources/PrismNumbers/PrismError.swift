/// The typed errors of the number layer and everything built on it.
///
/// Invalid input is reported before GMP or MPFR is called (GMP aborts the
/// process on division by zero and on allocation failure), and a computation
/// that cannot be certified within its limits says so instead of guessing.
public enum PrismError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An argument outside the documented domain (e.g. log of a negative number).
    case domain(String)
    /// Division by an exact zero.
    case divisionByZero
    /// Malformed text; `position` is the 1-based character offset.
    case parse(message: String, position: Int)
    /// A size, degree, digit count or precision over the documented limits.
    case limitExceeded(String)
    /// The value overflows the exponent range of the arithmetic.
    case overflow(String)
    /// Enclosures up to the precision cap did not decide the result.
    case notCertified(String)
    /// The exact value has no `ExactReal` form (e.g. sin(1), or a quotient by a sum of terms).
    /// Exact routes catch it with `ExactReal.ifExact` and fall back to enclosures.
    case inexact(String)

    public var description: String {
        switch self {
        case .domain(let m): return "domain error: \(m)"
        case .divisionByZero: return "division by zero"
        case .parse(let m, let p): return "parse error at position \(p): \(m)"
        case .limitExceeded(let m): return "limit exceeded: \(m)"
        case .overflow(let m): return "overflow: \(m)"
        case .notCertified(let m): return "could not certify: \(m)"
        case .inexact(let m): return "no exact form: \(m)"
        }
    }

    /// True for errors caused by the input (exit status 2 in the CLI); false
    /// for a valid computation that could not be certified (exit status 1).
    public var isInputError: Bool {
        switch self {
        case .notCertified, .inexact: return false
        default: return true
        }
    }
}
