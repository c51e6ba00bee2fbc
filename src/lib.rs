// The README is the crate's documentation; its examples parse codes, which needs `std`.
#![cfg_attr(feature = "std", doc = include_str!("../README.md"))]
#![cfg_attr(
    not(feature = "std"),
    doc = "The error codes of the Cloud Trace Service (CTS) API (built without `std`: the enum, \
           its tables and `ErrorCode::from_code`)."
)]
#![no_std]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[cfg(feature = "std")]
extern crate std;

#[cfg(feature = "std")]
mod api_error;
#[cfg(feature = "http")]
mod http;
#[cfg(feature = "std")]
mod json;
mod lookup;
#[cfg(feature = "serde")]
mod serde;

#[cfg(feature = "std")]
pub use api_error::ApiError;

use core::fmt;
#[cfg(feature = "std")]
use std::string::String;

// `ErrorCode`, `ErrorCode::ALL`, `ErrorCode::RETIRED` and the tables `VARIANTS`, `CODES`,
// `STATUSES`, `MESSAGES`, `DESCRIPTIONS`, `SOLUTIONS`, written by build.rs from
// codes/ErrorCode.rst and codes/ErrorCode.lock.
include!(concat!(env!("OUT_DIR"), "/error_codes.rs"));

impl ErrorCode {
    /// The code as the API returns it in `error_code`, e.g. `"CTS.0214"`.
    pub const fn code(self) -> &'static str {
        CODES[self as usize]
    }

    /// The HTTP status the API answers with for this code, e.g. `404`.
    pub const fn status(self) -> u16 {
        STATUSES[self as usize]
    }

    /// The documented error message.
    pub const fn message(self) -> &'static str {
        MESSAGES[self as usize]
    }

    /// The documented description; empty when the page gives none.
    pub const fn description(self) -> &'static str {
        DESCRIPTIONS[self as usize]
    }

    /// The documented solution; empty when the page gives none.
    pub const fn solution(self) -> &'static str {
        SOLUTIONS[self as usize]
    }

    /// The variant for a code exactly as the API returns it, or `None` for a code that neither
    /// the page nor `codes/ErrorCode.lock` knows. Retired codes are found too (see
    /// [`is_retired`](Self::is_retired)). Case matters: `"cts.0214"` is not `"CTS.0214"`.
    ///
    /// One hash of the code and one 16-byte slot of a table laid out at build time, which holds
    /// the code itself: a perfect hash (for more than a few dozen codes, by hash and displace,
    /// with a word of home bits that settles nearly every miss before the slot). O(1) whatever
    /// the number of codes, with no code generated per variant.
    #[inline]
    pub fn from_code(code: &str) -> Option<Self> {
        lookup::find(&LOOKUP.0, LOOKUP_LAYOUT, CODES, code).map(|index| VARIANTS[index])
    }

    /// Whether the code is no longer documented: its variant is deprecated and keeps its last
    /// documented status and message.
    pub fn is_retired(self) -> bool {
        Self::RETIRED.binary_search(&self).is_ok()
    }
}

/// The variant's name, as a derived `Debug` would print it: `TrackerNotFound`.
impl fmt::Debug for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let end = |i: usize| {
            let at = i * 4;
            u32::from_le_bytes([
                NAME_ENDS[at],
                NAME_ENDS[at + 1],
                NAME_ENDS[at + 2],
                NAME_ENDS[at + 3],
            ]) as usize
        };
        let index = *self as usize;
        let start = if index == 0 { 0 } else { end(index - 1) };
        f.write_str(&NAMES[start..end(index)])
    }
}

/// `CTS.0214 (HTTP 404): The tracker does not exist.`: the code, its HTTP status and its
/// documented message, the line a person reading a log needs.
impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} (HTTP {}): {}",
            self.code(),
            self.status(),
            self.message()
        )
    }
}

impl core::error::Error for ErrorCode {}

#[cfg(feature = "std")]
impl core::str::FromStr for ErrorCode {
    type Err = UnknownErrorCode;

    /// Same as [`ErrorCode::from_code`], with the unknown code kept in the error.
    fn from_str(code: &str) -> Result<Self, Self::Err> {
        Self::from_code(code).ok_or_else(|| UnknownErrorCode {
            code: String::from(code),
        })
    }
}

#[cfg(feature = "std")]
impl TryFrom<&str> for ErrorCode {
    type Error = UnknownErrorCode;

    fn try_from(code: &str) -> Result<Self, Self::Error> {
        code.parse()
    }
}

/// A code that the documentation this crate was built from does not list (with `std`).
///
/// It keeps the code exactly as received. It is deliberately opaque (no public field, no
/// variant to match): a code that is unknown today may become a variant in a later release.
#[cfg(feature = "std")]
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct UnknownErrorCode {
    code: String,
}

#[cfg(feature = "std")]
impl UnknownErrorCode {
    /// The code as it was received.
    pub fn as_str(&self) -> &str {
        &self.code
    }
}

/// `unknown CTS error code "cts.0007"`.
#[cfg(feature = "std")]
impl fmt::Display for UnknownErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown CTS error code {:?}", self.code)
    }
}

#[cfg(feature = "std")]
impl core::error::Error for UnknownErrorCode {}
