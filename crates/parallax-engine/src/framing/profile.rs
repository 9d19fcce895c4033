//! Per-source framing profile: category counts per 1,000 own words, naming choices (own vs
//! quoted), who is quoted and how much, the share of text no other source reports, and verbatim
//! reuse shared with each other article.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::ArticleFraming;
use super::lexicon::{Lexicon, Word, words};
use super::reuse::{MIN_RUN, shared_runs_all};
use crate::align::Alignment;
use crate::corpus::Corpus;

/// Hits of one category in one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoryStat {
    pub id: String,
    pub label: String,
    /// Hits in the outlet's own words.
    pub own: usize,
    /// Hits inside quotations.
    pub quoted: usize,
    /// Own hits per 1,000 own words.
    pub per_1000: f32,
}

/// Uses of one term of a naming family.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TermStat {
    pub term: String,
    pub own: usize,
    pub quoted: usize,
}

/// The choices an article makes within one naming family.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NamingStat {
    pub family: String,
    pub label: String,
    /// Terms used, most used (own words) first.
    pub terms: Vec<TermStat>,
}

/// One quoted person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpeakerStat {
    /// Identity across the set: the surname, or the naming family when outlets spell it
    /// differently ("Zelensky" and "Zelenskiy" share one id).
    pub id: String,
    /// Full name as written in the set ("Dmitry Peskov").
    pub name: String,
    pub quotes: usize,
    /// Words quoted.
    pub words: usize,
}

/// Verbatim overlap with one other article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReuseStat {
    pub other: usize,
    pub other_source: String,
    /// Shared runs of at least 8 words.
    pub runs: usize,
    /// Longest shared run, in words.
    pub longest: usize,
    /// The longest shared run as it reads in this article.
    pub longest_text: String,
    /// Share of this article's words inside shared runs, in [0, 1].
    pub share: f32,
}

/// The framing profile of one source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceProfile {
    pub article: usize,
    pub source: String,
    pub words: usize,
    pub own_words: usize,
    pub quoted_words: usize,
    /// Every lexicon category, in lexicon order.
    pub categories: Vec<CategoryStat>,
    /// Naming families the article uses.
    pub naming: Vec<NamingStat>,
    /// Quoted people, most quoted words first.
    pub speakers: Vec<SpeakerStat>,
    /// Quotations with no speaker found (scare quotes excluded).
    pub unattributed_quotes: usize,
    /// Passages (sentences) no other article reports.
    pub unique_passages: usize,
    /// Share of the article's words in those passages, in [0, 1].
    pub unique_share: f32,
    /// Verbatim reuse with each other article that shares at least one run.
    pub reuse: Vec<ReuseStat>,
}

/// The last word of a name, lowercased ("Peskov" → "peskov").
fn speaker_key(name: &str) -> String {
    name.split_whitespace()
        .last()
        .unwrap_or(name)
        .to_lowercase()
}

/// Speaker identity across the set: the surname, or the spelling family it belongs to.
fn speaker_id(name: &str, lex: &Lexicon) -> String {
    let key = speaker_key(name);
    lex.families
        .iter()
        .find(|f| {
            f.terms
                .iter()
                .any(|t| t.trim_start_matches('=').to_lowercase() == key)
        })
        .map_or(key, |f| format!("naming.{}", f.id))
}

