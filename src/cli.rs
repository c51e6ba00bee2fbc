//! `cts-error-codes`: explain a CTS error code, list the codes this build knows, check or preview
//! a new version of the documentation page, and show the grid tables the reader finds.
//!
//! Built with `--features cli`. Results go to stdout, reports to stderr. Exit status: 0 success;
//! 1 an unknown code (`explain`) or a page that disagrees with this build (`check`); 2 a page
//! that cannot be read or is malformed, or a usage error.

use clap::{Parser, Subcommand};
use cts_error_codes::ErrorCode;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

// The one reader and doc model of the project, as the build script uses it.
#[allow(dead_code)]
#[path = "page/mod.rs"]
mod page;

use page::{lock, reader, source, text, Pin};

const EXIT_CODES: &str = "\
Exit status:
  0  success
  1  explain: unknown error code; check: the page and this build disagree
  2  the page cannot be read or is malformed; usage error";

#[derive(Parser)]
#[command(name = "cts-error-codes", version, about = "The error codes of the Cloud Trace Service (CTS) API, from its documentation", after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Explain an error code, like `rustc --explain`: status, message, description, solution.
    #[command(after_help = EXIT_CODES)]
    Explain {
        /// The code as the API returns it (`CTS.0214`), or its number (`0214`).
        code: String,
    },
    /// List every code this build knows.
    #[command(after_help = EXIT_CODES)]
    List {
        /// Only the codes with this HTTP status.
        #[arg(long)]
        status: Option<u16>,
        /// One JSON array, sorted by code.
        #[arg(long)]
        json: bool,
    },
    /// Compare a version of the "Error Codes" page with the codes compiled into this build.
    #[command(after_help = EXIT_CODES)]
    Check {
        page: PathBuf,
        /// The differences as one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// What the build would generate from a page, without building.
    #[command(after_help = EXIT_CODES)]
    Parse {
        page: PathBuf,
        /// The entries as a JSON array (the shape of `list --json`).
        #[arg(long)]
        json: bool,
    },
    /// The grid tables the reader finds in pages, for debugging a page.
    #[command(after_help = EXIT_CODES)]
    Tables {
        #[arg(required = true)]
        pages: Vec<PathBuf>,
        /// docutils' schema (as `shared/oracle/dump_tables.py` prints it).
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let status = match cli.command {
        Command::Explain { code } => explain(&code),
        Command::List { status, json } => list(status, json),
        Command::Check { page, json } => check(&page, json),
        Command::Parse { page, json } => parse(&page, json),
        Command::Tables { pages, json } => tables(&pages, json),
    };
    ExitCode::from(status)
}

/// The compiled-in codes, documented and retired, as lock pins.
fn compiled_pins() -> Vec<Pin> {
    ErrorCode::ALL
        .iter()
        .chain(ErrorCode::RETIRED)
        .map(|&c| Pin {
            code: c.code().to_string(),
            status: c.status(),
            name: format!("{c:?}"),
            retired: c.is_retired(),
            message: c.message().to_string(),
            line: 0,
        })
        .collect()
}

fn code_json(c: ErrorCode) -> Value {
    json!({
        "code": c.code(),
        "status": c.status(),
        "name": format!("{c:?}"),
        "message": c.message(),
        "description": c.description(),
        "solution": c.solution(),
        "retired": c.is_retired(),
    })
}

fn print_json(value: &Value) {
    println!(
        "{}",
        serde_json::to_string_pretty(value).expect("JSON values always serialize")
    );
}

fn all_codes() -> impl Iterator<Item = ErrorCode> {
    let mut all: Vec<ErrorCode> = ErrorCode::ALL
        .iter()
        .chain(ErrorCode::RETIRED)
        .copied()
        .collect();
    all.sort();
    all.into_iter()
}

fn explain(query: &str) -> u8 {
    let found = ErrorCode::from_code(query).or_else(|| {
        // A bare number: the code whose part after the prefix it is, when only one is.
        let mut matches =
            all_codes().filter(|c| c.code().rsplit_once('.').is_some_and(|(_, n)| n == query));
        let first = matches.next()?;
        matches.next().is_none().then_some(first)
    });
    let Some(code) = found else {
        eprintln!("error: unknown error code `{query}`");
        let closest = closest_codes(query);
        if !closest.is_empty() {
            eprintln!("help: the closest known codes are {}", closest.join(", "));
        }
        return 1;
    };
    println!("{}: {}", code.code(), code.message());
    println!();
    println!("HTTP status:  {}", code.status());
    println!("Variant:      ErrorCode::{code:?}");
    if code.is_retired() {
        println!("Retired:      yes: the page no longer documents this code; this is its last documented message");
    }
    if !code.description().is_empty() {
        println!();
        println!("Description:  {}", code.description());
    }
    if !code.solution().is_empty() {
        println!();
        println!("Solution:     {}", code.solution());
    }
    0
}

/// The known codes nearest to `query` by edit distance (case-insensitive), at most three.
fn closest_codes(query: &str) -> Vec<String> {
    let query = query.to_ascii_uppercase();
    let mut scored: Vec<(usize, &str)> = all_codes()
        .map(|c| {
            (
                edit_distance(&query, &c.code().to_ascii_uppercase()),
                c.code(),
            )
        })
        .collect();
    scored.sort();
    let best = scored.first().map_or(0, |s| s.0);
    scored
        .into_iter()
        .take_while(|(d, _)| *d <= best.max(1) + 1)
        .take(3)
        .map(|(_, c)| format!("`{c}`"))
        .collect()
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(previous + 1);
        }
    }
    row[b.len()]
}

