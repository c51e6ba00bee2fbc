//! The plain text of a cell, as docutils' `node.astext()` gives it, in one line per paragraph.
//!
//! A cell's lines are a small reStructuredText document. What matters for error tables is kept:
//! paragraphs (separated by blank lines), bullet and enumerated list items (the marker is not
//! text, as in docutils), and inline markup, whose markers docutils removes: `**strong**`,
//! `*emphasis*`, ``` ``literal`` ```, `` `interpreted` ``, `:role:`text``, references
//! (`` `title <url>`_ ``, `name_`) and backslash escapes. The lines of one paragraph are joined
//! with single spaces; paragraphs and list items are separated by a blank line.

use super::source::is_py_space;

/// Plain text of a cell from its lines (as the reader cut them out of the table), each
/// paragraph on one line.
pub fn plain_text(lines: &[String]) -> String {
    cell_text(lines, " ")
}

/// The text exactly as docutils' `astext()` gives it: the lines of a paragraph stay separate
/// lines (for comparing with docutils' own output).
pub fn docutils_text(lines: &[String]) -> String {
    cell_text(lines, "\n")
}

fn cell_text(lines: &[String], line_joiner: &str) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    // Whether the paragraph being collected is a list item: only then may the next line start
    // another item without a blank line (a marker inside a paragraph is text).
    let mut in_item = false;
    let mut flush = |current: &mut Vec<&str>| {
        if !current.is_empty() {
            paragraphs.push(inline_text(&current.join(line_joiner)));
            current.clear();
        }
    };
    for line in lines {
        let trimmed = line.trim_matches(is_py_space);
        let indented = line.starts_with(is_py_space);
        if trimmed.is_empty() {
            flush(&mut current);
            in_item = false;
        } else if let Some(argument) = directive_argument(trimmed) {
            // `.. note::` and the like: the directive is not text, its argument and content are.
            flush(&mut current);
            in_item = false;
            if !argument.is_empty() {
                current.push(argument);
            }
        } else if let Some(item) = list_item(trimmed).filter(|_| current.is_empty() || in_item) {
            flush(&mut current);
            in_item = true;
            current.push(item);
        } else if in_item && !indented {
            // An unindented line after a list item ends the list.
            flush(&mut current);
            in_item = false;
            current.push(trimmed);
        } else {
            current.push(trimmed);
        }
    }
    flush(&mut current);
    paragraphs.join("\n\n")
}

/// The admonition directives: their argument is text and their content is reStructuredText.
pub const ADMONITIONS: &[&str] = &[
    "note",
    "warning",
    "attention",
    "caution",
    "danger",
    "error",
    "hint",
    "important",
    "tip",
    "admonition",
    "seealso",
];

/// Other directives whose argument is text rather than a name or a path.
const TEXT_ARGUMENT_DIRECTIVES: &[&str] = &["rubric", "topic", "sidebar"];

/// For a line of explicit markup (`..` followed by a space or nothing: a directive, comment,
/// target...), `Some` with the directive's name (lower case) and argument when it is a
/// directive `.. name:: argument`. `None` for any other line.
pub fn explicit_markup(line: &str) -> Option<Option<(String, &str)>> {
    let rest = line
        .strip_prefix("..")
        .filter(|r| r.is_empty() || r.starts_with(' '))?;
    let directive = rest
        .trim_start()
        .split_once("::")
        .and_then(|(name, argument)| {
            let is_name = !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_alphanumeric() || "-_+:.".contains(c));
            is_name.then(|| {
                (
                    name.to_ascii_lowercase(),
                    argument.trim_matches(is_py_space),
                )
            })
        });
    Some(directive)
}

/// For a directive line `.. name:: argument`, its text: the argument when it is text.
fn directive_argument(line: &str) -> Option<&str> {
    let (name, argument) = explicit_markup(line)??;
    let text =
        ADMONITIONS.contains(&name.as_str()) || TEXT_ARGUMENT_DIRECTIVES.contains(&name.as_str());
    Some(if text { argument } else { "" })
}

