//! Fuzzes the word diff: the input is split at the first NUL into left and right. Invariants:
//! the left spans (Equal/Delete/Ignored) rebuild the left text exactly and in order, the right
//! spans (Equal/Insert/Ignored) rebuild the right text, Equal spans read the same on both
//! sides (under the options), every range and refinement is in bounds on char boundaries, and
//! similarity is in [0, 1].
#![no_main]

use libfuzzer_sys::fuzz_target;
use parallax::diff::{DiffOptions, SpanKind, word_diff};

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let (left, right) = text.split_once('\0').unwrap_or((&text, ""));
    let opts = DiffOptions {
        ignore_case: sel & 1 != 0,
        ignore_punctuation: sel & 2 != 0,
    };
    let d = word_diff(left, right, &opts);
    assert!(
        (0.0..=1.0).contains(&d.similarity),
        "similarity {}",
        d.similarity
    );
    for (side, spans, other) in [
        (left, &d.left, SpanKind::Insert),
        (right, &d.right, SpanKind::Delete),
    ] {
        let mut pos = 0;
        for s in spans {
            assert_ne!(s.kind, other, "wrong span kind on a side");
            assert_eq!(s.range.start, pos, "spans do not tile the text: {spans:?}");
            assert!(s.range.end <= side.len());
            assert!(side.is_char_boundary(s.range.start) && side.is_char_boundary(s.range.end));
            for r in &s.refined {
                assert!(
                    r.start >= s.range.start && r.end <= s.range.end,
                    "refined outside span"
                );
                assert!(side.is_char_boundary(r.start) && side.is_char_boundary(r.end));
            }
            pos = s.range.end;
        }
        assert_eq!(pos, side.len(), "spans do not cover the text");
    }
    let eq = |spans: &[parallax::diff::DiffSpan], side: &str| -> String {
        spans
            .iter()
            .filter(|s| s.kind == SpanKind::Equal)
            .map(|s| {
                side[s.range.clone()]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    if !opts.ignore_case && !opts.ignore_punctuation && !d.truncated {
        let (l, r) = (eq(&d.left, left), eq(&d.right, right));
        // Compare without whitespace: tokens exclude it, so "a ." and "a." have equal tokens.
        let fold = |s: &str| {
            parallax::diff::fold_typography(s)
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
        };
        assert_eq!(fold(&l), fold(&r), "equal spans differ");
    }
    for rep in &d.replacements {
        assert!(rep.left.end <= left.len() && rep.right.end <= right.len());
    }
});
