//! `codes/ErrorCode.lock`: the variant name of every code, pinned, and the codes that left the
//! page.
//!
//! One line per code, sorted by code: `CODE STATUS NAME STATE MESSAGE`. STATE is `documented` or
//! `retired`; MESSAGE is the last documented message (`\` and line breaks escaped as `\\` and
//! `\n`). Lines starting with `#` and blank lines are comments. The build takes names from here;
//! the agreement test compares this file with the page and rewrites it on `BLESS=1`.

use super::diagnostic::Diagnostic;
use super::model::Entry;
use super::naming;
use std::collections::{BTreeMap, BTreeSet};

/// One line of the lock.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pin {
    pub code: String,
    pub status: u16,
    pub name: String,
    pub retired: bool,
    pub message: String,
    /// 1-based line in the lock file (0 for a pin not read from a file).
    pub line: usize,
}

const HEADER: &str = "\
# The variant name of every CTS error code, pinned: a reworded message never renames a variant.
# One line per code: CODE STATUS NAME STATE MESSAGE. STATE is `documented` (the code is in
# codes/ErrorCode.rst) or `retired` (it left the page; the variant stays, deprecated, with the last
# documented status and message). `BLESS=1 cargo test` rewrites this file from the page, keeping
# every name; a name may be changed by hand while its code is new (before a release uses it).
";

/// Whether `name` can be a variant name: ASCII `UpperCamelCase` letters and digits.
pub fn is_variant_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
        && name != "Self"
}

/// Read a lock file. Every malformed line is a report (positions in the lock file).
pub fn parse(text: &str) -> (Vec<Pin>, Vec<Diagnostic>) {
    let mut pins: Vec<Pin> = Vec::new();
    let mut diags = Vec::new();
    let mut codes: BTreeMap<String, usize> = BTreeMap::new();
    let mut names: BTreeMap<String, usize> = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        let line_no = n + 1;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        // Column of the i-th space-separated field, for reports.
        let mut fields = Vec::new();
        let mut rest = line;
        let mut offset = 0;
        while fields.len() < 4 {
            let trimmed = rest.trim_start_matches(' ');
            offset += rest.len() - trimmed.len();
            let end = trimmed.find(' ').unwrap_or(trimmed.len());
            if end == 0 {
                break;
            }
            fields.push((offset + 1, &trimmed[..end]));
            offset += end;
            rest = &trimmed[end..];
        }
        let message = rest.strip_prefix(' ').unwrap_or(rest);
        let error = |col: usize, what: String| {
            Diagnostic::error(line_no, col as u32, what).help(
                "each line is `CODE STATUS NAME STATE MESSAGE`, e.g. \
                 `CTS.0214 404 TrackerNotFound documented The tracker does not exist.`",
            )
        };
        if fields.len() < 4 || message.is_empty() {
            diags.push(error(1, "malformed lock line: expected 5 fields".into()));
            continue;
        }
        let (code_col, code) = fields[0];
        let (status_col, status) = fields[1];
        let (name_col, name) = fields[2];
        let (state_col, state) = fields[3];
        let mut ok = true;
        let status_value = status
            .parse::<u16>()
            .ok()
            .filter(|s| (100..=599).contains(s));
        if status_value.is_none() {
            diags.push(error(
                status_col,
                format!("status `{status}` is not an HTTP status code"),
            ));
            ok = false;
        }
        if !is_variant_name(name) {
            diags.push(
                error(name_col, format!("`{name}` is not a variant name")).note(
                    "names are ASCII letters and digits in UpperCamelCase, e.g. `TrackerNotFound`",
                ),
            );
            ok = false;
        }
        let retired = match state {
            "documented" => false,
            "retired" => true,
            other => {
                diags.push(error(
                    state_col,
                    format!("state `{other}` is neither `documented` nor `retired`"),
                ));
                ok = false;
                false
            }
        };
        if let Some(first) = codes.insert(code.to_string(), line_no) {
            diags.push(error(
                code_col,
                format!("`{code}` is pinned twice, at lines {first} and {line_no}"),
            ));
            ok = false;
        }
        if let Some(first) = names.insert(name.to_string(), line_no) {
            diags.push(error(
                name_col,
                format!("the name `{name}` is pinned twice, at lines {first} and {line_no}"),
            ));
            ok = false;
        }
        if ok {
            pins.push(Pin {
                code: code.to_string(),
                status: status_value.unwrap_or_default(),
                name: name.to_string(),
                retired,
                message: unescape(message),
                line: line_no,
            });
        }
    }
    pins.sort_by(|a, b| a.code.cmp(&b.code));
    (pins, diags)
}

/// The lock file for `pins` (sorted by code).
pub fn render(pins: &[Pin]) -> String {
    let mut pins: Vec<&Pin> = pins.iter().collect();
    pins.sort_by(|a, b| a.code.cmp(&b.code));
    let mut out = String::from(HEADER);
    for p in pins {
        let state = if p.retired { "retired" } else { "documented" };
        out.push_str(&format!(
            "{} {} {} {state} {}\n",
            p.code,
            p.status,
            p.name,
            escape(&p.message)
        ));
    }
    out
}

