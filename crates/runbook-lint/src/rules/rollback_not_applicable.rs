//! `rollback-not-applicable`: a rollback that only says "n/a".

use runbook_parse::SectionKind;

use crate::diagnostic::Severity;
use crate::rule::{Category, Context, Rule, RuleMeta};

/// Bare dismissals, compared after lowercasing and trimming punctuation.
const DISMISSALS: &[&str] = &[
    "n/a",
    "na",
    "none",
    "no",
    "nothing",
    "not applicable",
    "-",
    "no rollback",
    "none needed",
    "not needed",
    "not required",
    "no rollback needed",
    "no rollback required",
    "nothing to roll back",
    "nothing to undo",
    "no rollback possible",
    "tbd",
];

crate::declare_rule! {
    /// ## What it checks
    /// Rollback sections whose whole content is a bare dismissal such as
    /// "N/A", "None" or "Not applicable", with no reason given.
    ///
    /// ## Why it matters
    /// Some steps really cannot be undone, and saying why is valuable: it
    /// tells the operator to be careful and what to do instead. A bare
    /// "N/A" says neither, and is usually written to silence a checklist.
    ///
    /// ## Example
    /// ```markdown
    /// ## Rollback
    /// N/A
    /// ```
    ///
    /// ## How to fix
    /// Say why there is nothing to roll back and what to do if the procedure
    /// leaves things worse ("The restart is idempotent; if pods do not come
    /// back, fail over with the failover runbook.").
    pub RollbackNotApplicable, "rollback-not-applicable", Severity::Warning, Category::Structure
}

impl Rule for RollbackNotApplicable {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let doc = cx.doc;
        for h in doc.sections(SectionKind::Rollback) {
            let body = doc.text(h.content);
            let normalized = body
                .trim()
                .trim_matches(|c: char| {
                    c.is_ascii_punctuation() && c != '/' && c != '-' || c.is_whitespace()
                })
                .to_lowercase();
            if !normalized.is_empty() && DISMISSALS.contains(&normalized.as_str()) {
                cx.report(
                    h.span,
                    format!("rollback section only says `{}`", body.trim()),
                );
            }
        }
    }
}
