//! The doc model: from the page's tables to one checked entry per error code.
//!
//! The error table is every table whose header names a code column (a page may split its codes
//! over several). Columns are found by header name, with the aliases the documentation family
//! uses. Every problem is collected; the caller decides what to do with them.

use super::diagnostic::Diagnostic;
use super::reader::{Cell, Table, TableError, TableErrorKind, Tables};
use std::collections::BTreeMap;

/// One documented error code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub code: String,
    pub status: u16,
    pub message: String,
    pub description: String,
    pub solution: String,
    /// Where the code's cell is in the page (1-based).
    pub line: usize,
    pub column: u32,
}

/// What a column of the error table holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    Code,
    Status,
    Message,
    Description,
    Solution,
}

/// Each field, whether the table must have it, and the header names that mean it (compared
/// without regard to case or repeated white space).
const FIELDS: &[(Field, bool, &[&str])] = &[
    (Field::Code, true, &["Error Code", "Error Codes", "Code"]),
    (
        Field::Status,
        true,
        &[
            "Status Code",
            "HTTP Status Code",
            "Response Code",
            "HTTP Status",
            "Status",
        ],
    ),
    (
        Field::Message,
        true,
        &[
            "Error Message",
            "Message",
            "Error Information",
            "Error Info",
        ],
    ),
    (
        Field::Description,
        false,
        &["Description", "Error Description", "Error Code Description"],
    ),
    (
        Field::Solution,
        false,
        &[
            "Solution",
            "Handling Measure",
            "Measure",
            "Troubleshooting",
            "Solution Suggestion",
        ],
    ),
];

impl Field {
    fn spec(self) -> &'static (Field, bool, &'static [&'static str]) {
        FIELDS
            .iter()
            .find(|f| f.0 == self)
            .expect("every field is in FIELDS")
    }

    /// The usual header name, for messages.
    pub fn name(self) -> &'static str {
        self.spec().2[0]
    }

    fn accepted(self) -> String {
        self.spec()
            .2
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn normalise_header(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn field_of(header: &str) -> Option<Field> {
    let header = normalise_header(header);
    FIELDS
        .iter()
        .find(|(_, _, names)| names.iter().any(|n| n.to_lowercase() == header))
        .map(|f| f.0)
}

/// Where each grid position's cell is: `(row, index in that row)` of the cell covering it.
struct Grid<'a> {
    table: &'a Table,
    cover: Vec<Option<(usize, usize)>>,
}

impl<'a> Grid<'a> {
    fn new(table: &'a Table) -> Self {
        let mut cover = vec![None; table.rows.len() * table.cols];
        for (r, row) in table.rows.iter().enumerate() {
            for (i, cell) in row.iter().enumerate() {
                for rr in r..=r + cell.morerows {
                    for cc in cell.col..=cell.col + cell.morecols {
                        if let Some(slot) = cover.get_mut(rr * table.cols + cc) {
                            *slot = Some((r, i));
                        }
                    }
                }
            }
        }
        Grid { table, cover }
    }

    fn cell(&self, row: usize, col: usize) -> Option<&'a Cell> {
        let (r, i) = self
            .cover
            .get(row * self.table.cols + col)
            .copied()
            .flatten()?;
        Some(&self.table.rows[r][i])
    }

    /// Header text of a column: the header cells over it, top to bottom.
    fn header(&self, col: usize) -> String {
        let mut parts: Vec<&str> = Vec::new();
        for r in 0..self.table.header_rows {
            if let Some(cell) = self.cell(r, col) {
                if parts.last() != Some(&cell.text.as_str()) && !cell.text.is_empty() {
                    parts.push(&cell.text);
                }
            }
        }
        parts.join(" ")
    }

    /// The first row's texts, for tables without a header row.
    fn first_row(&self, col: usize) -> String {
        self.cell(0, col)
            .map(|c| c.text.clone())
            .unwrap_or_default()
    }
}

