//! Verbatim reuse: word runs of at least [`MIN_RUN`] words that two articles share exactly
//! (wire copy, press releases), found with word n-gram shingles.

use std::collections::HashSet;
use std::ops::Range;

/// Shortest shared run that counts as reuse, in words.
pub const MIN_RUN: usize = 8;

/// Maximal runs of `a` (word index ranges) made of `min`-word windows that also occur in `b`.
/// Words are compared as given (callers pass lowercased, typography-folded words).
pub fn shared_runs(a: &[String], b: &[String], min: usize) -> Vec<Range<usize>> {
    if min == 0 || a.len() < min || b.len() < min {
        return Vec::new();
    }
    // Only membership is asked of the set: its order never reaches the output.
    let windows: HashSet<&[String]> = b.windows(min).collect();
    let mut covered = vec![false; a.len()];
    for (i, w) in a.windows(min).enumerate() {
        if windows.contains(w) {
            for c in &mut covered[i..i + min] {
                *c = true;
            }
        }
    }
    let mut out = Vec::new();
    let mut start = None;
    for (i, &c) in covered.iter().chain(std::iter::once(&false)).enumerate() {
        match (c, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn finds_the_shared_run_only() {
        let a = w("x y the kremlin said there are currently no plans for a meeting z");
        let b = w("q the kremlin said there are currently no plans for a meeting with trump");
        let runs = shared_runs(&a, &b, MIN_RUN);
        assert_eq!(runs, vec![2..13]);
        assert!(shared_runs(&a, &w("the kremlin said there are"), MIN_RUN).is_empty());
    }
}
