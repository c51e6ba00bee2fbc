//! The hash of an error code, shared by the build script (which lays out the lookup table) and
//! the library (which looks codes up in it), so both always agree.
//!
//! Codes are short (`CTS.0214`): the bytes are read eight at a time and mixed with one rotate,
//! xor and multiply per word (the FxHash step), then the length is mixed in. A table slot is
//! taken from the top bits of the hash ([`slot`]): the top bits of a product depend on every bit
//! of its inputs, the low bits only on the low ones (and codes differ in their last bytes, the
//! high bytes of a little-endian word).

/// The multiplier of FxHash (rustc's hasher).
const K: u64 = 0x517c_c1b7_2722_0a95;

/// The hash of `code`'s bytes.
#[inline]
pub fn code_hash(code: &[u8]) -> u64 {
    let mut hash: u64 = 0;
    let mut rest = code;
    while rest.len() >= 8 {
        let (word, tail) = rest.split_at(8);
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(word);
        hash = (hash.rotate_left(5) ^ u64::from_le_bytes(bytes)).wrapping_mul(K);
        rest = tail;
    }
    if !rest.is_empty() {
        // Byte by byte: a call to `memcpy` for a few bytes would cost more than the hash.
        let mut word = 0u64;
        for (i, &b) in rest.iter().enumerate() {
            word |= u64::from(b) << (8 * i);
        }
        hash = (hash.rotate_left(5) ^ word).wrapping_mul(K);
    }
    (hash.rotate_left(5) ^ code.len() as u64).wrapping_mul(K)
}

/// The first slot to probe for `hash` in a table of `2^bits` slots: the hash's top bits.
#[inline]
pub fn slot(hash: u64, bits: u32) -> usize {
    // `bits` is at least 2 (tables have at least four slots), so the shift is below 64.
    (hash >> (64 - bits)) as usize
}