fn escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('\n', "\\n")
}

fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match (c, chars.clone().next()) {
            ('\\', Some('n')) => {
                out.push('\n');
                chars.next();
            }
            ('\\', Some('\\')) => {
                out.push('\\');
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

/// A variant of the generated enum.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Variant {
    /// The code's documentation (for a retired code: its last documented status and message).
    pub entry: Entry,
    pub name: String,
    pub state: State,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    /// In the page and pinned in the lock.
    Pinned,
    /// In the page, not in the lock: named by the naming rule.
    New,
    /// In the lock, no longer in the page.
    Retired,
}

/// The variants for the page's entries and the lock's pins, sorted by code. Codes of the page
/// take their pinned name or, new, a derived one that no pin uses; pins whose code left the page
/// become retired variants. Reports point into the page (`page_diags`) or the lock.
pub fn variants(entries: &[Entry], pins: &[Pin]) -> (Vec<Variant>, Vec<Diagnostic>) {
    let pinned: BTreeMap<&str, &Pin> = pins.iter().map(|p| (p.code.as_str(), p)).collect();
    let in_page: BTreeSet<&str> = entries.iter().map(|e| e.code.as_str()).collect();
    let taken: BTreeSet<&str> = pins.iter().map(|p| p.name.as_str()).collect();
    let new: Vec<&Entry> = entries
        .iter()
        .filter(|e| !pinned.contains_key(e.code.as_str()))
        .collect();
    let pairs: Vec<(&str, &str)> = new
        .iter()
        .map(|e| (e.code.as_str(), e.message.as_str()))
        .collect();
    let mut diags = Vec::new();
    let new_names: BTreeMap<&str, String> = match naming::names(&pairs, &taken) {
        Ok(names) => new.iter().map(|e| e.code.as_str()).zip(names).collect(),
        Err(clashes) => {
            for clash in clashes {
                diags.push(name_clash(&new, &clash, pins));
            }
            return (Vec::new(), diags);
        }
    };
    let mut out: Vec<Variant> = entries
        .iter()
        .map(|e| match pinned.get(e.code.as_str()) {
            Some(pin) => Variant {
                entry: e.clone(),
                name: pin.name.clone(),
                state: State::Pinned,
            },
            None => Variant {
                entry: e.clone(),
                name: new_names[e.code.as_str()].clone(),
                state: State::New,
            },
        })
        .collect();
    for pin in pins.iter().filter(|p| !in_page.contains(p.code.as_str())) {
        out.push(Variant {
            entry: Entry {
                code: pin.code.clone(),
                status: pin.status,
                message: pin.message.clone(),
                description: String::new(),
                solution: String::new(),
                line: pin.line,
                column: 1,
            },
            name: pin.name.clone(),
            state: State::Retired,
        });
    }
    out.sort_by(|a, b| a.entry.code.cmp(&b.entry.code));
    (out, diags)
}

/// The report for new codes that the naming rule cannot tell apart from each other or from a
/// pinned name.
fn name_clash(new: &[&Entry], clash: &naming::Clash, pins: &[Pin]) -> Diagnostic {
    let first = new[clash.entries[0]];
    let diag = match &clash.taken {
        Some(name) => {
            let owner = pins
                .iter()
                .find(|p| &p.name == name)
                .map_or(String::new(), |p| {
                    format!(", which `{}` has in codes/ErrorCode.lock", p.code)
                });
            Diagnostic::error(
                first.line,
                first.column,
                format!(
                    "`{}` would get the variant name `{name}`{owner}",
                    first.code
                ),
            )
        }
        None => {
            let others: Vec<String> = clash.entries[1..]
                .iter()
                .map(|&i| format!("`{}` (line {})", new[i].code, new[i].line))
                .collect();
            Diagnostic::error(
                first.line,
                first.column,
                format!(
                    "`{}` and {} would get the same variant name",
                    first.code,
                    others.join(", ")
                ),
            )
        }
    };
    diag.width(first.code.chars().count())
        .note("their messages have the same words, so the naming rule cannot tell them apart")
        .help("pin a name for the code in codes/ErrorCode.lock: add a line `CODE STATUS NAME documented MESSAGE`")
}

/// How the page and the lock disagree, grouped as a maintainer reviews a refresh.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Agreement {
    /// Codes in the page but not in the lock, with the names they get.
    pub added: Vec<(String, String)>,
    /// Codes pinned as documented that left the page.
    pub retired: Vec<(String, String)>,
    /// Codes pinned as retired that are in the page again, under their old name.
    pub returned: Vec<(String, String)>,
    /// `(code, old status, new status)`.
    pub status_changed: Vec<(String, u16, u16)>,
    /// `(code, old message, new message)`.
    pub reworded: Vec<(String, String, String)>,
}

impl Agreement {
    pub fn is_empty(&self) -> bool {
        *self == Agreement::default()
    }

