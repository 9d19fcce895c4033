//! Pairwise alignment of two articles: from the links between them to matched groups
//! (one-to-one where possible, one-to-many where one outlet splits into two adjacent sentences
//! what the other says in one) and to the rows of the side-by-side view.

use serde::{Deserialize, Serialize};

use super::PairRow;

/// A matched group of passages: one left passage with one or more adjacent right passages, or
/// the reverse. Indices are passage indices within each article, sorted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PairGroup {
    pub left: Vec<usize>,
    pub right: Vec<usize>,
    /// Best link score inside the group.
    pub score: f32,
}

/// The alignment of two articles.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Pairwise {
    /// Matched groups, in left order.
    pub groups: Vec<PairGroup>,
    /// Left passages with no match.
    pub unmatched_left: Vec<usize>,
    /// Right passages with no match.
    pub unmatched_right: Vec<usize>,
}

/// Aligns two articles from their links `(left, right, score)`; `para_l[i]` / `para_r[j]` are
/// the paragraph indices of each side's passages.
///
/// Greedy by score (ties by position): each link whose two passages are still free makes a
/// one-to-one group. A remaining link whose one side is free joins that passage to the group of
/// the other side when the group has a single passage on that other side and the free passage
/// is adjacent to the group's passages in the same paragraph (a split sentence).
pub fn align_pair(para_l: &[usize], para_r: &[usize], links: &[(usize, usize, f32)]) -> Pairwise {
    let (nl, nr) = (para_l.len(), para_r.len());
    let mut sorted: Vec<(usize, usize, f32)> = links
        .iter()
        .copied()
        .filter(|&(l, r, _)| l < nl && r < nr)
        .collect();
    sorted.sort_by(|x, y| y.2.total_cmp(&x.2).then(x.0.cmp(&y.0)).then(x.1.cmp(&y.1)));
    let mut group_l: Vec<Option<usize>> = vec![None; nl];
    let mut group_r: Vec<Option<usize>> = vec![None; nr];
    let mut groups: Vec<PairGroup> = Vec::new();
    for &(l, r, s) in &sorted {
        if group_l[l].is_none() && group_r[r].is_none() {
            group_l[l] = Some(groups.len());
            group_r[r] = Some(groups.len());
            groups.push(PairGroup {
                left: vec![l],
                right: vec![r],
                score: s,
            });
        }
    }
    improve_by_swaps(&mut groups, &mut group_r, &sorted);
    let adjacent = |side: &[usize], p: usize, para: &[usize]| {
        let next_to = side.first().is_some_and(|&f| f == p + 1)
            || side.last().is_some_and(|&last| last + 1 == p);
        next_to && side.iter().all(|&q| para.get(q) == para.get(p))
    };
    for &(l, r, _) in &sorted {
        match (group_l[l], group_r[r]) {
            (Some(g), None) => {
                let grp = &mut groups[g];
                if grp.left.len() == 1 && adjacent(&grp.right, r, para_r) {
                    grp.right.push(r);
                    grp.right.sort_unstable();
                    group_r[r] = Some(g);
                }
            }
            (None, Some(g)) => {
                let grp = &mut groups[g];
                if grp.right.len() == 1 && adjacent(&grp.left, l, para_l) {
                    grp.left.push(l);
                    grp.left.sort_unstable();
                    group_l[l] = Some(g);
                }
            }
            _ => {}
        }
    }
    groups.sort_by(|x, y| x.left.cmp(&y.left));
    Pairwise {
        groups,
        unmatched_left: (0..nl).filter(|&i| group_l[i].is_none()).collect(),
        unmatched_right: (0..nr).filter(|&i| group_r[i].is_none()).collect(),
    }
}

/// Most passes of [`improve_by_swaps`] over the groups (each pass that swaps raises the total
/// score, so a handful settle every real case; the bound keeps a pathological set linear).
const MAX_SWAP_PASSES: usize = 4;

