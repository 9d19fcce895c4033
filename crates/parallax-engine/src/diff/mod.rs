//! Word-level differences between two aligned passages (on `similar`), cleaned up to read well,
//! with byte spans into each passage for exact highlighting.
//!
//! Pipeline: tokens (Unicode word boundaries; words and punctuation are tokens, whitespace is
//! attached to its neighbours) → comparison keys (typographic variants folded: curly/straight
//! quotes, dash variants, non-breaking spaces, ellipsis; optionally case) → patience diff with a
//! deadline and a length cap → hunks → clean-up (tiny equal islands between changes are merged
//! so a run of changes reads as one replacement) → character refinement of near-identical words
//! → byte spans per side.

use serde::{Deserialize, Serialize};
use similar::{Algorithm, DiffTag};
use std::ops::Range;
use std::time::{Duration, Instant};
use unicode_segmentation::UnicodeSegmentation;

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

/// One replacement group: what the left passage has where the right one has something else.
/// Either side may be empty (a pure deletion or insertion); an empty range sits where the text
/// would be (after the previous word).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Replacement {
    /// Byte range into the left passage.
    pub left: Range<usize>,
    /// Byte range into the right passage.
    pub right: Range<usize>,
}

/// The word diff of two passages. Equal + Delete (+ Ignored) spans of `left` cover the left text
/// exactly and in order; Equal + Insert (+ Ignored) spans of `right` cover the right text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct WordDiff {
    pub left: Vec<DiffSpan>,
    pub right: Vec<DiffSpan>,
    /// The change groups in reading order, pairing each left change with its right counterpart.
    #[serde(default)]
    pub replacements: Vec<Replacement>,
    /// Share of word tokens the two passages have in common, in [0, 1].
    #[serde(default)]
    pub similarity: f32,
    /// True when the size guard turned the diff into one plain replacement.
    #[serde(default)]
    pub truncated: bool,
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

/// Passages longer than this many tokens on either side are shown as one plain replacement.
pub const MAX_TOKENS: usize = 5_000;
/// Time budget of one diff; past it `similar` returns a coarser (still correct) diff.
pub const DEADLINE: Duration = Duration::from_millis(250);

/// One token of a passage: a word or a punctuation mark, without surrounding whitespace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte range into the passage.
    pub range: Range<usize>,
    /// Typographic variants folded (quotes, dashes, ellipsis).
    pub norm: String,
    /// Contains a letter or digit.
    pub word: bool,
}

/// Folds typographic variants that are never a difference: curly/straight/angled quotes, dash
/// variants, the ellipsis character, soft hyphens and non-breaking or typographic spaces.
pub fn fold_typography(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => {
                out.push('\'')
            }
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}'
            | '\u{2033}' => out.push('"'),
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
            | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => out.push('-'),
            '\u{2026}' => out.push_str("..."),
            '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => {}
            c if c.is_whitespace() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The word-boundary segments of `text` (UAX #29), merged where a boundary would fall inside a
/// grapheme cluster: a prepended concatenation mark (Soyombo, Kaithi, Arabic number signs…)
/// joins the character after it into one grapheme but not into one word, and a span must never
/// split what the reader sees as one character.
fn grapheme_aligned_word_bounds(text: &str) -> Vec<(usize, &str)> {
    let graphemes: Vec<usize> = text.grapheme_indices(true).map(|(i, _)| i).collect();
    let mut segs: Vec<(usize, usize)> = Vec::new();
    for (start, seg) in text.split_word_bound_indices() {
        let end = start + seg.len();
        match segs.last_mut() {
            Some(last) if graphemes.binary_search(&start).is_err() => last.1 = end,
            _ => segs.push((start, end)),
        }
    }
    segs.into_iter()
        .filter_map(|(start, end)| text.get(start..end).map(|seg| (start, seg)))
        .collect()
}

/// Splits a passage into tokens. Runs of dashes ("--", "—") and of full stops ("...", "…") are one
/// token each, so typographic spellings of the same mark compare equal.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    for (start, seg) in grapheme_aligned_word_bounds(text) {
        if seg.chars().all(char::is_whitespace) {
            continue;
        }
        let word = seg.chars().any(char::is_alphanumeric);
        let mut norm = fold_typography(seg);
        if !word {
            norm.retain(|c| !c.is_whitespace());
            if norm.is_empty() {
                // Only invisible characters (soft hyphen, zero-width joiner): not a token.
                continue;
            }
        }
        let range = start..start + seg.len();
        if !word {
            if let Some(prev) = out.last_mut() {
                let joinable = |n: &str| n.chars().all(|c| c == '-') || n.chars().all(|c| c == '.');
                let same_mark = prev.norm.chars().next() == norm.chars().next();
                if !prev.word
                    && prev.range.end == start
                    && joinable(&prev.norm)
                    && joinable(&norm)
                    && same_mark
                {
                    prev.range.end = range.end;
                    if prev.norm.starts_with('-') {
                        prev.norm = "-".into();
                    } else {
                        prev.norm.push_str(&norm);
                    }
                    continue;
                }
            }
            if norm.chars().all(|c| c == '-') {
                norm = "-".into();
            }
        }
        out.push(Token { range, norm, word });
    }
    out
}

