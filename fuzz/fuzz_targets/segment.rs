//! Fuzzes sentence segmentation and tokenisation: ranges in bounds, on char boundaries, in
//! order, trimmed and non-empty.
#![no_main]

use libfuzzer_sys::fuzz_target;
use parallax::text::{split_sentences, tokenize};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut last = 0;
    for r in split_sentences(&text) {
        assert!(
            r.start >= last && r.start < r.end && r.end <= text.len(),
            "{r:?}"
        );
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        let s = &text[r.clone()];
        assert_eq!(s, s.trim(), "sentence not trimmed: {s:?}");
        last = r.end;
    }
    let mut last = 0;
    for t in tokenize(&text) {
        assert!(t.start >= last && t.start < t.end && t.end <= text.len());
        assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
        last = t.end;
    }
});
