//! `contact-unreachable`: a contact with no way to reach it.

use crate::diagnostic::Severity;
use crate::rule::{Category, Context, Rule, RuleMeta};

crate::declare_rule! {
    /// ## What it checks
    /// Entries of the front-matter `contacts` list that have no `email`,
    /// `slack`, `phone`, `pager` or `url`.
    ///
    /// ## Why it matters
    /// A name is not a phone number. During an incident the operator needs a
    /// channel that works now, not a search in the company directory.
    ///
    /// ## Example
    /// ```markdown
    /// ---
    /// contacts:
    ///   - name: Database on-call
    /// ---
    /// ```
    ///
    /// ## How to fix
    /// Give each contact at least one channel: `pager: "PagerDuty: db"`,
    /// `slack: "#db-oncall"`, `email`, `phone` or `url`.
    pub ContactUnreachable, "contact-unreachable", Severity::Warning, Category::Ownership
}

impl Rule for ContactUnreachable {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let unreachable: Vec<_> = cx
            .doc
            .metadata
            .contacts
            .iter()
            .filter(|c| !c.is_reachable())
            .map(|c| (c.span, c.name.clone()))
            .collect();
        for (span, name) in unreachable {
            let who = name.map_or_else(|| "a contact".to_owned(), |n| format!("contact `{n}`"));
            cx.report(
                span,
                format!("{who} has no email, slack, phone, pager or url"),
            );
        }
    }
}
