//! Candidate pairs from an inverted index: no all-pairs loop over passages.
//!
//! Every passage is looked up through the postings of its own terms; terms that occur in more
//! than [`MAX_POSTINGS`] passages are not used to *find* candidates (they would make the search
//! quadratic on a large set and are weak evidence anyway) but still count in the exact score of
//! a candidate found through a rarer term. The search runs in parallel with `rayon`, one dense
//! accumulator per worker (hand-written rather than a `HashMap` per passage: it is the hot loop).

use rayon::prelude::*;

use super::features::{TermId, Vector};

/// Postings longer than this are not used to generate candidates.
pub const MAX_POSTINGS: usize = 200;

/// Passages of the whole set (global ids) by term.
#[derive(Debug, Default)]
pub struct Index {
    offsets: Vec<u32>,
    postings: Vec<u32>,
    /// The weight of the term in each posting's passage (parallel to `postings`).
    weights: Vec<f32>,
}

impl Index {
    /// Builds the postings (each sorted by passage id) with a counting sort.
    pub fn build(vectors: &[Vector], n_terms: usize) -> Self {
        let mut counts = vec![0u32; n_terms + 1];
        for v in vectors {
            for &t in &v.terms {
                counts[t as usize + 1] += 1;
            }
        }
        for i in 1..counts.len() {
            counts[i] += counts[i - 1];
        }
        let offsets = counts.clone();
        let mut fill = counts;
        let total = offsets.last().copied().unwrap_or(0) as usize;
        let mut postings = vec![0u32; total];
        let mut weights = vec![0f32; total];
        for (p, v) in vectors.iter().enumerate() {
            for (&t, &w) in v.terms.iter().zip(&v.weights) {
                let slot = &mut fill[t as usize];
                postings[*slot as usize] = p as u32;
                weights[*slot as usize] = w;
                *slot += 1;
            }
        }
        Self {
            offsets,
            postings,
            weights,
        }
    }

    /// Passages holding term `t` (sorted) and the term's weight in each.
    pub fn postings(&self, t: TermId) -> (&[u32], &[f32]) {
        let t = t as usize;
        match (self.offsets.get(t), self.offsets.get(t + 1)) {
            (Some(&a), Some(&b)) => (
                &self.postings[a as usize..b as usize],
                &self.weights[a as usize..b as usize],
            ),
            _ => (&[], &[]),
        }
    }
}

/// Article-level pruning of the candidate search. The link score is at most
/// `sqrt(cosine) × min(1, article cosine / full)`, so two passages of articles that are barely
/// alike need a high passage cosine to link at all: their partial score must reach
/// `fraction × (min_score / article factor)²`. Article cosines come from an index over the
/// article vectors with very common terms skipped; the skipped part is bounded by Cauchy-Schwarz
/// (`‖x_skipped‖ · ‖y_skipped‖`), so the bound never drops a pair the exact score would keep
/// for want of article similarity.
pub struct ArticleBound<'a> {
    pub vectors: &'a [Vector],
    pub index: &'a Index,
    /// Norm of each article vector's part over the skipped (very common) terms.
    pub skipped_norm: &'a [f32],
    pub max_postings: usize,
    pub min_score: f32,
    /// Article cosine at which the article factor reaches 1.
    pub full: f32,
    pub fraction: f32,
    /// Passage cosine from which the article factor is 1 whatever the articles.
    pub verbatim: f32,
}

impl ArticleBound<'_> {
    /// The partial passage score a pair of passages of articles `x` and `y` must reach.
    fn needed(&self, acc: &ArticleAcc, x: u32, y: u32) -> f32 {
        let (x, y) = (x as usize, y as usize);
        let upper = acc.acc.get(y).copied().unwrap_or(0.0)
            + self.skipped_norm.get(x).copied().unwrap_or(0.0)
                * self.skipped_norm.get(y).copied().unwrap_or(0.0);
        let factor = (upper / self.full).min(1.0);
        let verbatim = self.fraction * self.verbatim;
        if factor <= 0.0 {
            return verbatim;
        }
        let r = self.min_score / factor;
        (self.fraction * r * r).min(verbatim)
    }
}

