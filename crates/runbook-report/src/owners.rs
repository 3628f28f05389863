//! Owner normalisation: when two spellings name the same owner.

/// Normalises an owner as written in front-matter to the key owners are
/// compared by.
///
/// The rules, in order: trim, collapse runs of whitespace to one space,
/// strip one leading `@` (so `@db-team` and `db-team` are one owner), and
/// lowercase (so `Alice@Example.com` and `alice@example.com` are one owner).
/// Returns `None` when nothing is left, so blank entries own nothing.
///
/// ```
/// use runbook_report::normalize_owner;
/// assert_eq!(normalize_owner("  @DB-Team ").as_deref(), Some("db-team"));
/// assert_eq!(normalize_owner("Alice  Moreau").as_deref(), Some("alice moreau"));
/// assert_eq!(normalize_owner(" @ "), None);
/// ```
pub fn normalize_owner(raw: &str) -> Option<String> {
    let collapsed = collapse_whitespace(raw);
    let stripped = collapsed.strip_prefix('@').unwrap_or(&collapsed).trim();
    (!stripped.is_empty()).then(|| stripped.to_lowercase())
}

/// The spelling shown for an owner: as first written, with whitespace
/// trimmed and collapsed.
pub(crate) fn display_owner(raw: &str) -> String {
    collapse_whitespace(raw)
}

fn collapse_whitespace(raw: &str) -> String {
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_whitespace_and_at_variants_are_one_owner() {
        let variants = [
            "@db-team",
            "db-team",
            " @DB-Team",
            "DB-TEAM\t",
            "@Db-Team  ",
        ];
        for v in variants {
            assert_eq!(normalize_owner(v).as_deref(), Some("db-team"), "{v:?}");
        }
    }

    #[test]
    fn emails_compare_case_insensitively() {
        assert_eq!(
            normalize_owner("Alice@Example.COM"),
            normalize_owner("alice@example.com")
        );
    }

    #[test]
    fn internal_whitespace_is_collapsed_not_removed() {
        assert_eq!(
            normalize_owner("Alice \n  Moreau").as_deref(),
            Some("alice moreau")
        );
        assert_ne!(
            normalize_owner("alice moreau"),
            normalize_owner("alicemoreau")
        );
        assert_eq!(display_owner("  Alice \t Moreau "), "Alice Moreau");
    }

    #[test]
    fn blank_owners_are_dropped() {
        assert_eq!(normalize_owner(""), None);
        assert_eq!(normalize_owner("   "), None);
        assert_eq!(normalize_owner("@"), None);
    }
}
