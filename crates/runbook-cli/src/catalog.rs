//! Every rule the CLI can report, from the linter's registry, in the shape
//! output formats and `explain` need.

use runbook_lint::Severity;
use runbook_lint::rules::ALL_RULES;

/// What output formats and `explain` need to know about a rule.
#[derive(Debug, Clone)]
pub struct RuleInfo {
    /// Stable id.
    pub id: &'static str,
    /// Category name.
    pub category: &'static str,
    /// Severity when configuration says nothing.
    pub default_severity: Severity,
    /// One line.
    pub summary: String,
    /// The whole "What it checks" section.
    pub description: String,
    /// Full Markdown documentation.
    pub explanation: String,
}

/// Every rule, in `runbook rules` order.
pub fn all() -> Vec<RuleInfo> {
    ALL_RULES
        .iter()
        .map(|rule| {
            let meta = rule.meta();
            RuleInfo {
                id: meta.id,
                category: meta.category.name(),
                default_severity: meta.default_severity,
                summary: meta.summary(),
                description: meta.section("What it checks"),
                explanation: meta.explanation(),
            }
        })
        .collect()
}

/// The rule with this id.
pub fn find(id: &str) -> Option<RuleInfo> {
    all().into_iter().find(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_summaries_non_empty() {
        let rules = all();
        let mut ids: Vec<_> = rules.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), rules.len());
        assert!(rules.iter().all(|r| !r.summary.is_empty()));
    }
}
