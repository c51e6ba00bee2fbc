//! Grid tables read the way docutils 0.23.1 reads them.
//!
//! The rules, with the docutils source they come from, are in `shared/grid-tables.md`; the section
//! numbers below (§N) refer to it. In short: find where a grid table may start in the page's block
//! structure (§2), cut its block out (§3), then run docutils' corner-scanning `GridTableParser`
//! (§5-§7) on it, with East Asian wide characters padded to two columns and combining characters
//! counted as zero (§4). Each cell keeps its lines and where its text starts in the file.

use super::source::{is_combining, is_py_space, is_wide, Line, Source};
use super::text::{explicit_markup, plain_text, ADMONITIONS};
use std::borrow::Cow;

/// docutils pads every wide character with this so that one string index is one column (§3.2).
const PAD: char = '\0';

/// A grid table found in the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// 1-based line of the top border.
    pub line: usize,
    /// 1-based column of the top border's first `+` in the file.
    pub col: u32,
    /// Number of rows above the `+===+` separator (0 when there is none).
    pub header_rows: usize,
    /// Number of grid columns.
    pub cols: usize,
    /// Width of each grid column in display columns.
    pub colwidths: Vec<usize>,
    /// File line of each row boundary: `row_lines[r]` is the border above row `r`.
    pub row_lines: Vec<usize>,
    /// The rows; each lists the cells that start in it, ordered by column, as docutils does.
    pub rows: Vec<Vec<Cell>>,
}

/// One cell of a grid table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    /// Grid row and column where the cell starts.
    pub row: usize,
    pub col: usize,
    /// How many further rows and columns the cell spans.
    pub morerows: usize,
    pub morecols: usize,
    /// The cell's lines as docutils hands them to its nested parser (common indentation removed).
    pub lines: Vec<String>,
    /// The plain text: inline markup removed, paragraph lines joined by one space, paragraphs
    /// and list items separated by a blank line (see [`plain_text`]).
    pub text: String,
    /// 1-based line and column in the file of the cell's first character of text (for an empty
    /// cell: of its inside, just after the left border).
    pub line: usize,
    pub column: u32,
    /// Length in characters of the text on that first line, at least 1 (for carets).
    pub width: usize,
}

/// A table docutils would reject, or another message docutils gives around a table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableError {
    pub kind: TableErrorKind,
    /// 1-based line of the table's top border.
    pub table_line: usize,
    /// Where in the file the problem is (1-based line and column).
    pub line: usize,
    pub column: u32,
    /// The line docutils gives its message (its own arithmetic, quirks included: a missing
    /// bottom border is reported at a line counted from a leftover loop index, §9), for
    /// comparing with docutils.
    pub docutils_line: usize,
}

/// The classes of docutils' messages about grid tables (§9).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TableErrorKind {
    /// `Bottom border missing or corrupt.`
    BottomBorder,
    /// `Right border not aligned or missing.`; `expected` is the width of the top border.
    RightBorder { expected: usize, found: usize },
    /// `Malformed table; parse incomplete.` (also given where docutils itself crashes on an
    /// assertion: overlapping cells).
    ParseIncomplete,
    /// `Multiple head/body row separators (table lines A and B); only one allowed.`
    MultipleSeparators { first: usize, second: usize },
    /// `Unexpected indentation.` inside the table block: the block ends there.
    UnexpectedIndentation,
    /// `Blank line required after table.`: the table ended before a line that does not belong
    /// to it; that line and what follows are not part of the table.
    BlankLineRequired,
    /// `Line N exceeds the line-length-limit.`: docutils reads nothing of such a page.
    LineTooLong { limit: usize },
}

