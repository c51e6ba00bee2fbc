//! The table behind `ErrorCode::from_code`, shared by the build script (which lays it out with
//! [`Layout::for_codes`] and fills it with [`build`]) and the library (which probes it with
//! [`find`]), so both always agree on the hash and the layout. The tests build and probe tables of their own
//! with the same functions.
//!
//! Every code is kept in a slot of sixteen bytes: two little-endian `u64`s, `head` and `tail`,
//! holding the code's key ([`key`]) and, in the top bits of `tail`, its index. A code of up to
//! twelve bytes (CTS codes have eight) is its own key, so comparing two words proves a hit, with
//! no string comparison and no second table to read. A longer code's key is its hash, and a hit
//! is confirmed against the list of codes. Each code has a slot of its own, found from its hash
//! without probing (a perfect hash), in one of two ways:
//!
//! - **Direct**, for a few dozen codes (a real page): one slot per hash value, with a hash seed
//!   chosen at build time so that no two codes share a slot. A look-up reads one slot: the code
//!   is there or nowhere.
//! - **Displaced**, for more codes (hash and displace, as PTHash does it): the hash picks a
//!   bucket, of 1.5 to 3 codes on average, and the bucket's 16-bit *pilot*, chosen at build
//!   time, moves its codes to slots no other code has. Nine slots are kept for eight codes.
//!   Each bucket also has a word of *home bits*, a bit set for each of its codes (picked by the
//!   hash): a query whose bit is not set is not in the table. A look-up reads the home word
//!   and the pilot (40 KiB of them at 10,000 codes: they stay in the L1 cache), which settles
//!   nearly every miss, and then one slot, with no probing and no branch on the way.

/// The bytes of a bucket's home bits.
const HOME: usize = 8;
/// The bytes of a bucket's pilot.
const PILOT: usize = 2;
/// The bits of a bucket's pilot.
const PILOT_BITS: u32 = 16;
/// Codes per bucket, at most, on average.
const PER_BUCKET: usize = 3;
/// The bytes of a slot.
const SLOT: usize = 16;
/// Codes of up to this many bytes are kept whole in their key.
const INLINE: usize = 12;
/// Where the length of the code is kept in `tail`.
const LEN_SHIFT: u32 = 32;
/// The length field of a code longer than [`INLINE`] bytes.
const LONG: u64 = 0xff << LEN_SHIFT;
/// Where the index of the code is kept in `tail`.
const INDEX_SHIFT: u32 = 40;
/// The bits of `tail` that belong to the key.
const KEY_BITS: u64 = (1 << INDEX_SHIFT) - 1;
/// The most codes a table can index (24 bits of `tail`).
#[allow(dead_code)] // Checked by the build script.
pub const MAX_CODES: usize = 1 << (64 - INDEX_SHIFT);
/// The golden ratio in 64 bits: its multiples spread over all 64 bits (a Weyl sequence).
const GOLDEN: u64 = 0x9e37_79b9_7f4a_7c15;
/// Odd constants from the digits of pi, as foldhash and wyhash use them.
const PI: [u64; 2] = [0x243f_6a88_85a3_08d3, 0x1319_8a2e_0370_7344];
/// The largest direct table, in slots: 16 KiB, a part of the L1 cache.
const DIRECT_MAX_SLOTS: usize = 1024;
/// The seeds tried for a direct table of each size before trying twice the slots.
const DIRECT_SEEDS: u64 = 1000;

/// How a table is laid out, chosen at build time by [`Layout::for_codes`] and written into the
/// generated file as a constant, so the compiler keeps only the look-up for that layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layout {
    /// The number of slots.
    pub size: u32,
    /// Displaced: the number of buckets (0 for a direct table).
    pub buckets: u32,
    /// Mixed into every hash.
    pub seed: u64,
    /// Whether the table is direct (see the module documentation).
    pub direct: bool,
}

/// Seeds spread over all 64 bits (multiples of the golden ratio), so that each one gives the
/// codes an unrelated set of hashes.
fn seeds() -> impl Iterator<Item = u64> {
    (1..).map(|i: u64| i.wrapping_mul(GOLDEN))
}

