//! `missing-section`: a section kind the configuration requires is absent.

use runbook_parse::SectionKind;

use crate::diagnostic::Severity;
use crate::rule::{Category, Context, Rule, RuleMeta};

/// Kinds with a dedicated rule of their own, which this rule leaves alone.
const DEDICATED: &[SectionKind] = &[
    SectionKind::Prerequisites,
    SectionKind::Rollback,
    SectionKind::Verification,
    SectionKind::Contacts,
];

crate::declare_rule! {
    /// ## What it checks
    /// Runbooks missing a section kind that the preset or `[sections]
    /// required` asks for and that has no dedicated rule: `steps` in the
    /// strict preset; `meaning`, `impact`, `diagnosis` and `mitigation`
    /// (the `steps` kind) in the alert preset; any kind you add, such as
    /// `impact`.
    ///
    /// ## Why it matters
    /// A team's runbook template exists so an operator finds the same
    /// information in the same place in every runbook. A runbook without a
    /// procedure, or an alert runbook without its diagnosis, leaves the
    /// operator to improvise.
    ///
    /// ## Example
    /// ```markdown
    /// # KubePodCrashLooping
    /// ## Meaning
    /// A pod is restarting.
    /// ## Impact
    /// The service is degraded.
    /// ```
    ///
    /// ## How to fix
    /// Add the missing section under a heading the aliases recognise (for
    /// example `## Steps`, `## Mitigation`, `## Diagnosis`), or add your
    /// team's heading to `[sections.aliases]`.
    pub MissingSection, "missing-section", Severity::Error, Category::Structure
}

impl Rule for MissingSection {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let missing: Vec<&str> = cx
            .compiled
            .required_sections
            .iter()
            .filter(|kind| !DEDICATED.contains(kind) && !cx.doc.has_section(**kind))
            .map(|kind| match kind {
                SectionKind::Steps => "steps (or mitigation)",
                other => other.name(),
            })
            .collect();
        // One finding per runbook: a page that skips the whole template is one
        // problem to fix, not four.
        let message = match missing.as_slice() {
            [] => return,
            [one] => format!("runbook has no {one} section"),
            [first @ .., last] => {
                format!("runbook has no {} or {last} section", first.join(", "))
            }
        };
        let span = cx.file_span();
        cx.report(span, message);
    }
}
