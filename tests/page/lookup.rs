//! The hash behind `ErrorCode::from_code` spreads real and synthetic codes over its table, so
//! that a look-up reads about one slot (the table layout of build/codegen.rs, replayed here).

#[path = "../../src/hash.rs"]
mod hash;

/// Average and longest distance from a code's first slot to where it lands.
fn displacements(codes: &[String]) -> (f64, usize) {
    let slots = (codes.len() * 4).next_power_of_two().max(4);
    let bits = slots.trailing_zeros();
    let mut table = vec![false; slots];
    let (mut total, mut longest) = (0, 0);
    for code in codes {
        let start = hash::slot(hash::code_hash(code.as_bytes()), bits);
        let mut at = start;
        while table[at] {
            at = (at + 1) & (slots - 1);
        }
        table[at] = true;
        let distance = (at + slots - start) & (slots - 1);
        total += distance;
        longest = longest.max(distance);
    }
    (total as f64 / codes.len() as f64, longest)
}

#[test]
fn codes_spread_over_the_table() {
    let families: Vec<Vec<String>> = vec![
        (0..10_000).map(|i| format!("CTS.{i:05}")).collect(),
        (0..10_000).map(|i| format!("CTS.{i:04}")).collect(),
        (0..100_000).map(|i| format!("DMS.{i:08}")).collect(),
        (0..5_000)
            .map(|i| format!("APIGW.{i:04}"))
            .chain((0..5_000).map(|i| format!("APIG.{i:04}")))
            .collect(),
        (0..32).map(|i| format!("CTS.{:04}", 200 + i)).collect(),
    ];
    for codes in families {
        let (average, longest) = displacements(&codes);
        // Linear probing at a quarter full averages about 1/6 of a slot for random hashes.
        assert!(
            average < 0.3,
            "{}..: average displacement {average}",
            codes[0]
        );
        assert!(
            longest < 24,
            "{}..: longest displacement {longest}",
            codes[0]
        );
    }
}