/// The text of a line that starts a bullet or enumerated list item, without its marker.
fn list_item(line: &str) -> Option<&str> {
    // Most lines start a sentence: only what may begin a marker goes on to the checks below
    // (the first byte of a bullet, `(`, a digit, or a letter or `#` followed by `.` or `)`).
    let bytes = line.as_bytes();
    let may_be_marker = match bytes.first() {
        Some(b'-' | b'*' | b'+' | 0xE2 | b'(' | b'0'..=b'9') => true,
        Some(b'#' | b'a'..=b'z' | b'A'..=b'Z') => matches!(bytes.get(1), Some(b'.' | b')')),
        _ => false,
    };
    if !may_be_marker {
        return None;
    }
    for bullet in ["- ", "* ", "+ ", "• ", "‣ ", "⁃ "] {
        if let Some(rest) = line.strip_prefix(bullet) {
            return Some(rest.trim_start_matches(is_py_space));
        }
    }
    // `1.`, `1)`, `(1)`, `a.`, `#.`: an enumerator of digits, one letter or `#`, so the
    // marker ends within the first eleven bytes.
    let head = &line.as_bytes()[..line.len().min(11)];
    let (inner, rest) = if let Some(rest) = line.strip_prefix('(') {
        let end = head.iter().position(|&b| b == b')')?;
        (&rest[..end - 1], &rest[end..])
    } else {
        let end = head.iter().position(|&b| b == b'.' || b == b')')?;
        (&line[..end], &line[end + 1..])
    };
    let enumerator = inner == "#"
        || (!inner.is_empty() && inner.len() <= 9 && inner.bytes().all(|b| b.is_ascii_digit()))
        || (inner.len() == 1 && inner.bytes().all(|b| b.is_ascii_alphabetic()));
    let text = rest.strip_prefix(' ')?.trim_start_matches(is_py_space);
    (enumerator && !text.is_empty()).then_some(text)
}

/// A character as the inline parser sees it: escaped characters are never markup.
#[derive(Clone, Copy)]
struct Ch {
    c: char,
    escaped: bool,
    /// An escaped white space: not text, but it separates markup from what surrounds it.
    hidden: bool,
}

impl Ch {
    fn plain(c: char) -> Self {
        Ch {
            c,
            escaped: false,
            hidden: false,
        }
    }
}

