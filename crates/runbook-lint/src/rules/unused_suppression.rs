//! `unused-suppression`: a suppression comment that suppressed nothing.

use crate::diagnostic::Severity;
use crate::rule::{Category, Rule, RuleMeta, SuppressionContext};
use crate::suppress::SuppressionKind;

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

    fn check_suppressions(&self, cx: &mut SuppressionContext<'_>) {
        let file = cx.file;
        for (i, s) in file.suppressions.iter().enumerate() {
            if s.kind == SuppressionKind::Enable {
                continue;
            }
            let used = cx.used.get(i).map_or(&[][..], Vec::as_slice);
            if s.rules.is_empty() {
                if used.is_empty() {
                    let message = "suppression comment suppressed nothing".to_owned();
                    let hashed = format!("{message} ");
                    cx.report(s.location, message, &hashed);
                }
                continue;
            }
            for name in &s.rules {
                let message = if let Some(rule) = crate::rules::find(name) {
                    let id = rule.meta().id;
                    if !cx.is_on(id) || used.contains(&id) {
                        continue;
                    }
                    format!("suppression of `{name}` suppressed nothing")
                } else {
                    let ids = crate::rules::ALL_RULES.iter().map(|r| r.meta().id);
                    let near = crate::suggest::closest(name, ids);
                    format!(
                        "unknown rule `{name}` in suppression comment{}",
                        crate::suggest::hint(near)
                    )
                };
                let hashed = format!("{message} {name}");
                cx.report(s.location, message, &hashed);
            }
        }
    }
}