/// Turn the tables of a page into entries, with every problem found on the way.
pub fn entries(tables: &Tables) -> (Vec<Entry>, Vec<Diagnostic>) {
    let mut diags: Vec<Diagnostic> = tables.errors.iter().map(table_error).collect();
    let mut entries = Vec::new();
    let mut found_error_table = false;
    for table in &tables.tables {
        let grid = Grid::new(table);
        let headers: Vec<String> = (0..table.cols).map(|c| grid.header(c)).collect();
        if table.header_rows == 0 || !headers.iter().any(|h| field_of(h) == Some(Field::Code)) {
            continue;
        }
        found_error_table = true;
        let (before, errors_before) = (entries.len(), diags.len());
        read_error_table(&grid, &headers, &mut entries, &mut diags);
        // A table that gave no code and no report has nothing but empty rows: an empty page
        // would build an enum without variants and hide that the codes are missing.
        if entries.len() == before && diags[errors_before..].iter().all(|d| !d.is_error()) {
            diags.push(
                Diagnostic::error(table.line, table.col, "the error table lists no codes")
                    .width(table.colwidths.iter().sum::<usize>() + table.cols + 1)
                    .note(format!("the table at line {} has a header but no row with a code", table.line))
                    .help("fill in the rows of the error table (status, code, message), or check that this is the right page"),
            );
        }
    }
    if !found_error_table && tables.errors.is_empty() {
        diags.push(no_error_table(tables));
    }
    let entries = merge_duplicates(entries, &mut diags);
    (entries, diags)
}

/// Why there is no error table, pointing at the closest candidate.
fn no_error_table(tables: &Tables) -> Diagnostic {
    let codes = Field::Code.accepted();
    let Some(first) = tables.tables.first() else {
        return Diagnostic::error(1, 1, "no grid table in the page")
            .note("the error codes are read from a grid table (`+----+` borders) whose header names a code column")
            .help(format!("check that this is the \"Error Codes\" page; its table needs a header row with a column named one of {codes}"));
    };
    // A table whose first row names a code column but has no `+===+` line under it.
    for table in &tables.tables {
        let grid = Grid::new(table);
        if table.header_rows == 0
            && !table.rows.is_empty()
            && (0..table.cols).any(|c| field_of(&grid.first_row(c)) == Some(Field::Code))
        {
            let separator_line = table.row_lines.get(1).copied().unwrap_or(table.line);
            return Diagnostic::error(separator_line, table.col, "the error table has no header row")
                .width(table.colwidths.iter().sum::<usize>() + table.cols + 1)
                .note(format!("the table at line {} names a code column in its first row, but docutils reads that row as data", table.line))
                .help("make the border under the header row a head/body separator: `+=====+=====+` instead of `+-----+-----+`");
        }
    }
    let mut diag = Diagnostic::error(
        first.line,
        first.col,
        "no table whose header names a code column",
    )
    .width(first.colwidths.iter().sum::<usize>() + first.cols + 1);
    for table in &tables.tables {
        let grid = Grid::new(table);
        let names: Vec<String> = if table.header_rows > 0 {
            (0..table.cols)
                .map(|c| format!("`{}`", grid.header(c)))
                .collect()
        } else {
            Vec::new()
        };
        diag = diag.note(if names.is_empty() {
            format!("the table at line {} has no header row", table.line)
        } else {
            format!(
                "the table at line {} has the columns {}",
                table.line,
                names.join(", ")
            )
        });
    }
    diag.help(format!(
        "name the code column of the error table one of {codes}"
    ))
}

