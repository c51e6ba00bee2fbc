//! `ApiError` read from real shapes of error responses (`tests/fixtures/responses/`), field by
//! field.
#![cfg(feature = "std")]

use cts_error_codes::{ApiError, ErrorCode};
use std::path::PathBuf;

fn body(name: &str) -> Vec<u8> {
    std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/responses")
            .join(name),
    )
    .unwrap()
}

/// (status, code, raw code, message, request id, encoded authorization message) of an error.
type Fields<'a> = (
    u16,
    Option<ErrorCode>,
    Option<&'a str>,
    &'a str,
    Option<&'a str>,
    Option<&'a str>,
);

fn fields(e: &ApiError) -> Fields<'_> {
    (
        e.status(),
        e.code(),
        e.raw_code(),
        e.message(),
        e.request_id(),
        e.encoded_authorization_message(),
    )
}

#[test]
fn error_code_and_error_msg_with_the_request_id_header() {
    let e = ApiError::new(
        404,
        [
            ("Content-Type", "application/json"),
            ("x-request-id", "hdr-1"),
        ],
        &body("error_code_error_msg.json"),
    );
    assert_eq!(
        fields(&e),
        (
            404,
            Some(ErrorCode::TrackerNotFound),
            Some("CTS.0214"),
            "The tracker does not exist.",
            Some("hdr-1"),
            None
        )
    );
    assert_eq!(e.documented_message(), Some("The tracker does not exist."));
    assert_eq!(
        e.solution(),
        Some("Check whether the tracker has been deleted.")
    );
    assert_eq!(
        e.to_string(),
        "HTTP 404, CTS.0214: The tracker does not exist. (request id hdr-1)"
    );
}

#[test]
fn code_and_message() {
    let e = ApiError::new(400, [], &body("code_message.json"));
    assert_eq!(
        fields(&e),
        (
            400,
            Some(ErrorCode::TrackerAlreadyExists),
            Some("CTS.0208"),
            "The tracker already exists.",
            None,
            None
        )
    );
}

#[test]
fn a_nested_error_object() {
    let e = ApiError::from_body(400, None, &body("nested_error.json"));
    assert_eq!(
        fields(&e),
        (
            400,
            Some(ErrorCode::TrackerLimitReached),
            Some("CTS.0200"),
            "The number of trackers has reached the upper limit.",
            Some("7d2e"),
            None
        )
    );
}

#[test]
fn an_undocumented_lowercase_code_is_kept_as_received() {
    let e = ApiError::new(
        403,
        [("X-Request-Id", "r-9")],
        &body("lowercase_unknown.json"),
    );
    assert_eq!(
        fields(&e),
        (
            403,
            None,
            Some("cts.0007"),
            "Insufficient permissions.",
            Some("r-9"),
            Some("RW5jb2RlZA==")
        )
    );
    assert_eq!(e.solution(), None);
    assert_eq!(
        e.to_string(),
        "HTTP 403, cts.0007: Insufficient permissions. (request id r-9)"
    );
}

#[test]
fn a_gateway_error_with_the_request_id_in_the_body() {
    let e = ApiError::new(404, [], &body("gateway.json"));
    assert_eq!(
        fields(&e),
        (
            404,
            None,
            Some("APIGW.0101"),
            "The API does not exist or has not been published in an environment.",
            Some("a1b2c3d4e5"),
            None
        )
    );
}

#[test]
fn a_numeric_error_code_is_kept_as_its_text() {
    let e = ApiError::new(400, [], &body("numeric_code.json"));
    assert_eq!(
        fields(&e),
        (400, None, Some("400"), "Bad Request", None, None)
    );
}

#[test]
fn an_html_error_page_is_the_message() {
    let e = ApiError::new(502, [("X-Request-Id", "gw-7")], &body("html_page.html"));
    let html = String::from_utf8(body("html_page.html")).unwrap();
    assert_eq!(
        fields(&e),
        (502, None, None, html.trim(), Some("gw-7"), None)
    );
    assert!(e.is_retryable());
}

#[test]
fn an_empty_body() {
    let e = ApiError::new(500, [], &body("empty.txt"));
    assert_eq!(fields(&e), (500, None, None, "", None, None));
    assert_eq!(e.to_string(), "HTTP 500: (no message)");
}

#[test]
fn bodies_that_are_not_utf8_or_huge_still_give_an_error() {
    let e = ApiError::new(500, [], b"\xff\xfe{\"code\": 1}");
    assert_eq!(e.raw_code(), None);
    assert!(e.message().starts_with('\u{fffd}'));
    let huge = format!(
        "{{\"error_code\": \"CTS.0001\", \"error_msg\": \"{}\"}}",
        "x".repeat(10 << 20)
    );
    let e = ApiError::new(500, [], huge.as_bytes());
    assert!(e.message().len() <= 4096 + 3, "the message is capped");
    let deep = "[".repeat(100_000);
    let e = ApiError::new(500, [], deep.as_bytes());
    assert_eq!(e.raw_code(), None);
}

#[test]
fn the_retry_hint() {
    let with = |status: u16, body: &str| ApiError::new(status, [], body.as_bytes()).is_retryable();
    assert!(with(429, ""), "too many requests");
    assert!(
        with(500, "") && with(502, "") && with(503, "") && with(504, ""),
        "server errors"
    );
    assert!(!with(501, ""), "not implemented is not transient");
    assert!(!with(400, "") && !with(404, ""));
    // CTS.0300 comes with status 400, and its solution says to try again later.
    assert!(with(
        400,
        r#"{"error_code": "CTS.0300", "error_msg": "Query failed."}"#
    ));
    assert!(!with(
        400,
        r#"{"error_code": "CTS.0208", "error_msg": "exists"}"#
    ));
}

#[test]
fn api_error_is_a_std_error() {
    fn assert_error<E: std::error::Error + Send + Sync + 'static>(_: &E) {}
    let e = ApiError::new(404, [], &body("error_code_error_msg.json"));
    assert_error(&e);
    let boxed: Box<dyn std::error::Error + Send + Sync> = Box::new(e);
    assert!(boxed.to_string().starts_with("HTTP 404, CTS.0214"));
}
