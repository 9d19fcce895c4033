//! Spelling variants of names found across the article set (Zelensky / Zelenskiy, Gaddafi /
//! Gadhafi): capitalised words that differ by at most two letters and share their first four or
//! their transliteration key ([`transliteration_key`]), grouped into naming families so the
//! choice shows up in marks, contrasts and profiles like a listed family.

use std::collections::{BTreeMap, BTreeSet};

use super::lexicon::{Family, Lexicon, words};
use crate::corpus::Corpus;

/// Endings that turn a name into another word (Russia/Russian, Ukraine/Ukrainian, Trump/Trumps).
const DERIVED: &[&str] = &[
    "s", "n", "an", "ian", "ean", "ese", "ish", "ns", "ans", "ians", "es", "ic", "ics", "ism",
    "ist", "ists", "ite", "ites", "ed", "er", "ers", "ing", "al", "ally", "ity", "ies", "i", "is",
    // Democrat(s) / Democracy / Democratic: one word family.
    "t", "ts", "tic", "tics", "cy", "cies",
];

/// Levenshtein distance over chars, hand-written: a dozen lines, not worth a dependency.
// Indexing proved: `prev` and `cur` hold `b.len() + 1` cells and `j < b.len()`.
#[allow(clippy::indexing_slicing)]
fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

fn derived(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let stem_of = |s: &str| -> Vec<String> {
        let mut v = vec![s.to_string()];
        for e in ["e", "a", "y"] {
            if let Some(x) = s.strip_suffix(e) {
                v.push(x.to_string());
            }
        }
        v
    };
    // Common prefix, then two endings that are both derivational (Democrat/Democratic/
    // Democrats, Racism/Racist): one word family, not two spellings.
    let common = short
        .chars()
        .zip(long.chars())
        .take_while(|(x, y)| x == y)
        .count();
    let tail = |s: &str| s.chars().skip(common).collect::<String>();
    let (ts, tl) = (tail(short), tail(long));
    let deriv = |t: &str| t.is_empty() || DERIVED.contains(&t);
    if deriv(&ts) && deriv(&tl) {
        return true;
    }
    stem_of(short).iter().any(|st| {
        long.strip_prefix(st.as_str())
            .is_some_and(|rest| DERIVED.contains(&rest))
    }) || DERIVED
        .iter()
        .filter(|e| e.len() >= 2)
        .any(|e| long.ends_with(e) != short.ends_with(e))
}

/// Two spellings of one name: at most two letters apart (one in four), and either sharing their
/// first four letters without being derivations of one another (Zelensky / Zelenskiy,
/// Lukashenko / Lukashenka), or the same name once the usual transliteration alternations are
/// undone ([`transliteration_key`]: Gaddafi / Gadhafi, Tymoshenko / Timoshenko, Navalny /
/// Navalnyi).
pub fn are_variants(a: &str, b: &str) -> bool {
    let (la, lb) = (a.to_lowercase(), b.to_lowercase());
    let (ca, cb): (Vec<char>, Vec<char>) = (la.chars().collect(), lb.chars().collect());
    if la == lb || ca.len() < 5 || cb.len() < 5 {
        return false;
    }
    let d = levenshtein(&ca, &cb);
    if d > 2 || d * 4 > ca.len().min(cb.len()) {
        return false;
    }
    let same_key = ca.len().min(cb.len()) >= TRANSLITERATION_MIN_LETTERS
        && transliteration_key(&la) == transliteration_key(&lb);
    same_key || (ca.get(..4) == cb.get(..4) && !derived(&la, &lb))
}

/// Letters a name needs before [`transliteration_key`] may join it to another: shorter names
/// that differ only by y/i or a doubled letter are as often two surnames (Smyth, Smith).
pub const TRANSLITERATION_MIN_LETTERS: usize = 6;

/// A lowercase name with the alternations of romanised names undone: `y` read as `i`, `ph`
/// as `f`, an `h` after `d`, `g` or `k` dropped (Gadhafi, Kharkiv / Karkiv), `ou` as `u`
/// (Mouammar), and doubled letters single (Gaddafi). Spellings with one key are one name
/// written two ways.
pub fn transliteration_key(lower: &str) -> String {
    let s = lower
        .replace("ph", "f")
        .replace("ou", "u")
        .replace('y', "i");
    let mut out = String::with_capacity(s.len());
    let mut prev: Option<char> = None;
    for c in s.chars() {
        if c == 'h' && matches!(prev, Some('d' | 'g' | 'k')) {
            continue;
        }
        if prev != Some(c) {
            out.push(c);
        }
        prev = Some(c);
    }
    out
}

/// The two spellings are the same letters once accents are taken off.
fn same_but_accents(a: &str, b: &str) -> bool {
    use unicode_normalization::UnicodeNormalization;
    let fold = |s: &str| -> String {
        s.nfd()
            .filter(|&c| !unicode_normalization::char::is_combining_mark(c))
            .flat_map(char::to_lowercase)
            .collect()
    };
    fold(a) == fold(b)
}

