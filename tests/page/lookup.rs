//! The table behind `ErrorCode::from_code` (src/lookup.rs), laid out, filled and probed with the
//! same functions the build script and the library use, in both layouts: every code is found at
//! its own index, nothing else is found, a page of a few dozen codes gets a perfect hash, and
//! the hash spreads real and synthetic code families over the buckets of a displaced table as
//! evenly as random hashes would.

#[path = "../../src/lookup.rs"]
mod src_lookup;

use proptest::prelude::*;
use src_lookup::{self as lookup, Layout};

/// A table holding `codes`, built from `first` as the build script builds it from
/// `Layout::for_codes`, and the layout it ends with.
fn table(codes: &[&str], first: Layout) -> (Layout, Vec<u8>) {
    let mut scratch = vec![[0; 3]; codes.len()];
    lookup::build(codes, first, &mut scratch, |len| vec![0u8; len])
}

/// Checks, in the layout the build script would choose and in the displaced layout, that every
/// code is found at its index and every query that is not a code is not.
fn assert_finds(codes: &[&str], misses: &[&str]) {
    for first in [Layout::for_codes(codes), Layout::displaced(codes.len())] {
        let (layout, table) = table(codes, first);
        for (index, code) in codes.iter().enumerate() {
            let found = lookup::find(&table, layout, codes, code);
            assert_eq!(found, Some(index), "{code:?} in {layout:?}");
        }
        for miss in misses {
            assert!(!codes.contains(miss));
            let found = lookup::find(&table, layout, codes, miss);
            assert_eq!(found, None, "{miss:?} in {layout:?}");
        }
    }
}

#[test]
fn finds_each_code_and_nothing_else() {
    let cts: Vec<String> = (200..232).map(|i| format!("CTS.{i:04}")).collect();
    let cts: Vec<&str> = cts.iter().map(String::as_str).collect();
    assert_finds(
        &cts,
        &[
            "",
            "CTS.",
            "CTS.02",
            "cts.0214",
            "CTS.0214 ",
            "CTS.02140",
            "APIGW.0214",
            "CTS.0199",
            "CTS.0232",
            "CTS.0214\0",
            "\0CTS.0214",
        ],
    );
}

#[test]
fn codes_of_every_length_around_the_inline_limit() {
    // Twelve bytes are kept whole in a slot; longer codes are confirmed against the list. Codes
    // that differ only past byte 12, or only by a trailing NUL, must not be confused.
    let long = "ModelArts.0104.extra.parts";
    let codes: Vec<&str> = (1..=long.len()).map(|n| &long[..n]).collect();
    let mut misses = vec![
        "ModelArts.0104.extra.partsX",
        "NodelArts.0104",
        "ModelArts.0104\0",
    ];
    let twins = [
        "SERVICE.00010001",
        "SERVICE.00010002",
        "SERVICE.0001000",
        "SERVICE.00010",
    ];
    misses.extend(["SERVICE.00010003", "SERVICE.0001", "SERVICE.000100010"]);
    assert_finds(&codes, &misses);
    assert_finds(&twins, &misses);
    assert_finds(
        &["中文.0001", "😀.0002", "CTS.0214\0", "CTS.0214"],
        &["中文.0002", "CTS.0214\0\0"],
    );
}

#[test]
fn a_page_of_a_few_dozen_codes_gets_a_perfect_hash() {
    for n in [1usize, 2, 32, 64, 90] {
        let owned: Vec<String> = (0..n).map(|i| format!("CTS.{:04}", 200 + i)).collect();
        let codes: Vec<&str> = owned.iter().map(String::as_str).collect();
        let layout = Layout::for_codes(&codes);
        assert!(layout.direct, "{n} codes: {layout:?}");
        // At most 16 KiB, and no more than needed for a fair chance of a perfect hash.
        assert!(layout.table_len() <= 16 * 1024, "{n} codes: {layout:?}");
        assert!(
            layout.size as usize <= (n * n / 4).max(n * 8),
            "{n} codes: {layout:?}"
        );
    }
    let owned: Vec<String> = (0..1000).map(|i| format!("CTS.{i:04}")).collect();
    let codes: Vec<&str> = owned.iter().map(String::as_str).collect();
    assert_eq!(Layout::for_codes(&codes), Layout::displaced(1000));
}

#[test]
fn a_displaced_table_gives_every_code_a_slot_at_the_first_layout() {
    for n in [
        1usize, 2, 3, 4, 5, 8, 9, 31, 32, 33, 1000, 1024, 1025, 10_000,
    ] {
        let layout = Layout::displaced(n);
        // Nine slots for eight codes (and one more); 1.5 to 3 codes a bucket, in a power of two
        // of buckets (so that a bucket is found with a shift).
        assert!(9 * n < 8 * layout.size as usize + 9, "{n}: {layout:?}");
        assert!(layout.size as usize > n, "{n}: {layout:?}");
        let buckets = layout.buckets as usize;
        assert!(
            buckets.is_power_of_two() && 3 * buckets >= n && buckets <= n.max(1),
            "{n}: {layout:?}"
        );
        // Eight bytes of home bits and two of pilot a bucket, each array in whole cache lines,
        // then sixteen bytes a slot.
        let lines = |bytes: usize| bytes.div_ceil(64) * 64;
        assert_eq!(
            layout.table_len(),
            lines(8 * buckets) + lines(2 * buckets) + 16 * layout.size as usize
        );
    }
    // Every family finds a pilot for every bucket with its first layout: the retries exist
    // for the unlucky page, not for these.
    for codes in families() {
        let refs: Vec<&str> = codes.iter().map(String::as_str).collect();
        let first = Layout::displaced(refs.len());
        let (layout, table) = table(&refs, first);
        assert_eq!(layout, first, "{}..", codes[0]);
        for (index, code) in refs.iter().enumerate() {
            assert_eq!(lookup::find(&table, layout, &refs, code), Some(index));
        }
    }
}