/// A speaker only ever quoted by surname ("Oduya said") is shown with the first name the set
/// writes before that surname elsewhere ("Karen Oduya had barely finished dinner"), the most
/// frequent one if outlets differ. A title ("Gov.", "Mayor") or a role noun is no first name.
/// One pass over the set's words serves every such speaker.
fn complete_surnames(
    full: &mut BTreeMap<String, String>,
    corpus: &Corpus,
    article_words: &[Vec<Word>],
    lex: &Lexicon,
) {
    // Surname (lowercase) → first name → (mentions, first seen).
    let mut seen: BTreeMap<String, BTreeMap<&str, (usize, usize)>> = full
        .values()
        .filter(|n| n.split_whitespace().count() == 1)
        .map(|n| (speaker_key(n), BTreeMap::new()))
        .collect();
    if seen.is_empty() {
        return;
    }
    let mut order = 0;
    for (article, ws) in corpus.articles.iter().zip(article_words) {
        let text = article.body.as_str();
        for pair in ws.windows(2) {
            let [first, last] = pair else { continue };
            if !last.cap || !first.cap {
                continue;
            }
            let surname = last.lower.strip_suffix("'s").unwrap_or(&last.lower);
            let Some(names) = seen.get_mut(surname) else {
                continue;
            };
            let joined = text
                .get(first.range.end..last.range.start)
                .is_some_and(|g| g == " ");
            let Some(raw) = text.get(first.range.clone()) else {
                continue;
            };
            let plain = raw.chars().count() >= 2
                && raw.chars().all(|c| c.is_alphabetic() || c == '-')
                && raw.chars().skip(1).any(char::is_lowercase);
            if !joined
                || !plain
                || crate::text::stopwords::is_stop_word(&first.lower)
                || lex.quotes.not_names.iter().any(|n| n == raw)
                || lex
                    .quotes
                    .role_nouns
                    .iter()
                    .any(|r| r.eq_ignore_ascii_case(raw))
            {
                continue;
            }
            let e = names.entry(raw).or_insert((0, order));
            e.0 += 1;
            order += 1;
        }
    }
    for name in full.values_mut() {
        if name.split_whitespace().count() != 1 {
            continue;
        }
        let best = seen.get(&speaker_key(name)).and_then(|names| {
            names
                .iter()
                .max_by(|a, b| a.1.0.cmp(&b.1.0).then(b.1.1.cmp(&a.1.1)))
                .map(|(first, _)| *first)
        });
        if let Some(first) = best {
            *name = format!("{first} {name}");
        }
    }
}

