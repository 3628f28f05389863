//! Lint rules that catch unsafe runbooks.
//!
//! A [`Linter`] runs every enabled rule of the registry ([`rules::ALL_RULES`])
//! over a parsed [`runbook_parse::Document`] and returns [`Diagnostic`]s as
//! plain data. Each rule lives in its own file under `rules/`, declared with
//! [`declare_rule!`], whose doc comment is the rule's user documentation.
//!
//! Linting is two passes: [`Linter::check`] per file (independent, so the
//! CLI can run it in parallel), then [`finish`] once over the run for the
//! rules that look across files, suppression comments and sorting. The
//! cross-file rules see the files of the run and, through [`Project`], the
//! files of the project they need although nobody named them, so a run on
//! the staged files finds what a whole-tree run finds. Files that cannot
//! be read or parsed become an [`unreadable`] finding.
//!
//! ```
//! use runbook_lint::{Config, Linter, NoProject, finish};
//!
//! let config = Config::from_toml("preset = \"alert\"").unwrap();
//! let linter = Linter::new(config);
//! let doc = runbook_parse::parse_str("a.md", "# A\n[x](missing.md)\n", linter.parse_options());
//! let mut run = vec![linter.check(&doc, true)];
//! finish(&mut run, &NoProject(|_: &std::path::Path| false));
//! assert!(run[0].diagnostics().iter().any(|d| d.rule == "broken-link"));
//! ```
//!
//! This crate knows nothing of the command line or of output formats: it
//! has no clap, no miette, no terminal, prints nothing and reads no files.

mod config;
mod destructive;
mod diagnostic;
mod engine;
mod index;
mod project;
mod requirement;
mod rule;
pub mod rules;
mod schema;
pub mod suggest;
mod suppress;

pub use config::{
    ALERT, BoundLevel, Comparison, Config, ConfigError, DEFAULT_NON_RUNBOOKS, Effective,
    FrontMatterConfig, INCIDENT_RESPONSE, Level, MINIMAL, NonRunbook, Origin, Override, PRESETS,
    Preset, RequiredSection, Requirement, SECTION_RULES, STRICT, Sections, SeverityBound,
    TROUBLESHOOTING, When, default_non_runbook,
};
pub use diagnostic::{Diagnostic, Edit, Fix, Location, Related, Severity};
pub use engine::{Checked, Linter, finish, unreadable};
pub use project::{Neighbour, NoProject, Project};
pub use requirement::{RequirementCheck, Unmet};
pub use rule::{Category, CollectionContext, Context, Rule, RuleMeta, SuppressionContext};
