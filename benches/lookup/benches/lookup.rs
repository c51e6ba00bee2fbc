//! `ErrorCode::from_code` against `phf::Map` (phf_codegen), `match` on `&str`, std `HashMap`,
//! `FxHashMap` and binary search over a sorted slice, all built from the same codes, on the same
//! queries: every code in shuffled order plus 10% misses (unknown codes, wrong case, another
//! prefix).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use cts_error_codes::ErrorCode;
use cts_error_codes_lookup_bench::{by_match, PHF};
use rustc_hash::FxHashMap;
use std::collections::HashMap;
use std::hint::black_box;

/// The queries: every code once, shuffled with a fixed seed, and one miss for every ten codes.
fn queries() -> Vec<String> {
    let codes: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.code()).collect();
    let mut queries: Vec<String> = codes.iter().map(|c| c.to_string()).collect();
    for (i, code) in codes.iter().enumerate().step_by(10) {
        queries.push(match i % 3 {
            0 => code.to_lowercase(),
            1 => code.replacen("CTS", "APIGW", 1),
            _ => format!("{code}9"),
        });
    }
    // A fixed xorshift shuffle: the same order in every run.
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    for i in (1..queries.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        queries.swap(i, (state % (i as u64 + 1)) as usize);
    }
    queries
}

fn bench(c: &mut Criterion) {
    let codes: Vec<&'static str> = ErrorCode::ALL.iter().map(|c| c.code()).collect();
    let hash: HashMap<&str, usize> = codes.iter().enumerate().map(|(i, c)| (*c, i)).collect();
    let fx: FxHashMap<&str, usize> = codes.iter().enumerate().map(|(i, c)| (*c, i)).collect();
    let sorted = codes.clone(); // ALL is sorted by code
    let queries = queries();
    let queries: Vec<&str> = queries.iter().map(String::as_str).collect();
    // Every alternative must agree with from_code before it is timed.
    for q in &queries {
        let want = ErrorCode::from_code(q).map(|c| codes.iter().position(|x| *x == c.code()).unwrap());
        assert_eq!(PHF.get(q).copied(), want);
        assert_eq!(by_match(q), want);
        assert_eq!(hash.get(q).copied(), want);
        assert_eq!(fx.get(q).copied(), want);
        assert_eq!(sorted.binary_search(q).ok(), want);
    }
    let mut group = c.benchmark_group(format!("lookup/{} codes", codes.len()));
    group.throughput(Throughput::Elements(queries.len() as u64));
    group.bench_function("ErrorCode::from_code", |b| {
        b.iter(|| queries.iter().filter(|q| ErrorCode::from_code(black_box(q)).is_some()).count())
    });
    group.bench_function("phf::Map", |b| b.iter(|| queries.iter().filter(|q| PHF.get(black_box(*q)).is_some()).count()));
    group.bench_function("match", |b| b.iter(|| queries.iter().filter(|q| by_match(black_box(q)).is_some()).count()));
    group.bench_function("std HashMap", |b| b.iter(|| queries.iter().filter(|q| hash.get(black_box(*q)).is_some()).count()));
    group.bench_function("FxHashMap", |b| b.iter(|| queries.iter().filter(|q| fx.get(black_box(*q)).is_some()).count()));
    group.bench_function("binary search", |b| {
        b.iter(|| queries.iter().filter(|q| sorted.binary_search(black_box(q)).is_ok()).count())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
