//! Fuzzes the document loaders (plain text with a metadata header or front matter, Markdown,
//! HTML, MHTML archives, Word .docx, PDF) through `corpus::parse_document`, the function every loaded file goes through.
//! The first byte picks the format; the rest is the file's bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../checks.rs"]
mod checks;

fuzz_target!(init: parallax_engine::guard::fuzzing_panics_are_fatal(), |data: &[u8]| checks::loaders(data));
