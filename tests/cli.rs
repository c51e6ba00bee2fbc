//! The `cts-error-codes` command-line tool, run as a user runs it.
#![cfg(feature = "cli")]

use assert_cmd::Command;
use serde_json::Value;
use std::path::PathBuf;

mod common;

fn cli() -> Command {
    let mut cmd = Command::cargo_bin("cts-error-codes").unwrap();
    cmd.env_remove("CLICOLOR_FORCE").env("NO_COLOR", "1");
    cmd
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

#[test]
fn explain_a_code_and_its_bare_number() {
    let expected = "CTS.0214: The tracker does not exist.\n\nHTTP status:  404\nVariant:      ErrorCode::TrackerNotFound\n\nDescription:  The tracker does not exist.\n\nSolution:     Check whether the tracker has been deleted.\n";
    for query in ["CTS.0214", "0214"] {
        let out = cli().args(["explain", query]).output().unwrap();
        assert_eq!(out.status.code(), Some(0));
        assert_eq!(stdout(&out), expected);
    }
}

#[test]
fn explain_an_unknown_code_names_the_closest_ones() {
    let out = cli().args(["explain", "cts.0214"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).is_empty());
    assert_eq!(
        stderr(&out),
        "error: unknown error code `cts.0214`\nhelp: the closest known codes are `CTS.0214`, `CTS.0204`, `CTS.0210`\n"
    );
}

#[test]
fn list_for_people_and_as_json() {
    let out = cli().args(["list", "--status", "404"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stdout(&out),
        "CTS.0100  404  VersionQueryNotSupported  API version query is not supported in CTS.\n\
         CTS.0214  404  TrackerNotFound           The tracker does not exist.\n"
    );
    let out = cli().args(["list", "--json"]).output().unwrap();
    let list: Value = serde_json::from_slice(&out.stdout).unwrap();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 32);
    let keys: Vec<&String> = list[0].as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "code",
            "description",
            "message",
            "name",
            "retired",
            "solution",
            "status"
        ]
    );
    assert_eq!(list[0]["code"], "CTS.0001");
    assert_eq!(list[0]["status"], 400);
    assert_eq!(list[0]["name"], "IamOrObsAbnormal");
    assert_eq!(list[0]["retired"], false);
    let codes: Vec<&str> = list.iter().map(|c| c["code"].as_str().unwrap()).collect();
    let mut sorted = codes.clone();
    sorted.sort();
    assert_eq!(codes, sorted);
}

#[test]
fn check_the_vendored_page_agrees() {
    let page = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("codes/ErrorCode.rst");
    let out = cli().arg("check").arg(&page).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).ends_with("agrees with the 32 codes of this build\n"));
}

#[test]
fn check_a_newer_page_reports_what_changed() {
    let Some(shared) = common::dir() else { return };
    let page = shared.join("corpus/cts/v4-2025-11.rst");
    let out = cli().arg("check").arg(&page).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out)
            .contains("codes added (1):\n  + CTS.0400 as `NotificationV3NameExistedAlready`\n"),
        "{}",
        stdout(&out)
    );
    let out = cli()
        .arg("check")
        .arg("--json")
        .arg(&page)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["agree"], false);
    assert_eq!(
        report["added"],
        serde_json::json!([{"code": "CTS.0400", "name": "NotificationV3NameExistedAlready"}])
    );
    assert_eq!(report["reworded"], serde_json::json!([]));
}

#[test]
fn check_a_malformed_or_missing_page_exits_2_with_reports() {
    let page = fixture("bad_status.rst");
    let out = cli().arg("check").arg(&page).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "{}:9:3: error: status `4O4` is not an HTTP status code",
            page.display()
        )),
        "{err}"
    );
    assert!(err.ends_with("has 7 errors\n"), "{err}");
    let out = cli().args(["check", "no/such/page.rst"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("no/such/page.rst: error: the error-code page is missing"));
}

#[test]
fn parse_previews_a_page_in_the_shape_of_list() {
    let page = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("codes/ErrorCode.rst");
    let parsed = cli()
        .arg("parse")
        .arg("--json")
        .arg(&page)
        .output()
        .unwrap();
    let listed = cli().args(["list", "--json"]).output().unwrap();
    assert_eq!(parsed.status.code(), Some(0));
    assert_eq!(
        serde_json::from_slice::<Value>(&parsed.stdout).unwrap(),
        serde_json::from_slice::<Value>(&listed.stdout).unwrap()
    );
    let out = cli()
        .arg("parse")
        .arg(fixture("duplicate_different.rst"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out)
        .contains("error: `CTS.0001` is listed twice, at lines 7 and 9, with different rows"));
}

#[test]
fn tables_match_docutils_field_by_field() {
    let Some(shared) = common::dir() else { return };
    let page = shared.join("corpus/cts/v1-2022-12.rst");
    let out = cli()
        .arg("tables")
        .arg("--json")
        .arg(&page)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let ours: Value = serde_json::from_slice(&out.stdout).unwrap();
    let docutils: Value = serde_json::from_slice(
        &std::fs::read(shared.join("corpus/expected/cts/v1-2022-12.json")).unwrap(),
    )
    .unwrap();
    let (ours, theirs) = (&ours["files"][0]["tables"], &docutils["files"][0]["tables"]);
    assert_eq!(
        ours.as_array().unwrap().len(),
        theirs.as_array().unwrap().len()
    );
    for field in ["source_line", "header_rows", "cols", "colwidths", "rows"] {
        assert_eq!(ours[0][field], theirs[0][field], "{field}");
    }
    let out = cli()
        .arg("tables")
        .arg(fixture("right_border.rst"))
        .output()
        .unwrap();
    assert_eq!(
        stdout(&out),
        format!(
            "{}: 0 grid tables\n  line 7: Malformed table. Right border not aligned or missing.\n",
            fixture("right_border.rst").display()
        )
    );
}

#[test]
fn help_and_version() {
    for sub in ["explain", "list", "check", "parse", "tables"] {
        let out = cli().args([sub, "--help"]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{sub}");
        assert!(stdout(&out).contains("Exit status:"), "{sub}");
    }
    let out = cli().arg("--version").output().unwrap();
    assert_eq!(
        stdout(&out),
        format!("cts-error-codes {}\n", env!("CARGO_PKG_VERSION"))
    );
    let out = cli().arg("frobnicate").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}
