//! From checked entries to the Rust source of `$OUT_DIR/error_codes.rs`.
//!
//! The shape of the file is written with `quote`, parsed with `syn` and printed with
//! `prettyplease`, so the file is readable when an IDE jumps into it. The per-code parts (the
//! variants with their documentation, and the rows of the data tables) are most of the file, and
//! are printed straight into that text, laid out as `prettyplease` lays them out
//! (`tests/codegen.rs` checks that `prettyplease` prints every generated file unchanged). Going
//! through `syn` nodes, every text on the page would be escaped into a literal and, for the
//! documentation, parsed back out of it, one character at a time in a build script that runs
//! unoptimised in every dependent's build: that was 0.6 s of the script's second at 10,000
//! codes.
//!
//! Everything from the page enters the file only as a string literal (escaped by the standard
//! library's `Debug` for `str`) or as documentation with its Markdown escaped and its line
//! breaks turned into spaces; variant names come from the naming rule, which only produces ASCII
//! letters and digits.

use crate::page::{State, Variant};
use anyhow::Context as _;
use quote::quote;
use std::fmt::Write as _;

/// What the build script writes to `$OUT_DIR`.
pub struct Generated {
    /// `error_codes.rs`: the enum and its tables.
    pub source: String,
    /// `error_codes.lookup`: the table `from_code` probes, which `source` includes as bytes.
    pub lookup: Vec<u8>,
    /// How `lookup` is laid out (also written into `source`).
    #[allow(dead_code)] // Read by the fuzz target.
    pub layout: crate::lookup::Layout,
    /// `error_codes.names`: the variant names one after the other, included as a `&str`.
    pub names: String,
    /// `error_codes.name_ends`: where each name ends in `names`, as little-endian `u32`s.
    pub name_ends: Vec<u8>,
}

