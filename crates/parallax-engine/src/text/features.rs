//! Passage features for the aligner: the names, numbers, dates and direct quotations of a
//! passage, each normalised to a key that two outlets reporting the same fact are likely to
//! share even when their wording differs.
//!
//! | field | key examples | from |
//! |---|---|---|
//! | `names` | `dmitry peskov`, `peskov`, `olaf scholz`, `scholz`, `kremlin`, `nato`, `us` | runs of [`TokenKind::Name`] tokens |
//! | `maybe_names` | `trump`, `fighting` | capitalised sentence-initial words (confirm against the corpus) |
//! | `numbers` | `2000` ("2,000"), `6` ("six"), `1000000` ("1 million"), `3.5`, `22` ("22nd") | [`TokenKind::Number`] tokens |
//! | `dates` | `december 22` ("December 22", "22 December", "Dec. 22"), `january`, `monday`, `2021` | months, weekdays, years |
//! | `quotes` | `no preparation is being carried out now` | [`super::quotes::quote_regions`] |
//!
//! Names: consecutive name tokens separated only by spaces form one multi-word name. Titles and
//! their modifiers split it and are dropped ("German Chancellor Olaf Scholz" → `german` and
//! `olaf scholz`, "US President-elect" → `us`, "Russian President Vladimir Putin" → `russian`
//! and `vladimir putin`), and the last word of a multi-word name
//! is also given on its own (`scholz`), so "Scholz" in one outlet meets "Olaf Scholz" in
//! another. A title alone ("President") is not a name. Keys are lowercased, apostrophes
//! normalised, possessives and acronym dots removed ("Russia’s" → `russia`, "U.S." → `us`).
//! Months and weekdays are dates, not names.
//!
//! Sentence-initial capitalised words cannot be told from ordinary words inside one sentence
//! ("Trump told …" vs "Fighting has …"); they are reported as `maybe_names` so the caller can
//! keep those that appear as names elsewhere in the corpus ([`known_names`] +
//! [`Features::promote_names`]).
//!
//! Standalone four-digit numbers between 1800 and 2199 are years and go to `dates`, not
//! `numbers`; day numbers attached to a month are part of the date.
//!
//! Quotes: the words of each quotation, lowercased, joined by single spaces, punctuation
//! dropped. A quotation cut by a sentence boundary gives the part inside the passage.
//!
//! Every feature keeps its byte range in the passage text, for highlighting.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::quotes::quote_regions;
use super::tokens::{Token, TokenKind, tokenize};

/// One feature: a normalised key and where it is in the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Feature {
    pub key: String,
    /// Byte range into the text the features were computed on.
    pub start: usize,
    pub end: usize,
}

/// The features of one passage, each list in text order (keys may repeat).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Features {
    pub names: Vec<Feature>,
    pub maybe_names: Vec<Feature>,
    pub numbers: Vec<Feature>,
    pub dates: Vec<Feature>,
    pub quotes: Vec<Feature>,
}

impl Features {
    /// All keys except `maybe_names`, prefixed by their kind (`name:`, `num:`, `date:`,
    /// `quote:`), sorted and deduplicated: ready to go into a bag of features.
    pub fn keys(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .names
            .iter()
            .map(|f| format!("name:{}", f.key))
            .chain(self.numbers.iter().map(|f| format!("num:{}", f.key)))
            .chain(self.dates.iter().map(|f| format!("date:{}", f.key)))
            .chain(self.quotes.iter().map(|f| format!("quote:{}", f.key)))
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// Moves the `maybe_names` whose key is in `known` into `names` (keeping text order).
    /// `known` is typically [`known_names`] of every passage of the corpus: "Kremlin" opening a
    /// sentence is a name when some other sentence has it as one.
    pub fn promote_names(&mut self, known: &BTreeSet<String>) {
        let (yes, no): (Vec<Feature>, Vec<Feature>) = std::mem::take(&mut self.maybe_names)
            .into_iter()
            .partition(|f| known.contains(&f.key));
        self.maybe_names = no;
        if !yes.is_empty() {
            self.names.extend(yes);
            self.names
                .sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
        }
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
            && self.maybe_names.is_empty()
            && self.numbers.is_empty()
            && self.dates.is_empty()
            && self.quotes.is_empty()
    }
}

/// Every name key of `all` (not the maybe-names): the set to pass to
/// [`Features::promote_names`].
pub fn known_names<'a>(all: impl IntoIterator<Item = &'a Features>) -> BTreeSet<String> {
    all.into_iter()
        .flat_map(|f| f.names.iter().map(|n| n.key.clone()))
        .collect()
}

