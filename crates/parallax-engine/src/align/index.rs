//! Links from an inverted index: no all-pairs loop over passages.
//!
//! Every passage is looked up through the postings of its own terms; terms that occur in more
//! than [`MAX_POSTINGS`] passages ("capped" terms) are not used to *find* candidates (they would
//! make the search quadratic on a large set and are weak evidence anyway) but still count in the
//! exact score of a candidate found through a rarer term. The search runs in parallel with
//! `rayon`, one dense accumulator per worker (hand-written rather than a `HashMap` per passage:
//! it is the hot loop).
//!
//! The accumulator already holds each candidate's cosine over the uncapped terms and how many
//! of them it shares; the capped terms of a passage are few, so the exact cosine is that sum
//! plus a short merge of the two passages' capped parts, and a Cauchy-Schwarz bound on that
//! part rejects most candidates before any merge. Article cosines work the same way: each
//! worker holds the current article's cosine with every later article over the terms of the
//! article index (one pass over its postings), bounds the rest, and merges it only for pairs
//! that pass every other test. Every bound is safe: the links are exactly the pairs (sharing an
//! uncapped term) whose link score reaches the threshold.

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

/// The part of each vector over some of its terms, stored flat (one allocation, good locality
/// in the hot loop), with its norm.
#[derive(Debug, Default)]
pub struct Part {
    offsets: Vec<u32>,
    terms: Vec<TermId>,
    weights: Vec<f32>,
    norms: Vec<f32>,
}

impl Part {
    /// The part of each of `vectors` over the terms `keep` accepts.
    pub fn build(vectors: &[Vector], keep: impl Fn(TermId) -> bool) -> Self {
        let mut p = Part {
            offsets: Vec::with_capacity(vectors.len() + 1),
            ..Default::default()
        };
        p.offsets.push(0);
        for v in vectors {
            let mut norm = 0.0;
            for (&t, &w) in v.terms.iter().zip(&v.weights) {
                if keep(t) {
                    p.terms.push(t);
                    p.weights.push(w);
                    norm += w * w;
                }
            }
            p.offsets.push(p.terms.len() as u32);
            p.norms.push(f32::sqrt(norm));
        }
        p
    }

    fn range(&self, i: usize) -> std::ops::Range<usize> {
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => a as usize..b as usize,
            _ => 0..0,
        }
    }

    fn len(&self, i: usize) -> u32 {
        self.range(i).len() as u32
    }

    fn norm(&self, i: usize) -> f32 {
        self.norms.get(i).copied().unwrap_or(0.0)
    }

    /// Dot product and number of shared terms of parts `i` and `j`.
    fn dot_shared(&self, i: usize, j: usize) -> (f32, u32) {
        let (ri, rj) = (self.range(i), self.range(j));
        super::features::dot_shared(
            &self.terms[ri.clone()],
            &self.weights[ri],
            &self.terms[rj.clone()],
            &self.weights[rj],
        )
    }
}

/// The articles around the passages: their vectors (for the article factor of the link score)
/// and their terms (for the coverage of a passage by another article).
pub struct Articles<'a> {
    pub vectors: &'a [Vector],
    /// Each article's terms, sorted.
    pub terms: &'a [Vec<TermId>],
}

/// The threshold of the link score ([`super::link_score`], non-decreasing in each of its
/// arguments, which is what makes the bounds below safe).
pub struct Scoring {
    pub min_score: f32,
    /// A link needs at least this many shared terms.
    pub min_shared: u32,
}

/// One worker's view of the current article `x`: its article cosines with every later article
/// (candidates pair a passage with later passages only) over the terms of the article index,
/// the exact article cosines computed so far, and its terms as a bitset (for the coverage of
/// other passages by `x`). Rebuilt when the worker moves to the next article.
struct ArticleAcc {
    current: Option<u32>,
    acc: Vec<f32>,
    touched: Vec<u32>,
    /// Exact article cosine of `x` with each later article (NaN: not computed yet).
    exact: Vec<f32>,
    exact_touched: Vec<u32>,
    /// Bit `t` is set when article `x` uses term `t`.
    bits: Vec<u64>,
}

