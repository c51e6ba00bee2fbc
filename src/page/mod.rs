pub mod diagnostic;
pub mod lock;
pub mod model;
pub mod naming;
pub mod reader;
pub mod source;
pub mod text;
// Written by tools/unicode_tables.py; kept byte for byte as the script prints it.
#[rustfmt::skip]
mod unicode;

pub use diagnostic::Diagnostic;
pub use lock::{Pin, State, Variant};
pub use model::Entry;
use source::Source;
use std::path::Path;

/// Everything read from a page: its entries (meaningful only without errors) and every report.
#[derive(Clone, Debug, Default)]
pub struct Page {
    pub source: Source,
    pub entries: Vec<Entry>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Page {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.is_error())
    }

    /// Every report, in page order, as rustc would print them, `path` naming the file.
    pub fn render(&self, path: &str) -> String {
        render(&self.diagnostics, path, &self.source)
    }
}

fn render(diagnostics: &[Diagnostic], path: &str, source: &Source) -> String {
    diagnostics
        .iter()
        .map(|d| d.render(path, source))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Read the page at `path`. A file that is missing or unreadable is a report like any other.
pub fn read_file(path: &Path) -> Page {
    match std::fs::read(path) {
        Ok(bytes) => read_page(&bytes),
        Err(e) => Page {
            diagnostics: vec![unreadable("the error-code page", &e).help(
                "put the CTS \"Error Codes\" page (reStructuredText, e.g. ErrorCode.rst from the \
                 CTS API reference) at this path",
            )],
            ..Page::default()
        },
    }
}

fn unreadable(what: &str, e: &std::io::Error) -> Diagnostic {
    if e.kind() == std::io::ErrorKind::NotFound {
        Diagnostic::file_error(format!("{what} is missing"))
    } else {
        Diagnostic::file_error(format!("cannot read {what}: {e}"))
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
    diagnostics.sort_by_key(|d| (d.line, d.column));
    Page {
        source,
        entries,
        diagnostics,
    }
}

/// The page and the lock together: what the build generates from.
#[derive(Clone, Debug, Default)]
pub struct Codes {
    pub page: Page,
    pub lock_source: Source,
    pub pins: Vec<Pin>,
    /// Reports about the lock file (positions in it).
    pub lock_diagnostics: Vec<Diagnostic>,
    /// Every variant, sorted by code; empty when there are errors.
    pub variants: Vec<Variant>,
}

impl Codes {
    pub fn has_errors(&self) -> bool {
        self.page.has_errors() || self.lock_diagnostics.iter().any(|d| d.is_error())
    }

    /// Every report about both files, as rustc would print them.
    pub fn render(&self, page_path: &str, lock_path: &str) -> String {
        let page = self.page.render(page_path);
        let lock = render(&self.lock_diagnostics, lock_path, &self.lock_source);
        [page, lock]
            .into_iter()
            .filter(|r| !r.is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The warnings, each with the path of the file it is about.
    pub fn warnings<'a>(
        &'a self,
        page_path: &'a str,
        lock_path: &'a str,
    ) -> impl Iterator<Item = (&'a str, &'a Diagnostic)> {
        let page = self.page.diagnostics.iter().map(move |d| (page_path, d));
        let lock = self.lock_diagnostics.iter().map(move |d| (lock_path, d));
        page.chain(lock).filter(|(_, d)| !d.is_error())
    }
}

/// Read the page and the lock (a missing lock pins nothing) and resolve the variants.
pub fn read_codes(page_path: &Path, lock_path: &Path) -> Codes {
    let page = read_file(page_path);
    let lock = match std::fs::read(lock_path) {
        Ok(bytes) => Ok(String::from_utf8_lossy(&bytes).into_owned()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(String::new()),
        Err(e) => Err(unreadable("the lock file", &e)),
    };
    match lock {
        Ok(text) => resolve(page, &text),
        Err(diag) => Codes {
            page,
            lock_diagnostics: vec![
                diag.help("make the file readable, or remove it to derive every name")
            ],
            ..Codes::default()
        },
    }
}

/// Resolve a read page against the text of a lock file.
pub fn resolve(page: Page, lock_text: &str) -> Codes {
    let (pins, lock_diagnostics) = lock::parse(lock_text);
    let codes = Codes {
        lock_source: source::split_lines(lock_text),
        pins,
        lock_diagnostics,
        ..Codes::default()
    };
    resolve_into(page, codes)
}

/// Resolve a read page against pins that come from elsewhere than a lock file (the codes
/// compiled into a build, for the command-line tool).
pub fn resolve_with_pins(page: Page, pins: Vec<Pin>) -> Codes {
    resolve_into(
        page,
        Codes {
            pins,
            ..Codes::default()
        },
    )
}

fn resolve_into(mut page: Page, mut codes: Codes) -> Codes {
    if page.has_errors() || codes.has_errors() {
        codes.page = page;
        return codes;
    }
    let (variants, clashes) = lock::variants(&page.entries, &codes.pins);
    page.diagnostics.extend(clashes);
    for v in variants.iter().filter(|v| v.state == State::New) {
        page.diagnostics.push(
            Diagnostic::warning(
                v.entry.line,
                v.entry.column,
                format!("`{}` is not pinned in codes/ErrorCode.lock; it is named `{}` by the naming rule", v.entry.code, v.name),
            )
            .width(v.entry.code.chars().count())
            .help("pin its name: `BLESS=1 cargo test` writes it to codes/ErrorCode.lock"),
        );
    }
    page.diagnostics.sort_by_key(|d| (d.line, d.column));
    codes.page = page;
    if !codes.has_errors() {
        codes.variants = variants;
    }
    codes
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