/// The text of one paragraph with inline markup removed (docutils' inline rules, simplified to
/// what reference tables use; see the module docs).
pub fn inline_text(text: &str) -> String {
    // Most texts hold no markup at all: no escape, emphasis, literal, interpreted text or
    // reference (an `_` inside a word such as `tracker_name` is not one).
    // (Byte `contains` is std's memchr: this check stays cheap in unoptimised build scripts.)
    let bytes = text.as_bytes();
    let plain = ![b'\\', b'*', b'`'].iter().any(|b| bytes.contains(b))
        && text
            .match_indices('_')
            .all(|(i, _)| bytes.get(i + 1).is_some_and(|n| n.is_ascii_alphanumeric()));
    if plain {
        return text.to_string();
    }
    let mut chars: Vec<Ch> = Vec::with_capacity(text.len());
    let mut it = text.chars().peekable();
    while let Some(c) = it.next() {
        if c == '\\' {
            match it.next() {
                // An escaped white space is removed with its backslash.
                Some(n) if is_py_space(n) => chars.push(Ch {
                    c: ' ',
                    escaped: true,
                    hidden: true,
                }),
                Some(n) => chars.push(Ch {
                    c: n,
                    escaped: true,
                    hidden: false,
                }),
                None => chars.push(Ch::plain(c)),
            }
        } else {
            chars.push(Ch::plain(c));
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if let Some((inner, next)) = markup_at(&chars, i) {
            out.push_str(&inner);
            i = next;
        } else {
            // `name_` and `name__` are references: the underscores are markup.
            let c = chars[i];
            if c.hidden {
                i += 1;
                continue;
            }
            if c.c == '_' && !c.escaped && is_reference_end(&chars, i) {
                i += if chars.get(i + 1).is_some_and(|n| n.c == '_') {
                    2
                } else {
                    1
                };
                continue;
            }
            out.push(c.c);
            i += 1;
        }
    }
    out
}

/// Punctuation that separates markup from words on either side (docutils' `delimiters`:
/// dashes and other punctuation, here the ASCII ones and common typographic ones).
const DELIMITERS: &str = "-!\"#%&'*,./:;?@\\‐‑‒–—―‘’“”«»¡¿…";

/// Characters that may stand before an inline markup start-string: white space, openers,
/// delimiters (docutils' `start_string_prefix`).
fn opens(c: Option<Ch>) -> bool {
    match c {
        None => true,
        Some(ch) => is_py_space(ch.c) || "([{<".contains(ch.c) || DELIMITERS.contains(ch.c),
    }
}

/// Characters that may stand after an inline markup end-string: white space, closers,
/// delimiters (docutils' `end_string_suffix`).
fn closes(c: Option<Ch>) -> bool {
    match c {
        None => true,
        Some(ch) => is_py_space(ch.c) || ")]}>".contains(ch.c) || DELIMITERS.contains(ch.c),
    }
}

fn starts_with(chars: &[Ch], i: usize, s: &str) -> bool {
    let mut k = i;
    for c in s.chars() {
        match chars.get(k) {
            Some(ch) if ch.c == c && !ch.escaped => k += 1,
            _ => return false,
        }
    }
    true
}

/// Inline markup starting at `i`: its text and the index after it.
fn markup_at(chars: &[Ch], i: usize) -> Option<(String, usize)> {
    let before = i.checked_sub(1).map(|k| chars[k]);
    if !opens(before) {
        return None;
    }
    // A role prefix `:name:` directly before interpreted text.
    let mut start = i;
    if starts_with(chars, i, ":") {
        let mut k = i + 1;
        while k < chars.len() && (chars[k].c.is_alphanumeric() || "-_+.".contains(chars[k].c)) {
            k += 1;
        }
        if k > i + 1 && starts_with(chars, k, ":`") {
            start = k + 1;
        } else {
            return None;
        }
    }
    let (open, close) = if starts_with(chars, start, "``") {
        ("``", "``")
    } else if starts_with(chars, start, "**") {
        ("**", "**")
    } else if starts_with(chars, start, "*") {
        ("*", "*")
    } else if starts_with(chars, start, "`") {
        ("`", "`")
    } else {
        return None;
    };
    let body = start + open.len();
    // The start-string must be followed by text, and not be quoted like `(*)`.
    let first = chars.get(body)?;
    if is_py_space(first.c) {
        return None;
    }
    if let Some(b) = before {
        let pairs = [
            ('(', ')'),
            ('[', ']'),
            ('{', '}'),
            ('<', '>'),
            ('\'', '\''),
            ('"', '"'),
        ];
        if pairs.iter().any(|&(o, c)| b.c == o && first.c == c) {
            return None;
        }
    }
    let mut k = body + 1;
    while k + close.len() <= chars.len() {
        if starts_with(chars, k, close) && !is_py_space(chars[k - 1].c) {
            let mut end = k + close.len();
            // Interpreted text may end as a reference (`_`, `__`) or with a role suffix.
            let mut is_reference = false;
            if open == "`" && start == i {
                if starts_with(chars, end, "__") {
                    end += 2;
                    is_reference = true;
                } else if starts_with(chars, end, "_") {
                    end += 1;
                    is_reference = true;
                } else if starts_with(chars, end, ":") {
                    let mut m = end + 1;
                    while m < chars.len() && chars[m].c.is_alphanumeric() {
                        m += 1;
                    }
                    if m > end + 1 && starts_with(chars, m, ":") {
                        end = m + 1;
                    }
                }
            }
            if closes(chars.get(end).copied()) {
                let inner = &chars[body..k];
                let text = if open == "``" {
                    // Literal text keeps its backslashes.
                    inner
                        .iter()
                        .flat_map(|c| c.escaped.then_some('\\').into_iter().chain([c.c]))
                        .collect()
                } else if open == "`" && (is_reference || start != i) {
                    reference_title(inner)
                } else {
                    inner.iter().map(|c| c.c).collect()
                };
                return Some((text, end));
            }
        }
        k += 1;
    }
    None
}

/// `title <target>` shows as `title`; a bare `<target>` as the target.
fn reference_title(inner: &[Ch]) -> String {
    let text: String = inner.iter().map(|c| c.c).collect();
    if let Some(open) = text.rfind('<') {
        if text.ends_with('>') && !inner.last().is_some_and(|c| c.escaped) {
            let title = text[..open].trim_end_matches(is_py_space);
            if title.is_empty() {
                return text[open + 1..text.len() - 1].to_string();
            }
            if open > 0 && text[..open].ends_with(is_py_space) {
                return title.to_string();
            }
        }
    }
    text
}

/// Whether the `_` at `i` ends a simple reference name like `name_` or `name__`.
fn is_reference_end(chars: &[Ch], i: usize) -> bool {
    let Some(prev) = i.checked_sub(1).map(|k| chars[k]) else {
        return false;
    };
    if !prev.c.is_alphanumeric() {
        return false;
    }
    let after = if chars.get(i + 1).is_some_and(|n| n.c == '_' && !n.escaped) {
        i + 2
    } else {
        i + 1
    };
    // The name runs back to white space or the start; inner `_`, `-`, `.` are part of it.
    let mut k = i;
    while k > 0 {
        let c = chars[k - 1];
        if is_py_space(c.c) {
            break;
        }
        if !(c.c.is_alphanumeric() || "_-.+:".contains(c.c)) {
            return false;
        }
        k -= 1;
    }
    closes(chars.get(after).copied()) && chars.get(after).is_none_or(|c| c.c != '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lines: &[&str]) -> String {
        plain_text(&lines.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn paragraph_lines_are_joined_and_paragraphs_separated() {
        assert_eq!(plain(&["one", "two", "", "three"]), "one two\n\nthree");
    }

    #[test]
    fn list_markers_are_not_text() {
        assert_eq!(plain(&["- a", "- b", "  c"]), "a\n\nb c");
        assert_eq!(plain(&["1. first", "2. second"]), "first\n\nsecond");
        assert_eq!(plain(&["(a) x"]), "x");
        assert_eq!(plain(&["400. Bad"]), "Bad");
    }

    #[test]
    fn inline_markup_is_removed() {
        assert_eq!(inline_text("The **status** is *bad*"), "The status is bad");
        assert_eq!(inline_text("``a\\b`` and \\*x\\*"), "a\\b and *x*");
        assert_eq!(
            inline_text("see `the docs <https://x.y/>`_ now"),
            "see the docs now"
        );
        assert_eq!(inline_text("see `<https://x.y/>`__"), "see https://x.y/");
        assert_eq!(
            inline_text(":ref:`Title <target>` and :guilabel:`OK`"),
            "Title and OK"
        );
        assert_eq!(inline_text("a name_ here"), "a name here");
        assert_eq!(inline_text("tracker_name stays"), "tracker_name stays");
    }

    #[test]
    fn text_that_only_looks_like_markup_stays() {
        assert_eq!(inline_text("2 * 3 * 4"), "2 * 3 * 4");
        assert_eq!(inline_text("a (*) b"), "a (*) b");
        assert_eq!(inline_text("**open only"), "**open only");
        assert_eq!(inline_text("x*y*z"), "x*y*z");
        assert_eq!(inline_text("a\\ b"), "ab");
    }
}