/// Terms in more articles than `max(ARTICLE_CAP_MIN, articles / ARTICLE_CAP_DIVISOR)` are left
/// out of the article index. An article's cosines with all later articles are one pass over
/// its postings, which costs the sum of its terms' article counts: over every term, that grows
/// with the square of the set when many words are in most articles (a large archive of one
/// running story). The left-out part is bounded by Cauchy-Schwarz, and added exactly (a merge
/// of the two articles' left-out terms) only for a pair of passages that passes every other
/// test. Measured on scripts/bench-scale's sets: a fixed cap of 200 articles made the link
/// search ~20 % slower at 5,000 articles than no cap (~130 left-out terms per article to merge
/// for millions of pairs); this cap costs nothing up to 8,000 articles and ~15 % at 10,000.
const ARTICLE_CAP_MIN: usize = 1000;
const ARTICLE_CAP_DIVISOR: usize = 8;

/// What every worker shares about the articles.
struct ArticleCtx<'a> {
    arts: &'a Articles<'a>,
    /// The article vectors over the terms in at most the cap of articles.
    index: Index,
    /// The article vectors' parts over the other terms.
    skipped: Part,
}

impl ArticleAcc {
    fn new(n_articles: usize, n_terms: usize) -> Self {
        Self {
            current: None,
            acc: vec![0.0; n_articles],
            touched: Vec::new(),
            exact: vec![f32::NAN; n_articles],
            exact_touched: Vec::new(),
            bits: vec![0; n_terms.div_ceil(64)],
        }
    }

    fn load(&mut self, ctx: &ArticleCtx<'_>, x: u32) {
        if self.current == Some(x) {
            return;
        }
        for &y in &self.touched {
            self.acc[y as usize] = 0.0;
        }
        self.touched.clear();
        for &y in &self.exact_touched {
            self.exact[y as usize] = f32::NAN;
        }
        self.exact_touched.clear();
        let terms_of = |a: u32| {
            ctx.arts
                .terms
                .get(a as usize)
                .map_or(&[][..], Vec::as_slice)
        };
        if let Some(prev) = self.current {
            for &t in terms_of(prev) {
                if let Some(w) = self.bits.get_mut(t as usize / 64) {
                    *w = 0;
                }
            }
        }
        self.current = Some(x);
        for &t in terms_of(x) {
            if let Some(w) = self.bits.get_mut(t as usize / 64) {
                *w |= 1 << (t % 64);
            }
        }
        let Some(v) = ctx.arts.vectors.get(x as usize) else {
            return;
        };
        for (&t, &w) in v.terms.iter().zip(&v.weights) {
            let (post, pw) = ctx.index.postings(t);
            // Candidates pair a passage with later passages only, hence later articles only.
            let from = post.partition_point(|&y| y <= x);
            for (&y, &wy) in post[from..].iter().zip(&pw[from..]) {
                let slot = &mut self.acc[y as usize];
                if *slot == 0.0 {
                    self.touched.push(y);
                }
                *slot += w * wy;
            }
        }
    }

    /// An upper bound of the current article's cosine with a later article `y` (no merge).
    fn article_upper(&self, ctx: &ArticleCtx<'_>, y: u32) -> f32 {
        let x = self.current.unwrap_or(0) as usize;
        self.acc.get(y as usize).copied().unwrap_or(0.0)
            + ctx.skipped.norm(x) * ctx.skipped.norm(y as usize)
    }

