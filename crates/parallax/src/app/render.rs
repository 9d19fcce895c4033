//! Turns one side of a compared row into styled text: a `LayoutJob` whose sections carry the
//! two-tone difference colours, framing underlines, quoted-speech styling and search hits.
//! Only presentation: the spans come from the engine's `WordDiff` and `Mark`s.

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Stroke};
use std::collections::BTreeSet;
use std::ops::Range;

use super::theme::{Palette, category_color, group_of};
use crate::diff::{DiffSpan, SpanKind};
use crate::framing::Mark;
use crate::span::Cover;

/// Which side a text belongs to (removed words show on the left, added on the right).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Left,
    Right,
}

/// Inputs for one cell's text.
pub struct CellStyle<'a> {
    pub palette: &'a Palette,
    pub font: FontId,
    pub heading: bool,
    pub hidden_categories: &'a BTreeSet<String>,
    /// The set's legend (category colour indices).
    pub legend: &'a crate::legend::Legend,
    /// Lower-cased search query (empty: no search).
    pub search: &'a str,
    pub current_search_hit: bool,
}

/// A direct quotation inside a row's text.
#[derive(Debug, Clone, PartialEq)]
pub struct RowQuote {
    /// Byte range into the row text, quotation marks included.
    pub range: Range<usize>,
    pub speaker: Option<String>,
}

/// The quotations of a row made of passages `ps` of `article`, as byte ranges into the row
/// text (the passages joined with one space, as [`crate::compare`] builds it). Uses the
/// framing analysis's quotes (with speakers); without one, finds quotation marks in the text.
pub fn row_quotes(
    analysis: &crate::model::Analysis,
    article: usize,
    ps: &[usize],
    row_text: &str,
) -> Vec<RowQuote> {
    let (Some(framing), Some(spans)) = (
        analysis.framing.as_ref(),
        analysis.alignment.passages.get(article),
    ) else {
        return quote_ranges(row_text)
            .into_iter()
            .map(|range| RowQuote {
                range,
                speaker: None,
            })
            .collect();
    };
    let quotes = framing
        .articles
        .get(article)
        .map_or(&[][..], |a| a.quotes.as_slice());
    let mut out = Vec::new();
    let mut offset = 0;
    for (k, p) in ps.iter().enumerate() {
        if k > 0 {
            offset += 1;
        }
        let Some(s) = spans.get(*p) else { continue };
        let span = s.span.range();
        for q in quotes {
            let start = q.range.start.max(span.start);
            let end = q.range.end.min(span.end);
            if start < end {
                out.push(RowQuote {
                    range: start - span.start + offset..end - span.start + offset,
                    speaker: q.speaker.clone(),
                });
            }
        }
        offset += span.len();
    }
    out
}

/// Quotations found from the quotation marks of `text` alone (no speakers), for callers that
/// have a text but not the passages it came from.
pub fn text_quotes(text: &str) -> Vec<RowQuote> {
    quote_ranges(text)
        .into_iter()
        .map(|range| RowQuote {
            range,
            speaker: None,
        })
        .collect()
}

/// Byte ranges of direct quotations in `text`, quote marks included: the engine's scanner
/// ([`crate::text::quote_regions`], the one the aligner and the framing features use), so a
/// passage cut out of a longer quotation is still shown quoted.
pub fn quote_ranges(text: &str) -> Vec<Range<usize>> {
    crate::text::quote_regions(text)
        .iter()
        .map(|q| q.outer(text))
        .collect()
}

/// Case-insensitive byte ranges of `needle_lower` in `text`. Matching walks char by char so
/// ranges always fall on char boundaries, whatever lower-casing does to lengths.
pub fn find_all(text: &str, needle_lower: &str) -> Vec<Range<usize>> {
    if needle_lower.is_empty() {
        return Vec::new();
    }
    let lower_chars: Vec<(usize, char)> = text
        .char_indices()
        .map(|(i, c)| (i, c.to_lowercase().next().unwrap_or(c)))
        .collect();
    let needle: Vec<char> = needle_lower.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i + needle.len() <= lower_chars.len() {
        let hit = lower_chars
            .get(i..i + needle.len())
            .is_some_and(|w| w.iter().map(|(_, c)| *c).eq(needle.iter().copied()));
        if hit {
            let start = lower_chars.get(i).map_or(0, |(b, _)| *b);
            let end = lower_chars
                .get(i + needle.len())
                .map_or(text.len(), |(b, _)| *b);
            out.push(start..end);
            i += needle.len();
        } else {
            i += 1;
        }
    }
    out
}

fn valid(text: &str, r: &Range<usize>) -> bool {
    r.start < r.end
        && r.end <= text.len()
        && text.is_char_boundary(r.start)
        && text.is_char_boundary(r.end)
}

