//! `single-owner`: exactly one owner.

use crate::diagnostic::Severity;
use crate::rule::{Category, Context, Rule, RuleMeta};

crate::declare_rule! {
    /// ## What it checks
    /// Runbooks whose front-matter `owners` names exactly one owner.
    ///
    /// ## Why it matters
    /// A runbook known by one person is a single point of failure: when that
    /// person is on holiday or has left, nobody keeps it correct and nobody
    /// can answer questions about it during an incident.
    ///
    /// ## Example
    /// ```markdown
    /// ---
    /// owners: [alice@example.com]
    /// ---
    /// ```
    ///
    /// ## How to fix
    /// Add a second owner, or a team handle (`@db-team`) that outlives any
    /// one person.
    pub SingleOwner, "single-owner", Severity::Warning, Category::Ownership
}

impl Rule for SingleOwner {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        if let [only] = cx.doc.metadata.owners.as_slice() {
            let message = format!("`{}` is the only owner", only.value);
            cx.report(only.span, message);
        }
    }
}