impl TableErrorKind {
    /// docutils' own wording of the message.
    pub fn docutils_text(&self) -> String {
        match self {
            Self::BottomBorder => "Malformed table.\nBottom border missing or corrupt.".into(),
            Self::RightBorder { .. } => {
                "Malformed table.\nRight border not aligned or missing.".into()
            }
            Self::ParseIncomplete => "Malformed table.\nMalformed table; parse incomplete.".into(),
            Self::MultipleSeparators { first, second } => format!(
                "Malformed table.\nMultiple head/body row separators (table lines {first} and \
                 {second}); only one allowed."
            ),
            Self::UnexpectedIndentation => "Unexpected indentation.".into(),
            Self::BlankLineRequired => "Blank line required after table.".into(),
            Self::LineTooLong { .. } => "Line exceeds the line-length-limit.".into(),
        }
    }
}

/// Every grid table of a page, and every message docutils gives about them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tables {
    pub tables: Vec<Table>,
    pub errors: Vec<TableError>,
}

/// Read every grid table of the page.
pub fn read_tables(source: &Source) -> Tables {
    let mut out = Tables::default();
    if let Some(n) = source
        .lines
        .iter()
        .position(|l| l.chars.len() > super::source::LINE_LENGTH_LIMIT)
    {
        out.errors.push(TableError {
            kind: TableErrorKind::LineTooLong {
                limit: super::source::LINE_LENGTH_LIMIT,
            },
            table_line: n + 1,
            line: n + 1,
            column: source.lines[n].col(super::source::LINE_LENGTH_LIMIT),
            docutils_line: n + 1,
        });
        return out;
    }
    let mut scanner = BodyScanner {
        lines: &source.lines,
        indents: Indents::new(&source.lines),
        out: &mut out,
        blocks: vec![(0, source.lines.len(), 0)],
    };
    // Nested blocks wait on a stack instead of a recursion, so no nesting depth can overflow
    // the stack; what they find is put back in page order.
    while let Some((start, end, indent)) = scanner.blocks.pop() {
        scanner.body(start, end, indent);
    }
    out.tables.sort_by_key(|t| t.line);
    out.errors.sort_by_key(|e| (e.line, e.docutils_line));
    out
}

/// The indentation of every line in a segment tree of range minima, so that the end and the
/// indentation of an indented block are found in O(log n) whatever the nesting (a naive scan is
/// quadratic on a page whose lines indent one more each). A tree, not a sparse table: it takes
/// two `u32`s a line, where a sparse table takes log2(n) words a line (14 MB at 100,000 lines,
/// which made reading a large page slower per byte than a small one).
struct Indents {
    /// Node `k` holds the least indentation below it; the leaves, from `leaves` on, are the
    /// lines' own (blank lines and the padding count as `u32::MAX`: they neither end nor
    /// indent a block).
    tree: Vec<u32>,
    /// The number of leaves: a power of two, at least the number of lines.
    leaves: usize,
    /// `text_end[m]`: one past the last non-blank line before line `m` (0 when none).
    text_end: Vec<usize>,
}

impl Indents {
    fn new(lines: &[Line]) -> Indents {
        let leaves = lines.len().next_power_of_two();
        let mut tree = vec![u32::MAX; 2 * leaves];
        let mut text_end = Vec::with_capacity(lines.len() + 1);
        let mut last = 0;
        for (i, l) in lines.iter().enumerate() {
            text_end.push(last);
            if !l.is_blank() {
                tree[leaves + i] = u32::try_from(l.indent()).unwrap_or(u32::MAX);
                last = i + 1;
            }
        }
        text_end.push(last);
        for k in (1..leaves).rev() {
            tree[k] = tree[2 * k].min(tree[2 * k + 1]);
        }
        Indents {
            tree,
            leaves,
            text_end,
        }
    }

    /// The indentation of line `n` (`usize::MAX` for a blank line).
    fn of(&self, n: usize) -> usize {
        widen(self.tree[self.leaves + n])
    }

    /// The least indentation of the non-blank lines `a..b` (`usize::MAX` when there are none).
    fn min(&self, a: usize, b: usize) -> usize {
        let (mut l, mut r) = (a + self.leaves, b + self.leaves);
        let mut least = u32::MAX;
        while l < r {
            if l & 1 == 1 {
                least = least.min(self.tree[l]);
                l += 1;
            }
            if r & 1 == 1 {
                r -= 1;
                least = least.min(self.tree[r]);
            }
            l /= 2;
            r /= 2;
        }
        widen(least)
    }

