//! The story map of an analysis: one row per event, then one per passage only one source
//! reports, one cell per source holding that source's passages in the row and the words it
//! spends on them. One builder for every front end: the viewer's Story map view adds its search
//! text, the report its cell texts and links into the side-by-side sections.

use serde::Serialize;

use crate::align::PassageRef;
use crate::model::Analysis;
use crate::progress::{Cancelled, Progress};
use crate::report::word_count;

/// What a map row stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum RowKind {
    /// Index into `alignment.events`.
    Event(usize),
    /// A passage no other source reports.
    OneSource(PassageRef),
}

/// One cell: the source's passages in the row (in reading order) and their word count.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct MapCell {
    pub passages: Vec<usize>,
    pub words: usize,
}

/// One row of the map.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MapRow {
    pub kind: RowKind,
    /// The event's label, or the first words of the one-source passage.
    pub label: String,
    /// One per source, in corpus order.
    pub cells: Vec<MapCell>,
    /// Number of sources reporting the row.
    pub sources: usize,
}

impl MapRow {
    /// The passages of the row, source by source in corpus order.
    pub fn members(&self) -> impl Iterator<Item = PassageRef> + '_ {
        self.cells.iter().enumerate().flat_map(|(article, c)| {
            c.passages
                .iter()
                .map(move |&passage| PassageRef { article, passage })
        })
    }
}

/// Words in the label of a one-source row.
pub const ONE_SOURCE_LABEL_WORDS: usize = 9;

/// The rows of the map: events ordered by the number of sources reporting them (most first;
/// ties keep the alignment's order, which is by first appearance), then each one-source
/// passage in corpus order.
pub fn rows(a: &Analysis) -> Vec<MapRow> {
    // A progress nobody else holds is never cancelled.
    rows_cancellable(a, &Progress::new()).unwrap_or_default()
}

/// [`rows`], giving up with [`Cancelled`] soon after `progress` is cancelled (checked every
/// [`CHECK_EVERY`] rows): the viewer's story-map job, replaced when the set changes again.
pub fn rows_cancellable(a: &Analysis, progress: &Progress) -> Result<Vec<MapRow>, Cancelled> {
    let n = a.corpus.articles.len();
    let words = |p: PassageRef| word_count(a.passage_text(p));
    let mut events: Vec<MapRow> = a
        .alignment
        .events
        .iter()
        .enumerate()
        .map(|(i, e)| {
            if i % CHECK_EVERY == 0 {
                progress.check()?;
            }
            let mut cells = vec![MapCell::default(); n];
            for m in &e.members {
                if let Some(c) = cells.get_mut(m.article) {
                    c.passages.push(m.passage);
                    c.words += words(*m);
                }
            }
            for c in &mut cells {
                c.passages.sort_unstable();
                c.passages.dedup();
            }
            Ok(MapRow {
                kind: RowKind::Event(i),
                label: e.label.clone(),
                sources: cells.iter().filter(|c| !c.passages.is_empty()).count(),
                cells,
            })
        })
        .collect::<Result<_, Cancelled>>()?;
    events.sort_by_key(|r| std::cmp::Reverse(r.sources));
    for (article, unique) in a.alignment.unique_by_article().into_iter().enumerate() {
        progress.check()?;
        for passage in unique {
            let p = PassageRef { article, passage };
            let mut cells = vec![MapCell::default(); n];
            if let Some(c) = cells.get_mut(article) {
                c.passages.push(passage);
                c.words = words(p);
            }
            events.push(MapRow {
                kind: RowKind::OneSource(p),
                label: snippet(a.passage_text(p), ONE_SOURCE_LABEL_WORDS),
                sources: 1,
                cells,
            });
        }
    }
    Ok(events)
}

/// How many rows are built between two looks at the cancel flag.
pub const CHECK_EVERY: usize = 256;

/// The first `n` words of `text`, with an ellipsis when cut.
pub fn snippet(text: &str, n: usize) -> String {
    let ws: Vec<&str> = text.split_whitespace().collect();
    match ws.get(..n) {
        Some(head) if ws.len() > n => format!("{}…", head.join(" ")),
        _ => ws.join(" "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_passage_is_in_one_row_at_most_once_and_events_come_first() {
        let a = crate::model::analyze(
            crate::corpus::seeds(),
            &Default::default(),
            &crate::progress::Progress::new(),
        )
        .expect("the seeds analyse");
        let rows = rows(&a);
        let events = a.alignment.events.len();
        assert!(
            rows.iter()
                .take(events)
                .all(|r| matches!(r.kind, RowKind::Event(_)))
        );
        assert!(
            rows.iter()
                .skip(events)
                .all(|r| matches!(r.kind, RowKind::OneSource(_)) && r.sources == 1)
        );
        // Most sources first among events.
        assert!(
            rows.iter()
                .take(events)
                .zip(rows.iter().take(events).skip(1))
                .all(|(x, y)| x.sources >= y.sources)
        );
        let mut seen = std::collections::BTreeSet::new();
        for r in &rows {
            for p in r.members() {
                assert!(seen.insert((p.article, p.passage)), "{p:?} twice");
                let w = r.cells.get(p.article).map_or(0, |c| c.words);
                assert!(w >= word_count(a.passage_text(p)));
            }
        }
    }

    #[test]
    fn snippet_cuts_at_a_word_with_an_ellipsis() {
        assert_eq!(snippet("one two three", 2), "one two…");
        assert_eq!(snippet("one  two", 2), "one two");
        assert_eq!(snippet("", 3), "");
    }
}
