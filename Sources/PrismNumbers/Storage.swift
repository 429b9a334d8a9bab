import CPrismGMP

// Each GMP/MPFR object lives in a final class that allocates it at a stable
// address, initialises it exactly once in `init` and clears it exactly once in
// `deinit`. The number types are structs over these classes: a value is written
// once when it is made, and mutated in place only while its storage is uniquely
// referenced (copy-on-write), so copies never share a mutation.

@usableFromInline
final class MPZStorage: @unchecked Sendable {
    @usableFromInline let pointer: UnsafeMutablePointer<__mpz_struct>

    @inlinable init() {
        pointer = .allocate(capacity: 1)
        prism_mpz_init(pointer)
    }

    @inlinable deinit {
        prism_mpz_clear(pointer)
        pointer.deallocate()
    }
}

@usableFromInline
final class MPQStorage: @unchecked Sendable {
    @usableFromInline let pointer: UnsafeMutablePointer<__mpq_struct>

    @inlinable init() {
        pointer = .allocate(capacity: 1)
        prism_mpq_init(pointer)
    }

    @inlinable deinit {
        prism_mpq_clear(pointer)
        pointer.deallocate()
    }
}

@usableFromInline
final class MPFRStorage: @unchecked Sendable {
    @usableFromInline let pointer: UnsafeMutablePointer<__mpfr_struct>

    /// Precondition: `precision` is within `BigFloat.precisionRange` (checked by callers).
    @inlinable init(precision: Int) {
        pointer = .allocate(capacity: 1)
        mpfr_init2(pointer, precision)
    }

    @inlinable deinit {
        mpfr_clear(pointer)
        pointer.deallocate()
    }
}
