//! Passage similarity: how likely two passages say the same thing, from the two passages alone.
//!
//! This is the engine's one passage-similarity figure (the MSRP-style "are these two sentences
//! paraphrases?" score). The claim model ([`super::claims`]) reads it as a feature, together
//! with what only a whole set can tell (competition inside an article pair, names the other
//! article never mentions).
//!
//! Features ([`PairFeatures`]), all computed from the two passages:
//! - **soft token alignment** (BERTScore-style, with the static model's word vectors): each
//!   content word's best cosine to the other passage's content words (1 for the same stem),
//!   weighted by how rare the word is (the rank of its WordPiece: the vocabulary is in rough
//!   frequency order), as precision, recall and F; and how many content words find no
//!   counterpart at all (cosine < [`UNMATCHED_BELOW`]) on each side: extra information;
//! - the sentence-embedding cosine (mean-pooled static vectors);
//! - content-word overlap (both directions, and rarity-weighted), word 1-, 2- and 3-gram
//!   overlap (both directions), the longest common subsequence of words;
//! - figures that differ, names that differ, a negation on one side only, the length ratio.
//!
//! A logistic regression over them (`assets/pair_model.json`, fitted on msrp-train by
//! `scripts/fit-pairsim`, 10-fold cross-validated) gives the probability. Without an embedding
//! model the soft alignment falls back to exact stems and a lexical regression is used.

use serde::{Deserialize, Serialize};

use crate::embed::Embedder;
use crate::text::{Token, TokenKind};

/// A content word whose best cosine to the other passage is below this is unmatched.
pub const UNMATCHED_BELOW: f32 = 0.6;

/// Words of a passage read by the pair features (at most this many).
pub const MAX_WORDS: usize = 160;

/// The pair similarity from which two passages count as paraphrases (the fitted threshold sits
/// at 0.5: `scripts/fit-pairsim` shifts the intercept).
pub const PARAPHRASE_MIN: f32 = 0.5;

fn hash(s: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    s.hash(&mut h);
    h.finish()
}

/// One content word of a passage.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ContentWord {
    /// Hash of the stem.
    pub stem: u64,
    /// Row in the set's [`WordVectors`] (`u32::MAX`: none).
    pub vector: u32,
    /// Rarity weight (≥ 1 with a model; 1 without).
    pub weight: f32,
}

/// What the pair features read of one passage.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Words {
    /// Stem hashes of every word, in order (at most [`MAX_WORDS`]).
    pub stems: Vec<u64>,
    /// Content words, unique by stem, in first-seen order.
    pub content: Vec<ContentWord>,
    /// Figures (normalised stems, [`super::claims::is_figure`]), sorted, unique.
    pub numbers: Vec<u64>,
    /// Names, sorted, unique.
    pub names: Vec<u64>,
    /// Holds a negation ("not", "no", "never", "n't" …).
    pub negated: bool,
}

/// A negative implicative verb (Karttunen 1971): "failed to switch on" entails that it did
/// not switch on, as "did not" and "never did" say outright. Stems, read before "to".
fn is_negative_implicative(stem: &str) -> bool {
    matches!(stem, "fail" | "refus" | "declin" | "neglect")
}

/// The content words' lowercased forms of a passage, before the set gives them vector rows.
#[derive(Debug, Clone, Default)]
pub struct RawWords {
    pub words: Words,
    /// `lower` of each entry of `words.content`.
    pub lowers: Vec<String>,
}

impl RawWords {
    /// Reads a tokenised passage.
    pub fn of(tokens: &[Token]) -> Self {
        let mut w = Words::default();
        let mut lowers = Vec::new();
        let words: Vec<&Token> = tokens
            .iter()
            .filter(|t| t.lower.chars().any(char::is_alphanumeric))
            .take(MAX_WORDS)
            .collect();
        for (i, t) in words.iter().enumerate() {
            let stem = hash(&t.stem);
            w.stems.push(stem);
            if super::features::is_negation(&t.lower)
                || (is_negative_implicative(&t.stem)
                    && words.get(i + 1).is_some_and(|n| n.lower == "to"))
            {
                w.negated = true;
            }
            if super::claims::is_figure(t) {
                w.numbers.push(stem);
            }
            if t.kind == TokenKind::Name && !t.stop {
                w.names.push(stem);
            }
            if !t.stop && !t.stem.is_empty() && !w.content.iter().any(|c| c.stem == stem) {
                w.content.push(ContentWord {
                    stem,
                    vector: u32::MAX,
                    weight: 1.0,
                });
                lowers.push(t.lower.clone());
            }
        }
        for v in [&mut w.numbers, &mut w.names] {
            v.sort_unstable();
            v.dedup();
        }
        RawWords { words: w, lowers }
    }
}

