extension Optional {
    /// The wrapped value, or `error` thrown when there is none: the package's unwrap that reports
    /// instead of trapping (for values a route has proven present, and for optional results that
    /// a caller needs).
    ///
    /// Error contract: exact; throws `error()` for nil.
    package func unwrapped(or error: @autoclosure () -> PrismError) throws -> Wrapped {
        guard let value = self else { throw error() }
        return value
    }
}
