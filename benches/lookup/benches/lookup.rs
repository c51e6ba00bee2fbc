//! `ErrorCode::from_code` against `phf::Map` (phf_codegen), `match` on `&str`, std `HashMap`,
//! `FxHashMap` and binary search over a sorted slice, all built from the same codes, on the same
//! queries, in three groups:
//!
//! - `mix`: every code in shuffled order plus 10% misses (wrong case, another prefix, an extra
//!   digit, an unknown number of the same shape);
//! - `hits`: every code in shuffled order;
//! - `misses`: one miss of those kinds for every code, shuffled.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use cts_error_codes::ErrorCode;
use cts_error_codes_lookup_bench::{by_match, miss, shuffled, PHF};
use rustc_hash::FxHashMap;
use std::collections::HashMap;
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let codes: Vec<&'static str> = ErrorCode::ALL.iter().map(|c| c.code()).collect();
    let hash: HashMap<&str, usize> = codes.iter().enumerate().map(|(i, c)| (*c, i)).collect();
    let fx: FxHashMap<&str, usize> = codes.iter().enumerate().map(|(i, c)| (*c, i)).collect();
    let sorted = codes.clone(); // ALL is sorted by code
    let hits: Vec<String> = codes.iter().map(|c| c.to_string()).collect();
    let misses: Vec<String> = codes.iter().enumerate().map(|(i, c)| miss(c, i)).collect();
    // One miss for every ten codes, of each kind in turn.
    let mix: Vec<String> = hits
        .iter()
        .cloned()
        .chain(codes.iter().step_by(10).enumerate().map(|(i, c)| miss(c, i)))
        .collect();
    for (name, queries) in [
        ("mix", shuffled(mix)),
        ("hits", shuffled(hits)),
        ("misses", shuffled(misses)),
    ] {
        let queries: Vec<&str> = queries.iter().map(String::as_str).collect();
        // Every alternative must agree with from_code before it is timed, and the discriminant
        // must be the index the others give, so that every sum below adds the same numbers.
        for q in &queries {
            let want = codes.iter().position(|c| c == q);
            assert_eq!(ErrorCode::from_code(q).map(|c| c as usize), want);
            assert_eq!(PHF.get(q).copied(), want);
            assert_eq!(by_match(q), want);
            assert_eq!(hash.get(q).copied(), want);
            assert_eq!(fx.get(q).copied(), want);
            assert_eq!(sorted.binary_search(q).ok(), want);
        }
        let mut group = c.benchmark_group(format!("lookup/{} codes/{name}", codes.len()));
        group.throughput(Throughput::Elements(queries.len() as u64));
        // Each alternative sums the indexes it finds, so the value is read as a caller would read it.
        group.bench_function("ErrorCode::from_code", |b| {
            b.iter(|| {
                queries
                    .iter()
                    .filter_map(|q| ErrorCode::from_code(black_box(q)))
                    .map(|c| c as usize)
                    .sum::<usize>()
            })
        });
        group.bench_function("phf::Map", |b| {
            b.iter(|| {
                queries
                    .iter()
                    .filter_map(|q| PHF.get(black_box(*q)))
                    .sum::<usize>()
            })
        });
        group.bench_function("match", |b| {
            b.iter(|| {
                queries
                    .iter()
                    .filter_map(|q| by_match(black_box(q)))
                    .sum::<usize>()
            })
        });
        group.bench_function("std HashMap", |b| {
            b.iter(|| {
                queries
                    .iter()
                    .filter_map(|q| hash.get(black_box(*q)))
                    .sum::<usize>()
            })
        });
        group.bench_function("FxHashMap", |b| {
            b.iter(|| {
                queries
                    .iter()
                    .filter_map(|q| fx.get(black_box(*q)))
                    .sum::<usize>()
            })
        });
        group.bench_function("binary search", |b| {
            b.iter(|| {
                queries
                    .iter()
                    .filter_map(|q| sorted.binary_search(black_box(q)).ok())
                    .sum::<usize>()
            })
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