/// The marks of `marks` a user can see (category on, range valid), in order.
pub fn visible_marks<'m>(
    text: &str,
    marks: &'m [Mark],
    hidden: &BTreeSet<String>,
) -> Vec<&'m Mark> {
    let mut v: Vec<&Mark> = marks
        .iter()
        .filter(|m| valid(text, &m.range) && !hidden.contains(group_of(&m.category)))
        .collect();
    v.sort_by_key(|m| (m.range.start, m.range.end));
    v
}

/// Builds the styled text of one cell. `spans` is this side's part of the row's word diff
/// (None for an unmatched passage).
pub fn cell_job(
    text: &str,
    side: Side,
    spans: Option<&[DiffSpan]>,
    marks: &[Mark],
    quotes: &[RowQuote],
    style: &CellStyle<'_>,
    wrap_width: f32,
) -> LayoutJob {
    let p = style.palette;
    let marks = visible_marks(text, marks, style.hidden_categories);
    let quotes: Vec<Range<usize>> = quotes
        .iter()
        .map(|q| q.range.clone())
        .filter(|r| valid(text, r))
        .collect();
    let hits = find_all(text, style.search);
    let spans: Vec<&DiffSpan> = spans
        .unwrap_or(&[])
        .iter()
        .filter(|s| valid(text, &s.range))
        .collect();

    let mut cuts: BTreeSet<usize> = BTreeSet::new();
    cuts.insert(0);
    cuts.insert(text.len());
    let mut add = |r: &Range<usize>| {
        cuts.insert(r.start);
        cuts.insert(r.end);
    };
    for s in &spans {
        add(&s.range);
        for r in s.refined.iter().filter(|r| valid(text, r)) {
            add(r);
        }
    }
    marks.iter().for_each(|m| add(&m.range));
    quotes.iter().for_each(&mut add);
    hits.iter().for_each(&mut add);
    let cuts: Vec<usize> = cuts
        .into_iter()
        .filter(|&c| c <= text.len() && text.is_char_boundary(c))
        .collect();

    let mut job = LayoutJob::default();
    job.wrap.max_width = wrap_width.max(20.0);
    let base_color = if style.heading {
        p.heading_text
    } else {
        p.text
    };
    // One sweep over the cuts, not a search of every range per run (a long passage has
    // thousands of each): the first span and the first mark in their order cover a run.
    let indexed = |rs: &[Range<usize>]| rs.iter().cloned().enumerate().collect::<Vec<_>>();
    let mut in_quote = Cover::new(&cuts, indexed(&quotes));
    let mut in_hit = Cover::new(&cuts, indexed(&hits));
    let mut in_span = Cover::new(&cuts, spans.iter().map(|s| s.range.clone()).enumerate());
    let mut in_refined = Cover::new(
        &cuts,
        spans.iter().enumerate().flat_map(|(i, s)| {
            s.refined
                .iter()
                .filter(|r| valid(text, r))
                .map(move |r| (i, r.clone()))
        }),
    );
    let mut in_mark = Cover::new(&cuts, marks.iter().map(|m| m.range.clone()).enumerate());
    for (k, w) in cuts.windows(2).enumerate() {
        let (a, b) = match w {
            [a, b] if a < b => (*a, *b),
            _ => continue,
        };
        for c in [
            &mut in_quote,
            &mut in_hit,
            &mut in_span,
            &mut in_refined,
            &mut in_mark,
        ] {
            c.advance(k);
        }
        let mut f = TextFormat {
            font_id: style.font.clone(),
            color: base_color,
            ..Default::default()
        };
        if in_quote.first().is_some() {
            f.italics = true;
            f.color = p.quote_fg;
        }
        let span = in_span.first().map(|(i, _)| i);
        if let Some(s) = span.and_then(|i| spans.get(i)) {
            let refined = span.is_some_and(|i| in_refined.has_key(i));
            match (s.kind, side) {
                (SpanKind::Delete, _) | (SpanKind::Insert, Side::Left) => {
                    f.background = p.delete_bg;
                    f.color = p.delete_fg;
                    if refined {
                        f.background = p.refine_delete;
                    }
                }
                (SpanKind::Insert, _) => {
                    f.background = p.insert_bg;
                    f.color = p.insert_fg;
                    if refined {
                        f.background = p.refine_insert;
                    }
                }
                (SpanKind::Ignored, _) => f.color = p.ignored_fg,
                (SpanKind::Equal, _) => {}
            }
        }
        if let Some(m) = in_mark.first().and_then(|(i, _)| marks.get(i)) {
            // A contrast (the other source chose another word here) is the strong signal:
            // full colour and thick; a plain hit is thinner and lighter.
            let c = category_color(style.legend.colour(&m.category), p.dark);
            f.underline = if m.contrast.is_some() {
                Stroke::new(2.5, c)
            } else {
                Stroke::new(1.5, c.gamma_multiply(0.75))
            };
        }
        if in_hit.first().is_some() {
            f.background = if style.current_search_hit {
                p.search_current_bg
            } else {
                p.search_bg
            };
            f.color = if p.dark {
                Color32::WHITE
            } else {
                Color32::BLACK
            };
        }
        job.append(text.get(a..b).unwrap_or(""), 0.0, f);
    }
    if text.is_empty() {
        job.append("", 0.0, TextFormat::simple(style.font.clone(), base_color));
    }
    job
}

