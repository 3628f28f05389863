//! `missing-verification`: the runbook has no verification section.

use runbook_parse::SectionKind;

use crate::diagnostic::Severity;
use crate::rule::{Category, Context, Rule, RuleMeta};

crate::declare_rule! {
    /// ## What it checks
    /// Runbooks with no verification section at any heading level (Verification,
    /// Verify, Validation, Post-checks, Health checks and configured aliases).
    ///
    /// ## Why it matters
    /// Without a way to confirm the procedure worked, the operator stops too
    /// early or keeps making changes to a system that was already healthy.
    ///
    /// ## Example
    /// ```markdown
    /// ## Steps
    /// 1. Restart the pod.
    ///
    /// ## Rollback
    /// Nothing to undo.
    /// ```
    ///
    /// ## How to fix
    /// Add a `## Verification` section with the commands or dashboards that show
    /// the system is healthy again, and what their healthy output looks like.
    pub MissingVerification, "missing-verification", Severity::Warning, Category::Structure
}

impl Rule for MissingVerification {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        if cx.doc.has_section(SectionKind::Verification) {
            return;
        }
        let span = cx.file_span();
        cx.report(span, "runbook has no verification section");
    }
}
