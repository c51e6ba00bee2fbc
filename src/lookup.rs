//! The table behind `ErrorCode::from_code`, shared by the build script (which lays it out with
//! [`Layout::for_codes`] and [`fill`]s it) and the library (which probes it with [`find`]), so
//! both always agree on the hash and the layout. The tests build and probe tables of their own
//! with the same functions.
//!
//! Every code is kept in a slot of sixteen bytes: two little-endian `u64`s, `head` and `tail`,
//! holding the code's key ([`key`]) and, in the top bits of `tail`, its index. A code of up to
//! twelve bytes (CTS codes have eight) is its own key, so comparing two words proves a hit, with
//! no string comparison and no second table to read. A longer code's key is its hash, and a hit
//! is confirmed against the list of codes. The slots are laid out in one of two ways:
//!
//! - **Direct**, for a few dozen codes (a real page): one slot per hash value, with a hash seed
//!   chosen at build time so that no two codes share a slot (a perfect hash). A look-up reads
//!   one slot: the code is there or nowhere.
//! - **Grouped**, for more codes, after hashbrown (SwissTable): groups of eight slots, three
//!   in ten to five in eight of them taken. A code goes into the first empty slot of the first
//!   group with room from its home group, the one picked by its hash. The table starts with two
//!   words per group. The first has a bit set for each code whose home the group is (one of 64,
//!   picked by the hash): a query whose bit is not set is not in the table, which settles
//!   nearly every miss with one word and one bit test. The second holds a tag byte per slot (0:
//!   empty, else a byte of the code's hash, never 0); a look-up compares its tag with the
//!   group's eight tags at once and reads only the slots whose tag matches, nearly always one.
//!   A look-up reads one 16-byte pair of group words (32 KiB of them at 10,000 codes, a core's
//!   L1 cache) and, for a hit, one slot.

/// The slots of a group: one tag each, in one `u64`.
const GROUP: usize = 8;
/// The bytes of a group's two words: its home bits, then its tags.
const GROUP_WORDS: usize = 16;
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
/// Odd constants from the digits of pi, as foldhash and wyhash use them.
const PI: [u64; 2] = [0x243f_6a88_85a3_08d3, 0x1319_8a2e_0370_7344];
/// A byte of ones, and the top bit of each byte, in every byte of a `u64`.
const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;
/// The largest direct table, in slots: 16 KiB, a part of the L1 cache.
const DIRECT_MAX_SLOTS: usize = 1024;
/// The seeds tried for a direct table of each size before trying twice the slots.
const DIRECT_SEEDS: u64 = 1000;

/// How a table is laid out, chosen at build time by [`Layout::for_codes`] and written into the
/// generated file as a constant, so the compiler keeps only the look-up for that layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layout {
    /// Direct: the number of slots. Grouped: the number of groups of eight slots.
    pub size: u32,
    /// Mixed into every hash.
    pub seed: u64,
    /// Whether the table is direct (see the module documentation).
    pub direct: bool,
}

