//! Events across the set: average-link clustering of the link graph.
//!
//! Connected components of the link graph chain unrelated passages together (A says X and Y,
//! B says Y and Z, C says Z…). Average linkage does not: two groups merge only while the mean
//! score over all their cross-article passage pairs (a missing link counts as 0) stays at or
//! above the event threshold, so a newcomer must be linked to most of the group, not to one
//! member. The clustering is hand-written (no crate does sparse-graph average linkage) with a
//! max-heap holding each cluster's best neighbour (see [`cluster`]), ties broken by cluster ids
//! so the result is deterministic.

use std::collections::BinaryHeap;

/// Deterministic hasher (no random seed: the output must not depend on the process); Fx rather
/// than SipHash because the adjacency maps are the hot path of the clustering.
type Map<K, V> = rustc_hash::FxHashMap<K, V>;

/// A cluster's best neighbour as last computed: `owner`'s entry in the heap. Each live cluster
/// has one current entry (its `ticket`); the entry's average is exact while both clusters keep
/// the versions it records, and an upper bound of the owner's best otherwise (see [`cluster`]).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Entry {
    avg: f64,
    /// The pair, lower id first (the tie-break order).
    lo: u32,
    hi: u32,
    owner: u32,
    ticket: u32,
    v_owner: u32,
    v_other: u32,
}

impl Eq for Entry {}
impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Entry {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.avg
            .total_cmp(&other.avg)
            .then(other.lo.cmp(&self.lo))
            .then(other.hi.cmp(&self.hi))
            .then(other.owner.cmp(&self.owner))
    }
}

struct Cluster {
    members: Vec<u32>,
    /// (article, passages of that article in the cluster), sorted by article.
    articles: Vec<(u32, u32)>,
    /// Sum of link scores to each neighbouring cluster.
    adj: Map<u32, f64>,
    version: u32,
    /// Id of the cluster's current heap entry.
    ticket: u32,
    alive: bool,
}

/// Number of cross-article passage pairs between two clusters.
fn cross_pairs(x: &Cluster, y: &Cluster) -> f64 {
    let total = x.members.len() as f64 * y.members.len() as f64;
    // A cluster of a few articles next to one of many: look the small side's articles up in
    // the large side's rather than walk both lists. (Single-article neighbours are handled
    // before this is called; see `Single`.)
    let (small, large) = if x.articles.len() <= y.articles.len() {
        (&x.articles, &y.articles)
    } else {
        (&y.articles, &x.articles)
    };
    let mut same = 0.0;
    if small.len() * 8 < large.len() {
        for &(art, c) in small {
            if let Ok(i) = large.binary_search_by_key(&art, |&(a, _)| a) {
                same += c as f64 * large[i].1 as f64;
            }
        }
        return total - same;
    }
    let (mut i, mut j) = (0, 0);
    while i < small.len() && j < large.len() {
        match small[i].0.cmp(&large[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                same += small[i].1 as f64 * large[j].1 as f64;
                i += 1;
                j += 1;
            }
        }
    }
    total - same
}

/// Per cluster id, the one article its passages come from (`u32::MAX` when several) and its
/// size: the neighbour side of [`cross_pairs`] in one dense array, since scanning a grown
/// event's neighbours (mostly single passages) is the hot loop of the clustering.
type Single = Vec<(u32, u32)>;

/// The best neighbour of cluster `c` at or above `threshold` (ties: the lowest id), as a new
/// heap entry with a fresh ticket.
fn best_entry(clusters: &mut [Cluster], single: &Single, c: u32, threshold: f64) -> Option<Entry> {
    let cc = &clusters[c as usize];
    let size = cc.members.len() as f64;
    let mut best: Option<(f64, u32)> = None;
    for (&d, &sum) in &cc.adj {
        let pairs = match single.get(d as usize) {
            Some(&(art, n)) if art != u32::MAX => {
                let same = cc
                    .articles
                    .binary_search_by_key(&art, |&(a, _)| a)
                    .map_or(0, |i| cc.articles[i].1);
                // Integers well below 2^53: exact, the same figure as `cross_pairs`.
                (size - same as f64) * n as f64
            }
            _ => cross_pairs(cc, &clusters[d as usize]),
        };
        if pairs <= 0.0 {
            continue;
        }
        let avg = sum / pairs;
        if avg >= threshold && best.is_none_or(|(b, bd)| avg > b || (avg == b && d < bd)) {
            best = Some((avg, d));
        }
    }
    let (avg, d) = best?;
    let v_other = clusters[d as usize].version;
    let cm = &mut clusters[c as usize];
    cm.ticket += 1;
    Some(Entry {
        avg,
        lo: c.min(d),
        hi: c.max(d),
        owner: c,
        ticket: cm.ticket,
        v_owner: cm.version,
        v_other,
    })
}

