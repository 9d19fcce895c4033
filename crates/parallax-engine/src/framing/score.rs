//! The learned word-choice scorer: a logistic model over explainable per-word features that
//! decides which words are marked as evaluative word choice ("precision first": a word is
//! marked only when the model is confident), and which lexicon word-choice hits are kept.
//!
//! Features of a candidate word (a lowercase content word of three letters or more):
//! - its lexicon category group, if any (loaded, label, puffery, manner of speaking, naming,
//!   epistemic cue);
//! - whether it is quoted (a speaker's wording) or the outlet's narration;
//! - its shape (an `-ly` adverb, an adjective ending, `-ing`/`-ed`);
//! - its general rarity (how the embedding vocabulary splits it, and its rank there);
//! - how the set uses it: the share of the other articles that use the word at all, whether its
//!   passage is aligned with one of another outlet, and whether that passage uses the same word
//!   (outlets differing on a slot);
//! - its prior tone: strength and sign of its valence in the general VADER sentiment lexicon
//!   (`assets/sentiment.tsv`, Hutto & Gilbert 2014);
//! - its static embedding from the shipped model (`assets/model/embed.pxm`), the general
//!   meaning of the word (tone, intensity) rather than any list of words.
//!
//! The weights (`assets/framing-scorer.json`) are fitted by `scripts/fit-framing-scorer` with
//! leave-one-triple-out cross-validation on the BASIL dev triples; no BASIL text is in the
//! project, only the weights over these general features. Two weight sets ship: one with the
//! embedding, one without it for when the model is absent (`PARALLAX_MODEL=off`).

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use serde::Deserialize;

use super::lexicon::{Word, group, words};
use crate::align::Alignment;
use crate::corpus::Corpus;
use crate::embed::Embedder;
use crate::text::stopwords::is_stop_word;

/// The weights shipped with Parallax.
pub const DEFAULT_SCORER: &str = include_str!("../../../../assets/framing-scorer.json");

/// Category id of a word marked by the scorer alone (no lexicon entry).
pub const EVALUATIVE: &str = "loaded.evaluative";

/// The category of [`EVALUATIVE`] marks, as shown to users.
pub fn evaluative_category() -> super::lexicon::LexCategory {
    super::lexicon::LexCategory {
        id: EVALUATIVE.to_string(),
        label: "Evaluative word choice".to_string(),
        explanation: "A word that judges or dramatises rather than describes, found by its \
                      general meaning and tone (not from a word list): another outlet may say \
                      the same thing more neutrally."
            .to_string(),
        citation: "Learned scorer (assets/framing-scorer.json) over the static word embedding, \
                   word shape and rarity, and how the other outlets word the same passage; \
                   in the spirit of Recasens et al. 2013 (subjective and bias words)"
            .to_string(),
        rationale: String::new(),
        terms: Vec::new(),
    }
}

/// Names of the non-embedding features, in order (the embedding follows them).
pub const FEATURES: &[&str] = &[
    "quoted",
    "lex_loaded",
    "lex_label",
    "lex_puffery",
    "lex_manner",
    "lex_doubt_marker",
    "lex_naming",
    "lex_epistemic",
    "suffix_ly",
    "suffix_adjective",
    "suffix_ing",
    "suffix_ed",
    "pieces",
    "rarity",
    "set_share",
    "linked",
    "echoed",
    "length",
    "has_model",
    "sentiment_known",
    "sentiment_strength",
    "sentiment_negative",
];

/// The general sentiment lexicon (VADER, single-word entries; `assets/README.md`).
pub const SENTIMENT: &str = include_str!("../../../../assets/sentiment.tsv");

/// Mean valence (-4 .. 4) of a lowercase word in the sentiment lexicon.
pub fn valence(lower: &str) -> Option<f32> {
    static V: OnceLock<HashMap<&'static str, f32>> = OnceLock::new();
    V.get_or_init(|| {
        SENTIMENT
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (w, v) = l.split_once('\t')?;
                Some((w, v.trim().parse().ok()?))
            })
            .collect()
    })
    .get(lower)
    .copied()
}

/// One set of weights over [`FEATURES`] (+ the embedding when `embedding` is non-empty).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Weights {
    pub bias: f64,
    pub features: Vec<f64>,
    #[serde(default)]
    pub embedding: Vec<f64>,
    /// Probability at or above which a word with no lexicon entry is marked.
    pub threshold: f64,
    /// Probability at or above which a lexicon word-choice hit is kept.
    pub lexicon_threshold: f64,
}

/// The fitted scorer.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Scorer {
    #[serde(default)]
    pub origin: String,
    pub with_model: Weights,
    pub without_model: Weights,
}