impl Layout {
    /// The layout for `codes` (distinct, fewer than [`MAX_CODES`]): direct if a seed is found
    /// that puts no two codes in one slot of a table of at most [`DIRECT_MAX_SLOTS`], else
    /// displaced. Deterministic: the same codes always give the same layout.
    #[allow(dead_code)] // The library reads the layout from the generated file.
    pub fn for_codes(codes: &[&str]) -> Layout {
        // Start where a random seed has a fair chance (about e^-4) of spreading the codes
        // without collision: n^2 / 8 slots, and never under four slots per code.
        let n = codes.len();
        let mut slots = (n.saturating_mul(n) / 8)
            .max(n * 4)
            .next_power_of_two()
            .max(2);
        while slots <= DIRECT_MAX_SLOTS {
            for seed in seeds().take(DIRECT_SEEDS as usize) {
                let mut taken = [0u64; DIRECT_MAX_SLOTS / 64];
                let spread = codes.iter().all(|code| {
                    let slot = first_slot(key(code.as_bytes(), seed).hash, slots as u32);
                    let (word, bit) = (slot / 64, 1 << (slot % 64));
                    let free = taken[word] & bit == 0;
                    taken[word] |= bit;
                    free
                });
                if spread {
                    return Layout {
                        size: slots as u32,
                        buckets: 0,
                        seed,
                        direct: true,
                    };
                }
            }
            slots *= 2;
        }
        Layout::displaced(n)
    }

    /// The first displaced layout tried for `n` codes: nine slots for eight codes, and a power of
    /// two of buckets for 1.5 to 3 codes each (so that a bucket is found with a shift).
    /// [`build`] moves on with [`Layout::retry`] if [`fill`] finds no pilot for a bucket.
    #[allow(dead_code)] // The library reads the layout from the generated file.
    pub fn displaced(n: usize) -> Layout {
        Layout {
            size: (n + n / 8 + 1) as u32,
            buckets: n.div_ceil(PER_BUCKET).next_power_of_two() as u32,
            seed: GOLDEN,
            direct: false,
        }
    }

    /// The layout to try after this one failed: the next seed, and a little more room each
    /// time, so that the search ends.
    #[allow(dead_code)] // The library reads the layout from the generated file.
    pub fn retry(self) -> Layout {
        Layout {
            size: self.size + self.size / 32 + 1,
            seed: self.seed.wrapping_add(GOLDEN),
            ..self
        }
    }

    /// The bytes of a displaced table's bucket words, before its slots: a whole number of cache
    /// lines, so that no slot straddles two.
    const fn buckets_len(self) -> usize {
        self.homes_len() + (self.buckets as usize * PILOT).div_ceil(64) * 64
    }

    /// The bytes of a displaced table's home bits, before its pilots (whole cache lines).
    const fn homes_len(self) -> usize {
        (self.buckets as usize * HOME).div_ceil(64) * 64
    }

    /// The bytes of the whole table.
    pub const fn table_len(self) -> usize {
        self.buckets_len() + self.size as usize * SLOT
    }
}

/// What a slot holding a code is compared with, and the hash that picks its slot or group.
struct Key {
    hash: u64,
    head: u64,
    tail: u64,
}

/// The folded multiply of foldhash and wyhash: the two halves of the 128-bit product, xored.
/// Every bit of the result depends on every bit of both inputs, so codes that differ only in
/// their last byte (the top byte of a little-endian word) still land apart.
#[inline(always)]
fn mix(a: u64, b: u64) -> u64 {
    let product = u128::from(a) * u128::from(b);
    (product as u64) ^ (product >> 64) as u64
}

/// The little-endian `u32` at `at`, widened. One bounds check and one load: indexing byte by
/// byte would check each byte where the slice's length is not known.
#[inline(always)]
fn load4(bytes: &[u8], at: usize) -> u64 {
    let word: [u8; 4] = bytes[at..at + 4].try_into().unwrap_or_default();
    u64::from(u32::from_le_bytes(word))
}

/// The little-endian `u64` at `at`.
#[inline(always)]
fn load8(bytes: &[u8], at: usize) -> u64 {
    let word: [u8; 8] = bytes[at..at + 8].try_into().unwrap_or_default();
    u64::from_le_bytes(word)
}

/// The key of a code. Up to twelve bytes, the code itself: its first eight (or four) bytes in
/// `head`, its last four in `tail` with its length, so that the two loads may overlap and still
/// tell every code apart. Longer, its hash, and [`LONG`] for the length. Building it is most of
/// the cost of a look-up, hence loads in place of a loop.
#[inline(always)]
fn key(code: &[u8], seed: u64) -> Key {
    let n = code.len();
    // Codes of eight to twelve bytes first, with one branch: CTS codes have eight.
    let (head, last) = if (8..=INLINE).contains(&n) {
        (load8(code, 0), load4(code, n - 4))
    } else if n > INLINE {
        return long_key(code, seed);
    } else if n >= 4 {
        (load4(code, 0), load4(code, n - 4))
    } else if n > 0 {
        // The first, middle and last byte are the whole of one to three bytes.
        let bytes = u64::from(code[0]) | u64::from(code[n / 2]) << 8 | u64::from(code[n - 1]) << 16;
        (bytes, 0)
    } else {
        // Not a code (the page reader rejects it): a head that no slot has, empty or not
        // (0xff is never part of UTF-8).
        (u64::MAX, 0)
    };
    let tail = last | (n as u64) << LEN_SHIFT;
    Key {
        hash: mix(head ^ PI[0] ^ seed, tail ^ PI[1]),
        head,
        tail,
    }
}

