//! The generator (`build/codegen.rs`, compiled here as `build.rs` compiles it) prints most of
//! the file itself, for speed; these tests hold it to `prettyplease`: every file it generates,
//! parsed with `syn` and printed with `prettyplease`, comes back unchanged. So the file is
//! valid Rust, laid out exactly as if `prettyplease` had printed all of it, on pages of every
//! size around the point where a table no longer fits on one line.

#[allow(dead_code)]
#[path = "../src/page/mod.rs"]
mod page;

#[allow(dead_code)]
#[path = "../src/lookup.rs"]
mod lookup;

#[allow(dead_code)]
#[path = "../build/codegen.rs"]
mod codegen;

mod common;

use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The crate's lock file: with a page other than the vendored one, its codes are retired ones.
fn lock() -> String {
    std::fs::read_to_string(root().join("codes/ErrorCode.lock")).unwrap()
}

/// Generate from `page` and `lock`, and check that `prettyplease` prints the file unchanged.
fn assert_prettyplease_fixpoint(what: &str, page: &[u8], lock: &str) {
    let codes = page::resolve(page::read_page(page), lock);
    assert!(
        !codes.has_errors(),
        "{what}: {}",
        codes.render("page", "lock")
    );
    let generated = codegen::generate(&codes.variants, "codes/ErrorCode.rst").unwrap();
    // The `// @generated` line is a comment, which `syn` does not keep.
    let (header, body) = generated.source.split_once("\n\n").unwrap();
    assert!(header.starts_with("// @generated"), "{what}: {header}");
    let file = syn::parse_file(body).unwrap_or_else(|e| panic!("{what}: not Rust: {e}"));
    let reprinted = prettyplease::unparse(&file);
    if reprinted != body {
        let line = body
            .lines()
            .zip(reprinted.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| body.lines().count().min(reprinted.lines().count()));
        let show = |text: &str| {
            text.lines()
                .skip(line.saturating_sub(2))
                .take(5)
                .collect::<Vec<_>>()
                .join("\n")
        };
        panic!(
            "{what}: prettyplease prints the generated file differently from line {} on:\n\
             generated:\n{}\nprettyplease:\n{}",
            line + 2,
            show(body),
            show(&reprinted)
        );
    }
}

#[test]
fn the_vendored_page_is_printed_as_prettyplease_prints_it() {
    let page = std::fs::read(root().join("codes/ErrorCode.rst")).unwrap();
    assert_prettyplease_fixpoint("codes/ErrorCode.rst", &page, &lock());
}

#[test]
fn hostile_cell_text_is_printed_as_prettyplease_prints_it() {
    let page = std::fs::read(root().join("tests/fixtures/hostile.rst")).unwrap();
    assert_prettyplease_fixpoint("tests/fixtures/hostile.rst", &page, "");
}

#[test]
fn pages_of_every_size_are_printed_as_prettyplease_prints_them() {
    // One line or broken, for each table; with and without retired codes (those of the lock).
    for n in [1, 2, 3, 4, 5, 6, 8, 17, 18, 35, 300, 2000] {
        let page = common::synthetic_page(n);
        assert_prettyplease_fixpoint(&format!("{n} codes"), page.as_bytes(), "");
        assert_prettyplease_fixpoint(&format!("{n} codes, 32 retired"), page.as_bytes(), &lock());
    }
}

#[test]
fn every_published_cts_page_is_printed_as_prettyplease_prints_it() {
    let Some(shared) = common::dir() else { return };
    let mut pages = 0;
    for entry in std::fs::read_dir(shared.join("corpus/cts")).unwrap() {
        let path = entry.unwrap().path();
        let page = std::fs::read(&path).unwrap();
        assert_prettyplease_fixpoint(&path.display().to_string(), &page, &lock());
        pages += 1;
    }
    assert_eq!(pages, 4, "the four published versions");
}

#[test]
fn a_code_listed_twice_is_an_error_not_an_endless_table_search() {
    let page = std::fs::read(root().join("codes/ErrorCode.rst")).unwrap();
    let codes = page::resolve(page::read_page(&page), &lock());
    assert!(!codes.has_errors());
    let mut variants = codes.variants.clone();
    let mut twin = variants[0].clone();
    twin.name.push_str("Again");
    variants.push(twin);
    let Err(err) = codegen::generate(&variants, "codes/ErrorCode.rst") else {
        panic!("a code listed twice generated a file");
    };
    assert_eq!(
        err.to_string(),
        format!(
            "code {} is listed twice: the look-up table needs distinct codes",
            variants[0].entry.code
        )
    );
}