/// One worker's article cosines of the current article with every other (partial, over the
/// terms the index keeps), recomputed when the worker moves to the next article.
struct ArticleAcc {
    current: Option<u32>,
    acc: Vec<f32>,
    touched: Vec<u32>,
}

impl ArticleAcc {
    fn load(&mut self, b: &ArticleBound<'_>, x: u32) {
        if self.current == Some(x) {
            return;
        }
        for &y in &self.touched {
            self.acc[y as usize] = 0.0;
        }
        self.touched.clear();
        self.current = Some(x);
        let Some(v) = b.vectors.get(x as usize) else {
            return;
        };
        for (&t, &w) in v.terms.iter().zip(&v.weights) {
            let (post, pw) = b.index.postings(t);
            if post.len() > b.max_postings {
                continue;
            }
            for (&y, &wy) in post.iter().zip(pw) {
                let slot = &mut self.acc[y as usize];
                if *slot == 0.0 {
                    self.touched.push(y);
                }
                *slot += w * wy;
            }
        }
    }
}

/// A scored candidate pair of passages (global ids, `a < b`, different articles).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Candidate {
    pub a: u32,
    pub b: u32,
    /// Cosine of the two passage vectors.
    pub cosine: f32,
    /// Number of shared terms.
    pub shared: u32,
}

/// Finds every pair of passages of different articles whose partial score through the index
/// reaches `prefilter`, and scores it exactly. `article_of[p]` is the article of passage `p`.
pub fn candidates(
    vectors: &[Vector],
    article_of: &[u32],
    index: &Index,
    prefilter: f32,
    bound: Option<&ArticleBound<'_>>,
    check: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<Candidate>> {
    let n = vectors.len();
    let n_art = bound.map_or(0, |b| b.vectors.len());
    let per_passage: Vec<Option<Vec<Candidate>>> = (0..n)
        .into_par_iter()
        .map_init(
            || {
                (
                    vec![0f32; n],
                    Vec::<u32>::new(),
                    ArticleAcc {
                        current: None,
                        acc: vec![0f32; n_art],
                        touched: Vec::new(),
                    },
                )
            },
            |(acc, touched, art_acc), i| {
                if i % 4096 == 0 && !check() {
                    return None;
                }
                let v = &vectors[i];
                let art = article_of[i];
                if let Some(b) = bound {
                    art_acc.load(b, art);
                }
                for (k, &t) in v.terms.iter().enumerate() {
                    let (post, pw) = index.postings(t);
                    if post.len() > MAX_POSTINGS {
                        continue;
                    }
                    let w = v.weights[k];
                    // Postings are sorted: only look at later passages (each pair once).
                    let from = post.partition_point(|&p| p as usize <= i);
                    for (&p, &wp) in post[from..].iter().zip(&pw[from..]) {
                        if article_of[p as usize] == art {
                            continue;
                        }
                        let slot = &mut acc[p as usize];
                        if *slot == 0.0 {
                            touched.push(p);
                        }
                        *slot += w * wp;
                    }
                }
                let mut out = Vec::new();
                touched.sort_unstable();
                for &p in touched.iter() {
                    let partial = acc[p as usize];
                    acc[p as usize] = 0.0;
                    let needed = match bound {
                        Some(b) => b.needed(art_acc, art, article_of[p as usize]),
                        None => prefilter,
                    };
                    if partial >= needed.max(prefilter) {
                        let o = &vectors[p as usize];
                        out.push(Candidate {
                            a: i as u32,
                            b: p,
                            cosine: v.dot(o),
                            shared: v.shared(o) as u32,
                        });
                    }
                }
                touched.clear();
                Some(out)
            },
        )
        .collect();
    let mut all = Vec::new();
    for c in per_passage {
        all.extend(c?);
    }
    Some(all)
}