    /// The current article's cosine with a later article `y`.
    fn article_cosine(&mut self, ctx: &ArticleCtx<'_>, y: u32) -> f32 {
        let x = self.current.unwrap_or(0) as usize;
        let partial = self.acc.get(y as usize).copied().unwrap_or(0.0);
        let Some(slot) = self.exact.get_mut(y as usize) else {
            return partial;
        };
        if slot.is_nan() {
            *slot = partial + ctx.skipped.dot_shared(x, y as usize).0;
            self.exact_touched.push(y);
        }
        *slot
    }

    /// Share of `v`'s squared weight in terms the current article uses.
    fn coverage_by_current(&self, v: &Vector) -> f32 {
        v.terms
            .iter()
            .zip(&v.weights)
            .filter(|&(&t, _)| {
                self.bits
                    .get(t as usize / 64)
                    .is_some_and(|w| w & (1 << (t % 64)) != 0)
            })
            .map(|(_, w)| w * w)
            .sum()
    }
}

/// Share of `v`'s squared weight in the sorted `terms`.
fn coverage(v: &Vector, terms: &[TermId]) -> f32 {
    v.terms
        .iter()
        .zip(&v.weights)
        .filter(|(t, _)| terms.binary_search(t).is_ok())
        .map(|(_, w)| w * w)
        .sum()
}

/// One worker's passage accumulator: the current passage's cosine with each other passage over
/// the uncapped terms, and how many uncapped terms they share.
struct PassageAcc {
    acc: Vec<f32>,
    shared: Vec<u32>,
    touched: Vec<u32>,
}

