//! `stale-review`: the last review is too old, or in the future.

use runbook_parse::{Review, ReviewStatus};

use crate::diagnostic::Severity;
use crate::rule::{Category, Context, Rule, RuleMeta};

crate::declare_rule! {
    /// ## What it checks
    /// Runbooks whose `last_reviewed` date is older than
    /// `review_interval_days` (front-matter) or, when the runbook gives none,
    /// `[review] max_age_days` from `runbook.toml` (default 180). A date
    /// more than a day in the future is reported too (today is the UTC
    /// date; a reviewer east of Greenwich may write tomorrow's). Dates that
    /// are not valid are left to `front-matter-schema`. The site's review
    /// badges and `runbook report` judge reviews by the same rule.
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
        let today = cx.compiled.today;
        let review = Review::of(&cx.doc.metadata, today, cx.config.max_age_days());
        let location = reviewed.span;
        match review.status {
            ReviewStatus::Future { reviewed } => {
                cx.report(
                    location,
                    format!("`last_reviewed` {reviewed} is in the future (today is {today})"),
                );
            }
            ReviewStatus::Overdue { reviewed, .. } => {
                let age = runbook_parse::review::days_between(reviewed, today);
                cx.report(
                    location,
                    format!(
                        "last reviewed {age} days ago, more than the {} days allowed",
                        review.interval_days
                    ),
                );
            }
            // Dates that are not dates are `front-matter-schema`'s to report.
            ReviewStatus::Current { .. } | ReviewStatus::Missing | ReviewStatus::Invalid(_) => {}
        }
    }
}
