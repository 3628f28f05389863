//! Render parsed runbooks and lint results as a static HTML site.
//!
//! [`render`] turns a [`SiteInput`] (parsed [`runbook_parse::Document`]s
//! with their review status, severity rank and requirements, their lint
//! [`Finding`]s as plain data, the [`RuleDoc`] reference, [`SiteOptions`]
//! and the [`runbook_report::Report`] the ownership page draws) into a
//! [`Site`]: every page, asset and the search index as bytes in memory,
//! plus the list of files beside the runbooks that pages link to
//! ([`SiteAsset`]), so `runbook build` and the live-reloading `runbook
//! serve` share one renderer. [`write_atomic`] then swaps the site into a
//! folder and copies the linked files.
//!
//! A [`Renderer`] does the same one runbook at a time: it renders a
//! runbook's page and keeps a small [`RunbookSummary`], then the site-wide
//! pages from the summaries. With a [`SiteWriter`] that writes each page
//! as it is rendered, a build holds one parsed runbook per thread, not all.
//!
//! This crate never runs lint rules and has no `runbook-lint` dependency:
//! the caller converts diagnostics to [`Finding`]s, and judges reviews with
//! [`runbook_parse::Review`] as lint does. Besides `runbook-parse` it
//! depends only on `runbook-report`, whose data the "Ownership & coverage"
//! page draws. It does no I/O except in its writer: [`write_atomic`],
//! [`SiteWriter`] and [`open_asset`].
//!
//! ```
//! use runbook_parse::Review;
//! use runbook_report::{LintCounts, Options, Runbook};
//! use runbook_site::{render, SiteInput, SiteDocument, SiteOptions};
//!
//! let text = "---\ntitle: Restart\nservice: db\n---\n# Restart\n## Rollback\nUndo.\n";
//! let document = runbook_parse::parse_str("restart.md", text, &Default::default());
//! let today = jiff::civil::date(2026, 1, 1);
//! let review = Review::of(&document.metadata, today, 180);
//! let runbooks = [Runbook { document: &document, lint: LintCounts::default(), review: review.clone() }];
//! let report = runbook_report::build(&runbooks, &[], &Options::new(today));
//! let input = SiteInput {
//!     documents: vec![SiteDocument {
//!         document,
//!         rel_path: "restart.md".into(),
//!         findings: vec![],
//!         review,
//!         severity: None,
//!         requirements: vec![],
//!     }],
//!     rules: vec![],
//!     options: SiteOptions {
//!         title: "Runbooks".into(),
//!         base_url: None,
//!         repo_url: None,
//!     },
//!     report,
//! };
//! let site = render(&input).unwrap();
//! assert!(site.get("runbooks/restart.html").unwrap().text().contains("callout-rollback"));
//! assert!(site.get("ownership.html").unwrap().text().contains("Truck factor"));
//! ```

mod error;
mod highlight;
mod links;
mod live;
mod markdown;
mod model;
mod pages;
mod search;
mod template;
mod write;

pub use error::SiteError;
pub use live::{LIVE_RELOAD_PATH, LIVE_RELOAD_SCRIPT, with_live_reload};
pub use model::{
    Finding, FindingSeverity, RenderedRunbook, RequirementStatus, RuleDoc, RunbookRef,
    SeverityLevel, Site, SiteAsset, SiteDocument, SiteFile, SiteInput, SiteOptions,
};
pub use pages::{Renderer, RunbookSummary};
pub use write::{MARKER, SiteWriter, SkippedAsset, open_asset, write_atomic};

/// Renders the whole site into memory; fails only when two runbooks would
/// be published at the same URL.
pub fn render(input: &SiteInput) -> Result<Site, SiteError> {
    pages::render(input)
}

#[cfg(test)]
mod tests;
