//! Reports about a page, printed the way rustc prints its own:
//!
//! ```text
//! codes/ErrorCode.rst:12:17: error: status `4O4` is not an HTTP status code
//!    |
//! 12 | | 4O4         | CTS.0001   | The IAM or OBS service is abnormal.
//!    |   ^^^
//!    = help: write the status as one integer from 100 to 599, e.g. `404`
//! ```

use super::source::{is_combining, is_wide, Source};
use std::fmt::Write as _;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in a page, with where it is and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// 1-based line and column (in characters) in the file; `None` when the problem is the file
    /// itself (it cannot be read).
    pub line: Option<usize>,
    pub column: u32,
    /// How many characters the caret line underlines.
    pub width: usize,
    pub message: String,
    /// Facts that explain the problem (`= note: ...`).
    pub notes: Vec<String>,
    /// What to do about it (`= help: ...`).
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(line: usize, column: u32, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, Some(line), column, message)
    }

    pub fn warning(line: usize, column: u32, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, Some(line), column, message)
    }

    /// A problem with the file as a whole (it is missing or unreadable).
    pub fn file_error(message: impl Into<String>) -> Self {
        Self::new(Severity::Error, None, 0, message)
    }

    fn new(
        severity: Severity,
        line: Option<usize>,
        column: u32,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity,
            line,
            column,
            width: 1,
            message: message.into(),
            notes: Vec::new(),
            help: None,
        }
    }

    pub fn width(mut self, width: usize) -> Self {
        self.width = width.max(1);
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The first line: `path:LINE:COL: error: message`.
    pub fn headline(&self, path: &str) -> String {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match self.line {
            Some(line) => format!(
                "{path}:{line}:{}: {severity}: {}",
                self.column, self.message
            ),
            None => format!("{path}: {severity}: {}", self.message),
        }
    }

    /// The whole report: headline, the source line with a caret under the spot, notes, help.
    pub fn render(&self, path: &str, source: &Source) -> String {
        let mut out = self.headline(path);
        out.push('\n');
        let gutter = self.line.map_or(1, |l| l.to_string().len());
        let pad = " ".repeat(gutter);
        if let Some(raw) = self
            .line
            .and_then(|l| source.lines.get(l.checked_sub(1)?))
            .map(|l| l.raw.as_str())
        {
            let (shown, caret_at, caret_width) = snippet(raw, self.column as usize, self.width);
            let line = self.line.unwrap_or(0);
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{line:>gutter$} | {shown}");
            let _ = writeln!(
                out,
                "{pad} | {}{}",
                " ".repeat(caret_at),
                "^".repeat(caret_width)
            );
        }
        for note in &self.notes {
            let _ = writeln!(out, "{pad} = note: {note}");
        }
        if let Some(help) = &self.help {
            let _ = writeln!(out, "{pad} = help: {help}");
        }
        out
    }
}

/// Lines longer than this are shown as a window around the spot.
const MAX_SHOWN: usize = 100;

/// The part of `raw` to show, the display column of the caret in it and the caret's width.
fn snippet(raw: &str, column: usize, width: usize) -> (String, usize, usize) {
    let chars: Vec<char> = raw.chars().collect();
    let at = column.saturating_sub(1).min(chars.len());
    let (from, to) = if chars.len() <= MAX_SHOWN {
        (0, chars.len())
    } else {
        let from = at.saturating_sub(30);
        (from, (from + MAX_SHOWN).min(chars.len()))
    };
    let mut shown = String::new();
    let mut display = 0;
    let mut caret_at = 0;
    let mut caret_width = 0;
    if from > 0 {
        shown.push_str("...");
        display += 3;
    }
    for (i, &c) in chars.iter().enumerate().take(to).skip(from) {
        if i == at {
            caret_at = display;
        }
        let w = match c {
            '\t' => {
                shown.push_str("    ");
                4
            }
            c if c.is_control() => {
                shown.push('\u{fffd}');
                1
            }
            c => {
                shown.push(c);
                if is_combining(c) {
                    0
                } else if is_wide(c) {
                    2
                } else {
                    1
                }
            }
        };
        if i >= at && i < at + width {
            caret_width += w;
        }
        display += w;
    }
    if at >= to {
        caret_at = display;
    }
    if to < chars.len() {
        shown.push_str("...");
    }
    (shown, caret_at, caret_width.max(1))
}

#[cfg(test)]
mod tests {
    use super::super::source::split_lines;
    use super::*;

    #[test]
    fn renders_like_rustc() {
        let source = split_lines("first\n| 4O4 | x |\n");
        let d = Diagnostic::error(2, 3, "status `4O4` is not an HTTP status code")
            .width(3)
            .note("a note")
            .help("write 404");
        assert_eq!(
            d.render("p.rst", &source),
            "p.rst:2:3: error: status `4O4` is not an HTTP status code\n  |\n2 | | 4O4 | x |\n  |   ^^^\n  = note: a note\n  = help: write 404\n"
        );
    }

    #[test]
    fn long_lines_are_cut_around_the_spot() {
        let line = format!("{}X{}", "a".repeat(200), "b".repeat(200));
        let (shown, at, width) = snippet(&line, 201, 1);
        assert!(shown.starts_with("...") && shown.ends_with("..."));
        assert_eq!(shown.chars().nth(at), Some('X'));
        assert_eq!(width, 1);
    }

    #[test]
    fn carets_count_wide_characters_twice() {
        let (shown, at, width) = snippet("| 中文 | x", 3, 2);
        assert_eq!(shown, "| 中文 | x");
        assert_eq!((at, width), (2, 4));
    }
}
