//! `[severity]` and `[[require]]`: the severity vocabulary, and the
//! requirements that apply to runbooks by what they are for (their
//! severity, status, service, tags or path), as data.
//!
//! Checking a runbook against them is `crate::requirement`'s job.

use std::fmt;

use runbook_parse::{SectionAliases, SectionKind, SeverityScale};
use serde::Deserialize;
use toml::Spanned;

use super::preset::{Preset, STRICT};
use super::raw::unknown;
use super::{ConfigError, glob};

/// Where a requirement comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The `index`-th `[[require]]` of `runbook.toml`, from 1.
    Config {
        /// 1-based position among the file's `[[require]]` tables.
        index: usize,
    },
    /// A preset's built-in requirement.
    Preset {
        /// The preset's name.
        preset: &'static str,
    },
}

/// One requirement: what a runbook must have when it matches `when`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requirement {
    /// Where it was declared.
    pub origin: Origin,
    /// Its `name`, if given.
    pub name: Option<String>,
    /// Which runbooks it applies to; every condition must hold.
    pub when: When,
    /// Section kinds the runbook must have, with the names they were asked by.
    pub sections: Vec<RequiredSection>,
    /// At least this many `owners`.
    pub min_owners: Option<u32>,
    /// At most this many days since `last_reviewed`.
    pub max_review_age_days: Option<u32>,
    /// Front-matter keys the runbook must set.
    pub keys: Vec<String>,
}

/// A section a requirement asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequiredSection {
    /// The kind that satisfies it.
    pub kind: SectionKind,
    /// The name it was asked by (`escalation` for the contacts kind).
    pub name: String,
}

/// The conditions of `when`; an absent condition always holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct When {
    /// A bound on the runbook's severity rank.
    pub severity: Option<SeverityBound>,
    /// `status` is one of these (case-insensitive).
    pub status: Vec<String>,
    /// `service` is one of these (case-insensitive).
    pub service: Vec<String>,
    /// The runbook has at least one of these tags (case-insensitive).
    pub tags_any: Vec<String>,
    /// The runbook has every one of these tags (case-insensitive).
    pub tags_all: Vec<String>,
    /// The path matches one of these globs, as `[[overrides]] files` do.
    pub paths: Vec<String>,
}

impl When {
    /// Whether there is no condition at all (the requirement applies to
    /// every runbook).
    pub fn is_empty(&self) -> bool {
        *self == When::default()
    }
}

/// `severity = ">= high"`: a comparison with a level of the scale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeverityBound {
    /// How the runbook's rank compares with the level's.
    pub comparison: Comparison,
    /// The level compared with.
    pub level: BoundLevel,
}

/// A comparison of severity ranks; "greater" means more severe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparison {
    /// `>=`: as severe or more.
    AtLeast,
    /// `>`: more severe.
    MoreThan,
    /// `<=`: as severe or less.
    AtMost,
    /// `<`: less severe.
    LessThan,
    /// `=`, `==` or no operator: the same rank.
    Equal,
}

/// The level a [`SeverityBound`] names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BoundLevel {
    /// A value of the scale, lowercase.
    Named(String),
    /// The scale's highest rank ([`SeverityScale::highest`]).
    Highest,
}

impl SeverityBound {
    /// Whether a runbook of rank `rank` satisfies the bound on `scale`.
    pub fn holds(&self, scale: &SeverityScale, rank: runbook_parse::SeverityRank) -> bool {
        let level = match &self.level {
            BoundLevel::Named(name) => scale.rank(name),
            BoundLevel::Highest => Some(scale.highest()),
        };
        let Some(level) = level else {
            return false;
        };
        let (a, b) = (rank.position(), level.position());
        match self.comparison {
            Comparison::AtLeast => a <= b,
            Comparison::MoreThan => a < b,
            Comparison::AtMost => a >= b,
            Comparison::LessThan => a > b,
            Comparison::Equal => a == b,
        }
    }
}

impl SeverityBound {
    /// The bound as the end of a sentence: `>= high`, `of the highest rank`.
    pub fn phrase(&self) -> String {
        if self.level == BoundLevel::Highest && self.comparison == Comparison::AtLeast {
            "of the highest rank".to_owned()
        } else {
            self.to_string()
        }
    }
}

impl fmt::Display for SeverityBound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let op = match self.comparison {
            Comparison::AtLeast => ">= ",
            Comparison::MoreThan => "> ",
            Comparison::AtMost => "<= ",
            Comparison::LessThan => "< ",
            Comparison::Equal => "",
        };
        match &self.level {
            BoundLevel::Named(name) => write!(f, "{op}{name}"),
            BoundLevel::Highest if self.comparison == Comparison::AtLeast => f.write_str("highest"),
            BoundLevel::Highest => write!(f, "{op}highest"),
        }
    }
}