fn read_error_table(
    grid: &Grid,
    headers: &[String],
    entries: &mut Vec<Entry>,
    diags: &mut Vec<Diagnostic>,
) {
    let table = grid.table;
    let header_cell = |col: usize| grid.cell(table.header_rows - 1, col);
    // Which column holds which field.
    let mut columns: BTreeMap<Field, usize> = BTreeMap::new();
    for (col, header) in headers.iter().enumerate() {
        let cell = header_cell(col);
        let (line, column, width) =
            cell.map_or((table.line, table.col, 1), |c| (c.line, c.column, c.width));
        match field_of(header) {
            Some(field) => {
                if let Some(&other) = columns.get(&field) {
                    diags.push(
                        Diagnostic::error(line, column, format!("a second column for the {}", field.name().to_lowercase()))
                            .width(width)
                            .note(format!("column {} (`{}`) and column {} (`{header}`) both name it", other + 1, headers[other], col + 1))
                            .help("rename or remove one of the two columns"),
                    );
                } else {
                    columns.insert(field, col);
                }
            }
            None => diags.push(
                Diagnostic::warning(line, column, format!("column `{header}` is not read; its text is not in the generated code"))
                    .width(width)
                    .help(format!("the columns read are the code, status, message, description and solution, e.g. {}", FIELDS.iter().map(|f| format!("`{}`", f.2[0])).collect::<Vec<_>>().join(", "))),
            ),
        }
    }
    let mut missing = false;
    for &(field, required, _) in FIELDS {
        if required && !columns.contains_key(&field) {
            missing = true;
            let found: Vec<String> = headers.iter().map(|h| format!("`{h}`")).collect();
            diags.push(
                Diagnostic::error(
                    table.row_lines[0] + 1,
                    table.col,
                    format!(
                        "the error table has no {} column",
                        field.name().to_lowercase()
                    ),
                )
                .width(table.colwidths.iter().sum::<usize>() + table.cols + 1)
                .note(format!("the header names the columns {}", found.join(", ")))
                .help(format!("add a column named one of {}", field.accepted())),
            );
        }
    }
    if missing {
        return;
    }
    // A cell that spans in a key column is reported once, at the cell.
    let mut reported_spans: Vec<(usize, u32)> = Vec::new();
    for row in table.header_rows..table.rows.len() {
        let value = |field: Field| columns.get(&field).and_then(|&c| grid.cell(row, c));
        let row_is_empty =
            (0..table.cols).all(|c| grid.cell(row, c).is_none_or(|cell| cell.text.is_empty()));
        if row_is_empty {
            continue;
        }
        let mut ok = true;
        for field in [Field::Code, Field::Status, Field::Message] {
            let Some(cell) = value(field) else { continue };
            if cell.morerows == 0 && cell.morecols == 0 {
                continue;
            }
            ok = false;
            if !reported_spans.contains(&(cell.line, cell.column)) {
                reported_spans.push((cell.line, cell.column));
                let spans = match (cell.morerows, cell.morecols) {
                    (0, c) => format!("{} columns", c + 1),
                    (r, 0) => format!("{} rows", r + 1),
                    (r, c) => format!("{} rows and {} columns", r + 1, c + 1),
                };
                diags.push(
                    Diagnostic::error(
                        cell.line,
                        cell.column,
                        format!(
                            "a cell of the {} column spans {spans}",
                            field.name().to_lowercase()
                        ),
                    )
                    .width(cell.width)
                    .note("each error code needs its own row with its own code, status and message")
                    .help("split the cell: give every row its own cell in this column"),
                );
            }
        }
        if !ok {
            continue;
        }
        let text = |field: Field| value(field).map(|c| c.text.clone()).unwrap_or_default();
        let code_cell = value(Field::Code).expect("the code column exists");
        let status_cell = value(Field::Status).expect("the status column exists");
        let message_cell = value(Field::Message).expect("the message column exists");
        let mut row_ok = check_code(code_cell, diags);
        let status = check_status(status_cell, diags);
        if message_cell.text.is_empty() {
            row_ok = false;
            diags.push(
                Diagnostic::error(
                    message_cell.line,
                    message_cell.column,
                    "empty error message",
                )
                .note(format!(
                    "the row of `{}` has no text in its message column",
                    code_cell.text
                ))
                .help("write the documented message into the cell"),
            );
        }
        if let (true, Some(status)) = (row_ok, status) {
            entries.push(Entry {
                code: code_cell.text.clone(),
                status,
                message: message_cell.text.clone(),
                description: text(Field::Description),
                solution: text(Field::Solution),
                line: code_cell.line,
                column: code_cell.column,
            });
        }
    }
}

/// A code is one word of printable ASCII.
fn check_code(cell: &Cell, diags: &mut Vec<Diagnostic>) -> bool {
    let code = &cell.text;
    if code.is_empty() {
        diags.push(
            Diagnostic::error(cell.line, cell.column, "empty error code")
                .note("every row of the error table documents one code")
                .help("write the code into the cell, e.g. `CTS.0214`, or remove the row"),
        );
        return false;
    }
    // The position of a character of the code, when it is on the cell's first line.
    let at = |i: usize| cell.column + code.chars().take(i).count() as u32;
    if let Some(i) = code.find(char::is_whitespace) {
        let fixed: String = code.split_whitespace().collect();
        diags.push(
            Diagnostic::error(
                cell.line,
                at(i),
                format!("error code `{}` has white space in it", code.escape_debug()),
            )
            .note("an API returns codes without white space, so this one could never match")
            .help(format!("write the code without it: `{fixed}`")),
        );
        return false;
    }
    if let Some((i, c)) = code.char_indices().find(|&(_, c)| !c.is_ascii_graphic()) {
        diags.push(
            Diagnostic::error(cell.line, at(i), format!("error code `{}` has a character that is not printable ASCII: {:?} (U+{:04X})", code.escape_debug(), c, c as u32))
                .note("codes are compared byte for byte; a look-alike or invisible character would never match what the API returns")
                .help("retype the code with ASCII letters, digits and punctuation only"),
        );
        return false;
    }
    true
}

