//! The reader against docutils: the tables docutils finds in `../shared/` (its own output is
//! stored beside each input) and the tables we find must be the same.

use crate::page::reader::{read_tables, TableErrorKind};
use crate::page::source::split_lines;
use serde_json::Value;
use std::path::Path;

/// docutils' cell text with each paragraph on one line, as our reader gives it (design.md §2).
fn one_line_paragraphs(text: &str) -> String {
    text.split("\n\n")
        .map(|p| p.replace('\n', " "))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Differences between docutils' tables for one file and ours, as readable lines.
fn compare(rst: &Path, expected: &Value) -> (usize, usize, Vec<String>) {
    let bytes = std::fs::read(rst).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    let found = read_tables(&split_lines(&text));
    let file = &expected["files"][0];
    let name = rst.file_name().unwrap().to_string_lossy().to_string();
    let mut diffs = Vec::new();
    // Tables nested in cells are not read (yet); compare the top-level ones.
    let want: Vec<&Value> = file["tables"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["kind"] == "grid" && t["depth"] == 0)
        .collect();
    let mut agree = 0;
    for (i, t) in want.iter().enumerate() {
        let Some(ours) = found.tables.get(i) else {
            diffs.push(format!(
                "{name}: table {i} (line {}) not found",
                t["source_line"]
            ));
            continue;
        };
        let mut table_diffs = Vec::new();
        let line = t["source_line"].as_u64().unwrap() as usize;
        if ours.line != line {
            table_diffs.push(format!("source_line {} != {line}", ours.line));
        }
        if ours.header_rows as u64 != t["header_rows"].as_u64().unwrap() {
            table_diffs.push(format!(
                "header_rows {} != {}",
                ours.header_rows, t["header_rows"]
            ));
        }
        if ours.cols as u64 != t["cols"].as_u64().unwrap() {
            table_diffs.push(format!("cols {} != {}", ours.cols, t["cols"]));
        }
        let rows = t["rows"].as_array().unwrap();
        if rows.len() != ours.rows.len() {
            table_diffs.push(format!("{} rows != {}", ours.rows.len(), rows.len()));
        }
        for (r, (want_row, our_row)) in rows.iter().zip(&ours.rows).enumerate() {
            let want_row = want_row.as_array().unwrap();
            if want_row.len() != our_row.len() {
                table_diffs.push(format!(
                    "row {r}: {} cells != {}",
                    our_row.len(),
                    want_row.len()
                ));
                continue;
            }
            for (w, o) in want_row.iter().zip(our_row) {
                let text = one_line_paragraphs(w["text"].as_str().unwrap());
                let same = o.col as u64 == w["col"].as_u64().unwrap()
                    && o.morerows as u64 == w["morerows"].as_u64().unwrap()
                    && o.morecols as u64 == w["morecols"].as_u64().unwrap()
                    && o.text == text;
                if !same {
                    table_diffs.push(format!(
                        "row {r} col {}: ours ({}, +{}r, +{}c) {:?}; docutils ({}, +{}r, +{}c) {:?}",
                        o.col, o.col, o.morerows, o.morecols, o.text, w["col"], w["morerows"], w["morecols"], text
                    ));
                }
            }
        }
        if table_diffs.is_empty() {
            agree += 1;
        } else {
            diffs.push(format!(
                "{name}: table at line {line}: {}",
                table_diffs.join("; ")
            ));
        }
    }
    if found.tables.len() > want.len() {
        diffs.push(format!(
            "{name}: {} tables found, docutils has {}",
            found.tables.len(),
            want.len()
        ));
    }
    // Malformed tables: the lines of docutils' `Malformed table.` messages against ours.
    let malformed_want: Vec<u64> = file["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["text"].as_str().unwrap().starts_with("Malformed table."))
        .map(|m| m["line"].as_u64().unwrap())
        .collect();
    let malformed_ours: Vec<u64> = found
        .errors
        .iter()
        .filter(|e| {
            matches!(
                e.kind,
                TableErrorKind::BottomBorder
                    | TableErrorKind::RightBorder { .. }
                    | TableErrorKind::ParseIncomplete
                    | TableErrorKind::MultipleSeparators { .. }
            )
        })
        .map(|e| e.docutils_line as u64)
        .collect();
    if malformed_want != malformed_ours {
        diffs.push(format!(
            "{name}: malformed tables at lines {malformed_ours:?}, docutils {malformed_want:?}"
        ));
    }
    (agree, want.len().max(found.tables.len()), diffs)
}

/// Where we knowingly read cell text differently from docutils (table structure agrees in all
/// of them). Each stays listed only while it still differs: the test fails once it agrees.
const KNOWN_DIFFERENCES: &[(&str, &str)] = &[
    (
        "007.rst",
        "a `|` line block inside a cell: docutils keeps its line breaks",
    ),
    (
        "029.rst",
        "a grid table nested inside a cell: its text is read as a paragraph",
    ),
    (
        "049.rst",
        "tables nested inside cells: their text is read as paragraphs",
    ),
    (
        "031.rst",
        "the `include` directive in a cell: docutils reads the other file",
    ),
    (
        "032.rst",
        "the `include` directive in a cell: docutils reads the other file",
    ),
];

fn run(pairs: Vec<(std::path::PathBuf, std::path::PathBuf)>, what: &str) {
    let (mut agree, mut total, mut diffs) = (0, 0, Vec::new());
    for (rst, json) in &pairs {
        let expected: Value = serde_json::from_slice(&std::fs::read(json).unwrap()).unwrap();
        let (a, t, d) = compare(rst, &expected);
        agree += a;
        total += t;
        let name = rst.file_name().unwrap().to_string_lossy();
        match KNOWN_DIFFERENCES.iter().find(|(f, _)| *f == name) {
            Some((_, why)) if d.is_empty() => diffs.push(format!(
                "{name} agrees now; remove it from KNOWN_DIFFERENCES ({why})"
            )),
            Some((_, why)) => println!("known difference in {name}: {why}"),
            None => diffs.extend(d),
        }
    }
    println!(
        "{what}: tables agree: {agree}/{total} in {} files",
        pairs.len()
    );
    assert!(
        diffs.is_empty(),
        "{} differences from docutils:\n{}",
        diffs.len(),
        diffs.join("\n")
    );
}

#[test]
fn cts_pages_read_as_docutils_reads_them() {
    let Some(shared) = crate::shared::dir() else {
        return;
    };
    let mut pairs = Vec::new();
    for v in ["v1-2022-12", "v2-2023-08", "v3-2024-04", "v4-2025-11"] {
        pairs.push((
            shared.join(format!("corpus/cts/{v}.rst")),
            shared.join(format!("corpus/expected/cts/{v}.json")),
        ));
    }
    run(pairs, "cts pages");
}

#[test]
fn docutils_cases_read_as_docutils_reads_them() {
    let Some(shared) = crate::shared::dir() else {
        return;
    };
    let dir = shared.join("docutils-cases");
    let mut pairs: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rst"))
        .map(|p| (p.clone(), p.with_extension("expected.json")))
        // `include2.rst` is not a case: another case includes it.
        .filter(|(_, json)| json.exists())
        .collect();
    pairs.sort();
    run(pairs, "docutils cases");
}

#[test]
fn other_services_pages_read_as_docutils_reads_them() {
    let Some(shared) = crate::shared::dir() else {
        return;
    };
    let dir = shared.join("corpus/otc");
    let mut pairs: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            let json = format!("{}.json", name.strip_suffix(".rst").unwrap());
            (p.clone(), shared.join("corpus/expected/otc").join(json))
        })
        .collect();
    pairs.sort();
    run(pairs, "other services' pages");
}
