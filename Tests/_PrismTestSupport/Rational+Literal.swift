import PrismNumbers

/// A rational written as text in a test: "1/3", "-2.5", "1e-12" (the forms `Rational(parsing:)`
/// reads). Test literals only: a malformed literal is a bug in the test and stops it.
public func q(_ text: String) -> Rational {
    do { return try Rational(parsing: text) } catch { fatalError("test literal \"\(text)\": \(error)") }
}
