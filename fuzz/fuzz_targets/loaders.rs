//! Fuzzes the document loaders (plain text with a metadata header or front matter, Markdown,
//! HTML) through `corpus::parse_document`, the function every loaded file goes through.
//! The first byte picks the format; the rest is the file's bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use parallax::corpus::{FolderConfig, Format, parse_document};

fuzz_target!(|data: &[u8]| {
    let Some((&sel, bytes)) = data.split_first() else {
        return;
    };
    let (format, name) = match sel % 3 {
        0 => (Format::Text, "fuzz.txt"),
        1 => (Format::Markdown, "fuzz.md"),
        _ => (Format::Html, "fuzz.html"),
    };
    let config = FolderConfig::default();
    if let Ok((article, _caveats)) = parse_document(name, bytes.to_vec(), format, &config) {
        // Invariants a viewer relies on: every paragraph lies inside the body on char
        // boundaries, is non-empty, and paragraphs are in order.
        let mut last = 0;
        for p in &article.paragraphs {
            assert!(p.start <= p.end && p.end <= article.body.len());
            assert!(article.body.is_char_boundary(p.start));
            assert!(article.body.is_char_boundary(p.end));
            assert!(p.start >= last, "paragraphs out of order");
            last = p.end;
            assert!(!article.text(*p).trim().is_empty(), "empty paragraph");
        }
        assert!(
            !article.paragraphs.is_empty(),
            "loaded article without text"
        );
    }
});