impl Scorer {
    /// The scorer shipped with Parallax (`None` only if the embedded file were broken, which a
    /// unit test rules out; framing then falls back to the lexicon alone).
    pub fn builtin() -> Option<&'static Scorer> {
        static S: OnceLock<Option<Scorer>> = OnceLock::new();
        S.get_or_init(|| serde_json::from_str(DEFAULT_SCORER).ok())
            .as_ref()
    }

    /// The weights to use with or without an embedding model.
    pub fn weights(&self, model: bool) -> &Weights {
        if model && !self.with_model.embedding.is_empty() {
            &self.with_model
        } else {
            &self.without_model
        }
    }
}

/// A scored candidate word of an article body.
#[derive(Debug, Clone)]
pub struct Scored {
    pub range: std::ops::Range<usize>,
    pub lower: String,
    pub features: Vec<f32>,
    /// The word's embedding (shared between the uses of one word; empty without the model).
    pub embedding: std::sync::Arc<Vec<f32>>,
}

/// A lowercase content word fit to be a word choice.
pub fn candidate(w: &Word) -> bool {
    !w.cap
        && w.lower.chars().count() >= 3
        && w.lower.chars().all(char::is_alphabetic)
        && !is_stop_word(&w.lower)
}

/// Whether a word can carry a judgement by its valence or its form: it has a valence
/// ([`valence`]), or the form of an adjective, adverb or participle ("callous", "phony",
/// "furiously", "sickened", "chilling"). A plain noun with no valence ("sulfur",
/// "glycerine", "loudspeakers", "drowsiness") names a thing or a state: in a technical
/// story it is jargon, rare in the embedding's vocabulary as the flourishes of political
/// writing the scorer was fitted on are rare, and no word choice of the outlet's. On
/// basil-dev this leaves out 5 of 132 unlisted-word marks (2 inside a span: "divisiveness",
/// "bombshell"); on the fixture stories it removes only the names of things.
pub fn judging_form(lower: &str) -> bool {
    valence(lower).is_some()
        || ADJECTIVE_ENDINGS.iter().any(|e| lower.ends_with(e))
        || ["y", "ed", "ing"].iter().any(|e| lower.ends_with(e))
}

const ADJECTIVE_ENDINGS: &[&str] = &[
    "ous", "ful", "ive", "less", "ic", "ical", "able", "ible", "ant", "ent", "ish", "al", "ary",
];

/// What the set knows about one article for the features: per-article word stems, passages.
pub struct SetContext<'a> {
    corpus: &'a Corpus,
    alignment: &'a Alignment,
    /// Articles using each stem.
    df: HashMap<String, usize>,
    articles: usize,
    /// (article, passage) → linked (article, passage)s of other articles.
    links: HashMap<(usize, usize), Vec<(usize, usize)>>,
    /// (article, passage) → stems of the passage.
    passage_stems: HashMap<(usize, usize), BTreeSet<String>>,
    embedder: Option<&'a Embedder>,
    cache: HashMap<String, std::sync::Arc<Vec<f32>>>,
}

impl<'a> SetContext<'a> {
    pub fn new(
        corpus: &'a Corpus,
        alignment: &'a Alignment,
        embedder: Option<&'a Embedder>,
    ) -> Self {
        let mut df: HashMap<String, usize> = HashMap::new();
        for a in &corpus.articles {
            let stems: BTreeSet<String> = words(&a.body).into_iter().map(|w| w.stem).collect();
            for st in stems {
                *df.entry(st).or_default() += 1;
            }
        }
        let mut links: HashMap<(usize, usize), Vec<(usize, usize)>> = HashMap::new();
        for l in alignment
            .links
            .iter()
            .filter(|l| l.a.article != l.b.article)
        {
            let (a, b) = ((l.a.article, l.a.passage), (l.b.article, l.b.passage));
            links.entry(a).or_default().push(b);
            links.entry(b).or_default().push(a);
        }
        let mut passage_stems = HashMap::new();
        for &(a, p) in links.keys() {
            let text = corpus.articles.get(a).and_then(|art| {
                let s = alignment.passages.get(a)?.get(p)?;
                art.body.get(s.span.start..s.span.end)
            });
            if let Some(t) = text {
                passage_stems.insert((a, p), words(t).into_iter().map(|w| w.stem).collect());
            }
        }
        SetContext {
            corpus,
            alignment,
            df,
            articles: corpus.articles.len(),
            links,
            passage_stems,
            embedder,
            cache: HashMap::new(),
        }
    }

    /// Whether the features include an embedding.
    pub fn has_model(&self) -> bool {
        self.embedder.is_some()
    }

    fn embedding(&mut self, lower: &str) -> std::sync::Arc<Vec<f32>> {
        let Some(e) = self.embedder else {
            return std::sync::Arc::new(Vec::new());
        };
        self.cache
            .entry(lower.to_string())
            .or_insert_with(|| std::sync::Arc::new(e.embed(lower)))
            .clone()
    }