impl Generated {
    /// The files to write to `$OUT_DIR`, with `error_codes.rs` last: it includes the others, and
    /// it is its change that makes cargo recompile.
    pub fn files(&self) -> [(&'static str, &[u8]); 4] {
        [
            ("error_codes.lookup", &self.lookup),
            ("error_codes.names", self.names.as_bytes()),
            ("error_codes.name_ends", &self.name_ends),
            ("error_codes.rs", self.source.as_bytes()),
        ]
    }
}

/// A table of one entry per code.
struct Table {
    /// The name of its constant.
    name: &'static str,
    /// Each element's Rust text, on a line of its own.
    elements: String,
    /// Whether `prettyplease` fills its lines with elements (it does with integers) rather than
    /// giving each element a line of its own.
    fill: bool,
}

/// The Rust source and look-up table for `variants` (sorted by code, documented and retired
/// ones together).
pub fn generate(variants: &[Variant], page_path: &str) -> anyhow::Result<Generated> {
    let count = variants.len();
    let (lookup, layout) = lookup_table(variants)?;
    let crate::lookup::Layout {
        size,
        buckets,
        seed,
        direct,
    } = layout;
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
    // With nothing retired, every variant is documented.
    let all = if documented == count {
        quote!(VARIANTS)
    } else {
        quote!(&[])
    };
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
            pub const ALL: &'static [ErrorCode] = #all;
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
        const NAMES: &str = include_str!(concat!(env!("OUT_DIR"), "/error_codes.names"));
        /// Where each name ends in `NAMES`, as little-endian `u32`s, by discriminant.
        const NAME_ENDS: &[u8; #name_ends_len] =
            include_bytes!(concat!(env!("OUT_DIR"), "/error_codes.name_ends"));
        /// How `LOOKUP` is laid out (src/lookup.rs), chosen for these codes at build time.
        const LOOKUP_LAYOUT: lookup::Layout = lookup::Layout { size: #size, buckets: #buckets, seed: #seed, direct: #direct };
    };
    let mut file: syn::File = syn::parse2(skeleton)?;
    let mut tables = tables(variants);
    if documented == count {
        tables.retain(|table| table.name != "ALL");
    }
    // A short table goes into the syntax tree, for `prettyplease` to lay out as it likes (on
    // one line if it fits); a longer one is printed in `splice`.
    let mut long = Vec::new();
    for table in tables {
        // Its length on one line: the elements with `, ` between them, and the declaration.
        let lines = table.elements.lines().count();
        let flat =
            table.elements.len() - lines + 2 * lines.saturating_sub(1) + table.name.len() + 40;
        if flat > FLAT_MAX {
            long.push(table);
            continue;
        }
        let elements: Vec<&str> = table.elements.lines().collect();
        let array: syn::ExprArray = syn::parse_str(&format!("[{}]", elements.join(", ")))
            .with_context(|| format!("the elements of {} are not Rust", table.name))?;
        let expr = table_expr(&mut file, table.name)
            .with_context(|| format!("the skeleton has no table {}", table.name))?;
        if let syn::Expr::Reference(reference) = expr {
            *reference.expr = syn::Expr::Array(array);
        }
    }
    let skeleton = prettyplease::unparse(&file);
    let mut source = String::with_capacity(
        skeleton.len()
            + long.iter().map(|t| t.elements.len() * 5 / 4).sum::<usize>()
            + variants.len() * 400,
    );
    source.push_str("// @generated by build.rs from ");
    source.push_str(page_path);
    source.push_str(". Do not edit: change the page and rebuild.\n\n");
    splice(&mut source, &skeleton, &long, variants, page_path)?;
    Ok(Generated {
        source,
        lookup,
        layout,
        names,
        name_ends,
    })
}

/// The longest table left to `prettyplease`, in characters on one line. Past its margin of
/// [`MARGIN`] columns it breaks an array as `splice` prints it; a table shorter than this goes
/// through `prettyplease` itself, which so decides whether an array near the margin fits.
const FLAT_MAX: usize = 120;

/// The column `prettyplease` keeps lines within where it can.
const MARGIN: usize = 89;

/// The per-code tables, each element's Rust text on a line of its own: paths to the variants,
/// the codes and texts as string literals (`Debug` for `str` writes a valid Rust literal of any
/// text, in the standard library's optimised code rather than the script's), statuses as
/// integers.
fn tables(variants: &[Variant]) -> Vec<Table> {
    let paths = |filter: &dyn Fn(&Variant) -> bool| {
        let mut out = String::new();
        for v in variants.iter().filter(|v| filter(v)) {
            out.push_str("ErrorCode::");
            out.push_str(&v.name);
            out.push('\n');
        }
        out
    };
    let column = |field: &dyn Fn(&Variant) -> &dyn std::fmt::Debug| {
        let mut out = String::new();
        for v in variants {
            // Writing to a `String` cannot fail.
            let _ = writeln!(out, "{:?}", field(v));
        }
        out
    };
    let table = |name, elements, fill| Table {
        name,
        elements,
        fill,
    };
    vec![
        table("ALL", paths(&|v| v.state != State::Retired), false),
        table("RETIRED", paths(&|v| v.state == State::Retired), false),
        table("VARIANTS", paths(&|_| true), false),
        table("CODES", column(&|v| &v.entry.code), false),
        table("STATUSES", column(&|v| &v.entry.status), true),
        table("MESSAGES", column(&|v| &v.entry.message), false),
        table("DESCRIPTIONS", column(&|v| &v.entry.description), false),
        table("SOLUTIONS", column(&|v| &v.entry.solution), false),
    ]
}

/// The value of the table `name` in the skeleton (`&[]`).
fn table_expr<'a>(file: &'a mut syn::File, name: &str) -> Option<&'a mut syn::Expr> {
    file.items.iter_mut().find_map(|item| match item {
        syn::Item::Const(c) if c.ident == name => Some(&mut *c.expr),
        syn::Item::Impl(i) => i.items.iter_mut().find_map(|item| match item {
            syn::ImplItem::Const(c) if c.ident == name => Some(&mut c.expr),
            _ => None,
        }),
        _ => None,
    })
}