fn list(status: Option<u16>, as_json: bool) -> u8 {
    let codes: Vec<ErrorCode> = all_codes()
        .filter(|c| status.is_none_or(|s| c.status() == s))
        .collect();
    if as_json {
        print_json(&Value::Array(codes.into_iter().map(code_json).collect()));
        return 0;
    }
    let names: Vec<String> = codes.iter().map(|c| format!("{c:?}")).collect();
    let width = names.iter().map(String::len).max().unwrap_or(0);
    for (c, name) in codes.iter().zip(&names) {
        let retired = if c.is_retired() { " (retired)" } else { "" };
        println!(
            "{}  {}  {name:width$}  {}{retired}",
            c.code(),
            c.status(),
            c.message()
        );
    }
    0
}

/// A page read and resolved against the compiled-in codes, or exit status 2 with its reports.
fn read_against_build(path: &Path) -> Result<page::Codes, u8> {
    let shown = path.display().to_string();
    let read = page::read_file(path);
    // The page's own warnings (a code listed twice, a column not read); a code the build does
    // not know is what `check` reports, not a warning.
    for d in read.diagnostics.iter().filter(|d| !d.is_error()) {
        eprintln!("{}", d.render(&shown, &read.source));
    }
    let codes = page::resolve_with_pins(read, compiled_pins());
    if codes.has_errors() {
        let errors: Vec<_> = codes
            .page
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .collect();
        for d in &errors {
            eprintln!("{}", d.render(&shown, &codes.page.source));
        }
        eprintln!(
            "error: {shown} has {} error{}",
            errors.len(),
            if errors.len() == 1 { "" } else { "s" }
        );
        return Err(2);
    }
    Ok(codes)
}

