//! The truck factor: Avelino et al.'s greedy estimate (ICPC 2016).

use std::collections::BTreeMap;

/// The truck factor of a set of runbooks and the owners it removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TruckFactor {
    /// How many owners the greedy algorithm removed.
    pub value: usize,
    /// The removed owners' normalised keys, in removal order.
    pub removed: Vec<String>,
}

/// Computes the truck factor of runbooks given as sets of normalised owner
/// keys (one entry per runbook, each without duplicates).
///
/// A runbook is orphaned when none of its owners remain; runbooks with no
/// owners at all are orphaned from the start. The algorithm repeatedly
/// removes the owner who owns the most still-covered runbooks, breaking ties
/// by the smaller key so the answer is deterministic, and stops as soon as
/// more than half of the runbooks are orphaned. The truck factor is the
/// number of owners removed, so it is 0 when more than half were orphaned
/// before anyone left (and for an empty set).
pub(crate) fn truck_factor(runbooks: &[Vec<&str>]) -> TruckFactor {
    let total = runbooks.len();
    // A runbook that lists a remaining owner is covered, so the number of
    // still-covered runbooks an owner holds never changes while they remain:
    // it is the number of runbooks listing them. The greedy order is thus
    // fixed up front (most runbooks first, then smallest key), which keeps
    // this linear in the size of the input instead of recounting each round.
    let mut owned: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, owners) in runbooks.iter().enumerate() {
        for owner in owners {
            owned.entry(owner).or_default().push(i);
        }
    }
    let mut order: Vec<(&str, &Vec<usize>)> = owned.iter().map(|(k, v)| (*k, v)).collect();
    // Stable sort on a key-ordered list keeps the smallest key first on ties.
    order.sort_by_key(|(_, indices)| std::cmp::Reverse(indices.len()));
    let mut remaining: Vec<usize> = runbooks.iter().map(Vec::len).collect();
    let mut orphaned = remaining.iter().filter(|&&n| n == 0).count();
    let mut removed = Vec::new();
    for (owner, indices) in order {
        if orphaned * 2 > total {
            break;
        }
        for &i in indices {
            if let Some(n) = remaining.get_mut(i) {
                *n -= 1;
                if *n == 0 {
                    orphaned += 1;
                }
            }
        }
        removed.push(owner.to_owned());
    }
    TruckFactor {
        value: removed.len(),
        removed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tf(runbooks: &[&[&str]]) -> TruckFactor {
        let v: Vec<Vec<&str>> = runbooks.iter().map(|r| r.to_vec()).collect();
        truck_factor(&v)
    }

    #[test]
    fn one_owner_of_everything_is_a_truck_factor_of_one() {
        let t = tf(&[
            &["alice"],
            &["alice", "bob"],
            &["alice"],
            &["carol"],
            &["alice"],
        ]);
        assert_eq!(t.value, 1);
        assert_eq!(t.removed, ["alice"]);
    }

    #[test]
    fn disjoint_owners_need_more_than_half_removed() {
        // Five runbooks, five distinct owners: three must go before more
        // than half (3 of 5) are orphaned.
        let t = tf(&[&["a"], &["b"], &["c"], &["d"], &["e"]]);
        assert_eq!(t.value, 3);
        assert_eq!(t.removed, ["a", "b", "c"]);
    }

    #[test]
    fn exactly_half_orphaned_is_not_enough() {
        let t = tf(&[&["a"], &["b"]]);
        assert_eq!(t.value, 2);
    }

    #[test]
    fn ties_break_by_smallest_key() {
        let t = tf(&[&["zoe", "yan"], &["zoe", "yan"], &["xia"]]);
        // zoe and yan both own two runbooks: yan goes first, then zoe.
        assert_eq!(t.removed, ["yan", "zoe"]);
        assert_eq!(t.value, 2);
    }

    #[test]
    fn removes_the_largest_owner_each_round() {
        // a (4) goes first and orphans three of eight; d (3) goes next but
        // orphans nothing; then b and c tie at two and b goes, orphaning
        // two more: five of eight.
        let t = tf(&[
            &["a"],
            &["a"],
            &["a"],
            &["a", "b"],
            &["b", "d"],
            &["c", "d"],
            &["c", "d"],
            &["e"],
        ]);
        assert_eq!(t.removed, ["a", "d", "b"]);
        assert_eq!(t.value, 3);
    }

    #[test]
    fn ownerless_runbooks_are_orphaned_from_the_start() {
        assert_eq!(tf(&[&[], &[], &["a"]]).value, 0);
        // One of three ownerless: removing "a" orphans two of three.
        let t = tf(&[&[], &["a"], &["b"]]);
        assert_eq!(t.value, 1);
    }

    #[test]
    fn empty_collection_has_truck_factor_zero() {
        assert_eq!(tf(&[]).value, 0);
        assert!(tf(&[]).removed.is_empty());
    }

    /// The algorithm as the paper states it: recount covered runbooks each
    /// round.
    fn naive(runbooks: &[Vec<&str>]) -> Vec<String> {
        let mut remaining: Vec<Vec<&str>> = runbooks.to_vec();
        let mut removed = Vec::new();
        while remaining.iter().filter(|o| o.is_empty()).count() * 2 <= remaining.len() {
            let mut covered: BTreeMap<&str, usize> = BTreeMap::new();
            for owners in &remaining {
                for owner in owners {
                    *covered.entry(owner).or_default() += 1;
                }
            }
            let Some(top) = covered
                .iter()
                .fold(None, |best: Option<(&str, usize)>, (&k, &n)| match best {
                    Some((_, m)) if m >= n => best,
                    _ => Some((k, n)),
                })
                .map(|(k, _)| k)
            else {
                break;
            };
            for owners in &mut remaining {
                owners.retain(|o| *o != top);
            }
            removed.push(top.to_owned());
        }
        removed
    }

    #[test]
    fn matches_the_recounting_algorithm_on_generated_collections() {
        const NAMES: [&str; 7] = ["a", "b", "c", "d", "e", "f", "g"];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..500 {
            let count = next() % 12;
            let runbooks: Vec<Vec<&str>> = (0..count)
                .map(|_| {
                    let mask = next() % 128;
                    NAMES
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| mask & (1 << i) != 0 && next() % 3 == 0)
                        .map(|(_, n)| *n)
                        .collect()
                })
                .collect();
            assert_eq!(
                truck_factor(&runbooks).removed,
                naive(&runbooks),
                "{runbooks:?}"
            );
        }
    }
}
