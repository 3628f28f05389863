//! Lint rules that catch unsafe runbooks.
//!
//! A [`Linter`] runs every enabled rule of the registry ([`rules::ALL_RULES`])
//! over a parsed [`runbook_parse::Document`] and returns [`Diagnostic`]s as
//! plain data. Each rule lives in its own file under `rules/`, declared with
//! [`declare_rule!`], whose doc comment is the rule's user documentation.
//!
//! Linting is two passes: [`Linter::check`] per file (independent, so the
//! CLI can run it in parallel), then [`Linter::finish`] once over all
//! results for cross-file rules, suppression comments and sorting. Files
//! that [`Linter::is_runbook`] rejects go through [`Linter::index_only`]
//! (link targets, no per-file rules); files that cannot be read or parsed
//! become an `unreadable-file` finding through [`unreadable`].
//!
//! ```
//! use runbook_lint::{Config, Linter};
//!
//! let config = Config::from_toml("preset = \"alert\"").unwrap();
//! let linter = Linter::new(config);
//! let doc = runbook_parse::parse_str("a.md", "# A\n[x](missing.md)\n", &linter.config().parse_options());
//! let results = linter.finish(vec![linter.check(&doc)], &|_| false);
//! assert!(results[0].diagnostics.iter().any(|d| d.rule == "broken-link"));
//! ```
//!
//! This crate knows nothing of the command line or of output formats: it
//! has no clap, no miette, no terminal, prints nothing and reads no files.

mod config;
mod diagnostic;
mod engine;
mod index;
mod rule;
pub mod rules;
mod schema;
mod suppress;

pub use config::{
    ALERT, Config, ConfigError, DEFAULT_MAX_AGE_DAYS, DEFAULT_NON_RUNBOOKS, Effective,
    FrontMatterConfig, INCIDENT_RESPONSE, Level, MINIMAL, NonRunbook, Override, PRESETS, Preset,
    SECTION_RULES, STRICT, Sections, TROUBLESHOOTING, default_non_runbook,
};
pub use diagnostic::{Diagnostic, Edit, Fix, Location, Related, Severity, fingerprint};
pub use engine::{FileResult, Linter, sort, unreadable};
pub use index::{FileIndex, OutLink};
pub use rule::{Category, Context, Rule, RuleMeta};
pub use schema::RUNBOOK_SCHEMA;
pub use suppress::{Suppression, SuppressionKind};