/// A status is one integer from 100 to 599.
fn check_status(cell: &Cell, diags: &mut Vec<Diagnostic>) -> Option<u16> {
    let text = cell.text.as_str();
    let parsed = if !text.is_empty() && text.len() <= 3 && text.bytes().all(|b| b.is_ascii_digit())
    {
        text.parse::<u16>().ok().filter(|s| (100..=599).contains(s))
    } else {
        None
    };
    if parsed.is_none() {
        let what = if text.is_empty() {
            "empty HTTP status".to_string()
        } else {
            format!(
                "status `{}` is not an HTTP status code",
                text.escape_debug()
            )
        };
        diags.push(
            Diagnostic::error(cell.line, cell.column, what)
                .width(cell.width)
                .note("the status column holds the one HTTP status the API answers with for this code")
                .help("write the status as one integer from 100 to 599, e.g. `404`; a code returned with two statuses needs two codes"),
        );
    }
    parsed
}

/// One entry per code, sorted by code. Identical repeats are a warning, different ones an error.
fn merge_duplicates(mut entries: Vec<Entry>, diags: &mut Vec<Diagnostic>) -> Vec<Entry> {
    // A stable sort keeps the first listing of each code first.
    entries.sort_by(|a, b| a.code.cmp(&b.code));
    let mut out: Vec<Entry> = Vec::with_capacity(entries.len());
    for entry in entries {
        let Some(first) = out.last().filter(|e| e.code == entry.code) else {
            out.push(entry);
            continue;
        };
        let fields: [(&str, String, String); 4] = [
            ("status", first.status.to_string(), entry.status.to_string()),
            ("message", first.message.clone(), entry.message.clone()),
            (
                "description",
                first.description.clone(),
                entry.description.clone(),
            ),
            ("solution", first.solution.clone(), entry.solution.clone()),
        ];
        let differ: Vec<_> = fields.iter().filter(|(_, a, b)| a != b).collect();
        if differ.is_empty() {
            diags.push(
                Diagnostic::warning(entry.line, entry.column, format!("`{}` is listed twice, at lines {} and {}, with identical rows", entry.code, first.line, entry.line))
                    .width(entry.code.chars().count())
                    .help(format!("the code is generated once; remove the row at line {} from the page to silence this", entry.line)),
            );
        } else {
            let mut diag = Diagnostic::error(
                entry.line,
                entry.column,
                format!(
                    "`{}` is listed twice, at lines {} and {}, with different rows",
                    entry.code, first.line, entry.line
                ),
            )
            .width(entry.code.chars().count());
            for (name, a, b) in differ {
                diag = diag.note(format!(
                    "{name} at line {}: {a:?}; at line {}: {b:?}",
                    first.line, entry.line
                ));
            }
            diags.push(diag.help("keep one row per code: remove or correct one of them"));
        }
    }
    out
}

/// A reader message as a report with a fix.
fn table_error(e: &TableError) -> Diagnostic {
    let at = |msg: String| Diagnostic::error(e.line, e.column, msg);
    let start = e.table_line;
    match &e.kind {
        TableErrorKind::BottomBorder => at(format!("malformed table: bottom border missing or corrupt (the table starts at line {start})"))
            .note("docutils: \"Malformed table. Bottom border missing or corrupt.\"")
            .help("end the table with a border line like its top one, `+-----+-----+`, followed by a blank line"),
        TableErrorKind::RightBorder { expected, found } => at(format!("malformed table: right border not aligned or missing (the table starts at line {start})"))
            .note(format!("this line is {found} columns wide; the top border is {expected}; wide (East Asian) characters count two columns"))
            .help(format!("make every line of the table {expected} columns wide and end it with `|` or `+` under the top border's last `+`")),
        TableErrorKind::ParseIncomplete => at("malformed table: parse incomplete".to_string())
            .width(1)
            .note("docutils: \"Malformed table; parse incomplete.\": some cells are not closed rectangles of `+`, `-` and `|`")
            .help("check that every `+` of the borders lines up with the `|` and `+` above and below it"),
        TableErrorKind::MultipleSeparators { first, second } => at(format!("malformed table: a second head/body separator (table lines {first} and {second})"))
            .note("only one `+===+` line is allowed: it ends the header rows")
            .help("turn this line into an ordinary border: `=` → `-`"),
        TableErrorKind::UnexpectedIndentation => at(format!("unexpected indentation inside the table that starts at line {start}"))
            .note("an indented line ends the table block; the rows after it are lost")
            .help("start every line of the table at the same column as its top border"),
        TableErrorKind::BlankLineRequired => at(format!("the table that starts at line {start} ends before this line"))
            .note("docutils: \"Blank line required after table.\": this line and those after it are not part of the table")
            .help("if this line belongs to the table, make it a table line (start with `|` or `+`, align the borders); otherwise put a blank line before it"),
        TableErrorKind::LineTooLong { limit } => at(format!("line longer than {limit} characters"))
            .note("docutils reads nothing of a page with such a line")
            .help("break the line; tables can hold long text across several lines of a cell"),
    }
}
