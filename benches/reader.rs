//! The reader's throughput: the vendored page, the largest page of the corpus, synthetic pages of
//! 100, 1,000 and 10,000 codes (to see that time grows linearly), and adversarial input of 1 MB
//! and 10 MB (long border lines, `+` everywhere, deep indentation). `benches/run.sh` runs this
//! next to docutils on the same files.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::path::Path;

// Benches are compiled with `cfg(test)`: the reader's unit tests come along unused.
#[allow(dead_code, unused_imports)]
#[path = "../src/page/mod.rs"]
mod page;

/// A CTS-style page of `n` codes (the same shape as tools/synthetic_page.py).
fn synthetic(n: usize) -> String {
    let header = [
        "Status Code",
        "Error Code",
        "Error Message",
        "Description",
        "Solution",
    ];
    let rows: Vec<[String; 5]> = (0..n)
        .map(|i| {
            let code = format!("CTS.{i:05}");
            [
                (400 + i % 100).to_string(),
                code.clone(),
                format!("The tracker number {i} does not exist."),
                format!("Description of {code}."),
                format!("Solution for {code}."),
            ]
        })
        .collect();
    let widths: Vec<usize> = (0..5)
        .map(|c| {
            rows.iter()
                .map(|r| r[c].len())
                .chain([header[c].len()])
                .max()
                .unwrap()
                + 2
        })
        .collect();
    let border = |fill: &str| {
        let parts: Vec<String> = widths.iter().map(|&w| fill.repeat(w)).collect();
        format!("+{}+\n", parts.join("+"))
    };
    let line = |cells: &[&str]| {
        let parts: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, &w)| format!(" {c:<0$}", w - 1))
            .collect();
        format!("|{}|\n", parts.join("|"))
    };
    let mut out = String::from("Error Codes\n===========\n\n");
    out.push_str(&border("-"));
    out.push_str(&line(&header));
    out.push_str(&border("="));
    for r in &rows {
        out.push_str(&line(&[&r[0], &r[1], &r[2], &r[3], &r[4]]));
        out.push_str(&border("-"));
    }
    out
}

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
    let mut inputs: Vec<(String, String)> = vec![(
        "vendored page".into(),
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("codes/ErrorCode.rst"))
            .unwrap(),
    )];
    let largest = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/otc/modelarts__api-ref_source_common_parameters_error_codes.rst__8b3f2b96.rst");
    if let Ok(text) = std::fs::read_to_string(largest) {
        inputs.push(("largest corpus page".into(), text));
    }
    // benches/run.sh writes these pages for docutils too, so both read the same bytes.
    let pages = std::env::var_os("CTS_BENCH_PAGES");
    for n in [100, 1_000, 10_000] {
        let file = pages
            .as_ref()
            .map(|d| Path::new(d).join(format!("synthetic-{n}.rst")));
        let text = file
            .and_then(|f| std::fs::read_to_string(f).ok())
            .unwrap_or_else(|| synthetic(n));
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
