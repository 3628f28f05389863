//! The effective configuration, flattened for `runbook config --show`.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Config, Level};
use crate::rules::ALL_RULES;

/// Every setting after the preset and `runbook.toml` are combined.
#[derive(Debug, Clone, Serialize)]
pub struct Effective {
    /// The preset name.
    pub preset: String,
    /// Globs of files to lint (empty: every Markdown file).
    pub include: Vec<String>,
    /// Globs of files not linted, the default non-runbook names included.
    pub exclude: Vec<String>,
    /// The level of every rule.
    pub rules: BTreeMap<String, Level>,
    /// Required section kinds and extra aliases.
    pub sections: EffectiveSections,
    /// Front-matter requirements.
    pub front_matter: EffectiveFrontMatter,
    /// Review settings.
    pub review: EffectiveReview,
    /// Extra placeholder patterns.
    pub placeholders: BTreeMap<String, Vec<String>>,
    /// Extra secret patterns and the allowlist.
    pub secrets: BTreeMap<String, Vec<String>>,
    /// Per-path rule levels.
    pub overrides: Vec<EffectiveOverride>,
}

/// `[sections]` after the preset.
#[derive(Debug, Clone, Serialize)]
pub struct EffectiveSections {
    /// Required section kinds.
    pub required: Vec<String>,
    /// Extra aliases per kind.
    pub aliases: BTreeMap<String, Vec<String>>,
}

/// `[front_matter]` after the preset.
#[derive(Debug, Clone, Serialize)]
pub struct EffectiveFrontMatter {
    /// Required keys.
    pub required: Vec<String>,
    /// Keys accepted besides the schema's.
    pub known_keys: Vec<String>,
    /// Where the service comes from when the front-matter has none.
    pub service_from: String,
}

/// `[review]` after defaults.
#[derive(Debug, Clone, Serialize)]
pub struct EffectiveReview {
    /// Stale-review age in days.
    pub max_age_days: u32,
}

/// One `[[overrides]]` entry.
#[derive(Debug, Clone, Serialize)]
pub struct EffectiveOverride {
    /// Globs.
    pub files: Vec<String>,
    /// Levels.
    pub rules: BTreeMap<String, Level>,
}

/// The preset's aliases and `[sections.aliases]`, by kind.
fn effective_aliases(config: &Config) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (kind, names) in config.preset.aliases {
        out.entry(kind.name().to_owned())
            .or_default()
            .extend(names.iter().map(|n| (*n).to_owned()));
    }
    for (kind, names) in &config.sections.aliases {
        out.entry(kind.clone())
            .or_default()
            .extend(names.iter().cloned());
    }
    out
}

impl Effective {
    pub(super) fn new(config: &Config) -> Self {
        let mut exclude: Vec<String> = super::DEFAULT_NON_RUNBOOKS
            .iter()
            .map(|n| n.glob.to_owned())
            .collect();
        exclude.extend(config.exclude.iter().cloned());
        let mut known_keys: Vec<String> = config
            .preset
            .extra_known_keys
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        known_keys.extend(config.front_matter.known_keys.iter().cloned());
        Self {
            preset: config.preset.name.to_owned(),
            include: config.include.clone(),
            exclude,
            rules: ALL_RULES
                .iter()
                .map(|r| (r.meta().id.to_owned(), config.level(r.meta())))
                .collect(),
            sections: EffectiveSections {
                required: config
                    .required_sections()
                    .iter()
                    .map(|k| k.name().to_owned())
                    .collect(),
                aliases: effective_aliases(config),
            },
            front_matter: EffectiveFrontMatter {
                required: config.required_keys(),
                known_keys,
                service_from: config.front_matter.service_from.name().to_owned(),
            },
            review: EffectiveReview {
                max_age_days: config.max_age_days(),
            },
            placeholders: BTreeMap::from([(
                "patterns".to_owned(),
                config.placeholder_patterns.clone(),
            )]),
            secrets: BTreeMap::from([
                ("patterns".to_owned(), config.secret_patterns.clone()),
                ("allowlist".to_owned(), config.secret_allowlist.clone()),
            ]),
            overrides: config
                .overrides
                .iter()
                .map(|o| EffectiveOverride {
                    files: o.files.clone(),
                    rules: o.rules.clone(),
                })
                .collect(),
        }
    }

    /// The settings as `runbook.toml` text.
    pub fn to_toml(&self) -> String {
        toml::to_string_pretty(self).unwrap_or_default()
    }

    /// The settings as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}