/// Every pair of passages of different articles sharing at least one uncapped term whose link
/// score reaches `scoring.min_score` with at least `scoring.min_shared` shared terms: the links
/// `(a, b, score)`, `a < b`, sorted by `(a, b)`. `article_of[p]` is the article of passage `p`;
/// `n_terms` the size of the vocabulary.
///
/// Scoring happens inside the search, where the worker already holds the current article's
/// context (its cosine with each other article, its terms as a bitset, the coverage of the
/// current passage by each other article): no intermediate list of candidates.
pub fn links(
    vectors: &[Vector],
    article_of: &[u32],
    n_terms: usize,
    arts: &Articles<'_>,
    scoring: &Scoring,
    check: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<(u32, u32, f32)>> {
    let n = vectors.len();
    let index = Index::build(vectors, n_terms);
    let capped = Part::build(vectors, |t| index.postings(t).0.len() > MAX_POSTINGS);
    let n_art = arts.vectors.len();
    let art_cap = (n_art / ARTICLE_CAP_DIVISOR).max(ARTICLE_CAP_MIN);
    let ctx = {
        let all = Index::build(arts.vectors, n_terms);
        let common = |t: TermId| all.postings(t).0.len() > art_cap;
        let skipped = Part::build(arts.vectors, common);
        let kept: Vec<Vector> = arts
            .vectors
            .iter()
            .map(|v| {
                let (terms, weights) = v
                    .terms
                    .iter()
                    .zip(&v.weights)
                    .filter(|&(&t, _)| !common(t))
                    .map(|(&t, &w)| (t, w))
                    .unzip();
                Vector { terms, weights }
            })
            .collect();
        ArticleCtx {
            arts,
            index: Index::build(&kept, n_terms),
            skipped,
        }
    };
    let score = super::link_score;
    let min = scoring.min_score;
    let per_passage: Vec<Option<Vec<(u32, u32, f32)>>> = (0..n)
        .into_par_iter()
        .map_init(
            || {
                (
                    PassageAcc {
                        acc: vec![0.0; n],
                        shared: vec![0; n],
                        touched: Vec::new(),
                    },
                    ArticleAcc::new(n_art, n_terms),
                )
            },
            |(pa, art_acc), i| {
                if i % 4096 == 0 && !check() {
                    return None;
                }
                let v = &vectors[i];
                let x = article_of[i];
                art_acc.load(&ctx, x);
                for (&t, &w) in v.terms.iter().zip(&v.weights) {
                    let (post, pw) = index.postings(t);
                    if post.len() > MAX_POSTINGS {
                        continue;
                    }
                    // Postings are sorted: only look at later passages (each pair once).
                    let from = post.partition_point(|&p| p as usize <= i);
                    for (&p, &wp) in post[from..].iter().zip(&pw[from..]) {
                        if article_of[p as usize] == x {
                            continue;
                        }
                        let k = p as usize;
                        if pa.shared[k] == 0 {
                            pa.touched.push(p);
                        }
                        pa.acc[k] += w * wp;
                        pa.shared[k] += 1;
                    }
                }
                let mut out = Vec::new();
                pa.touched.sort_unstable();
                let (cap_norm_i, cap_len_i) = (capped.norm(i), capped.len(i));
                // Coverage of passage `i` by the article of the current run of candidates
                // (candidates are sorted by passage id, so each article's come in one run).
                let mut cov_i: Option<(u32, f32)> = None;
                for &p in &pa.touched {
                    let k = p as usize;
                    let (partial, shared_u) = (pa.acc[k], pa.shared[k]);
                    pa.acc[k] = 0.0;
                    pa.shared[k] = 0;
                    if shared_u + cap_len_i.min(capped.len(k)) < scoring.min_shared {
                        continue;
                    }
                    let y = article_of[k];
                    // Upper bounds first (no merge): the capped part of the cosine is at most
                    // the product of the capped norms.
                    let cos_upper = partial + cap_norm_i * capped.norm(k);
                    let art_upper = art_acc.article_upper(&ctx, y);
                    if score(cos_upper, art_upper, 1.0, 1.0) < min {
                        continue;
                    }
                    // Then the exact cosine: a short merge of the two capped parts.
                    let (cap_dot, cap_shared) = capped.dot_shared(i, k);
                    let cosine = partial + cap_dot;
                    if shared_u + cap_shared < scoring.min_shared
                        || score(cosine, art_upper, 1.0, 1.0) < min
                    {
                        continue;
                    }
                    // The exact article cosine last (a merge of the articles' common terms,
                    // once per pair of articles).
                    let art_cos = art_acc.article_cosine(&ctx, y);
                    if score(cosine, art_cos, 1.0, 1.0) < min {
                        continue;
                    }
                    let ci = match cov_i {
                        Some((yy, c)) if yy == y => c,
                        _ => {
                            let c = coverage(v, arts.terms.get(y as usize).map_or(&[], |t| t));
                            cov_i = Some((y, c));
                            c
                        }
                    };
                    let s = score(
                        cosine,
                        art_cos,
                        ci,
                        art_acc.coverage_by_current(&vectors[k]),
                    );
                    if s >= min {
                        out.push((i as u32, p, s));
                    }
                }
                pa.touched.clear();
                Some(out)
            },
        )
        .collect();
    let mut all = Vec::with_capacity(per_passage.iter().flatten().map(Vec::len).sum());
    for c in per_passage {
        all.extend(c?);
    }
    Some(all)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A deterministic xorshift generator for the synthetic sets.
    struct Rng(u64);
    impl Rng {
        fn below(&mut self, m: u64) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0 % m
        }
    }

    #[test]
    fn links_are_exactly_the_pairs_whose_score_reaches_the_threshold() {
        // 1,300 one- or two-passage articles over a vocabulary with a few terms in nearly every
        // passage (capped in the passage index and left out of the article index), some in
        // a few hundred (capped for passages only) and many rare ones: every bound and merge of
        // the search is exercised. The oracle scores every cross-article pair by brute force.
        let mut rng = Rng(0x2545_f491_4f6c_dd1d);
        let n_art = 1_300;
        let n_terms = 600;
        let term = |rng: &mut Rng| -> TermId {
            match rng.below(10) {
                0..=4 => rng.below(2) as TermId,      // in most articles
                5..=6 => 4 + rng.below(16) as TermId, // in a few hundred passages
                _ => 20 + rng.below(580) as TermId,   // rare
            }
        };
        let mut vectors = Vec::new();
        let mut article_of = Vec::new();
        for a in 0..n_art {
            for _ in 0..1 + rng.below(2) {
                let raw: Vec<(TermId, f32)> = (0..3 + rng.below(6))
                    .map(|_| (term(&mut rng), (1 + rng.below(4)) as f32))
                    .collect();
                vectors.push(Vector::build(raw, &vec![1.0; n_terms]));
                article_of.push(a as u32);
            }
        }
        let mut art_terms: Vec<Vec<TermId>> = vec![Vec::new(); n_art];
        let mut art_raw: Vec<Vec<(TermId, f32)>> = vec![Vec::new(); n_art];
        for (v, &a) in vectors.iter().zip(&article_of) {
            art_terms[a as usize].extend(&v.terms);
            art_raw[a as usize].extend(v.terms.iter().zip(&v.weights).map(|(&t, &w)| (t, w)));
        }
        for t in &mut art_terms {
            t.sort_unstable();
            t.dedup();
        }
        let art_vectors: Vec<Vector> = art_raw
            .into_iter()
            .map(|r| Vector::build(r, &vec![1.0; n_terms]))
            .collect();
        let index = Index::build(&vectors, n_terms);
        assert!(
            index.postings(0).0.len() > MAX_POSTINGS,
            "a capped passage term"
        );
        let art_index = Index::build(&art_vectors, n_terms);
        assert!(
            art_index.postings(0).0.len() > ARTICLE_CAP_MIN,
            "a term left out of the article index"
        );
        let arts = Articles {
            vectors: &art_vectors,
            terms: &art_terms,
        };
        let min_score = 0.3;
        let scoring = Scoring {
            min_score,
            min_shared: 2,
        };
        let found = links(&vectors, &article_of, n_terms, &arts, &scoring, &|| true)
            .expect("not cancelled");
        assert!(
            found
                .windows(2)
                .all(|w| (w[0].0, w[0].1) < (w[1].0, w[1].1))
        );

        let coverage_by = |v: &Vector, art: u32| -> f32 {
            v.terms
                .iter()
                .zip(&v.weights)
                .filter(|(t, _)| art_terms[art as usize].binary_search(t).is_ok())
                .map(|(_, w)| w * w)
                .sum()
        };
        let uncapped = |t: &TermId| index.postings(*t).0.len() <= MAX_POSTINGS;
        let mut expected = Vec::new();
        // Pairs within 1e-4 of the threshold may fall either way (summation order).
        let mut borderline = Vec::new();
        for a in 0..vectors.len() {
            for b in a + 1..vectors.len() {
                let (x, y) = (article_of[a], article_of[b]);
                let (va, vb) = (&vectors[a], &vectors[b]);
                let shared: Vec<&TermId> =
                    va.terms.iter().filter(|t| vb.terms.contains(t)).collect();
                if x == y || shared.len() < 2 || !shared.iter().any(|t| uncapped(t)) {
                    continue;
                }
                let s = super::super::link_score(
                    va.dot(vb),
                    art_vectors[x as usize].dot(&art_vectors[y as usize]),
                    coverage_by(va, y),
                    coverage_by(vb, x),
                );
                if (s - min_score).abs() < 1e-4 {
                    borderline.push((a as u32, b as u32));
                } else if s >= min_score {
                    expected.push((a as u32, b as u32, s));
                }
            }
        }
        assert!(
            expected.len() > 100,
            "the set makes links: {}",
            expected.len()
        );
        let got: Vec<(u32, u32, f32)> = found
            .iter()
            .copied()
            .filter(|l| !borderline.contains(&(l.0, l.1)))
            .collect();
        assert_eq!(got.len(), expected.len(), "the same pairs");
        for (g, e) in got.iter().zip(&expected) {
            assert_eq!((g.0, g.1), (e.0, e.1));
            assert!((g.2 - e.2).abs() < 1e-4, "{g:?} vs {e:?}");
        }
    }
}
