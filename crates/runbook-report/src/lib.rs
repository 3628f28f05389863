//! Collection-wide reports on runbooks: ownership, truck factor, alert
//! coverage and review health.
//!
//! [`build`] takes parsed runbooks ([`Runbook`]: a
//! [`runbook_parse::Document`], its [`LintCounts`] and its
//! [`runbook_parse::Review`], judged by the caller with the configured
//! maximum age, as lint and the site judge it), the text of
//! Prometheus alerting rule files ([`RulesSource`]) and [`Options`], and
//! returns a [`Report`]: plain data whose JSON form is a stable interface
//! (`schemas/report-ownership.schema.json`). The renderers [`render_human`]
//! and [`render_markdown`] turn a report into text; the site draws its own
//! HTML page from the same data.
//!
//! This crate does no I/O and runs no lint rules: the caller reads files,
//! lints them and passes the counts in. It depends on `runbook-parse` only.
//!
//! ```
//! use runbook_parse::{parse_str, ParseOptions, Review};
//! use runbook_report::{build, LintCounts, Options, Runbook};
//!
//! let doc = parse_str(
//!     "restart.md",
//!     "---\nservice: db\nowners: [\"@db-team\"]\nlast_reviewed: 2026-01-01\n---\n# Restart\n",
//!     &ParseOptions::default(),
//! );
//! let today = jiff::civil::date(2026, 12, 1);
//! let review = Review::of(&doc.metadata, today, 180);
//! let runbooks = [Runbook { document: &doc, lint: LintCounts::default(), review }];
//! let report = build(&runbooks, &[], &Options::new(today));
//! assert_eq!(report.summary.truck_factor, 1);
//! assert_eq!(report.review.overdue.len(), 1);
//! ```

mod alerts;
mod build;
mod error;
mod model;
mod owners;
mod render;
mod truck_factor;

pub use alerts::{AlertRule, RulesFile, parse_rules};
pub use build::{Options, RulesSource, Runbook, build};
pub use error::InputError;
pub use model::{
    AlertCoverage, AlertStatus, LinkStatus, LintCounts, NO_SERVICE, OwnerStats, Report,
    ReviewHealth, ReviewState, RunbookEntry, SCHEMA_VERSION, ServiceStats, Summary, UnknownAlert,
};
pub use owners::normalize_owner;
pub use render::{GroupBy, percent, plural, render_human, render_markdown};
