//! `missing-rollback`: the runbook has no rollback section.

use runbook_parse::SectionKind;

use crate::diagnostic::Severity;
use crate::rule::{Category, Context, Rule, RuleMeta};

crate::declare_rule! {
    /// ## What it checks
    /// Runbooks with no rollback section at any heading level. Headings are
    /// recognised through the section aliases: Rollback, Roll back, Back-out
    /// plan, Revert, Undo and any configured in `[sections.aliases]`. A
    /// `### Rollback` inside the procedure counts.
    ///
    /// ## Why it matters
    /// A procedure that goes wrong at 3 a.m. must be undone without
    /// improvising. The rollback is the part written calmly in advance.
    ///
    /// ## Example
    /// ```markdown
    /// ## Steps
    /// 1. Restart the primary.
    ///
    /// ## Verification
    /// ```
    ///
    /// ## How to fix
    /// Add a `## Rollback` section that says how to reverse each step, or why
    /// a step cannot be reversed and what to do instead.
    pub MissingRollback, "missing-rollback", Severity::Error, Category::Structure
}

impl Rule for MissingRollback {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        if cx.doc.has_section(SectionKind::Rollback) {
            return;
        }
        let span = cx.file_span();
        cx.report(span, "runbook has no rollback section").help =
            Some("add a `## Rollback` section that says how to undo each step".to_owned());
    }
}
