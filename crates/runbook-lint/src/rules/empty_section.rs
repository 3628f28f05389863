//! `empty-section`: a runbook section has a heading but no content.

use runbook_parse::SectionKind;

use crate::diagnostic::Severity;
use crate::rule::{Category, Context, Rule, RuleMeta};

crate::declare_rule! {
    /// ## What it checks
    /// Headings recognised as a runbook section (prerequisites, steps,
    /// rollback, verification, contacts, meaning, impact, diagnosis) whose
    /// section holds nothing: only whitespace, or only sub-headings that are
    /// empty themselves.
    ///
    /// ## Why it matters
    /// An empty `## Rollback` satisfies a checklist and a reader's eye, but
    /// not an operator at 3 a.m. It is worse than a missing section because
    /// it looks done.
    ///
    /// ## Example
    /// ```markdown
    /// ## Rollback
    ///
    /// ## Verification
    /// Check the dashboard.
    /// ```
    ///
    /// ## How to fix
    /// Write the section's content, or delete the heading so that the
    /// missing-section rules report what is still to be written.
    pub EmptySection, "empty-section", Severity::Error, Category::Structure
}

impl Rule for EmptySection {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let doc = cx.doc;
        for (i, h) in doc.headings.iter().enumerate() {
            if h.kind == SectionKind::Other || doc.has_content(i) {
                continue;
            }
            // An empty parent section is reported already: report the
            // outermost empty heading only.
            let parent_reported = h.parent.is_some_and(|p| {
                doc.headings
                    .get(p)
                    .is_some_and(|ph| ph.kind != SectionKind::Other)
                    && !doc.has_content(p)
            });
            if parent_reported {
                continue;
            }
            cx.report(h.span, format!("{} section `{}` is empty", h.kind, h.text));
        }
    }
}
