//! Passage features: which terms of a passage count as evidence that two passages report the
//! same event, and how much each weighs.
//!
//! A passage becomes a sparse, L2-normalised vector over interned terms:
//! - stemmed content words (stop words dropped), weighted by inverse passage frequency over the
//!   whole set (so "Peskov" counts for more than "Russia" in a set about the Kremlin);
//! - names, numbers and words inside direct quotations are strong evidence (boosted);
//! - a negation and the content word it governs ("no conditions", "not informed") form one extra
//!   term, because a negated claim is as distinctive as a name;
//! - the words of stock reporting formulas ("said in a statement", "told reporters", "according
//!   to", "a spokesperson said") are dropped outright — the banality filter — so that they alone
//!   can never make a link;
//! - vague time words ("nearly three years ago", "last week") weigh a quarter of a word.

use crate::text::{Token, TokenKind};

/// Interned term id.
pub type TermId = u32;

/// Boost of a name (capitalised, not sentence-initial, or an acronym).
pub const NAME_BOOST: f32 = 1.6;
/// Boost of a number or a date figure.
pub const NUMBER_BOOST: f32 = 1.6;
/// Boost of a word inside a direct quotation.
pub const QUOTED_BOOST: f32 = 1.25;
/// Weight of a negation term ("no conditions") relative to its word.
pub const NEGATION_BOOST: f32 = 2.0;

/// Words of stock reporting formulas: never evidence of a shared event (banality filter).
/// Matched on the lowercased surface form so the list does not depend on the stemmer.
const BANAL: &[&str] = &[
    "according",
    "added",
    "adding",
    "adds",
    "agency",
    "announced",
    "asked",
    "claimed",
    "comment",
    "commented",
    "comments",
    "contacted",
    "continued",
    "email",
    "explained",
    "interview",
    "media",
    "mr",
    "mrs",
    "ms",
    "news",
    "noted",
    "press",
    "quoted",
    "report",
    "reported",
    "reporter",
    "reporters",
    "reporting",
    "reports",
    "said",
    "say",
    "saying",
    "says",
    "source",
    "sources",
    "spokesman",
    "spokespeople",
    "spokesperson",
    "spokeswoman",
    "stated",
    "statement",
    "statements",
    "tell",
    "telling",
    "tells",
    "told",
    "via",
    "wrote",
];

/// Vague time and quantity words ("nearly three years ago", "last week", "earlier this
/// month"): every story has them, so they weigh [`WEAK_BOOST`] of an ordinary word.
const WEAK: &[&str] = &[
    "about", "ago", "almost", "around", "day", "days", "earlier", "last", "later", "month",
    "months", "near", "nearly", "recent", "recently", "time", "times", "week", "weeks", "year",
    "years",
];

/// Weight of a vague time word relative to an ordinary word.
pub const WEAK_BOOST: f32 = 0.25;

/// Words that negate the content word that follows them (within two words).
const NEGATIONS: &[&str] = &["no", "not", "never", "without", "nor", "none", "n't"];

/// True for a word of a stock reporting formula.
pub fn is_banal(lower: &str) -> bool {
    // A hash set: checked for every word of every passage.
    static SET: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::LazyLock::new(|| BANAL.iter().copied().collect());
    SET.contains(lower)
}

/// True for a vague time word (see [`WEAK`]).
fn is_weak(lower: &str) -> bool {
    static SET: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::LazyLock::new(|| WEAK.iter().copied().collect());
    SET.contains(lower)
}

pub(crate) fn is_negation(lower: &str) -> bool {
    NEGATIONS.contains(&lower) || lower.ends_with("n't")
}

/// The raw terms of one passage before interning: (key, boost). Keys are stems; negation terms
/// are prefixed with `!`. Each key appears once (highest boost kept), in first-seen order.
pub fn passage_terms(tokens: &[Token]) -> Vec<(String, f32)> {
    let mut out: Vec<(String, f32)> = Vec::with_capacity(tokens.len());
    let push = |key: String, boost: f32, out: &mut Vec<(String, f32)>| {
        if let Some(e) = out.iter_mut().find(|(k, _)| *k == key) {
            e.1 = e.1.max(boost);
        } else {
            out.push((key, boost));
        }
    };
    let mut negated_until: Option<usize> = None;
    for (i, t) in tokens.iter().enumerate() {
        if is_negation(&t.lower) {
            negated_until = Some(i + 3);
            continue;
        }
        let content = !t.stop && !is_banal(&t.lower) && !t.stem.is_empty();
        let number = t.kind == TokenKind::Number;
        if !content && !number {
            continue;
        }
        let mut boost = match t.kind {
            TokenKind::Name => NAME_BOOST,
            // Figures are strong evidence; number words ("three", "one") are ordinary words.
            TokenKind::Number if t.lower.starts_with(|c: char| c.is_ascii_digit()) => NUMBER_BOOST,
            TokenKind::Number => 1.0,
            TokenKind::Word => 1.0,
        };
        if is_weak(&t.lower) {
            boost *= WEAK_BOOST;
        }
        if t.quoted {
            boost *= QUOTED_BOOST;
        }
        if negated_until.is_some_and(|end| i < end) {
            push(format!("!{}", t.stem), boost * NEGATION_BOOST, &mut out);
        }
        push(t.stem.clone(), boost, &mut out);
    }
    out
}

