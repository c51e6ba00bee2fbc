//! The page as docutils sees it before any table logic: decoded, split into lines, tabs expanded,
//! trailing white space removed. Every character keeps the column it had in the file, so every
//! later report can point at the file as the maintainer sees it in an editor.

use super::unicode;

/// docutils' default `tab_width`.
const TAB_WIDTH: usize = 8;

/// docutils' default `line_length_limit`: a page with a longer line is not parsed at all.
pub const LINE_LENGTH_LIMIT: usize = 10_000;

/// One line of the page after docutils' normalisation (`string2lines`).
#[derive(Clone, Debug, Default)]
pub struct Line {
    /// The characters, tabs expanded, trailing white space removed.
    pub chars: Vec<char>,
    /// For each character, its 1-based column (in characters) in the line as it is in the file;
    /// `None` when that is its index + 1 (the line has no tab).
    pub cols: Option<Vec<u32>>,
    /// The line as it is in the file (without its line end), for showing it in reports.
    pub raw: String,
    /// Whether the line is ASCII without tabs: then character `i` is byte `i` of `raw`, and no
    /// character is wide or combining (what lets the reader skip work on most lines).
    pub simple: bool,
}

impl Line {
    /// Number of leading white-space characters (Python's `str.isspace`, as docutils uses).
    pub fn indent(&self) -> usize {
        self.chars.iter().take_while(|c| is_py_space(**c)).count()
    }

    /// Whether the line holds nothing but white space.
    pub fn is_blank(&self) -> bool {
        self.chars.is_empty()
    }

    /// The 1-based column in the file of character `i`, or just past the end of the line.
    pub fn col(&self, i: usize) -> u32 {
        match &self.cols {
            None if i < self.chars.len() => i as u32 + 1,
            Some(cols) if i < cols.len() => cols[i],
            _ => self.raw.chars().count() as u32 + 1,
        }
    }
}

/// The page split into normalised lines; `lines[n]` is line `n + 1` of the file.
#[derive(Clone, Debug, Default)]
pub struct Source {
    pub lines: Vec<Line>,
}

/// Python's `str.isspace()`: Rust's White_Space plus the information separators U+001C..U+001F.
pub fn is_py_space(c: char) -> bool {
    // ASCII first, without a call: this runs on every character the reader looks at.
    if (c as u32) < 0x80 {
        matches!(c, ' ' | '\t'..='\r' | '\u{1c}'..='\u{1f}')
    } else {
        c.is_whitespace()
    }
}

/// Python's `str.splitlines()` line boundaries (after docutils turned `\v` and `\f` into spaces).
fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{1c}' | '\u{1d}' | '\u{1e}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Whether a character is two columns wide for docutils (East Asian Width W or F).
pub fn is_wide(c: char) -> bool {
    // ASCII is never wide; the early exit keeps the common case off the table.
    !c.is_ascii() && in_ranges(unicode::WIDE, c)
}

/// Whether a character is zero columns wide for docutils (canonical combining class not 0).
pub fn is_combining(c: char) -> bool {
    // Every combining character is above U+02FF; the early exit keeps ASCII text off the table.
    (c as u32) >= 0x300 && in_ranges(unicode::COMBINING, c)
}

fn in_ranges(ranges: &[(u32, u32)], c: char) -> bool {
    let c = c as u32;
    ranges
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                std::cmp::Ordering::Less
            } else if lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// Split a decoded page into lines the way docutils' `string2lines(tab_width=8,
/// convert_whitespace=True)` does: `\v` and `\f` become spaces, Python's `splitlines()` ends a line
/// at `\n`, `\r\n`, `\r` and the other Unicode line breaks, tabs are expanded to 8-column stops,
/// and trailing white space is stripped.
///
/// A leading byte-order mark is dropped. docutils keeps it (so a table on the very first line of a
/// file with a BOM would be read as a paragraph there); editors hide it and the page means the same
/// with or without it, so we tolerate it instead. This is a deliberate difference.
pub fn split_lines(text: &str) -> Source {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let mut start = 0;
    let mut i = 0;
    // A byte loop: every line break starts with one of these bytes (0xC2: U+0085, 0xE2:
    // U+2028/U+2029); the few candidates that are not breaks are skipped.
    while i < bytes.len() {
        let b = bytes[i];
        if !matches!(b, b'\n' | b'\r' | 0x1c..=0x1e | 0xC2 | 0xE2) {
            i += 1;
            continue;
        }
        let len = match (b, bytes.get(i + 1), bytes.get(i + 2)) {
            (b'\r', Some(b'\n'), _) => 2,
            (b'\n' | b'\r' | 0x1c..=0x1e, _, _) => 1,
            (0xC2, Some(0x85), _) => 2,
            (0xE2, Some(0x80), Some(0xA8 | 0xA9)) => 3,
            _ => {
                i += 1;
                continue;
            }
        };
        lines.push(normalise(&text[start..i]));
        i += len;
        start = i;
    }
    if start < bytes.len() {
        lines.push(normalise(&text[start..]));
    }
    Source { lines }
}

