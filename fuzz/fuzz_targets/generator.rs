//! The whole build on any page: reader, doc model, names and code generation. A page either
//! gives reports or Rust source that parses and a look-up table that finds every code; nothing
//! panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[allow(dead_code)]
#[path = "../../src/page/mod.rs"]
mod page;

#[allow(dead_code)]
#[path = "../../build/codegen.rs"]
mod codegen;

#[allow(dead_code)]
#[path = "../../src/lookup.rs"]
mod lookup;

fuzz_target!(|data: &[u8]| {
    let codes = page::resolve(page::read_page(data), "");
    if codes.has_errors() {
        // Reports render without panicking.
        let _ = codes.render("page.rst", "page.lock");
        return;
    }
    let generated = codegen::generate(&codes.variants, "codes/ErrorCode.rst").expect("valid entries generate");
    syn::parse_file(&generated.source).expect("the generated file is Rust");
    // Every code is found in the look-up table at its own index.
    let codes: Vec<&str> = codes.variants.iter().map(|v| v.entry.code.as_str()).collect();
    for (index, code) in codes.iter().enumerate() {
        assert_eq!(lookup::find(&generated.lookup, generated.layout, &codes, code), Some(index));
    }
});
