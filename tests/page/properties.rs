//! Properties of the reader on generated input: random grid tables (spans, multi-line cells,
//! wide characters, inline markup) rendered to reStructuredText read back to the same cells, and
//! no input, however broken, makes the reader or the doc model panic.

use crate::page::reader::read_tables;
use crate::page::source::{is_wide, split_lines};
use crate::page::{read_page, resolve};
use proptest::prelude::*;

/// Words for cell text, each with the text docutils makes of it.
const WORDS: &[(&str, &str)] = &[
    ("alpha", "alpha"),
    ("beta", "beta"),
    ("CTS.0214", "CTS.0214"),
    ("404", "404"),
    ("tracker_name", "tracker_name"),
    ("中文", "中文"),
    ("データ", "データ"),
    ("😀", "😀"),
    ("**bold**", "bold"),
    ("*em*", "em"),
    ("``lit``", "lit"),
    ("a.b,", "a.b,"),
];

#[derive(Clone, Debug)]
struct CellSpec {
    row: usize,
    col: usize,
    rows: usize,
    cols: usize,
    /// Each line as a list of word indexes.
    lines: Vec<Vec<usize>>,
}

#[derive(Clone, Debug)]
struct TableSpec {
    rows: usize,
    cols: usize,
    header_rows: usize,
    cells: Vec<CellSpec>,
}

