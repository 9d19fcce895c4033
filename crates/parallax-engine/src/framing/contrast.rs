//! Contrast in an aligned pair: where the two passages fill the same slot differently ("said" vs
//! "claimed", "war" vs "conflict"), both marks become contrasts pointing at each other.
//!
//! A slot is a replacement group of the word diff of at most [`MAX_SLOT_WORDS`] words a side. Attribution verbs contrast when their
//! categories differ; naming choices when the family is the same and the term differs; other
//! categories when the term differs. Naming choices also contrast across the whole pair when
//! the two outlets (in their own words) use different members of one family and never the
//! other's; and when each passage has exactly one attribution verb of its own and the two
//! differ in kind, they contrast even if the sentences are ordered differently
//! ("Peskov said …" / "…, Peskov claimed").

use super::lexicon::group;
use super::{Mark, Strength};
use crate::diff::WordDiff;
use std::ops::Range;

/// The slot key: marks with the same key can contrast.
fn key(category: &str) -> String {
    if category.starts_with("naming.") {
        return category.to_string();
    }
    match group(category) {
        "hedge" | "booster" => "certainty".to_string(),
        g => g.to_string(),
    }
}

fn differs(a: &Mark, b: &Mark) -> bool {
    if group(&a.category) == "attribution" {
        a.category != b.category
    } else {
        a.category != b.category || a.term != b.term
    }
}

fn overlaps(m: &Range<usize>, r: &Range<usize>) -> bool {
    m.start < r.end && r.start < m.end
}

fn pair(l: &mut Mark, r: &mut Mark, left: &str, right: &str) {
    l.contrast = Some(right.get(r.range.clone()).unwrap_or(&r.term).to_string());
    r.contrast = Some(left.get(l.range.clone()).unwrap_or(&l.term).to_string());
    l.strength = Strength::Contrast;
    r.strength = Strength::Contrast;
}

/// Longest replacement (in words, each side) still read as one slot.
pub const MAX_SLOT_WORDS: usize = 8;
/// Below this word similarity two passages share too little for whole-pair contrasts.
pub const MIN_PAIR_SIMILARITY: f32 = 0.15;

fn word_count(text: &str, r: &Range<usize>) -> usize {
    text.get(r.clone()).map_or(0, |s| {
        s.split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count()
    })
}

/// Resolves contrasts between the marks of two aligned passages.
pub fn apply(lm: &mut [Mark], rm: &mut [Mark], diff: &WordDiff, left: &str, right: &str) {
    for rep in &diff.replacements {
        if word_count(left, &rep.left) > MAX_SLOT_WORDS
            || word_count(right, &rep.right) > MAX_SLOT_WORDS
        {
            continue;
        }
        let li = positions(lm, |m| overlaps(&m.range, &rep.left));
        let ri = positions(rm, |m| overlaps(&m.range, &rep.right));
        for &i in &li {
            let Some(l) = lm.get(i) else { continue };
            if l.contrast.is_some() {
                continue;
            }
            let k = key(&l.category);
            let found = ri.iter().copied().find(|&j| {
                rm.get(j)
                    .is_some_and(|r| r.contrast.is_none() && key(&r.category) == k && differs(l, r))
            });
            if let Some(j) = found {
                pair_at(lm, rm, i, j, left, right);
            }
        }
    }
    if diff.similarity < MIN_PAIR_SIMILARITY {
        return;
    }
    // One attribution verb on each side, in different categories: the same slot reordered.
    let sole = |ms: &[Mark]| -> Option<usize> {
        let own = positions(ms, |m| group(&m.category) == "attribution" && !m.quoted);
        match own.as_slice() {
            [i] if ms.get(*i).is_some_and(|m| m.contrast.is_none()) => Some(*i),
            _ => None,
        }
    };
    if let (Some(i), Some(j)) = (sole(lm), sole(rm))
        && lm.get(i).map(|m| &m.category) != rm.get(j).map(|m| &m.category)
    {
        pair_at(lm, rm, i, j, left, right);
    }
    // Naming choices across the pair, own words only.
    for i in 0..lm.len() {
        let Some(l) = lm.get(i) else { continue };
        if l.contrast.is_some() || l.quoted || !l.category.starts_with("naming.") {
            continue;
        }
        let (cat, lterm) = (l.category.clone(), l.term.clone());
        let right_uses = |t: &str| rm.iter().any(|m| m.category == cat && m.term == t);
        if right_uses(&lterm) {
            continue;
        }
        let found = rm.iter().position(|r| {
            r.category == cat
                && !r.quoted
                && r.contrast.is_none()
                && r.term != lterm
                && !lm.iter().any(|m| m.category == cat && m.term == r.term)
        });
        if let Some(j) = found {
            pair_at(lm, rm, i, j, left, right);
        }
    }
}

/// Indices of the marks that satisfy `keep`.
fn positions(ms: &[Mark], keep: impl Fn(&Mark) -> bool) -> Vec<usize> {
    ms.iter()
        .enumerate()
        .filter(|(_, m)| keep(m))
        .map(|(i, _)| i)
        .collect()
}

/// [`pair`] on `lm[i]` and `rm[j]` (nothing if either index is out of range).
fn pair_at(lm: &mut [Mark], rm: &mut [Mark], i: usize, j: usize, left: &str, right: &str) {
    if let (Some(l), Some(r)) = (lm.get_mut(i), rm.get_mut(j)) {
        pair(l, r, left, right);
    }
}

#[cfg(test)]
mod tests {
    use crate::diff::{DiffOptions, word_diff};
    use crate::framing::{Lexicon, Strength, pair_marks};

    #[test]
    fn said_vs_claimed_contrast_each_other() {
        let a = "Trump said he could end the war in a day.";
        let b = "Trump claimed he could end the conflict in a day.";
        let d = word_diff(a, b, &DiffOptions::default());
        let (l, r) = pair_marks(a, b, &d, &Lexicon::builtin());
        let get = |ms: &[crate::framing::Mark], s: &str, w: &str| {
            ms.iter()
                .find(|m| &s[m.range.clone()] == w)
                .map(|m| (m.strength, m.contrast.clone()))
        };
        assert_eq!(
            get(&l, a, "said"),
            Some((Strength::Contrast, Some("claimed".into())))
        );
        assert_eq!(
            get(&r, b, "claimed"),
            Some((Strength::Contrast, Some("said".into())))
        );
        assert_eq!(
            get(&l, a, "war"),
            Some((Strength::Contrast, Some("conflict".into())))
        );
        assert_eq!(
            get(&r, b, "conflict"),
            Some((Strength::Contrast, Some("war".into())))
        );
    }

    #[test]
    fn reordered_attribution_still_contrasts() {
        let a = "Peskov said the report was false.";
        let b = "The report was false, Peskov claimed on Monday.";
        let d = word_diff(a, b, &DiffOptions::default());
        let (l, r) = pair_marks(a, b, &d, &Lexicon::builtin());
        assert_eq!(l[0].contrast.as_deref(), Some("claimed"));
        let claimed = r.iter().find(|m| &b[m.range.clone()] == "claimed");
        assert_eq!(
            claimed.and_then(|m| m.contrast.as_deref()),
            Some("said"),
            "{r:?}"
        );
    }

    #[test]
    fn same_choice_is_no_contrast() {
        let a = "Putin said the war goes on.";
        let b = "Putin said on Friday the war goes on.";
        let d = word_diff(a, b, &DiffOptions::default());
        let (l, r) = pair_marks(a, b, &d, &Lexicon::builtin());
        assert!(l.iter().chain(&r).all(|m| m.strength == Strength::Plain));
    }
}
