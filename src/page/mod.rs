//! Reading the CTS "Error Codes" page: the one reader and doc model of the project.
//!
//! `build.rs` compiles these files into the build script (through `#[path]`), and the tests
//! compile the same files; nothing here depends on anything but `std`.
//!
//! The flow: bytes → [`source`] (lines as docutils normalises them) → [`reader`] (grid tables,
//! cells, spans, positions) → [`model`] (one checked entry per code) → [`naming`] (variant
//! names). Every problem found on the way becomes a [`Diagnostic`].

pub mod diagnostic;
pub mod model;
pub mod naming;
pub mod reader;
pub mod source;
pub mod text;
// Written by tools/unicode_tables.py; kept byte for byte as the script prints it.
#[rustfmt::skip]
mod unicode;

pub use diagnostic::Diagnostic;
pub use model::Entry;
use source::Source;
use std::path::Path;

/// An entry with the name of its enum variant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Named {
    pub entry: Entry,
    pub name: String,
}

/// Everything read from a page: the entries (meaningful only without errors) and every report.
#[derive(Clone, Debug, Default)]
pub struct Page {
    pub source: Source,
    pub entries: Vec<Named>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Page {
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| !d.is_error())
    }

    pub fn has_errors(&self) -> bool {
        self.errors().next().is_some()
    }

    /// Every report, in page order, as rustc would print them, `path` naming the file.
    pub fn render(&self, path: &str) -> String {
        self.diagnostics
            .iter()
            .map(|d| d.render(path, &self.source))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Read the page at `path`. A file that is missing or unreadable is a report like any other.
pub fn read_file(path: &Path) -> Page {
    match std::fs::read(path) {
        Ok(bytes) => read_page(&bytes),
        Err(e) => {
            let what = if e.kind() == std::io::ErrorKind::NotFound {
                "the error-code page is missing".to_string()
            } else {
                format!("cannot read the error-code page: {e}")
            };
            Page {
                diagnostics: vec![Diagnostic::file_error(what).help(
                    "put the CTS \"Error Codes\" page (reStructuredText, e.g. ErrorCode.rst from the \
                     CTS API reference) at this path",
                )],
                ..Page::default()
            }
        }
    }
}

/// Read a page from its bytes.
pub fn read_page(bytes: &[u8]) -> Page {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(_) => {
            let lossy = String::from_utf8_lossy(bytes);
            return Page {
                source: source::split_lines(&lossy),
                diagnostics: utf8_errors(bytes),
                entries: Vec::new(),
            };
        }
    };
    let source = source::split_lines(text);
    let tables = reader::read_tables(&source);
    let (entries, mut diagnostics) = model::entries(&tables);
    let pairs: Vec<(&str, &str)> = entries
        .iter()
        .map(|e| (e.code.as_str(), e.message.as_str()))
        .collect();
    let names = match naming::names(&pairs) {
        Ok(names) => names,
        Err(clashes) => {
            for group in clashes {
                let first = &entries[group[0]];
                let others: Vec<String> = group[1..]
                    .iter()
                    .map(|&i| format!("`{}` (line {})", entries[i].code, entries[i].line))
                    .collect();
                diagnostics.push(
                    Diagnostic::error(
                        first.line,
                        first.column,
                        format!(
                            "`{}` and {} would get the same variant name",
                            first.code,
                            others.join(", ")
                        ),
                    )
                    .width(first.code.chars().count())
                    .note("their messages have the same words, so the naming rule cannot tell them apart")
                    .help("make the messages differ, or give the codes their own names"),
                );
            }
            Vec::new()
        }
    };
    diagnostics.sort_by_key(|d| (d.line, d.column));
    let entries = entries
        .into_iter()
        .zip(names)
        .map(|(entry, name)| Named { entry, name })
        .collect();
    Page {
        source,
        entries,
        diagnostics,
    }
}

/// Every invalid UTF-8 sequence, at its line and column.
fn utf8_errors(bytes: &[u8]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let (mut line, mut column) = (1usize, 1u32);
    let mut after_cr = false;
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '\n' if after_cr => {}
                '\n' | '\r' => {
                    line += 1;
                    column = 1;
                }
                _ => column += 1,
            }
            after_cr = c == '\r';
        }
        let invalid = chunk.invalid();
        if !invalid.is_empty() {
            let hex: Vec<String> = invalid.iter().map(|b| format!("{b:02X}")).collect();
            out.push(
                Diagnostic::error(
                    line,
                    column,
                    format!("the page is not valid UTF-8: bytes {} here", hex.join(" ")),
                )
                .note("docutils reads pages as UTF-8, and so does this crate")
                .help("save the page as UTF-8 (e.g. `iconv -f WINDOWS-1252 -t UTF-8`)"),
            );
            column += 1;
            after_cr = false;
        }
    }
    out
}
