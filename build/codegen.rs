//! From checked entries to the Rust source of `$OUT_DIR/error_codes.rs`.
//!
//! The shape of the file is written with `quote` and parsed with `syn`; the per-code parts (the
//! variants and the rows of the data tables) are added to that syntax tree as `syn` nodes built
//! directly, and the whole is printed with `prettyplease`, so the file is readable when an IDE
//! jumps into it. Building those nodes directly, rather than quoting them and parsing the tokens
//! back, keeps the build script fast at 10,000 codes: it runs unoptimised in every dependent's
//! build, where parsing 400,000 tokens alone takes most of a second.
//!
//! Everything from the page enters the file only as a string literal or doc string (`syn`
//! quotes them) with its Markdown escaped; variant names come from the naming rule, which only
//! produces ASCII letters and digits.

use crate::page::{State, Variant};
use proc_macro2::{Ident, Span};
use quote::quote;
use syn::parse::Parser as _;
use syn::punctuated::Punctuated;

/// What the build script writes to `$OUT_DIR`.
pub struct Generated {
    /// `error_codes.rs`: the enum and its tables.
    pub source: String,
    /// `error_codes.lookup`: the table `from_code` probes, which `source` includes as bytes.
    pub lookup: Vec<u8>,
}

/// The Rust source and look-up table for `variants` (sorted by code, documented and retired
/// ones together).
pub fn generate(variants: &[Variant], page_path: &str) -> anyhow::Result<Generated> {
    let count = variants.len();
    let (lookup, layout) = lookup_table(variants)?;
    let crate::lookup::Layout { size, seed, direct } = layout;
    let names: String = variants.iter().map(|v| v.name.as_str()).collect();
    let mut name_ends = Vec::with_capacity(variants.len() * 4);
    let mut end = 0u32;
    for v in variants {
        end += v.name.len() as u32;
        name_ends.extend_from_slice(&end.to_le_bytes());
    }
    let name_ends_len = name_ends.len();
    let documented = variants
        .iter()
        .filter(|v| v.state != State::Retired)
        .count();
    let enum_doc = format!(
        " A documented error code of the Cloud Trace Service (CTS) API: one variant for each of \
         the {documented} codes of `{page_path}`, in code order, and one deprecated variant for \
         each of the {} codes that left it (see `codes/ErrorCode.lock`).",
        count - documented
    );
    let skeleton = quote! {
        #[doc = #enum_doc]
        ///
        /// Turn the `error_code` of an API error into a variant with [`ErrorCode::from_code`] or
        /// `str::parse`; read its documentation with [`code`](ErrorCode::code),
        /// [`status`](ErrorCode::status), [`message`](ErrorCode::message),
        /// [`description`](ErrorCode::description) and [`solution`](ErrorCode::solution).
        /// New codes are added when the page gains them, so `match`es need a wildcard arm.
        #[non_exhaustive]
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum ErrorCode {}

        impl ErrorCode {
            /// Every documented code, sorted by code.
            pub const ALL: &'static [ErrorCode] = &[];
            /// The codes that are no longer documented, sorted by code: their variants are
            /// deprecated and keep their last documented status and message.
            #[allow(deprecated)]
            pub const RETIRED: &'static [ErrorCode] = &[];
        }

        /// Every variant, indexed by its discriminant (the order of `CODES`).
        #[allow(deprecated)]
        const VARIANTS: &[ErrorCode; #count] = &[];
        /// The code of each variant, indexed by its discriminant (sorted, for `from_code`).
        const CODES: &[&str; #count] = &[];
        /// The HTTP status of each variant, indexed by its discriminant.
        const STATUSES: &[u16; #count] = &[];
        /// The message of each variant, indexed by its discriminant.
        const MESSAGES: &[&str; #count] = &[];
        /// The description of each variant, indexed by its discriminant.
        const DESCRIPTIONS: &[&str; #count] = &[];
        /// The solution of each variant, indexed by its discriminant.
        const SOLUTIONS: &[&str; #count] = &[];
        /// The table `from_code` probes (src/lookup.rs), written beside this file as bytes: it
        /// costs nothing to parse. Its type checks its length against its layout.
        const LOOKUP: &lookup::Aligned<[u8; LOOKUP_LAYOUT.table_len()]> =
            &lookup::Aligned(*include_bytes!(concat!(env!("OUT_DIR"), "/error_codes.lookup")));
        /// The variant names, one after the other, for `Debug`: a derived `Debug` is one match
        /// arm per variant, which at 30,000 codes takes rustc 22 GB to compile in release.
        const NAMES: &str = #names;
        /// Where each name ends in `NAMES`, as little-endian `u32`s, by discriminant.
        const NAME_ENDS: &[u8; #name_ends_len] = b"";
        /// How `LOOKUP` is laid out (src/lookup.rs), chosen for these codes at build time.
        const LOOKUP_LAYOUT: lookup::Layout = lookup::Layout { size: #size, seed: #seed, direct: #direct };
    };
    let mut file: syn::File = syn::parse2(skeleton)?;
    let idents: Vec<Ident> = variants.iter().map(|v| ident(&v.name)).collect();
    let doc: syn::Path = ident("doc").into();
    let paths = |retired: bool| -> Vec<syn::Expr> {
        variants
            .iter()
            .zip(&idents)
            .filter(|(v, _)| (v.state == State::Retired) == retired)
            .map(|(_, i)| variant_path(i))
            .collect()
    };
    for item in &mut file.items {
        match item {
            syn::Item::Enum(e) => {
                let mut out = Punctuated::new();
                for (v, ident) in variants.iter().zip(&idents) {
                    let mut attrs: Vec<syn::Attribute> =
                        variant_docs(v).iter().map(|d| doc_attr(&doc, d)).collect();
                    if v.state == State::Retired {
                        let note =
                            format!("{} is no longer documented in {page_path}", v.entry.code);
                        attrs.extend(
                            syn::Attribute::parse_outer
                                .parse2(quote!(#[deprecated(note = #note)]))?,
                        );
                    }
                    out.push(syn::Variant {
                        attrs,
                        ident: ident.clone(),
                        fields: syn::Fields::Unit,
                        discriminant: None,
                    });
                }
                e.variants = out;
            }
            syn::Item::Impl(i) => {
                for impl_item in &mut i.items {
                    if let syn::ImplItem::Const(c) = impl_item {
                        if c.ident == "RETIRED" {
                            fill_array(&mut c.expr, paths(true).into_iter());
                        } else if documented == count {
                            // Nothing retired: every variant is documented.
                            c.expr = syn::parse2(quote!(VARIANTS))?;
                        } else {
                            fill_array(&mut c.expr, paths(false).into_iter());
                        }
                    }
                }
            }
            syn::Item::Const(c) if c.ident == "NAME_ENDS" => {
                *c.expr = lit(syn::Lit::ByteStr(syn::LitByteStr::new(
                    &name_ends,
                    Span::call_site(),
                )));
            }
            syn::Item::Const(c)
                if c.ident.to_string().starts_with("LOOKUP") || c.ident == "NAMES" => {}
            syn::Item::Const(c) => {
                let column: Vec<syn::Expr> = match c.ident.to_string().as_str() {
                    "VARIANTS" => idents.iter().map(variant_path).collect(),
                    "CODES" => variants.iter().map(|v| str_lit(&v.entry.code)).collect(),
                    "STATUSES" => variants.iter().map(|v| int_lit(v.entry.status)).collect(),
                    "MESSAGES" => variants.iter().map(|v| str_lit(&v.entry.message)).collect(),
                    "DESCRIPTIONS" => variants
                        .iter()
                        .map(|v| str_lit(&v.entry.description))
                        .collect(),
                    "SOLUTIONS" => variants
                        .iter()
                        .map(|v| str_lit(&v.entry.solution))
                        .collect(),
                    other => anyhow::bail!("no data for the table {other}"),
                };
                fill_array(&mut c.expr, column.into_iter());
            }
            _ => {}
        }
    }
    let source = format!(
        "// @generated by build.rs from {page_path}. Do not edit: change the page and rebuild.\n\n{}",
        prettyplease::unparse(&file)
    );
    Ok(Generated { source, lookup })
}

/// The probe table for `from_code` (see src/lookup.rs) and its layout.
fn lookup_table(variants: &[Variant]) -> anyhow::Result<(Vec<u8>, crate::lookup::Layout)> {
    anyhow::ensure!(
        variants.len() <= crate::lookup::MAX_CODES,
        "{} codes: the look-up table indexes at most {}",
        variants.len(),
        crate::lookup::MAX_CODES
    );
    let codes: Vec<&str> = variants.iter().map(|v| v.entry.code.as_str()).collect();
    let layout = crate::lookup::Layout::for_codes(&codes);
    let mut table = vec![0u8; layout.table_len()];
    crate::lookup::fill(&mut table, layout, &codes);
    Ok((table, layout))
}

fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// Put `elems` into the empty array of `&[]`.
fn fill_array(expr: &mut syn::Expr, elems: impl Iterator<Item = syn::Expr>) {
    if let syn::Expr::Reference(reference) = expr {
        if let syn::Expr::Array(array) = &mut *reference.expr {
            array.elems = elems.collect();
        }
    }
}

fn lit(lit: syn::Lit) -> syn::Expr {
    syn::Expr::Lit(syn::ExprLit {
        attrs: Vec::new(),
        lit,
    })
}

fn str_lit(text: &str) -> syn::Expr {
    lit(syn::Lit::Str(syn::LitStr::new(text, Span::call_site())))
}

fn int_lit(value: u16) -> syn::Expr {
    lit(syn::Lit::Int(syn::LitInt::new(
        &value.to_string(),
        Span::call_site(),
    )))
}

/// `ErrorCode::Name`
fn variant_path(name: &Ident) -> syn::Expr {
    let segments: Punctuated<syn::PathSegment, syn::Token![::]> =
        [ident("ErrorCode"), name.clone()]
            .into_iter()
            .map(syn::PathSegment::from)
            .collect();
    syn::Expr::Path(syn::ExprPath {
        attrs: Vec::new(),
        qself: None,
        path: syn::Path {
            leading_colon: None,
            segments,
        },
    })
}

/// `#[doc = "text"]`, which prettyplease prints as `///text`.
fn doc_attr(doc: &syn::Path, text: &str) -> syn::Attribute {
    syn::Attribute {
        pound_token: Default::default(),
        style: syn::AttrStyle::Outer,
        bracket_token: Default::default(),
        meta: syn::Meta::NameValue(syn::MetaNameValue {
            path: doc.clone(),
            eq_token: Default::default(),
            value: str_lit(text),
        }),
    }
}

/// The rustdoc of a variant: code, status and message as its summary line, then the
/// description and the solution.
fn variant_docs(variant: &Variant) -> Vec<String> {
    let e = &variant.entry;
    let mut lines = Vec::new();
    let sections = [
        ("", &e.message),
        ("Description", &e.description),
        ("Solution", &e.solution),
    ];
    for (label, text) in sections {
        for (i, paragraph) in text.split("\n\n").filter(|p| !p.is_empty()).enumerate() {
            let text = doc_text(paragraph);
            let line = match (label, i) {
                ("", 0) => format!(" `{}` (HTTP {}): {text}", e.code, e.status),
                (label, 0) => format!(" **{label}:** {text}"),
                _ => format!(" {text}"),
            };
            if !lines.is_empty() {
                lines.push(String::new());
            }
            lines.push(line);
        }
    }
    if variant.state == State::Retired {
        lines.push(String::new());
        lines.push(
            " **Retired:** the page no longer documents this code; the status and message are \
             its last documented ones (kept in `codes/ErrorCode.lock`)."
                .to_string(),
        );
    }
    lines
}

/// Text from the page as Markdown that renders as that text: every character Markdown or
/// rustdoc could read as inline markup is escaped, so is what could start a block (a list item,
/// heading or quote) at the start of a paragraph, and web addresses become autolinks (rustdoc
/// warns about bare ones). Other punctuation stays as it is, for a readable generated file.
fn doc_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let is_url = (word.starts_with("https://") || word.starts_with("http://"))
            && !word.contains(['<', '>', '`', '\\']);
        if is_url {
            let url = word.trim_end_matches(['.', ',', ';', ':', ')']);
            out.push('<');
            out.push_str(url);
            out.push('>');
            escape_into(&mut out, &word[url.len()..]);
        } else {
            escape_into(&mut out, word);
        }
    }
    // `- x`, `+ x`, `> x`, `= x` or `1. x` would start a list, quote or heading: escape its marker.
    let digits = out.bytes().take_while(u8::is_ascii_digit).count();
    if out.starts_with(['-', '+', '>', '=']) {
        out.insert(0, '\\');
    } else if digits > 0 && out[digits..].starts_with(['.', ')']) {
        out.insert(digits, '\\');
    }
    out
}

fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        // Bidirectional text controls in a doc comment are a compile error
        // (`text_direction_codepoint_in_comment`), and invisible: show them by name.
        if matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        {
            out.push_str(&format!("(U+{:04X})", c as u32));
            continue;
        }
        // The characters Markdown reads as inline markup or HTML.
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
}
