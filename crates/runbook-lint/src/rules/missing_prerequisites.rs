//! `missing-prerequisites`: the runbook has no prerequisites section.

use runbook_parse::SectionKind;

use crate::diagnostic::Severity;
use crate::rule::{Category, Context, Rule, RuleMeta};

crate::declare_rule! {
    /// ## What it checks
    /// Runbooks with no prerequisites section at any heading level. Headings are
    /// recognised through the section aliases: Prerequisites, Requirements,
    /// Before you begin, Pre-checks, Preparation and any configured in
    /// `[sections.aliases]`.
    ///
    /// ## Why it matters
    /// Half-way through a procedure is the worst moment to discover that you
    /// lack access, a tool or a fresh backup. Prerequisites are checked before
    /// the first irreversible step.
    ///
    /// ## Example
    /// ```markdown
    /// ## Steps
    /// 1. Promote the replica.
    ///
    /// ## Rollback
    /// ```
    ///
    /// ## How to fix
    /// Add a `## Prerequisites` section listing the access, tools and state the
    /// operator needs before starting ("you can run `kubectl` against prod",
    /// "the last backup is less than 24 h old").
    pub MissingPrerequisites, "missing-prerequisites", Severity::Error, Category::Structure
}

impl Rule for MissingPrerequisites {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        if cx.doc.has_section(SectionKind::Prerequisites) {
            return;
        }
        let span = cx.file_span();
        cx.report(span, "runbook has no prerequisites section");
    }
}
