//! Claim-level links: from the lexical candidates of the link search to the pairs of passages
//! that report the same claim (the same statement, fact, figure or occurrence).
//!
//! Each candidate pair gets a handful of explainable features ([`Features`]); a logistic
//! regression fitted on the dev sets by `scripts/fit-align` (coefficients in
//! `assets/align_model.json`, embedded at build time) turns them into the match probability.
//! The features that make it claim-level rather than topic-level:
//! - **competition** inside each article pair, as in bitext mining: a candidate's margin over the
//!   best *other* counterpart of each of its two passages in the other article, and whether the
//!   pair is mutually best. A passage that is only "the most similar of many similar ones" has
//!   no margin.
//! - **anchors that must agree**: shared names and figures; a name one passage holds that the
//!   other article never mentions (another speaker) counts against.
//! - the passage cosine itself, the article-aware lexical link score, the length ratio and the
//!   shorter passage's content-term count (the lexical model reads it; see docs/EVALUATION.md
//!   for why the semantic one does not yet).
//!
//! After scoring, [`select`] keeps pairs at or above the threshold and lets each passage hold at
//! most [`MAX_PARTNERS`] counterparts per other article (an outlet may split one sentence in
//! two), best first.

use serde::{Deserialize, Serialize};

/// Per passage: at most this many counterparts in each other article.
pub const MAX_PARTNERS: usize = 2;

/// Lowest match probability of a link that makes two passages of one article and two of
/// another all counterparts of each other (two-to-two): the claim model's precision-first
/// point (its fitted threshold sits at p = 0.5). Below it only one-to-one and one-to-two links
/// are made. On claims-dev (docs/EVALUATION.md) two-to-two at this bar raised both precision
/// and recall over refusing it; at the default threshold it added as many false links as
/// true ones.
pub const TWO_TO_TWO_MIN: f32 = 0.5;

/// Lowest match probability at which a passage that already has [`MAX_PARTNERS`] counterparts in
/// one article takes a third there (while the new partner has fewer than two in the passage's
/// article): a headline or lede that sums up what another outlet reports over three sentences.
/// Leave-one-story-out on claims-dev (links after matching, P ≥ 0.70): F1 0.587 → 0.598 at P
/// 0.722; from 0.7 precision falls again (docs/EVALUATION.md).
pub const THIRD_PARTNER_MIN: f32 = 0.8;

/// The place in an article from which [`Features::position`] stops growing: the longest
/// claims-dev article has 52 passages, so the model has never seen a later one, and a passage
/// copied word for word into the 100,000th line of an archive must still be linkable.
pub const POSITION_MAX_PLACE: usize = 50;

/// The features of one candidate pair, in the order of the model's coefficients.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Features {
    /// Article-aware lexical link score ([`super::link_score`]).
    pub lexical: f32,
    /// Plain passage cosine (idf-weighted terms).
    pub cosine: f32,
    /// Link score minus the best other candidate of either passage in the other article.
    pub margin: f32,
    /// 1 when each passage is the other's best candidate in that article.
    pub mutual: f32,
    /// `ln(1 + shared names and figures)`.
    pub anchors: f32,
    /// Share of each passage's names absent from the other article (max of the two).
    pub foreign_names: f32,
    /// The same share, the smaller of the two passages' (0 when either names nothing): 1 when
    /// each passage names only people, places or figures the other article never mentions.
    /// A passage naming no one and only figures the other passage reports changed
    /// ([`changed_figure`]) counts 0: the veto leaves a revised figure to the model.
    pub foreign_names_min: f32,
    /// Shorter / longer passage, in content terms.
    pub length_ratio: f32,
    /// `ln(1 + content terms of the shorter passage)`: a passage of two or three content words
    /// ("This is about the White House.") shares its few terms with many passages of the same
    /// story, so its cosine says less than the same cosine between two full sentences.
    pub min_content: f32,
    /// 1 when the shorter passage has at most [`FEW_TERMS`] terms and every term the two share
    /// is a name or a figure ("This is about the White House" / "The White House had been
    /// vague"): what they share is who or where, not what was said. 0 otherwise, and when they
    /// share nothing at all (a paraphrase in other words is left to the model).
    pub names_only_shared: f32,
    /// 1 when both passages name someone or somewhere and share no name (another speaker,
    /// another place).
    pub name_conflict: f32,
    /// Distinct words (stop words included) the two passages share, over the distinct words of
    /// the shorter one: how much of the shorter passage the longer one repeats, word for word
    /// ("said he would meet" against "has said he would not meet" is high even where the
    /// content words are few).
    pub word_overlap: f32,
    /// `ln(1 + k)` for the later of the two passages' places `k` in their articles (0 is the
    /// headline), `k` at most [`POSITION_MAX_PLACE`]: news puts its main claims first (the
    /// inverted pyramid), so what two outlets both lead with is more often one claim than two
    /// passages deep in the background.
    pub position: f32,
    /// Sentence-embedding cosine (`None`: no model loaded).
    pub semantic: Option<f32>,
    /// Semantic cosine minus the best other semantic cosine of either passage in the other article.
    pub semantic_margin: Option<f32>,
    /// `ln(1 + n − 1)` for the longest run of `n` words both passages share in the same order
    /// (a quoted phrase, a figure with its noun): 0 when no two words in a row are shared.
    pub common_run: f32,
    /// `ln(1 + content words in that run)`, stop words left out.
    pub common_run_content: f32,
    /// Cosine of the two passage vectors without the names both hold (each side's rest
    /// renormalised): what the passages say besides who. Two statements of one speaker share
    /// the name and little else; a name only one passage holds, and a shared figure, still
    /// count.
    pub content_cosine: f32,
    /// The passage similarity of the two passages on their own ([`super::pairsim`]).
    pub pair: f32,
    /// Passage similarity minus the best other passage similarity of either passage in the
    /// other article (competition, as `margin`).
    pub pair_margin: f32,
    /// The passage-similarity features themselves, read as `pair.<name>` (e.g.
    /// `pair.soft_f`, see [`super::pairsim::PAIR_FEATURE_NAMES`]); `None` when they were not
    /// computed (the shipped model does not read them, and on a large set they would cost
    /// ~100 bytes for each of millions of candidates).
    pub pair_features: Option<Box<super::pairsim::PairFeatures>>,
}