fn normalise(raw: &str) -> Line {
    let mut chars: Vec<char>;
    let mut cols = None;
    // `contains` on bytes is std's memchr, fast even in the unoptimised build scripts run in.
    let simple = raw.is_ascii()
        && ![b'\t', 0x0b, 0x0c]
            .iter()
            .any(|b| raw.as_bytes().contains(b));
    if simple {
        chars = widen(raw.as_bytes());
    } else if !raw.as_bytes().contains(&b'\t') {
        chars = raw
            .chars()
            .map(|c| if c == '\u{b}' || c == '\u{c}' { ' ' } else { c })
            .collect();
    } else {
        chars = Vec::with_capacity(raw.len());
        let mut tab_cols = Vec::with_capacity(raw.len());
        for (i, c) in raw.chars().enumerate() {
            let col = i as u32 + 1;
            if c == '\t' {
                // Python's expandtabs: the stop counts characters since the start of the line.
                let n = TAB_WIDTH - chars.len() % TAB_WIDTH;
                chars.extend(std::iter::repeat_n(' ', n));
                tab_cols.extend(std::iter::repeat_n(col, n));
            } else {
                chars.push(if c == '\u{b}' || c == '\u{c}' { ' ' } else { c });
                tab_cols.push(col);
            }
        }
        cols = Some(tab_cols);
    }
    let mut kept = chars.len();
    while kept > 0 && is_py_space(chars[kept - 1]) {
        kept -= 1;
    }
    chars.truncate(kept);
    if let Some(cols) = &mut cols {
        cols.truncate(kept);
    }
    Line {
        chars,
        cols,
        raw: raw.to_string(),
        simple,
    }
}

/// ASCII bytes as characters. A zeroed vector (one `calloc`) written in a `while` loop: the
/// build script runs unoptimised, where an iterator's `map` and `collect` cost a function call
/// or two per byte, and this is every byte of the page.
fn widen(bytes: &[u8]) -> Vec<char> {
    let mut chars = vec!['\0'; bytes.len()];
    // Indexing a slice is a bounds check in place; indexing the `Vec` would be two calls.
    let out = chars.as_mut_slice();
    let mut i = 0;
    while i < bytes.len() {
        out[i] = bytes[i] as char;
        i += 1;
    }
    chars
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &Source) -> Vec<String> {
        s.lines.iter().map(|l| l.chars.iter().collect()).collect()
    }

    #[test]
    fn line_ends_are_those_of_python_splitlines() {
        let s = split_lines("a\r\nb\rc\nd\u{2028}e\u{85}f\n");
        assert_eq!(texts(&s), ["a", "b", "c", "d", "e", "f"]);
    }

    #[test]
    fn tabs_expand_to_eight_column_stops_and_keep_file_columns() {
        let s = split_lines("ab\tc\t\td");
        let line = &s.lines[0];
        assert_eq!(
            line.chars.iter().collect::<String>(),
            "ab      c               d"
        );
        assert_eq!(line.col(2), 3, "the expanded tab points at the tab");
        assert_eq!(
            line.col(8),
            4,
            "`c` is the fourth character of the file's line"
        );
    }

    #[test]
    fn trailing_white_space_and_bom_are_dropped() {
        let s = split_lines("\u{feff}+--+ \u{a0}\u{3000}\n\u{b}x\u{c}");
        assert_eq!(texts(&s), ["+--+", " x"]);
    }

    #[test]
    fn widths_follow_python_unicodedata() {
        assert!(is_wide('中') && is_wide('Ａ') && is_wide('😀'));
        assert!(!is_wide('a') && !is_wide('©') && !is_wide('\u{200d}'));
        assert!(is_combining('\u{301}') && !is_combining('\u{e31}') && !is_combining('e'));
    }
}
