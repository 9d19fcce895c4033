//! Naming choices discovered from the data: in aligned passage pairs, a word that one outlet
//! writes where the other writes a different word in the same slot (strike ↔ walkout,
//! protesters ↔ rioters) becomes a naming family of this set, so it is counted per source in
//! Framing review and contrasted in the side-by-side view like a listed family.
//!
//! A slot is a one-word replacement in the word diff of two linked passages that otherwise
//! read alike (word similarity at least [`MIN_SIMILARITY`]). Both words must be content words
//! (no stop words, numbers, names, dates) used as nouns in their sentence (a family names a
//! thing: "the storm" / "the cyclone", not "cut the road" / "closed the road"), not
//! inflections of one another, and not already
//! framing words of the lexicon (attribution verbs and listed families have their own
//! contrasts). A pair found in [`MIN_SLOTS`] different slots is kept; a single slot is enough
//! when the two sentences are near-identical ([`STRONG_SIMILARITY`]), the way wire copy is
//! edited. Families are capped at [`MAX_TERMS`] members and [`MAX_FAMILIES`] per set.

use std::collections::{BTreeMap, BTreeSet};

use super::lexicon::{Family, Lexicon, Word, noun_slot, stem, words};
use super::quotes::Quote;
use crate::align::Alignment;
use crate::corpus::Corpus;
use crate::diff::{DiffOptions, word_diff};
use crate::text::stopwords::is_stop_word;

/// Word similarity of a linked pair below which its replacements are not read as slots.
pub const MIN_SIMILARITY: f32 = 0.5;
/// Word similarity at which one slot is enough evidence.
pub const STRONG_SIMILARITY: f32 = 0.75;
/// Words each sentence needs for one slot to be enough: an edited wire sentence, not a
/// three-word quote rendered two ways ("We reject his visit" / "We reject his message").
pub const STRONG_MIN_WORDS: usize = 8;
/// Slots a pair needs otherwise.
pub const MIN_SLOTS: usize = 2;
/// Members of one discovered family at most.
pub const MAX_TERMS: usize = 5;
/// Discovered families per set at most (the most attested first).
pub const MAX_FAMILIES: usize = 40;
/// Words a side of a replacement read word by word, at most.
pub const MAX_SLOT_WORDS: usize = 3;
/// Links looked at, at most (the highest-scoring first): bounds the work on huge sets.
pub const MAX_LINKS: usize = 20_000;

/// Words that change in every retelling without being a naming choice.
const NEUTRAL: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
    "tomorrow",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "day",
    "days",
    "morning",
    "evening",
    "night",
    "afternoon",
    "earlier",
    "later",
    "last",
    "next",
    "first",
    "second",
    "third",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "hundred",
    "thousand",
    "million",
    "millions",
    "billion",
    "billions",
    "percent",
    "per",
    "cent",
    "new",
    "also",
    "still",
    "now",
    "then",
    "just",
    "even",
    "only",
    "already",
    "more",
    "most",
    "less",
    "least",
    "many",
    "much",
    "several",
    "some",
    "said",
    "says",
    "say",
    "told",
    "tell",
    "tells",
    "according",
    "reported",
    "added",
    "wrote",
    "mr",
    "mrs",
    "ms",
    "would",
    "will",
    "could",
    "may",
    "might",
    "must",
    "should",
    "can",
    "shall",
    "us",
    "u",
    // The commonest general verbs and adjectives: a swap between them is rewording, not naming.
    "like",
    "want",
    "wants",
    "wanted",
    "get",
    "got",
    "make",
    "made",
    "take",
    "took",
    "taken",
    "go",
    "went",
    "come",
    "came",
    "give",
    "gave",
    "need",
    "needed",
    "know",
    "knew",
    "think",
    "thought",
    "see",
    "saw",
    "seen",
    "use",
    "used",
    "find",
    "found",
    "put",
    "set",
    "keep",
    "kept",
    "let",
    "begin",
    "began",
    "begun",
    "start",
    "started",
    "help",
    "helped",
    "show",
    "showed",
    "try",
    "tried",
    "call",
    "called",
    "ask",
    "asked",
    "work",
    "seem",
    "seemed",
    "become",
    "became",
    "include",
    "included",
    "including",
    "big",
    "large",
    "small",
    "great",
    "good",
    "bad",
    "high",
    "low",
    "long",
    "short",
    "old",
    "young",
    "early",
    "late",
    "recent",
    "recently",
    "former",
    "current",
    "top",
    "major",
    "key",
    "main",
    "other",
    "another",
    "same",
    "well",
    "back",
    "way",
    "time",
    "times",
    "people",
    "part",
    "place",
    "number",
    "thing",
];