/// Interns term keys to dense ids in first-seen order (deterministic for a given input order).
#[derive(Debug, Default)]
pub struct Vocab {
    /// Fx rather than SipHash: interning every term of every passage is serial and hot; ids
    /// follow first appearance, so the hasher never shows in the output.
    ids: rustc_hash::FxHashMap<String, TermId>,
    /// Passage frequency of each term.
    pub df: Vec<u32>,
}

impl Vocab {
    pub fn intern(&mut self, key: String) -> TermId {
        let next = self.df.len() as TermId;
        let id = *self.ids.entry(key).or_insert(next);
        if id == next {
            self.df.push(0);
        }
        id
    }
    /// The id of an interned key.
    pub fn get(&self, key: &str) -> Option<TermId> {
        self.ids.get(key).copied()
    }
    pub fn len(&self) -> usize {
        self.df.len()
    }
    pub fn is_empty(&self) -> bool {
        self.df.is_empty()
    }
    /// Term keys by id (for labels).
    pub fn keys(&self) -> Vec<&str> {
        let mut v = vec![""; self.df.len()];
        for (k, &id) in &self.ids {
            if let Some(slot) = v.get_mut(id as usize) {
                *slot = k.as_str();
            }
        }
        v
    }
}

/// A sparse, L2-normalised passage vector sorted by term id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Vector {
    pub terms: Vec<TermId>,
    pub weights: Vec<f32>,
}

impl Vector {
    /// Builds the normalised vector from (term, boost) pairs with idf weights.
    pub fn build(mut raw: Vec<(TermId, f32)>, idf: &[f32]) -> Self {
        raw.sort_by_key(|&(t, _)| t);
        raw.dedup_by(|b, a| {
            if a.0 == b.0 {
                a.1 = a.1.max(b.1);
                true
            } else {
                false
            }
        });
        let weights: Vec<f32> = raw
            .iter()
            .map(|&(t, b)| b * idf.get(t as usize).copied().unwrap_or(0.0))
            .collect();
        let norm = weights.iter().map(|w| w * w).sum::<f32>().sqrt();
        let weights = if norm > 0.0 {
            weights.iter().map(|w| w / norm).collect()
        } else {
            weights
        };
        Self {
            terms: raw.into_iter().map(|(t, _)| t).collect(),
            weights,
        }
    }
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
    /// Cosine with another normalised vector (sorted merge).
    pub fn dot(&self, other: &Vector) -> f32 {
        dot_shared(&self.terms, &self.weights, &other.terms, &other.weights).0
    }
}

/// Dot product and number of shared terms of two sparse vectors given as sorted term ids with
/// their weights (one sorted merge).
pub fn dot_shared(ta: &[TermId], wa: &[f32], tb: &[TermId], wb: &[f32]) -> (f32, u32) {
    let (mut i, mut j, mut s, mut n) = (0, 0, 0.0, 0);
    while i < ta.len().min(wa.len()) && j < tb.len().min(wb.len()) {
        match ta[i].cmp(&tb[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += wa[i] * wb[j];
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    (s, n)
}

/// Inverse passage frequency: `ln(1 + n / df)`.
pub fn idf(df: &[u32], n: usize) -> Vec<f32> {
    df.iter()
        .map(|&d| (1.0 + n as f32 / d.max(1) as f32).ln())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn banal_list_is_sorted_for_binary_search() {
        assert!(BANAL.windows(2).all(|w| w[0] < w[1]));
        assert!(WEAK.windows(2).all(|w| w[0] < w[1]));
        assert!(is_banal("told") && is_banal("according") && !is_banal("sanctions"));
    }

    #[test]
    fn negation_makes_an_extra_term() {
        let toks = crate::text::tokenize("Russia attaches no conditions to talks.");
        let terms = passage_terms(&toks);
        assert!(terms.iter().any(|(k, _)| k.starts_with('!')), "{terms:?}");
    }

    #[test]
    fn vague_time_words_weigh_less_than_a_word() {
        let toks = crate::text::tokenize("Nearly three years ago the talks collapsed last week.");
        let terms = passage_terms(&toks);
        let boost = |stem: &str| terms.iter().find(|(k, _)| k == stem).map(|t| t.1);
        let talks = boost(&crate::text::stem_word("talks")).unwrap_or(0.0);
        let years = boost(&crate::text::stem_word("years")).unwrap_or(0.0);
        assert!(talks >= 1.0, "{terms:?}");
        assert!(years > 0.0 && years <= talks * WEAK_BOOST, "{terms:?}");
    }

    #[test]
    fn reporting_formula_alone_has_no_terms() {
        let toks = crate::text::tokenize("He told reporters, according to a statement, she said.");
        let terms = passage_terms(&toks);
        assert!(
            terms
                .iter()
                .all(|(k, _)| !k.contains("told") && !k.contains("said")),
            "{terms:?}"
        );
    }
}
