import PrismNumbers

extension Activation {
    /// The symmetry of σ: the catalogue's record (e.g. silu = x/2 + even, sigmoid = 1/2 + odd), or by
    /// structural analysis of a user expression.
    public var symmetry: Symmetry {
        if case .expression(let e, _) = self { return e.symmetry }
        return record?.symmetry ?? .unknown
    }
}

