//! The side-by-side comparison of two articles as plain data: the aligned rows of
//! [`crate::align::Alignment::pair_rows`] with each row's word diff and framing marks
//! (contrasts resolved between the two sides). Shared by the viewer, `parallax diff` and the
//! report.
//!
//! It also owns what every front end says about a row: its [`RowKind`] and its one
//! [`Match`] figure (label, explanation, formatting), so the viewer's gutter, `parallax diff`
//! and the report print the same number with the same meaning.

use serde::Serialize;
use std::borrow::Cow;
use std::fmt;

use crate::align::{PairRow, PassageRef};
use crate::diff::{self, DiffOptions, SpanKind, WordDiff};
use crate::framing::{self, Framing, Mark, QuoteSpan};
use crate::model::Analysis;

/// What a row of the side by side shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    /// Both sides, same wording (after the diff options).
    Same,
    /// Both sides, wording differs.
    Changed,
    /// Only the left article has the passage.
    LeftOnly,
    /// Only the right article has the passage.
    RightOnly,
}

impl RowKind {
    /// The kind of `row`.
    pub fn of(row: &CompareRow) -> Self {
        match (row.pair.left.is_empty(), row.pair.right.is_empty()) {
            (false, true) => RowKind::LeftOnly,
            (true, false) => RowKind::RightOnly,
            _ => {
                let changed = match &row.diff {
                    Some(d) => d.has_changes(),
                    None => row.left_text != row.right_text,
                };
                if changed {
                    RowKind::Changed
                } else {
                    RowKind::Same
                }
            }
        }
    }

    /// Anything but an identical pair.
    pub fn is_difference(self) -> bool {
        self != RowKind::Same
    }

    /// Both sides are present (the row has a [`Match`] figure).
    pub fn is_matched(self) -> bool {
        matches!(self, RowKind::Same | RowKind::Changed)
    }
}

/// The one "match" figure of a paired row: the aligner's probability that the two passages
/// report the same claim (the link score). The minimum match (`--min-score`, Settings ▸
/// Minimum match, the report's "minimum match") is a threshold on this same figure, so a
/// shown row is always at or above it. Shown as a percentage everywhere ([`fmt::Display`]).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize)]
#[serde(transparent)]
pub struct Match(f32);

impl Match {
    /// The figure's name, as every front end labels it.
    pub const LABEL: &'static str = "Match";
    /// What the figure means, for tooltips and legends.
    pub const EXPLANATION: &'static str = "how likely the two passages report the same claim \
        (the aligner's match probability); passages below the minimum match are not paired. \
        Not the share of wording they have in common.";

    /// The figure of a link score in [0, 1] (clamped; not a number counts as 0).
    pub fn new(score: f32) -> Self {
        Match(if score.is_finite() {
            score.clamp(0.0, 1.0)
        } else {
            0.0
        })
    }

    /// The score in [0, 1].
    pub fn score(self) -> f32 {
        self.0
    }
}

impl fmt::Display for Match {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&percent(self.0))
    }
}

/// A share in [0, 1] as the front ends print match figures and thresholds: a whole percentage,
/// with one decimal below 10% when it has one (`"73%"`, `"6.5%"`, `"0%"`).
pub fn percent(share: f32) -> String {
    let p = if share.is_finite() {
        share.clamp(0.0, 1.0) * 100.0
    } else {
        0.0
    };
    let tenths = (p * 10.0).round() / 10.0;
    if tenths < 10.0 && tenths.fract() != 0.0 {
        format!("{tenths:.1}%")
    } else {
        format!("{:.0}%", p.round())
    }
}

/// Figures of one row, for sorting and summaries.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RowStats {
    /// Share of wording the two sides have in common after the word diff, in [0, 1] (0 for
    /// unmatched rows). Not the row's [`Match`] figure: it sorts and summarises, and the
    /// viewer's gutter tooltip names it as the wording in common.
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
    /// For a passage only one side has: passages of the other article on the same topic
    /// (related, not the same claim), most related first, at most [`RELATED_PER_ROW`].
    pub related: Vec<usize>,
    /// For a one-sided row whose passage *is* linked to passages of the other article (the
    /// same claim) that a row can not hold: each such counterpart and the row it is shown
    /// in, in row order. A row pairs a passage with one counterpart, or with two adjacent
    /// ones (a split sentence); a second counterpart elsewhere in the other article keeps its
    /// own row, and this says where its claim is, instead of "not in".
    pub linked: Vec<LinkedElsewhere>,
}

/// A counterpart of a one-sided row's passage, shown in another row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LinkedElsewhere {
    /// The counterpart's passage index in the other article.
    pub passage: usize,
    /// Index of the row that shows it (in [`Comparison::rows`]).
    pub row: usize,
}

