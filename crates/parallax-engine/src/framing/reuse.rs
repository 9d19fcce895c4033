//! Verbatim reuse: word runs of at least [`MIN_RUN`] words that two articles share exactly
//! (wire copy, press releases), found with word n-gram shingles.

use std::collections::BTreeMap;
use std::ops::Range;

use rustc_hash::FxHashMap;

/// Shortest shared run that counts as reuse, in words.
pub const MIN_RUN: usize = 8;

/// A window shared by more articles than this is boilerplate (a footer, a standard
/// disclaimer), not reuse between two outlets; it is skipped so that one stock phrase in every
/// file of a large archive cannot make the search quadratic.
pub const MAX_WINDOW_ARTICLES: usize = 500;

/// Verbatim reuse across a whole set at once: for every article, each other article it shares
/// runs with and those runs (word index ranges of the first article), by article index.
///
/// One shingle index over the whole set instead of a window set for every pair of articles
/// (the pairwise definition, kept in the tests as the oracle this is checked against): that
/// builds a window set per pair, O(n²) in the number of articles (minutes at
/// 1,000 articles); the index touches only the windows two articles really share.
pub fn shared_runs_all(
    word_lists: &[Vec<String>],
    min: usize,
) -> Vec<BTreeMap<usize, Vec<Range<usize>>>> {
    let n = word_lists.len();
    let mut out: Vec<BTreeMap<usize, Vec<Range<usize>>>> = vec![BTreeMap::new(); n];
    if min == 0 {
        return out;
    }
    let window_hash = |ws: &[String]| -> u64 {
        let mut h = rustc_hash::FxHasher::default();
        std::hash::Hash::hash(ws, &mut h);
        std::hash::Hasher::finish(&h)
    };
    // Window hash → (article, first position in that article), one entry per article.
    let mut index: FxHashMap<u64, Vec<(u32, u32)>> = FxHashMap::default();
    let hashes: Vec<Vec<u64>> = word_lists
        .iter()
        .map(|ws| ws.windows(min).map(window_hash).collect())
        .collect();
    for (a, hs) in hashes.iter().enumerate() {
        for (p, &h) in hs.iter().enumerate() {
            let e = index.entry(h).or_default();
            if e.last().is_none_or(|&(last, _)| last as usize != a) {
                e.push((a as u32, p as u32));
            }
        }
    }
    for ((i, hs), mine) in hashes.iter().enumerate().zip(word_lists) {
        let mut covered: BTreeMap<usize, Vec<bool>> = BTreeMap::new();
        for (p, h) in hs.iter().enumerate() {
            let Some(post) = index.get(h) else { continue };
            if post.len() > MAX_WINDOW_ARTICLES {
                continue;
            }
            for &(j, q) in post {
                let (j, q) = (j as usize, q as usize);
                // Verify the words: a hash collision must never invent reuse.
                if j == i
                    || word_lists.get(j).and_then(|w| w.get(q..q + min)) != mine.get(p..p + min)
                {
                    continue;
                }
                let c = covered.entry(j).or_insert_with(|| vec![false; mine.len()]);
                for x in c.iter_mut().skip(p).take(min) {
                    *x = true;
                }
            }
        }
        for (j, c) in covered {
            let runs = runs_of(&c);
            if !runs.is_empty()
                && let Some(o) = out.get_mut(i)
            {
                o.insert(j, runs);
            }
        }
    }
    out
}

/// Maximal runs of `true` in `covered`.
fn runs_of(covered: &[bool]) -> Vec<Range<usize>> {
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
    use std::collections::HashSet;

    /// The pairwise definition (the oracle): maximal runs of `a` (word index ranges) made of
    /// `min`-word windows that also occur in `b`. Words are compared as given (callers pass lowercased, typography-folded words).
    fn shared_runs(a: &[String], b: &[String], min: usize) -> Vec<Range<usize>> {
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
        runs_of(&covered)
    }

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

    #[test]
    fn the_set_index_finds_what_the_pairwise_search_finds() {
        let lists = vec![
            w("x y the kremlin said there are currently no plans for a meeting z"),
            w("q the kremlin said there are currently no plans for a meeting with trump"),
            w("nothing in common here at all with the other two articles of the set ok"),
            w("the kremlin said there are currently no plans for a meeting"),
        ];
        let all = shared_runs_all(&lists, MIN_RUN);
        for (i, a) in lists.iter().enumerate() {
            for (j, b) in lists.iter().enumerate() {
                if i == j {
                    continue;
                }
                let pairwise = shared_runs(a, b, MIN_RUN);
                assert_eq!(
                    all[i].get(&j).cloned().unwrap_or_default(),
                    pairwise,
                    "{i} vs {j}"
                );
            }
        }
        assert!(all[2].is_empty());
    }
}