impl Requirement {
    /// How messages name it: `requirement `name``, `[[require]] #2` or
    /// `preset `strict` requirement `name``.
    pub fn label(&self) -> String {
        match (&self.origin, &self.name) {
            (Origin::Preset { preset }, Some(name)) => {
                format!("preset `{preset}` requirement `{name}`")
            }
            (Origin::Preset { preset }, None) => format!("preset `{preset}` requirement"),
            (Origin::Config { .. }, Some(name)) => format!("requirement `{name}`"),
            (Origin::Config { index }, None) => format!("[[require]] #{index}"),
        }
    }

    /// Whether it asks for nothing.
    fn is_empty(&self) -> bool {
        self.sections.is_empty()
            && self.min_owners.is_none()
            && self.max_review_age_days.is_none()
            && self.keys.is_empty()
    }
}

/// The requirements of a preset: runbooks of the highest severity rank
/// need an escalation section and two owners under `strict`.
pub(super) fn preset_requirements(preset: &Preset) -> Vec<Requirement> {
    if preset.name != STRICT.name {
        return Vec::new();
    }
    vec![Requirement {
        origin: Origin::Preset {
            preset: preset.name,
        },
        name: Some("highest-severity".to_owned()),
        when: When {
            severity: Some(SeverityBound {
                comparison: Comparison::AtLeast,
                level: BoundLevel::Highest,
            }),
            ..When::default()
        },
        sections: vec![RequiredSection {
            kind: SectionKind::Contacts,
            name: "escalation".to_owned(),
        }],
        min_owners: Some(2),
        max_review_age_days: None,
        keys: Vec::new(),
    }]
}

/// The requirements that apply under a preset and a file's `[[require]]`
/// tables: the preset's first, then the file's; a table with the `name` of
/// a preset's requirement replaces it.
pub(super) fn merged(preset: &Preset, own: &[Requirement]) -> Vec<Requirement> {
    let mut all = preset_requirements(preset);
    for r in own {
        let replaced = all
            .iter_mut()
            .find(|p| matches!(p.origin, Origin::Preset { .. }) && p.name == r.name);
        match replaced {
            Some(slot) if r.name.is_some() => *slot = r.clone(),
            _ => all.push(r.clone()),
        }
    }
    // A replacement that asks for nothing switches the preset's off.
    all.retain(|r| !r.is_empty());
    all
}

/// `[severity]`.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub(super) struct RawSeverity {
    levels: Option<Spanned<Vec<String>>>,
}

