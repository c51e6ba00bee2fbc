//! The `http` crate's types: `ErrorCode::status_code` and `ApiError` from an `http::Response`.

use crate::{ApiError, ErrorCode};

impl ErrorCode {
    /// The documented HTTP status as an [`http::StatusCode`].
    pub fn status_code(self) -> http::StatusCode {
        // Every status is checked to be in 100..=599 when the page is read.
        http::StatusCode::from_u16(self.status()).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR)
    }
}

impl<B: AsRef<[u8]>> From<&http::Response<B>> for ApiError {
    /// Read an error response: its status, its `X-Request-Id` header and its body.
    fn from(response: &http::Response<B>) -> ApiError {
        let request_id = response
            .headers()
            .get("x-request-id")
            .and_then(|v| v.to_str().ok());
        ApiError::from_body(
            response.status().as_u16(),
            request_id,
            response.body().as_ref(),
        )
    }
}

impl<B: AsRef<[u8]>> From<http::Response<B>> for ApiError {
    fn from(response: http::Response<B>) -> ApiError {
        ApiError::from(&response)
    }
}