/// Unit word vectors of a set's content words, one row per distinct lowercased word.
#[derive(Debug, Clone, Default)]
pub struct WordVectors {
    dim: usize,
    data: Vec<f32>,
}

impl WordVectors {
    fn row(&self, i: u32) -> Option<&[f32]> {
        let i = i as usize;
        self.data.get(i * self.dim..(i + 1) * self.dim)
    }
}

/// Gives every content word of `raw` its vector row and rarity weight (in parallel), and
/// returns the passages' [`Words`] with the table. Without a model the rows are empty and
/// every weight is 1.
pub fn attach_vectors(
    raw: Vec<RawWords>,
    embedder: Option<&Embedder>,
) -> (Vec<Words>, WordVectors) {
    use rayon::prelude::*;
    let Some(e) = embedder else {
        return (
            raw.into_iter().map(|r| r.words).collect(),
            WordVectors::default(),
        );
    };
    let mut ids: rustc_hash::FxHashMap<&str, u32> = Default::default();
    let mut order: Vec<&str> = Vec::new();
    let rows: Vec<Vec<u32>> = raw
        .iter()
        .map(|r| {
            r.lowers
                .iter()
                .map(|l| {
                    *ids.entry(l.as_str()).or_insert_with(|| {
                        order.push(l.as_str());
                        (order.len() - 1) as u32
                    })
                })
                .collect()
        })
        .collect();
    let dim = e.dim();
    let embedded: Vec<(Vec<f32>, f32)> = order
        .par_iter()
        .map(|w| {
            let weight = e
                .token_ids(w)
                .into_iter()
                .min()
                .map_or(1.0, |id| (id as f32 + 2.0).ln());
            (e.embed(w), weight)
        })
        .collect();
    let mut data = Vec::with_capacity(embedded.len() * dim);
    let mut weights = Vec::with_capacity(embedded.len());
    for (v, w) in embedded {
        if v.len() == dim {
            data.extend_from_slice(&v);
        } else {
            data.extend(std::iter::repeat_n(0.0, dim));
        }
        weights.push(w);
    }
    let words = raw
        .into_iter()
        .zip(rows)
        .map(|(r, rows)| {
            let mut w = r.words;
            for (c, row) in w.content.iter_mut().zip(rows) {
                c.vector = row;
                c.weight = weights.get(row as usize).copied().unwrap_or(1.0);
            }
            w
        })
        .collect();
    (words, WordVectors { dim, data })
}

/// The features of one pair of passages, in the order of [`PAIR_FEATURE_NAMES`].
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct PairFeatures {
    /// Sentence-embedding cosine (`None`: no model).
    pub semantic: Option<f32>,
    /// Soft alignment: the smaller and larger of precision and recall, and their F.
    pub soft_min: f32,
    pub soft_max: f32,
    pub soft_f: f32,
    /// Shared content stems over the larger / smaller passage's count.
    pub content_min: f32,
    pub content_max: f32,
    /// Rarity-weighted content overlap (Dice).
    pub content_weighted: f32,
    /// Word n-gram overlap: shared over the larger / smaller passage's count.
    pub uni_min: f32,
    pub uni_max: f32,
    pub bi_min: f32,
    pub bi_max: f32,
    pub tri_min: f32,
    pub tri_max: f32,
    /// Figures in one passage only, over the figures of either (0 when neither has any).
    pub number_conflict: f32,
    /// `ln(1 + figures in one passage only)`.
    pub number_missing: f32,
    /// Names in one passage only, over the names of either.
    pub name_conflict: f32,
    /// 1 when one passage holds a negation and the other none.
    pub negation_mismatch: f32,
    /// `ln(1 + content words without counterpart)`, the larger and the smaller side.
    pub unmatched_max: f32,
    pub unmatched_min: f32,
    /// Longest common subsequence of words over the longer passage's word count.
    pub lcs: f32,
    /// Shorter / longer passage in words.
    pub length_ratio: f32,
}