/// Most related passages listed for a one-sided row.
pub const RELATED_PER_ROW: usize = 3;

/// Two articles side by side.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub left: usize,
    pub right: usize,
    pub rows: Vec<CompareRow>,
}

impl CompareRow {
    /// What the row shows.
    pub fn kind(&self) -> RowKind {
        RowKind::of(self)
    }

    /// A passage only one side has, and no link to the other article at all (not
    /// [`CompareRow::linked`] elsewhere): what "only in …" counts.
    pub fn is_unmatched(&self) -> bool {
        !self.kind().is_matched() && self.linked.is_empty()
    }

    /// What the empty cell of a one-sided row says, `other` being the source that has no
    /// passage in it: "not in The Valley Voice", or, when the passage is linked to one of
    /// that source shown in another row, "in The Valley Voice: row 7" (rows numbered from 1,
    /// as the report and `parallax diff` number them).
    pub fn missing_note(&self, other: &str) -> String {
        match self.linked.first() {
            Some(l) => format!("in {other}: row {}", l.row + 1),
            None => format!("not in {other}"),
        }
    }

    /// The match figure of a paired row (None for a passage only one side has).
    pub fn match_figure(&self) -> Option<Match> {
        self.kind()
            .is_matched()
            .then(|| Match::new(self.pair.score))
    }
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
            // A passage one side lacks: what the other side says on the same topic.
            let (mine, other_article, mine_article) = if pair.right.is_empty() {
                (&pair.left, right, left)
            } else {
                (&pair.right, left, right)
            };
            let mut related: Vec<(usize, f32)> = Vec::new();
            if pair.left.is_empty() != pair.right.is_empty() {
                for &p in mine {
                    let of = PassageRef {
                        article: mine_article,
                        passage: p,
                    };
                    related.extend(analysis.alignment.related_to(of, other_article));
                }
            }
            related.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
            let mut related: Vec<usize> = related.into_iter().map(|(p, _)| p).collect();
            let mut seen = std::collections::BTreeSet::new();
            related.retain(|p| seen.insert(*p));
            related.truncate(RELATED_PER_ROW);
            CompareRow {
                related,
                linked: Vec::new(),
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
        .collect::<Vec<CompareRow>>();
    let mut rows = rows;
    mark_linked_elsewhere(analysis, left, right, &mut rows);
    Comparison { left, right, rows }
}

/// Fills [`CompareRow::linked`] of the one-sided rows.
fn mark_linked_elsewhere(analysis: &Analysis, left: usize, right: usize, rows: &mut [CompareRow]) {
    use std::collections::HashMap;
    let mut row_of: [HashMap<usize, usize>; 2] = [HashMap::new(), HashMap::new()];
    for (i, r) in rows.iter().enumerate() {
        for &p in &r.pair.left {
            row_of[0].insert(p, i);
        }
        for &p in &r.pair.right {
            row_of[1].insert(p, i);
        }
    }
    // (left passage, right passage) of every link of the pair.
    let links: Vec<(usize, usize)> = analysis
        .alignment
        .links_between(left, right)
        .map(|l| {
            if l.a.article == left {
                (l.a.passage, l.b.passage)
            } else {
                (l.b.passage, l.a.passage)
            }
        })
        .collect();
    for r in rows.iter_mut() {
        let (mine, side) = match (r.pair.left.is_empty(), r.pair.right.is_empty()) {
            (false, true) => (&r.pair.left, 0),
            (true, false) => (&r.pair.right, 1),
            _ => continue,
        };
        let mut linked: Vec<LinkedElsewhere> = links
            .iter()
            .filter_map(|&(l, rp)| {
                let (me, other) = if side == 0 { (l, rp) } else { (rp, l) };
                mine.contains(&me).then_some(other)
            })
            .filter_map(|other| {
                row_of[1 - side].get(&other).map(|&row| LinkedElsewhere {
                    passage: other,
                    row,
                })
            })
            .collect();
        linked.sort_by_key(|x| (x.row, x.passage));
        linked.dedup();
        r.linked = linked;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_is_whole_above_ten_and_keeps_a_decimal_below() {
        assert_eq!(percent(0.73), "73%");
        assert_eq!(percent(0.065), "6.5%");
        assert_eq!(percent(0.06), "6%");
        assert_eq!(percent(0.25), "25%");
        assert_eq!(percent(1.0), "100%");
        assert_eq!(percent(0.0), "0%");
        assert_eq!(percent(f32::NAN), "0%");
        assert_eq!(percent(3.0), "100%");
        assert_eq!(Match::new(0.5).to_string(), "50%");
        assert_eq!(Match::new(-1.0).score(), 0.0);
    }
}