impl Features {
    /// The value of a feature by its name in `assets/align_model.json` (`None`: unknown name,
    /// or a semantic feature without a model).
    pub fn get(&self, name: &str) -> Option<f32> {
        // A product of two features ("cosine*min_content"): an interaction the regression reads
        // as one term.
        if let Some((x, y)) = name.split_once('*') {
            return Some(self.get(x)? * self.get(y)?);
        }
        if let Some(pair) = name.strip_prefix("pair.") {
            return self.pair_features.as_ref()?.get(pair);
        }
        Some(match name {
            "lexical" => self.lexical,
            "cosine" => self.cosine,
            "margin" => self.margin,
            "mutual" => self.mutual,
            "anchors" => self.anchors,
            "foreign_names" => self.foreign_names,
            "foreign_names_min" => self.foreign_names_min,
            "length_ratio" => self.length_ratio,
            "min_content" => self.min_content,
            "names_only_shared" => self.names_only_shared,
            "name_conflict" => self.name_conflict,
            "word_overlap" => self.word_overlap,
            "position" => self.position,
            "semantic" => self.semantic?,
            "semantic_margin" => self.semantic_margin?,
            "common_run" => self.common_run,
            "common_run_content" => self.common_run_content,
            "content_cosine" => self.content_cosine,
            "pair" => self.pair,
            "pair_margin" => self.pair_margin,
            _ => return None,
        })
    }

    /// Every known feature with its value (semantic ones only when a model scored the pair),
    /// in [`FEATURE_NAMES`] order, then the passage-similarity features as `pair.<name>`.
    pub fn named(&self) -> Vec<(String, f32)> {
        FEATURE_NAMES
            .iter()
            .filter_map(|&n| self.get(n).map(|v| (n.to_string(), v)))
            .chain(
                self.pair_features
                    .iter()
                    .flat_map(|f| f.named())
                    .map(|(n, v)| (format!("pair.{n}"), v)),
            )
            .collect()
    }
}

/// Names of the features the model may use, as in `assets/align_model.json`.
pub const FEATURE_NAMES: [&str; 20] = [
    "lexical",
    "cosine",
    "margin",
    "mutual",
    "anchors",
    "foreign_names",
    "foreign_names_min",
    "length_ratio",
    "min_content",
    "names_only_shared",
    "name_conflict",
    "word_overlap",
    "position",
    "semantic",
    "semantic_margin",
    "common_run",
    "common_run_content",
    "content_cosine",
    "pair",
    "pair_margin",
];

/// Words of a passage in order, for [`common_run`]: stem hash and whether it is a content word.
pub type WordSeq = Vec<(u64, bool)>;

/// The passage's words in order (at most [`MAX_RUN_WORDS`], which bounds the cost per pair).
pub fn word_seq(tokens: &[crate::text::Token]) -> WordSeq {
    use std::hash::{Hash, Hasher};
    tokens
        .iter()
        .filter(|t| t.lower.chars().any(char::is_alphanumeric))
        .take(MAX_RUN_WORDS)
        .map(|t| {
            let mut h = rustc_hash::FxHasher::default();
            t.stem.hash(&mut h);
            (h.finish(), !t.stop)
        })
        .collect()
}

/// Words of a passage looked at by [`common_run`].
pub const MAX_RUN_WORDS: usize = 160;

/// Longest run of words two passages share in the same order: `(length, content words in it)`;
/// among runs of equal length the one with more content words. Dynamic programming over the two
/// word lists, one row at a time.
pub fn common_run(a: &[(u64, bool)], b: &[(u64, bool)]) -> (usize, usize) {
    if a.is_empty() || b.is_empty() {
        return (0, 0);
    }
    // (run length, content words in the run) ending at a[i-1], b[j-1].
    let mut prev = vec![(0usize, 0usize); b.len() + 1];
    let mut cur = prev.clone();
    let mut best = (0, 0);
    for &(wa, ca) in a {
        cur[0] = (0, 0);
        for (j, &(wb, _)) in b.iter().enumerate() {
            cur[j + 1] = if wa == wb {
                let (n, c) = prev[j];
                (n + 1, c + usize::from(ca))
            } else {
                (0, 0)
            };
            if cur[j + 1] > best {
                best = cur[j + 1];
            }
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    best
}

/// One logistic regression: `p = sigmoid(intercept + Σ coef·x)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Logistic {
    pub features: Vec<String>,
    pub coef: Vec<f32>,
    pub intercept: f32,
}

impl Logistic {
    /// `None` when the model reads a feature the pair does not have (a semantic model on a pair
    /// scored without embeddings).
    pub fn probability(&self, f: &Features) -> Option<f32> {
        let mut z = self.intercept;
        for (name, c) in self.features.iter().zip(&self.coef) {
            z += c * f.get(name)?;
        }
        Some(1.0 / (1.0 + (-z).exp()))
    }
}

/// The fitted combination: one model for lexical evidence only, one with embeddings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Model {
    /// Where the coefficients come from (script, data, date).
    pub fitted_by: String,
    /// Lowest lexical link score for a candidate.
    pub candidate_min_score: f32,
    pub lexical: Logistic,
    #[serde(default)]
    pub semantic: Option<Logistic>,
}