/// Profiles of every article.
pub fn profiles(
    corpus: &Corpus,
    alignment: &Alignment,
    articles: &[ArticleFraming],
    lex: &Lexicon,
) -> Vec<SourceProfile> {
    // One display name per person across the set, keyed by identity (the surname, or the
    // spelling family of the surname): the fullest name written ("Peskov" → "Dmitry Peskov",
    // "Zelenskiy" → "Volodymyr Zelensky"), ties to the first seen.
    let mut full: BTreeMap<String, String> = BTreeMap::new();
    for q in articles.iter().flat_map(|a| &a.quotes) {
        if let Some(s) = &q.speaker {
            let e = full.entry(speaker_id(s, lex)).or_insert_with(|| s.clone());
            let words = |n: &str| n.split_whitespace().count();
            if (words(s), s.len()) > (words(e), e.len()) {
                e.clone_from(s);
            }
        }
    }
    let article_words: Vec<Vec<Word>> = corpus.articles.iter().map(|a| words(&a.body)).collect();
    complete_surnames(&mut full, corpus, &article_words, lex);
    let word_lists: Vec<Vec<String>> = article_words
        .iter()
        .map(|ws| {
            ws.iter()
                .map(|w| crate::diff::fold_typography(&w.lower))
                .collect()
        })
        .collect();
    let reuse_runs = shared_runs_all(&word_lists, MIN_RUN);
    let unique_all = alignment.unique_by_article();
    articles
        .iter()
        .map(|af| {
            let i = af.article;
            let article = corpus.articles.get(i);
            let per_k = |n: usize| {
                if af.own_words == 0 {
                    0.0
                } else {
                    (n as f32 * 1000.0 / af.own_words as f32 * 10.0).round() / 10.0
                }
            };
            let categories = lex
                .categories
                .iter()
                .map(|c| {
                    let hits = af.marks.iter().filter(|m| m.category == c.id);
                    let (q, o): (Vec<_>, Vec<_>) = hits.partition(|m| m.quoted);
                    CategoryStat {
                        id: c.id.clone(),
                        label: c.label.clone(),
                        own: o.len(),
                        quoted: q.len(),
                        per_1000: per_k(o.len()),
                    }
                })
                .collect();
            let naming = lex
                .families
                .iter()
                .filter_map(|f| {
                    let cat = format!("naming.{}", f.id);
                    let mut terms: BTreeMap<&str, TermStat> = BTreeMap::new();
                    for m in af.marks.iter().filter(|m| m.category == cat) {
                        let t = terms.entry(&m.term).or_insert_with(|| TermStat {
                            term: m.term.clone(),
                            own: 0,
                            quoted: 0,
                        });
                        if m.quoted {
                            t.quoted += 1;
                        } else {
                            t.own += 1;
                        }
                    }
                    let mut terms: Vec<TermStat> = terms.into_values().collect();
                    terms.sort_by(|a, b| {
                        (b.own, b.quoted)
                            .cmp(&(a.own, a.quoted))
                            .then(a.term.cmp(&b.term))
                    });
                    (!terms.is_empty()).then(|| NamingStat {
                        family: f.id.clone(),
                        label: f.label.clone(),
                        terms,
                    })
                })
                .collect();
            let mut speakers: BTreeMap<String, SpeakerStat> = BTreeMap::new();
            let mut unattributed_quotes = 0;
            for q in af.quotes.iter().filter(|q| !q.scare) {
                match &q.speaker {
                    Some(s) => {
                        let id = speaker_id(s, lex);
                        let name = full.get(&id).cloned().unwrap_or_else(|| s.clone());
                        let st = speakers.entry(id.clone()).or_insert(SpeakerStat {
                            id,
                            name,
                            quotes: 0,
                            words: 0,
                        });
                        st.quotes += 1;
                        st.words += q.words;
                    }
                    None => unattributed_quotes += 1,
                }
            }
            let mut speakers: Vec<SpeakerStat> = speakers.into_values().collect();
            speakers.sort_by(|a, b| b.words.cmp(&a.words).then(a.name.cmp(&b.name)));

            let unique: &[usize] = unique_all.get(i).map_or(&[], Vec::as_slice);
            let unique_words: usize = match (article, alignment.passages.get(i)) {
                (Some(a), Some(ps)) => unique
                    .iter()
                    .filter_map(|&p| ps.get(p))
                    .map(|s| words(a.text(s.span)).len())
                    .sum(),
                _ => 0,
            };
            let share = |n: usize| {
                if af.words == 0 {
                    0.0
                } else {
                    (n as f32 / af.words as f32 * 1000.0).round() / 1000.0
                }
            };
            let mut reuse = Vec::new();
            if let Some(partners) = reuse_runs.get(i) {
                let ws = article.map(|a| words(&a.body)).unwrap_or_default();
                for (&j, runs) in partners {
                    let Some(longest) = runs.iter().max_by_key(|r| (r.len(), usize::MAX - r.start))
                    else {
                        continue;
                    };
                    let longest_text =
                        match (article, ws.get(longest.start), ws.get(longest.end - 1)) {
                            (Some(a), Some(s), Some(e)) => a
                                .body
                                .get(s.range.start..e.range.end)
                                .unwrap_or("")
                                .to_string(),
                            _ => String::new(),
                        };
                    reuse.push(ReuseStat {
                        other: j,
                        other_source: corpus
                            .articles
                            .get(j)
                            .map(|a| a.source.clone())
                            .unwrap_or_default(),
                        runs: runs.len(),
                        longest: longest.len(),
                        longest_text,
                        share: share(runs.iter().map(|r| r.len()).sum()),
                    });
                }
            }
            SourceProfile {
                article: i,
                source: article.map(|a| a.source.clone()).unwrap_or_default(),
                words: af.words,
                own_words: af.own_words,
                quoted_words: af.quoted_words,
                categories,
                naming,
                speakers,
                unattributed_quotes,
                unique_passages: unique.len(),
                unique_share: share(unique_words),
                reuse,
            }
        })
        .collect()
}
