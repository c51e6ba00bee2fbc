//! Every real page of `../shared/corpus/` through the whole doc model. Pages of other services
//! hold things the CTS model rejects on purpose (a code with two statuses, `400/404`, codes with
//! spaces); what matters is that no page panics, that the outcome of each is pinned in
//! `tests/corpus-outcomes.txt` (entries, or reports with their positions), and that every report
//! is a true statement about the page: checked here against the page's own lines.

use crate::page::{read_page, resolve, Codes, Diagnostic};
use std::path::{Path, PathBuf};

const OUTCOMES: &str = "tests/corpus-outcomes.txt";

fn pages(shared: &Path) -> Vec<PathBuf> {
    let mut pages = Vec::new();
    for dir in ["corpus/cts", "corpus/otc"] {
        for entry in std::fs::read_dir(shared.join(dir)).unwrap() {
            pages.push(entry.unwrap().path());
        }
    }
    pages.sort();
    pages
}

/// The text between the first pair of backticks of a message.
fn quoted(message: &str) -> Option<&str> {
    let start = message.find('`')? + 1;
    let end = start + message[start..].find('`')?;
    Some(&message[start..end])
}

/// Check one report against the page's lines; `Err` says what is untrue about it.
fn check_report(d: &Diagnostic, lines: &[&str]) -> Result<(), String> {
    let Some(line) = d.line else { return Ok(()) };
    let text = lines
        .get(line - 1)
        .ok_or("points past the end of the page")?;
    let at: String = text.chars().skip(d.column as usize - 1).collect();
    let m = d.message.as_str();
    if m.starts_with("status `") || m.starts_with("error code `") {
        // The value is quoted with Rust escapes; its first line is at the spot.
        let value = quoted(m).unwrap();
        let first = value.split("\\n").next().unwrap();
        if !at.starts_with(first.trim_end()) && !m.contains("white space") {
            return Err(format!("`{first}` is not at the spot: {at:?}"));
        }
    }
    if m.contains("is listed twice, at lines") {
        let code = quoted(m).unwrap();
        let numbers: Vec<usize> = m
            .split("lines ")
            .nth(1)
            .unwrap()
            .split(|c: char| !c.is_ascii_digit())
            .filter_map(|n| n.parse().ok())
            .take(2)
            .collect();
        for n in numbers {
            if !lines[n - 1].contains(code) {
                return Err(format!("line {n} does not hold {code}"));
            }
        }
    }
    let empty = [
        "empty error code",
        "empty error message",
        "empty HTTP status",
    ]
    .contains(&m);
    if empty && !at.trim_start_matches(' ').starts_with(['|', '+']) && !at.starts_with("  ") {
        return Err(format!("the spot is not an empty cell: {at:?}"));
    }
    if m.starts_with("malformed table") && !text.trim_start().starts_with(['+', '|']) {
        return Err("a malformed-table report not on a table line".into());
    }
    Ok(())
}

fn outcome(name: &str, codes: &Codes) -> String {
    let errors: Vec<&Diagnostic> = codes
        .page
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .collect();
    if errors.is_empty() {
        return format!("{name}: {} entries\n", codes.variants.len());
    }
    let mut out = String::new();
    for d in errors {
        let at = d
            .line
            .map_or(String::new(), |l| format!("{l}:{}", d.column));
        out.push_str(&format!("{name}: {at}: {}\n", d.message));
    }
    out
}

#[test]
fn every_corpus_page_gives_its_pinned_outcome_and_true_reports() {
    let Some(shared) = crate::shared::dir() else {
        return;
    };
    let mut all = String::new();
    let mut untrue = Vec::new();
    for path in pages(&shared) {
        let name = format!(
            "{}/{}",
            path.parent()
                .unwrap()
                .file_name()
                .unwrap()
                .to_string_lossy(),
            path.file_name().unwrap().to_string_lossy()
        );
        let bytes = std::fs::read(&path).unwrap();
        let codes = resolve(read_page(&bytes), "");
        let text = String::from_utf8_lossy(&bytes);
        let lines: Vec<&str> = text.lines().collect();
        for d in &codes.page.diagnostics {
            if let Err(why) = check_report(d, &lines) {
                untrue.push(format!("{name}: {}: {why}", d.headline("page")));
            }
        }
        all.push_str(&outcome(&name, &codes));
    }
    assert!(
        untrue.is_empty(),
        "reports that are not true of their page:\n{}",
        untrue.join("\n")
    );
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(OUTCOMES);
    let pinned = std::fs::read_to_string(&path).unwrap_or_default();
    if pinned != all {
        if std::env::var_os("BLESS").is_some_and(|v| v != "0") {
            std::fs::write(&path, &all).unwrap();
            return;
        }
        let diff: Vec<String> = all
            .lines()
            .filter(|l| !pinned.lines().any(|p| p == *l))
            .map(|l| format!("+ {l}"))
            .chain(
                pinned
                    .lines()
                    .filter(|p| !all.lines().any(|l| l == *p))
                    .map(|p| format!("- {p}")),
            )
            .collect();
        panic!("the corpus outcomes changed ({OUTCOMES}):\n{}\nIf that is right: BLESS=1 cargo test --all-features", diff.join("\n"));
    }
}
