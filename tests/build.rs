//! The build script as a maintainer meets it: the crate is copied to a temporary folder, a page
//! is dropped into its `codes/`, and `cargo build` runs on it.

use std::path::{Path, PathBuf};
use std::process::Command;

mod common;

const BROKEN_PAGE: &str = "\
Error Codes
===========

+-------------+------------+-------------------------------+
| Status Code | Error Code | Error Message                 |
+=============+============+===============================+
| 4O4         | CTS.0001   | The tracker does not exist.   |
+-------------+------------+-------------------------------+
| 400         | CTS. 0002  | The bucket does not exist.    |
+-------------+------------+-------------------------------+
| 400         | CTS.0003   |                               |
+-------------+------------+-------------------------------+
";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A copy of the crate in a temporary folder, built with a target folder of its own (shared by
/// these tests, so the build-dependencies are compiled once and the crate's own build output is
/// never touched).
struct Copy {
    dir: PathBuf,
    target: PathBuf,
}

impl Copy {
    fn new(name: &str, page: &[u8]) -> Copy {
        Copy::with_lock(name, page, None)
    }

    /// A copy with `page`, and with `lock` as its lock file when given.
    fn with_lock(name: &str, page: &[u8], lock: Option<&str>) -> Copy {
        let dir =
            std::env::temp_dir().join(format!("cts-error-codes-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for file in ["Cargo.toml", "Cargo.lock", "build.rs", "README.md"] {
            std::fs::copy(root().join(file), dir.join(file)).unwrap();
        }
        for sub in ["build", "src", "codes", "examples", "benches"] {
            copy_dir(&root().join(sub), &dir.join(sub));
        }
        std::fs::write(dir.join("codes/ErrorCode.rst"), page).unwrap();
        if let Some(lock) = lock {
            std::fs::write(dir.join("codes/ErrorCode.lock"), lock).unwrap();
        }
        Copy {
            dir,
            target: root().join("target/build-tests").join(name),
        }
    }

    /// `cargo ARGS` in the copy: success and stderr.
    fn cargo(&self, args: &[&str]) -> (bool, String) {
        let output = Command::new(env!("CARGO"))
            .args(args)
            .arg("--offline")
            .current_dir(&self.dir)
            .env("CARGO_TARGET_DIR", &self.target)
            .env_remove("RUSTFLAGS")
            .output()
            .unwrap();
        (
            output.status.success(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    }

    /// The files the last run of the build script wrote. Only its own: a target folder kept
    /// from an earlier run of the tests may hold the runs of build scripts compiled from other
    /// sources or lock files, each in its own folder.
    fn generated(&self) -> Vec<PathBuf> {
        let last_run = std::fs::read_dir(self.target.join("debug/build"))
            .into_iter()
            .flatten()
            .filter_map(|e| {
                let dir = e.ok()?.path();
                // Cargo stamps each run, failed or not, before it starts the script.
                let ran = std::fs::metadata(dir.join("invoked.timestamp"))
                    .ok()?
                    .modified()
                    .ok()?;
                Some((ran, dir))
            })
            .max();
        let Some((_, dir)) = last_run else {
            return Vec::new();
        };
        let out = dir.join("out");
        ["rs", "lookup", "names", "name_ends"]
            .iter()
            .map(|ext| out.join(format!("error_codes.{ext}")))
            .filter(|p| p.exists())
            .collect()
    }
}

impl Drop for Copy {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The crate built with `page` as its `codes/ErrorCode.rst`: success, stderr, generated files.
fn build_with_page(name: &str, page: &[u8]) -> (bool, String, Vec<PathBuf>) {
    let copy = Copy::new(name, page);
    let (ok, stderr) = copy.cargo(&["build", "--lib"]);
    (ok, stderr, copy.generated())
}

#[test]
fn a_broken_page_fails_the_build_with_every_report_and_generates_nothing() {
    let (ok, stderr, generated) = build_with_page("broken", BROKEN_PAGE.as_bytes());
    assert!(!ok, "the build must fail:\n{stderr}");
    for expected in [
        "codes/ErrorCode.rst:7:3: error: status `4O4` is not an HTTP status code",
        "codes/ErrorCode.rst:9:21: error: error code `CTS. 0002` has white space in it",
        "codes/ErrorCode.rst:11:29: error: empty error message",
        "error: codes/ErrorCode.rst has 3 errors",
        "error: nothing was generated",
        "7 | | 4O4         | CTS.0001   | The tracker does not exist.   |",
    ] {
        assert!(
            stderr.contains(expected),
            "missing {expected:?} in:\n{stderr}"
        );
    }
    assert!(
        !stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"),
        "{stderr}"
    );
    assert!(
        generated.is_empty(),
        "a broken page generated {generated:?}"
    );
}

#[test]
fn a_newer_page_dropped_in_builds_with_its_new_code() {
    let Some(shared) = common::dir() else { return };
    let page = std::fs::read(shared.join("corpus/cts/v4-2025-11.rst")).unwrap();
    let (ok, stderr, generated) = build_with_page("v4", &page);
    assert!(ok, "{stderr}");
    let source = std::fs::read_to_string(&generated[0]).unwrap();
    assert!(source.starts_with("// @generated by build.rs from codes/ErrorCode.rst."));
    assert!(source.contains("\"CTS.0400\""), "the new code is generated");
    assert_eq!(
        source.matches("/// `CTS.").count(),
        33,
        "v4 documents 33 codes"
    );
}

#[test]
fn a_code_listed_twice_identically_builds_with_a_warning() {
    let page = "\
+-------------+------------+------------------------------+
| Status Code | Error Code | Error Message                |
+=============+============+==============================+
| 404         | CTS.0214   | The tracker does not exist.  |
+-------------+------------+------------------------------+
| 404         | CTS.0214   | The tracker does not exist.  |
+-------------+------------+------------------------------+
";
    let (ok, stderr, generated) = build_with_page("duplicate", page.as_bytes());
    assert!(ok, "{stderr}");
    assert!(
        stderr.contains(
            "warning: cts-error-codes@0.1.0: codes/ErrorCode.rst:6:17: warning: `CTS.0214` is listed twice, at lines 4 and 6, with identical rows"
        ),
        "{stderr}"
    );
    let source = std::fs::read_to_string(&generated[0]).unwrap();
    assert_eq!(
        source.matches("\"CTS.0214\"").count(),
        1,
        "one entry for the code"
    );
}

/// Code written against the names of the vendored page, as a user of the crate writes it.
const USER_CODE: &str = r#"
use cts_error_codes::ErrorCode;

fn main() {
    for code in [ErrorCode::TrackerNotFound, ErrorCode::NoPermission, ErrorCode::CtsNotTrusted] {
        println!("{code} retired={}", code.is_retired());
    }
    match ErrorCode::from_code("CTS.0229") {
        Some(ErrorCode::OrganizationTrackerExists) => println!("still known"),
        _ => unreachable!(),
    }
}
"#;

#[test]
fn dropping_in_an_older_page_keeps_old_names_and_deprecates_retired_codes() {
    let Some(shared) = common::dir() else { return };
    let copy = Copy::new(
        "v1",
        &std::fs::read(shared.join("corpus/cts/v1-2022-12.rst")).unwrap(),
    );
    std::fs::write(copy.dir.join("examples/user.rs"), USER_CODE).unwrap();
    let (ok, stderr) = copy.cargo(&["build", "--example", "user"]);
    assert!(
        ok,
        "code written against the old names must still compile:\n{stderr}"
    );
    for retired in ["NoPermission", "CtsNotTrusted", "OrganizationTrackerExists"] {
        assert!(
            stderr.contains(&format!(
                "use of deprecated unit variant `cts_error_codes::ErrorCode::{retired}`"
            )),
            "no deprecation warning for {retired}:\n{stderr}"
        );
    }
    assert!(
        stderr.contains("CTS.0013 is no longer documented in codes/ErrorCode.rst"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("`cts_error_codes::ErrorCode::TrackerNotFound`"),
        "{stderr}"
    );
    // New codes of that page are announced with the name the rule gives them.
    assert!(
        stderr.contains("`CTS.0012` is not pinned in codes/ErrorCode.lock"),
        "{stderr}"
    );
    let binary = copy.target.join("debug/examples/user");
    let run = Command::new(binary).output().unwrap();
    let out = String::from_utf8_lossy(&run.stdout);
    assert!(
        out.contains("CTS.0214 (HTTP 404): The tracker does not exist. retired=false"),
        "{out}"
    );
    assert!(
        out.contains("CTS.0228 (HTTP 400): The CTS service is not trusted. retired=true"),
        "{out}"
    );
    assert!(out.contains("still known"), "{out}");
}

/// Prints every text of every code, Rust-escaped, one per line.
const DUMP: &str = r#"
fn main() {
    for c in cts_error_codes::ErrorCode::ALL {
        println!("{:?} {} {:?} {:?} {:?} {:?}", c.code(), c.status(), format!("{c:?}"), c.message(), c.description(), c.solution());
    }
}
"#;

#[test]
fn hostile_cell_text_builds_and_comes_back_byte_for_byte() {
    let page = std::fs::read(root().join("tests/fixtures/hostile.rst")).unwrap();
    let copy = Copy::with_lock("hostile", &page, Some(""));
    std::fs::write(copy.dir.join("examples/dump.rs"), DUMP).unwrap();
    let (ok, stderr) = copy.cargo(&["build", "--example", "dump"]);
    assert!(ok, "{stderr}");
    let out = Command::new(copy.target.join("debug/examples/dump"))
        .output()
        .unwrap();
    // The texts as docutils reads them from the page (checked with shared/oracle/rst-oracle).
    let expected: [(&str, &str, &str, &str); 5] = [
        (
            "CTS.9001",
            "Quote \" and backslash \\ here",
            "raw \"# and r#\" end",
            "block / and / open",
        ),
        (
            "CTS.9002",
            "Braces {} and {0} and %s and $HOME",
            "#[doc = \"\"] attribute",
            "</code> <script>alert(1)</script>",
        ),
        (
            "CTS.9003",
            "Back`tick and *star* and _under",
            "trailing backslash \\",
            "unicode é ü ß",
        ),
        (
            "CTS.9004",
            "bidi abc\u{202e}def end",
            "zero a\u{200b}b\u{200d}c width",
            "emoji 😀 and CJK 错误代码",
        ),
        (
            "CTS.9005",
            "See https://example.com/a_b?x=1 now",
            "dash start",
            "# hash start",
        ),
    ];
    let lines: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    assert_eq!(lines.len(), expected.len());
    for (line, (code, message, description, solution)) in lines.iter().zip(expected) {
        let want = format!("{code:?} 400 {message:?} {description:?} {solution:?}");
        // The variant name sits between status and message; compare around it.
        let (head, rest) = line.split_once(" \"").unwrap().1.split_once("\" ").unwrap();
        assert!(
            head.chars().all(|c| c.is_ascii_alphanumeric()),
            "variant name {head}"
        );
        assert_eq!(format!("{code:?} 400 {rest}"), want);
        assert!(line.starts_with(&format!("{code:?} 400 ")));
    }
    // Rustdoc of the generated enum renders without a warning.
    let output = Command::new(env!("CARGO"))
        .args(["doc", "--no-deps", "--offline", "--lib"])
        .current_dir(&copy.dir)
        .env("CARGO_TARGET_DIR", &copy.target)
        .env("RUSTDOCFLAGS", "-D warnings")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn the_generated_file_is_the_same_in_every_build() {
    let page = std::fs::read(root().join("codes/ErrorCode.rst")).unwrap();
    let files: Vec<Vec<Vec<u8>>> = ["same-a", "same-b"]
        .iter()
        .map(|name| {
            let copy = Copy::new(name, &page);
            let (ok, stderr) = copy.cargo(&["build", "--lib"]);
            assert!(ok, "{stderr}");
            // The source and the look-up table and names written beside it.
            let generated = copy.generated();
            assert_eq!(generated.len(), 4, "{generated:?}");
            generated
                .iter()
                .map(|path| std::fs::read(path).unwrap())
                .collect()
        })
        .collect();
    assert!(files[0].iter().all(|f| !f.is_empty()));
    assert!(
        files[0] == files[1],
        "two builds in different folders differ"
    );
    let text = String::from_utf8(files[0][0].clone()).unwrap();
    assert!(
        !text.contains(std::env::temp_dir().to_str().unwrap()),
        "no absolute path"
    );
    assert!(!text.contains("/work/"), "no absolute path");
}
