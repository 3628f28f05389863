//! Configuration: `runbook.toml`, as data.

use std::collections::BTreeMap;

use runbook_parse::{ParseOptions, SectionAliases, SectionKind};
use serde::Deserialize;

use crate::diagnostic::Severity;
use crate::rule::RuleMeta;

/// A rule's configured level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// The rule does not run.
    Off,
    /// Findings are warnings.
    Warning,
    /// Findings are errors.
    Error,
}

/// The effective configuration for a set of runbooks.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Per-rule levels, by rule id.
    pub rules: BTreeMap<String, Level>,
    /// Section recognition.
    pub sections: Sections,
}

/// The `[sections]` table.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Sections {
    /// Extra heading aliases per section kind (`rollback = ["Fallback"]`).
    pub aliases: BTreeMap<String, Vec<String>>,
}

impl Config {
    /// The severity a rule runs at, or `None` when it is off.
    pub fn severity(&self, rule: &RuleMeta) -> Option<Severity> {
        match self.rules.get(rule.id) {
            Some(Level::Off) => None,
            Some(Level::Warning) => Some(Severity::Warning),
            Some(Level::Error) => Some(Severity::Error),
            None => Some(rule.default_severity),
        }
    }

    /// The parser options this configuration implies (section aliases).
    pub fn parse_options(&self) -> ParseOptions {
        let mut aliases = SectionAliases::default();
        for (kind, names) in &self.sections.aliases {
            if let Some(kind) = SectionKind::from_name(kind) {
                for name in names {
                    aliases.add(kind, name);
                }
            }
        }
        ParseOptions { aliases }
    }
}
