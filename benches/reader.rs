//! The reader's throughput: the vendored page (once, 10 and 100 times over), the largest page of
//! the corpus, synthetic pages of
//! 100, 1,000 and 10,000 codes (to see that time grows linearly), and adversarial input of 1 MB
//! and 10 MB (long border lines, `+` everywhere, deep indentation). `benches/run.sh` runs this
//! next to docutils on the same files.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::path::Path;

// Benches are compiled with `cfg(test)`: the reader's unit tests come along unused.
#[allow(dead_code, unused_imports)]
#[path = "../src/page/mod.rs"]
mod page;

#[allow(dead_code)]
#[path = "../tests/common/mod.rs"]
mod common;

/// Adversarial input of about `size` bytes.
fn adversarial(kind: &str, size: usize) -> String {
    let mut out = String::with_capacity(size + 10_000);
    match kind {
        // Tables whose borders are 9,999 characters of `+-+-...` with one-character cells.
        "long-lines" => {
            let border = format!("{}+", "+-".repeat(4999));
            let cells = format!("{}|", "| ".repeat(4999));
            while out.len() < size {
                out.push_str(&format!("{border}\n{cells}\n{border}\n\n"));
            }
        }
        // Lines of `+` only and broken tables: every corner is a candidate.
        "plus" => {
            let plus = "+".repeat(200);
            while out.len() < size {
                out.push_str(&format!("+---+\n{plus}\n| x |\n{plus}\n\n"));
            }
        }
        // A table border at each of 2,000 indentation levels, again and again.
        _ => {
            let mut level = 0;
            while out.len() < size {
                let pad = " ".repeat(level % 2000);
                out.push_str(&format!("{pad}+---+\n{pad}| a |\n{pad}+---+\n\n"));
                level += 1;
            }
        }
    }
    out
}

fn read(text: &str) -> usize {
    let found = page::reader::read_tables(&page::source::split_lines(text));
    found.tables.len() + found.errors.len()
}

fn bench(c: &mut Criterion) {
    let vendored =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("codes/ErrorCode.rst"))
            .unwrap();
    // The page, and 10 and 100 copies of it one after the other: time should grow tenfold.
    let mut inputs: Vec<(String, String)> = vec![
        ("vendored page".into(), vendored.clone()),
        ("vendored page x10".into(), vendored.repeat(10)),
        ("vendored page x100".into(), vendored.repeat(100)),
    ];
    let largest = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/otc/modelarts__api-ref_source_common_parameters_error_codes.rst__8b3f2b96.rst");
    if let Ok(text) = std::fs::read_to_string(largest) {
        inputs.push(("largest corpus page".into(), text));
    }
    // benches/run.sh writes these pages for docutils too, so both read the same bytes.
    let pages = std::env::var_os("CTS_BENCH_PAGES");
    for n in [100, 1_000, 10_000, 100_000] {
        let file = pages
            .as_ref()
            .map(|d| Path::new(d).join(format!("synthetic-{n}.rst")));
        let text = file
            .and_then(|f| std::fs::read_to_string(f).ok())
            .unwrap_or_else(|| common::synthetic_page(n));
        inputs.push((format!("synthetic {n} codes"), text));
    }
    for kind in ["long-lines", "plus", "deep-indent"] {
        for mb in [1, 10] {
            inputs.push((format!("{kind} {mb} MB"), adversarial(kind, mb << 20)));
        }
    }
    let mut group = c.benchmark_group("reader");
    group.sample_size(10);
    for (name, text) in &inputs {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), text, |b, text| {
            b.iter(|| read(text))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