/// Naming families of name spellings that vary across the set and are not already one family
/// of the lexicon. Deterministic: families sorted by id, variants by frequency then spelling.
pub fn detect_variants(corpus: &Corpus, lex: &Lexicon) -> Vec<Family> {
    // Capitalised, purely alphabetic words (possessive removed) → number of uses, and the
    // articles that use them.
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut used_in: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    for (ai, a) in corpus.articles.iter().enumerate() {
        let ws = words(&a.body);
        for (k, w) in ws.iter().enumerate() {
            // Only capitals inside a sentence are names: "Racism." opening a sentence is not.
            let initial = k.checked_sub(1).and_then(|p| ws.get(p)).is_none_or(|p| {
                a.body
                    .get(p.range.end..w.range.start)
                    .is_none_or(|g| g.contains(['.', '!', '?', ':', '\n', '"', '\u{201C}', '(']))
            });
            if initial {
                continue;
            }
            let Some(raw) = a.body.get(w.range.clone()) else {
                continue;
            };
            let bare = raw
                .strip_suffix("\u{2019}s")
                .or_else(|| raw.strip_suffix("'s"))
                .unwrap_or(raw);
            if w.cap && bare.chars().all(char::is_alphabetic) && bare.chars().count() >= 5 {
                *counts.entry(bare.to_string()).or_default() += 1;
                used_in.entry(bare.to_string()).or_default().insert(ai);
            }
        }
    }
    let names: Vec<&String> = counts.keys().collect();
    // Union-find over names bucketed by their first four lowercase letters.
    let mut parent: Vec<usize> = (0..names.len()).collect();
    // Indexing proved: `p` starts as `0..n` and only ever holds values `find` returned, so
    // every value is an index of `p`; callers pass indices of `names` (same length).
    #[allow(clippy::indexing_slicing)]
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    // Candidates share their first four letters or their transliteration key (Gaddafi and
    // Gadhafi share only three).
    let mut buckets: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, n) in names.iter().enumerate() {
        let lower = n.to_lowercase();
        let key: String = lower.chars().take(4).collect();
        buckets.entry(format!("4:{key}")).or_default().push(i);
        buckets
            .entry(format!("t:{}", transliteration_key(&lower)))
            .or_default()
            .push(i);
    }
    for ids in buckets.values() {
        for (k, &i) in ids.iter().enumerate() {
            for &j in ids.iter().skip(k + 1) {
                let (Some(a), Some(b)) = (names.get(i), names.get(j)) else {
                    continue;
                };
                // An outlet keeps to one spelling of a name: two spellings one article uses
                // both of are two names (Medicaid and Medicare). And a spelling that differs
                // only by accents is typography, not a choice of name (Calderon, Calderón).
                let one_article = used_in
                    .get(*a)
                    .zip(used_in.get(*b))
                    .is_some_and(|(x, y)| !x.is_disjoint(y));
                if are_variants(a, b) && !one_article && !same_but_accents(a, b) {
                    let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
                    if let Some(p) = parent.get_mut(ri.max(rj)) {
                        *p = ri.min(rj);
                    }
                }
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<&String>> = BTreeMap::new();
    for (i, name) in names.iter().enumerate() {
        let r = find(&mut parent, i);
        groups.entry(r).or_default().push(name);
    }
    let listed: Vec<BTreeSet<String>> = lex
        .families
        .iter()
        .map(|f| {
            f.terms
                .iter()
                .map(|t| t.trim_start_matches('=').to_lowercase())
                .collect()
        })
        .collect();
    let ids: BTreeSet<&str> = lex.families.iter().map(|f| f.id.as_str()).collect();
    let mut out = Vec::new();
    for mut g in groups.into_values().filter(|g| g.len() > 1) {
        g.sort_by(|a, b| counts.get(*b).cmp(&counts.get(*a)).then(a.cmp(b)));
        let covered = listed
            .iter()
            .any(|set| g.iter().all(|n| set.contains(&n.to_lowercase())));
        if covered {
            continue;
        }
        let Some(first) = g.first() else {
            continue;
        };
        let mut id = first.to_lowercase();
        if ids.contains(id.as_str()) {
            id = format!("name-{id}");
        }
        out.push(Family {
            id,
            label: format!("Spelling of {first}"),
            rationale: String::new(),
            terms: g.iter().map(|n| format!("={n}")).collect(),
            detected: true,
        });
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_and_non_variants() {
        assert!(are_variants("Zelensky", "Zelenskiy"));
        assert!(are_variants("Zelenskyy", "Zelenskiy"));
        assert!(!are_variants("Russia", "Russian"));
        assert!(!are_variants("Ukraine", "Ukrainian"));
        assert!(!are_variants("Europe", "European"));
        assert!(!are_variants("Peskov", "Petrov"));
        assert!(!are_variants("Trump", "Trumps"));
        // One word family, not spellings of a name.
        assert!(!are_variants("Democrat", "Democrats"));
        assert!(!are_variants("Democrat", "Democratic"));
        assert!(!are_variants("Democrats", "Democratic"));
        assert!(same_but_accents("Calderon", "Calderón"));
        assert!(!same_but_accents("Zelensky", "Zelenskiy"));
        assert!(!are_variants("Racism", "Racist"));
        assert!(!are_variants("Democrats", "Democracy"));
        assert!(!are_variants("Israel", "Israeli"));
        assert!(!are_variants("Pakistan", "Pakistanis"));
        // Transliterations that differ early in the name or by a final letter.
        assert!(are_variants("Gaddafi", "Gadhafi"));
        assert!(are_variants("Tymoshenko", "Timoshenko"));
        assert!(are_variants("Navalny", "Navalnyi"));
        assert!(are_variants("Lukashenko", "Lukashenka"));
        // Short surnames that differ by y/i are two names.
        assert!(!are_variants("Smyth", "Smith"));
        // A derivation is still no spelling, key or not.
        assert!(!are_variants("Kosovo", "Kosovar"));
        assert!(!are_variants("Clinton", "Clintons"));
    }
}
