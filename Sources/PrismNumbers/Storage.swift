import _CPrismGMP

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

/// An MPFR number and its significand in one heap allocation (MPFR's custom interface):
/// the header is the `mpfr_t`, the tail its limbs. MPFR never reallocates a significand of
/// fixed precision, so nothing needs clearing; the object's address is stable for its life.
@usableFromInline
final class MPFRStorage: ManagedBuffer<__mpfr_struct, mp_limb_t> {
    /// Precondition: `precision` is within `BigFloat.precisionRange` (checked by callers).
    @inlinable static func make(precision: Int) -> MPFRStorage {
        let limbs = (mpfr_custom_get_size(precision) + MemoryLayout<mp_limb_t>.size - 1) / MemoryLayout<mp_limb_t>.size
        let storage = unsafeDowncast(MPFRStorage.create(minimumCapacity: limbs) { _ in __mpfr_struct() }, to: MPFRStorage.self)
        storage.withUnsafeMutablePointers { header, significand in
            mpfr_custom_init_set(header, Int32(MPFR_ZERO_KIND.rawValue), 0, precision, significand)
        }
        return storage
    }

    @inlinable var pointer: UnsafeMutablePointer<__mpfr_struct> { withUnsafeMutablePointerToHeader { $0 } }
}