/// The features of `text` (tokenises it; use [`features_from_tokens`] when the tokens are at
/// hand).
pub fn features(text: &str) -> Features {
    features_from_tokens(text, &tokenize(text))
}

const MONTHS: &[(&str, &str)] = &[
    ("apr", "april"),
    ("april", "april"),
    ("aug", "august"),
    ("august", "august"),
    ("dec", "december"),
    ("december", "december"),
    ("feb", "february"),
    ("february", "february"),
    ("jan", "january"),
    ("january", "january"),
    ("jul", "july"),
    ("july", "july"),
    ("jun", "june"),
    ("june", "june"),
    ("mar", "march"),
    ("march", "march"),
    ("may", "may"),
    ("nov", "november"),
    ("november", "november"),
    ("oct", "october"),
    ("october", "october"),
    ("sep", "september"),
    ("sept", "september"),
    ("september", "september"),
];

const WEEKDAYS: &[&str] = &[
    "friday",
    "monday",
    "saturday",
    "sunday",
    "thursday",
    "tuesday",
    "wednesday",
];

/// Words that title a name rather than being part of it ("President", "Chancellor") and the
/// words that usually qualify a title ("Prime", "Defense", "Deputy").
const TITLES: &[&str] = &[
    "adm",
    "admiral",
    "ambassador",
    "bishop",
    "capt",
    "captain",
    "cardinal",
    "ceo",
    "chairman",
    "chairwoman",
    "chancellor",
    "chief",
    "col",
    "colonel",
    "commander",
    "commissioner",
    "congressman",
    "congresswoman",
    "defence",
    "defense",
    "deputy",
    "dr",
    "envoy",
    "foreign",
    "gen",
    "general",
    "gov",
    "governor",
    "judge",
    "justice",
    "king",
    "lt",
    "maj",
    "mayor",
    "minister",
    "mr",
    "mrs",
    "ms",
    "pope",
    "premier",
    "pres",
    "president",
    "prime",
    "prince",
    "princess",
    "prof",
    "professor",
    "queen",
    "rep",
    "representative",
    "rev",
    "secretary",
    "sen",
    "senator",
    "sgt",
    "sir",
    "speaker",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "vice",
];

fn month_of(lower: &str) -> Option<&'static str> {
    MONTHS
        .binary_search_by(|(k, _)| (*k).cmp(lower))
        .ok()
        .and_then(|i| MONTHS.get(i))
        .map(|(_, m)| *m)
}

/// Name key of a token: lowercase, no possessive, no dots.
fn name_key(t: &Token) -> String {
    let base = t
        .lower
        .strip_suffix("'s")
        .or_else(|| t.lower.strip_suffix('\''))
        .unwrap_or(&t.lower);
    base.chars().filter(|&c| c != '.').collect()
}

fn is_title(t: &Token) -> bool {
    TITLES.binary_search(&name_key(t).as_str()).is_ok()
}

fn is_possessive(t: &Token) -> bool {
    t.lower.ends_with("'s") || t.lower.ends_with('\'')
}

/// Digits of a day number ("22", "22nd" → 22) when it can be a day of a month.
fn day_number(t: &Token) -> Option<u32> {
    if t.kind != TokenKind::Number {
        return None;
    }
    let digits = t.lower.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &t.lower[digits.len()..];
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") || digits.is_empty() || digits.len() > 2 {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn is_year(t: &Token) -> bool {
    t.kind == TokenKind::Number
        && t.lower.len() == 4
        && t.lower.bytes().all(|b| b.is_ascii_digit())
        && t.lower
            .parse::<u32>()
            .is_ok_and(|y| (1800..2200).contains(&y))
}

/// True when a numeric stem is plain digits or an ordinal ("22nd").
fn ordinal_or_plain(stem: &str) -> bool {
    let digits = stem.trim_end_matches(|c: char| c.is_alphabetic());
    matches!(&stem[digits.len()..], "" | "st" | "nd" | "rd" | "th")
}