/// Short function words that may be absorbed into a surrounding replacement.
const ISLAND_WORDS: &[&str] = &[
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "and", "or", "but", "as", "is",
    "was", "be", "it", "its", "that", "this", "with", "from", "he", "she", "they", "we", "has",
    "had", "have", "not", "no", "so", "than", "then", "his", "her", "their",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HunkKind {
    Equal,
    Ignored,
    Change,
}

/// A run of tokens on each side: token index ranges.
#[derive(Debug, Clone)]
struct Hunk {
    kind: HunkKind,
    l: Range<usize>,
    r: Range<usize>,
}

/// Diffs `left` against `right` word by word.
pub fn word_diff(left: &str, right: &str, opts: &DiffOptions) -> WordDiff {
    let lt = tokens(left);
    let rt = tokens(right);
    let key = |t: &Token| -> String {
        if opts.ignore_case {
            t.norm.to_lowercase()
        } else {
            t.norm.clone()
        }
    };
    let lk: Vec<String> = lt.iter().map(key).collect();
    let rk: Vec<String> = rt.iter().map(key).collect();

    let truncated = lt.len() > MAX_TOKENS || rt.len() > MAX_TOKENS;
    let mut hunks: Vec<Hunk> = Vec::new();
    let mut push = |kind: HunkKind, l: Range<usize>, r: Range<usize>| {
        if l.is_empty() && r.is_empty() {
            return;
        }
        if let Some(last) = hunks.last_mut()
            && last.kind == kind
            && last.l.end == l.start
            && last.r.end == r.start
        {
            last.l.end = l.end;
            last.r.end = r.end;
            return;
        }
        hunks.push(Hunk { kind, l, r });
    };
    if truncated {
        push(HunkKind::Change, 0..lt.len(), 0..rt.len());
    } else {
        let deadline = Instant::now().checked_add(DEADLINE);
        let ops = similar::capture_diff_slices_deadline(Algorithm::Patience, &lk, &rk, deadline);
        for op in &ops {
            let (tag, l, r) = op.as_tag_tuple();
            match tag {
                DiffTag::Equal => {
                    for (i, j) in l.clone().zip(r.clone()) {
                        let same = lt.get(i).map(|t| &t.norm) == rt.get(j).map(|t| &t.norm);
                        let kind = if same {
                            HunkKind::Equal
                        } else {
                            HunkKind::Ignored
                        };
                        push(kind, i..i + 1, j..j + 1);
                    }
                }
                _ => push(HunkKind::Change, l, r),
            }
        }
    }

    if opts.ignore_punctuation {
        for h in &mut hunks {
            if h.kind == HunkKind::Change
                && lt[h.l.clone()]
                    .iter()
                    .chain(&rt[h.r.clone()])
                    .all(|t| !t.word)
            {
                h.kind = HunkKind::Ignored;
            }
        }
    }
    let hunks = clean_up(hunks, &lt, &rt);

    let common: usize = hunks
        .iter()
        .filter(|h| h.kind != HunkKind::Change)
        .map(|h| lt[h.l.clone()].iter().filter(|t| t.word).count())
        .sum();
    let lw = lt.iter().filter(|t| t.word).count();
    let rw = rt.iter().filter(|t| t.word).count();
    let similarity = if lw + rw == 0 {
        1.0
    } else {
        2.0 * common as f32 / (lw + rw) as f32
    };

    let mut replacements = Vec::new();
    let mut lsegs = Vec::new();
    let mut rsegs = Vec::new();
    for h in &hunks {
        let lr = side_range(&lt, &h.l);
        let rr = side_range(&rt, &h.r);
        let (lkind, rkind) = match h.kind {
            HunkKind::Equal => (SpanKind::Equal, SpanKind::Equal),
            HunkKind::Ignored => (SpanKind::Ignored, SpanKind::Ignored),
            HunkKind::Change => (SpanKind::Delete, SpanKind::Insert),
        };
        let (mut lref, mut rref) = (Vec::new(), Vec::new());
        if h.kind == HunkKind::Change {
            replacements.push(Replacement {
                left: lr
                    .clone()
                    .unwrap_or_else(|| anchor(&lt, h.l.start, left.len())),
                right: rr
                    .clone()
                    .unwrap_or_else(|| anchor(&rt, h.r.start, right.len())),
            });
            (lref, rref) = refine(left, right, &lt[h.l.clone()], &rt[h.r.clone()]);
        }
        if let Some(r) = lr {
            lsegs.push((lkind, r, lref));
        }
        if let Some(r) = rr {
            rsegs.push((rkind, r, rref));
        }
    }
    WordDiff {
        left: spans(lsegs, left.len()),
        right: spans(rsegs, right.len()),
        replacements,
        similarity,
        truncated,
    }
}

/// Byte range from the first token's start to the last token's end, `None` when empty.
fn side_range(toks: &[Token], r: &Range<usize>) -> Option<Range<usize>> {
    let first = toks.get(r.start)?;
    let last = toks.get(r.end.checked_sub(1)?)?;
    (r.start < r.end).then_some(first.range.start..last.range.end)
}

/// Where an empty side of a replacement sits: right after the previous token.
fn anchor(toks: &[Token], at: usize, len: usize) -> Range<usize> {
    let pos = match at.checked_sub(1).and_then(|i| toks.get(i)) {
        Some(t) => t.range.end,
        None => toks.first().map_or(len, |t| t.range.start.min(len)),
    };
    pos..pos
}

/// An equal (or ignored) hunk that only holds a short function word, a word of one or two
/// characters, or punctuation: reads better absorbed into the changes around it.
fn is_island(h: &Hunk, lt: &[Token]) -> bool {
    let words: Vec<&Token> = lt[h.l.clone()].iter().filter(|t| t.word).collect();
    match words.as_slice() {
        [] => h.l.len() <= 2,
        [w] => {
            let n = w.norm.to_lowercase();
            n.chars().count() <= 2 || ISLAND_WORDS.contains(&n.as_str())
        }
        _ => false,
    }
}

/// Merges tiny equal islands between two changes, and adjacent changes, into one replacement.
fn clean_up(hunks: Vec<Hunk>, lt: &[Token], _rt: &[Token]) -> Vec<Hunk> {
    let mut out: Vec<Hunk> = Vec::with_capacity(hunks.len());
    let mut i = 0;
    while i < hunks.len() {
        let h = hunks[i].clone();
        let prev_change = out.last().is_some_and(|p| p.kind == HunkKind::Change);
        let next_change = hunks.get(i + 1).is_some_and(|n| n.kind == HunkKind::Change);
        if h.kind != HunkKind::Change && prev_change && next_change && is_island(&h, lt) {
            if let Some(p) = out.last_mut() {
                p.l.end = h.l.end;
                p.r.end = h.r.end;
            }
            i += 1;
            continue;
        }
        match out.last_mut() {
            Some(p) if p.kind == HunkKind::Change && h.kind == HunkKind::Change => {
                p.l.end = h.l.end;
                p.r.end = h.r.end;
            }
            _ => out.push(h),
        }
        i += 1;
    }
    out
}

/// Character-level refinement of a replacement: words paired in order when both sides have the
/// same number of words; each near-identical pair (Zelensky/Zelenskiy) gets the byte ranges of
/// the graphemes that differ.
fn refine(
    left: &str,
    right: &str,
    l: &[Token],
    r: &[Token],
) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
    let lw: Vec<&Token> = l.iter().filter(|t| t.word).collect();
    let rw: Vec<&Token> = r.iter().filter(|t| t.word).collect();
    let (mut lo, mut ro) = (Vec::new(), Vec::new());
    if lw.len() != rw.len() || lw.len() > 8 {
        return (lo, ro);
    }
    for (a, b) in lw.iter().zip(&rw) {
        let (Some(sa), Some(sb)) = (left.get(a.range.clone()), right.get(b.range.clone())) else {
            continue;
        };
        if a.norm == b.norm {
            continue;
        }
        let ga: Vec<(usize, &str)> = sa.grapheme_indices(true).collect();
        let gb: Vec<(usize, &str)> = sb.grapheme_indices(true).collect();
        if ga.len() < 3 || gb.len() < 3 || ga.len() > 64 || gb.len() > 64 {
            continue;
        }
        let ka: Vec<String> = ga.iter().map(|(_, g)| g.to_lowercase()).collect();
        let kb: Vec<String> = gb.iter().map(|(_, g)| g.to_lowercase()).collect();
        let ops = similar::capture_diff_slices(Algorithm::Myers, &ka, &kb);
        let ratio = similar::diff_ratio(&ops, ka.len(), kb.len());
        if ratio < 0.6 {
            continue;
        }
        let byte = |g: &[(usize, &str)], base: usize, idx: usize| -> usize {
            g.get(idx)
                .map_or(base + g.last().map_or(0, |(o, s)| o + s.len()), |(o, _)| {
                    base + o
                })
        };
        for op in &ops {
            let (tag, ra, rb) = op.as_tag_tuple();
            if tag == DiffTag::Equal {
                continue;
            }
            if !ra.is_empty() {
                lo.push(byte(&ga, a.range.start, ra.start)..byte(&ga, a.range.start, ra.end));
            }
            if !rb.is_empty() {
                ro.push(byte(&gb, b.range.start, rb.start)..byte(&gb, b.range.start, rb.end));
            }
        }
    }
    (lo, ro)
}