    /// The first line of `a..b` indented by at most `limit`, or `b`.
    fn first_at_most(&self, a: usize, b: usize, limit: usize) -> usize {
        if a >= b {
            return b;
        }
        let limit = u32::try_from(limit).unwrap_or(u32::MAX - 1);
        // Up from line `a` to the first subtree, left to right, that holds such a line...
        let mut node = a + self.leaves;
        while self.tree[node] > limit {
            while node & 1 == 1 {
                node /= 2;
            }
            if node == 0 {
                return b; // past the root: no line from `a` on
            }
            node += 1;
        }
        // ...then down to its leftmost such line.
        while node < self.leaves {
            node *= 2;
            if self.tree[node] > limit {
                node += 1;
            }
        }
        (node - self.leaves).min(b)
    }
}

/// A stored indentation as `usize`, blank lines staying the largest value.
fn widen(indent: u32) -> usize {
    if indent == u32::MAX {
        usize::MAX
    } else {
        indent as usize
    }
}

/// Directives besides the admonitions whose content docutils parses as reStructuredText, so a
/// grid table in it is read. The content of any other directive (code blocks, raw, csv-table,
/// ...) and of comments is not.
const RST_CONTENT_DIRECTIVES: &[&str] = &[
    "table",
    "figure",
    "topic",
    "sidebar",
    "container",
    "only",
    "compound",
    "epigraph",
    "highlights",
    "pull-quote",
    "rst-class",
    "class",
];

/// Walks the page's block structure far enough to know where docutils' Body state would see the
/// top border of a grid table: after a blank line, at the start of a block, after a section title
/// or another table, and inside block quotes, list items and directives whose content is
/// reStructuredText; not inside a paragraph, a literal block, a comment or a code directive.
struct BodyScanner<'a> {
    lines: &'a [Line],
    indents: Indents,
    out: &'a mut Tables,
    /// Blocks still to read: `(start, end, indent)`.
    blocks: Vec<(usize, usize, usize)>,
}