const MODEL_JSON: &str = include_str!("../../../../assets/align_model.json");

/// Most terms a short passage has for [`Features::names_only_shared`].
pub const FEW_TERMS: usize = 4;

/// `common_run_content` (`ln(1 + n)`) from which two passages share so long a run of content
/// words in the same order (n ≥ 4) that differing names do not veto the pair.
pub const SAME_WORDING_RUN: f32 = 1.609_438;

/// The shipped model (`assets/align_model.json`).
pub fn model() -> &'static Model {
    static M: std::sync::LazyLock<Model> = std::sync::LazyLock::new(|| {
        // The file is part of the build; a broken one is caught by the unit test below.
        serde_json::from_str(MODEL_JSON).unwrap_or_else(|_| Model {
            fitted_by: "fallback".into(),
            candidate_min_score: 0.05,
            lexical: Logistic {
                features: vec!["lexical".into()],
                coef: vec![10.0],
                intercept: -3.0,
            },
            semantic: None,
        })
    });
    &M
}

impl Model {
    /// Whether either of the model's regressions reads the feature `name`.
    pub fn uses(&self, name: &str) -> bool {
        self.lexical.features.iter().any(|f| f == name)
            || self
                .semantic
                .as_ref()
                .is_some_and(|m| m.features.iter().any(|f| f == name))
    }

    /// Whether either regression reads the passage similarity (`pair`, `pair_margin` or a
    /// `pair.<name>` feature).
    pub fn uses_pair(&self) -> bool {
        std::iter::once(&self.lexical)
            .chain(&self.semantic)
            .flat_map(|m| &m.features)
            .any(|f| f == "pair" || f == "pair_margin" || f.starts_with("pair."))
    }

    /// Match probability of a candidate.
    pub fn probability(&self, f: &Features) -> f32 {
        // Evidence that must agree: two passages each naming only people, places or figures the
        // other article never mentions report different things (another place, another
        // speaker), however close the meaning of the words around them. One side naming what
        // the other calls "the Republican" is not enough.
        // A long run of shared content words (the same sentence, one name swapped for another
        // way of naming the same person) overrides it.
        if f.foreign_names_min >= 1.0 && f.common_run_content < SAME_WORDING_RUN {
            return 0.0;
        }
        if f.names_only_shared >= 1.0 {
            return 0.0;
        }
        self.semantic
            .as_ref()
            .filter(|_| f.semantic.is_some())
            .and_then(|m| m.probability(f))
            .or_else(|| self.lexical.probability(f))
            .unwrap_or(0.0)
    }
}

/// A scored candidate: global passage ids `a < b`, the articles, the probability.
#[derive(Debug, Clone, Copy)]
pub struct Scored {
    pub a: u32,
    pub b: u32,
    pub p: f32,
}

/// Keeps candidates with `p >= threshold`, best first, while each passage has fewer than
/// [`MAX_PARTNERS`] counterparts in the other passage's article: one-to-one and one-to-two at
/// the threshold, two-to-two only from [`TWO_TO_TWO_MIN`], a third counterpart only from
/// [`THIRD_PARTNER_MIN`]. Returns the kept indices.
pub fn select(cands: &[Scored], article_of: &[u32], threshold: f32) -> Vec<usize> {
    use rayon::prelude::*;
    let mut order: Vec<usize> = (0..cands.len())
        .filter(|&i| cands[i].p >= threshold)
        .collect();
    order.par_sort_unstable_by(|&x, &y| {
        cands[y]
            .p
            .total_cmp(&cands[x].p)
            .then(cands[x].a.cmp(&cands[y].a))
            .then(cands[x].b.cmp(&cands[y].b))
    });
    // Counterparts of each passage in each other article so far: how many, and the first (all
    // the rule below reads; at most MAX_PARTNERS, so no list is kept).
    #[derive(Clone, Copy)]
    struct Partners {
        n: usize,
        first: u32,
    }
    let mut partners: rustc_hash::FxHashMap<(u32, u32), Partners> = Default::default();
    partners.reserve(order.len());
    let count = |partners: &rustc_hash::FxHashMap<(u32, u32), Partners>, key| {
        partners.get(&key).map_or(0, |p: &Partners| p.n)
    };
    let mut kept = Vec::new();
    for i in order {
        let c = cands[i];
        let (aa, ab) = (article_of[c.a as usize], article_of[c.b as usize]);
        let pa = count(&partners, (c.a, ab));
        let pb = count(&partners, (c.b, aa));
        // A third counterpart only for a pair the model is sure of, and never three-to-three.
        let third = c.p >= THIRD_PARTNER_MIN && pa.min(pb) < MAX_PARTNERS;
        if (pa >= MAX_PARTNERS || pb >= MAX_PARTNERS) && !(third && pa.max(pb) == MAX_PARTNERS) {
            continue;
        }
        // One-to-one, or one-to-two (a split sentence): the passage taking a second partner
        // keeps its first partner's only link, and the new partner is free.
        let one_to_two = match (pa, pb) {
            (0, 0) => true,
            (_, 0) => partners
                .get(&(c.a, ab))
                .is_some_and(|q| count(&partners, (q.first, aa)) == 1),
            (0, _) => partners
                .get(&(c.b, aa))
                .is_some_and(|q| count(&partners, (q.first, ab)) == 1),
            _ => false,
        };
        // Two-to-two (a headline and its lede reported in the other outlet's headline and
        // lede) only for a pair the model finds more likely than not to be one claim.
        if !one_to_two && c.p < TWO_TO_TWO_MIN {
            continue;
        }
        for (key, other) in [((c.a, ab), c.b), ((c.b, aa), c.a)] {
            partners
                .entry(key)
                .and_modify(|p| p.n += 1)
                .or_insert(Partners { n: 1, first: other });
        }
        kept.push(i);
    }
    kept.sort_unstable();
    kept
}

