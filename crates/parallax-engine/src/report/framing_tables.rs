//! The framing section of the report, from the per-source profiles of
//! [`crate::framing::Framing`]: category rates, naming families × sources, speakers × sources
//! and verbatim reuse between sources, re-shaped into source-column tables.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::framing::Framing;

/// Framing tables (per-source profile, naming families, speakers, verbatim reuse).
#[derive(Debug, Clone, Default, Serialize)]
pub struct FramingTables {
    /// Category ids of the profile columns, in legend order.
    pub categories: Vec<String>,
    pub profiles: Vec<ProfileRow>,
    pub naming: Vec<NamingRow>,
    pub speakers: Vec<SpeakerRow>,
    pub reuse: Vec<ReuseRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProfileRow {
    pub source: usize,
    pub own_words: usize,
    pub quoted_words: usize,
    /// Hits per 1,000 own words, one per `FramingTables::categories`.
    pub rates: Vec<f32>,
    pub one_source_share: f32,
}

#[derive(Debug, Clone, Serialize)]
pub struct NamingRow {
    pub family: String,
    /// Per source: (term, own uses, quoted uses), most used first.
    pub choices: Vec<Vec<TermCount>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TermCount {
    pub term: String,
    pub own: usize,
    pub quoted: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct SpeakerRow {
    pub speaker: String,
    /// Quoted words per source.
    pub words: Vec<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReuseRow {
    pub a: usize,
    pub b: usize,
    /// Longest verbatim run shared, in words.
    pub longest_words: usize,
    /// Share of each side's words inside shared runs.
    pub share_a: f32,
    pub share_b: f32,
    /// The longest shared run as it reads.
    pub example: String,
}

/// The framing tables of a set of `n` sources.
pub fn tables(framing: &Framing, n: usize) -> FramingTables {
    let profiles = &framing.profiles;
    let categories: Vec<String> = framing.categories.iter().map(|c| c.id.clone()).collect();
    let profile_rows = profiles
        .iter()
        .map(|p| ProfileRow {
            source: p.article,
            own_words: p.own_words,
            quoted_words: p.quoted_words,
            rates: categories
                .iter()
                .map(|id| {
                    p.categories
                        .iter()
                        .find(|c| &c.id == id)
                        .map_or(0.0, |c| c.per_1000)
                })
                .collect(),
            one_source_share: p.unique_share,
        })
        .collect();

    // Naming: families in the lexicon's order (then detected ones), only those someone uses.
    let mut naming = Vec::new();
    for fam in &framing.families {
        let mut choices: Vec<Vec<TermCount>> = vec![Vec::new(); n];
        let mut label = fam.label.clone();
        for p in profiles {
            if let Some(ns) = p.naming.iter().find(|s| s.family == fam.id) {
                if !ns.label.is_empty() {
                    label.clone_from(&ns.label);
                }
                if let Some(slot) = choices.get_mut(p.article) {
                    *slot = ns
                        .terms
                        .iter()
                        .filter(|t| t.own + t.quoted > 0)
                        .map(|t| TermCount {
                            term: t.term.clone(),
                            own: t.own,
                            quoted: t.quoted,
                        })
                        .collect();
                }
            }
        }
        // A family tells something only when at least one source uses one of its words.
        if choices.iter().any(|c| !c.is_empty()) {
            naming.push(NamingRow {
                family: if label.is_empty() {
                    fam.id.clone()
                } else {
                    label
                },
                choices,
            });
        }
    }

    // Speakers: one row per name, most quoted words overall first.
    let mut speakers: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for p in profiles {
        for s in &p.speakers {
            let row = speakers.entry(&s.name).or_insert_with(|| vec![0; n]);
            if let Some(w) = row.get_mut(p.article) {
                *w += s.words;
            }
        }
    }
    let mut speakers: Vec<SpeakerRow> = speakers
        .into_iter()
        .map(|(name, words)| SpeakerRow {
            speaker: name.to_string(),
            words,
        })
        .collect();
    speakers.sort_by_key(|s| std::cmp::Reverse(s.words.iter().sum::<usize>()));

    // Reuse: one row per unordered pair, with each side's share.
    let mut seen: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut reuse = Vec::new();
    for p in profiles {
        for u in &p.reuse {
            let (a, b) = (p.article.min(u.other), p.article.max(u.other));
            if a == b || !seen.insert((a, b)) {
                continue;
            }
            let share_of = |x: usize, y: usize| {
                profiles
                    .iter()
                    .find(|q| q.article == x)
                    .and_then(|q| q.reuse.iter().find(|r| r.other == y))
                    .map_or(0.0, |r| r.share)
            };
            reuse.push(ReuseRow {
                a,
                b,
                longest_words: u.longest,
                share_a: share_of(a, b),
                share_b: share_of(b, a),
                example: u.longest_text.clone(),
            });
        }
    }
    reuse.sort_by(|x, y| {
        y.longest_words
            .cmp(&x.longest_words)
            .then((x.a, x.b).cmp(&(y.a, y.b)))
    });

    FramingTables {
        categories,
        profiles: profile_rows,
        naming,
        speakers,
        reuse,
    }
}