impl BodyScanner<'_> {
    /// The characters of line `n` seen from a block indented by `indent`.
    fn rel(&self, n: usize, indent: usize) -> &[char] {
        self.lines[n].chars.get(indent..).unwrap_or(&[])
    }

    fn is_blank(&self, n: usize, indent: usize) -> bool {
        self.rel(n, indent).is_empty()
    }

    /// Indentation of non-blank line `n` beyond the block's `indent`.
    fn rel_indent(&self, n: usize, indent: usize) -> usize {
        self.indents.of(n).saturating_sub(indent)
    }

    /// Parse the lines `start..end`, all indented by at least `indent`, as body elements.
    fn body(&mut self, start: usize, end: usize, indent: usize) {
        let mut n = start;
        // Whether the previous paragraph ended with `::`, making the next indented block literal.
        let mut literal_next = false;
        while n < end {
            if self.is_blank(n, indent) {
                n += 1;
                continue;
            }
            if self.rel_indent(n, indent) > 0 {
                let block_end = self.indented_block_end(n, end, indent);
                if !std::mem::take(&mut literal_next) {
                    let inner = self.indents.min(n, block_end);
                    self.blocks.push((n, block_end, inner));
                }
                n = block_end;
                continue;
            }
            literal_next = false;
            let line = self.rel(n, indent);
            if is_grid_top(line) {
                n = self.table(n, end, indent);
                continue;
            }
            let text: String = if line.starts_with(&['.', '.']) {
                line.iter().collect()
            } else {
                String::new()
            };
            if let Some(directive) = explicit_markup(&text) {
                let name = directive.map(|(name, _)| name);
                let block_end = self.indented_block_end(n + 1, end, indent);
                let rst_content =
                    |d: &str| ADMONITIONS.contains(&d) || RST_CONTENT_DIRECTIVES.contains(&d);
                if name.is_some_and(|d| rst_content(&d)) && block_end > n + 1 {
                    let inner = self.indents.min(n + 1, block_end);
                    self.blocks.push((n + 1, block_end, inner));
                }
                n = block_end;
                continue;
            }
            // A paragraph (or section title, field list, line block...): text up to a blank
            // line or an indented line. A table border inside it is paragraph text (§2).
            let mut m = n + 1;
            while m < end && !self.is_blank(m, indent) && self.rel_indent(m, indent) == 0 {
                if m == n + 1 && is_underline(self.rel(m, indent)) {
                    // A section title: a table may follow its underline directly.
                    m += 1;
                    break;
                }
                m += 1;
            }
            let last = self.rel(m - 1, indent);
            literal_next = last.ends_with(&[':', ':']);
            n = m;
        }
    }

    /// End of the indented block starting at `n`: it runs up to the first non-blank line that is
    /// not indented relative to `indent`; trailing blank lines are not part of it.
    fn indented_block_end(&self, n: usize, end: usize, indent: usize) -> usize {
        let stop = self.indents.first_at_most(n, end, indent);
        self.indents.text_end[stop].max(n)
    }

    /// Isolate and parse the grid table whose top border is line `start` (§3); returns the line
    /// at which the body continues.
    fn table(&mut self, start: usize, end: usize, indent: usize) -> usize {
        // get_text_block(flush_left=True): up to a blank line; an indented line ends it early.
        let mut stop = start;
        let mut blank_finish = true;
        while stop < end && !self.is_blank(stop, indent) {
            if self.rel_indent(stop, indent) > 0 {
                self.out.errors.push(TableError {
                    kind: TableErrorKind::UnexpectedIndentation,
                    table_line: start + 1,
                    line: stop + 1,
                    column: self.lines[stop].col(indent),
                    docutils_line: stop + 1,
                });
                blank_finish = false;
                break;
            }
            stop += 1;
        }
        let mut block: Vec<BlockLine> = (start..stop)
            .map(|n| BlockLine::new(n, &self.lines[n], indent))
            .collect();
        let mut resume = stop;
        let width = block[0].chars.len();
        // docutils' loop index after its left-edge check, which its bottom-border message uses.
        let mut leftover = block.len() - 1;
        // Left edge: the block ends at the first line that does not start with `+` or `|`.
        if let Some(i) = block.iter().position(|l| !matches!(l.chars[0], '+' | '|')) {
            block.truncate(i);
            blank_finish = false;
            resume = start + i;
            leftover = i;
        }
        // The first line of docutils' messages about this table, 0-based: two lines early when
        // its bottom-border search backed up too far (§3.4).
        let mut message_start = start;
        // Bottom: the last line must be a border; else the lowest border from the second-last
        // line up to the third is taken and the lines after it are parsed again as body.
        if !is_grid_top(&block[block.len() - 1].chars) {
            let len = block.len();
            match (2..len.saturating_sub(1))
                .rev()
                .find(|&i| is_grid_top(&block[i].chars))
            {
                Some(i) => {
                    block.truncate(i + 1);
                    blank_finish = false;
                    // docutils backs up one line too many here (§3.4): the line above the border
                    // is parsed again after the table.
                    resume = start + i - 1;
                    message_start = start.saturating_sub(2);
                }
                None => {
                    // docutils gives the line of a leftover loop index (§9); pointing at the
                    // last line of the block, where a border was expected, helps more.
                    let last = &block[block.len() - 1];
                    let offset = if len >= 4 { 2 } else { leftover };
                    self.out.errors.push(TableError {
                        kind: TableErrorKind::BottomBorder,
                        table_line: start + 1,
                        line: last.line,
                        column: last.col(0),
                        docutils_line: start + 1 + offset,
                    });
                    return self.after_table(start, resume, blank_finish, end, indent);
                }
            }
        }
        // Right edge: every line as wide as the top border, ending in `+` or `|`.
        for (offset, l) in block.iter().enumerate() {
            let stripped = if l.source.simple {
                l.chars.len()
            } else {
                l.chars.iter().filter(|c| !is_combining(**c)).count()
            };
            if stripped != width || !matches!(l.chars.last(), Some('+' | '|')) {
                let at = l.chars.len().min(width).saturating_sub(1);
                self.out.errors.push(TableError {
                    kind: TableErrorKind::RightBorder {
                        expected: width,
                        found: stripped,
                    },
                    table_line: start + 1,
                    line: l.line,
                    column: l.col(at),
                    docutils_line: message_start + 1 + offset,
                });
                return self.after_table(start, resume, blank_finish, end, indent);
            }
        }
        let positions: Vec<(usize, u32)> = block.iter().map(|l| (l.line, l.col(0))).collect();
        match GridParser::parse(block) {
            Ok(table) => self.out.tables.push(table),
            Err((kind, offset)) => self.out.errors.push(TableError {
                kind,
                table_line: start + 1,
                line: positions[offset].0,
                column: positions[offset].1,
                docutils_line: message_start + 1 + offset,
            }),
        }
        self.after_table(start, resume, blank_finish, end, indent)
    }

    fn after_table(
        &mut self,
        start: usize,
        resume: usize,
        blank_finish: bool,
        end: usize,
        indent: usize,
    ) -> usize {
        if !blank_finish && resume < end {
            self.out.errors.push(TableError {
                kind: TableErrorKind::BlankLineRequired,
                table_line: start + 1,
                line: resume + 1,
                column: self.lines[resume].col(indent),
                docutils_line: resume + 1,
            });
        }
        resume
    }
}

