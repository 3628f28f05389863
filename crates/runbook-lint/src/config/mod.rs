//! Configuration: `runbook.toml`, as data.
//!
//! [`Config::from_toml`] reads the text the CLI found; every key is
//! documented in `docs/configuration.md` and described by
//! `schemas/runbook-config.schema.json`.

mod effective;
mod error;
mod preset;
mod raw;
mod require;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::LazyLock;

use runbook_parse::{ParseOptions, SectionAliases, SectionKind, ServiceFrom};

pub use effective::Effective;
pub use error::ConfigError;

pub use preset::{
    ALERT, INCIDENT_RESPONSE, MINIMAL, PRESETS, Preset, SECTION_RULES, STRICT, TROUBLESHOOTING,
};
pub use require::{
    BoundLevel, Comparison, Origin, RequiredSection, Requirement, SeverityBound, When,
};

use crate::diagnostic::Severity;
use crate::rule::RuleMeta;

use runbook_parse::review::DEFAULT_MAX_AGE_DAYS;

/// A kind of Markdown file that is not a runbook unless `include` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NonRunbook {
    /// A glob: a bare name matches at any depth, `**/dir/**` a whole folder.
    pub glob: &'static str,
    /// Why such files are not runbooks, for `runbook init`'s summary.
    pub reason: &'static str,
}

/// Files that are not runbooks unless `include` names them.
pub const DEFAULT_NON_RUNBOOKS: &[NonRunbook] = &[
    NonRunbook {
        glob: "README.md",
        reason: "a README",
    },
    NonRunbook {
        glob: "CHANGELOG.md",
        reason: "a changelog",
    },
    NonRunbook {
        glob: "CONTRIBUTING.md",
        reason: "project documentation",
    },
    NonRunbook {
        glob: "CODE_OF_CONDUCT.md",
        reason: "project documentation",
    },
    NonRunbook {
        glob: "LICENSE*.md",
        reason: "project documentation",
    },
    NonRunbook {
        glob: "SECURITY.md",
        reason: "project documentation",
    },
    NonRunbook {
        glob: "_index.md",
        reason: "a Hugo section page",
    },
    NonRunbook {
        glob: "**/vendor/**",
        reason: "vendored code",
    },
    NonRunbook {
        glob: "**/third_party/**",
        reason: "vendored code",
    },
    NonRunbook {
        glob: "**/node_modules/**",
        reason: "vendored code",
    },
    NonRunbook {
        glob: "**/testdata/**",
        reason: "test data",
    },
    NonRunbook {
        glob: "**/.github/**",
        reason: "GitHub templates and workflows",
    },
    NonRunbook {
        glob: "**/.gitlab/**",
        reason: "GitLab templates",
    },
    NonRunbook {
        glob: "**/archetypes/**",
        reason: "Hugo archetypes (templates for new pages)",
    },
];

/// Why `path` is not a runbook by default, if it is one of
/// [`DEFAULT_NON_RUNBOOKS`].
pub fn default_non_runbook(path: &Path) -> Option<&'static NonRunbook> {
    // Compiled once: `runbook init` asks for every file of a repository.
    static MATCHERS: LazyLock<Vec<(globset::GlobMatcher, &'static NonRunbook)>> =
        LazyLock::new(|| {
            DEFAULT_NON_RUNBOOKS
                .iter()
                .filter_map(|n| glob(n.glob).ok().map(|g| (g.compile_matcher(), n)))
                .collect()
        });
    let normalized = normalize(path);
    MATCHERS
        .iter()
        .find(|(matcher, _)| matcher.is_match(&normalized))
        .map(|(_, n)| *n)
}

/// A rule's configured level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// The rule does not run.
    Off,
    /// Findings are warnings.
    Warning,
    /// Findings are errors.
    Error,
}

impl Level {
    /// The severity findings get, `None` when off.
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }
}