/// The key of a code longer than [`INLINE`] bytes: its hash. Out of line, so that the look-up
/// of a short code stays small enough to inline.
#[cold]
#[inline(never)]
fn long_key(code: &[u8], seed: u64) -> Key {
    let hash = code.chunks(8).fold(seed, |hash, chunk| {
        let word = chunk.iter().rev().fold(0, |w, &b| w << 8 | u64::from(b));
        mix(hash ^ word, PI[0])
    });
    let hash = mix(hash ^ code.len() as u64, PI[1]);
    Key {
        hash,
        head: hash,
        tail: LONG,
    }
}

/// The slot of a direct table of `size` slots, or the bucket of a displaced table of `size`
/// buckets, for a hash: its top half scaled to `size` (Lemire's multiply-shift, which allows any
/// size, not only powers of two).
#[inline(always)]
fn first_slot(hash: u64, size: u32) -> usize {
    (((hash >> 32) * u64::from(size)) >> 32) as usize
}

/// The slot of a code with this hash in a displaced table, given its bucket's pilot: the low
/// half of the hash, xored with the top half of the pilot times the golden ratio (which spreads
/// even consecutive pilots over all 32 bits), scaled to the slots.
#[inline(always)]
fn displaced_slot(hash: u64, pilot: u64, size: u32) -> usize {
    let low = (hash ^ (pilot.wrapping_mul(GOLDEN) >> 32)) & 0xffff_ffff;
    ((low * u64::from(size)) >> 32) as usize
}

/// The home bit of a code with this hash in its bucket's word: bits 40 to 45 of the hash,
/// below those that pick the bucket (the top ones, up to 65,536 buckets) and above those that
/// pick the slot (the low four bytes).
#[inline(always)]
fn home_bit(hash: u64) -> u64 {
    1 << ((hash >> 40) & 63)
}

/// The pilot of bucket `b` of a displaced table.
#[inline(always)]
fn pilot_of(table: &[u8], layout: Layout, b: usize) -> u64 {
    let at = layout.homes_len() + b * PILOT;
    let word: [u8; 2] = table[at..at + 2].try_into().unwrap_or_default();
    u64::from(u16::from_le_bytes(word))
}

/// The index of the code in the slot at byte `at` if the slot holds `key`.
#[inline(always)]
fn slot_holds(slots: &[u8], at: usize, key: &Key) -> Option<usize> {
    let (head, tail) = (load8(slots, at), load8(slots, at + 8));
    (head == key.head && tail & KEY_BITS == key.tail).then_some((tail >> INDEX_SHIFT) as usize)
}

/// The bucket of `code` in a displaced table.
#[allow(dead_code)] // For the tests, which measure how evenly codes fill the buckets.
pub fn bucket(code: &str, layout: Layout) -> usize {
    first_slot(key(code.as_bytes(), layout.seed).hash, layout.buckets)
}

/// Whether `code` gets past the home bits of a displaced table (always, for a direct one): what
/// [`find`] tests first.
#[allow(dead_code)] // For the tests, which measure how many misses get past.
pub fn may_hold(table: &[u8], layout: Layout, code: &str) -> bool {
    let hash = key(code.as_bytes(), layout.seed).hash;
    layout.direct || load8(table, first_slot(hash, layout.buckets) * HOME) & home_bit(hash) != 0
}

/// The index of `code` in a table laid out as `layout`, or `None`. `codes` is the list the
/// indexes point into; only a code longer than [`INLINE`] bytes is compared with it.
///
/// Direct: read the one slot. Displaced: read the bucket's home word, where a miss nearly
/// always ends, then its pilot and the one slot it gives.
#[inline(always)]
pub fn find(table: &[u8], layout: Layout, codes: &[&str], code: &str) -> Option<usize> {
    let key = key(code.as_bytes(), layout.seed);
    let (buckets, slots) = table.split_at(layout.buckets_len());
    let slot = if layout.direct {
        first_slot(key.hash, layout.size)
    } else {
        let b = first_slot(key.hash, layout.buckets);
        if load8(buckets, b * HOME) & home_bit(key.hash) == 0 {
            return None;
        }
        displaced_slot(key.hash, pilot_of(buckets, layout, b), layout.size)
    };
    slot_holds(slots, slot * SLOT, &key)
        .filter(|&index| key.tail != LONG || codes.get(index) == Some(&code))
}