/// `\+-[-+]+-\+ *$` matched at the start of a line (§2); trailing blanks are already stripped.
fn is_grid_top(line: &[char]) -> bool {
    border_like(line, '-')
}

/// `\+=[=+]+=\+ *$`: the head/body separator (§5).
fn is_separator(line: &[char]) -> bool {
    border_like(line, '=')
}

fn border_like(line: &[char], fill: char) -> bool {
    let mut end = line.len();
    while end > 0 && line[end - 1] == ' ' {
        end -= 1;
    }
    let line = &line[..end];
    line.len() >= 5
        && line[0] == '+'
        && line[1] == fill
        && line[end - 2] == fill
        && line[end - 1] == '+'
        && line[2..end - 2].iter().all(|&c| c == fill || c == '+')
}

/// A section underline: one punctuation character repeated (at least twice).
fn is_underline(line: &[char]) -> bool {
    line.len() >= 2 && line[0].is_ascii_punctuation() && line.iter().all(|&c| c == line[0])
}

/// One line of a table block: padded for wide characters, with file positions.
#[derive(Clone, Debug)]
struct BlockLine<'a> {
    /// 1-based line in the file.
    line: usize,
    /// The characters from the table's left edge on; borrowed unless padding changed them.
    chars: Cow<'a, [char]>,
    /// The source line and the table's indentation in it, for file columns.
    source: &'a Line,
    indent: usize,
    /// File columns of the padded characters, only where padding moved them.
    padded_cols: Option<Vec<u32>>,
}

impl<'a> BlockLine<'a> {
    fn new(n: usize, line: &'a Line, indent: usize) -> Self {
        let rest = &line.chars[indent..];
        let (chars, padded_cols) = if line.simple || !rest.iter().any(|&c| is_wide(c)) {
            (Cow::Borrowed(rest), None)
        } else {
            let mut chars = Vec::with_capacity(rest.len() + 8);
            let mut cols = Vec::with_capacity(rest.len() + 8);
            for (i, &c) in rest.iter().enumerate() {
                let col = line.col(indent + i);
                chars.push(c);
                cols.push(col);
                if is_wide(c) {
                    chars.push(PAD);
                    cols.push(col);
                }
            }
            (Cow::Owned(chars), Some(cols))
        };
        BlockLine {
            line: n + 1,
            chars,
            source: line,
            indent,
            padded_cols,
        }
    }

    /// The file column of character `i` (or of the last one, past the end).
    fn col(&self, i: usize) -> u32 {
        let i = i.min(self.chars.len().saturating_sub(1));
        match &self.padded_cols {
            Some(cols) => cols.get(i).copied().unwrap_or(1),
            None => self.source.col(self.indent + i),
        }
    }
}

