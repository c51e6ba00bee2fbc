//! Tests of the page reader and doc model: the same source files `build.rs` compiles.

#[allow(dead_code)]
#[path = "../../src/page/mod.rs"]
mod page;

mod agreement;
mod bad_pages;
mod corpus;
mod cts_pages;
mod docutils;
mod lookup;
mod naming;
mod properties;
mod replay;
#[path = "../common/mod.rs"]
mod shared;

/// `src/page/unicode.rs` is what `tools/unicode_tables.py` writes with the Python docutils
/// runs on (3.11: Unicode 14). Checked where that Python is at hand.
#[test]
fn unicode_tables_are_current() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let Ok(out) = std::process::Command::new("python3")
        .arg(root.join("tools/unicode_tables.py"))
        .output()
    else {
        eprintln!("notice: no python3; skipping the Unicode table check");
        return;
    };
    let version = std::process::Command::new("python3")
        .args([
            "-c",
            "import unicodedata; print(unicodedata.unidata_version)",
        ])
        .output()
        .unwrap();
    if String::from_utf8_lossy(&version.stdout).trim() != "14.0.0" {
        eprintln!("notice: python3 is not on Unicode 14.0.0 (docutils' Python 3.11); skipping");
        return;
    }
    let current = std::fs::read_to_string(root.join("src/page/unicode.rs")).unwrap();
    assert!(
        String::from_utf8_lossy(&out.stdout) == current,
        "src/page/unicode.rs is out of date: python3 tools/unicode_tables.py > src/page/unicode.rs"
    );
}
