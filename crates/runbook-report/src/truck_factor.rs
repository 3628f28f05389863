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
    let mut remaining: Vec<Vec<&str>> = runbooks.to_vec();
    let mut removed = Vec::new();
    loop {
        let orphaned = remaining.iter().filter(|o| o.is_empty()).count();
        if orphaned * 2 > total {
            break;
        }
        // Every owner still listed covers each of its runbooks, so the number
        // of covered runbooks an owner holds is its count in `remaining`.
        let mut covered: BTreeMap<&str, usize> = BTreeMap::new();
        for owners in &remaining {
            for owner in owners {
                *covered.entry(owner).or_default() += 1;
            }
        }
        // `max_by` keeps the last maximum, and the map iterates in key
        // order, so reverse the order to keep the smallest key on ties.
        let Some((&top, _)) = covered.iter().rev().max_by(|a, b| a.1.cmp(b.1)) else {
            // No owners left but not enough orphaned: only possible when
            // there are no runbooks at all.
            break;
        };
        for owners in &mut remaining {
            owners.retain(|o| *o != top);
        }
        removed.push(top.to_owned());
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
}