/// A content word fit to be a naming choice: lowercase, alphabetic (hyphens allowed), three
/// letters or more, no stop word or date word.
fn content_word(raw: &str) -> Option<String> {
    if raw.chars().next().is_none_or(|c| !c.is_lowercase()) {
        return None; // names and sentence-initial words: spelling families handle names
    }
    if !raw.chars().all(|c| c.is_alphabetic() || c == '-') || raw.chars().count() < 3 {
        return None;
    }
    let lower = raw.to_lowercase();
    (!is_stop_word(&lower) && !NEUTRAL.contains(&lower.as_str())).then_some(lower)
}

/// Two words of one family of forms ("strike"/"strikes", "protest"/"protesters").
fn same_family(a: &str, b: &str) -> bool {
    let (sa, sb) = (stem(a), stem(b));
    sa == sb || sa.starts_with(&sb) || sb.starts_with(&sa)
}

/// Naming families found in the aligned pairs of this set, sorted by id. `quotes` holds each
/// article's quotations ([`super::quotes::find_quotes`], in corpus order): words inside one are
/// no slot.
pub fn discover(
    corpus: &Corpus,
    alignment: &Alignment,
    quotes: &[Vec<Quote>],
    lex: &Lexicon,
) -> Vec<Family> {
    let text = |a: usize, p: usize| -> Option<&str> {
        let art = corpus.articles.get(a)?;
        let s = alignment.passages.get(a)?.get(p)?;
        art.body.get(s.span.start..s.span.end)
    };
    // Whether byte `at` of passage `p` of article `a` lies inside a quotation (scare quotes
    // too: a word set off in quotation marks is not the outlet's plain choice of name).
    let quoted = |a: usize, p: usize, at: usize| -> bool {
        let (Some(qs), Some(s)) = (
            quotes.get(a),
            alignment.passages.get(a).and_then(|ps| ps.get(p)),
        ) else {
            return false;
        };
        let at = s.span.start + at;
        super::quotes::holding(qs, &(at..at + 1)).is_some()
    };
    let mut links: Vec<&crate::align::Link> = alignment
        .links
        .iter()
        .filter(|l| l.a.article != l.b.article)
        .collect();
    links.sort_by(|x, y| y.score.total_cmp(&x.score));
    links.truncate(MAX_LINKS);
    // (word, word) in order → (slots, strong slots, surface forms seen).
    let mut pairs: BTreeMap<(String, String), (usize, usize)> = BTreeMap::new();
    for l in links {
        let (Some(left), Some(right)) = (
            text(l.a.article, l.a.passage),
            text(l.b.article, l.b.passage),
        ) else {
            continue;
        };
        let diff = word_diff(left, right, &DiffOptions::default());
        if diff.truncated || diff.similarity < MIN_SIMILARITY {
            continue;
        }
        let long_enough = left.split_whitespace().count() >= STRONG_MIN_WORDS
            && right.split_whitespace().count() >= STRONG_MIN_WORDS;
        // Words of each passage, found once a link needs them.
        let (mut words_left, mut words_right) = (None, None);
        for rep in &diff.replacements {
            let (Some(a), Some(b)) = (left.get(rep.left.clone()), right.get(rep.right.clone()))
            else {
                continue;
            };
            // Words inside a quotation are the speaker's, not the outlet's: a quote rendered
            // two ways ("We reject his visit" / "his message") is no naming choice.
            if quoted(l.a.article, l.a.passage, rep.left.start)
                || quoted(l.b.article, l.b.passage, rep.right.start)
            {
                continue;
            }
            // A slot is one word a side; a short replacement of as many words on each side
            // ("began the eviction" / "started the clearance") is read word by word.
            let (wa, wb) = (tokens(a), tokens(b));
            if wa.len() != wb.len() || wa.is_empty() || wa.len() > MAX_SLOT_WORDS {
                continue;
            }
            for ((at_a, a), (at_b, b)) in wa.iter().zip(&wb) {
                let strip = |w: &str| -> String {
                    w.trim_matches(|c: char| !c.is_alphanumeric()).to_string()
                };
                let (ta, tb) = (strip(a), strip(b));
                if ta == tb {
                    continue;
                }
                let (Some(ca), Some(cb)) = (content_word(&ta), content_word(&tb)) else {
                    continue;
                };
                if same_family(&ca, &cb) || lex.find(&ca).len() + lex.find(&cb).len() > 0 {
                    continue;
                }
                // A naming family names a thing: both sides must be nouns in their sentence
                // ("the storm" / "the cyclone"), not verbs ("cut the road" / "closed the
                // road") or participles ("the levee failed" / "collapsed").
                let ws_a = words_left.get_or_insert_with(|| words(left));
                let ws_b = words_right.get_or_insert_with(|| words(right));
                if !noun_at(left, ws_a, rep.left.start + at_a, a.len())
                    || !noun_at(right, ws_b, rep.right.start + at_b, b.len())
                {
                    continue;
                }
                let (a, b) = (ca, cb);
                let key = if a < b { (a, b) } else { (b, a) };
                let e = pairs.entry(key).or_default();
                e.0 += 1;
                if diff.similarity >= STRONG_SIMILARITY && long_enough {
                    e.1 += 1;
                }
            }
        }
    }
    let mut kept: Vec<((String, String), usize)> = pairs
        .into_iter()
        .filter(|(_, (n, strong))| *n >= MIN_SLOTS || *strong >= 1)
        .map(|(k, (n, _))| (k, n))
        .collect();
    kept.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
    // Union the pairs into families, most attested first, without growing past MAX_TERMS.
    let mut family_of: BTreeMap<String, usize> = BTreeMap::new();
    let mut families: Vec<(BTreeSet<String>, usize)> = Vec::new();
    for ((a, b), n) in kept {
        match (family_of.get(&a).copied(), family_of.get(&b).copied()) {
            (Some(x), Some(y)) if x == y => {
                if let Some(f) = families.get_mut(x) {
                    f.1 += n;
                }
            }
            (Some(_), Some(_)) => {} // joining two families would blur both
            (Some(x), None) | (None, Some(x)) => {
                let Some(f) = families.get_mut(x) else {
                    continue;
                };
                if f.0.len() < MAX_TERMS {
                    f.0.insert(a.clone());
                    f.0.insert(b.clone());
                    f.1 += n;
                    family_of.insert(a, x);
                    family_of.insert(b, x);
                }
            }
            (None, None) => {
                if families.len() >= MAX_FAMILIES {
                    continue;
                }
                let x = families.len();
                families.push((BTreeSet::from([a.clone(), b.clone()]), n));
                family_of.insert(a, x);
                family_of.insert(b, x);
            }
        }
    }
    let ids: BTreeSet<String> = lex.families.iter().map(|f| f.id.clone()).collect();
    let mut out: Vec<Family> = families
        .into_iter()
        .map(|(terms, _)| {
            let terms: Vec<String> = terms.into_iter().collect();
            let mut id = format!("found-{}", terms.join("-"));
            if ids.contains(&id) {
                id.push_str("-set");
            }
            Family {
                label: format!(
                    "Word choice found in aligned passages: {}",
                    terms.join(" / ")
                ),
                id,
                rationale: String::new(),
                terms,
                detected: true,
            }
        })
        .collect();
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

/// The whitespace-separated tokens of `s` with their byte offsets.
fn tokens(s: &str) -> Vec<(usize, &str)> {
    // Each token is a subslice of `s`: its offset is the distance between the two starts.
    s.split_whitespace()
        .map(|t| (t.as_ptr() as usize - s.as_ptr() as usize, t))
        .collect()
}

/// Whether the words of `text` within the `len` bytes at `at` (one token of a slot) are a noun
/// there ([`noun_slot`]).
fn noun_at(text: &str, ws: &[Word], at: usize, len: usize) -> bool {
    let i = ws.partition_point(|w| w.range.start < at);
    let n = ws
        .get(i..)
        .unwrap_or_default()
        .iter()
        .take_while(|w| w.range.end <= at + len)
        .count();
    n > 0 && noun_slot(text, ws, i, n)
}

/// Words of `text` (for tests and callers that hold a passage rather than an article).
pub fn content_words(text: &str) -> Vec<String> {
    words(text)
        .into_iter()
        .filter_map(|w| text.get(w.range).and_then(content_word))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_words_skip_names_numbers_and_function_words() {
        assert_eq!(
            content_words("The Union said 2,000 dockers began a walkout on Monday"),
            vec!["dockers", "walkout"]
        );
    }

    #[test]
    fn forms_of_one_word_are_no_choice() {
        assert!(same_family("strike", "strikes"));
        assert!(same_family("protest", "protesters"));
        assert!(!same_family("strike", "walkout"));
        assert!(!same_family("protesters", "rioters"));
    }
}