/// One `[[require]]`.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub(super) struct RawRequire {
    name: Option<Spanned<String>>,
    when: RawWhen,
    sections: Vec<Spanned<String>>,
    min_owners: Option<Spanned<i64>>,
    max_review_age_days: Option<Spanned<i64>>,
    keys: Vec<Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawWhen {
    severity: Option<Spanned<String>>,
    status: Option<Spanned<OneOrMany>>,
    service: Option<Spanned<OneOrMany>>,
    tags: RawTags,
    paths: Vec<Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawTags {
    any: Vec<String>,
    all: Vec<String>,
}

/// A string or a list of strings.
#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

/// The strings of a `OneOrMany`, each with the span of the whole value.
fn one_or_many(value: Option<Spanned<OneOrMany>>) -> Vec<Spanned<String>> {
    let Some(value) = value else {
        return Vec::new();
    };
    let span = value.span();
    let items = match value.into_inner() {
        OneOrMany::One(one) => vec![one],
        OneOrMany::Many(many) => many,
    };
    items
        .into_iter()
        .map(|item| Spanned::new(span.clone(), item))
        .collect()
}

/// Validates `[severity] levels` into a scale.
pub(super) fn scale(text: &str, raw: RawSeverity) -> Result<SeverityScale, ConfigError> {
    match raw.levels {
        None => Ok(SeverityScale::standard()),
        Some(levels) => SeverityScale::custom(levels.get_ref())
            .map_err(|e| ConfigError::at(text, Some(levels.span()), e.to_string())),
    }
}

/// Validates the `[[require]]` tables against the scale, the section
/// aliases and the schema's statuses.
pub(super) fn requirements(
    text: &str,
    raw: Vec<Spanned<RawRequire>>,
    scale: &SeverityScale,
    aliases: &SectionAliases,
) -> Result<Vec<Requirement>, ConfigError> {
    let statuses = crate::schema::enum_values("status");
    let mut out = Vec::new();
    for (i, spanned) in raw.into_iter().enumerate() {
        let table = spanned.span();
        let r = spanned.into_inner();
        let mut sections = Vec::new();
        for name in &r.sections {
            let kind = SectionKind::from_name(name.get_ref())
                .filter(|k| *k != SectionKind::Other)
                .unwrap_or_else(|| aliases.classify_exact(name.get_ref()));
            if kind == SectionKind::Other {
                let mut valid: Vec<&str> = SectionKind::KNOWN.iter().map(|k| k.name()).collect();
                valid.push("escalation");
                let mut e = unknown(text, name, "section", valid.into_iter());
                e.message
                    .push_str(": name a section kind or a heading alias");
                return Err(e);
            }
            sections.push(RequiredSection {
                kind,
                name: name.get_ref().trim().to_lowercase(),
            });
        }
        let status = one_or_many(r.when.status);
        for s in &status {
            let lower = s.get_ref().to_lowercase();
            if !statuses.is_empty() && !statuses.contains(&lower) {
                return Err(unknown(
                    text,
                    s,
                    "status",
                    statuses.iter().map(String::as_str),
                ));
            }
        }
        for path in &r.when.paths {
            if let Err(e) = glob(path.get_ref()) {
                return Err(ConfigError::at(
                    text,
                    Some(path.span()),
                    format!("invalid glob: {e}"),
                ));
            }
        }
        let requirement = Requirement {
            origin: Origin::Config { index: i + 1 },
            name: r.name.map(Spanned::into_inner),
            when: When {
                severity: r
                    .when
                    .severity
                    .map(|s| severity_bound(text, &s, scale))
                    .transpose()?,
                status: strings(status),
                service: strings(one_or_many(r.when.service)),
                tags_any: r.when.tags.any,
                tags_all: r.when.tags.all,
                paths: strings(r.when.paths),
            },
            sections,
            min_owners: r
                .min_owners
                .map(|n| positive(text, &n, "min_owners"))
                .transpose()?,
            max_review_age_days: r
                .max_review_age_days
                .map(|n| positive(text, &n, "max_review_age_days"))
                .transpose()?,
            keys: strings(r.keys),
        };
        // A named one may switch off the preset's requirement of that name.
        if requirement.is_empty() && requirement.name.is_none() {
            return Err(ConfigError::at(
                text,
                Some(table),
                format!(
                    "{} asks for nothing: give `sections`, `min_owners`, `max_review_age_days` or `keys`",
                    requirement.label()
                ),
            ));
        }
        out.push(requirement);
    }
    Ok(out)
}

fn strings(items: Vec<Spanned<String>>) -> Vec<String> {
    items.into_iter().map(Spanned::into_inner).collect()
}

fn positive(text: &str, n: &Spanned<i64>, key: &str) -> Result<u32, ConfigError> {
    u32::try_from(*n.get_ref())
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| {
            ConfigError::at(
                text,
                Some(n.span()),
                format!("`{key}` must be a positive whole number"),
            )
        })
}

/// Parses `">= high"`, `"< sev2"`, `"critical"` or `"highest"`.
fn severity_bound(
    text: &str,
    raw: &Spanned<String>,
    scale: &SeverityScale,
) -> Result<SeverityBound, ConfigError> {
    let written = raw.get_ref().trim();
    let operators = [
        (">=", Comparison::AtLeast),
        ("<=", Comparison::AtMost),
        ("==", Comparison::Equal),
        (">", Comparison::MoreThan),
        ("<", Comparison::LessThan),
        ("=", Comparison::Equal),
    ];
    let (comparison, level, has_operator) = operators
        .iter()
        .find_map(|(op, c)| written.strip_prefix(op).map(|rest| (*c, rest.trim(), true)))
        .unwrap_or((Comparison::Equal, written, false));
    let lower = level.to_lowercase();
    if scale.rank(&lower).is_some() {
        return Ok(SeverityBound {
            comparison,
            level: BoundLevel::Named(lower),
        });
    }
    if lower == "highest" {
        // Alone, `highest` means "of the highest rank", which on the
        // standard scale is critical and the sev0 tier above it.
        let comparison = if has_operator {
            comparison
        } else {
            Comparison::AtLeast
        };
        return Ok(SeverityBound {
            comparison,
            level: BoundLevel::Highest,
        });
    }
    let mut names = scale.names();
    names.push("highest");
    let mut e = unknown(text, raw, "severity", names.into_iter());
    e.message = format!(
        "unknown severity `{level}` in `when.severity`: write an operator (>=, >, <=, <, =) and one of {}, or `highest`",
        scale.describe()
    );
    e.suggestion = crate::suggest::closest(&lower, scale.names()).map(str::to_owned);
    Err(e)
}