#[test]
fn a_failed_layout_is_retried_until_one_fits() {
    // A table with fewer slots than codes cannot be filled: `build` moves on to layouts with
    // more room, and the table it ends with finds every code.
    let owned: Vec<String> = (0..2000).map(|i| format!("CTS.{i:05}")).collect();
    let codes: Vec<&str> = owned.iter().map(String::as_str).collect();
    let tight = Layout {
        size: codes.len() as u32 - 1,
        ..Layout::displaced(codes.len())
    };
    let mut scratch = vec![[0; 3]; codes.len()];
    let mut zeroed = vec![0u8; tight.table_len()];
    assert!(!lookup::fill(&mut zeroed, tight, &codes, &mut scratch));
    let (layout, table) = table(&codes, tight);
    assert!(
        layout.size > tight.size && layout.seed != tight.seed,
        "{layout:?}"
    );
    for (index, code) in codes.iter().enumerate() {
        assert_eq!(lookup::find(&table, layout, &codes, code), Some(index));
    }
}

/// The number of codes in each bucket when codes land in `buckets`.
fn loads(of: impl Iterator<Item = usize>, buckets: usize) -> Vec<usize> {
    let mut loads = vec![0; buckets];
    for b in of {
        loads[b] += 1;
    }
    loads
}

/// Buckets drawn at random (splitmix64): what an ideal hash would give.
fn random_buckets(n: usize, buckets: usize) -> impl Iterator<Item = usize> {
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    (0..n).map(move |_| {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        ((z ^ (z >> 31)) % buckets as u64) as usize
    })
}

/// Families of codes as the documentation family writes them.
fn families() -> Vec<Vec<String>> {
    vec![
        (0..10_000).map(|i| format!("CTS.{i:05}")).collect(),
        (0..10_000).map(|i| format!("CTS.{i:04}")).collect(),
        (0..100_000).map(|i| format!("DMS.{i:08}")).collect(),
        (0..100_000).map(|i| format!("ModelArts.{i:06}")).collect(),
        (0..5_000)
            .map(|i| format!("APIGW.{i:04}"))
            .chain((0..5_000).map(|i| format!("APIG.{i:04}")))
            .collect(),
        (0..32).map(|i| format!("CTS.{:04}", 200 + i)).collect(),
    ]
}

#[test]
fn codes_spread_over_the_buckets() {
    for codes in families() {
        let layout = Layout::displaced(codes.len());
        let buckets = layout.buckets as usize;
        let ours = loads(codes.iter().map(|c| lookup::bucket(c, layout)), buckets);
        let ideal = loads(random_buckets(codes.len(), buckets), buckets);
        let empty = |l: &[usize]| l.iter().filter(|&&n| n == 0).count() as f64 / buckets as f64;
        let fullest = |l: &[usize]| l.iter().copied().max().unwrap_or(0);
        // As many empty buckets and no fuller a bucket than random hashes give, within noise.
        assert!(
            empty(&ours) <= empty(&ideal) * 1.25 + 0.01,
            "{}..: {} of the buckets empty, {} at random",
            codes[0],
            empty(&ours),
            empty(&ideal)
        );
        assert!(
            fullest(&ours) <= fullest(&ideal) + 3,
            "{}..: a bucket of {} codes",
            codes[0],
            fullest(&ours)
        );
    }
}

#[test]
fn home_bits_turn_away_nearly_every_miss() {
    // Families large enough for a share to mean something (32 codes get a direct table).
    for codes in families().into_iter().filter(|c| c.len() >= 1000) {
        let refs: Vec<&str> = codes.iter().map(String::as_str).collect();
        let (layout, table) = table(&refs, Layout::displaced(refs.len()));
        // Wrong case, another prefix, an extra digit, an unknown number: the misses a client
        // meets, and the codes of a later page.
        let misses: Vec<String> = codes
            .iter()
            .enumerate()
            .map(|(i, c)| match i % 4 {
                0 => c.to_lowercase(),
                1 => format!("X{c}"),
                2 => format!("{c}9"),
                _ => format!("{}Z", &c[..c.len() - 1]),
            })
            .collect();
        let passed = misses
            .iter()
            .filter(|m| lookup::may_hold(&table, layout, m))
            .count();
        // A bucket holds 1.5 to 3 codes on average, each setting one bit of 64: at random, at
        // most 1 - (63/64)^3 = 4.6% of misses would pass.
        let share = passed as f64 / misses.len() as f64;
        assert!(
            share < 0.10,
            "{}..: {share} of misses pass the home bits",
            codes[0]
        );
    }
}

proptest! {
    #[test]
    fn random_codes_are_found_and_others_are_not(
        codes in proptest::collection::hash_set("[A-Za-z0-9.\u{0}é中]{1,20}", 1..200),
        queries in proptest::collection::vec("[A-Za-z0-9.\u{0}é中]{0,20}", 0..50),
    ) {
        let codes: Vec<&str> = codes.iter().map(String::as_str).collect();
        for first in [Layout::for_codes(&codes), Layout::displaced(codes.len())] {
            let (layout, table) = table(&codes, first);
            for (index, code) in codes.iter().enumerate() {
                prop_assert_eq!(lookup::find(&table, layout, &codes, code), Some(index));
            }
            for query in &queries {
                let want = codes.iter().position(|c| c == query);
                prop_assert_eq!(lookup::find(&table, layout, &codes, query), want);
            }
        }
    }
}
