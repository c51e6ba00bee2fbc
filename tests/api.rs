//! The generated API as a client of the CTS API uses it, checked against the page as docutils
//! reads it (its output is stored in `../shared/corpus/expected/`).
#![cfg(feature = "std")]

use cts_error_codes::{ErrorCode, UnknownErrorCode};
use std::path::PathBuf;

mod common;

#[test]
fn every_row_of_the_page_is_in_all_with_the_same_fields() {
    let Some(shared) = common::dir() else { return };
    let expected = shared.join("corpus/expected/cts/v3-2024-04.json");
    // The vendored page is this published version, byte for byte.
    assert_eq!(
        std::fs::read(shared.join("corpus/cts/v3-2024-04.rst")).unwrap(),
        std::fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("codes/ErrorCode.rst"))
            .unwrap()
    );
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(expected).unwrap()).unwrap();
    let table = &json["files"][0]["tables"][0];
    let rows = table["rows"].as_array().unwrap();
    let header: Vec<&str> = rows[0]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        header,
        [
            "Status Code",
            "Error Code",
            "Error Message",
            "Description",
            "Solution"
        ]
    );
    let one_line = |v: &serde_json::Value| v.as_str().unwrap().replace('\n', " ");
    let body = &rows[1..];
    assert_eq!(body.len(), 32);
    assert_eq!(ErrorCode::ALL.len(), body.len());
    for row in body {
        let cells = row.as_array().unwrap();
        let code = cells[1]["text"].as_str().unwrap();
        let variant =
            ErrorCode::from_code(code).unwrap_or_else(|| panic!("{code} is not in the enum"));
        assert!(ErrorCode::ALL.contains(&variant));
        assert_eq!(variant.code(), code);
        assert_eq!(
            variant.status().to_string(),
            one_line(&cells[0]["text"]),
            "{code}"
        );
        assert_eq!(variant.message(), one_line(&cells[2]["text"]), "{code}");
        assert_eq!(variant.description(), one_line(&cells[3]["text"]), "{code}");
        assert_eq!(variant.solution(), one_line(&cells[4]["text"]), "{code}");
    }
}

#[test]
fn all_is_sorted_by_code_and_indexes_the_tables() {
    let codes: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.code()).collect();
    let mut sorted = codes.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(codes, sorted);
    for (i, code) in ErrorCode::ALL.iter().enumerate() {
        assert_eq!(
            *code as usize, i,
            "ALL[i] must be the variant with discriminant i"
        );
        assert_eq!(ErrorCode::from_code(code.code()), Some(*code));
    }
    // Ord follows the code order.
    assert!(ErrorCode::ALL.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn lookups_are_exact_and_case_sensitive() {
    let tracker = ErrorCode::from_code("CTS.0214").unwrap();
    assert_eq!(tracker.status(), 404);
    assert_eq!(tracker.message(), "The tracker does not exist.");
    assert_eq!(
        tracker.solution(),
        "Check whether the tracker has been deleted."
    );
    for unknown in [
        "cts.0214",
        "CTS.214",
        "CTS.0214 ",
        " CTS.0214",
        "CTS.9999",
        "",
        "APIGW.0101",
    ] {
        assert_eq!(ErrorCode::from_code(unknown), None, "{unknown:?}");
    }
}

#[test]
fn parsing_keeps_the_unknown_code() {
    assert_eq!("CTS.0208".parse::<ErrorCode>().unwrap().code(), "CTS.0208");
    assert_eq!(ErrorCode::try_from("CTS.0208"), "CTS.0208".parse());
    let err: UnknownErrorCode = "cts.0007".parse::<ErrorCode>().unwrap_err();
    assert_eq!(err.as_str(), "cts.0007");
    assert_eq!(err.to_string(), r#"unknown CTS error code "cts.0007""#);
    let boxed: Box<dyn std::error::Error + Send + Sync> = Box::new(err);
    assert_eq!(boxed.to_string(), r#"unknown CTS error code "cts.0007""#);
}

#[test]
fn display_is_code_status_and_message() {
    let code = ErrorCode::from_code("CTS.0214").unwrap();
    assert_eq!(
        code.to_string(),
        "CTS.0214 (HTTP 404): The tracker does not exist."
    );
    let as_error: &dyn std::error::Error = &code;
    assert!(as_error.source().is_none());
}

#[test]
fn accessors_work_in_const_context() {
    const FIRST: ErrorCode = ErrorCode::ALL[0];
    const STATUS: u16 = FIRST.status();
    const CODE: &str = FIRST.code();
    assert_eq!((CODE, STATUS), ("CTS.0001", 400));
}

#[test]
fn the_vendored_page_retires_nothing() {
    assert!(ErrorCode::RETIRED.is_empty());
    assert!(ErrorCode::ALL.iter().all(|c| !c.is_retired()));
    assert_eq!(
        ErrorCode::TrackerNotFound.code(),
        "CTS.0214",
        "names come from codes/ErrorCode.lock"
    );
}

#[test]
fn debug_prints_the_variant_name_pinned_in_the_lock() {
    let lock = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("codes/ErrorCode.lock"),
    )
    .unwrap();
    let mut checked = 0;
    for line in lock
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let fields: Vec<&str> = line.splitn(5, ' ').collect();
        let code = ErrorCode::from_code(fields[0]).unwrap();
        assert_eq!(format!("{code:?}"), fields[2], "{}", fields[0]);
        checked += 1;
    }
    assert_eq!(checked, ErrorCode::ALL.len() + ErrorCode::RETIRED.len());
    assert_eq!(
        format!("{:?}", ErrorCode::TrackerNotFound),
        "TrackerNotFound"
    );
    assert_eq!(
        format!("{:?}", Some(ErrorCode::KmsIdEmpty)),
        "Some(KmsIdEmpty)"
    );
}