/// docutils' `GridTableParser` (§5-§7), on a block whose edges were checked.
struct GridParser<'a> {
    block: Vec<BlockLine<'a>>,
    /// Lines with combining characters, without them: what the corner scan reads there.
    stripped: Vec<Option<Vec<char>>>,
    bottom: usize,
    right: usize,
    done: Vec<isize>,
    rowseps: Vec<bool>,
    colseps: Vec<bool>,
    cells: Vec<(usize, usize, usize, usize)>,
}

type ParseError = (TableErrorKind, usize);

impl<'a> GridParser<'a> {
    fn parse(mut block: Vec<BlockLine<'a>>) -> Result<Table, ParseError> {
        // The head/body separator: only one, rewritten to an ordinary border (§5).
        let mut separator = None;
        for (i, line) in block.iter_mut().enumerate() {
            if is_separator(&line.chars) {
                if let Some(first) = separator {
                    let kind = TableErrorKind::MultipleSeparators {
                        first: first + 1,
                        second: i + 1,
                    };
                    return Err((kind, i));
                }
                separator = Some(i);
                for c in line.chars.to_mut() {
                    if *c == '=' {
                        *c = '-';
                    }
                }
            }
        }
        let width = block[0].chars.len();
        let stripped = block
            .iter()
            .map(|l| {
                let combining = !l.source.simple && l.chars.iter().any(|&c| is_combining(c));
                combining.then(|| {
                    l.chars
                        .iter()
                        .copied()
                        .filter(|&c| !is_combining(c))
                        .collect()
                })
            })
            .collect();
        let bottom = block.len() - 1;
        let rows = block.len();
        let mut parser = GridParser {
            block,
            stripped,
            bottom,
            right: width - 1,
            done: vec![-1; width],
            rowseps: vec![false; rows],
            colseps: vec![false; width],
            cells: Vec::new(),
        };
        parser.rowseps[0] = true;
        parser.colseps[0] = true;
        parser.scan()?;
        parser.structure(separator)
    }

    /// Row `row` as the corner scan reads it.
    fn line(&self, row: usize) -> &[char] {
        match self.stripped.get(row) {
            Some(Some(stripped)) => stripped,
            Some(None) => &self.block[row].chars,
            None => &[],
        }
    }

    fn at(&self, row: usize, col: usize) -> char {
        let line = self.line(row);
        if col < line.len() {
            line[col]
        } else {
            ' '
        }
    }

    // The loops below index slices in `while` loops instead of using iterator adaptors: the
    // build script runs unoptimised in every dependent's build, where each adaptor and `Option`
    // combinator is a function call per character (this keeps 10,000 codes under a second).

    /// The corner queue (§6): trace the cell at each upper-left corner, top to bottom.
    fn scan(&mut self) -> Result<(), ParseError> {
        let mut corners = std::collections::BTreeSet::from([(0usize, 0usize)]);
        while let Some((top, left)) = corners.pop_first() {
            if top == self.bottom || left == self.right || top as isize <= self.done[left] {
                continue;
            }
            let Some((bottom, right)) = self.scan_right(top, left) else {
                continue;
            };
            let mut c = left;
            while c < right {
                // docutils asserts here and crashes on some malformed layouts; it is a
                // malformed table all the same (§6, "Crash").
                if self.done[c] != top as isize - 1 {
                    return Err((TableErrorKind::ParseIncomplete, 0));
                }
                self.done[c] = bottom as isize - 1;
                c += 1;
            }
            self.cells.push((top, left, bottom, right));
            corners.insert((top, right));
            corners.insert((bottom, left));
        }
        if self.done[..self.right]
            .iter()
            .any(|&d| d != self.bottom as isize - 1)
        {
            return Err((TableErrorKind::ParseIncomplete, 0));
        }
        Ok(())
    }