/// Greedy pairing can cross two pairs: a headline linked a hair more strongly to the other
/// outlet's lede than to its headline takes that lede, and leaves the two identical ledes
/// apart. Two one-to-one groups `(l1, r1)`, `(l2, r2)` trade partners when both crossed
/// links exist and together score more than the two kept.
fn improve_by_swaps(
    groups: &mut [PairGroup],
    group_r: &mut [Option<usize>],
    links: &[(usize, usize, f32)],
) {
    let score: std::collections::HashMap<(usize, usize), f32> =
        links.iter().map(|&(l, r, s)| ((l, r), s)).collect();
    for _ in 0..MAX_SWAP_PASSES {
        let mut swapped = false;
        for g in 0..groups.len() {
            let (Some(&l1), Some(&r1)) = (groups[g].left.first(), groups[g].right.first()) else {
                continue;
            };
            // Candidates, strongest first: the group now holding a passage linked to l1.
            for &(_, r2, s12) in links.iter().filter(|&&(l, r, _)| l == l1 && r != r1) {
                let Some(h) = group_r.get(r2).copied().flatten().filter(|&h| h != g) else {
                    continue;
                };
                let Some(&l2) = groups[h].left.first() else {
                    continue;
                };
                let Some(&s21) = score.get(&(l2, r1)) else {
                    continue;
                };
                let kept = groups[g].score + groups[h].score;
                if s12 + s21 > kept + 1e-4 {
                    groups[g] = PairGroup {
                        left: vec![l1],
                        right: vec![r2],
                        score: s12,
                    };
                    groups[h] = PairGroup {
                        left: vec![l2],
                        right: vec![r1],
                        score: s21,
                    };
                    group_r[r2] = Some(g);
                    group_r[r1] = Some(h);
                    swapped = true;
                    break;
                }
            }
        }
        if !swapped {
            break;
        }
    }
}

/// Indices of a longest strictly increasing subsequence of `xs` (ties: the earliest).
fn longest_increasing(xs: &[usize]) -> Vec<bool> {
    // Patience sorting with predecessor links: O(n log n).
    let mut tails: Vec<usize> = Vec::new(); // indices into xs
    let mut prev: Vec<Option<usize>> = vec![None; xs.len()];
    for (i, &x) in xs.iter().enumerate() {
        let pos = tails.partition_point(|&t| xs[t] < x);
        if pos > 0 {
            prev[i] = Some(tails[pos - 1]);
        }
        if pos == tails.len() {
            tails.push(i);
        } else {
            tails[pos] = i;
        }
    }
    let mut keep = vec![false; xs.len()];
    let mut cur = tails.last().copied();
    while let Some(i) = cur {
        keep[i] = true;
        cur = prev[i];
    }
    keep
}

