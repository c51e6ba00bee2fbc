//! An error response of the CTS API, read the way the official Huawei Cloud SDKs read it, and
//! kept the way good Rust SDKs keep error metadata: code, message, request id, and whatever the
//! server sent that this crate does not know, never lost.

use crate::json::{self, Value};
use crate::ErrorCode;
use core::fmt;
use std::borrow::ToOwned;
use std::string::{String, ToString};

/// The most of a body's text kept as the message of an error that is not JSON.
const MAX_MESSAGE: usize = 4096;
/// Bodies longer than this are not parsed as JSON (an error body is small; a huge one is a
/// proxy's page or garbage).
const MAX_PARSED_BODY: usize = 64 * 1024;

/// An error answer of the CTS API: the HTTP status, the error code and message the server sent,
/// and the request id to quote to support.
///
/// ```
/// use cts_error_codes::{ApiError, ErrorCode};
///
/// let body = br#"{"error_code": "CTS.0214", "error_msg": "The tracker does not exist."}"#;
/// let err = ApiError::new(404, [("X-Request-Id", "8f1c2b")], body);
/// assert_eq!(err.code(), Some(ErrorCode::TrackerNotFound));
/// assert_eq!(err.to_string(), "HTTP 404, CTS.0214: The tracker does not exist. (request id 8f1c2b)");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ApiError {
    status: u16,
    /// The code as received, known or not.
    code: Option<String>,
    message: String,
    request_id: Option<String>,
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    encoded_authorization_message: Option<String>,
}

/// The `(code, message)` field pairs an error body may use, in the order they are tried.
const FIELD_PAIRS: [(&str, &str); 2] = [("error_code", "error_msg"), ("code", "message")];

impl ApiError {
    /// Read an error response from its HTTP status, its headers (name, value) and its body.
    ///
    /// The body rules, in order: top-level `error_code` + `error_msg`; top-level `code` +
    /// `message`; the same pairs inside an object one level down (`{"error": {"code": ...}}`);
    /// otherwise the whole body (up to 4 KiB of it) is the message. A numeric code is kept as its
    /// text. The request id comes from the `X-Request-Id` header, else a `request_id` field.
    /// No body, however empty, malformed or large, makes this fail or panic.
    pub fn new<'h>(
        status: u16,
        headers: impl IntoIterator<Item = (&'h str, &'h str)>,
        body: &[u8],
    ) -> ApiError {
        let request_id = headers
            .into_iter()
            .find(|(name, _)| name.eq_ignore_ascii_case("x-request-id"))
            .map(|(_, value)| value);
        Self::from_body(status, request_id, body)
    }

    /// [`ApiError::new`] for when only the request id is at hand (or none).
    pub fn from_body(status: u16, request_id: Option<&str>, body: &[u8]) -> ApiError {
        let text = String::from_utf8_lossy(body);
        let parsed = if body.len() <= MAX_PARSED_BODY {
            json::parse(&text)
        } else {
            None
        };
        let mut error = ApiError {
            status,
            code: None,
            message: String::new(),
            request_id: request_id
                .filter(|id| !id.is_empty())
                .map(ToOwned::to_owned),
            encoded_authorization_message: None,
        };
        let Some(root @ Value::Object(members)) = &parsed else {
            error.message = truncate(text.trim());
            return error;
        };
        // The object holding the error: the body itself, or an object one level down.
        let has_pair = |v: &Value| {
            FIELD_PAIRS
                .iter()
                .any(|(c, _)| v.get(c).and_then(Value::as_text).is_some())
        };
        let holder = if has_pair(root) {
            Some(root)
        } else {
            members.iter().map(|(_, v)| v).find(|v| has_pair(v))
        };
        let field = |key: &str| {
            holder
                .and_then(|h| h.get(key))
                .or_else(|| root.get(key))
                .and_then(Value::as_text)
                .map(ToOwned::to_owned)
        };
        match holder {
            Some(holder) => {
                for (code, message) in FIELD_PAIRS {
                    if let Some(c) = holder.get(code).and_then(Value::as_text) {
                        error.code = Some(c.to_owned());
                        error.message = holder
                            .get(message)
                            .and_then(Value::as_text)
                            .map(truncate)
                            .unwrap_or_default();
                        break;
                    }
                }
            }
            None => error.message = truncate(text.trim()),
        }
        error.encoded_authorization_message = field("encoded_authorization_message");
        if error.request_id.is_none() {
            error.request_id = field("request_id").filter(|id| !id.is_empty());
        }
        error
    }

    /// The HTTP status of the response.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The documented code, when the server sent one this crate knows.
    pub fn code(&self) -> Option<ErrorCode> {
        self.code.as_deref().and_then(ErrorCode::from_code)
    }

    /// The code exactly as received, known or not (`cts.0007`, `APIGW.0101`, `400`).
    pub fn raw_code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    /// The server's message (or the body, when it was not a JSON error).
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The request id, to quote to technical support.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The `encoded_authorization_message` of a permission error, when the server sent one.
    pub fn encoded_authorization_message(&self) -> Option<&str> {
        self.encoded_authorization_message.as_deref()
    }

    /// The documented message of the code, when known.
    pub fn documented_message(&self) -> Option<&'static str> {
        self.code().map(ErrorCode::message)
    }

    /// The documented description of the code, when known.
    pub fn description(&self) -> Option<&'static str> {
        self.code().map(ErrorCode::description)
    }

    /// The documented solution of the code, when known.
    pub fn solution(&self) -> Option<&'static str> {
        self.code().map(ErrorCode::solution)
    }

    /// A hint, not a promise, that sending the same request again later may succeed: the status
    /// is 429 or a 5xx other than 501, or the code's documented solution says to try again
    /// later.
    pub fn is_retryable(&self) -> bool {
        let status =
            self.status == 429 || ((500..600).contains(&self.status) && self.status != 501);
        status || self.solution().is_some_and(solution_says_retry)
    }
}

/// Whether a documented solution tells the caller to try again.
fn solution_says_retry(solution: &str) -> bool {
    let solution = solution.to_ascii_lowercase();
    solution.contains("try again") || solution.contains("retry")
}

/// At most [`MAX_MESSAGE`] bytes, cut at a character boundary, marked with `…` when cut.
fn truncate(text: &str) -> String {
    if text.len() <= MAX_MESSAGE {
        return text.to_string();
    }
    let mut end = MAX_MESSAGE;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut out = text[..end].to_string();
    out.push('…');
    out
}

/// `HTTP 404, CTS.0214: The tracker does not exist. (request id 8f1c2b)`: status, code,
/// the server's message and the request id, on one line.
impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {}", self.status)?;
        if let Some(code) = &self.code {
            write!(f, ", {code}")?;
        }
        let message = if self.message.is_empty() {
            self.documented_message().unwrap_or("(no message)")
        } else {
            &self.message
        };
        write!(f, ": {message}")?;
        if let Some(id) = &self.request_id {
            write!(f, " (request id {id})")?;
        }
        Ok(())
    }
}

impl core::error::Error for ApiError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_retry_rule_reads_solutions() {
        assert!(solution_says_retry(
            "Try again later or contact technical support."
        ));
        assert!(solution_says_retry("Retry the request."));
        assert!(!solution_says_retry("Contact technical support."));
    }

    #[test]
    fn truncation_keeps_whole_characters() {
        let long = "é".repeat(MAX_MESSAGE);
        let cut = truncate(&long);
        assert!(cut.len() <= MAX_MESSAGE + '…'.len_utf8());
        assert!(cut.ends_with('…'));
    }
}
