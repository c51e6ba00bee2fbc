//! `ErrorCode` as its code string in serde formats (`"CTS.0214"`), with or without `std`.

use crate::ErrorCode;
use core::fmt;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

impl Serialize for ErrorCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for ErrorCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Code;
        impl Visitor<'_> for Code {
            type Value = ErrorCode;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a documented CTS error code such as \"CTS.0214\"")
            }

            fn visit_str<E: de::Error>(self, code: &str) -> Result<ErrorCode, E> {
                ErrorCode::from_code(code)
                    .ok_or_else(|| E::invalid_value(de::Unexpected::Str(code), &self))
            }
        }
        deserializer.deserialize_str(Code)
    }
}
