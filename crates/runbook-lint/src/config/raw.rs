//! The `runbook.toml` syntax, with spans, and its validation into a [`Config`].

use std::collections::BTreeMap;

use runbook_parse::{SectionKind, ServiceFrom};
use serde::Deserialize;
use toml::Spanned;

use super::require::{RawRequire, RawSeverity};
use super::{Config, ConfigError, FrontMatterConfig, Level, Override, Preset, Sections, glob};
use crate::rules::ALL_RULES;
use crate::suggest::closest;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct Raw {
    preset: Option<Spanned<String>>,
    rules: BTreeMap<Spanned<String>, Level>,
    sections: RawSections,
    front_matter: RawFrontMatter,
    review: RawReview,
    placeholders: RawPatterns,
    secrets: RawSecrets,
    include: Vec<Spanned<String>>,
    exclude: Vec<Spanned<String>>,
    overrides: Vec<RawOverride>,
    severity: RawSeverity,
    require: Vec<Spanned<RawRequire>>,
    destructive: RawDestructive,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawSections {
    aliases: BTreeMap<Spanned<String>, Vec<String>>,
    required: Vec<Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawFrontMatter {
    required: Option<Vec<String>>,
    known_keys: Vec<String>,
    service_from: Option<Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawReview {
    max_age_days: Option<Spanned<i64>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawPatterns {
    patterns: Vec<Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawSecrets {
    patterns: Vec<Spanned<String>>,
    allowlist: Vec<Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawDestructive {
    patterns: Vec<Spanned<String>>,
    guards: Vec<Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawOverride {
    files: Vec<Spanned<String>>,
    rules: BTreeMap<Spanned<String>, Level>,
}

/// Parses and validates `runbook.toml` text.
pub(super) fn parse(text: &str) -> Result<Config, ConfigError> {
    let raw: Raw = toml::from_str(text).map_err(|e| syntax_error(text, &e))?;
    let preset = match &raw.preset {
        None => Preset::default(),
        Some(name) => Preset::find(name.get_ref())
            .ok_or_else(|| unknown(text, name, "preset", super::PRESETS.iter().map(|p| p.name)))?,
    };
    validate_patterns(text, &raw)?;
    let mut sections = Sections::default();
    for (kind, names) in raw.sections.aliases {
        check_kind(text, &kind)?;
        sections.aliases.insert(kind.into_inner(), names);
    }
    for kind in &raw.sections.required {
        sections.required.push(check_kind(text, kind)?);
    }
    let max_age_days = match raw.review.max_age_days {
        None => None,
        Some(days) => Some(
            u32::try_from(*days.get_ref())
                .ok()
                .filter(|d| *d > 0)
                .ok_or_else(|| {
                    ConfigError::at(
                        text,
                        Some(days.span()),
                        "`max_age_days` must be a positive number of days".to_owned(),
                    )
                })?,
        ),
    };
    let service_from = match &raw.front_matter.service_from {
        None => ServiceFrom::default(),
        Some(name) => ServiceFrom::from_name(name.get_ref()).ok_or_else(|| {
            unknown(
                text,
                name,
                "`service_from` value",
                ["front-matter", "folder"].into_iter(),
            )
        })?,
    };
    let severity = super::require::scale(text, raw.severity)?;
    let requirements =
        super::require::requirements(text, raw.require, &severity, &parse_aliases(&sections))?;
    let mut overrides = Vec::new();
    for o in raw.overrides {
        overrides.push(Override {
            files: strings(o.files),
            rules: rule_levels(text, o.rules)?,
        });
    }
    Ok(Config {
        preset,
        rules: rule_levels(text, raw.rules)?,
        sections,
        front_matter: FrontMatterConfig {
            required: raw.front_matter.required,
            known_keys: raw.front_matter.known_keys,
            service_from,
        },
        max_age_days,
        placeholder_patterns: strings(raw.placeholders.patterns),
        secret_patterns: strings(raw.secrets.patterns),
        secret_allowlist: strings(raw.secrets.allowlist),
        include: strings(raw.include),
        exclude: strings(raw.exclude),
        overrides,
        today: None,
        severity,
        requirements,
        destructive_patterns: strings(raw.destructive.patterns),
        destructive_guards: strings(raw.destructive.guards),
    })
}

/// Every regex and glob of the configuration compiles, or the first that
/// does not is an error at its place.
fn validate_patterns(text: &str, raw: &Raw) -> Result<(), ConfigError> {
    for pattern in raw
        .placeholders
        .patterns
        .iter()
        .chain(&raw.secrets.patterns)
        .chain(&raw.secrets.allowlist)
        .chain(&raw.destructive.patterns)
        .chain(&raw.destructive.guards)
    {
        if let Err(e) = regex::Regex::new(pattern.get_ref()) {
            return Err(ConfigError::at(
                text,
                Some(pattern.span()),
                format!("invalid regex: {}", first_line(&e.to_string())),
            ));
        }
    }
    for pattern in raw
        .include
        .iter()
        .chain(&raw.exclude)
        .chain(raw.overrides.iter().flat_map(|o| &o.files))
    {
        if let Err(e) = glob(pattern.get_ref()) {
            return Err(ConfigError::at(
                text,
                Some(pattern.span()),
                format!("invalid glob: {e}"),
            ));
        }
    }
    Ok(())
}

/// The section aliases `[sections]` configures, for naming sections in
/// `[[require]]` by heading text.
fn parse_aliases(sections: &Sections) -> runbook_parse::SectionAliases {
    Config {
        sections: sections.clone(),
        ..Config::default()
    }
    .parse_options()
    .aliases
}

fn strings(items: Vec<Spanned<String>>) -> Vec<String> {
    items.into_iter().map(Spanned::into_inner).collect()
}

fn first_line(text: &str) -> &str {
    text.lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or(text)
        .trim()
}

fn rule_levels(
    text: &str,
    rules: BTreeMap<Spanned<String>, Level>,
) -> Result<BTreeMap<String, Level>, ConfigError> {
    let mut out = BTreeMap::new();
    for (id, level) in rules {
        if crate::rules::find(id.get_ref()).is_none() {
            return Err(unknown(
                text,
                &id,
                "rule",
                ALL_RULES.iter().map(|r| r.meta().id),
            ));
        }
        out.insert(id.into_inner(), level);
    }
    Ok(out)
}

fn check_kind(text: &str, kind: &Spanned<String>) -> Result<SectionKind, ConfigError> {
    SectionKind::from_name(kind.get_ref())
        .filter(|k| *k != SectionKind::Other)
        .ok_or_else(|| {
            unknown(
                text,
                kind,
                "section kind",
                SectionKind::KNOWN.iter().map(|k| k.name()),
            )
        })
}

pub(super) fn unknown<'a>(
    text: &str,
    name: &Spanned<String>,
    what: &str,
    valid: impl Iterator<Item = &'a str> + Clone,
) -> ConfigError {
    let mut e = ConfigError::at(
        text,
        Some(name.span()),
        format!("unknown {what} `{}`", name.get_ref()),
    );
    e.key = Some(name.get_ref().clone());
    e.suggestion = closest(name.get_ref(), valid).map(str::to_owned);
    e
}

/// Turns a TOML/serde error into a located error; for unknown keys and
/// values it names the closest valid one.
fn syntax_error(text: &str, e: &toml::de::Error) -> ConfigError {
    let message = e.message().trim().to_owned();
    let mut err = ConfigError::at(text, e.span(), message.clone());
    // serde words these "unknown field `x`, expected one of `a`, `b`" and
    // "unknown variant `x`, expected `a` or `b`".
    for prefix in ["unknown field `", "unknown variant `"] {
        if let Some(rest) = message.strip_prefix(prefix) {
            let (name, expected) = rest.split_once('`').unwrap_or((rest, ""));
            let valid: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
            err.key = Some(name.to_owned());
            err.suggestion = closest(name, valid.iter().copied()).map(str::to_owned);
            err.message = if prefix.contains("field") {
                format!("unknown configuration key `{name}`")
            } else {
                format!(
                    "unknown value `{name}`, expected one of {}",
                    valid
                        .iter()
                        .map(|v| format!("`{v}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
        }
    }
    err
}
