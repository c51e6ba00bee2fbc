//! Just enough JSON (RFC 8259) to read an API error body: a complete parser into a small value
//! type, with a nesting limit, that never panics. The library keeps no JSON dependency for this
//! one job, so every user's default build stays free of dependencies; the `serde` feature is
//! there for those who want serde.

use std::string::String;
use std::vec::Vec;

/// A parsed JSON value. Numbers keep their text.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Value {
    Null,
    Bool(bool),
    Number(String),
    String(String),
    Array(Vec<Value>),
    Object(Vec<(String, Value)>),
}

impl Value {
    /// The value of `key` in an object (the first, as most parsers keep).
    pub(crate) fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// A string, or a number as its text (some gateways send `"error_code": 400`).
    pub(crate) fn as_text(&self) -> Option<&str> {
        match self {
            Value::String(s) | Value::Number(s) => Some(s),
            _ => None,
        }
    }
}

/// Deeper nesting than this is not an error body; the limit keeps recursion bounded.
const MAX_DEPTH: usize = 64;

/// Parse a whole document; `None` for anything that is not exactly one JSON value.
pub(crate) fn parse(text: &str) -> Option<Value> {
    let mut parser = Parser {
        bytes: text.as_bytes(),
        at: 0,
    };
    let value = parser.value(0)?;
    parser.space();
    (parser.at == parser.bytes.len()).then_some(value)
}

struct Parser<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn eat(&mut self, literal: &str) -> bool {
        let ok = self.bytes[self.at..].starts_with(literal.as_bytes());
        if ok {
            self.at += literal.len();
        }
        ok
    }

    fn value(&mut self, depth: usize) -> Option<Value> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.space();
        match self.peek()? {
            b'{' => self.object(depth),
            b'[' => self.array(depth),
            b'"' => self.string().map(Value::String),
            b'-' | b'0'..=b'9' => self.number(),
            _ if self.eat("true") => Some(Value::Bool(true)),
            _ if self.eat("false") => Some(Value::Bool(false)),
            _ if self.eat("null") => Some(Value::Null),
            _ => None,
        }
    }

    fn object(&mut self, depth: usize) -> Option<Value> {
        self.at += 1;
        let mut members = Vec::new();
        self.space();
        if self.eat("}") {
            return Some(Value::Object(members));
        }
        loop {
            self.space();
            if self.peek()? != b'"' {
                return None;
            }
            let key = self.string()?;
            self.space();
            if !self.eat(":") {
                return None;
            }
            members.push((key, self.value(depth + 1)?));
            self.space();
            if self.eat("}") {
                return Some(Value::Object(members));
            }
            if !self.eat(",") {
                return None;
            }
        }
    }

    fn array(&mut self, depth: usize) -> Option<Value> {
        self.at += 1;
        let mut items = Vec::new();
        self.space();
        if self.eat("]") {
            return Some(Value::Array(items));
        }
        loop {
            items.push(self.value(depth + 1)?);
            self.space();
            if self.eat("]") {
                return Some(Value::Array(items));
            }
            if !self.eat(",") {
                return None;
            }
        }
    }

    fn number(&mut self) -> Option<Value> {
        let start = self.at;
        self.eat("-");
        let digits = |p: &mut Self| {
            let from = p.at;
            while matches!(p.peek(), Some(b'0'..=b'9')) {
                p.at += 1;
            }
            p.at > from
        };
        if !digits(self) {
            return None;
        }
        if self.eat(".") && !digits(self) {
            return None;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if !digits(self) {
                return None;
            }
        }
        let text = core::str::from_utf8(&self.bytes[start..self.at]).ok()?;
        Some(Value::Number(text.into()))
    }

    fn string(&mut self) -> Option<String> {
        self.at += 1;
        let mut out = String::new();
        loop {
            let start = self.at;
            while !matches!(self.peek()?, b'"' | b'\\') {
                if self.peek()? < 0x20 {
                    return None;
                }
                self.at += 1;
            }
            out.push_str(core::str::from_utf8(&self.bytes[start..self.at]).ok()?);
            if self.eat("\"") {
                return Some(out);
            }
            self.at += 1;
            let escaped = self.peek()?;
            self.at += 1;
            match escaped {
                b'"' => out.push('"'),
                b'\\' => out.push('\\'),
                b'/' => out.push('/'),
                b'b' => out.push('\u{8}'),
                b'f' => out.push('\u{c}'),
                b'n' => out.push('\n'),
                b'r' => out.push('\r'),
                b't' => out.push('\t'),
                b'u' => {
                    let unit = self.hex4()?;
                    let c = if (0xD800..0xDC00).contains(&unit) && self.eat("\\u") {
                        let low = self.hex4()?;
                        char::from_u32(0x10000 + ((unit - 0xD800) << 10) + low.checked_sub(0xDC00)?)
                    } else {
                        char::from_u32(unit)
                    };
                    // A lone surrogate becomes U+FFFD, as lossy decoders do.
                    out.push(c.unwrap_or('\u{fffd}'));
                }
                _ => return None,
            }
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.bytes.get(self.at..self.at + 4)?;
        let text = core::str::from_utf8(digits).ok()?;
        let value = u32::from_str_radix(text, 16).ok()?;
        self.at += 4;
        Some(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::vec;

    #[test]
    fn parses_what_error_bodies_hold() {
        let v = parse(r#" {"a": [1, -2.5e3, true, null], "b": {"c": "x\"\u00e9\ud83d\ude00\n"}} "#)
            .unwrap();
        assert_eq!(
            v.get("b").unwrap().get("c").unwrap().as_text(),
            Some("x\"é😀\n")
        );
        assert_eq!(
            v.get("a"),
            Some(&Value::Array(vec![
                Value::Number("1".into()),
                Value::Number("-2.5e3".into()),
                Value::Bool(true),
                Value::Null
            ]))
        );
    }

    #[test]
    fn rejects_what_is_not_one_json_value() {
        for bad in [
            "",
            "{",
            "{\"a\"}",
            "[1,]",
            "{} {}",
            "<html>",
            "01x",
            "\"\u{1}\"",
            "\"\\x\"",
        ] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
        let deep = "[".repeat(10_000) + "]".repeat(10_000).as_str();
        assert_eq!(parse(&deep), None, "nesting is bounded");
    }
}