/// Turns the content ranges of one side into spans covering the whole text: whitespace between
/// hunks goes to an equal neighbour (so a change is highlighted without its trailing space).
fn spans(segs: Vec<(SpanKind, Range<usize>, Vec<Range<usize>>)>, len: usize) -> Vec<DiffSpan> {
    let mut out: Vec<DiffSpan> = Vec::new();
    let mut cursor = 0;
    for (kind, range, refined) in segs {
        let mut start = range.start;
        if start > cursor {
            match out.last_mut() {
                Some(p) if p.kind == SpanKind::Equal => p.range.end = start,
                _ if kind == SpanKind::Equal => start = cursor,
                _ => out.push(DiffSpan {
                    kind: SpanKind::Equal,
                    range: cursor..start,
                    refined: vec![],
                }),
            }
        }
        match out.last_mut() {
            Some(p) if p.kind == kind && kind != SpanKind::Delete && kind != SpanKind::Insert => {
                p.range.end = range.end;
            }
            _ => out.push(DiffSpan {
                kind,
                range: start..range.end,
                refined,
            }),
        }
        cursor = range.end;
    }
    if cursor < len {
        match out.last_mut() {
            Some(p) if p.kind == SpanKind::Equal => p.range.end = len,
            _ => out.push(DiffSpan {
                kind: SpanKind::Equal,
                range: cursor..len,
                refined: vec![],
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(s: &str, spans: &[DiffSpan], kind: SpanKind) -> Vec<String> {
        spans
            .iter()
            .filter(|x| x.kind == kind)
            .map(|x| s[x.range.clone()].trim().to_string())
            .collect()
    }

    #[test]
    fn replaced_verb_is_one_change_each_side() {
        let a = "Peskov said the report was false.";
        let b = "Peskov claimed the report was false.";
        let d = word_diff(a, b, &DiffOptions::default());
        assert_eq!(text_of(a, &d.left, SpanKind::Delete), vec!["said"]);
        assert_eq!(text_of(b, &d.right, SpanKind::Insert), vec!["claimed"]);
        assert_eq!(d.replacements.len(), 1);
    }

    #[test]
    fn typographic_variants_are_equal() {
        let a = "Trump\u{2019}s \u{201C}peace\u{201D} plan \u{2014} and\u{00A0}more\u{2026}";
        let b = "Trump's \"peace\" plan -- and more...";
        let d = word_diff(a, b, &DiffOptions::default());
        assert!(!d.has_changes(), "{d:?}");
        assert!(d.left.iter().all(|s| s.kind == SpanKind::Equal));
    }

    #[test]
    fn case_and_punctuation_can_be_ignored() {
        let a = "The Kremlin said, no plans exist.";
        let b = "the Kremlin said no plans exist!";
        let plain = word_diff(a, b, &DiffOptions::default());
        assert!(plain.has_changes());
        let opts = DiffOptions {
            ignore_case: true,
            ignore_punctuation: true,
        };
        let d = word_diff(a, b, &opts);
        assert!(!d.has_changes(), "{d:?}");
        let ignored = text_of(a, &d.left, SpanKind::Ignored);
        assert!(ignored.contains(&"The".to_string()));
        assert!(ignored.contains(&",".to_string()));
    }

    #[test]
    fn small_stop_word_island_is_absorbed() {
        let a = "Putin met the Slovak leader";
        let b = "Trump saw the German chancellor";
        let d = word_diff(a, b, &DiffOptions::default());
        // "the" between two changes is merged: one replacement, not confetti.
        assert_eq!(d.replacements.len(), 1, "{d:?}");
        assert_eq!(text_of(a, &d.left, SpanKind::Delete), vec![a]);
    }

    #[test]
    fn near_identical_names_are_refined() {
        let a = "President Zelenskiy said";
        let b = "President Zelensky said";
        let d = word_diff(a, b, &DiffOptions::default());
        let del = d.left.iter().find(|s| s.kind == SpanKind::Delete);
        let del = del.map(|s| (s.range.clone(), s.refined.clone()));
        let Some((range, refined)) = del else {
            panic!("no deletion in {d:?}")
        };
        assert_eq!(&a[range], "Zelenskiy");
        let parts: Vec<&str> = refined.iter().map(|r| &a[r.clone()]).collect();
        assert_eq!(parts.concat(), "i");
    }

    #[test]
    fn size_guard_gives_plain_replacement() {
        let a = "word ".repeat(MAX_TOKENS + 1);
        let b = "other ".repeat(10);
        let d = word_diff(&a, &b, &DiffOptions::default());
        assert!(d.truncated);
        assert_eq!(d.replacements.len(), 1);
    }
}
