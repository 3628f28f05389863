//! `missing-contacts`: nobody to call.

use runbook_parse::SectionKind;

use crate::diagnostic::Severity;
use crate::rule::{Category, Context, Rule, RuleMeta};

crate::declare_rule! {
    /// ## What it checks
    /// Runbooks with neither a `contacts` list in the front-matter nor a
    /// contacts section (Contacts, Escalation, Who to contact, On-call and
    /// configured aliases).
    ///
    /// ## Why it matters
    /// When a step fails or the situation is not the one the runbook
    /// describes, the operator must know whom to escalate to without
    /// searching a wiki in the middle of an incident.
    ///
    /// ## Example
    /// ```markdown
    /// ---
    /// title: Restart the cache
    /// ---
    /// ## Steps
    /// 1. Restart it.
    /// ```
    ///
    /// ## How to fix
    /// Add a `contacts` list to the front-matter (each with a `name` and an
    /// `email`, `slack`, `phone`, `pager` or `url`), or an `## Escalation`
    /// section that says whom to page and when.
    pub MissingContacts, "missing-contacts", Severity::Error, Category::Ownership
}

impl Rule for MissingContacts {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let has_front_matter_contacts = cx
            .doc
            .front_matter
            .as_ref()
            .and_then(|fm| fm.get("contacts"))
            .is_some_and(|c| c.as_sequence().is_some_and(|items| !items.is_empty()));
        if has_front_matter_contacts || cx.doc.has_section(SectionKind::Contacts) {
            return;
        }
        let span = cx.file_span();
        cx.report(span, "runbook names no contacts: no `contacts` in front-matter and no contacts or escalation section");
    }
}