    /// Candidate words of article `index` with their features. `quoted(range)` tells whether a
    /// byte range is inside a direct quotation; `lex_category(range)` gives the category of the
    /// lexicon hit covering it. Both are called with ranges in increasing order.
    pub fn article_words(
        &mut self,
        index: usize,
        quoted: &mut dyn FnMut(&std::ops::Range<usize>) -> bool,
        lex_category: &mut dyn FnMut(&std::ops::Range<usize>) -> Option<String>,
    ) -> Vec<Scored> {
        let Some(article) = self.corpus.articles.get(index) else {
            return Vec::new();
        };
        let others = self.articles.saturating_sub(1).max(1) as f32;
        let passages: Vec<std::ops::Range<usize>> = self
            .alignment
            .passages
            .get(index)
            .map(|ps| ps.iter().map(|s| s.span.start..s.span.end).collect())
            .unwrap_or_default();
        let mut out = Vec::new();
        for w in words(&article.body) {
            if !candidate(&w) {
                continue;
            }
            let mut f = vec![0f32; FEATURES.len()];
            let mut set = |name: &str, v: f32| {
                if let Some(k) = FEATURES.iter().position(|n| *n == name)
                    && let Some(x) = f.get_mut(k)
                {
                    *x = v;
                }
            };
            set("quoted", f32::from(u8::from(quoted(&w.range))));
            if let Some(cat) = lex_category(&w.range) {
                let name = match cat.as_str() {
                    "loaded" => "lex_loaded",
                    "loaded.label" => "lex_label",
                    "loaded.puffery" | "booster.puffery" => "lex_puffery",
                    "attribution.manner" => "lex_manner",
                    "doubt_marker" => "lex_doubt_marker",
                    c if group(c) == "naming" => "lex_naming",
                    _ => "lex_epistemic",
                };
                set(name, 1.0);
            }
            let l = w.lower.as_str();
            set("suffix_ly", f32::from(u8::from(l.ends_with("ly"))));
            set(
                "suffix_adjective",
                f32::from(u8::from(ADJECTIVE_ENDINGS.iter().any(|e| l.ends_with(e)))),
            );
            set("suffix_ing", f32::from(u8::from(l.ends_with("ing"))));
            set("suffix_ed", f32::from(u8::from(l.ends_with("ed"))));
            if let Some(e) = self.embedder {
                let ids = e.token_ids(l);
                let n = ids.len().max(1);
                set("pieces", (n.min(4) as f32) / 4.0);
                let rank = if n == 1 {
                    ids.first()
                        .map_or(1.0, |&id| (id.max(2) as f32).ln() / 30522f32.ln())
                } else {
                    1.0
                };
                set("rarity", rank);
                set("has_model", 1.0);
            }
            // This article uses the word, so the other articles using it are one fewer.
            let used = self.df.get(&w.stem).map_or(0, |n| n.saturating_sub(1)) as f32;
            set("set_share", used / others);
            let p = passages.partition_point(|r| r.end <= w.range.start);
            if let Some(linked) = self.links.get(&(index, p)) {
                set("linked", 1.0);
                let echoed = linked.iter().any(|k| {
                    self.passage_stems
                        .get(k)
                        .is_some_and(|s| s.contains(&w.stem))
                });
                set("echoed", f32::from(u8::from(echoed)));
            }
            set("length", (l.chars().count().min(15) as f32) / 10.0);
            if let Some(v) = valence(l) {
                set("sentiment_known", 1.0);
                set("sentiment_strength", v.abs() / 4.0);
                set("sentiment_negative", f32::from(u8::from(v < 0.0)));
            }
            let embedding = self.embedding(l);
            out.push(Scored {
                range: w.range.clone(),
                lower: w.lower.clone(),
                features: f,
                embedding,
            });
        }
        out
    }
}

/// The model's probability that `s` is an evaluative word choice.
pub fn probability(w: &Weights, s: &Scored) -> f64 {
    let mut z = w.bias;
    for (x, k) in s.features.iter().zip(&w.features) {
        z += f64::from(*x) * k;
    }
    for (x, k) in s.embedding.iter().zip(&w.embedding) {
        z += f64::from(*x) * k;
    }
    1.0 / (1.0 + (-z).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentiment_lexicon_reads() {
        assert!(valence("horrible").is_some_and(|v| v < -2.0));
        assert!(valence("wonderful").is_some_and(|v| v > 2.0));
        assert_eq!(valence("table"), None);
    }

    #[test]
    fn builtin_scorer_parses_with_both_weight_sets() {
        let s = Scorer::builtin().expect("assets/framing-scorer.json parses");
        assert_eq!(s.with_model.features.len(), FEATURES.len());
        assert_eq!(s.without_model.features.len(), FEATURES.len());
        assert!(s.without_model.embedding.is_empty());
        assert!(s.with_model.threshold > 0.0 && s.with_model.threshold < 1.0);
    }
}
