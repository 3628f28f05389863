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
    /// The severity vocabulary.
    pub severity: EffectiveSeverity,
    /// Extra destructive-command patterns and guards.
    pub destructive: BTreeMap<String, Vec<String>>,
    /// Every requirement: the preset's, then `[[require]]`.
    pub require: Vec<EffectiveRequirement>,
}

/// `[severity]`.
#[derive(Debug, Clone, Serialize)]
pub struct EffectiveSeverity {
    /// The custom levels, most severe first; absent for the standard scale.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub levels: Option<Vec<String>>,
}

/// One requirement, as `[[require]]` writes it, with where it comes from.
#[derive(Debug, Clone, Serialize)]
pub struct EffectiveRequirement {
    /// `name`, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `runbook.toml` or `preset NAME`.
    pub from: String,
    /// Section names asked for.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<String>,
    /// `min_owners`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_owners: Option<u32>,
    /// `max_review_age_days`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_review_age_days: Option<u32>,
    /// `keys`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub keys: Vec<String>,
    /// The conditions.
    pub when: EffectiveWhen,
}

/// `when` of a requirement.
#[derive(Debug, Clone, Serialize)]
pub struct EffectiveWhen {
    /// The severity bound, e.g. `>= high`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub severity: Option<String>,
    /// Statuses, any of.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub status: Vec<String>,
    /// Services, any of.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub service: Vec<String>,
    /// Tags, `any` and `all`.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, Vec<String>>,
    /// Path globs.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub paths: Vec<String>,
}

impl EffectiveRequirement {
    fn new(r: &super::Requirement) -> Self {
        let mut tags = BTreeMap::new();
        if !r.when.tags_any.is_empty() {
            tags.insert("any".to_owned(), r.when.tags_any.clone());
        }
        if !r.when.tags_all.is_empty() {
            tags.insert("all".to_owned(), r.when.tags_all.clone());
        }
        Self {
            name: r.name.clone(),
            from: match r.origin {
                super::Origin::Config { .. } => "runbook.toml".to_owned(),
                super::Origin::Preset { preset } => format!("preset {preset}"),
            },
            sections: r.sections.iter().map(|s| s.name.clone()).collect(),
            min_owners: r.min_owners,
            max_review_age_days: r.max_review_age_days,
            keys: r.keys.clone(),
            when: EffectiveWhen {
                severity: r.when.severity.as_ref().map(ToString::to_string),
                status: r.when.status.clone(),
                service: r.when.service.clone(),
                tags,
                paths: r.when.paths.clone(),
            },
        }
    }
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
            severity: EffectiveSeverity {
                levels: config.severity.levels().map(<[String]>::to_vec),
            },
            destructive: BTreeMap::from([
                ("patterns".to_owned(), config.destructive_patterns.clone()),
                ("guards".to_owned(), config.destructive_guards.clone()),
            ]),
            require: config
                .requirements()
                .iter()
                .map(EffectiveRequirement::new)
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
