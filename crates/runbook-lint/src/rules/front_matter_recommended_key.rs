//! `front-matter-recommended-key`: a key of the strict contract is missing.

use crate::diagnostic::Severity;
use crate::rule::{Category, Context, Rule, RuleMeta};

crate::declare_rule! {
    /// ## What it checks
    /// Under a preset that requires fewer front-matter keys than `strict`
    /// (such as `alert`), runbooks that lack some of the strict keys
    /// (`service`, `owners`, `last_reviewed`), reported once per runbook. Under `strict` these keys are
    /// required and reported by `front-matter-schema` instead. With
    /// `[front_matter] service_from = "folder"`, the folder gives the
    /// service and `service` is not asked for.
    ///
    /// ## Why it matters
    /// Owners and a review date are what keep a runbook correct over time.
    /// A relaxed preset lets a team adopt the linter without a red build;
    /// this rule shows the way to the full contract.
    ///
    /// ## Example
    /// ```toml
    /// # runbook.toml
    /// preset = "alert"
    /// ```
    ///
    /// ```markdown
    /// ---
    /// title: Kube Pod Crash Looping
    /// weight: 20
    /// ---
    /// ```
    ///
    /// ## How to fix
    /// Add the key to the front-matter, e.g. `owners: ["@platform-team"]` and
    /// `last_reviewed: 2026-11-01`.
    pub FrontMatterRecommendedKey, "front-matter-recommended-key", Severity::Warning, Category::FrontMatter
}

impl Rule for FrontMatterRecommendedKey {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let Some(fm) = &cx.doc.front_matter else {
            return;
        };
        if fm.root.is_err() {
            return;
        }
        let span = fm.span;
        let first_line = cx.doc.text(span).find('\n').map_or(span, |n| {
            runbook_parse::Span::new(span.start, span.start + n)
        });
        let missing: Vec<String> = cx
            .compiled
            .recommended_keys
            .iter()
            .filter(|k| fm.get(k).is_none())
            // `[front_matter] service_from = "folder"` gives the service.
            .filter(|k| *k != "service" || cx.doc.service().is_none())
            .cloned()
            .collect();
        if missing.is_empty() {
            return;
        }
        let names: Vec<String> = missing.iter().map(|k| format!("`{k}`")).collect();
        let examples: Vec<String> = missing
            .iter()
            .filter_map(|k| crate::schema::expected_shape(k).map(|shape| format!("`{k}`: {shape}")))
            .collect();
        let d = cx.report(
            first_line,
            format!("front-matter has no {}", names.join(", ")),
        );
        d.help = Some(format!("add {}", examples.join("; ")));
    }
}
