//! The report as plain data: [`build`] turns an [`Analysis`] into a [`Report`] that the HTML,
//! JSON and Markdown writers only format. Everything a reader sees is decided here (order,
//! counts, segments of each side-by-side cell), so the three formats always agree.

use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::ops::Range;

pub use super::framing_tables::{
    FramingTables, NamingRow, ProfileRow, ReuseRow, SpeakerRow, TermCount,
};
use crate::align::PassageRef;
pub use crate::compare::RowKind;
use crate::compare::{self, CompareRow, Match};
use crate::corpus::Warning;
use crate::diff::{DiffOptions, DiffSpan, SpanKind};
use crate::framing::{Mark, Strength};
pub use crate::legend::{Legend, LegendCategory, NAMING};
use crate::model::Analysis;
use crate::progress::{Cancelled, Progress};
use crate::span::Cover;

/// Which pairs of sources get a side-by-side section.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum PairSelection {
    /// Every pair of sources (n·(n−1)/2 sections), lower index on the left.
    #[default]
    All,
    /// These (left, right) pairs, in this order; out-of-range or same-source pairs are skipped.
    Pairs(Vec<(usize, usize)>),
    /// No side-by-side section.
    None,
}

/// What to put in a report.
#[derive(Debug, Clone, Default)]
pub struct ReportOptions {
    /// Heading of the report; default: `"Parallax report: <folder name>"`.
    pub title: Option<String>,
    /// When it was generated, as shown to readers (e.g. "2026-11-21 20:50 UTC"). `None` keeps the
    /// output byte-identical across runs.
    pub generated: Option<String>,
    pub pairs: PairSelection,
    pub diff: DiffOptions,
    /// The link threshold the analysis was built with (shown in the generation info).
    pub min_score: Option<f32>,
    /// Name of the lexicon file when it is not the built-in one (shown in the header; the
    /// categories themselves come from `analysis.framing`).
    pub lexicon: Option<String>,
}

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub title: String,
    pub generator: String,
    pub generated: Option<String>,
    /// The folder analysed, or `None` for the bundled sample articles.
    pub folder: Option<String>,
    pub settings: Settings,
    pub sources: Vec<SourceInfo>,
    /// Files skipped or loaded with a caveat.
    pub warnings: Vec<Warning>,
    pub legend: Legend,
    pub story_map: StoryMap,
    /// Framing tables; `None` when the analysis holds no framing data.
    pub framing: Option<FramingTables>,
    /// Per source, the passages no other source reports.
    pub one_source: Vec<OneSource>,
    pub comparisons: Vec<PairSection>,
    /// Side-by-side sections selected but left out because the report holds at most
    /// [`MAX_PAIR_SECTIONS`] of them (choose pairs with `--left`/`--right`).
    pub pairs_omitted: usize,
    /// Links made or removed by hand (see [`crate::corrections`]), in the order they were made.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<CorrectionRow>,
    /// Hand corrections that no longer fit the set, with the reason.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub corrections_skipped: Vec<String>,
}

/// One hand correction as the report lists it.
#[derive(Debug, Clone, Serialize)]
pub struct CorrectionRow {
    /// `"link"` or `"unlink"`.
    pub action: crate::corrections::Action,
    pub a_source: String,
    pub a_text: String,
    pub b_source: String,
    pub b_text: String,
}

/// The most side-by-side sections one report holds: every pair of 20 sources. Past it a
/// report grows with sources² (500 copies of one article: half a gigabyte) and no reader
/// goes through the sections anyway.
pub const MAX_PAIR_SECTIONS: usize = 190;

#[derive(Debug, Clone, Serialize)]
pub struct Settings {
    pub min_score: Option<f32>,
    pub ignore_case: bool,
    pub ignore_punctuation: bool,
    pub lexicon: Option<String>,
}

/// One article of the set.
#[derive(Debug, Clone, Serialize)]
pub struct SourceInfo {
    pub index: usize,
    pub source: String,
    pub title: String,
    pub file: String,
    pub date: Option<String>,
    pub url: Option<String>,
    pub words: usize,
    pub passages: usize,
    /// Events (of the story map) this source reports.
    pub events: usize,
    /// Passages no other source reports.
    pub one_source_passages: usize,
    /// Share of the source's words in passages no other source reports, in [0, 1].
    pub one_source_share: f32,
}

