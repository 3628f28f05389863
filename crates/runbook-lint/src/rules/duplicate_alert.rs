//! `duplicate-alert`: two runbooks claim one alert.

use crate::diagnostic::Severity;
use crate::rule::{Category, Context, Rule, RuleMeta};

crate::declare_rule! {
    /// ## What it checks
    /// Alerts listed in the front-matter `alerts` of more than one runbook.
    /// Every runbook after the first (by path) that claims the alert is
    /// reported, pointing at the first.
    ///
    /// ## Why it matters
    /// An alert's `runbook_url` can only point at one page. When two runbooks
    /// claim it, one of them is never found from the alert, and the two drift
    /// apart.
    ///
    /// ## Example
    /// ```markdown
    /// ---
    /// alerts: [PostgresReplicationLagHigh]
    /// ---
    /// ```
    ///
    /// ## How to fix
    /// Keep the alert in the runbook that handles it, and link to it from the
    /// other one.
    pub DuplicateAlert, "duplicate-alert", Severity::Warning, Category::Ownership
}

impl Rule for DuplicateAlert {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    /// Cross-file: reported by `Linter::finish`, which sees every file.
    fn check(&self, _cx: &mut Context<'_>) {}
}
