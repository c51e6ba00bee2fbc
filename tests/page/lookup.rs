//! The table behind `ErrorCode::from_code` (src/lookup.rs), laid out, filled and probed with the
//! same functions the build script and the library use, in both layouts: every code is found at
//! its own index, nothing else is found, a page of a few dozen codes gets a perfect hash, and
//! the hash spreads real and synthetic code families over a grouped table so that a look-up
//! reads about one group.

#[path = "../../src/lookup.rs"]
mod src_lookup;

use proptest::prelude::*;
use src_lookup::{self as lookup, Layout};

/// A table holding `codes` in `layout`, as the build script fills it.
fn table(codes: &[&str], layout: Layout) -> Vec<u8> {
    let mut table = vec![0u8; layout.table_len()];
    lookup::fill(&mut table, layout, codes);
    table
}

/// Checks, in the layout the build script would choose and in the grouped layout, that every
/// code is found at its index and every query that is not a code is not.
fn assert_finds(codes: &[&str], misses: &[&str]) {
    for layout in [Layout::for_codes(codes), Layout::grouped(codes.len())] {
        let table = table(codes, layout);
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
    assert_eq!(Layout::for_codes(&codes), Layout::grouped(1000));
}

#[test]
fn a_grouped_table_has_room_whatever_the_number_of_codes() {
    // `find` stops at a group with room: a full table would loop on a miss.
    for n in [
        1usize, 2, 3, 4, 5, 8, 9, 31, 32, 33, 1000, 1024, 1025, 1280, 10_000, 16_384,
    ] {
        let layout = Layout::grouped(n);
        let slots = 8 * layout.size as usize;
        // At most five in eight slots taken...
        assert!(5 * slots >= 8 * n, "{n}");
        // ... and, but for tiny tables, at least three in ten.
        assert!(10 * n >= 3 * slots || slots == 8, "{n}: {slots} slots");
        // A power of two, so that the compiler finds the group with a shift.
        assert!(layout.size.is_power_of_two(), "{n}");
        // Two words a group, sixteen bytes a slot.
        assert_eq!(layout.table_len(), 16 * layout.size as usize + 16 * slots);
    }
}

/// How `fill` fills a table of `groups` groups when codes land in `homes`: the share of codes
/// that do not fit in their home group, and the farthest one lands from it.
fn spill(homes: impl Iterator<Item = usize>, groups: usize) -> (f64, usize) {
    let mut used = vec![0; groups];
    let (mut codes, mut spilled, mut farthest) = (0, 0, 0);
    for home in homes {
        let mut at = home;
        while used[at] == 8 {
            at = (at + 1) % groups;
        }
        used[at] += 1;
        let distance = (at + groups - home) % groups;
        codes += 1;
        spilled += usize::from(distance > 0);
        farthest = farthest.max(distance);
    }
    (spilled as f64 / codes as f64, farthest)
}

/// Homes drawn at random (splitmix64): what an ideal hash would give.
fn random_homes(n: usize, groups: usize) -> impl Iterator<Item = usize> {
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    (0..n).map(move |_| {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        ((z ^ (z >> 31)) % groups as u64) as usize
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
fn codes_spread_over_the_table() {
    for codes in families() {
        let layout = Layout::grouped(codes.len());
        let groups = layout.size as usize;
        let homes = codes.iter().map(|c| lookup::home_group(c, layout));
        let (spilled, farthest) = spill(homes, groups);
        let (ideal, ideal_farthest) = spill(random_homes(codes.len(), groups), groups);
        // As few codes out of their home group as random homes would leave, within noise.
        assert!(
            spilled <= ideal * 1.25 + 0.002,
            "{}..: {spilled} spilled, {ideal} at random",
            codes[0]
        );
        assert!(
            farthest <= ideal_farthest + 2,
            "{}..: spilled {farthest} groups",
            codes[0]
        );
    }
}

#[test]
fn home_bits_turn_away_nearly_every_miss() {
    // Families large enough for a share to mean something (32 codes get a direct table).
    for codes in families().into_iter().filter(|c| c.len() >= 1000) {
        let refs: Vec<&str> = codes.iter().map(String::as_str).collect();
        let layout = Layout::grouped(refs.len());
        let table = table(&refs, layout);
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
        // A group holds 0.31 to 0.625 x 8 codes on average, each setting one bit of 64: at random,
        // about 1 - (63/64)^5 = 7.5% of misses would pass at the fullest.
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
        for layout in [Layout::for_codes(&codes), Layout::grouped(codes.len())] {
            let table = table(&codes, layout);
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