/// Names of the pair features, as in `assets/pair_model.json`.
pub const PAIR_FEATURE_NAMES: [&str; 21] = [
    "semantic",
    "soft_min",
    "soft_max",
    "soft_f",
    "content_min",
    "content_max",
    "content_weighted",
    "uni_min",
    "uni_max",
    "bi_min",
    "bi_max",
    "tri_min",
    "tri_max",
    "number_conflict",
    "number_missing",
    "name_conflict",
    "negation_mismatch",
    "unmatched_max",
    "unmatched_min",
    "lcs",
    "length_ratio",
];

impl PairFeatures {
    /// A feature by name (`None`: unknown, or `semantic` without a model).
    pub fn get(&self, name: &str) -> Option<f32> {
        Some(match name {
            "semantic" => self.semantic?,
            "soft_min" => self.soft_min,
            "soft_max" => self.soft_max,
            "soft_f" => self.soft_f,
            "content_min" => self.content_min,
            "content_max" => self.content_max,
            "content_weighted" => self.content_weighted,
            "uni_min" => self.uni_min,
            "uni_max" => self.uni_max,
            "bi_min" => self.bi_min,
            "bi_max" => self.bi_max,
            "tri_min" => self.tri_min,
            "tri_max" => self.tri_max,
            "number_conflict" => self.number_conflict,
            "number_missing" => self.number_missing,
            "name_conflict" => self.name_conflict,
            "negation_mismatch" => self.negation_mismatch,
            "unmatched_max" => self.unmatched_max,
            "unmatched_min" => self.unmatched_min,
            "lcs" => self.lcs,
            "length_ratio" => self.length_ratio,
            _ => return None,
        })
    }

    /// Every feature with its value (`semantic` only with a model).
    pub fn named(&self) -> Vec<(&'static str, f32)> {
        PAIR_FEATURE_NAMES
            .iter()
            .filter_map(|&n| self.get(n).map(|v| (n, v)))
            .collect()
    }
}