/// Clusters `n` passages (global ids; `article_of[p]` is the article of passage `p`) linked by
/// `edges` (a, b, score). Returns the clusters spanning at least two articles, each sorted, in
/// order of their first member.
///
/// Greedy average linkage: the pair of clusters with the highest average merges first, while
/// that average reaches `threshold`. The heap holds one entry per cluster, its best neighbour,
/// rather than one per pair: average linkage is *reducible* (the average of a merged cluster
/// with a third is a weighted mean, the mediant, of the two averages it replaces, so never
/// above both), hence after a merge every other cluster's best can only fall, and its entry
/// stays an upper bound. An entry popped with stale versions is recomputed and pushed again; an
/// entry popped with current versions is the global best pair. Same merges as a heap of every
/// pair, with a heap a fraction of the size (a dense story of a few hundred passages made
/// hundreds of stale entries per merge).
pub fn cluster(
    n: usize,
    article_of: &[u32],
    edges: &[(u32, u32, f32)],
    threshold: f32,
) -> Vec<Vec<u32>> {
    let mut clusters: Vec<Cluster> = (0..n)
        .map(|p| Cluster {
            members: vec![p as u32],
            articles: vec![(article_of.get(p).copied().unwrap_or(0), 1)],
            adj: Map::default(),
            version: 0,
            ticket: 0,
            alive: true,
        })
        .collect();
    let valid = |&&(a, b, _): &&(u32, u32, f32)| a != b && (a as usize) < n && (b as usize) < n;
    let mut degree = vec![0u32; n];
    for &(a, b, _) in edges.iter().filter(valid) {
        degree[a as usize] += 1;
        degree[b as usize] += 1;
    }
    for (c, &d) in clusters.iter_mut().zip(&degree) {
        c.adj.reserve(d as usize);
    }
    drop(degree);
    for &(a, b, s) in edges.iter().filter(valid) {
        *clusters[a as usize].adj.entry(b).or_insert(0.0) += s as f64;
        *clusters[b as usize].adj.entry(a).or_insert(0.0) += s as f64;
    }
    let mut single: Single = (0..n)
        .map(|p| (article_of.get(p).copied().unwrap_or(0), 1))
        .collect();
    let threshold = threshold as f64;
    let mut heap = BinaryHeap::new();
    for c in 0..n as u32 {
        if !clusters[c as usize].adj.is_empty()
            && let Some(e) = best_entry(&mut clusters, &single, c, threshold)
        {
            heap.push(e);
        }
    }
    while let Some(e) = heap.pop() {
        let owner = &clusters[e.owner as usize];
        if !owner.alive || owner.ticket != e.ticket {
            continue;
        }
        let other_id = if e.lo == e.owner { e.hi } else { e.lo };
        let other = &clusters[other_id as usize];
        if owner.version != e.v_owner || !other.alive || other.version != e.v_other {
            // Stale: the owner's best is no higher than this; find it again.
            if let Some(ne) = best_entry(&mut clusters, &single, e.owner, threshold) {
                heap.push(ne);
            }
            continue;
        }
        let (ca, cb) = (&clusters[e.lo as usize], &clusters[e.hi as usize]);
        // Merge the smaller cluster into the larger (ties: into the lower id).
        let (keep, gone) = if ca.members.len() >= cb.members.len() {
            (e.lo, e.hi)
        } else {
            (e.hi, e.lo)
        };
        let gone_c = std::mem::replace(
            &mut clusters[gone as usize],
            Cluster {
                members: Vec::new(),
                articles: Vec::new(),
                adj: Map::default(),
                version: 0,
                ticket: 0,
                alive: false,
            },
        );
        {
            let k = &mut clusters[keep as usize];
            k.members.extend(&gone_c.members);
            for &(art, c) in &gone_c.articles {
                match k.articles.binary_search_by_key(&art, |&(a, _)| a) {
                    Ok(i) => k.articles[i].1 += c,
                    Err(i) => k.articles.insert(i, (art, c)),
                }
            }
            k.adj.remove(&gone);
            k.version += 1;
            single[keep as usize] = (
                match k.articles.as_slice() {
                    [(art, _)] => *art,
                    _ => u32::MAX,
                },
                k.members.len() as u32,
            );
        }
        let mut gone_adj: Vec<(u32, f64)> =
            gone_c.adj.into_iter().filter(|&(c, _)| c != keep).collect();
        gone_adj.sort_by_key(|&(c, _)| c);
        for (c, s) in gone_adj {
            *clusters[keep as usize].adj.entry(c).or_insert(0.0) += s;
            let other = &mut clusters[c as usize].adj;
            other.remove(&gone);
            *other.entry(keep).or_insert(0.0) += s;
        }
        if let Some(ne) = best_entry(&mut clusters, &single, keep, threshold) {
            heap.push(ne);
        }
    }
    let mut out: Vec<Vec<u32>> = clusters
        .into_iter()
        .filter(|c| c.alive && c.articles.len() >= 2)
        .map(|mut c| {
            c.members.sort_unstable();
            c.members
        })
        .collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn triangle_is_one_cluster() {
        let art = [0, 1, 2];
        let c = cluster(3, &art, &[(0, 1, 0.8), (1, 2, 0.7), (0, 2, 0.6)], 0.3);
        assert_eq!(c, vec![vec![0, 1, 2]]);
    }

    #[test]
    fn a_chain_does_not_become_one_cluster() {
        // 0–1 strong, 1–2 weak-ish, 2–3 strong: two groups, not a chain of four.
        let art = [0, 1, 2, 3];
        let c = cluster(4, &art, &[(0, 1, 0.9), (1, 2, 0.35), (2, 3, 0.9)], 0.3);
        assert_eq!(c, vec![vec![0, 1], vec![2, 3]]);
    }

    #[test]
    fn same_article_pairs_do_not_count_against_a_group() {
        // Passages 1 and 2 are both in article 1; both link to passage 0.
        let art = [0, 1, 1];
        let c = cluster(3, &art, &[(0, 1, 0.8), (0, 2, 0.7)], 0.5);
        assert_eq!(c, vec![vec![0, 1, 2]]);
    }

    /// Greedy average linkage the slow, obvious way: every round, score every pair of live
    /// clusters from the edge list and merge the best (same tie rules as [`cluster`]).
    fn reference(
        n: usize,
        article_of: &[u32],
        edges: &[(u32, u32, f32)],
        threshold: f64,
    ) -> Vec<Vec<u32>> {
        let mut members: Vec<Option<Vec<u32>>> = (0..n as u32).map(|p| Some(vec![p])).collect();
        let score = |x: &[u32], y: &[u32]| -> Option<f64> {
            let (mut sum, mut pairs) = (0.0, 0.0);
            for &a in x {
                for &b in y {
                    if article_of[a as usize] != article_of[b as usize] {
                        pairs += 1.0;
                    }
                    for &(ea, eb, s) in edges {
                        if (ea, eb) == (a, b) || (ea, eb) == (b, a) {
                            sum += s as f64;
                        }
                    }
                }
            }
            (pairs > 0.0 && sum > 0.0).then(|| sum / pairs)
        };
        loop {
            let mut best: Option<(f64, usize, usize)> = None;
            for i in 0..n {
                for j in i + 1..n {
                    let (Some(x), Some(y)) = (&members[i], &members[j]) else {
                        continue;
                    };
                    if let Some(avg) = score(x, y)
                        && avg >= threshold
                        && best.is_none_or(|(b, _, _)| avg > b)
                    {
                        best = Some((avg, i, j));
                    }
                }
            }
            let Some((_, i, j)) = best else { break };
            let (li, lj) = (
                members[i].as_ref().map_or(0, Vec::len),
                members[j].as_ref().map_or(0, Vec::len),
            );
            let (keep, gone) = if li >= lj { (i, j) } else { (j, i) };
            let moved = members[gone].take().unwrap_or_default();
            if let Some(k) = members[keep].as_mut() {
                k.extend(moved);
            }
        }
        let mut out: Vec<Vec<u32>> = members
            .into_iter()
            .flatten()
            .filter(|m| {
                let mut arts: Vec<u32> = m.iter().map(|&p| article_of[p as usize]).collect();
                arts.sort_unstable();
                arts.dedup();
                arts.len() >= 2
            })
            .map(|mut m| {
                m.sort_unstable();
                m
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn best_neighbour_heap_merges_like_the_all_pairs_reference() {
        // Random graphs with scores that are multiples of 1/64: every sum is exact in f64, so
        // both implementations see the same averages and the same ties.
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move |m: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % m
        };
        for round in 0..300 {
            let n = 3 + next(14) as usize;
            let n_art = 2 + next(5) as u32;
            let article_of: Vec<u32> = (0..n).map(|_| next(n_art as u64) as u32).collect();
            let mut edges = Vec::new();
            for a in 0..n as u32 {
                for b in a + 1..n as u32 {
                    if article_of[a as usize] != article_of[b as usize] && next(3) == 0 {
                        edges.push((a, b, (1 + next(64)) as f32 / 64.0));
                    }
                }
            }
            let threshold = (4 + next(24)) as f32 / 64.0;
            assert_eq!(
                cluster(n, &article_of, &edges, threshold),
                reference(n, &article_of, &edges, threshold as f64),
                "round {round}: {article_of:?} {edges:?} at {threshold}"
            );
        }
    }
}
