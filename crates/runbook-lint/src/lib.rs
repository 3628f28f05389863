//! Lint rules that catch unsafe runbooks.
//!
//! A [`Linter`] runs every enabled rule of the registry ([`rules::ALL_RULES`])
//! over a parsed [`runbook_parse::Document`] and returns [`Diagnostic`]s as
//! plain data. Each rule lives in its own file under `rules/`, declared with
//! [`declare_rule!`], whose doc comment is the rule's user documentation.
//!
//! This crate knows nothing of the command line or of output formats: it
//! has no clap, no miette, no terminal and prints nothing.

mod config;
mod diagnostic;
mod engine;
mod rule;
pub mod rules;

pub use config::{Config, Level, Sections};
pub use diagnostic::{Diagnostic, Edit, Fix, Location, Related, Severity};
pub use engine::{FileResult, Linter, sort};
pub use rule::{Category, Context, Rule, RuleMeta};