/// Sorted, unique n-gram hashes of a word sequence.
fn ngrams(stems: &[u64], n: usize) -> Vec<u64> {
    let mut v: Vec<u64> = stems
        .windows(n)
        .map(|w| {
            w.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &s| {
                (h ^ s).wrapping_mul(0x100_0000_01b3)
            })
        })
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Size of the intersection of two sorted, unique lists.
pub(crate) fn shared(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// (shared / larger, shared / smaller) of two sorted unique lists; 0 when either is empty.
fn overlap(a: &[u64], b: &[u64]) -> (f32, f32) {
    if a.is_empty() || b.is_empty() {
        return (0.0, 0.0);
    }
    let s = shared(a, b) as f32;
    (
        s / a.len().max(b.len()) as f32,
        s / a.len().min(b.len()) as f32,
    )
}

/// Longest common subsequence of two word sequences (one DP row at a time).
fn lcs(a: &[u64], b: &[u64]) -> usize {
    let mut prev = vec![0usize; b.len() + 1];
    let mut cur = prev.clone();
    for &x in a {
        for (j, &y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                cur[j].max(prev[j + 1])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The pair features of two passages; `semantic` is their sentence-embedding cosine.
pub fn features(a: &Words, b: &Words, semantic: Option<f32>, wv: &WordVectors) -> PairFeatures {
    let mut f = PairFeatures {
        semantic,
        ..Default::default()
    };
    // Soft alignment.
    let (ca, cb) = (&a.content, &b.content);
    if !ca.is_empty() && !cb.is_empty() {
        let mut best_a = vec![0f32; ca.len()];
        let mut best_b = vec![0f32; cb.len()];
        for (i, x) in ca.iter().enumerate() {
            let rx = wv.row(x.vector);
            for (j, y) in cb.iter().enumerate() {
                let s = if x.stem == y.stem {
                    1.0
                } else {
                    match (rx, wv.row(y.vector)) {
                        (Some(p), Some(q)) => crate::embed::cosine(p, q),
                        _ => 0.0,
                    }
                };
                best_a[i] = best_a[i].max(s);
                best_b[j] = best_b[j].max(s);
            }
        }
        let side = |c: &[ContentWord], best: &[f32]| {
            let total: f32 = c.iter().map(|w| w.weight).sum();
            let got: f32 = c.iter().zip(best).map(|(w, s)| w.weight * s).sum();
            let unmatched = best.iter().filter(|&&s| s < UNMATCHED_BELOW).count();
            (if total > 0.0 { got / total } else { 0.0 }, unmatched)
        };
        let (p, ua) = side(ca, &best_a);
        let (r, ub) = side(cb, &best_b);
        f.soft_min = p.min(r);
        f.soft_max = p.max(r);
        f.soft_f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        f.unmatched_max = (ua.max(ub) as f32).ln_1p();
        f.unmatched_min = (ua.min(ub) as f32).ln_1p();
    }
    // Content overlap.
    let sorted = |c: &[ContentWord]| {
        let mut v: Vec<u64> = c.iter().map(|w| w.stem).collect();
        v.sort_unstable();
        v
    };
    let (sa, sb) = (sorted(ca), sorted(cb));
    (f.content_min, f.content_max) = overlap(&sa, &sb);
    let total: f32 = ca.iter().chain(cb).map(|w| w.weight).sum();
    if total > 0.0 {
        let common: f32 = ca
            .iter()
            .filter(|w| sb.binary_search(&w.stem).is_ok())
            .map(|w| w.weight)
            .chain(
                cb.iter()
                    .filter(|w| sa.binary_search(&w.stem).is_ok())
                    .map(|w| w.weight),
            )
            .sum();
        f.content_weighted = common / total;
    }
    // Word n-grams.
    (f.uni_min, f.uni_max) = overlap(&ngrams(&a.stems, 1), &ngrams(&b.stems, 1));
    (f.bi_min, f.bi_max) = overlap(&ngrams(&a.stems, 2), &ngrams(&b.stems, 2));
    (f.tri_min, f.tri_max) = overlap(&ngrams(&a.stems, 3), &ngrams(&b.stems, 3));
    // Figures and names that differ.
    let differ = |x: &[u64], y: &[u64]| {
        let s = shared(x, y);
        let union = x.len() + y.len() - s;
        (x.len() + y.len() - 2 * s, union)
    };
    let (nd, nu) = differ(&a.numbers, &b.numbers);
    if nu > 0 {
        f.number_conflict = nd as f32 / nu as f32;
    }
    f.number_missing = (nd as f32).ln_1p();
    let (md, mu) = differ(&a.names, &b.names);
    if mu > 0 {
        f.name_conflict = md as f32 / mu as f32;
    }
    f.negation_mismatch = if a.negated != b.negated { 1.0 } else { 0.0 };
    let (la, lb) = (a.stems.len(), b.stems.len());
    if la > 0 && lb > 0 {
        f.lcs = lcs(&a.stems, &b.stems) as f32 / la.max(lb) as f32;
        f.length_ratio = la.min(lb) as f32 / la.max(lb) as f32;
    }
    f
}

/// One logistic regression over named features.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PairLogistic {
    pub features: Vec<String>,
    pub coef: Vec<f32>,
    pub intercept: f32,
}

impl PairLogistic {
    /// `None` when the regression reads a feature the pair lacks.
    pub fn probability(&self, f: &PairFeatures) -> Option<f32> {
        let mut z = self.intercept;
        for (name, c) in self.features.iter().zip(&self.coef) {
            z += c * f.get(name)?;
        }
        Some(1.0 / (1.0 + (-z).exp()))
    }
}

/// The fitted pair-similarity model: one regression with the embedding, one without.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PairModel {
    pub fitted_by: String,
    pub semantic: PairLogistic,
    pub lexical: PairLogistic,
}

const PAIR_MODEL_JSON: &str = include_str!("../../../../assets/pair_model.json");

/// The shipped model (`assets/pair_model.json`; a broken file is caught by a unit test).
pub fn model() -> &'static PairModel {
    static M: std::sync::LazyLock<PairModel> = std::sync::LazyLock::new(|| {
        serde_json::from_str(PAIR_MODEL_JSON).unwrap_or_else(|_| {
            let fallback = PairLogistic {
                features: vec!["soft_f".into()],
                coef: vec![10.0],
                intercept: -6.0,
            };
            PairModel {
                fitted_by: "fallback".into(),
                semantic: fallback.clone(),
                lexical: fallback,
            }
        })
    });
    &M
}

impl PairModel {
    /// The similarity of a pair in [0, 1].
    pub fn probability(&self, f: &PairFeatures) -> f32 {
        f.semantic
            .and_then(|_| self.semantic.probability(f))
            .or_else(|| self.lexical.probability(f))
            .unwrap_or(0.0)
    }
}

/// The passage similarity of two texts on their own (each read as one passage), with its
/// features: what `align_eval pairs` scores MSRP with.
pub fn score_texts(a: &str, b: &str, embedder: Option<&Embedder>) -> (f32, PairFeatures) {
    let raw = vec![
        RawWords::of(&crate::text::tokenize(a)),
        RawWords::of(&crate::text::tokenize(b)),
    ];
    let (words, wv) = attach_vectors(raw, embedder);
    let semantic = embedder.map(|e| crate::embed::cosine(&e.embed(a), &e.embed(b)));
    let f = features(&words[0], &words[1], semantic, &wv);
    (model().probability(&f), f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_pair_model_parses_and_names_its_features() {
        let m: PairModel = serde_json::from_str(PAIR_MODEL_JSON).expect("assets/pair_model.json");
        let f = PairFeatures {
            semantic: Some(0.5),
            ..Default::default()
        };
        for l in [&m.semantic, &m.lexical] {
            assert_eq!(l.coef.len(), l.features.len());
            for name in &l.features {
                assert!(f.get(name).is_some(), "unknown feature {name}");
            }
        }
        assert!(m.lexical.probability(&PairFeatures::default()).is_some());
    }

    #[test]
    fn overlap_features_read_shared_words_and_differing_figures() {
        let words = |s: &str| RawWords::of(&crate::text::tokenize(s)).words;
        let wv = WordVectors::default();
        let a = words("The ministry counted 120 dead on Monday.");
        let same = features(&a, &a, None, &wv);
        assert_eq!(same.soft_f, 1.0);
        assert_eq!(same.lcs, 1.0);
        assert_eq!(same.number_conflict, 0.0);
        let b = words("The ministry counted 140 dead on Monday.");
        let changed = features(&a, &b, None, &wv);
        assert_eq!(changed.number_conflict, 1.0, "{changed:?}");
        assert!(
            changed.tri_min < 1.0 && changed.tri_min > 0.0,
            "{changed:?}"
        );
        let c = words("The ministry did not count the dead on Monday.");
        assert_eq!(features(&a, &c, None, &wv).negation_mismatch, 1.0);
        let none = features(&a, &Words::default(), None, &wv);
        assert_eq!(none.soft_f, 0.0);
        assert_eq!(none.length_ratio, 0.0);
    }

    #[test]
    fn failing_to_act_is_a_negation_as_not_acting_is() {
        let words = |s: &str| RawWords::of(&crate::text::tokenize(s)).words;
        let wv = WordVectors::default();
        let not = words("The backup generator did not start.");
        for same in [
            "The backup generator failed to start.",
            "The backup generator never started.",
            "Staff declined to start the backup generator.",
        ] {
            let f = features(&not, &words(same), None, &wv);
            assert_eq!(f.negation_mismatch, 0.0, "{same}");
        }
        // A failure that is a noun or an adjective negates nothing.
        for other in [
            "The backup generator started after a failed fuse was swapped.",
            "A generator failure was fixed.",
        ] {
            let f = features(&not, &words(other), None, &wv);
            assert_eq!(f.negation_mismatch, 1.0, "{other}");
        }
    }

    #[test]
    fn lcs_counts_words_in_order() {
        assert_eq!(lcs(&[1, 2, 3, 4], &[1, 3, 4, 2]), 3);
        assert_eq!(lcs(&[], &[1]), 0);
    }
}
