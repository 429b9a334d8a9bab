extension Rational {
    /// A denominator written as a positive integer literal in source code: the second argument
    /// of `Rational.fraction(_:_:)`. It has no initializer from a run-time value, so no input can
    /// reach it; a literal 0 or negative denominator is a typo in the source and stops the program
    /// with a message the first time that line runs (any test reaching it finds it).
    public struct LiteralDenominator: ExpressibleByIntegerLiteral, Sendable {
        let value: Int

        public init(integerLiteral value: Int) {
            precondition(value > 0, "Rational.fraction: the literal denominator must be positive")
            self.value = value
        }
    }

    /// The constant p/q from integer literals, in lowest terms: `Rational.fraction(1, 2)` = 1/2,
    /// `Rational.fraction(-7, 10)` = −7/10. The one way to write a constant fraction in the
    /// sources (integers are plain literals, `let one: Rational = 1`); a run-time denominator goes
    /// through the throwing `Rational(_:_:)` instead.
    ///
    /// Error contract: exact.
    public static func fraction(_ numerator: Int, _ denominator: LiteralDenominator) -> Rational {
        Rational(numerator) / Rational(denominator.value)
    }
}
