//! Generates `$OUT_DIR/error_codes.rs` from the documentation page `codes/ErrorCode.rst`.
//!
//! Thin on purpose: the page is read by the same reader and doc model the tests exercise
//! (`src/page`), and turned into Rust by `build/codegen.rs`. A page with errors never panics the
//! build: every problem is printed as `codes/ErrorCode.rst:LINE:COL: error: ...` with the source
//! line and a hint, the script exits with status 1, and nothing is generated.

// The build uses part of the reader's API; the rest serves the tests and tools.
#[allow(dead_code)]
#[path = "src/page/mod.rs"]
mod page;

#[path = "build/codegen.rs"]
mod codegen;

// The table `from_code` probes, filled here with the library's own hash and layout.
#[allow(dead_code)]
#[path = "src/lookup.rs"]
mod lookup;

use anyhow::Context as _;
use std::path::{Path, PathBuf};

/// The page and the lock, relative to the package root: that is how reports name them.
const PAGE: &str = "codes/ErrorCode.rst";
const LOCK: &str = "codes/ErrorCode.lock";

fn main() {
    if let Err(e) = run() {
        eprintln!("error: {e:#}");
        std::process::exit(1);
    }
}

fn run() -> anyhow::Result<()> {
    // The whole folder, so that a page dropped in (or a new file beside it) re-runs the script.
    println!("cargo::rerun-if-changed=codes");
    println!("cargo::rerun-if-changed=src/page");
    println!("cargo::rerun-if-changed=build");
    println!("cargo::rerun-if-changed=build.rs");

    let root = PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").context("CARGO_MANIFEST_DIR is not set")?,
    );
    let codes = page::read_codes(&root.join(PAGE), &root.join(LOCK));
    // Cargo shows one line per warning: the headline, with the hint after it. A page full of new
    // codes would print thousands; the agreement test lists them all.
    const SHOWN: usize = 20;
    let warnings: Vec<_> = codes.warnings(PAGE, LOCK).collect();
    for (path, warning) in warnings.iter().take(SHOWN) {
        let help = warning
            .help
            .as_deref()
            .map(|h| format!(" (help: {h})"))
            .unwrap_or_default();
        println!("cargo::warning={}{help}", warning.headline(path));
    }
    if warnings.len() > SHOWN {
        println!(
            "cargo::warning=... and {} more warnings about {PAGE}; `cargo test` reports every difference from {LOCK}",
            warnings.len() - SHOWN
        );
    }
    if codes.has_errors() {
        eprintln!("{}", codes.render(PAGE, LOCK));
        for (path, diagnostics) in [
            (PAGE, &codes.page.diagnostics),
            (LOCK, &codes.lock_diagnostics),
        ] {
            let count = diagnostics.iter().filter(|d| d.is_error()).count();
            if count > 0 {
                eprintln!(
                    "error: {path} has {count} error{}",
                    if count == 1 { "" } else { "s" }
                );
            }
        }
        eprintln!("error: nothing was generated");
        std::process::exit(1);
    }

    let generated = codegen::generate(&codes.variants, PAGE)?;
    // The process ends after this: handing hundreds of thousands of small allocations (every
    // line and cell of a large page) back one by one would only slow the build down.
    std::mem::forget(codes);
    let out = PathBuf::from(std::env::var_os("OUT_DIR").context("OUT_DIR is not set")?);
    for (name, contents) in generated.files() {
        write_if_changed(&out.join(name), contents)?;
    }
    Ok(())
}

/// Write only when the bytes differ, so that an unchanged page does not recompile the crate.
fn write_if_changed(path: &Path, contents: &[u8]) -> anyhow::Result<()> {
    if std::fs::read(path).is_ok_and(|old| old == contents) {
        return Ok(());
    }
    std::fs::write(path, contents).with_context(|| format!("cannot write {}", path.display()))
}
