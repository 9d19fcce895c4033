//! Events across the set: average-link clustering of the link graph.
//!
//! Connected components of the link graph chain unrelated passages together (A says X and Y,
//! B says Y and Z, C says Z…). Average linkage does not: two groups merge only while the mean
//! score over all their cross-article passage pairs (a missing link counts as 0) stays at or
//! above the event threshold, so a newcomer must be linked to most of the group, not to one
//! member. The clustering is hand-written (no crate does sparse-graph average linkage) with a
//! lazy max-heap keyed by the current average, ties broken by cluster ids so the result is
//! deterministic.

use std::collections::BinaryHeap;

/// Deterministic hasher (no random seed: the output must not depend on the process); Fx rather
/// than SipHash because the adjacency maps are the hot path of the clustering.
type Map<K, V> = rustc_hash::FxHashMap<K, V>;

#[derive(Debug, Clone, Copy, PartialEq)]
struct Entry {
    avg: f64,
    a: u32,
    b: u32,
    va: u32,
    vb: u32,
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
            .then(other.a.cmp(&self.a))
            .then(other.b.cmp(&self.b))
    }
}

struct Cluster {
    members: Vec<u32>,
    /// (article, passages of that article in the cluster), sorted by article.
    articles: Vec<(u32, u32)>,
    /// Sum of link scores to each neighbouring cluster.
    adj: Map<u32, f64>,
    version: u32,
    alive: bool,
}

fn cross_pairs(x: &Cluster, y: &Cluster) -> f64 {
    let total = x.members.len() as f64 * y.members.len() as f64;
    let (mut i, mut j, mut same) = (0, 0, 0.0);
    while i < x.articles.len() && j < y.articles.len() {
        match x.articles[i].0.cmp(&y.articles[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                same += x.articles[i].1 as f64 * y.articles[j].1 as f64;
                i += 1;
                j += 1;
            }
        }
    }
    total - same
}

/// Clusters `n` passages (global ids; `article_of[p]` is the article of passage `p`) linked by
/// `edges` (a, b, score). Returns the clusters spanning at least two articles, each sorted, in
/// order of their first member.
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
            alive: true,
        })
        .collect();
    for &(a, b, s) in edges {
        if a == b || a as usize >= n || b as usize >= n {
            continue;
        }
        *clusters[a as usize].adj.entry(b).or_insert(0.0) += s as f64;
        *clusters[b as usize].adj.entry(a).or_insert(0.0) += s as f64;
    }
    let threshold = threshold as f64;
    let mut heap = BinaryHeap::new();
    for &(a, b, _) in edges {
        let (a, b) = (a.min(b), a.max(b));
        if a == b || b as usize >= n {
            continue;
        }
        let sum = clusters[a as usize].adj.get(&b).copied().unwrap_or(0.0);
        let pairs = cross_pairs(&clusters[a as usize], &clusters[b as usize]);
        if pairs > 0.0 && sum / pairs >= threshold {
            heap.push(Entry {
                avg: sum / pairs,
                a,
                b,
                va: 0,
                vb: 0,
            });
        }
    }
    while let Some(e) = heap.pop() {
        let (ca, cb) = (&clusters[e.a as usize], &clusters[e.b as usize]);
        if !ca.alive || !cb.alive || ca.version != e.va || cb.version != e.vb {
            continue;
        }
        // Merge the smaller cluster into the larger (ties: into the lower id).
        let (keep, gone) = if ca.members.len() >= cb.members.len() {
            (e.a, e.b)
        } else {
            (e.b, e.a)
        };
        let gone_c = std::mem::replace(
            &mut clusters[gone as usize],
            Cluster {
                members: Vec::new(),
                articles: Vec::new(),
                adj: Map::default(),
                version: 0,
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
        let mut neigh: Vec<(u32, f64)> = clusters[keep as usize]
            .adj
            .iter()
            .map(|(&c, &s)| (c, s))
            .collect();
        neigh.sort_by_key(|&(c, _)| c);
        for (c, s) in neigh {
            let pairs = cross_pairs(&clusters[keep as usize], &clusters[c as usize]);
            if pairs > 0.0 && s / pairs >= threshold {
                let (a, b) = (keep.min(c), keep.max(c));
                heap.push(Entry {
                    avg: s / pairs,
                    a,
                    b,
                    va: clusters[a as usize].version,
                    vb: clusters[b as usize].version,
                });
            }
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
}
