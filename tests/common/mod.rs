//! Access to `../shared/` (the corpus and docutils' cases), read in place; shared by the test
//! crates.

use std::path::PathBuf;

/// `../shared/` beside the project. Missing, it fails the test under CI (`CI` set) and skips it
/// with a notice elsewhere, so a fresh clone without it still passes.
pub fn dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if dir.join("corpus").is_dir() {
        return Some(dir);
    }
    if std::env::var_os("CI").is_some() {
        panic!(
            "{} is missing, and CI is set: the corpus tests cannot run",
            dir.display()
        );
    }
    eprintln!(
        "notice: {} is missing; skipping the tests that read it",
        dir.display()
    );
    None
}

/// A CTS-style page of `n` codes, each with its own message, description and solution (the
/// shape of tools/synthetic_page.py, which the shell scripts use).
#[allow(dead_code)] // For tests/codegen.rs and benches/reader.rs.
pub fn synthetic_page(n: usize) -> String {
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