/// Splits a cell's text into the text itself (no underlines) and, when it has framing
/// underlines, the underlines alone over transparent text with no backgrounds, laid out the
/// same way (colour and background never change the layout). Paint the second after the
/// first: epaint draws each wrapped line's difference background over the line above's
/// underlines, so a mark on a line of changed text with changed text below it would vanish.
pub fn split_underlines(mut job: LayoutJob) -> (LayoutJob, Option<LayoutJob>) {
    if job
        .sections
        .iter()
        .all(|s| s.format.underline == Stroke::NONE)
    {
        return (job, None);
    }
    let mut lines = job.clone();
    for s in &mut lines.sections {
        s.format.color = Color32::TRANSPARENT;
        s.format.background = Color32::TRANSPARENT;
    }
    for s in &mut job.sections {
        s.format.underline = Stroke::NONE;
    }
    (job, Some(lines))
}

/// Most characters of a one-line text [`fit_width`] lays out: more than any window shows.
const FIT_MAX_CHARS: usize = 400;

/// `text` as it fits on one line in `max` points of `font`: whole, or cut with "…". A
/// binary search over the cut, on at most `FIT_MAX_CHARS` (400) characters: a label made of one
/// 500,000-letter word costs a dozen layouts, not one per character.
pub fn fit_width(painter: &egui::Painter, text: &str, font: &FontId, max: f32) -> String {
    let width = |t: &str| {
        painter
            .layout_no_wrap(t.to_owned(), font.clone(), Color32::WHITE)
            .size()
            .x
    };
    let chars: Vec<char> = text.chars().take(FIT_MAX_CHARS + 1).collect();
    if chars.len() <= FIT_MAX_CHARS && width(text) <= max {
        return text.to_owned();
    }
    let base: Vec<char> = {
        let mut c = chars;
        while c.last() == Some(&'…') {
            c.pop();
        }
        c.truncate(FIT_MAX_CHARS);
        c
    };
    let cut = |k: usize| -> String {
        base.iter()
            .take(k)
            .collect::<String>()
            .trim_end()
            .to_owned()
            + "…"
    };
    // The longest prefix whose cut fits (width grows with the prefix).
    let (mut lo, mut hi) = (0usize, base.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if width(&cut(mid)) <= max {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    cut(lo)
}

/// The byte offset of char index `ci` in `text` (end of text when past the end).
pub fn byte_of_char(text: &str, ci: usize) -> usize {
    text.char_indices().nth(ci).map_or(text.len(), |(b, _)| b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_is_cut_to_its_width_quickly_however_long() {
        let ctx = egui::Context::default();
        let mut got = Vec::new();
        let mut out = ctx.run_ui(egui::RawInput::default(), |ui| {
            let painter = ui.painter();
            let font = FontId::proportional(13.0);
            let width = |t: &str| {
                painter
                    .layout_no_wrap(t.to_owned(), font.clone(), Color32::WHITE)
                    .size()
                    .x
            };
            // Short: whole. Long: cut with "…", within the width, and as long as fits.
            got.push(fit_width(painter, "Kremlin", &font, 200.0));
            let long = "Kremlin: no plans for a meeting between Putin and Trump before January";
            let cut = fit_width(painter, long, &font, 120.0);
            assert!(cut.ends_with('…') && width(&cut) <= 120.0, "{cut}");
            let one_more: String = long.chars().take(cut.chars().count()).collect();
            assert!(width(&(one_more.trim_end().to_owned() + "…")) > 120.0 || one_more == long);
            got.push(cut);
            // One 500,000-letter word: cut, not laid out letter by letter.
            let huge = "a".repeat(500_000);
            let cut = fit_width(painter, &huge, &font, 300.0);
            assert!(cut.chars().count() < 400 && width(&cut) <= 300.0);
        });
        // No renderer here takes the font atlas the pass produced.
        out.textures_delta.clear();
        assert_eq!(got[0], "Kremlin");
        assert!(got[1].starts_with("Kremlin: no"), "{}", got[1]);
    }

    #[test]
    fn quotes_curly_straight_open_and_continued() {
        let t = "He said “no special conditions” are needed.";
        let q = quote_ranges(t);
        assert_eq!(q.len(), 1);
        assert_eq!(&t[q[0].clone()], "“no special conditions”");
        let t = "Putin \"wants to meet,\" he said.";
        assert_eq!(&t[quote_ranges(t)[0].clone()], "\"wants to meet,\"");
        let t = "Peskov continued: “What is required is a mutual desire.";
        assert!(t[quote_ranges(t)[0].clone()].ends_with("desire."));
        let t = "through dialogue.” Then he left.";
        assert_eq!(&t[quote_ranges(t)[0].clone()], "through dialogue.”");
    }

    #[test]
    fn search_is_case_insensitive_and_char_safe() {
        let t = "Zelenskiy met ZELENSKIY — and Zelenskiy’s aide.";
        let hits = find_all(t, "zelenskiy");
        assert_eq!(hits.len(), 3);
        for h in hits {
            assert_eq!(t[h].to_lowercase(), "zelenskiy");
        }
        assert!(
            find_all("İstanbul", "i")
                .iter()
                .all(|r| r.end <= "İstanbul".len())
        );
    }

    #[test]
    fn underlines_are_split_onto_a_layer_of_their_own() {
        let p = Palette::new(false);
        let hidden = BTreeSet::new();
        let style = CellStyle {
            palette: &p,
            font: FontId::proportional(14.0),
            heading: false,
            hidden_categories: &hidden,
            legend: &crate::legend::Legend::default(),
            search: "",
            current_search_hit: false,
        };
        let t = "The radical council slashed the budget";
        let spans = vec![DiffSpan {
            kind: SpanKind::Delete,
            range: 0..t.len(),
            refined: vec![],
        }];
        let marks = vec![Mark {
            range: 4..11,
            category: "loaded.label".into(),
            term: "radical".into(),
            quoted: false,
            contrast: None,
            strength: Default::default(),
            speaker: None,
        }];
        let job = cell_job(t, Side::Left, Some(&spans), &marks, &[], &style, 300.0);
        let (text, lines) = split_underlines(job.clone());
        let lines = lines.expect("a marked cell has an underline layer");
        // Same text, same sections (same layout); the text keeps its colours and backgrounds
        // and loses the underlines, the layer keeps only the underlines.
        assert_eq!(text.text, t);
        assert_eq!(lines.text, t);
        assert_eq!(text.sections.len(), job.sections.len());
        assert_eq!(lines.sections.len(), job.sections.len());
        for ((orig, a), b) in job.sections.iter().zip(&text.sections).zip(&lines.sections) {
            assert_eq!(orig.byte_range, a.byte_range);
            assert_eq!(orig.byte_range, b.byte_range);
            assert_eq!(a.format.underline, Stroke::NONE);
            assert_eq!(a.format.background, orig.format.background);
            assert_eq!(a.format.color, orig.format.color);
            assert_eq!(b.format.underline, orig.format.underline);
            assert_eq!(b.format.color, Color32::TRANSPARENT);
            assert_eq!(b.format.background, Color32::TRANSPARENT);
        }
        let radical = lines
            .sections
            .iter()
            .find(|s| &t[s.byte_range.start.0..s.byte_range.end.0] == "radical")
            .expect("the mark is a section");
        assert_ne!(radical.format.underline, Stroke::NONE);
        let plain = cell_job(t, Side::Left, Some(&spans), &[], &[], &style, 300.0);
        assert!(split_underlines(plain).1.is_none());
    }

    #[test]
    fn job_covers_the_text_exactly_with_bad_ranges_ignored() {
        let p = Palette::new(false);
        let hidden = BTreeSet::new();
        let style = CellStyle {
            palette: &p,
            font: FontId::proportional(14.0),
            heading: false,
            hidden_categories: &hidden,
            legend: &crate::legend::Legend::default(),
            search: "",
            current_search_hit: false,
        };
        let t = "Russia “claimed” é victory";
        let spans = vec![
            DiffSpan {
                kind: SpanKind::Delete,
                range: 0..6,
                refined: vec![],
            },
            DiffSpan {
                kind: SpanKind::Equal,
                range: 100..200,
                refined: vec![],
            },
        ];
        let marks = vec![Mark {
            range: 7..20,
            category: "attribution.doubt".into(),
            term: "claimed".into(),
            quoted: true,
            contrast: None,
            strength: Default::default(),
            speaker: None,
        }];
        let quotes = vec![RowQuote {
            range: 7..20,
            speaker: None,
        }];
        let job = cell_job(t, Side::Left, Some(&spans), &marks, &quotes, &style, 300.0);
        assert_eq!(job.text, t);
        let total: usize = job
            .sections
            .iter()
            .map(|s| s.byte_range.end.0 - s.byte_range.start.0)
            .sum();
        assert_eq!(total, t.len());
        assert!(job.sections[0].format.background == p.delete_bg);
    }
}
