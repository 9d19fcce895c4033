//! The side-by-side comparison of two articles as plain data: the aligned rows of
//! [`crate::align::Alignment::pair_rows`] with each row's word diff and framing marks.
//! Shared by the viewer, `parallax diff` and the report.

use serde::Serialize;

use crate::align::PairRow;
use crate::diff::{self, DiffOptions, WordDiff};
use crate::framing::Mark;
use crate::model::Analysis;

/// One row of the comparison.
#[derive(Debug, Clone, Serialize)]
pub struct CompareRow {
    pub pair: PairRow,
    /// The left passages of the row joined with a space (empty for right-only rows).
    pub left_text: String,
    pub right_text: String,
    /// Word diff of `left_text` against `right_text` (None for unmatched rows).
    pub diff: Option<WordDiff>,
    /// Framing marks, byte ranges into `left_text` / `right_text`.
    pub left_marks: Vec<Mark>,
    pub right_marks: Vec<Mark>,
}

/// Two articles side by side.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub left: usize,
    pub right: usize,
    pub rows: Vec<CompareRow>,
}

/// Builds the comparison of articles `left` and `right` of `analysis`.
pub fn compare(analysis: &Analysis, left: usize, right: usize, opts: &DiffOptions) -> Comparison {
    let join = |article: usize, ps: &[usize]| -> String {
        ps.iter()
            .map(|&p| {
                analysis.passage_text(crate::align::PassageRef {
                    article,
                    passage: p,
                })
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let rows = analysis
        .alignment
        .pair_rows(left, right)
        .into_iter()
        .map(|pair| {
            let left_text = join(left, &pair.left);
            let right_text = join(right, &pair.right);
            let diff = (!pair.left.is_empty() && !pair.right.is_empty())
                .then(|| diff::word_diff(&left_text, &right_text, opts));
            CompareRow {
                pair,
                left_text,
                right_text,
                diff,
                left_marks: vec![],
                right_marks: vec![],
            }
        })
        .collect();
    Comparison { left, right, rows }
}