/// Events × sources.
#[derive(Debug, Clone, Serialize)]
pub struct StoryMap {
    pub rows: Vec<EventRow>,
    /// The largest cell word count (bars are scaled to it).
    pub max_words: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct EventRow {
    /// Index into `analysis.alignment.events`.
    pub event: usize,
    pub label: String,
    /// Number of sources reporting the event.
    pub source_count: usize,
    /// Reported by one source only.
    pub blindspot: bool,
    /// One cell per source, in source order.
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    /// Passage indices of this source in the event (empty: the source does not report it).
    pub passages: Vec<usize>,
    pub words: usize,
    /// The passages as they read in the article, joined with a space.
    pub text: String,
    /// A side-by-side row of the report where this source's passage sits next to another
    /// source's passage of the same event, if the report holds one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<RowRef>,
}

/// A row of a side-by-side section: `comparisons[i]` has `left`/`right`; `row` is 0-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RowRef {
    pub left: usize,
    pub right: usize,
    pub row: usize,
}

/// Passages of one source that no other source reports.
#[derive(Debug, Clone, Serialize)]
pub struct OneSource {
    pub source: usize,
    pub passages: Vec<OnePassage>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OnePassage {
    pub passage: usize,
    pub text: String,
    pub words: usize,
}

/// The side-by-side differences of one pair.
#[derive(Debug, Clone, Serialize)]
pub struct PairSection {
    pub left: usize,
    pub right: usize,
    pub rows: Vec<ReportRow>,
    pub stats: PairStats,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct PairStats {
    pub matched: usize,
    /// Matched rows whose wording differs.
    pub changed: usize,
    pub left_only: usize,
    pub right_only: usize,
    pub moved: usize,
    pub removed_words: usize,
    pub added_words: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReportRow {
    pub kind: RowKind,
    pub left_passages: Vec<usize>,
    pub right_passages: Vec<usize>,
    /// A one-sided row whose passage is linked to one of the other source shown in another
    /// row: that row's index in the section's rows (see
    /// [`crate::compare::CompareRow::linked`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub linked_row: Option<usize>,
    /// The row's match figure in [0, 1] (the link score; 0 for an unmatched row): see
    /// [`Match`] and [`ReportRow::match_figure`].
    pub score: f32,
    pub moved: bool,
    /// The row's passages were linked by hand (a correction), not by the aligner.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub manual: bool,
    /// The left text cut into runs (empty for a right-only row).
    pub left: Vec<Segment>,
    pub right: Vec<Segment>,
}

impl ReportRow {
    /// The row's match figure, as the viewer's gutter and `parallax diff` show it (None for a
    /// passage only one side has).
    pub fn match_figure(&self) -> Option<Match> {
        self.kind.is_matched().then(|| Match::new(self.score))
    }
}

/// How a run of text differs from the other side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// Same on both sides, or an unmatched passage.
    None,
    Removed,
    Added,
    /// Differs only in a way the options ignore.
    Ignored,
}

/// A run of a cell's text with one diff state and at most one framing mark.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Segment {
    pub text: String,
    pub change: Change,
    /// Inside a character-level refinement (the letters that actually differ).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub refined: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mark: Option<SegmentMark>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SegmentMark {
    pub category: String,
    pub term: String,
    /// Inside a direct quotation: the speaker's wording, not the outlet's.
    pub quoted: bool,
    /// What the other passage chose in the same slot (a contrast).
    pub contrast: Option<String>,
    /// The other passage fills the same slot differently (the strongest framing signal).
    pub paired: bool,
    /// Who speaks the quoted words, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
}

/// Word count as the engine counts words (Unicode words).
pub fn word_count(text: &str) -> usize {
    crate::text::tokenize(text).len()
}

/// The article pairs of a selection, in a stable order.
pub fn selected_pairs(selection: &PairSelection, n: usize) -> Vec<(usize, usize)> {
    match selection {
        PairSelection::All => (0..n)
            .flat_map(|l| (l + 1..n).map(move |r| (l, r)))
            .collect(),
        PairSelection::Pairs(ps) => ps
            .iter()
            .copied()
            .filter(|&(l, r)| l < n && r < n && l != r)
            .collect(),
        PairSelection::None => Vec::new(),
    }
}

/// Builds the report. Runs one comparison per selected pair (in parallel); checks `progress`
/// for cancellation between pairs and counts them as steps.
pub fn build(
    analysis: &Analysis,
    opts: &ReportOptions,
    progress: &Progress,
) -> Result<Report, Cancelled> {
    let arts = &analysis.corpus.articles;
    let al = &analysis.alignment;
    let n = arts.len();
    let mut pairs = selected_pairs(&opts.pairs, n);
    // Side-by-side sections grow with sources²: past the cap the rest are left out, and the
    // report says how many (`pairs_omitted`).
    let pairs_omitted = pairs.len().saturating_sub(MAX_PAIR_SECTIONS);
    pairs.truncate(MAX_PAIR_SECTIONS);
    progress.stage("Building report", pairs.len() + 1);

    // Passage words, once.
    let passage_words: Vec<Vec<usize>> = (0..n)
        .map(|a| {
            (0..al.passages.get(a).map_or(0, Vec::len))
                .map(|p| {
                    word_count(analysis.passage_text(PassageRef {
                        article: a,
                        passage: p,
                    }))
                })
                .collect()
        })
        .collect();
    let pw = |a: usize, p: usize| {
        passage_words
            .get(a)
            .and_then(|v| v.get(p))
            .copied()
            .unwrap_or(0)
    };

    // Story map: the engine's event rows (most sources first, then first appearance), each
    // cell with the text of its passages.
    let rows: Vec<EventRow> = crate::story_map::rows(analysis)
        .into_iter()
        .filter_map(|r| {
            let crate::story_map::RowKind::Event(ei) = r.kind else {
                return None;
            };
            let cells: Vec<Cell> = r
                .cells
                .into_iter()
                .enumerate()
                .map(|(a, c)| Cell {
                    text: c
                        .passages
                        .iter()
                        .map(|&p| {
                            analysis.passage_text(PassageRef {
                                article: a,
                                passage: p,
                            })
                        })
                        .collect::<Vec<_>>()
                        .join(" "),
                    words: c.words,
                    passages: c.passages,
                    row: None,
                })
                .collect();
            Some(EventRow {
                event: ei,
                label: r.label,
                source_count: r.sources,
                blindspot: r.sources == 1,
                cells,
            })
        })
        .collect();
    let max_words = rows
        .iter()
        .flat_map(|r| r.cells.iter().map(|c| c.words))
        .max()
        .unwrap_or(0);

    // One-source passages and the per-source coverage figures.
    let unique_all = al.unique_by_article();
    let one_source: Vec<OneSource> = (0..n)
        .map(|a| OneSource {
            source: a,
            passages: unique_all
                .get(a)
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .map(|p| OnePassage {
                    passage: p,
                    text: analysis
                        .passage_text(PassageRef {
                            article: a,
                            passage: p,
                        })
                        .to_string(),
                    words: pw(a, p),
                })
                .collect(),
        })
        .collect();
    let sources: Vec<SourceInfo> = arts
        .iter()
        .enumerate()
        .map(|(i, art)| {
            let words: usize = passage_words.get(i).map_or(0, |v| v.iter().sum());
            let unique_words: usize = one_source
                .get(i)
                .map_or(0, |o| o.passages.iter().map(|p| p.words).sum());
            SourceInfo {
                index: i,
                source: art.source.clone(),
                title: art.title.clone(),
                file: art.file.clone(),
                date: art.date.clone(),
                url: art.url.clone(),
                words,
                passages: al.passages.get(i).map_or(0, Vec::len),
                events: rows
                    .iter()
                    .filter(|r| r.cells.get(i).is_some_and(|c| !c.passages.is_empty()))
                    .count(),
                one_source_passages: one_source.get(i).map_or(0, |o| o.passages.len()),
                one_source_share: if words == 0 {
                    0.0
                } else {
                    unique_words as f32 / words as f32
                },
            }
        })
        .collect();
    progress.inc(1);

    // Side by side.
    let comparisons: Vec<PairSection> = pairs
        .par_iter()
        .map(|&(l, r)| {
            progress.check()?;
            let cmp = compare::compare(analysis, l, r, &opts.diff);
            let section = pair_section(al, l, r, &cmp.rows);
            progress.inc(1);
            Ok(section)
        })
        .collect::<Result<_, Cancelled>>()?;

    let mut rows = rows;
    link_cells(&mut rows, &al.events, &comparisons);
    let legend = Legend::of(analysis);
    let title = opts.title.clone().unwrap_or_else(|| {
        match analysis.corpus.root.as_ref().and_then(|p| {
            p.canonicalize()
                .ok()
                .unwrap_or_else(|| p.clone())
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
        }) {
            Some(name) => format!("Parallax report: {name}"),
            None => "Parallax report: sample articles".to_string(),
        }
    });
    Ok(Report {
        title,
        generator: format!("Parallax {}", env!("CARGO_PKG_VERSION")),
        generated: opts.generated.clone(),
        folder: analysis
            .corpus
            .root
            .as_ref()
            .map(|p| p.display().to_string()),
        settings: Settings {
            min_score: opts.min_score,
            ignore_case: opts.diff.ignore_case,
            ignore_punctuation: opts.diff.ignore_punctuation,
            lexicon: opts.lexicon.clone(),
        },
        sources,
        warnings: analysis.corpus.warnings.clone(),
        legend,
        story_map: StoryMap { rows, max_words },
        framing: analysis
            .framing
            .as_ref()
            .filter(|f| !f.profiles.is_empty())
            .map(|f| super::framing_tables::tables(f, n)),
        one_source,
        comparisons,
        pairs_omitted,
        corrections: analysis
            .corrections
            .applied
            .iter()
            .map(|c| {
                let source = |p: PassageRef| {
                    arts.get(p.article)
                        .map(|a| a.source.clone())
                        .unwrap_or_default()
                };
                CorrectionRow {
                    action: c.action,
                    a_source: source(c.a),
                    a_text: analysis.passage_text(c.a).to_string(),
                    b_source: source(c.b),
                    b_text: analysis.passage_text(c.b).to_string(),
                }
            })
            .collect(),
        corrections_skipped: analysis.corrections.skipped.clone(),
    })
}

/// Points each story-map cell at a side-by-side row pairing its passage with a passage of the
/// same event from another source (the first such pair section in report order).
fn link_cells(rows: &mut [EventRow], events: &[crate::align::Event], comparisons: &[PairSection]) {
    // (left article, right article, left passage, right passage) → row reference.
    let mut index: BTreeMap<(usize, usize, usize, usize), RowRef> = BTreeMap::new();
    for c in comparisons {
        for (k, r) in c.rows.iter().enumerate() {
            for &lp in &r.left_passages {
                for &rp in &r.right_passages {
                    index.entry((c.left, c.right, lp, rp)).or_insert(RowRef {
                        left: c.left,
                        right: c.right,
                        row: k,
                    });
                }
            }
        }
    }
    if index.is_empty() {
        return;
    }
    for er in rows.iter_mut() {
        let Some(ev) = events.get(er.event) else {
            continue;
        };
        for (a, cell) in er.cells.iter_mut().enumerate() {
            cell.row = ev
                .members
                .iter()
                .filter(|m| m.article == a)
                .flat_map(|m| {
                    ev.members
                        .iter()
                        .filter(move |o| o.article != a)
                        .map(move |o| (m, o))
                })
                .find_map(|(m, o)| {
                    index
                        .get(&(m.article, o.article, m.passage, o.passage))
                        .or_else(|| index.get(&(o.article, m.article, o.passage, m.passage)))
                        .copied()
                });
        }
    }
}

fn pair_section(
    al: &crate::align::Alignment,
    left: usize,
    right: usize,
    rows: &[CompareRow],
) -> PairSection {
    let mut stats = PairStats::default();
    let (la, ra) = (left, right);
    let rows = rows
        .iter()
        .map(|row| {
            let (ldiff, rdiff): (&[DiffSpan], &[DiffSpan]) = match &row.diff {
                Some(d) => (&d.left, &d.right),
                None => (&[], &[]),
            };
            let left = segments(&row.left_text, ldiff, &row.left_marks);
            let right = segments(&row.right_text, rdiff, &row.right_marks);
            let kind = row.kind();
            match kind {
                RowKind::Same => stats.matched += 1,
                RowKind::Changed => {
                    stats.matched += 1;
                    stats.changed += 1;
                    stats.removed_words += changed_words(&left, Change::Removed);
                    stats.added_words += changed_words(&right, Change::Added);
                }
                // A passage linked to one the other side shows in another row is no "only".
                RowKind::LeftOnly if row.is_unmatched() => stats.left_only += 1,
                RowKind::RightOnly if row.is_unmatched() => stats.right_only += 1,
                RowKind::LeftOnly | RowKind::RightOnly => {}
            }
            if row.pair.moved {
                stats.moved += 1;
            }
            ReportRow {
                kind,
                left_passages: row.pair.left.clone(),
                right_passages: row.pair.right.clone(),
                linked_row: row
                    .linked
                    .first()
                    .filter(|_| !row.kind().is_matched())
                    .map(|l| l.row),
                score: row.match_figure().map_or(0.0, Match::score),
                moved: row.pair.moved,
                manual: row.pair.left.iter().any(|&l| {
                    row.pair.right.iter().any(|&r| {
                        al.evidence(
                            PassageRef {
                                article: la,
                                passage: l,
                            },
                            PassageRef {
                                article: ra,
                                passage: r,
                            },
                        )
                        .is_some_and(|e| e.manual)
                    })
                }),
                left,
                right,
            }
        })
        .collect();
    PairSection {
        left,
        right,
        rows,
        stats,
    }
}

/// Words inside runs of `change` (consecutive segments joined first, so a word cut by a
/// refinement or a mark counts once).
fn changed_words(segs: &[Segment], change: Change) -> usize {
    let mut total = 0;
    let mut run = String::new();
    for s in segs {
        if s.change == change {
            run.push_str(&s.text);
        } else if !run.is_empty() {
            total += word_count(&run);
            run.clear();
        }
    }
    total + word_count(&run)
}

/// Cuts `text` into runs with one diff state, refinement flag and framing mark each.
/// Ranges that fall outside the text or inside a UTF-8 character are ignored.
pub fn segments(text: &str, diff: &[DiffSpan], marks: &[Mark]) -> Vec<Segment> {
    if text.is_empty() {
        return Vec::new();
    }
    let valid = |r: &Range<usize>| {
        r.start < r.end
            && r.end <= text.len()
            && text.is_char_boundary(r.start)
            && text.is_char_boundary(r.end)
    };
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for s in diff.iter().filter(|s| valid(&s.range)) {
        cuts.extend([s.range.start, s.range.end]);
        for r in s.refined.iter().filter(|r| valid(r)) {
            cuts.extend([r.start, r.end]);
        }
    }
    let marks: Vec<&Mark> = marks.iter().filter(|m| valid(&m.range)).collect();
    for m in &marks {
        cuts.extend([m.range.start, m.range.end]);
    }
    cuts.sort_unstable();
    cuts.dedup();

    // One sweep over the cuts (`Cover`): the first span in the diff's order gives a run its
    // change, a refinement of that span its flag; of overlapping marks the narrowest wins (a
    // term inside a longer phrase), the earliest of equally narrow ones.
    let ranged = |i: usize, s: &DiffSpan| valid(&s.range).then(|| (i, s.range.clone()));
    let mut spans = Cover::new(
        &cuts,
        diff.iter().enumerate().filter_map(|(i, s)| ranged(i, s)),
    );
    let mut refinements = Cover::new(
        &cuts,
        diff.iter().enumerate().flat_map(|(i, s)| {
            s.refined
                .iter()
                .filter(|r| valid(r))
                .map(move |r| (i, r.clone()))
        }),
    );
    let mut narrowest = Cover::new(
        &cuts,
        marks.iter().map(|m| (m.range.len(), m.range.clone())),
    );

    let mut out: Vec<Segment> = Vec::new();
    for (k, w) in cuts.windows(2).enumerate() {
        let (a, b) = (w[0], w[1]);
        spans.advance(k);
        refinements.advance(k);
        narrowest.advance(k);
        let first = spans.first().map(|(i, _)| i);
        let change = match first.and_then(|i| diff.get(i)).map(|s| s.kind) {
            Some(SpanKind::Delete) => Change::Removed,
            Some(SpanKind::Insert) => Change::Added,
            Some(SpanKind::Ignored) => Change::Ignored,
            Some(SpanKind::Equal) | None => Change::None,
        };
        let refined = first.is_some_and(|i| refinements.has_key(i));
        let mark = narrowest
            .first()
            .and_then(|(_, i)| marks.get(i))
            .map(|m| SegmentMark {
                category: m.category.clone(),
                term: m.term.clone(),
                quoted: m.quoted,
                contrast: m.contrast.clone(),
                paired: m.strength == Strength::Contrast,
                speaker: m.speaker.clone(),
            });
        let piece = text.get(a..b).unwrap_or("");
        match out.last_mut() {
            Some(last) if last.change == change && last.refined == refined && last.mark == mark => {
                last.text.push_str(piece)
            }
            _ => out.push(Segment {
                text: piece.to_string(),
                change,
                refined,
                mark,
            }),
        }
    }
    bridge_spaces(out)
}

/// Lets a change run across the plain spaces between two changed words ("a b" removed reads
/// as one removal, not two patches), then merges runs that became identical.
fn bridge_spaces(mut segs: Vec<Segment>) -> Vec<Segment> {
    for i in 1..segs.len().saturating_sub(1) {
        let (prev, next) = (segs[i - 1].change, segs[i + 1].change);
        let s = &segs[i];
        if s.change == Change::None
            && s.mark.is_none()
            && !s.text.is_empty()
            && s.text.chars().all(char::is_whitespace)
            && prev == next
            && matches!(prev, Change::Removed | Change::Added)
        {
            segs[i].change = prev;
        }
    }
    let mut out: Vec<Segment> = Vec::with_capacity(segs.len());
    for s in segs {
        match out.last_mut() {
            Some(last)
                if last.change == s.change
                    && !last.refined
                    && !s.refined
                    && last.mark == s.mark =>
            {
                last.text.push_str(&s.text)
            }
            _ => out.push(s),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn span(kind: SpanKind, range: Range<usize>) -> DiffSpan {
        DiffSpan {
            kind,
            range,
            refined: vec![],
        }
    }

    fn mark(range: Range<usize>, category: &str) -> Mark {
        Mark {
            range,
            category: category.into(),
            term: String::new(),
            quoted: false,
            contrast: None,
            strength: Default::default(),
            speaker: None,
        }
    }

    #[test]
    fn segments_follow_diff_and_marks() {
        let text = "Trump claimed the war would end";
        // "claimed" removed, with a mark on it; "war" marked in an equal run.
        let diff = [
            span(SpanKind::Equal, 0..6),
            span(SpanKind::Delete, 6..13),
            span(SpanKind::Equal, 13..text.len()),
        ];
        let marks = [mark(6..13, "attribution.doubt"), mark(18..21, "naming")];
        let segs = segments(text, &diff, &marks);
        let got: Vec<(&str, Change, Option<&str>)> = segs
            .iter()
            .map(|s| {
                (
                    s.text.as_str(),
                    s.change,
                    s.mark.as_ref().map(|m| m.category.as_str()),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("Trump ", Change::None, None),
                ("claimed", Change::Removed, Some("attribution.doubt")),
                (" the ", Change::None, None),
                ("war", Change::None, Some("naming")),
                (" would end", Change::None, None),
            ]
        );
    }

    #[test]
    fn spaces_between_changed_words_join_the_change() {
        let text = "a b c";
        let diff = [
            span(SpanKind::Delete, 0..1),
            span(SpanKind::Equal, 1..2),
            span(SpanKind::Delete, 2..3),
            span(SpanKind::Equal, 3..5),
        ];
        let segs = segments(text, &diff, &[]);
        assert_eq!(segs[0].text, "a b");
        assert_eq!(segs[0].change, Change::Removed);
        assert_eq!(segs[1].text, " c");
    }

    #[test]
    fn bad_ranges_are_ignored() {
        let text = "Zelenskiy é";
        let diff = [
            span(SpanKind::Delete, 0..100),
            span(SpanKind::Insert, 11..12),
        ];
        let marks = [
            mark(Range { start: 5, end: 3 }, "x"),
            mark(10..11, "inside é"),
        ];
        let segs = segments(text, &diff, &marks);
        assert_eq!(
            segs.iter().map(|s| s.text.as_str()).collect::<String>(),
            text
        );
        assert!(
            segs.iter()
                .all(|s| s.change == Change::None && s.mark.is_none())
        );
    }

    proptest! {
        /// Whatever the spans, the segments rebuild the text exactly and never split a char.
        #[test]
        /// The sweep reads each run as a direct search over every range would: the first
        /// covering span's change and refinement, the narrowest covering mark.
        #[test]
        fn segments_agree_with_a_search_over_every_range(
            text in "[a-zé ]{0,40}",
            cuts in proptest::collection::vec((0usize..45, 0usize..45, 0u8..4), 0..10),
            refine in proptest::collection::vec((0usize..10, 0usize..45, 0usize..45), 0..10),
        ) {
            let mut diff: Vec<DiffSpan> = cuts
                .iter()
                .map(|&(a, b, k)| span(
                    [SpanKind::Equal, SpanKind::Delete, SpanKind::Insert, SpanKind::Ignored][k as usize],
                    a..b,
                ))
                .collect();
            for &(i, a, b) in &refine {
                if let Some(s) = diff.get_mut(i) {
                    s.refined.push(a..b);
                }
            }
            let marks: Vec<Mark> = cuts
                .iter()
                .enumerate()
                .map(|(i, &(a, b, _))| mark(b / 2..a + b / 2, &format!("m{i}")))
                .collect();
            let segs = segments(&text, &diff, &marks);
            let valid = |r: &Range<usize>| {
                r.start < r.end
                    && r.end <= text.len()
                    && text.is_char_boundary(r.start)
                    && text.is_char_boundary(r.end)
            };
            // Every byte of each segment: the state a direct search gives it.
            let mut pos = 0;
            for seg in &segs {
                for a in (pos..pos + seg.text.len()).filter(|&a| text.is_char_boundary(a)) {
                    let first = diff.iter().find(|s| valid(&s.range) && s.range.contains(&a));
                    let change = match first.map(|s| s.kind) {
                        Some(SpanKind::Delete) => Change::Removed,
                        Some(SpanKind::Insert) => Change::Added,
                        Some(SpanKind::Ignored) => Change::Ignored,
                        _ => Change::None,
                    };
                    let narrowest = marks
                        .iter()
                        .filter(|m| valid(&m.range) && m.range.contains(&a))
                        .min_by_key(|m| m.range.len())
                        .map(|m| m.category.clone());
                    let ch = text.get(a..).and_then(|t| t.chars().next()).unwrap_or(' ');
                    // Spaces between two changes may join them (bridge_spaces).
                    if !ch.is_whitespace() || seg.change == Change::None {
                        prop_assert_eq!(seg.change, change, "change at byte {}", a);
                    }
                    prop_assert_eq!(seg.mark.as_ref().map(|m| m.category.clone()), narrowest, "mark at byte {}", a);
                    let refined = first.is_some_and(|s| s.refined.iter().any(|r| valid(r) && r.contains(&a)));
                    if refined {
                        prop_assert!(seg.refined, "refinement at byte {}", a);
                    }
                }
                pos += seg.text.len();
            }
        }

        fn segments_rebuild_the_text(
            text in "\\PC{0,40}",
            cuts in proptest::collection::vec((0usize..60, 0usize..60, 0u8..4), 0..8),
        ) {
            let diff: Vec<DiffSpan> = cuts
                .iter()
                .map(|&(a, b, k)| span(
                    [SpanKind::Equal, SpanKind::Delete, SpanKind::Insert, SpanKind::Ignored][k as usize],
                    a..b,
                ))
                .collect();
            let marks: Vec<Mark> = cuts.iter().map(|&(a, b, _)| mark(b..a + b, "m")).collect();
            let segs = segments(&text, &diff, &marks);
            prop_assert_eq!(segs.iter().map(|s| s.text.as_str()).collect::<String>(), text);
            prop_assert!(segs.iter().all(|s| !s.text.is_empty()));
        }
    }
}