    /// The readable report, ending with `accept`: how to accept the change.
    pub fn render(&self, page_path: &str, lock_path: &str, accept: &str) -> String {
        let mut out = format!("{page_path} and {lock_path} disagree:\n");
        let mut group = |title: String, lines: Vec<String>| {
            if !lines.is_empty() {
                out.push_str(&format!("\n{title} ({}):\n", lines.len()));
                for line in lines {
                    out.push_str(&format!("  {line}\n"));
                }
            }
        };
        group(
            "codes added".into(),
            self.added
                .iter()
                .map(|(c, n)| format!("+ {c} as `{n}`"))
                .collect(),
        );
        group(
            "codes retired: they stay as deprecated variants".into(),
            self.retired
                .iter()
                .map(|(c, n)| format!("- {c} `{n}`"))
                .collect(),
        );
        group(
            "codes back from retirement, under their old names".into(),
            self.returned
                .iter()
                .map(|(c, n)| format!("+ {c} `{n}`"))
                .collect(),
        );
        group(
            "status changes".into(),
            self.status_changed
                .iter()
                .map(|(c, a, b)| format!("~ {c}: {a} → {b}"))
                .collect(),
        );
        group(
            "messages reworded (names are kept)".into(),
            self.reworded
                .iter()
                .map(|(c, a, b)| format!("~ {c}:\n      - {a}\n      + {b}"))
                .collect(),
        );
        out.push('\n');
        out.push_str(accept);
        out
    }
}

/// How to accept a change of the vendored page.
pub const ACCEPT: &str = "If the page is right, accept the change: BLESS=1 cargo test\n\
     (then review the diff of codes/ErrorCode.lock; a new code's name may be edited there).\n";

/// Compare the page's variants (from [`variants`]) with the lock's pins.
pub fn agreement(variants: &[Variant], pins: &[Pin]) -> Agreement {
    let pinned: BTreeMap<&str, &Pin> = pins.iter().map(|p| (p.code.as_str(), p)).collect();
    let mut report = Agreement::default();
    for v in variants {
        let e = &v.entry;
        let pair = (e.code.clone(), v.name.clone());
        match (v.state, pinned.get(e.code.as_str())) {
            (State::New, _) | (_, None) => report.added.push(pair),
            (State::Retired, Some(pin)) => {
                if !pin.retired {
                    report.retired.push(pair);
                }
            }
            (State::Pinned, Some(pin)) => {
                if pin.retired {
                    report.returned.push(pair);
                }
                if pin.status != e.status {
                    report
                        .status_changed
                        .push((e.code.clone(), pin.status, e.status));
                }
                if pin.message != e.message {
                    report
                        .reworded
                        .push((e.code.clone(), pin.message.clone(), e.message.clone()));
                }
            }
        }
    }
    report
}

/// The lock that accepts the page: every variant pinned under its name, with its state, status
/// and message (retired codes keep their last documented ones).
pub fn bless(variants: &[Variant]) -> Vec<Pin> {
    variants
        .iter()
        .map(|v| Pin {
            code: v.entry.code.clone(),
            status: v.entry.status,
            name: v.name.clone(),
            retired: v.state == State::Retired,
            message: v.entry.message.clone(),
            line: 0,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_lines_round_trip() {
        let pins = vec![Pin {
            code: "CTS.0001".into(),
            status: 400,
            name: "IamOrObsAbnormal".into(),
            retired: true,
            message: "Two\nlines with a \\ backslash".into(),
            line: 0,
        }];
        let text = render(&pins);
        assert!(text.ends_with(
            "CTS.0001 400 IamOrObsAbnormal retired Two\\nlines with a \\\\ backslash\n"
        ));
        let (read, diags) = parse(&text);
        assert!(diags.is_empty());
        assert_eq!(read[0].message, pins[0].message);
        assert_eq!(read[0].line, text.lines().count());
    }

    #[test]
    fn malformed_lock_lines_are_reported_with_their_position() {
        let text = "CTS.0001 400 Good documented Fine.\n\
                    CTS.0002 4O4 Fine documented Bad status.\n\
                    CTS.0003 400 bad_name documented Bad name.\n\
                    CTS.0004 400 Other gone Bad state.\n\
                    CTS.0005 400 Short\n\
                    CTS.0001 400 Again documented Twice.\n\
                    CTS.0006 400 Good documented Name twice.\n";
        let (pins, diags) = parse(text);
        let got: Vec<String> = diags
            .iter()
            .map(|d| d.headline("codes/ErrorCode.lock"))
            .collect();
        assert_eq!(
            got,
            [
                "codes/ErrorCode.lock:2:10: error: status `4O4` is not an HTTP status code",
                "codes/ErrorCode.lock:3:14: error: `bad_name` is not a variant name",
                "codes/ErrorCode.lock:4:20: error: state `gone` is neither `documented` nor `retired`",
                "codes/ErrorCode.lock:5:1: error: malformed lock line: expected 5 fields",
                "codes/ErrorCode.lock:6:1: error: `CTS.0001` is pinned twice, at lines 1 and 6",
                "codes/ErrorCode.lock:7:14: error: the name `Good` is pinned twice, at lines 1 and 7",
            ]
        );
        assert_eq!(pins.len(), 1);
    }
}