/// Multiplier of a scale word.
fn scale(lower: &str) -> Option<f64> {
    Some(match lower {
        "hundred" => 1e2,
        "thousand" => 1e3,
        "million" => 1e6,
        "billion" => 1e9,
        "trillion" => 1e12,
        "dozen" => 12.0,
        _ => return None,
    })
}

/// Formats a number key: integers without a fraction, others with their shortest form.
fn number_key(v: f64) -> String {
    // 1.2 × 1e9 is not exactly 1200000000 in binary floating point: snap to the integer.
    let r = v.round();
    if v.abs() < 1e18 && (v - r).abs() <= 1e-9 * v.abs().max(1.0) {
        format!("{}", r as i64)
    } else {
        format!("{v}")
    }
}

/// Features of `text` from its tokens (as returned by [`tokenize`] on the same text).
pub fn features_from_tokens(text: &str, tokens: &[Token]) -> Features {
    let mut f = Features::default();
    let gap = |a: &Token, b: &Token| text.get(a.end..b.start).unwrap_or("");
    let only_space = |s: &str| !s.is_empty() && s.chars().all(|c| c == ' ' || c == '\u{a0}');
    let starts_upper = |t: &Token| {
        text.get(t.start..t.end)
            .and_then(|s| s.chars().next())
            .is_some_and(char::is_uppercase)
    };

    // Dates first: they claim month, weekday, day and year tokens.
    let mut used = vec![false; tokens.len()];
    for (i, t) in tokens.iter().enumerate() {
        if taken(&used, i) {
            continue;
        }
        let next = tokens.get(i + 1);
        let prev = i.checked_sub(1).and_then(|p| tokens.get(p));
        if starts_upper(t)
            && let Some(month) = month_of(&t.lower)
        {
            let abbreviated = month.len() != t.lower.len();
            let dotted = text.get(t.end..).is_some_and(|r| r.starts_with('.'));
            let day_after = next.filter(|n| {
                let g = gap(t, n);
                (g.trim_start_matches('.').chars().all(|c| c == ' ') && !g.is_empty())
                    && day_number(n).is_some()
            });
            let day_before = prev.filter(|p| only_space(gap(p, t)) && day_number(p).is_some());
            // "May" / "March" / "Mar" are only months with a day, a year, or a dot ("Mar.").
            let ambiguous = matches!(month, "may" | "march");
            let year_after = next.filter(|n| only_space(gap(t, n)) && is_year(n));
            if abbreviated && !dotted && day_after.is_none() {
                continue;
            }
            if ambiguous && day_after.is_none() && day_before.is_none() && year_after.is_none() {
                continue;
            }
            let (start, end, key) = if let Some(d) = day_after {
                take(&mut used, i + 1);
                (
                    t.start,
                    d.end,
                    format!("{month} {}", day_number(d).unwrap_or(0)),
                )
            } else if let Some(d) = day_before {
                take(&mut used, i - 1);
                (
                    d.start,
                    t.end,
                    format!("{month} {}", day_number(d).unwrap_or(0)),
                )
            } else {
                (t.start, t.end, month.to_string())
            };
            f.dates.push(Feature { key, start, end });
            take(&mut used, i);
            continue;
        }
        if starts_upper(t) && WEEKDAYS.contains(&t.lower.as_str()) {
            f.dates.push(Feature {
                key: t.lower.clone(),
                start: t.start,
                end: t.end,
            });
            take(&mut used, i);
            continue;
        }
        if is_year(t) {
            // "2,000" is not a year: `lower` keeps the separators.
            f.dates.push(Feature {
                key: t.lower.clone(),
                start: t.start,
                end: t.end,
            });
            take(&mut used, i);
        }
    }

    // Numbers, with a following scale word folded in ("1 million", "$1.2 billion").
    let mut i = 0;
    while i < tokens.len() {
        let Some(t) = tokens.get(i) else { break };
        if taken(&used, i) || t.kind != TokenKind::Number {
            // "one million": "one" is a stop word, not a number token.
            if !taken(&used, i)
                && t.lower == "one"
                && let Some(n) = tokens.get(i + 1)
                && let Some(s) = scale(&n.lower)
                && only_space(gap(t, n))
            {
                f.numbers.push(Feature {
                    key: number_key(s),
                    start: t.start,
                    end: n.end,
                });
                take(&mut used, i + 1);
                i += 2;
                continue;
            }
            i += 1;
            continue;
        }
        // Value of this token.
        let value: Option<f64> = if let Some(s) = scale(&t.lower) {
            Some(s)
        } else {
            let digits = t.stem.trim_end_matches(|c: char| c.is_alphabetic());
            digits.parse::<f64>().ok()
        };
        let next_scale = tokens
            .get(i + 1)
            .filter(|n| !taken(&used, i + 1) && only_space(gap(t, n)))
            .and_then(|n| scale(&n.lower).map(|s| (n, s)));
        match (value, next_scale) {
            (Some(v), Some((n, s))) if scale(&t.lower).is_none() => {
                f.numbers.push(Feature {
                    key: number_key(v * s),
                    start: t.start,
                    end: n.end,
                });
                take(&mut used, i + 1);
                i += 2;
                continue;
            }
            (Some(v), _) if scale(&t.lower).is_none() => f.numbers.push(Feature {
                key: if ordinal_or_plain(&t.stem) {
                    number_key(v)
                } else {
                    t.stem.clone() // "1990s", "5g"
                },
                start: t.start,
                end: t.end,
            }),
            (None, _) => f.numbers.push(Feature {
                key: t.stem.clone(),
                start: t.start,
                end: t.end,
            }),
            // A lone scale word ("millions" is a word; "a million") is not a number feature.
            _ => {}
        }
        i += 1;
    }

    // Names: runs of name tokens joined by spaces.
    let mut i = 0;
    while i < tokens.len() {
        let Some(t) = tokens.get(i) else { break };
        if taken(&used, i) || t.kind != TokenKind::Name {
            if !taken(&used, i) && t.kind == TokenKind::Word && !t.stop && starts_upper(t) {
                f.maybe_names.push(Feature {
                    key: name_key(t),
                    start: t.start,
                    end: t.end,
                });
            }
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while let (Some(p), Some(n)) = (tokens.get(j - 1), tokens.get(j)) {
            if taken(&used, j)
                || n.kind != TokenKind::Name
                || is_possessive(p)
                || !only_space(gap(p, n))
            {
                break;
            }
            j += 1;
        }
        let run = tokens.get(i..j).unwrap_or(&[]);
        // Titles split the run: "German Chancellor Olaf Scholz" → "German" | "Olaf Scholz";
        // "US President" → "US".
        let first_title = run.iter().position(is_title).unwrap_or(run.len());
        let after_title = run.iter().rposition(is_title).map_or(0, |p| p + 1);
        let prefix = run.get(..first_title).unwrap_or(&[]);
        let name = if first_title < run.len() {
            run.get(after_title..).unwrap_or(&[])
        } else {
            &[]
        };
        for part in [prefix, name] {
            if let (Some(first), Some(last)) = (part.first(), part.last()) {
                let key = part.iter().map(name_key).collect::<Vec<_>>().join(" ");
                f.names.push(Feature {
                    key,
                    start: first.start,
                    end: last.end,
                });
                if part.len() >= 2 {
                    f.names.push(Feature {
                        key: name_key(last),
                        start: last.start,
                        end: last.end,
                    });
                }
            }
        }
        i = j;
    }

    // Quotations.
    for q in quote_regions(text) {
        let words: Vec<&str> = tokens
            .iter()
            .filter(|t| q.inner.start <= t.start && t.end <= q.inner.end)
            .map(|t| t.lower.as_str())
            .collect();
        if !words.is_empty() {
            f.quotes.push(Feature {
                key: words.join(" "),
                start: q.inner.start,
                end: q.inner.end,
            });
        }
    }
    f.numbers.sort_by_key(|x| x.start);
    f.dates.sort_by_key(|x| x.start);
    f
}

/// Whether token `i` is already claimed by a feature (`false` past the end).
fn taken(used: &[bool], i: usize) -> bool {
    used.get(i).copied().unwrap_or(false)
}

/// Claims token `i` for a feature (nothing past the end).
fn take(used: &mut [bool], i: usize) {
    if let Some(u) = used.get_mut(i) {
        *u = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_sorted_for_binary_search() {
        assert!(MONTHS.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(TITLES.windows(2).all(|w| w[0] < w[1]));
    }
}
