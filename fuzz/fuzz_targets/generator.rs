//! The whole build on any page: reader, doc model, names and code generation. A page either
//! gives reports or Rust source that parses; nothing panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[allow(dead_code)]
#[path = "../../src/page/mod.rs"]
mod page;

#[allow(dead_code)]
#[path = "../../build/codegen.rs"]
mod codegen;

fuzz_target!(|data: &[u8]| {
    let codes = page::resolve(page::read_page(data), "");
    if codes.has_errors() {
        // Reports render without panicking.
        let _ = codes.render("page.rst", "page.lock");
        return;
    }
    let source = codegen::generate(&codes.variants, "codes/ErrorCode.rst").expect("valid entries generate");
    syn::parse_file(&source).expect("the generated file is Rust");
});
