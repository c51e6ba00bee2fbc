//! Tests of the page reader and doc model: the same source files `build.rs` compiles.

#[allow(dead_code)]
#[path = "../../src/page/mod.rs"]
mod page;

mod bad_pages;
mod docutils;
mod shared;