fn width(text: &str) -> usize {
    text.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

fn line_text(words: &[usize]) -> String {
    words
        .iter()
        .map(|&w| WORDS[w].0)
        .collect::<Vec<_>>()
        .join(" ")
}

fn expected_text(cell: &CellSpec) -> String {
    let words: Vec<&str> = cell.lines.iter().flatten().map(|&w| WORDS[w].1).collect();
    words.join(" ")
}

/// A table layout from random choices: every position is covered by exactly one rectangle, no
/// rectangle crosses the header boundary, and every row and column boundary shows.
fn table_spec() -> impl Strategy<Value = TableSpec> {
    (
        1usize..5,
        1usize..5,
        0usize..3,
        prop::collection::vec(any::<u8>(), 64),
        prop::collection::vec(
            prop::collection::vec(prop::collection::vec(0..WORDS.len(), 1..4), 0..3),
            25,
        ),
    )
        .prop_filter_map(
            "boundaries must show",
            |(rows, cols, header, dice, texts)| {
                let header_rows = header.min(rows - 1);
                let mut taken = vec![false; rows * cols];
                let mut cells = Vec::new();
                let mut die = dice.iter().cycle();
                for r in 0..rows {
                    for c in 0..cols {
                        if taken[r * cols + c] {
                            continue;
                        }
                        let row_limit = if r < header_rows { header_rows } else { rows };
                        let mut rs = 1 + (*die.next().unwrap() as usize % 2).min(row_limit - r - 1);
                        let mut cs = 1 + (*die.next().unwrap() as usize % 3).min(cols - c - 1);
                        let free = |rs: usize, cs: usize, taken: &[bool]| {
                            (r..r + rs).all(|rr| (c..c + cs).all(|cc| !taken[rr * cols + cc]))
                        };
                        while !free(rs, cs, &taken) {
                            if cs > 1 {
                                cs -= 1
                            } else {
                                rs -= 1
                            }
                        }
                        for rr in r..r + rs {
                            for cc in c..c + cs {
                                taken[rr * cols + cc] = true;
                            }
                        }
                        let lines = texts[cells.len() % texts.len()].clone();
                        cells.push(CellSpec {
                            row: r,
                            col: c,
                            rows: rs,
                            cols: cs,
                            lines,
                        });
                    }
                }
                let rows_show = (1..rows).all(|r| cells.iter().any(|x| x.row == r));
                let cols_show = (1..cols).all(|c| cells.iter().any(|x| x.col == c));
                (rows_show && cols_show).then_some(TableSpec {
                    rows,
                    cols,
                    header_rows,
                    cells,
                })
            },
        )
}

/// The table as a grid table, each cell's text one space in from its left border.
fn render(spec: &TableSpec) -> String {
    // At least three columns wide: `+---+` is the shortest top border docutils accepts.
    let mut widths = vec![3usize; spec.cols];
    let mut heights = vec![1usize; spec.rows];
    let mut by_span: Vec<&CellSpec> = spec.cells.iter().collect();
    by_span.sort_by_key(|c| (c.cols, c.rows));
    for cell in &by_span {
        let need_w = 2 + cell
            .lines
            .iter()
            .map(|l| width(&line_text(l)))
            .max()
            .unwrap_or(0);
        let have_w: usize =
            widths[cell.col..cell.col + cell.cols].iter().sum::<usize>() + cell.cols - 1;
        if need_w > have_w {
            widths[cell.col + cell.cols - 1] += need_w - have_w;
        }
        let need_h = cell.lines.len().max(1);
        let have_h: usize = heights[cell.row..cell.row + cell.rows]
            .iter()
            .sum::<usize>()
            + cell.rows
            - 1;
        if need_h > have_h {
            heights[cell.row + cell.rows - 1] += need_h - have_h;
        }
    }
    let mut xs = vec![0];
    for w in &widths {
        xs.push(xs.last().unwrap() + w + 1);
    }
    let mut ys = vec![0];
    for h in &heights {
        ys.push(ys.last().unwrap() + h + 1);
    }
    // The edges of a cell on the canvas: left, right, top, bottom.
    let edges = |cell: &CellSpec| {
        (
            xs[cell.col],
            xs[cell.col + cell.cols],
            ys[cell.row],
            ys[cell.row + cell.rows],
        )
    };
    // One slot per display column; a wide character's second column is `None`.
    let mut canvas = vec![vec![Some(' '); xs[spec.cols] + 1]; ys[spec.rows] + 1];
    for cell in &spec.cells {
        let (x0, x1, y0, y1) = edges(cell);
        for y in [y0, y1] {
            for slot in &mut canvas[y][x0..=x1] {
                *slot = Some('-');
            }
        }
        for row in canvas.iter_mut().take(y1).skip(y0 + 1) {
            row[x0] = Some('|');
            row[x1] = Some('|');
        }
        for (i, words) in cell.lines.iter().enumerate() {
            let mut x = x0 + 2;
            for c in line_text(words).chars() {
                canvas[y0 + 1 + i][x] = Some(c);
                if is_wide(c) {
                    canvas[y0 + 1 + i][x + 1] = None;
                    x += 1;
                }
                x += 1;
            }
        }
    }
    for cell in &spec.cells {
        let (x0, x1, y0, y1) = edges(cell);
        for (y, x) in [(y0, x0), (y0, x1), (y1, x0), (y1, x1)] {
            canvas[y][x] = Some('+');
        }
    }
    if spec.header_rows > 0 {
        for slot in canvas[ys[spec.header_rows]].iter_mut() {
            if *slot == Some('-') {
                *slot = Some('=');
            }
        }
    }
    let mut page = String::from("Title\n=====\n\n");
    for row in canvas {
        page.extend(row.into_iter().flatten());
        page.push('\n');
    }
    page
}

proptest! {
    #[test]
    fn random_tables_read_back_to_their_cells(spec in table_spec()) {
        let page = render(&spec);
        let found = read_tables(&split_lines(&page));
        prop_assert!(found.errors.is_empty(), "{page}\n{:?}", found.errors);
        prop_assert_eq!(found.tables.len(), 1, "{}", page);
        let table = &found.tables[0];
        prop_assert_eq!(table.header_rows, spec.header_rows, "{}", page);
        prop_assert_eq!((table.rows.len(), table.cols), (spec.rows, spec.cols), "{}", page);
        let count: usize = table.rows.iter().map(Vec::len).sum();
        prop_assert_eq!(count, spec.cells.len(), "{}", page);
        for cell in &spec.cells {
            let got = table.rows[cell.row].iter().find(|c| c.col == cell.col);
            let got = got.map(|c| (c.morerows, c.morecols, c.text.clone()));
            prop_assert_eq!(got, Some((cell.rows - 1, cell.cols - 1, expected_text(cell))), "{}", page);
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        let _ = resolve(read_page(&bytes), "");
    }

    #[test]
    fn damaged_tables_never_panic(spec in table_spec(), edits in prop::collection::vec((any::<usize>(), prop::sample::select(vec!['+', '-', '|', '=', ' ', '\t', '中', '\u{301}', '\n', 'x'])), 1..8)) {
        let mut chars: Vec<char> = render(&spec).chars().collect();
        for (at, c) in edits {
            let i = at % chars.len();
            chars[i] = c;
        }
        let page: String = chars.into_iter().collect();
        let _ = resolve(read_page(page.as_bytes()), "");
    }
}

#[test]
fn deep_indentation_reads_without_overflowing_the_stack() {
    // Each line indented one more than the one before: 9,000 nested block quotes, then a table.
    let mut page: String = (0..9000).map(|i| format!("{}x\n", " ".repeat(i))).collect();
    page.push_str("\n+---+\n| a |\n+---+\n");
    let found = read_tables(&split_lines(&page));
    assert_eq!(found.tables.len(), 1);
    assert_eq!(found.tables[0].line, 9002);
}
