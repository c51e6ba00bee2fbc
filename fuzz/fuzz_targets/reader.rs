//! The reader on any bytes: it must not panic, and what it returns must be consistent.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[allow(dead_code)]
#[path = "../../src/page/mod.rs"]
mod page;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let source = page::source::split_lines(&text);
    let found = page::reader::read_tables(&source);
    for table in &found.tables {
        // Every cell lies inside the grid, and rows list cells in column order.
        for (r, row) in table.rows.iter().enumerate() {
            assert!(row.windows(2).all(|w| w[0].col < w[1].col));
            for cell in row {
                assert_eq!(cell.row, r);
                assert!(cell.col + cell.morecols < table.cols);
                assert!(r + cell.morerows < table.rows.len());
            }
        }
    }
});