/// The configuration for a set of runbooks.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The preset the rest overrides (`strict` by default).
    pub preset: Preset,
    /// Per-rule levels, by rule id.
    pub rules: BTreeMap<String, Level>,
    /// Section recognition and requirements.
    pub sections: Sections,
    /// Front-matter requirements.
    pub front_matter: FrontMatterConfig,
    /// `[review] max_age_days`: stale-review age when a runbook gives none.
    pub max_age_days: Option<u32>,
    /// Extra placeholder regexes.
    pub placeholder_patterns: Vec<String>,
    /// Extra secret regexes.
    pub secret_patterns: Vec<String>,
    /// Regexes; a secret candidate matching one is not reported.
    pub secret_allowlist: Vec<String>,
    /// Globs of files to lint; empty means every Markdown file.
    pub include: Vec<String>,
    /// Globs of files not to lint as runbooks.
    pub exclude: Vec<String>,
    /// Per-path rule levels, later entries winning.
    pub overrides: Vec<Override>,
    /// The date "today" is, for deterministic tests (`RUNBOOK_TODAY`).
    pub today: Option<jiff::civil::Date>,
    /// `[severity] levels`: the severity vocabulary and its ranks.
    pub severity: runbook_parse::SeverityScale,
    /// The `[[require]]` tables, in file order (see [`Config::requirements`]).
    pub requirements: Vec<Requirement>,
    /// `[destructive] patterns`: extra regexes of destructive commands.
    pub destructive_patterns: Vec<String>,
    /// `[destructive] guards`: extra regexes of commands that check or
    /// preview before a destructive one, or verify after it.
    pub destructive_guards: Vec<String>,
}

/// The `[sections]` table.
#[derive(Debug, Clone, Default)]
pub struct Sections {
    /// Extra heading aliases per section kind (`rollback = ["Fallback"]`).
    pub aliases: BTreeMap<String, Vec<String>>,
    /// Section kinds required besides the preset's.
    pub required: Vec<SectionKind>,
}

/// The `[front_matter]` table.
#[derive(Debug, Clone, Default)]
pub struct FrontMatterConfig {
    /// Required keys, replacing the preset's when set.
    pub required: Option<Vec<String>>,
    /// Keys accepted besides the schema's and the preset's.
    pub known_keys: Vec<String>,
    /// Where a runbook's service comes from when its front-matter has none.
    pub service_from: ServiceFrom,
}

/// One `[[overrides]]` entry: rule levels for files matching globs.
#[derive(Debug, Clone, Default)]
pub struct Override {
    /// Globs, matched against the path as given.
    pub files: Vec<String>,
    /// Rule levels for those files.
    pub rules: BTreeMap<String, Level>,
}

impl Config {
    /// Parses `runbook.toml` text, validating keys, rule ids, globs and regexes.
    pub fn from_toml(text: &str) -> Result<Config, ConfigError> {
        raw::parse(text)
    }

    /// The severity a rule runs at by default, or `None` when it is off.
    pub fn severity(&self, rule: &RuleMeta) -> Option<Severity> {
        self.level(rule).severity()
    }

    /// The level of a rule ignoring per-path overrides.
    pub fn level(&self, rule: &RuleMeta) -> Level {
        self.rules
            .get(rule.id)
            .copied()
            .or_else(|| self.preset.level(rule.id))
            .unwrap_or(match rule.default_severity {
                Severity::Warning => Level::Warning,
                Severity::Error => Level::Error,
            })
    }

    /// The severity a rule runs at for one file, overrides applied.
    ///
    /// This compiles the override globs on each call; [`crate::Linter`]
    /// keeps them compiled.
    pub fn severity_for(&self, rule: &RuleMeta, path: &Path) -> Option<Severity> {
        PathRules::new(self).severity_for(self, rule, path)
    }

    /// Whether any override could change a rule's level.
    pub(crate) fn has_overrides(&self) -> bool {
        self.overrides.iter().any(|o| !o.rules.is_empty())
    }

    /// The stale-review age in days.
    pub fn max_age_days(&self) -> u32 {
        self.max_age_days.unwrap_or(DEFAULT_MAX_AGE_DAYS)
    }

    /// Every requirement that applies: the preset's, then the file's
    /// `[[require]]` tables; a table with the `name` of a preset's
    /// requirement replaces it (and one that asks for nothing switches it off).
    pub fn requirements(&self) -> Vec<Requirement> {
        require::merged(&self.preset, &self.requirements)
    }

    /// Every required section kind: the preset's plus `[sections] required`.
    pub fn required_sections(&self) -> Vec<SectionKind> {
        let mut kinds = self.preset.required_sections.to_vec();
        for kind in &self.sections.required {
            if !kinds.contains(kind) {
                kinds.push(*kind);
            }
        }
        kinds
    }

    /// The front-matter keys every runbook must have.
    pub fn required_keys(&self) -> Vec<String> {
        match &self.front_matter.required {
            Some(keys) => keys.clone(),
            None => self
                .preset
                .required_keys
                .iter()
                .map(|k| (*k).to_owned())
                .collect(),
        }
    }

