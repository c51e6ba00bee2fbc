//! The optional features: `serde` and `http`.

#[cfg(feature = "serde")]
#[test]
fn error_code_serializes_as_its_code_string() {
    use cts_error_codes::ErrorCode;
    let json = serde_json::to_string(&ErrorCode::TrackerNotFound).unwrap();
    assert_eq!(json, r#""CTS.0214""#);
    assert_eq!(
        serde_json::from_str::<ErrorCode>(&json).unwrap(),
        ErrorCode::TrackerNotFound
    );
    let err = serde_json::from_str::<ErrorCode>(r#""cts.0214""#).unwrap_err();
    assert!(
        err.to_string()
            .contains("invalid value: string \"cts.0214\""),
        "{err}"
    );
}

#[cfg(all(feature = "serde", feature = "std"))]
#[test]
fn api_error_round_trips_with_unknown_codes_kept() {
    use cts_error_codes::ApiError;
    let e = ApiError::new(
        403,
        [("X-Request-Id", "r-9")],
        br#"{"error_code": "cts.0007", "error_msg": "Insufficient permissions.", "encoded_authorization_message": "RW5j"}"#,
    );
    let json = serde_json::to_value(&e).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "status": 403,
            "code": "cts.0007",
            "message": "Insufficient permissions.",
            "request_id": "r-9",
            "encoded_authorization_message": "RW5j",
        })
    );
    let back: ApiError = serde_json::from_value(json).unwrap();
    assert_eq!(back, e);
    assert_eq!(back.raw_code(), Some("cts.0007"));
}

#[cfg(feature = "http")]
#[test]
fn http_status_codes_and_responses() {
    use cts_error_codes::{ApiError, ErrorCode};
    assert_eq!(
        ErrorCode::TrackerNotFound.status_code(),
        http::StatusCode::NOT_FOUND
    );
    for code in ErrorCode::ALL {
        assert_eq!(code.status_code().as_u16(), code.status());
    }
    let response = http::Response::builder()
        .status(404)
        .header("X-Request-Id", "h-1")
        .body(br#"{"error_code": "CTS.0214", "error_msg": "The tracker does not exist."}"#.to_vec())
        .unwrap();
    let e = ApiError::from(&response);
    assert_eq!(
        (e.status(), e.code(), e.request_id()),
        (404, Some(ErrorCode::TrackerNotFound), Some("h-1"))
    );
    assert_eq!(ApiError::from(response), e);
}
