import _CPrismGMP

/// The real functions Prism evaluates to certified precision. Each is an MPFR
/// function, correctly rounded in the requested direction.
public enum RealFunction: String, CaseIterable, Sendable {
    case exp, log, log1p, expm1, sqrt
    case sin, cos, tan, atan, asin, acos
    case sinh, cosh, tanh
    case erf, erfc
    /// Γ(x).
    case gamma
    /// log |Γ(x)|.
    case lgamma
}

/// Mathematical constants, each computed by MPFR to any precision.
public enum MathConstant: String, CaseIterable, Sendable {
    /// π.
    case pi
    /// e = exp(1).
    case e
    /// log 2.
    case log2
    /// Euler's γ = 0.5772…
    case euler
}

extension BigFloat {
    /// f(self) at precision `p`, rounded in `r`; NaN outside f's domain, ±∞ on overflow or at a pole.
    public func applying(_ f: RealFunction, precision p: Int, rounding r: RoundingDirection) -> BigFloat {
        let x = pointer
        let rnd = r.mpfr
        return .make(precision: p) { y in
            switch f {
            case .exp: mpfr_exp(y, x, rnd)
            case .log: mpfr_log(y, x, rnd)
            case .log1p: mpfr_log1p(y, x, rnd)
            case .expm1: mpfr_expm1(y, x, rnd)
            case .sqrt: mpfr_sqrt(y, x, rnd)
            case .sin: mpfr_sin(y, x, rnd)
            case .cos: mpfr_cos(y, x, rnd)
            case .tan: mpfr_tan(y, x, rnd)
            case .atan: mpfr_atan(y, x, rnd)
            case .asin: mpfr_asin(y, x, rnd)
            case .acos: mpfr_acos(y, x, rnd)
            case .sinh: mpfr_sinh(y, x, rnd)
            case .cosh: mpfr_cosh(y, x, rnd)
            case .tanh: mpfr_tanh(y, x, rnd)
            case .erf: mpfr_erf(y, x, rnd)
            case .erfc: mpfr_erfc(y, x, rnd)
            case .gamma: mpfr_gamma(y, x, rnd)
            case .lgamma:
                var sign: Int32 = 0
                mpfr_lgamma(y, &sign, x, rnd)
            }
        }
    }

    /// self^y at precision `p`, rounded in `r` (MPFR's `pow`, IEEE 754 special cases).
    public func raised(to y: BigFloat, precision p: Int, rounding r: RoundingDirection) -> BigFloat {
        .make(precision: p) { mpfr_pow($0, pointer, y.pointer, r.mpfr) }
    }

    /// self^n for an integer n, correctly rounded.
    public func raised(to n: Int, precision p: Int, rounding r: RoundingDirection) -> BigFloat {
        .make(precision: p) { mpfr_pow_si($0, pointer, n, r.mpfr) }
    }

    /// A constant at precision `p`, rounded in `r`.
    public static func constant(_ c: MathConstant, precision p: Int, rounding r: RoundingDirection) -> BigFloat {
        .make(precision: p) { y in
            switch c {
            case .pi: mpfr_const_pi(y, r.mpfr)
            case .log2: mpfr_const_log2(y, r.mpfr)
            case .euler: mpfr_const_euler(y, r.mpfr)
            case .e:
                mpfr_set_ui_2exp(y, 1, 0, MPFR_RNDN)
                mpfr_exp(y, y, r.mpfr)
            }
        }
    }

    // Convenience spellings of the common functions.
    public func exp(precision p: Int, rounding r: RoundingDirection = .nearest) -> BigFloat { applying(.exp, precision: p, rounding: r) }
    public func log(precision p: Int, rounding r: RoundingDirection = .nearest) -> BigFloat { applying(.log, precision: p, rounding: r) }
    public func sqrt(precision p: Int, rounding r: RoundingDirection = .nearest) -> BigFloat { applying(.sqrt, precision: p, rounding: r) }
    public func erf(precision p: Int, rounding r: RoundingDirection = .nearest) -> BigFloat { applying(.erf, precision: p, rounding: r) }
    public static func pi(precision p: Int, rounding r: RoundingDirection = .nearest) -> BigFloat { constant(.pi, precision: p, rounding: r) }
}

/// ψ(x), MPFR's correctly rounded digamma (used to certify the minimum of Γ).
@usableFromInline func mpfrDigamma(_ y: UnsafeMutablePointer<__mpfr_struct>, _ x: BigFloat) {
    mpfr_digamma(y, x.pointer, MPFR_RNDN)
}
