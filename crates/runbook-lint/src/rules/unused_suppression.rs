//! `unused-suppression`: a suppression comment that suppressed nothing.

use crate::diagnostic::Severity;
use crate::rule::{Category, Context, Rule, RuleMeta};

crate::declare_rule! {
    /// ## What it checks
    /// Suppression comments (`<!-- runbook-lint-disable RULE -->`,
    /// `disable-next-line`, `disable-file`) that suppressed no finding, and
    /// suppression comments naming a rule id that does not exist. Rules that
    /// are off in the configuration are not reported.
    ///
    /// ## Why it matters
    /// A stale suppression hides the next real finding of that rule at that
    /// place, and an unknown id (a typo) suppresses nothing while looking as
    /// if it did.
    ///
    /// ## Example
    /// ```markdown
    /// <!-- runbook-lint-disable-next-line placeholder-text -->
    /// Restart the service.
    /// ```
    ///
    /// ## How to fix
    /// Delete the comment, or correct the rule id (the message names the
    /// closest one).
    pub UnusedSuppression, "unused-suppression", Severity::Warning, Category::Suppression
}

impl Rule for UnusedSuppression {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    /// Cross-file: reported by `Linter::finish`, which sees every file.
    fn check(&self, _cx: &mut Context<'_>) {}
}
