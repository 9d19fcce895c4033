//! Contrast in an aligned pair: where the two passages fill the same slot differently ("said" vs
//! "claimed", "war" vs "conflict"), both marks become contrasts pointing at each other.
//!
//! A slot is a replacement group of the word diff. Attribution verbs contrast when their
//! categories differ; naming choices when the family is the same and the term differs; other
//! categories when the term differs. Naming choices also contrast across the whole pair when
//! the two outlets (in their own words) use different members of one family and never the
//! other's.

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

/// Resolves contrasts between the marks of two aligned passages.
pub fn apply(lm: &mut [Mark], rm: &mut [Mark], diff: &WordDiff, left: &str, right: &str) {
    for rep in &diff.replacements {
        let li: Vec<usize> = (0..lm.len())
            .filter(|&i| overlaps(&lm[i].range, &rep.left))
            .collect();
        let ri: Vec<usize> = (0..rm.len())
            .filter(|&i| overlaps(&rm[i].range, &rep.right))
            .collect();
        for &i in &li {
            if lm[i].strength == Strength::Contrast {
                continue;
            }
            let k = key(&lm[i].category);
            let found = ri.iter().copied().find(|&j| {
                rm[j].strength != Strength::Contrast
                    && key(&rm[j].category) == k
                    && differs(&lm[i], &rm[j])
            });
            if let Some(j) = found {
                pair(&mut lm[i], &mut rm[j], left, right);
            }
        }
    }
    // Naming choices across the pair, own words only.
    for i in 0..lm.len() {
        let l = &lm[i];
        if l.strength == Strength::Contrast || l.quoted || !l.category.starts_with("naming.") {
            continue;
        }
        let (cat, lterm) = (l.category.clone(), l.term.clone());
        let right_uses = |t: &str| rm.iter().any(|m| m.category == cat && m.term == t);
        if right_uses(&lterm) {
            continue;
        }
        let found = (0..rm.len()).find(|&j| {
            let r = &rm[j];
            r.category == cat
                && !r.quoted
                && r.strength != Strength::Contrast
                && r.term != lterm
                && !lm.iter().any(|m| m.category == cat && m.term == r.term)
        });
        if let Some(j) = found {
            pair(&mut lm[i], &mut rm[j], left, right);
        }
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
    fn same_choice_is_no_contrast() {
        let a = "Putin said the war goes on.";
        let b = "Putin said on Friday the war goes on.";
        let d = word_diff(a, b, &DiffOptions::default());
        let (l, r) = pair_marks(a, b, &d, &Lexicon::builtin());
        assert!(l.iter().chain(&r).all(|m| m.strength == Strength::Plain));
    }
}