fn check(path: &Path, as_json: bool) -> u8 {
    let codes = match read_against_build(path) {
        Ok(codes) => codes,
        Err(status) => return status,
    };
    let report = lock::agreement(&codes.variants, &codes.pins);
    if as_json {
        let pairs = |v: &[(String, String)]| -> Vec<Value> {
            v.iter()
                .map(|(c, n)| json!({"code": c, "name": n}))
                .collect()
        };
        print_json(&json!({
            "agree": report.is_empty(),
            "added": pairs(&report.added),
            "retired": pairs(&report.retired),
            "returned": pairs(&report.returned),
            "status_changed": report.status_changed.iter().map(|(c, a, b)| json!({"code": c, "old": a, "new": b})).collect::<Vec<_>>(),
            "reworded": report.reworded.iter().map(|(c, a, b)| json!({"code": c, "old": a, "new": b})).collect::<Vec<_>>(),
        }));
    } else if report.is_empty() {
        println!(
            "{} agrees with the {} codes of this build",
            path.display(),
            ErrorCode::ALL.len()
        );
    } else {
        let accept = "To take this page into the crate: copy it to codes/ErrorCode.rst, then run\n\
                      `BLESS=1 cargo test` and review the diff of codes/ErrorCode.lock.\n";
        print!(
            "{}",
            report.render(&path.display().to_string(), "this build", accept)
        );
    }
    u8::from(!report.is_empty())
}

fn parse(path: &Path, as_json: bool) -> u8 {
    let codes = match read_against_build(path) {
        Ok(codes) => codes,
        Err(status) => return status,
    };
    let entries: Vec<&page::Variant> = codes
        .variants
        .iter()
        .filter(|v| v.state != page::State::Retired)
        .collect();
    if as_json {
        let list = entries
            .iter()
            .map(|v| {
                json!({
                    "code": v.entry.code,
                    "status": v.entry.status,
                    "name": v.name,
                    "message": v.entry.message,
                    "description": v.entry.description,
                    "solution": v.entry.solution,
                    "retired": false,
                })
            })
            .collect();
        print_json(&Value::Array(list));
    } else {
        let width = entries.iter().map(|v| v.name.len()).max().unwrap_or(0);
        for v in &entries {
            println!(
                "{}  {}  {:width$}  {}",
                v.entry.code, v.entry.status, v.name, v.entry.message
            );
        }
    }
    0
}

fn tables(paths: &[PathBuf], as_json: bool) -> u8 {
    let mut files = Vec::new();
    let mut status = 0;
    for path in paths {
        let shown = path.display().to_string();
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) => {
                eprintln!("{shown}: error: cannot read the page: {e}");
                status = 2;
                continue;
            }
        };
        let source = source::split_lines(&String::from_utf8_lossy(&bytes));
        let found = reader::read_tables(&source);
        if as_json {
            files.push(json!({
                "file": shown,
                "tables": found.tables.iter().map(table_json).collect::<Vec<_>>(),
                "messages": found.errors.iter().map(|e| json!({"line": e.docutils_line, "text": e.kind.docutils_text()})).collect::<Vec<_>>(),
            }));
            continue;
        }
        println!(
            "{shown}: {} grid table{}",
            found.tables.len(),
            if found.tables.len() == 1 { "" } else { "s" }
        );
        for t in &found.tables {
            println!(
                "  line {}: {} columns, {} rows ({} header)",
                t.line,
                t.cols,
                t.rows.len(),
                t.header_rows
            );
            for (r, row) in t.rows.iter().enumerate() {
                let cells: Vec<String> = row
                    .iter()
                    .map(|c| {
                        let span = match (c.morerows, c.morecols) {
                            (0, 0) => String::new(),
                            (r, c) => format!(" [+{r} rows, +{c} cols]"),
                        };
                        format!("{:?}{span}", c.text)
                    })
                    .collect();
                println!("    {r}: {}", cells.join(" | "));
            }
        }
        for e in &found.errors {
            println!(
                "  line {}: {}",
                e.line,
                e.kind.docutils_text().replace('\n', " ")
            );
        }
    }
    if as_json {
        print_json(&json!({ "files": files }));
    }
    status
}

fn table_json(t: &reader::Table) -> Value {
    json!({
        "source_line": t.line,
        "header_rows": t.header_rows,
        "cols": t.cols,
        "colwidths": t.colwidths,
        "rows": t.rows.iter().map(|row| row.iter().map(|c| json!({
            "text": if c.text.is_empty() { String::new() } else { text::docutils_text(&c.lines) },
            "morerows": c.morerows,
            "morecols": c.morecols,
            "col": c.col,
        })).collect::<Vec<_>>()).collect::<Vec<_>>(),
    })
}