impl Layout {
    /// The layout for `codes` (distinct, fewer than [`MAX_CODES`]): direct if a seed is found
    /// that puts no two codes in one slot of a table of at most [`DIRECT_MAX_SLOTS`], else
    /// grouped. Deterministic: the same codes always give the same layout.
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
            // Seeds spread over all 64 bits (multiples of the golden ratio), so that each one
            // gives the codes an unrelated set of slots.
            for seed in (1..=DIRECT_SEEDS).map(|i| i.wrapping_mul(0x9e37_79b9_7f4a_7c15)) {
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
                        seed,
                        direct: true,
                    };
                }
            }
            slots *= 2;
        }
        Layout::grouped(n)
    }

    /// The grouped layout for `n` codes: 0.31 to 0.625 of the slots taken, in a power of two of
    /// groups (the size is a constant of the generated code, so the compiler finds a group with
    /// a shift). Fuller than hashbrown's tables, to keep the group words in the L1 cache; the
    /// home bits keep misses cheap all the same.
    #[allow(dead_code)] // The library reads the layout from the generated file.
    pub fn grouped(n: usize) -> Layout {
        Layout {
            size: (n * 8 / 5).div_ceil(GROUP).next_power_of_two() as u32,
            seed: 0,
            direct: false,
        }
    }

    /// The number of slots.
    const fn slots(self) -> usize {
        if self.direct {
            self.size as usize
        } else {
            GROUP * self.size as usize
        }
    }

    /// The bytes of a grouped table's group words, before its slots.
    const fn groups_len(self) -> usize {
        if self.direct {
            0
        } else {
            self.size as usize * GROUP_WORDS
        }
    }

    /// The bytes of the whole table.
    pub const fn table_len(self) -> usize {
        self.groups_len() + self.slots() * SLOT
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

/// The slot of a direct table of `size` slots, or the first group of a grouped table of `size`
/// groups, for a hash: its top half scaled to `size` (Lemire's multiply-shift, which allows any
/// size, not only powers of two).
#[inline(always)]
fn first_slot(hash: u64, size: u32) -> usize {
    (((hash >> 32) * u64::from(size)) >> 32) as usize
}

/// The tag of a slot holding a code with this hash: seven bits of its low byte (the group comes
/// from the top half) and the top bit set, so never 0, which marks an empty slot.
#[inline(always)]
fn tag(hash: u64) -> u8 {
    hash as u8 | 0x80
}

/// The home bit of a code with this hash in the word of its home group: six bits of the hash
/// next to those of the tag.
#[inline(always)]
fn home_bit(hash: u64) -> u64 {
    1 << ((hash >> 8) & 63)
}

/// Whether the word of `group` has the home bit of `hash`.
#[inline(always)]
fn home_has(groups: &[u8], group: usize, hash: u64) -> bool {
    load8(groups, group * GROUP_WORDS) & home_bit(hash) != 0
}

/// Whether `code` gets past the home bits of a grouped table (always, for a direct one): what
/// [`find`] tests first.
#[allow(dead_code)] // For the tests, which measure how many misses get past.
pub fn may_hold(table: &[u8], layout: Layout, code: &str) -> bool {
    let hash = key(code.as_bytes(), layout.seed).hash;
    layout.direct || home_has(table, first_slot(hash, layout.size), hash)
}

/// The first group to look in for `code` in a grouped table: where it lands unless earlier
/// codes filled it.
#[allow(dead_code)] // For the tests, which measure how far codes land from it.
pub fn home_group(code: &str, layout: Layout) -> usize {
    first_slot(key(code.as_bytes(), layout.seed).hash, layout.size)
}

/// The bytes of `group_tags` that are 0, as the top bit of each byte: the classic zero-byte
/// test. It is 0 only if no byte is; a byte above a zero byte may show as one too.
#[inline(always)]
fn zero_bytes(group_tags: u64) -> u64 {
    group_tags.wrapping_sub(ONES) & !group_tags & HIGHS
}

/// Whether a group has an empty slot. Groups fill from their first slot on (see [`fill`]), so
/// one has room if its last slot is empty.
#[inline(always)]
fn has_room(group_tags: u64) -> bool {
    group_tags >> 56 == 0
}

/// The slots of a group whose tag is that of `hash`, as the top bit of their byte. A false
/// match is possible (see [`zero_bytes`]); it is read and passed over.
#[inline(always)]
fn tag_matches(group_tags: u64, hash: u64) -> u64 {
    zero_bytes(group_tags ^ (ONES * u64::from(tag(hash))))
}

/// The index of the code in `slot` if the slot holds `key`.
#[inline(always)]
fn slot_holds(slots: &[u8], slot: usize, key: &Key) -> Option<usize> {
    let at = slot * SLOT;
    let (head, tail) = (load8(slots, at), load8(slots, at + 8));
    (head == key.head && tail & KEY_BITS == key.tail).then_some((tail >> INDEX_SHIFT) as usize)
}

/// The index of `code` in a table laid out as `layout`, or `None`. `codes` is the list the
/// indexes point into; only a code longer than [`INLINE`] bytes is compared with it.
///
/// Inlined into the caller are the common cases. Direct: read the one slot. Grouped: test the
/// code's home bit (a miss nearly always ends there), then read the tags of its home group and
/// at most one slot, for a miss whose group has room or a hit on the first slot with the code's
/// tag; the rest (more slots with the tag, a full group, a long code) is [`search`], out of
/// line.
#[inline(always)]
pub fn find(table: &[u8], layout: Layout, codes: &[&str], code: &str) -> Option<usize> {
    let key = key(code.as_bytes(), layout.seed);
    let (groups, slots) = table.split_at(layout.groups_len());
    let first = first_slot(key.hash, layout.size);
    if layout.direct {
        return slot_holds(slots, first, &key)
            .filter(|&index| key.tail != LONG || codes.get(index) == Some(&code));
    }
    // A code is in the table only if its home group has its home bit: nearly every miss ends
    // here, after one word of the table.
    if !home_has(groups, first, key.hash) {
        return None;
    }
    let group_tags = load8(groups, first * GROUP_WORDS + 8);
    let matches = tag_matches(group_tags, key.hash);
    if matches == 0 {
        if has_room(group_tags) {
            return None;
        }
    } else if key.tail != LONG {
        let slot = first * GROUP + matches.trailing_zeros() as usize / 8;
        if let Some(index) = slot_holds(slots, slot, &key) {
            return Some(index);
        }
    }
    // The key is built again there rather than passed, so that the common cases need not keep
    // it in memory.
    search(groups, slots, layout, codes, code, first)
}

/// The look-up in a grouped table from the tags of `group` on.
#[inline(never)]
fn search(
    groups: &[u8],
    slots: &[u8],
    layout: Layout,
    codes: &[&str],
    code: &str,
    mut group: usize,
) -> Option<usize> {
    let key = &key(code.as_bytes(), layout.seed);
    loop {
        let group_tags = load8(groups, group * GROUP_WORDS + 8);
        let mut matches = tag_matches(group_tags, key.hash);
        while matches != 0 {
            let slot = group * GROUP + matches.trailing_zeros() as usize / 8;
            if let Some(index) = slot_holds(slots, slot, key) {
                if key.tail != LONG || codes.get(index) == Some(&code) {
                    return Some(index);
                }
            }
            matches &= matches - 1;
        }
        if has_room(group_tags) {
            // The group has room: a code that starts here or earlier would have been put in it.
            return None;
        }
        group = next_group(group, layout);
    }
}

/// The group after `group`, the first after the last.
#[inline(always)]
fn next_group(group: usize, layout: Layout) -> usize {
    if group + 1 == layout.size as usize {
        0
    } else {
        group + 1
    }
}

/// Fill `table` (`layout.table_len()` bytes, zeroed) with `codes`, each at its index; `layout`
/// is [`Layout::for_codes`] of `codes`.
#[allow(dead_code)] // The library only reads tables; the build script and the tests fill them.
pub fn fill(table: &mut [u8], layout: Layout, codes: &[&str]) {
    let (groups, slots) = table.split_at_mut(layout.groups_len());
    for (index, code) in codes.iter().enumerate() {
        let key = key(code.as_bytes(), layout.seed);
        let first = first_slot(key.hash, layout.size);
        let slot = if layout.direct {
            first
        } else {
            let home = &mut groups[first * GROUP_WORDS..first * GROUP_WORDS + 8];
            let word = u64::from_le_bytes(home.try_into().unwrap_or_default()) | home_bit(key.hash);
            home.copy_from_slice(&word.to_le_bytes());
            let mut group = first;
            loop {
                let tags = &mut groups[group * GROUP_WORDS + 8..group * GROUP_WORDS + 16];
                match tags.iter().position(|&t| t == 0) {
                    Some(free) => {
                        tags[free] = tag(key.hash);
                        break group * GROUP + free;
                    }
                    None => group = next_group(group, layout),
                }
            }
        };
        let at = slot * SLOT;
        slots[at..at + 8].copy_from_slice(&key.head.to_le_bytes());
        let tail = key.tail | (index as u64) << INDEX_SHIFT;
        slots[at + 8..at + SLOT].copy_from_slice(&tail.to_le_bytes());
    }
}

/// A table's bytes, aligned so that a slot never straddles two cache lines.
#[allow(dead_code)] // Used by the generated file, not by the build script or the tests.
#[repr(C, align(64))]
pub struct Aligned<T: ?Sized>(pub T);