    /// Whether `path` is linted as a runbook: a Markdown file, not excluded,
    /// not a default non-runbook (README, `_index.md`...) unless included.
    pub fn is_runbook(&self, path: &Path) -> bool {
        let normalized = normalize(path);
        let is_match =
            |patterns: &[String]| globs(patterns).is_some_and(|s| s.is_match(&normalized));
        if is_match(&self.exclude) {
            return false;
        }
        let included = is_match(&self.include);
        if !self.include.is_empty() && !included {
            return false;
        }
        let is_default_non_runbook = non_runbook_globs().is_some_and(|s| s.is_match(&normalized));
        included || !is_default_non_runbook
    }

    /// The parser options this configuration implies: the built-in section
    /// aliases, then the preset's, then `[sections.aliases]`; and where
    /// services come from.
    pub fn parse_options(&self) -> ParseOptions {
        let mut aliases = SectionAliases::default();
        for (kind, names) in self.preset.aliases {
            for name in *names {
                aliases.add(*kind, name);
            }
        }
        for (kind, names) in &self.sections.aliases {
            if let Some(kind) = SectionKind::from_name(kind) {
                for name in names {
                    aliases.add(kind, name);
                }
            }
        }
        ParseOptions {
            aliases,
            service_from: self.front_matter.service_from,
        }
    }

    /// The effective settings after the preset and overrides, for printing.
    pub fn effective(&self) -> Effective {
        Effective::new(self)
    }
}

/// The configuration's globs, compiled.
#[derive(Debug, Clone, Default)]
pub(crate) struct PathRules {
    include: Option<globset::GlobSet>,
    exclude: Option<globset::GlobSet>,
    non_runbooks: Option<globset::GlobSet>,
    overrides: Vec<Option<globset::GlobSet>>,
}

impl PathRules {
    pub(crate) fn new(config: &Config) -> Self {
        Self {
            include: globs(&config.include),
            exclude: globs(&config.exclude),
            non_runbooks: non_runbook_globs(),
            overrides: config.overrides.iter().map(|o| globs(&o.files)).collect(),
        }
    }

    pub(crate) fn is_runbook(&self, path: &Path) -> bool {
        let normalized = normalize(path);
        let is_match =
            |set: &Option<globset::GlobSet>| set.as_ref().is_some_and(|s| s.is_match(&normalized));
        if is_match(&self.exclude) {
            return false;
        }
        let included = is_match(&self.include);
        if self.include.is_some() && !included {
            return false;
        }
        let is_default_non_runbook = self
            .non_runbooks
            .as_ref()
            .is_some_and(|s| s.is_match(&normalized));
        included || !is_default_non_runbook
    }

    pub(crate) fn severity_for(
        &self,
        config: &Config,
        rule: &RuleMeta,
        path: &Path,
    ) -> Option<Severity> {
        let mut level = config.level(rule);
        let path = normalize(path);
        for (o, set) in config.overrides.iter().zip(&self.overrides) {
            if let Some(l) = o.rules.get(rule.id)
                && set.as_ref().is_some_and(|set| set.is_match(&path))
            {
                level = *l;
            }
        }
        level.severity()
    }
}

/// A path as globs see it: `/` separators, no leading `./`.
pub(crate) fn normalize(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    text.strip_prefix("./").unwrap_or(&text).to_owned()
}

/// [`DEFAULT_NON_RUNBOOKS`], compiled.
fn non_runbook_globs() -> Option<globset::GlobSet> {
    let patterns: Vec<&str> = DEFAULT_NON_RUNBOOKS.iter().map(|n| n.glob).collect();
    globs(&patterns)
}

/// Compiles globs; `None` when empty or invalid (validated in `from_toml`).
pub(crate) fn globs<S: AsRef<str>>(patterns: &[S]) -> Option<globset::GlobSet> {
    if patterns.is_empty() {
        return None;
    }
    let mut builder = globset::GlobSetBuilder::new();
    for p in patterns {
        builder.add(glob(p.as_ref()).ok()?);
    }
    builder.build().ok()
}

/// One glob; a pattern without `/` matches at any depth, like `.gitignore`.
pub(crate) fn glob(pattern: &str) -> Result<globset::Glob, globset::Error> {
    let pattern = pattern.strip_prefix("./").unwrap_or(pattern);
    let pattern = if pattern.contains('/') {
        pattern.to_owned()
    } else {
        format!("{{{pattern},**/{pattern}}}")
    };
    globset::GlobBuilder::new(&pattern)
        .literal_separator(true)
        .build()
}

#[cfg(test)]
mod tests;
