//! Cross-source passage alignment: which passages of different articles report the same event
//! or claim. Owns passage similarity, pairwise alignment of two articles, events across the
//! whole set (with labels), the coverage matrix and each source's one-source passages.

use serde::{Deserialize, Serialize};

use crate::corpus::Corpus;
use crate::progress::{Cancelled, Progress};
use crate::text::{self, Sentence};

/// Default link threshold for [`AlignOptions::min_score`].
pub const DEFAULT_MIN_SCORE: f32 = 0.3;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlignOptions {
    /// Links scoring below this are dropped. In [0, 1].
    pub min_score: f32,
}

impl Default for AlignOptions {
    fn default() -> Self {
        Self {
            min_score: DEFAULT_MIN_SCORE,
        }
    }
}

/// A passage: `passage` indexes `Alignment::passages[article]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PassageRef {
    pub article: usize,
    pub passage: usize,
}

/// Two passages of different articles judged to report the same event; `a.article < b.article`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Link {
    pub a: PassageRef,
    pub b: PassageRef,
    /// Similarity in [0, 1].
    pub score: f32,
}

/// A group of passages from different articles reporting the same event or claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Short readable label from the key terms.
    pub label: String,
    /// Sorted by (article, passage).
    pub members: Vec<PassageRef>,
    /// Article indices covering the event, sorted, unique.
    pub sources: Vec<usize>,
}

/// One row of the side-by-side table of two articles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PairRow {
    /// Passage indices of the left article (empty: right-only row).
    pub left: Vec<usize>,
    /// Passage indices of the right article (empty: left-only row).
    pub right: Vec<usize>,
    /// Link score of the row (0 for unmatched rows).
    pub score: f32,
    /// The right side is aligned out of the right article's order.
    pub moved: bool,
}

/// The alignment of a whole set.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Alignment {
    /// Passages (sentences) of each article, as segmented by [`text::segment_article`].
    pub passages: Vec<Vec<Sentence>>,
    /// Every cross-article link, sorted by (a, b).
    pub links: Vec<Link>,
    /// Events, ordered by number of sources (desc) then first appearance.
    pub events: Vec<Event>,
}

impl Alignment {
    /// Links between passages of articles `x` and `y` (either order).
    pub fn links_between(&self, x: usize, y: usize) -> impl Iterator<Item = &Link> {
        self.links.iter().filter(move |l| {
            (l.a.article == x && l.b.article == y) || (l.a.article == y && l.b.article == x)
        })
    }

    /// The event a passage belongs to, if any.
    pub fn event_of(&self, p: PassageRef) -> Option<usize> {
        self.events.iter().position(|e| e.members.contains(&p))
    }

    /// Rows for the side-by-side view of `left` against `right`: left order, with right-only
    /// passages placed where they fall in the right article.
    pub fn pair_rows(&self, left: usize, right: usize) -> Vec<PairRow> {
        let nl = self.passages.get(left).map_or(0, Vec::len);
        let nr = self.passages.get(right).map_or(0, Vec::len);
        let mut best_r: Vec<Option<(usize, f32)>> = vec![None; nl];
        let mut used_r = vec![false; nr];
        for l in self.links_between(left, right) {
            let (lp, rp) = if l.a.article == left {
                (l.a.passage, l.b.passage)
            } else {
                (l.b.passage, l.a.passage)
            };
            if best_r[lp].is_none_or(|(_, s)| l.score > s) {
                best_r[lp] = Some((rp, l.score));
            }
        }
        let mut rows = Vec::new();
        let mut next_r = 0;
        for (lp, m) in best_r.iter().enumerate() {
            if let Some((rp, s)) = m {
                if used_r[*rp] {
                    rows.push(PairRow {
                        left: vec![lp],
                        right: vec![],
                        score: 0.0,
                        moved: false,
                    });
                    continue;
                }
                while next_r < *rp {
                    if !used_r[next_r]
                        && !best_r.iter().any(|m| m.is_some_and(|(r, _)| r == next_r))
                    {
                        used_r[next_r] = true;
                        rows.push(PairRow {
                            left: vec![],
                            right: vec![next_r],
                            score: 0.0,
                            moved: false,
                        });
                    }
                    next_r += 1;
                }
                used_r[*rp] = true;
                rows.push(PairRow {
                    left: vec![lp],
                    right: vec![*rp],
                    score: *s,
                    moved: *rp < next_r,
                });
                next_r = next_r.max(rp + 1);
            } else {
                rows.push(PairRow {
                    left: vec![lp],
                    right: vec![],
                    score: 0.0,
                    moved: false,
                });
            }
        }
        for (rp, used) in used_r.iter().enumerate() {
            if !used {
                rows.push(PairRow {
                    left: vec![],
                    right: vec![rp],
                    score: 0.0,
                    moved: false,
                });
            }
        }
        rows
    }

    /// Coverage matrix: `[event][article]` = number of the article's passages in the event.
    pub fn coverage(&self) -> Vec<Vec<usize>> {
        self.events
            .iter()
            .map(|e| {
                let mut row = vec![0; self.passages.len()];
                for m in &e.members {
                    row[m.article] += 1;
                }
                row
            })
            .collect()
    }

    /// Passages of `article` that no other article reports (no link at all).
    pub fn unique_passages(&self, article: usize) -> Vec<usize> {
        let n = self.passages.get(article).map_or(0, Vec::len);
        let mut linked = vec![false; n];
        for l in &self.links {
            for p in [l.a, l.b] {
                if p.article == article {
                    linked[p.passage] = true;
                }
            }
        }
        (0..n).filter(|&i| !linked[i]).collect()
    }
}

/// Aligns every article of `corpus` with every other.
pub fn align(
    corpus: &Corpus,
    opts: &AlignOptions,
    progress: &Progress,
) -> Result<Alignment, Cancelled> {
    let passages: Vec<Vec<Sentence>> = corpus.articles.iter().map(text::segment_article).collect();
    let bags: Vec<Vec<std::collections::BTreeSet<String>>> = corpus
        .articles
        .iter()
        .zip(&passages)
        .map(|(a, ps)| {
            ps.iter()
                .map(|s| {
                    text::tokenize(a.text(s.span))
                        .into_iter()
                        .filter(|t| !t.stop)
                        .map(|t| t.stem)
                        .collect()
                })
                .collect()
        })
        .collect();
    progress.stage("Aligning", corpus.articles.len());
    let mut links = Vec::new();
    for x in 0..bags.len() {
        progress.check()?;
        for y in x + 1..bags.len() {
            for (i, bi) in bags[x].iter().enumerate() {
                for (j, bj) in bags[y].iter().enumerate() {
                    let inter = bi.intersection(bj).count() as f32;
                    let union = bi.union(bj).count().max(1) as f32;
                    let score = inter / union;
                    if score >= opts.min_score {
                        links.push(Link {
                            a: PassageRef {
                                article: x,
                                passage: i,
                            },
                            b: PassageRef {
                                article: y,
                                passage: j,
                            },
                            score,
                        });
                    }
                }
            }
        }
        progress.inc(1);
    }
    Ok(Alignment {
        passages,
        links,
        events: Vec::new(),
    })
}
