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
//! - the passage cosine itself, the article-aware lexical link score and the length ratio.
//!
//! After scoring, [`select`] keeps pairs at or above the threshold and lets each passage hold at
//! most [`MAX_PARTNERS`] counterparts per other article (an outlet may split one sentence in
//! two), best first.

use serde::{Deserialize, Serialize};

/// Per passage: at most this many counterparts in each other article.
pub const MAX_PARTNERS: usize = 2;

/// The features of one candidate pair, in the order of the model's coefficients.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
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
    /// Shorter / longer passage, in content terms.
    pub length_ratio: f32,
    /// 1 when both passages name someone or somewhere and share no name (another speaker,
    /// another place).
    pub name_conflict: f32,
    /// Sentence-embedding cosine (`None`: no model loaded).
    pub semantic: Option<f32>,
    /// Semantic cosine minus the best other semantic cosine of either passage in the other article.
    pub semantic_margin: Option<f32>,
}

impl Features {
    /// The feature vector the model reads (lexical model: the first eight).
    pub fn values(&self) -> Vec<f32> {
        let mut v = vec![
            self.lexical,
            self.cosine,
            self.margin,
            self.mutual,
            self.anchors,
            self.foreign_names,
            self.length_ratio,
            self.name_conflict,
        ];
        if let (Some(s), Some(m)) = (self.semantic, self.semantic_margin) {
            v.push(s);
            v.push(m);
        }
        v
    }
}

/// Names of the features, as in `assets/align_model.json`.
pub const FEATURE_NAMES: [&str; 10] = [
    "lexical",
    "cosine",
    "margin",
    "mutual",
    "anchors",
    "foreign_names",
    "length_ratio",
    "name_conflict",
    "semantic",
    "semantic_margin",
];

/// One logistic regression: `p = sigmoid(intercept + Σ coef·x)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Logistic {
    pub features: Vec<String>,
    pub coef: Vec<f32>,
    pub intercept: f32,
}

impl Logistic {
    pub fn probability(&self, x: &[f32]) -> f32 {
        let z: f32 = self.intercept + self.coef.iter().zip(x).map(|(c, v)| c * v).sum::<f32>();
        1.0 / (1.0 + (-z).exp())
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
    /// Match probability of a candidate.
    pub fn probability(&self, f: &Features) -> f32 {
        // Evidence that must agree: a passage none of whose names and figures the other article
        // ever mentions reports something that article does not (another place, another
        // speaker), however close the meaning of the words around them.
        if f.foreign_names >= 1.0 {
            return 0.0;
        }
        match (&self.semantic, f.semantic) {
            (Some(m), Some(_)) => m.probability(&f.values()),
            _ => self.lexical.probability(&f.values()[..8]),
        }
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
/// [`MAX_PARTNERS`] counterparts in the other passage's article. Returns the kept indices.
pub fn select(cands: &[Scored], article_of: &[u32], threshold: f32) -> Vec<usize> {
    let mut order: Vec<usize> = (0..cands.len())
        .filter(|&i| cands[i].p >= threshold)
        .collect();
    order.sort_by(|&x, &y| {
        cands[y]
            .p
            .total_cmp(&cands[x].p)
            .then(cands[x].a.cmp(&cands[y].a))
            .then(cands[x].b.cmp(&cands[y].b))
    });
    // Partners of each passage in each other article.
    let mut partners: rustc_hash::FxHashMap<(u32, u32), Vec<u32>> = Default::default();
    let mut kept = Vec::new();
    for i in order {
        let c = cands[i];
        let (aa, ab) = (article_of[c.a as usize], article_of[c.b as usize]);
        let pa = partners.get(&(c.a, ab)).map_or(0, Vec::len);
        let pb = partners.get(&(c.b, aa)).map_or(0, Vec::len);
        // One-to-one, or one-to-two (a split sentence): the passage taking a second partner
        // keeps its first partner's only link, and the new partner is free. Never two-to-two.
        let ok = match (pa, pb) {
            (0, 0) => true,
            (1, 0) => partners
                .get(&(c.a, ab))
                .and_then(|v| v.first())
                .is_some_and(|&q| partners.get(&(q, aa)).map_or(0, Vec::len) == 1),
            (0, 1) => partners
                .get(&(c.b, aa))
                .and_then(|v| v.first())
                .is_some_and(|&q| partners.get(&(q, ab)).map_or(0, Vec::len) == 1),
            _ => false,
        };
        if !ok || pa.max(pb) >= MAX_PARTNERS {
            continue;
        }
        partners.entry((c.a, ab)).or_default().push(c.b);
        partners.entry((c.b, aa)).or_default().push(c.a);
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
}

/// Names and figures of a passage (lowercased key, surface form).
#[derive(Debug, Clone, Default)]
pub struct Anchors {
    pub names: Vec<(String, String)>,
    pub numbers: Vec<(String, String)>,
}

impl Anchors {
    pub fn of(tokens: &[crate::text::Token], text: &str) -> Self {
        let mut a = Anchors::default();
        for t in tokens {
            let surface = text.get(t.start..t.end).unwrap_or(&t.lower).to_string();
            let list = match t.kind {
                crate::text::TokenKind::Name if !t.stop => &mut a.names,
                crate::text::TokenKind::Number
                    if t.lower.starts_with(|c: char| c.is_ascii_digit()) =>
                {
                    &mut a.numbers
                }
                _ => continue,
            };
            if !list.iter().any(|(k, _)| *k == t.stem) {
                list.push((t.stem.clone(), surface));
            }
        }
        a
    }
}

/// (shared names, shared numbers, differing numbers) of two passages.
pub fn compare_anchors(x: &Anchors, y: &Anchors) -> (Vec<String>, Vec<String>, Vec<String>) {
    let has = |l: &[(String, String)], k: &str| l.iter().any(|(kk, _)| kk == k);
    let names = x
        .names
        .iter()
        .filter(|(k, _)| has(&y.names, k))
        .map(|(_, s)| s.clone())
        .collect();
    let numbers: Vec<String> = x
        .numbers
        .iter()
        .filter(|(k, _)| has(&y.numbers, k))
        .map(|(_, s)| s.clone())
        .collect();
    let mut differing = Vec::new();
    if !x.numbers.is_empty() && !y.numbers.is_empty() {
        for (k, s) in x.numbers.iter().chain(&y.numbers) {
            if !(differing.contains(s) || has(&x.numbers, k) && has(&y.numbers, k)) {
                differing.push(s.clone());
            }
        }
    }
    (names, numbers, differing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_model_parses_and_names_its_features() {
        let m: Model = serde_json::from_str(MODEL_JSON).expect("assets/align_model.json");
        assert_eq!(m.lexical.coef.len(), m.lexical.features.len());
        for (name, want) in m.lexical.features.iter().zip(FEATURE_NAMES) {
            assert_eq!(name, want);
        }
        if let Some(s) = &m.semantic {
            assert_eq!(s.coef.len(), 10);
        }
    }

    #[test]
    fn selection_allows_one_to_two_but_not_two_to_two() {
        // Passages 0,1 in article 0; 2,3 in article 1.
        let art = [0, 0, 1, 1];
        let c = |a, b, p| Scored { a, b, p };
        let cands = [c(0, 2, 0.9), c(0, 3, 0.8), c(1, 2, 0.7), c(1, 3, 0.6)];
        let kept = select(&cands, &art, 0.5);
        // 0-2 and 0-3 (a split sentence); 1-2 would make 2 a second partner of a passage whose
        // partner already has two; 1-3 likewise.
        assert_eq!(kept, vec![0, 1]);
        assert!(select(&cands, &art, 0.95).is_empty());
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
