//! Generates, from the codes of the crate's build, a `phf::Map` (phf_codegen) and a `match` on
//! `&str`, both giving the index of the code in `ErrorCode::ALL`.
use cts_error_codes::ErrorCode;
use std::fmt::Write as _;

fn main() {
    let mut map = phf_codegen::Map::new();
    let mut arms = String::new();
    for (i, code) in ErrorCode::ALL.iter().enumerate() {
        map.entry(code.code(), i.to_string());
        writeln!(arms, "        {:?} => Some({i}),", code.code()).unwrap();
    }
    let source = format!(
        "pub static PHF: phf::Map<&'static str, usize> = {};\n\n\
         pub fn by_match(code: &str) -> Option<usize> {{\n    match code {{\n{arms}        _ => None,\n    }}\n}}\n",
        map.build()
    );
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").unwrap());
    std::fs::write(out.join("alternatives.rs"), source).unwrap();
}