    fn scan_right(&mut self, top: usize, left: usize) -> Option<(usize, usize)> {
        let mut colseps = Vec::new();
        let line = self.line(top);
        let end = self.right.min(line.len().saturating_sub(1));
        let mut i = left + 1;
        while i <= end {
            match line[i] {
                '+' => {
                    colseps.push(i);
                    if let Some((bottom, rowseps, more)) = self.scan_down(top, left, i) {
                        for c in colseps.into_iter().chain(more) {
                            self.colseps[c] = true;
                        }
                        for r in rowseps {
                            self.rowseps[r] = true;
                        }
                        return Some((bottom, i));
                    }
                }
                '-' => {}
                _ => return None,
            }
            i += 1;
        }
        None
    }

    fn scan_down(
        &self,
        top: usize,
        left: usize,
        right: usize,
    ) -> Option<(usize, Vec<usize>, Vec<usize>)> {
        let mut rowseps = Vec::new();
        let mut i = top + 1;
        while i <= self.bottom {
            match self.at(i, right) {
                '+' => {
                    rowseps.push(i);
                    if let Some((more_rows, colseps)) = self.scan_left(top, left, i, right) {
                        rowseps.extend(more_rows);
                        return Some((i, rowseps, colseps));
                    }
                }
                '|' => {}
                _ => return None,
            }
            i += 1;
        }
        None
    }

    fn scan_left(
        &self,
        top: usize,
        left: usize,
        bottom: usize,
        right: usize,
    ) -> Option<(Vec<usize>, Vec<usize>)> {
        let mut colseps = Vec::new();
        let line = self.line(bottom);
        if right > line.len() || self.at(bottom, left) != '+' {
            return None;
        }
        let mut i = right - 1;
        while i > left {
            match line[i] {
                '+' => colseps.push(i),
                '-' => {}
                _ => return None,
            }
            i -= 1;
        }
        let mut rowseps = Vec::new();
        let mut i = bottom - 1;
        while i > top {
            match self.at(i, left) {
                '+' => rowseps.push(i),
                '|' => {}
                _ => return None,
            }
            i -= 1;
        }
        Some((rowseps, colseps))
    }

    /// Rows, spans and cell contents from the traced cells (§7, §8).
    fn structure(&self, separator: Option<usize>) -> Result<Table, ParseError> {
        let row_bounds: Vec<usize> = (0..self.rowseps.len())
            .filter(|&r| self.rowseps[r])
            .collect();
        let col_bounds: Vec<usize> = (0..self.colseps.len())
            .filter(|&c| self.colseps[c])
            .collect();
        let row_index = |r: usize| row_bounds.binary_search(&r).ok();
        let col_index = |c: usize| col_bounds.binary_search(&c).ok();
        let nrows = row_bounds.len().saturating_sub(1);
        let ncols = col_bounds.len().saturating_sub(1);
        let mut used = vec![false; nrows * ncols];
        let mut rows: Vec<Vec<Cell>> = vec![Vec::new(); nrows];
        for &(top, left, bottom, right) in &self.cells {
            let incomplete = (TableErrorKind::ParseIncomplete, 0);
            let (row, col) = (
                row_index(top).ok_or(incomplete.clone())?,
                col_index(left).ok_or(incomplete.clone())?,
            );
            let morerows = row_index(bottom).ok_or(incomplete.clone())? - row - 1;
            let morecols = col_index(right).ok_or(incomplete.clone())? - col - 1;
            for r in row..=row + morerows {
                for c in col..=col + morecols {
                    // docutils asserts every grid position is used exactly once.
                    if std::mem::replace(&mut used[r * ncols + c], true) {
                        return Err(incomplete);
                    }
                }
            }
            rows[row].push(self.cell((top, left, bottom, right), (row, col, morerows, morecols)));
        }
        if used.iter().any(|u| !u) {
            return Err((TableErrorKind::ParseIncomplete, 0));
        }
        for row in &mut rows {
            row.sort_by_key(|c| c.col);
        }
        let header_rows = separator.and_then(row_index).unwrap_or(0);
        Ok(Table {
            line: self.block[0].line,
            col: self.block[0].col(0),
            header_rows,
            cols: ncols,
            colwidths: col_bounds.windows(2).map(|w| w[1] - w[0] - 1).collect(),
            row_lines: row_bounds.iter().map(|&r| self.block[r].line).collect(),
            rows,
        })
    }

