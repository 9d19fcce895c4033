//! The side-by-side comparison of two articles as plain data: the aligned rows of
//! [`crate::align::Alignment::pair_rows`] with each row's word diff and framing marks
//! (contrasts resolved between the two sides). Shared by the viewer, `parallax diff` and the
//! report.

use serde::Serialize;
use std::borrow::Cow;

use crate::align::{PairRow, PassageRef};
use crate::diff::{self, DiffOptions, SpanKind, WordDiff};
use crate::framing::{self, Framing, Mark, QuoteSpan};
use crate::model::Analysis;

/// Figures of one row, for sorting and summaries.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RowStats {
    /// Word-level similarity of the two sides in [0, 1] (0 for unmatched rows).
    pub similarity: f32,
    /// Bytes of the left text marked deleted / of the right text marked inserted.
    pub deleted_bytes: usize,
    pub inserted_bytes: usize,
    /// Marks paired with the other side (said vs claimed).
    pub contrasts: usize,
}

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
    /// Direct quotations with their speakers, byte ranges into `left_text` / `right_text`.
    pub left_quotes: Vec<QuoteSpan>,
    pub right_quotes: Vec<QuoteSpan>,
    pub stats: RowStats,
}

/// Two articles side by side.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub left: usize,
    pub right: usize,
    pub rows: Vec<CompareRow>,
}

impl Comparison {
    /// Rows where both sides are present.
    pub fn matched(&self) -> impl Iterator<Item = &CompareRow> {
        self.rows
            .iter()
            .filter(|r| !r.pair.left.is_empty() && !r.pair.right.is_empty())
    }
}

/// Joins passages of `article` with a space and collects their marks shifted into the joined
/// text.
fn join(
    analysis: &Analysis,
    framing: &Framing,
    article: usize,
    ps: &[usize],
) -> (String, Vec<Mark>, Vec<QuoteSpan>) {
    let mut text = String::new();
    let mut marks = Vec::new();
    let mut quotes = Vec::new();
    let spans = analysis.alignment.passages.get(article);
    for (k, &p) in ps.iter().enumerate() {
        if k > 0 {
            text.push(' ');
        }
        let passage = analysis.passage_text(PassageRef {
            article,
            passage: p,
        });
        if let Some(s) = spans.and_then(|v| v.get(p)) {
            marks.extend(framing.marks_in_span(article, s.span.range(), text.len()));
            quotes.extend(framing.quotes_in_span(article, s.span.range(), text.len()));
        }
        text.push_str(passage);
    }
    (text, marks, quotes)
}

/// Builds the comparison of articles `left` and `right` of `analysis`. Uses the framing of the
/// analysis when it was computed, else the built-in lexicon.
pub fn compare(analysis: &Analysis, left: usize, right: usize, opts: &DiffOptions) -> Comparison {
    let framing: Cow<'_, Framing> = match &analysis.framing {
        Some(f) => Cow::Borrowed(f),
        None => Cow::Owned(framing::analyze(
            &analysis.corpus,
            &analysis.alignment,
            &framing::Lexicon::builtin(),
        )),
    };
    let rows = analysis
        .alignment
        .pair_rows(left, right)
        .into_iter()
        .map(|pair| {
            let (left_text, mut left_marks, left_quotes) =
                join(analysis, &framing, left, &pair.left);
            let (right_text, mut right_marks, right_quotes) =
                join(analysis, &framing, right, &pair.right);
            let diff = (!pair.left.is_empty() && !pair.right.is_empty())
                .then(|| diff::word_diff(&left_text, &right_text, opts));
            let mut stats = RowStats::default();
            if let Some(d) = &diff {
                framing::contrast::apply(
                    &mut left_marks,
                    &mut right_marks,
                    d,
                    &left_text,
                    &right_text,
                );
                let bytes = |spans: &[diff::DiffSpan], k: SpanKind| -> usize {
                    spans
                        .iter()
                        .filter(|s| s.kind == k)
                        .map(|s| s.range.len())
                        .sum()
                };
                stats.similarity = d.similarity;
                stats.deleted_bytes = bytes(&d.left, SpanKind::Delete);
                stats.inserted_bytes = bytes(&d.right, SpanKind::Insert);
                stats.contrasts = left_marks.iter().filter(|m| m.contrast.is_some()).count();
            }
            CompareRow {
                pair,
                left_text,
                right_text,
                diff,
                left_marks,
                right_marks,
                left_quotes,
                right_quotes,
                stats,
            }
        })
        .collect();
    Comparison { left, right, rows }
}