/// The printed skeleton into `out`, with the variants in the empty enum and the long tables
/// in their empty arrays, laid out as `prettyplease` lays out an enum and an array too long for
/// one line: one element per line, or as many as fit within the margin for integers (statuses
/// are all of three digits, so there is no case on the edge).
fn splice(
    out: &mut String,
    skeleton: &str,
    long: &[Table],
    variants: &[Variant],
    page_path: &str,
) -> anyhow::Result<()> {
    let mut spliced = 0;
    for line in skeleton.split_inclusive('\n') {
        if line == "pub enum ErrorCode {}\n" {
            out.push_str("pub enum ErrorCode {\n");
            print_variants(out, variants, page_path);
            out.push_str("}\n");
            spliced += 1;
            continue;
        }
        let declaration = line.trim_start().trim_start_matches("pub ");
        let table = long.iter().find(|table| {
            declaration
                .strip_prefix("const ")
                .and_then(|d| d.strip_prefix(table.name))
                .is_some_and(|d| d.starts_with(':'))
        });
        let Some(table) = table.filter(|_| line.ends_with(" = &[];\n")) else {
            out.push_str(line);
            continue;
        };
        let indent = &line[..line.len() - line.trim_start().len()];
        out.push_str(&line[..line.len() - "];\n".len()]);
        // The length of the line being filled; 0 at the start of one.
        let mut filled = 0;
        for element in table.elements.lines() {
            // A space, the element and its comma.
            let wider = filled + element.len() + 2;
            if filled > 0 && table.fill && wider <= MARGIN {
                out.push(' ');
                filled += 1;
            } else {
                out.push('\n');
                out.push_str(indent);
                out.push_str("    ");
                filled = indent.len() + 4;
            }
            out.push_str(element);
            out.push(',');
            filled += element.len() + 1;
        }
        out.push('\n');
        out.push_str(indent);
        out.push_str("];\n");
        spliced += 1;
    }
    anyhow::ensure!(
        spliced == long.len() + 1,
        "prettyplease printed the skeleton in an unexpected way: {spliced} of {} places to fill found",
        long.len() + 1
    );
    Ok(())
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
    // The doc model merges or rejects duplicate codes; this keeps the table's search (which
    // would never place two equal codes apart) finite whatever it is given.
    let mut sorted = codes.clone();
    sorted.sort_unstable();
    if let Some(pair) = sorted.windows(2).find(|pair| pair[0] == pair[1]) {
        anyhow::bail!(
            "code {} is listed twice: the look-up table needs distinct codes",
            pair[0]
        );
    }
    let mut scratch = vec![[0; 3]; codes.len()];
    let (layout, table) = crate::lookup::build(
        &codes,
        crate::lookup::Layout::for_codes(&codes),
        &mut scratch,
        |len| vec![0u8; len],
    );
    Ok((table, layout))
}

/// The variants of the enum, each with its rustdoc, as `prettyplease` prints an enum: a
/// `///` line per line of documentation (trailing spaces trimmed), any other attribute on a
/// line of its own, then the name and a comma, all indented by four spaces.
fn print_variants(out: &mut String, variants: &[Variant], page_path: &str) {
    for variant in variants {
        for line in variant_docs(variant) {
            out.push_str("    ///");
            // As `prettyplease` prints a doc line, and as rustdoc reads it either way.
            out.push_str(line.trim_end_matches(' '));
            out.push('\n');
        }
        if variant.state == State::Retired {
            let note = format!(
                "{} is no longer documented in {page_path}",
                variant.entry.code
            );
            out.push_str("    #[deprecated(note = ");
            out.push_str(&proc_macro2::Literal::string(&note).to_string());
            out.push_str(")]\n");
        }
        out.push_str("    ");
        out.push_str(&variant.name);
        out.push_str(",\n");
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
    // Word by word, a line break inside a paragraph becoming a space (as Markdown reads it; kept,
    // it would end the `///` line). Byte loops here and in `escape_into`: the build script runs
    // unoptimised, where `split` and `chars` cost calls per character of every text on the page.
    let bytes = text.as_bytes();
    let mut start = 0;
    while start <= bytes.len() {
        let mut end = start;
        while end < bytes.len() && !matches!(bytes[end], b' ' | b'\n' | b'\r') {
            end += 1;
        }
        if start > 0 {
            out.push(' ');
        }
        let word = &text[start..end];
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
        start = end + 1;
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

/// `text` into `out`, with a backslash before each character Markdown reads as inline markup
/// or HTML and bidirectional text controls shown by name. Runs of other bytes are copied whole.
fn escape_into(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    // `text[copied..i]` is still to be copied; both are always at character boundaries.
    let (mut copied, mut i) = (0, 0);
    while i < bytes.len() {
        let b = bytes[i];
        if matches!(
            b,
            b'\\'
                | b'`'
                | b'*'
                | b'_'
                | b'['
                | b']'
                | b'<'
                | b'>'
                | b'#'
                | b'|'
                | b'~'
                | b'&'
                | b'!'
        ) {
            out.push_str(&text[copied..i]);
            out.push('\\');
            copied = i;
        } else if b == 0xD8 || b == 0xE2 {
            // The first byte of U+061C and of U+200E..U+2069, where the bidirectional controls
            // are. In a doc comment they are a compile error (`text_direction_codepoint_in_comment`),
            // and invisible.
            let c = text[i..].chars().next().unwrap_or_default();
            if matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
            {
                out.push_str(&text[copied..i]);
                out.push_str(&format!("(U+{:04X})", c as u32));
                i += c.len_utf8();
                copied = i;
                continue;
            }
        }
        i += 1;
    }
    out.push_str(&text[copied..]);
}
