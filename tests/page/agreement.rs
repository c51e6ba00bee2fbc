//! The agreement check: `codes/ErrorCode.lock` says the same as `codes/ErrorCode.rst`.
//! When they disagree it fails with one report; `BLESS=1 cargo test` accepts the page.

use crate::page::{lock, read_codes};
use std::path::Path;

const PAGE: &str = "codes/ErrorCode.rst";
const LOCK: &str = "codes/ErrorCode.lock";

#[test]
fn page_and_lock_agree() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let codes = read_codes(&root.join(PAGE), &root.join(LOCK));
    assert!(!codes.has_errors(), "{}", codes.render(PAGE, LOCK));
    let current = std::fs::read_to_string(root.join(LOCK)).unwrap_or_default();
    let blessed = lock::render(&lock::bless(&codes.variants));
    if current == blessed {
        return;
    }
    if std::env::var_os("BLESS").is_some_and(|v| v != "0") {
        std::fs::write(root.join(LOCK), &blessed).unwrap();
        eprintln!("wrote {LOCK}; review its diff");
        return;
    }
    let report = lock::agreement(&codes.variants, &codes.pins);
    if report.is_empty() {
        panic!("{LOCK} is not in the form the tools write (sorted, one line per code).\nRewrite it: BLESS=1 cargo test");
    }
    panic!("{}", report.render(PAGE, LOCK, lock::ACCEPT));
}
