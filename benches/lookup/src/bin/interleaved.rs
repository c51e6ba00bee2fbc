//! `ErrorCode::from_code` against `FxHashMap` (the fastest alternative at 10,000 codes), timed
//! in alternation and the best of 200 rounds each kept: on a shared machine whose speed drifts
//! from minute to minute, this compares the two under the same conditions more closely than
//! two criterion runs one after the other. Queries as in the `hits` and `misses` sets of the
//! criterion benchmark. Run by benches/run.sh.

use cts_error_codes::ErrorCode;
use rustc_hash::FxHashMap;
use std::hint::black_box;
use std::time::Instant;

fn main() {
    let codes: Vec<&'static str> = ErrorCode::ALL.iter().map(|c| c.code()).collect();
    let fx: FxHashMap<&str, usize> = codes.iter().enumerate().map(|(i, c)| (*c, i)).collect();
    let hits: Vec<String> = codes.iter().map(|c| c.to_string()).collect();
    let misses: Vec<String> = codes
        .iter()
        .enumerate()
        .map(|(i, c)| cts_error_codes_lookup_bench::miss(c, i))
        .collect();
    for (name, queries) in [("hits", hits), ("misses", misses)] {
        let queries = cts_error_codes_lookup_bench::shuffled(queries);
        let queries: Vec<&str> = queries.iter().map(String::as_str).collect();
        let rounds = (200_000 / queries.len()).max(1);
        // Nanoseconds per look-up over `rounds` passes of the queries.
        let time = |lookup: &dyn Fn(&str) -> usize| {
            let start = Instant::now();
            let mut sum = 0;
            for _ in 0..rounds {
                for q in &queries {
                    sum += lookup(black_box(q));
                }
            }
            black_box(sum);
            start.elapsed().as_secs_f64() * 1e9 / (rounds * queries.len()) as f64
        };
        let ours = |q: &str| ErrorCode::from_code(q).map_or(0, |c| c as usize);
        let theirs = |q: &str| fx.get(q).copied().unwrap_or(0);
        let (mut best_ours, mut best_fx) = (f64::MAX, f64::MAX);
        for _ in 0..200 {
            best_ours = best_ours.min(time(&ours));
            best_fx = best_fx.min(time(&theirs));
        }
        println!(
            "interleaved/{} codes/{name}: from_code {best_ours:.2} ns, FxHashMap {best_fx:.2} ns, ratio {:.2}",
            codes.len(),
            best_ours / best_fx
        );
    }
}
