//! Access to `../shared/` (the corpus and docutils' cases), read in place; shared by the test
//! crates.

use std::path::PathBuf;

/// `../shared/` beside the project. Missing, it fails the test under CI (`CI` set) and skips it
/// with a notice elsewhere, so a fresh clone without it still passes.
pub fn dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if dir.join("corpus").is_dir() {
        return Some(dir);
    }
    if std::env::var_os("CI").is_some() {
        panic!(
            "{} is missing, and CI is set: the corpus tests cannot run",
            dir.display()
        );
    }
    eprintln!(
        "notice: {} is missing; skipping the tests that read it",
        dir.display()
    );
    None
}
