//! Every class of broken page: each fixture in `tests/fixtures/` and the reports it must give,
//! with their positions. All problems of a page come in one run.

use crate::page::{read_file, resolve, Page};
use std::path::PathBuf;

const PAGE: &str = "codes/ErrorCode.rst";

fn fixture(name: &str) -> Page {
    read_file(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
}

fn headlines(page: &Page) -> Vec<String> {
    page.diagnostics.iter().map(|d| d.headline(PAGE)).collect()
}

/// The fixture's reports, headline by headline, and that each comes with a hint.
fn assert_reports(name: &str, expected: &[&str]) -> Page {
    let page = fixture(name);
    assert_eq!(
        headlines(&page),
        expected,
        "reports for {name}:\n{}",
        page.render(PAGE)
    );
    for d in &page.diagnostics {
        assert!(d.help.is_some(), "{name}: no hint in {:?}", d.message);
    }
    page
}

#[test]
fn missing_file() {
    let page = assert_reports(
        "does-not-exist.rst",
        &["codes/ErrorCode.rst: error: the error-code page is missing"],
    );
    assert!(page.entries.is_empty());
}

#[test]
fn not_utf8_says_where() {
    let page = assert_reports(
        "not_utf8.rst",
        &[
            "codes/ErrorCode.rst:4:5: error: the page is not valid UTF-8: bytes FF here",
            "codes/ErrorCode.rst:4:13: error: the page is not valid UTF-8: bytes C3 here",
        ],
    );
    let shown = page.render(PAGE);
    assert!(
        shown.contains("4 | Not \u{fffd} UTF-8 \u{fffd}\n  |     ^\n"),
        "{shown}"
    );
}

#[test]
fn no_grid_table() {
    assert_reports(
        "no_table.rst",
        &["codes/ErrorCode.rst:1:1: error: no grid table in the page"],
    );
}

#[test]
fn no_code_column_lists_headers_and_accepted_names() {
    let page = assert_reports(
        "no_code_column.rst",
        &["codes/ErrorCode.rst:4:1: error: no table whose header names a code column"],
    );
    let d = &page.diagnostics[0];
    assert_eq!(
        d.notes,
        ["the table at line 4 has the columns `Name`, `Type`, `Description`"]
    );
    assert!(d
        .help
        .as_deref()
        .unwrap()
        .contains("`Error Code`, `Error Codes`, `Code`"));
}

#[test]
fn bottom_border_missing() {
    assert_reports(
        "bottom_border.rst",
        &["codes/ErrorCode.rst:8:1: error: malformed table: bottom border missing or corrupt (the table starts at line 4)"],
    );
}

#[test]
fn right_border_not_aligned() {
    let page = assert_reports(
        "right_border.rst",
        &["codes/ErrorCode.rst:7:97: error: malformed table: right border not aligned or missing (the table starts at line 4)"],
    );
    assert_eq!(
        page.diagnostics[0].notes,
        ["this line is 97 columns wide; the top border is 99; wide (East Asian) characters count two columns"]
    );
}

#[test]
fn parse_incomplete() {
    assert_reports(
        "parse_incomplete.rst",
        &["codes/ErrorCode.rst:4:1: error: malformed table: parse incomplete"],
    );
}

#[test]
fn two_head_body_separators() {
    assert_reports(
        "two_separators.rst",
        &["codes/ErrorCode.rst:8:1: error: malformed table: a second head/body separator (table lines 3 and 5)"],
    );
}

#[test]
fn no_header_row_points_at_the_border_to_change() {
    let page = assert_reports(
        "no_header_row.rst",
        &["codes/ErrorCode.rst:6:1: error: the error table has no header row"],
    );
    assert!(page.diagnostics[0]
        .help
        .as_deref()
        .unwrap()
        .contains("`+=====+=====+`"));
}

#[test]
fn required_column_missing() {
    let page = assert_reports(
        "missing_status_column.rst",
        &["codes/ErrorCode.rst:5:1: error: the error table has no status code column"],
    );
    assert_eq!(
        page.diagnostics[0].notes,
        ["the header names the columns `Error Code`, `Error Message`"]
    );
}

#[test]
fn key_cells_must_not_span() {
    assert_reports(
        "spanning_cells.rst",
        &[
            "codes/ErrorCode.rst:7:30: error: a cell of the error message column spans 2 rows",
            "codes/ErrorCode.rst:11:17: error: a cell of the error code column spans 2 columns",
        ],
    );
}

#[test]
fn empty_code_and_empty_message() {
    assert_reports(
        "empty_code_and_message.rst",
        &[
            "codes/ErrorCode.rst:7:16: error: empty error code",
            "codes/ErrorCode.rst:9:29: error: empty error message",
        ],
    );
}

#[test]
fn codes_with_white_space_or_non_ascii() {
    let page = assert_reports(
        "bad_code.rst",
        &[
            "codes/ErrorCode.rst:7:21: error: error code `CTS. 0214` has white space in it",
            "codes/ErrorCode.rst:9:23: error: error code `CTS.02é4` has a character that is not printable ASCII: 'é' (U+00E9)",
        ],
    );
    assert_eq!(
        page.diagnostics[0].help.as_deref(),
        Some("write the code without it: `CTS.0214`")
    );
}

#[test]
fn statuses_that_are_not_one_http_status() {
    let page = assert_reports(
        "bad_status.rst",
        &[
            "codes/ErrorCode.rst:7:3: error: status `400/404` is not an HTTP status code",
            "codes/ErrorCode.rst:9:3: error: status `4O4` is not an HTTP status code",
            "codes/ErrorCode.rst:11:3: error: status `N/A` is not an HTTP status code",
            "codes/ErrorCode.rst:13:3: error: status `400 Bad Request` is not an HTTP status code",
            "codes/ErrorCode.rst:15:3: error: status `99` is not an HTTP status code",
            "codes/ErrorCode.rst:17:3: error: status `600` is not an HTTP status code",
            "codes/ErrorCode.rst:19:2: error: empty HTTP status",
        ],
    );
    // The caret covers the whole value.
    assert!(page
        .render(PAGE)
        .contains("13 | | 400 Bad Request | CTS.0004"));
    assert!(page.render(PAGE).contains("   |   ^^^^^^^^^^^^^^^\n"));
}

#[test]
fn identical_duplicate_is_one_entry_and_a_warning() {
    let page = assert_reports(
        "duplicate_identical.rst",
        &["codes/ErrorCode.rst:11:17: warning: `CTS.0001` is listed twice, at lines 7 and 11, with identical rows"],
    );
    assert!(!page.has_errors());
    let codes: Vec<&str> = page.entries.iter().map(|e| e.code.as_str()).collect();
    assert_eq!(codes, ["CTS.0001", "CTS.0002"]);
    assert_eq!(page.entries[0].line, 7, "the first listing is kept");
}

#[test]
fn different_duplicate_is_an_error_saying_what_differs() {
    let page = assert_reports(
        "duplicate_different.rst",
        &["codes/ErrorCode.rst:9:17: error: `CTS.0001` is listed twice, at lines 7 and 9, with different rows"],
    );
    assert_eq!(
        page.diagnostics[0].notes,
        [
            r#"status at line 7: "400"; at line 9: "404""#,
            r#"message at line 7: "Aa"; at line 9: "A changed.""#
        ]
    );
}

#[test]
fn two_codes_with_the_same_name() {
    let page = assert_reports("same_name.rst", &[]);
    // Names are given with the lock: here an empty one.
    let codes = resolve(page, "");
    let errors: Vec<String> = codes
        .page
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.headline(PAGE))
        .collect();
    assert_eq!(
        errors,
        ["codes/ErrorCode.rst:7:17: error: `CTS.0001` and `CTS.0002` (line 9) would get the same variant name"]
    );
    assert!(codes.variants.is_empty(), "nothing to generate");
}

#[test]
fn reports_show_the_line_with_a_caret() {
    let page = fixture("bad_code.rst");
    let shown = page.render(PAGE);
    assert!(
        shown.starts_with(
            "codes/ErrorCode.rst:7:21: error: error code `CTS. 0214` has white space in it\n  |\n7 | | 400         | CTS. 0214  |"
        ),
        "{shown}"
    );
    assert!(shown.contains("\n  |                     ^\n"), "{shown}");
    assert!(
        shown.contains("  = help: write the code without it: `CTS.0214`\n"),
        "{shown}"
    );
}

#[test]
fn an_error_table_without_codes() {
    let page = assert_reports(
        "no_codes.rst",
        &["codes/ErrorCode.rst:1:1: error: the error table lists no codes"],
    );
    assert!(page.entries.is_empty());
}