/// Why two passages are linked: the evidence behind one link, for the viewer's tooltip and the
/// JSON output.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// The match figure (probability that the two report the same claim), in [0, 1].
    pub score: f32,
    /// Sentence-embedding cosine (absent without a model).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub semantic: Option<f32>,
    /// Lexical link score.
    pub lexical: f32,
    /// Margin over the best other counterpart of either passage.
    pub margin: f32,
    /// The passage similarity of the two passages on their own (the paraphrase probability of
    /// [`super::pairsim`]); absent for links made by hand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paraphrase: Option<f32>,
    /// Names both passages hold, as they read in the first passage.
    #[serde(default)]
    pub shared_names: Vec<String>,
    /// Figures both passages hold.
    #[serde(default)]
    pub shared_numbers: Vec<String>,
    /// Figures of one passage the other does not hold while it holds others (a changed figure
    /// between outlets: the same claim, reported differently).
    #[serde(default)]
    pub differing_numbers: Vec<String>,
    /// The link was made by hand (a correction, see `parallax_engine::corrections`), not by
    /// the aligner: the scores above are not the aligner's.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub manual: bool,
}

impl Evidence {
    /// The lines on names and figures of [`Evidence::summary`]; `differ_note` follows the
    /// differing figures.
    fn push_anchor_lines(&self, out: &mut Vec<String>, differ_note: &str) {
        if !self.shared_names.is_empty() {
            out.push(format!("Both name: {}.", self.shared_names.join(", ")));
        }
        if !self.shared_numbers.is_empty() {
            out.push(format!("Same figures: {}.", self.shared_numbers.join(", ")));
        }
        if !self.differing_numbers.is_empty() {
            out.push(format!(
                "Figures differ: {}{differ_note}.",
                self.differing_numbers.join(", ")
            ));
        }
    }

