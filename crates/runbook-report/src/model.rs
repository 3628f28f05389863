//! The report as plain, serialisable data. Its JSON form is a stable
//! interface, described by `schemas/report-ownership.schema.json`.

use std::path::PathBuf;

use serde::Serialize;

use crate::alerts::AlertRule;
use crate::error::InputError;

/// The version of the JSON shape; bumped only on incompatible changes.
pub const SCHEMA_VERSION: u32 = 1;

/// Lint findings of one runbook, counted by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct LintCounts {
    /// Findings of severity error.
    pub errors: usize,
    /// Findings of severity warning.
    pub warnings: usize,
}

/// The whole report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The version of this shape, [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The date reviews were judged against, `YYYY-MM-DD`.
    pub today: String,
    /// The review interval used when a runbook sets none.
    pub review_max_age_days: i64,
    /// Collection-wide numbers.
    pub summary: Summary,
    /// One entry per service, by name; runbooks without one last.
    pub services: Vec<ServiceStats>,
    /// One entry per distinct owner, most runbooks first.
    pub owners: Vec<OwnerStats>,
    /// Every runbook, by path.
    pub runbooks: Vec<RunbookEntry>,
    /// Runbooks due for review, and those without a usable date.
    pub review: ReviewHealth,
    /// Alert coverage; absent when no rules file was given.
    pub alerts: Option<AlertCoverage>,
    /// Problems with input files; the report is built from the rest.
    pub errors: Vec<InputError>,
}

/// Collection-wide numbers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// Runbooks analysed.
    pub runbooks: usize,
    /// Distinct services (runbooks without one are not a service).
    pub services: usize,
    /// Distinct owners after normalisation.
    pub owners: usize,
    /// Truck factor of the whole collection.
    pub truck_factor: usize,
    /// The owners the truck factor removed, in order.
    pub truck_factor_owners: Vec<String>,
    /// Runbooks with exactly one owner.
    pub single_owner_runbooks: usize,
    /// Runbooks with no owner.
    pub ownerless_runbooks: usize,
    /// Runbooks past their review date.
    pub overdue_runbooks: usize,
    /// Runbooks with a missing or invalid `last_reviewed`.
    pub undated_runbooks: usize,
    /// Lint errors over all runbooks.
    pub lint_errors: usize,
    /// Lint warnings over all runbooks.
    pub lint_warnings: usize,
}

/// How runbooks without a `service` are named in every rendering.
pub const NO_SERVICE: &str = "(no service)";

/// Numbers for the runbooks of one service.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceStats {
    /// The `service` front-matter value; `None` groups runbooks without one.
    pub name: Option<String>,
    /// Runbooks of the service.
    pub runbooks: usize,
    /// Distinct owners of those runbooks.
    pub owners: usize,
    /// Runbooks with exactly one owner.
    pub single_owner_runbooks: usize,
    /// Runbooks with no owner.
    pub ownerless_runbooks: usize,
    /// Runbooks past their review date.
    pub overdue_runbooks: usize,
    /// Share of runbooks past their review date, from 0 to 1.
    pub overdue_share: f64,
    /// Runbooks with a missing or invalid `last_reviewed`.
    pub undated_runbooks: usize,
    /// Lint errors over the service's runbooks.
    pub lint_errors: usize,
    /// Lint warnings over the service's runbooks.
    pub lint_warnings: usize,
    /// The service's truck factor.
    pub truck_factor: usize,
    /// The owners the truck factor removed, in order.
    pub truck_factor_owners: Vec<String>,
    /// The service's runbooks, by path.
    pub runbook_paths: Vec<PathBuf>,
}

impl ServiceStats {
    /// The service's name, or [`NO_SERVICE`].
    pub fn display_name(&self) -> &str {
        self.name.as_deref().unwrap_or(NO_SERVICE)
    }
}