/// Side-by-side rows of a pairwise alignment: left order; a group whose right side breaks the
/// right article's order is `moved`; right-only passages are placed just before the first
/// in-order row that comes after them in the right article.
pub fn rows(p: &Pairwise) -> Vec<PairRow> {
    let firsts: Vec<usize> = p
        .groups
        .iter()
        .map(|g| g.right.first().copied().unwrap_or(0))
        .collect();
    let in_order = longest_increasing(&firsts);
    // Merge groups and left-only passages in left order.
    enum Item<'a> {
        Group(usize, &'a PairGroup),
        LeftOnly(usize),
    }
    let mut items: Vec<(usize, Item)> = p
        .groups
        .iter()
        .enumerate()
        .map(|(i, g)| (g.left.first().copied().unwrap_or(0), Item::Group(i, g)))
        .chain(p.unmatched_left.iter().map(|&l| (l, Item::LeftOnly(l))))
        .collect();
    items.sort_by_key(|(k, _)| *k);
    let mut pending = p.unmatched_right.iter().copied().peekable();
    let mut out = Vec::with_capacity(items.len() + p.unmatched_right.len());
    for (_, item) in items {
        match item {
            Item::LeftOnly(l) => out.push(PairRow {
                left: vec![l],
                right: vec![],
                score: 0.0,
                moved: false,
            }),
            Item::Group(i, g) => {
                if in_order[i] {
                    while let Some(r) = pending.next_if(|&r| r < firsts[i]) {
                        out.push(PairRow {
                            left: vec![],
                            right: vec![r],
                            score: 0.0,
                            moved: false,
                        });
                    }
                }
                out.push(PairRow {
                    left: g.left.clone(),
                    right: g.right.clone(),
                    score: g.score,
                    moved: !in_order[i],
                });
            }
        }
    }
    out.extend(pending.map(|r| PairRow {
        left: vec![],
        right: vec![r],
        score: 0.0,
        moved: false,
    }));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_to_one_in_order() {
        let p = align_pair(
            &[0; 3],
            &[0; 3],
            &[(0, 0, 0.9), (1, 1, 0.8), (2, 2, 0.7), (0, 1, 0.4)],
        );
        assert_eq!(p.groups.len(), 3);
        let r = rows(&p);
        assert!(
            r.iter()
                .all(|r| !r.moved && r.left.len() == 1 && r.right.len() == 1)
        );
    }

    #[test]
    fn a_headline_linked_to_both_does_not_part_two_identical_ledes() {
        // Headline 0 ~ lede 1 a hair above headline 0 ~ headline 0; the ledes are identical.
        let p = align_pair(
            &[0, 1],
            &[0, 1],
            &[(0, 1, 1.0), (0, 0, 0.99), (1, 1, 1.0), (1, 0, 0.73)],
        );
        let pairs: Vec<(Vec<usize>, Vec<usize>)> = p
            .groups
            .iter()
            .map(|g| (g.left.clone(), g.right.clone()))
            .collect();
        assert_eq!(pairs, [(vec![0], vec![0]), (vec![1], vec![1])]);
        assert!(rows(&p).iter().all(|r| !r.moved));
    }

    #[test]
    fn swapped_passages_make_one_moved_row() {
        let p = align_pair(&[0; 3], &[0; 3], &[(0, 0, 0.9), (1, 2, 0.8), (2, 1, 0.7)]);
        let r = rows(&p);
        assert_eq!(r.len(), 3);
        assert_eq!(r.iter().filter(|r| r.moved).count(), 1);
    }

    #[test]
    fn split_sentence_is_one_to_many() {
        let p = align_pair(&[0; 2], &[0; 3], &[(0, 0, 0.9), (1, 1, 0.6), (1, 2, 0.5)]);
        assert_eq!(p.groups.len(), 2);
        assert_eq!(p.groups[1].right, vec![1, 2]);
        assert!(p.unmatched_right.is_empty());
    }

    #[test]
    fn non_adjacent_second_link_does_not_join() {
        let p = align_pair(&[0; 2], &[0; 4], &[(0, 0, 0.9), (0, 3, 0.5)]);
        assert_eq!(p.groups[0].right, vec![0]);
        assert_eq!(p.unmatched_right, vec![1, 2, 3]);
    }

    #[test]
    fn right_only_placed_where_it_falls() {
        // Right passage 1 is unmatched: it sits between the rows of right 0 and right 2.
        let p = align_pair(&[0; 2], &[0; 3], &[(0, 0, 0.9), (1, 2, 0.8)]);
        let r = rows(&p);
        let rights: Vec<Vec<usize>> = r.iter().map(|r| r.right.clone()).collect();
        assert_eq!(rights, vec![vec![0], vec![1], vec![2]]);
        assert!(r[1].left.is_empty());
    }

    #[test]
    fn every_passage_appears_exactly_once() {
        let p = align_pair(
            &[0; 5],
            &[0; 6],
            &[
                (0, 4, 0.9),
                (1, 0, 0.8),
                (3, 1, 0.7),
                (3, 2, 0.6),
                (4, 5, 0.5),
            ],
        );
        let r = rows(&p);
        let mut l: Vec<usize> = r.iter().flat_map(|r| r.left.clone()).collect();
        let mut rr: Vec<usize> = r.iter().flat_map(|r| r.right.clone()).collect();
        l.sort_unstable();
        rr.sort_unstable();
        assert_eq!(l, (0..5).collect::<Vec<_>>());
        assert_eq!(rr, (0..6).collect::<Vec<_>>());
    }
}