    /// Why the pair is linked, in lines a reader can check (the viewer's row tooltip):
    /// the match figure, the meaning and wording scores, and the names and figures that agree
    /// or differ.
    pub fn summary(&self) -> Vec<String> {
        let pct = |x: f32| (x.clamp(0.0, 1.0) * 100.0).round();
        if self.manual {
            let mut out =
                vec!["Linked by hand (a correction; Unlink or Ctrl+Z undoes it).".to_string()];
            self.push_anchor_lines(&mut out, "");
            return out;
        }
        let mut out = vec![format!(
            "Same claim: {:.0}% likely (the aligner's match figure).",
            pct(self.score)
        )];
        let mut scores = Vec::new();
        if let Some(s) = self.semantic {
            scores.push(format!("meaning {:.0}% alike", pct(s)));
        }
        scores.push(format!("wording {:.0}% shared", pct(self.lexical)));
        if let Some(p) = self.paraphrase {
            scores.push(format!("paraphrase {:.0}% likely on their own", pct(p)));
        }
        if self.margin > 0.0 {
            scores.push("closer than any other passage of either article".to_string());
        }
        out.push(format!("{}.", capitalise(&scores.join(" · "))));
        self.push_anchor_lines(&mut out, " (the same claim, reported with other numbers)");
        if self.semantic.is_none() {
            out.push("Semantic matching is off: shared words only.".to_string());
        }
        out
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Names and figures of a passage (lowercased key, surface form).
#[derive(Debug, Clone, Default)]
pub struct Anchors {
    pub names: Vec<(String, String)>,
    pub numbers: Vec<(String, String)>,
    /// Figures written as words ("Twelve"): compared with the other passage's figures by
    /// [`compare_anchors`], but not evidence for the claim features (a "six months" is too
    /// common to count as a shared or foreign figure).
    pub spelled: Vec<(String, String)>,
    /// The passage's words in order ([`word_seq`]), for [`common_run`].
    pub words: WordSeq,
    /// Stems of the words that describe a named person or body rather than report anything:
    /// a job before the name ("health minister Gareth Pryce", "the trust's chief executive,
    /// Nadia Fenwick") or an appositive after it ("Alan Kerridge, a professor of computer
    /// security at the University of Dunmere,"). Read by [`Features::content_cosine`].
    pub described: Vec<String>,
    /// Name tokens in text order, for the evidence a reader sees: (stem, surface, the text
    /// between it and the name token just before it when the two read as one name: "White
    /// House", "Sen. Sestak", "Jean-Claude").
    pub name_seq: Vec<(String, String, Option<String>)>,
}

impl Anchors {
    pub fn of(tokens: &[crate::text::Token], text: &str) -> Self {
        let mut a = Anchors {
            words: word_seq(tokens),
            ..Anchors::default()
        };
        let mut prev_name: Option<usize> = None;
        for (i, t) in tokens.iter().enumerate() {
            let surface = text.get(t.start..t.end).unwrap_or(&t.lower).to_string();
            if t.kind == crate::text::TokenKind::Name && !t.stop {
                // Next to the previous name token, or one "of" away ("Chief of Staff").
                let joined = prev_name
                    .filter(|&p| {
                        p + 1 == i
                            || p + 2 == i && tokens.get(p + 1).is_some_and(|m| m.lower == "of")
                    })
                    .and_then(|p| tokens.get(p))
                    .and_then(|p| text.get(p.end..t.start))
                    .filter(|g| one_name_gap(g))
                    .map(str::to_string);
                a.name_seq.push((t.stem.clone(), surface.clone(), joined));
                prev_name = Some(i);
            }
            let list = match t.kind {
                crate::text::TokenKind::Name if !t.stop => &mut a.names,
                crate::text::TokenKind::Number
                    if t.lower.starts_with(|c: char| c.is_ascii_digit()) =>
                {
                    &mut a.numbers
                }
                crate::text::TokenKind::Number if is_figure(t) => &mut a.spelled,
                _ => continue,
            };
            if !list.iter().any(|(k, _)| *k == t.stem) {
                list.push((t.stem.clone(), surface));
            }
        }
        a.described = described_words(tokens, text);
        a
    }
}

/// Most words of a job or appositive that [`described_words`] takes as describing a name.
const MAX_DESCRIPTION_WORDS: usize = 10;

/// The stems of [`Anchors::described`]: lower-case content words of an appositive set off by
/// commas right after a name or right before one, and of up to three lower-case words written
/// straight before a name (its job).
fn described_words(tokens: &[crate::text::Token], text: &str) -> Vec<String> {
    use crate::text::TokenKind;
    let gap = |i: usize| -> &str {
        match (tokens.get(i), tokens.get(i + 1)) {
            (Some(a), Some(b)) => text.get(a.end..b.start).unwrap_or(""),
            _ => "",
        }
    };
    let is_name = |i: usize| {
        tokens
            .get(i)
            .is_some_and(|t| t.kind == TokenKind::Name && !t.stop && !t.quoted)
    };
    let content = |i: usize| {
        tokens
            .get(i)
            .is_some_and(|t| !t.stop && t.kind == TokenKind::Word && !t.quoted)
    };
    let mut out: Vec<String> = Vec::new();
    let take = |i: usize, out: &mut Vec<String>| {
        if let Some(t) = tokens.get(i)
            && !out.contains(&t.stem)
        {
            out.push(t.stem.clone());
        }
    };
    for i in 0..tokens.len() {
        if !is_name(i) {
            continue;
        }
        // "health minister Gareth Pryce", "Kremlin spokesman Dmitry Peskov", "the trust boss
        // Nadia Fenwick": lower-case words straight before the name, after the start of the
        // sentence, a determiner, a possessive or another name ("to meet Trump" is no job).
        if i == 0 || !is_name(i - 1) {
            // A verb or participle ("asked former President …", "led by") is no job word.
            let job_word = |j: usize| {
                content(j)
                    && tokens.get(j).is_some_and(|t| {
                        !(t.lower.ends_with("ed") || t.lower.ends_with("ing"))
                            || matches!(t.lower.as_str(), "head" | "king")
                    })
            };
            let mut k = i;
            while k > 0 && i - k < 3 && gap(k - 1).trim().is_empty() && job_word(k - 1) {
                k -= 1;
            }
            let opens_job = k < i
                && !(k..i).any(|j| {
                    tokens.get(j).is_some_and(|t| {
                        matches!(
                            t.lower.as_str(),
                            "said" | "says" | "say" | "told" | "tells" | "added" | "adds"
                        )
                    })
                })
                && (k == 0
                    || matches!(gap(k - 1).trim(), "," | "—" | "–" | "(" | ";")
                    || is_name(k - 1)
                    || tokens.get(k - 1).is_some_and(|t| {
                        matches!(t.lower.as_str(), "the" | "a" | "an") || t.lower.ends_with("'s")
                    }));
            if opens_job {
                for j in k..i {
                    take(j, &mut out);
                }
            }
            // ", the trust's chief executive, Nadia Fenwick": an appositive before the name.
            if i > 0 && gap(i - 1).contains(',') {
                let mut k = i - 1;
                let mut words = 0;
                while words < MAX_DESCRIPTION_WORDS && !is_name(k) {
                    if content(k) {
                        take(k, &mut out);
                    }
                    words += 1;
                    // The appositive opens with its determiner ("the trust's chief
                    // executive"), or after a comma.
                    let det = tokens
                        .get(k)
                        .is_some_and(|t| matches!(t.lower.as_str(), "the" | "a" | "an"));
                    if det || k == 0 || gap(k - 1).contains([',', '.', ';', ':', '"', '“', '”'])
                    {
                        break;
                    }
                    k -= 1;
                }
            }
        }
        // "Alan Kerridge, a professor of computer security at the University of Dunmere,":
        // an appositive after the name, up to the next comma.
        let last_of_name = !is_name(i + 1) || !gap(i).trim().is_empty();
        if last_of_name && gap(i).contains(',') && !gap(i).contains(['"', '“', '”']) {
            let opens = tokens.get(i + 1).is_some_and(|t| {
                matches!(t.lower.as_str(), "a" | "an" | "the" | "who")
                    || t.kind == TokenKind::Word && !t.stop
            });
            if opens {
                let mut k = i + 1;
                let mut words = 0;
                while words < MAX_DESCRIPTION_WORDS && k < tokens.len() {
                    if content(k) {
                        take(k, &mut out);
                    }
                    words += 1;
                    if gap(k).contains([',', '.', ';', ':']) {
                        break;
                    }
                    k += 1;
                }
            }
        }
    }
    out
}

/// Whether two figures (stem, surface) read as one figure reported differently: both counts of
/// ten or more, unequal, within a factor of two ("1,100" ~ "1,000" ~ "1,500"; "3.2 million" ~
/// "4 million" in their leading figure), or a clock time and the hour or half hour it rounds
/// to ("9:50 p.m." ~ "just before 10pm"). Years ("2021" ~ "2023") and other clock times name
/// other occurrences, and small counts are too common to say anything.
pub fn changed_figure(x: &(String, String), y: &(String, String)) -> bool {
    // Clock times are stemmed "HH:MM" (24-hour).
    let minutes = |(stem, _): &(String, String)| -> Option<i32> {
        let (h, m) = stem.split_once(':')?;
        let (h, m) = (h.parse::<i32>().ok()?, m.parse::<i32>().ok()?);
        ((0..24).contains(&h) && (0..60).contains(&m)).then_some(h * 60 + m)
    };
    if let (Some(u), Some(v)) = (minutes(x), minutes(y)) {
        let rounded = |t: i32| t % 30 == 0;
        return u != v && (rounded(u) || rounded(v)) && (u - v).abs() <= 15;
    }
    let year = |(stem, surface): &(String, String)| {
        surface.len() == 4
            && surface.chars().all(|c| c.is_ascii_digit())
            && stem
                .parse::<u32>()
                .is_ok_and(|v| (1800..=2100).contains(&v))
    };
    let value = |(stem, _): &(String, String)| -> Option<f64> {
        stem.parse::<f64>()
            .ok()
            .filter(|v| v.is_finite() && *v > 0.0)
    };
    if x.0 == y.0 || year(x) || year(y) {
        return false;
    }
    match (value(x), value(y)) {
        (Some(u), Some(v)) => {
            let (lo, hi) = (u.min(v), u.max(v));
            (lo >= 10.0 || x.1.contains('.') || y.1.contains('.')) && hi <= 2.0 * lo
        }
        _ => false,
    }
}

/// A figure: digits ("14", "3.5") or a number word above one ("twelve", stem "12"); "one" is
/// left out (a pronoun as often as a count).
pub fn is_figure(t: &crate::text::Token) -> bool {
    t.kind == crate::text::TokenKind::Number
        && t.stem.starts_with(|c: char| c.is_ascii_digit())
        && (t.lower.starts_with(|c: char| c.is_ascii_digit()) || t.stem != "1")
}

/// The text between two name tokens of one name: a space, or an abbreviation's stop and a
/// space ("Sen. Sestak"), a hyphen ("Jean-Claude"), or "of" ("Chief of Staff").
fn one_name_gap(g: &str) -> bool {
    matches!(
        g,
        " " | " of " | "\u{a0}" | ". " | "-" | "\u{2010}" | "\u{2011}"
    )
}

/// The names of `x` that `y` also holds, as they read in `x`: consecutive shared name tokens
/// of one name are one entry ("White House", not "White, House"), and a name already listed
/// inside a longer one is not repeated ("Sestak" after "Joe Sestak").
fn shared_name_phrases(x: &Anchors, y: &Anchors) -> Vec<String> {
    let shared = |k: &str| y.names.iter().any(|(kk, _)| kk == k);
    let mut runs: Vec<(String, Vec<String>)> = Vec::new();
    let mut open = false;
    for (stem, surface, joined) in &x.name_seq {
        if !shared(stem) {
            open = false;
            continue;
        }
        // "NTSB's Tom Ruiz" is two names: a possessive ends the one it is on.
        let owner = surface
            .strip_suffix("'s")
            .or_else(|| surface.strip_suffix("’s"));
        let surface = owner.unwrap_or(surface);
        match (open, joined, runs.last_mut()) {
            (true, Some(gap), Some((text, stems))) => {
                text.push_str(gap);
                text.push_str(surface);
                stems.push(stem.clone());
            }
            _ => runs.push((surface.to_string(), vec![stem.clone()])),
        }
        open = owner.is_none();
    }
    // Longest first, so a shorter name inside a listed one is seen as covered.
    let mut order: Vec<usize> = (0..runs.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(runs.get(i).map_or(0, |r| r.1.len())));
    let mut keep = vec![false; runs.len()];
    for &i in &order {
        let Some((_, stems)) = runs.get(i) else {
            continue;
        };
        let covered = order.iter().any(|&j| {
            keep.get(j).copied().unwrap_or(false)
                && runs.get(j).is_some_and(|(_, longer)| {
                    longer.windows(stems.len()).any(|w| w == stems.as_slice())
                })
        });
        if let Some(k) = keep.get_mut(i) {
            *k = !covered;
        }
    }
    let mut out: Vec<String> = Vec::new();
    for ((text, _), k) in runs.into_iter().zip(keep) {
        if k && !out.contains(&text) {
            out.push(text);
        }
    }
    out
}

/// (shared names, shared numbers, differing numbers) of two passages.
pub fn compare_anchors(x: &Anchors, y: &Anchors) -> (Vec<String>, Vec<String>, Vec<String>) {
    let has = |l: &[(String, String)], k: &str| l.iter().any(|(kk, _)| kk == k);
    let names = shared_name_phrases(x, y);
    // Figures in digits and in words ("Twelve" ~ "12") compare alike.
    let figures = |a: &Anchors| -> Vec<(String, String)> {
        let mut v = a.numbers.clone();
        for (k, s) in &a.spelled {
            if !has(&v, k) {
                v.push((k.clone(), s.clone()));
            }
        }
        v
    };
    let (fx, fy) = (figures(x), figures(y));
    let numbers: Vec<String> = fx
        .iter()
        .filter(|(k, _)| has(&fy, k))
        .map(|(_, s)| s.clone())
        .collect();
    let mut differing = Vec::new();
    if !fx.is_empty() && !fy.is_empty() {
        for (k, s) in fx.iter().chain(&fy) {
            if !(differing.contains(s) || has(&fx, k) && has(&fy, k)) {
                differing.push(s.clone());
            }
        }
    }
    (names, numbers, differing)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The figures of a passage as the tokenizer reads them.
    fn figures(text: &str) -> Vec<(String, String)> {
        let tokens = crate::text::tokenize(text);
        Anchors::of(&tokens, text).numbers
    }

    #[test]
    fn words_describing_a_name_are_who_not_what_was_said() {
        let described = |text: &str| {
            let tokens = crate::text::tokenize(text);
            Anchors::of(&tokens, text).described
        };
        let stem = |w: &str| crate::text::stem_word(w);
        let d = described(
            "\"Hospitals are easy targets,\" said Alan Kerridge, a professor of computer security at the University of Dunmere.",
        );
        for w in ["professor", "computer", "security"] {
            assert!(d.contains(&stem(w)), "{w}: {d:?}");
        }
        assert!(
            !d.contains(&stem("hospitals")) && !d.contains(&stem("said")),
            "{d:?}"
        );
        let d = described("Health minister Gareth Pryce condemned the attack.");
        assert!(d.contains(&stem("minister")), "{d:?}");
        assert!(!d.contains(&stem("attack")), "{d:?}");
        let d = described(
            "He met the trust's chief executive, Nadia Fenwick, on Monday to discuss the ransom.",
        );
        assert!(d.contains(&stem("executive")), "{d:?}");
        assert!(
            !d.contains(&stem("ransom")) && !d.contains(&stem("met")),
            "{d:?}"
        );
        // A verb before a name is what someone did, not who they are.
        assert!(described("Putin wants to meet Trump soon.").is_empty());
        let d = described("The White House asked former President Bill Clinton to call.");
        assert!(!d.contains(&stem("asked")), "{d:?}");
    }

    #[test]
    fn a_rounded_or_revised_figure_is_one_figure_changed_not_another_fact() {
        let changed = |x: &str, y: &str| {
            let (fx, fy) = (figures(x), figures(y));
            fx.iter().any(|a| fy.iter().any(|b| changed_figure(a, b)))
        };
        assert!(changed(
            "About 1,100 operations were cancelled.",
            "More than 1,000 operations were postponed."
        ));
        assert!(changed("Nearly 1,500 ops axed.", "About 1,100 operations."));
        assert!(changed(
            "A demand worth £3.2 million.",
            "It wants $4 million."
        ));
        // Years and clock times name other occurrences; the same figure is no change; small
        // counts and far-apart figures are other facts.
        assert!(!changed("The attack in 2021.", "The attack in 2023."));
        assert!(!changed("It began at 6:15 a.m.", "It began at 6:40 a.m."));
        // A time rounded to the hour or half hour is the same time reported loosely; two
        // exact times minutes apart are two moments.
        assert!(changed(
            "Power was back just before 10pm.",
            "Supply was restored at 9:50 p.m."
        ));
        assert!(changed(
            "Shortly after 3 p.m. demand peaked.",
            "At 3:12 p.m. demand peaked."
        ));
        assert!(!changed(
            "The line tripped at 3:38 p.m.",
            "Outages began at 3:42 p.m."
        ));
        assert!(!changed("It opened at 9 a.m.", "It opened at 9:40 a.m."));
        assert!(!changed("About 400 files.", "About 400 files."));
        assert!(!changed("Three hospitals.", "5 hospitals."));
        assert!(!changed("It hit 400 computers.", "It hit 1,100 patients."));
    }

    #[test]
    fn shipped_model_parses_and_names_its_features() {
        let m: Model = serde_json::from_str(MODEL_JSON).expect("assets/align_model.json");
        let f = Features {
            semantic: Some(0.5),
            semantic_margin: Some(0.1),
            ..Default::default()
        };
        for l in std::iter::once(&m.lexical).chain(&m.semantic) {
            assert_eq!(l.coef.len(), l.features.len());
            for name in &l.features {
                assert!(f.get(name).is_some(), "unknown feature {name}");
            }
        }
        // The lexical model never needs an embedding.
        let lexical_only = Features::default();
        assert!(m.lexical.probability(&lexical_only).is_some());
    }

    #[test]
    fn evidence_summary_names_what_agrees_and_what_differs() {
        let e = Evidence {
            score: 0.83,
            semantic: Some(0.9),
            lexical: 0.4,
            margin: 0.1,
            paraphrase: Some(0.64),
            shared_names: vec!["Peskov".into()],
            shared_numbers: vec![],
            differing_numbers: vec!["6.1".into(), "5.9".into()],
            manual: false,
        };
        let s = e.summary().join("\n");
        assert!(s.contains("83% likely"), "{s}");
        assert!(s.contains("Meaning 90% alike"), "{s}");
        assert!(s.contains("paraphrase 64% likely"), "{s}");
        assert!(s.contains("Both name: Peskov."), "{s}");
        assert!(s.contains("Figures differ: 6.1, 5.9"), "{s}");
        assert!(!s.contains("Semantic matching is off"), "{s}");
        let lexical = Evidence {
            semantic: None,
            ..e
        };
        assert!(
            lexical
                .summary()
                .join(" ")
                .contains("Semantic matching is off")
        );
    }

    #[test]
    fn common_run_finds_the_longest_shared_phrase() {
        let toks = |s: &str| word_seq(&crate::text::tokenize(s));
        let a = toks("Putin wants to meet, and we are setting it up, he said.");
        let b = toks("He told reporters Putin \"wants to meet\" soon.");
        let (n, content) = common_run(&a, &b);
        assert_eq!(n, 4, "putin wants to meet");
        assert!(content >= 2, "{content}");
        assert_eq!(common_run(&a, &toks("Nothing in common here.")).0, 0);
        assert_eq!(common_run(&a, &[]), (0, 0));
    }

    #[test]
    fn selection_allows_two_to_two_only_for_a_likely_pair() {
        // Passages 0,1,2 in article 0; 3,4,5 in article 1.
        let art = [0, 0, 0, 1, 1, 1];
        let c = |a, b, p| Scored { a, b, p };
        let cands = [
            c(0, 3, 0.9),
            c(0, 4, 0.8),
            c(1, 3, 0.7),
            c(1, 4, 0.65),
            c(0, 5, 0.6),
            c(2, 3, 0.55),
            c(2, 5, 0.5),
        ];
        let kept = select(&cands, &art, 0.4);
        // 0-3, 0-4 (one-to-two); 1-3 and 1-4 make headline and lede on both sides (two-to-two,
        // p >= TWO_TO_TWO_MIN); 0-5 would be a third counterpart of 0 in article 1, 2-3 a third
        // of 3 in article 0; 2-5 is free.
        assert_eq!(kept, vec![0, 1, 2, 3, 6]);
        // The same pattern below TWO_TO_TWO_MIN: only the one-to-two part is kept.
        let weak = [c(0, 3, 0.45), c(0, 4, 0.44), c(1, 3, 0.43), c(1, 4, 0.42)];
        assert_eq!(select(&weak, &art, 0.3), vec![0, 1]);
        // Best first: at a higher threshold the weaker candidates are not considered at all.
        assert_eq!(select(&cands, &art, 0.75), vec![0, 1]);
        assert!(select(&cands, &art, 0.95).is_empty());
    }

    #[test]
    fn a_third_counterpart_needs_a_sure_pair_and_a_free_partner() {
        // Passages 0,1,2 in article 0; 3,4,5 in article 1. Passage 0 (a headline) sums up what
        // article 1 says over 3, 4 and 5.
        let art = [0, 0, 0, 1, 1, 1];
        let c = |a, b, p| Scored { a, b, p };
        let sure = [c(0, 3, 0.95), c(0, 4, 0.9), c(0, 5, THIRD_PARTNER_MIN)];
        assert_eq!(select(&sure, &art, 0.35), vec![0, 1, 2]);
        let unsure = [
            c(0, 3, 0.95),
            c(0, 4, 0.9),
            c(0, 5, THIRD_PARTNER_MIN - 0.05),
        ];
        assert_eq!(select(&unsure, &art, 0.35), vec![0, 1]);
        // Never a third for a pair whose other side is full too.
        let full = [
            c(0, 3, 0.99),
            c(0, 4, 0.98),
            c(1, 5, 0.97),
            c(2, 5, 0.96),
            c(0, 5, 0.95),
        ];
        // 0 has two in article 1 and 5 has two in article 0: 0-5 would make both a third.
        assert_eq!(select(&full, &art, 0.35), vec![0, 1, 2, 3]);
    }

    #[test]
    fn shared_names_read_as_whole_names() {
        let t1 = "White House Chief of Staff Rahm Emanuel asked Joe Sestak to drop out, Sen. Specter said. Sestak refused.";
        let t2 = "On Monday, Sestak said the White House, through Rahm Emanuel, offered him a post; Specter and the chief of staff of the party denied it.";
        let a1 = Anchors::of(&crate::text::tokenize(t1), t1);
        let a2 = Anchors::of(&crate::text::tokenize(t2), t2);
        let (names, _, _) = compare_anchors(&a1, &a2);
        // "Chief" and "Staff" are lowercase in t2: not shared names; "Joe" is not in t2.
        assert_eq!(names, ["White House", "Rahm Emanuel", "Sestak", "Specter"]);
        let t3 = "The White House Chief of Staff spoke.";
        let t4 = "A White House Chief of Staff resigned.";
        let (names, _, _) = compare_anchors(
            &Anchors::of(&crate::text::tokenize(t3), t3),
            &Anchors::of(&crate::text::tokenize(t4), t4),
        );
        assert_eq!(names, ["White House Chief of Staff"]);
        let t5 = "NTSB's Tom Ruiz said a report would follow.";
        let t6 = "NTSB board member Tom Ruiz told reporters.";
        let (names, _, _) = compare_anchors(
            &Anchors::of(&crate::text::tokenize(t5), t5),
            &Anchors::of(&crate::text::tokenize(t6), t6),
        );
        assert_eq!(names, ["NTSB", "Tom Ruiz"]);
    }

    #[test]
    fn a_changed_figure_is_reported_as_differing() {
        let t1 = "The ministry counted 120 dead on Monday.";
        let t2 = "The ministry counted 140 dead on Monday.";
        let a1 = Anchors::of(&crate::text::tokenize(t1), t1);
        let a2 = Anchors::of(&crate::text::tokenize(t2), t2);
        let (_, shared, differing) = compare_anchors(&a1, &a2);
        assert!(shared.is_empty());
        assert_eq!(differing, vec!["120".to_string(), "140".to_string()]);
    }
}
