//! [`Span`], the byte range every stage uses to point into an article's text, and
//! [`push_paragraph`] / [`join_paragraphs`], the one way a reader builds a body out of
//! paragraphs (separated by a blank line, each one's span recorded). A leaf module: the
//! loader ([`crate::corpus`]) and the segmenter ([`crate::text`]) both use it, neither
//! through the other.

use serde::{Deserialize, Serialize};

/// A byte range `[start, end)` into an article's `body`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

/// Appends `paragraph` to `body` (after a blank line unless `body` is empty) and records its
/// span in `paragraphs`.
pub fn push_paragraph(body: &mut String, paragraphs: &mut Vec<Span>, paragraph: &str) {
    if !body.is_empty() {
        body.push_str("\n\n");
    }
    let start = body.len();
    body.push_str(paragraph);
    paragraphs.push(Span::new(start, body.len()));
}

/// A body of `paragraphs` separated by blank lines, with each paragraph's span.
pub fn join_paragraphs<S: AsRef<str>>(
    paragraphs: impl IntoIterator<Item = S>,
) -> (String, Vec<Span>) {
    let mut body = String::new();
    let mut spans = Vec::new();
    for p in paragraphs {
        push_paragraph(&mut body, &mut spans, p.as_ref());
    }
    (body, spans)
}

/// Which of a list of byte ranges cover each run between sorted cuts, found in one sweep.
///
/// A text cut at every range's ends is drawn run by run (the diff, marks, quotes of a cell);
/// searching every range for every run is ranges × runs, which a passage of 200,000 words
/// makes minutes. Each range starts and ends on a cut, so a run lies wholly inside or outside
/// it: the ranges covering run `k` are those opened at a cut ≤ `k` and not closed yet.
///
/// Each range has a key; of the ranges covering a run, [`Cover::first`] gives the smallest
/// key, ties broken by the order given.
#[derive(Debug, Default)]
pub struct Cover {
    opens: Vec<Vec<(usize, usize)>>,
    closes: Vec<Vec<(usize, usize)>>,
    open: std::collections::BTreeSet<(usize, usize)>,
    next: usize,
}

impl Cover {
    /// `cuts` sorted ascending; `ranges` as (key, range). A range whose ends are no cuts is
    /// taken from the first cut at or after each end; an empty one covers nothing.
    pub fn new(
        cuts: &[usize],
        ranges: impl IntoIterator<Item = (usize, std::ops::Range<usize>)>,
    ) -> Self {
        let at = |x: usize| cuts.partition_point(|&c| c < x);
        let mut opens = vec![Vec::new(); cuts.len() + 1];
        let mut closes = vec![Vec::new(); cuts.len() + 1];
        for (i, (key, r)) in ranges.into_iter().enumerate() {
            let (a, b) = (at(r.start), at(r.end));
            if a < b
                && let (Some(o), Some(c)) = (opens.get_mut(a), closes.get_mut(b))
            {
                o.push((key, i));
                c.push((key, i));
            }
        }
        Self {
            opens,
            closes,
            open: Default::default(),
            next: 0,
        }
    }

    /// Moves on to the run that starts at cut `k`. Runs must be visited in order; a run
    /// skipped is passed over correctly.
    pub fn advance(&mut self, k: usize) {
        while self.next <= k {
            if let Some(c) = self.closes.get(self.next) {
                for e in c {
                    self.open.remove(e);
                }
            }
            if let Some(o) = self.opens.get(self.next) {
                self.open.extend(o.iter().copied());
            }
            self.next += 1;
        }
    }

    /// The covering range with the smallest key, as (key, position in the list given).
    pub fn first(&self) -> Option<(usize, usize)> {
        self.open.first().copied()
    }

    /// Whether a range with this key covers the current run.
    pub fn has_key(&self, key: usize) -> bool {
        self.open
            .range((key, 0)..=(key, usize::MAX))
            .next()
            .is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cover_gives_each_run_its_covering_range_with_the_smallest_key() {
        // "a phrase inside a longer phrase": cuts 0 2 5 9 12; ranges keyed by their length.
        let cuts = [0, 2, 5, 9, 12];
        let ranges = [2..9, 5..9, 0..12, 4..4];
        let mut cover = Cover::new(&cuts, ranges.iter().map(|r| (r.len(), r.clone())));
        let mut got = Vec::new();
        for k in 0..cuts.len() - 1 {
            cover.advance(k);
            got.push(cover.first().map(|(_, i)| i));
        }
        // 0..2 only the whole; 2..5 the first phrase; 5..9 the narrowest; 9..12 the whole.
        assert_eq!(got, [Some(2), Some(0), Some(1), Some(2)]);

        // A skipped run is passed over; keys may repeat and are asked for directly.
        let mut cover = Cover::new(&cuts, [(7, 0..5), (7, 9..12), (3, 2..12)]);
        cover.advance(2);
        assert!(!cover.has_key(7) && cover.has_key(3));
        cover.advance(3);
        assert!(cover.has_key(7));
        assert_eq!(cover.first(), Some((3, 2)));
    }

    #[test]
    fn joined_paragraphs_keep_spans_to_their_text() {
        let (body, spans) = join_paragraphs(["First one.", "Zweiter Absatz – ü.", "Third."]);
        assert_eq!(body, "First one.\n\nZweiter Absatz – ü.\n\nThird.");
        let texts: Vec<&str> = spans.iter().filter_map(|s| body.get(s.range())).collect();
        assert_eq!(texts, ["First one.", "Zweiter Absatz – ü.", "Third."]);
    }

    #[test]
    fn no_paragraphs_is_an_empty_body() {
        let (body, spans) = join_paragraphs(Vec::<String>::new());
        assert!(body.is_empty());
        assert!(spans.is_empty());
    }
}