/// The table for `codes` and its layout: `first` (the build script's is [`Layout::for_codes`]),
/// then [`Layout::retry`] until [`fill`] succeeds (nearly always at once). `codes` must be
/// distinct: two equal codes never land apart, and the search would not end. `new_table(len)`
/// gives `len` zero bytes and `scratch` has an entry per code: this module allocates nothing,
/// as the library is `no_std`.
#[allow(dead_code)] // The library only reads tables; the build script and the tests build them.
pub fn build<T: AsMut<[u8]>>(
    codes: &[&str],
    first: Layout,
    scratch: &mut [[u64; 3]],
    mut new_table: impl FnMut(usize) -> T,
) -> (Layout, T) {
    let mut layout = first;
    loop {
        let mut table = new_table(layout.table_len());
        if fill(table.as_mut(), layout, codes, scratch) {
            return (layout, table);
        }
        layout = layout.retry();
    }
}

/// Fill `table` (`layout.table_len()` zero bytes) with `codes`, each at its index, using
/// `scratch` (an entry per code). False if a bucket of a displaced layout finds no pilot: then
/// the table is partly filled, and [`build`] tries another layout.
///
/// Displaced: the codes are sorted by bucket, fullest buckets first (they are the hardest to
/// place), ties by bucket and then by index, so the same codes always give the same table; each
/// bucket takes the first pilot that puts all its codes in free slots, apart.
#[allow(dead_code)] // The library only reads tables; the build script and the tests build them.
pub fn fill(table: &mut [u8], layout: Layout, codes: &[&str], scratch: &mut [[u64; 3]]) -> bool {
    let (buckets, slots) = table.split_at_mut(layout.buckets_len());
    let put = |slots: &mut [u8], slot: usize, key: &Key, index: usize| {
        let at = slot * SLOT;
        slots[at..at + 8].copy_from_slice(&key.head.to_le_bytes());
        let tail = key.tail | (index as u64) << INDEX_SHIFT;
        slots[at + 8..at + SLOT].copy_from_slice(&tail.to_le_bytes());
    };
    if layout.direct {
        for (index, code) in codes.iter().enumerate() {
            let key = key(code.as_bytes(), layout.seed);
            put(slots, first_slot(key.hash, layout.size), &key, index);
        }
        return true;
    }
    let bucket_of = |hash| first_slot(hash, layout.buckets);
    let word = |buckets: &[u8], b: usize| load8(buckets, b * HOME);
    let set_word = |buckets: &mut [u8], b: usize, w: u64| {
        buckets[b * HOME..(b + 1) * HOME].copy_from_slice(&w.to_le_bytes());
    };
    // Count the codes of each bucket in its word, for now.
    for code in codes {
        let b = bucket_of(key(code.as_bytes(), layout.seed).hash);
        set_word(buckets, b, word(buckets, b) + 1);
    }
    let scratch = &mut scratch[..codes.len()];
    for (index, (entry, code)) in scratch.iter_mut().zip(codes).enumerate() {
        let hash = key(code.as_bytes(), layout.seed).hash;
        let b = bucket_of(hash);
        let fewer = u64::from(u16::MAX) - word(buckets, b).min(u64::from(u16::MAX));
        *entry = [fewer << 32 | b as u64, hash, index as u64];
    }
    scratch.sort_unstable_by_key(|&[order, _, index]| (order, index));
    let taken = |slots: &[u8], slot: usize| load8(slots, slot * SLOT + 8) != 0;
    let mut start = 0;
    while start < scratch.len() {
        let mut end = start + 1;
        while end < scratch.len() && scratch[end][0] == scratch[start][0] {
            end += 1;
        }
        let members = &scratch[start..end];
        let apart = |pilot: u64| {
            let slot = |m: &[u64; 3]| displaced_slot(m[1], pilot, layout.size);
            members.iter().enumerate().all(|(i, m)| {
                !taken(slots, slot(m)) && members[..i].iter().all(|o| slot(o) != slot(m))
            })
        };
        let Some(pilot) = (0..1u64 << PILOT_BITS).find(|&pilot| apart(pilot)) else {
            return false;
        };
        let mut home = 0;
        for &[_, hash, index] in members {
            let code = codes[index as usize];
            put(
                slots,
                displaced_slot(hash, pilot, layout.size),
                &key(code.as_bytes(), layout.seed),
                index as usize,
            );
            home |= home_bit(hash);
        }
        let b = bucket_of(members[0][1]);
        set_word(buckets, b, home);
        let at = layout.homes_len() + b * PILOT;
        buckets[at..at + PILOT].copy_from_slice(&(pilot as u16).to_le_bytes());
        start = end;
    }
    true
}

/// A table's bytes, aligned so that a slot never straddles two cache lines.
#[allow(dead_code)] // Used by the generated file, not by the build script or the tests.
#[repr(C, align(64))]
pub struct Aligned<T: ?Sized>(pub T);