    /// docutils' `get_2D_block(top + 1, left + 1, bottom, right)` with the padding removed.
    fn cell(
        &self,
        (top, left, bottom, right): (usize, usize, usize, usize),
        (row, col, morerows, morecols): (usize, usize, usize, usize),
    ) -> Cell {
        // Each line cut to the cell as a range of the block line, trailing blanks removed.
        let mut cut: Vec<(usize, usize, usize)> = Vec::with_capacity(bottom - top);
        let mut indent = right;
        for n in top + 1..bottom {
            let line = &self.block[n].chars;
            // Column indices skip combining characters, which sit at their base character.
            let index = |col: usize| {
                if self.stripped[n].is_none() {
                    return (col < line.len()).then_some(col);
                }
                let mut indices = line.iter().enumerate().filter(|(_, c)| !is_combining(**c));
                indices.nth(col).map(|(i, _)| i)
            };
            let from = index(left + 1).unwrap_or(left + 1).min(line.len());
            let mut to = index(right).unwrap_or(line.len()).max(from);
            while to > from && is_py_space(line[to - 1]) {
                to -= 1;
            }
            if to > from {
                indent = indent.min(
                    line[from..to]
                        .iter()
                        .take_while(|c| is_py_space(**c))
                        .count(),
                );
            }
            cut.push((n, from, to));
        }
        if 0 < indent && indent < right {
            for (_, from, to) in &mut cut {
                *from = (*from + indent).min(*to);
            }
        }
        let mut cell_lines = Vec::with_capacity(cut.len());
        let mut first = None;
        for &(n, from, to) in &cut {
            let block_line = &self.block[n];
            let chars = &block_line.chars[from..to];
            let text: String = if block_line.source.simple {
                // Characters are bytes here: copy the text straight from the file's line.
                let at = block_line.indent;
                block_line.source.raw[at + from..at + to].to_string()
            } else {
                chars.iter().filter(|&&c| c != PAD).collect()
            };
            if first.is_none() {
                if let Some(i) = chars.iter().position(|c| !is_py_space(*c)) {
                    let width = chars[i..].iter().filter(|&&c| c != PAD).count();
                    first = Some((self.block[n].line, self.block[n].col(from + i), width));
                }
            }
            cell_lines.push(text);
        }
        let (line, column, width) = first.unwrap_or_else(|| {
            let top_line = &self.block[(top + 1).min(self.bottom)];
            (top_line.line, top_line.col(left + 1), 1)
        });
        let text = if cell_lines.iter().all(|l| l.is_empty()) {
            String::new()
        } else {
            plain_text(&cell_lines)
        };
        Cell {
            row,
            col,
            morerows,
            morecols,
            lines: cell_lines,
            text,
            line,
            column,
            width: width.max(1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::source::split_lines;

    /// The tree's answers are the naive scans' for every range of pages of every length up to
    /// 40 lines, blank lines included.
    #[test]
    fn indents_answer_as_a_scan_does() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for len in 0..=40 {
            let text: String = (0..len)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    match state % 6 {
                        0 => String::from("\n"),
                        k => format!("{}x\n", " ".repeat(k as usize * 2 - 2)),
                    }
                })
                .collect();
            let lines = split_lines(&text).lines;
            let indents = Indents::new(&lines);
            let own = |n: usize| {
                if lines[n].is_blank() {
                    usize::MAX
                } else {
                    lines[n].indent()
                }
            };
            for a in 0..=len {
                for b in a..=len {
                    let least = (a..b).map(own).min().unwrap_or(usize::MAX);
                    assert_eq!(indents.min(a, b), least, "min({a}, {b}) of {text:?}");
                    for limit in 0..10 {
                        let first = (a..b).find(|&n| own(n) <= limit).unwrap_or(b);
                        assert_eq!(
                            indents.first_at_most(a, b, limit),
                            first,
                            "first_at_most({a}, {b}, {limit}) of {text:?}"
                        );
                    }
                }
            }
        }
    }
}
