//! `stale-review`: the last review is too old, or in the future.

use crate::diagnostic::Severity;
use crate::rule::{Category, Context, Rule, RuleMeta};

crate::declare_rule! {
    /// ## What it checks
    /// Runbooks whose `last_reviewed` date is older than
    /// `review_interval_days` (front-matter) or, when the runbook gives none,
    /// `[review] max_age_days` from `runbook.toml` (default 180). A date in
    /// the future is reported too. Dates that are not valid are left to
    /// `front-matter-schema`.
    ///
    /// ## Why it matters
    /// Systems change under runbooks: hosts are renamed, flags removed,
    /// dashboards moved. A runbook nobody has walked through for a year is
    /// likely to fail at the step that matters.
    ///
    /// ## Example
    /// ```markdown
    /// ---
    /// last_reviewed: 2024-01-15
    /// review_interval_days: 90
    /// ---
    /// ```
    ///
    /// ## How to fix
    /// Walk through the runbook, correct what changed, and set
    /// `last_reviewed` to today's date.
    pub StaleReview, "stale-review", Severity::Warning, Category::Ownership
}

impl Rule for StaleReview {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let Some(reviewed) = &cx.doc.metadata.last_reviewed else {
            return;
        };
        let Ok(date) = reviewed.value.trim().parse::<jiff::civil::Date>() else {
            return;
        };
        let today = cx.compiled.today;
        let limit = cx
            .doc
            .metadata
            .review_interval_days
            .as_ref()
            .map_or(i64::from(cx.config.max_age_days()), |d| d.value);
        let Ok(span) = date.until(today) else {
            return;
        };
        let age = i64::from(span.get_days());
        let location = reviewed.span;
        if age < 0 {
            cx.report(
                location,
                format!("`last_reviewed` {date} is in the future (today is {today})"),
            );
        } else if age > limit {
            cx.report(
                location,
                format!("last reviewed {age} days ago, more than the {limit} days allowed"),
            );
        }
    }
}