/// Numbers for one owner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OwnerStats {
    /// The owner as first written (trimmed, whitespace collapsed).
    pub name: String,
    /// The normalised key owners are compared by.
    pub key: String,
    /// Every distinct spelling seen, in order of appearance.
    pub spellings: Vec<String>,
    /// Runbooks listing this owner.
    pub runbooks: usize,
    /// Runbooks listing this owner and nobody else.
    pub sole_runbooks: usize,
    /// Named services of those runbooks, sorted.
    pub services: Vec<String>,
    /// Runbooks listing this owner, by path.
    pub runbook_paths: Vec<PathBuf>,
    /// Runbooks listing only this owner, by path.
    pub sole_runbook_paths: Vec<PathBuf>,
}

/// Where a runbook stands on review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ReviewState {
    /// Reviewed recently enough.
    Current,
    /// Past its review date.
    Overdue,
    /// No `last_reviewed`.
    Missing,
    /// A `last_reviewed` that is not a date.
    Invalid,
    /// A `last_reviewed` more than a day after the report's date.
    Future,
}

/// One runbook's line in the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RunbookEntry {
    /// The file, as given.
    pub path: PathBuf,
    /// The title, if any.
    pub title: Option<String>,
    /// The service, if any.
    pub service: Option<String>,
    /// Distinct owners, as first written.
    pub owners: Vec<String>,
    /// `last_reviewed` as written.
    pub last_reviewed: Option<String>,
    /// The review interval applied, in days.
    pub review_interval_days: i64,
    /// When the next review falls due, `YYYY-MM-DD`, if known.
    pub review_due: Option<String>,
    /// Days past the due date (0 when not overdue).
    pub days_overdue: i64,
    /// Where the runbook stands on review.
    pub review: ReviewState,
    /// Lint errors.
    pub lint_errors: usize,
    /// Lint warnings.
    pub lint_warnings: usize,
    /// `severity` as written.
    pub severity: Option<String>,
    /// Its rank on the configured scale (0 is the most severe), when the
    /// scale knows it.
    pub severity_rank: Option<u8>,
}

/// Runbooks due for review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReviewHealth {
    /// Past their due date, the most severe first, then the longest overdue.
    pub overdue: Vec<RunbookEntry>,
    /// With a missing, invalid or future `last_reviewed`, by path.
    pub undated: Vec<RunbookEntry>,
}

/// How an alert's `runbook_url` resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkStatus {
    /// No `runbook_url`.
    None,
    /// It points at a runbook of the collection.
    Resolved,
    /// It points at a runbook that is not in the collection.
    Broken,
    /// It contains a `{{ template }}` and cannot be checked.
    Templated,
}

/// One alerting rule and the runbooks that answer it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AlertStatus {
    /// The rule.
    #[serde(flatten)]
    pub rule: AlertRule,
    /// How its `runbook_url` resolved.
    pub link: LinkStatus,
    /// Whether some runbook answers it.
    pub covered: bool,
    /// Runbooks that list it in `alerts` or that its `runbook_url` names.
    pub runbooks: Vec<PathBuf>,
}

/// A name in a runbook's `alerts` that no rules file defines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnknownAlert {
    /// The runbook.
    pub runbook: PathBuf,
    /// The alert name as written.
    pub alert: String,
    /// 1-based line of the name in the runbook.
    pub line: usize,
}

/// Alerts matched to runbooks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AlertCoverage {
    /// The rules files read.
    pub rules_files: Vec<PathBuf>,
    /// Alerting rules read.
    pub total: usize,
    /// Alerts some runbook answers.
    pub covered: usize,
    /// Alerts no runbook answers.
    pub uncovered: usize,
    /// Alerts whose `runbook_url` points at no runbook.
    pub broken_links: usize,
    /// Every alerting rule, in file order.
    pub alerts: Vec<AlertStatus>,
    /// Runbook `alerts` names that no rules file defines.
    pub unknown_references: Vec<UnknownAlert>,
}
