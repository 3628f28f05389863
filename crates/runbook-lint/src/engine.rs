//! Running rules: [`Linter::check`] per document, then [`finish`] once
//! over the run for the cross-file rules and suppression comments.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::{Arc, LazyLock};

use rayon::prelude::*;
use regex::Regex;
use runbook_parse::{Document, Position, SectionKind, Span};

use crate::config::{Config, PathRules};
use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::index::{FileIndex, Index};
use crate::project::Project;
use crate::rule::{CollectionContext, Context, SuppressionContext};
use crate::rules::{ALL_RULES, UnreadableFile};

/// Lints documents with one configuration; regexes and the schema are
/// compiled once here, never per document.
#[derive(Debug, Clone)]
pub struct Linter {
    config: Arc<Config>,
    compiled: Arc<Compiled>,
}

/// Per-linter state derived from the configuration.
#[derive(Debug)]
pub(crate) struct Compiled {
    pub placeholders: Vec<Regex>,
    pub secrets: Vec<Regex>,
    pub allowlist: Vec<Regex>,
    pub schema: Option<jsonschema::Validator>,
    pub known_keys: HashSet<String>,
    pub recommended_keys: Vec<String>,
    pub required_sections: Vec<SectionKind>,
    pub paths: PathRules,
    /// Every rule's severity by registry position, when no `[[overrides]]`
    /// make it depend on the path.
    pub levels: Option<Arc<[Option<Severity>]>>,
    pub today: jiff::civil::Date,
    pub requirements: Vec<crate::requirement::Compiled>,
    pub destructive: Vec<Regex>,
    pub destructive_guards: Vec<Regex>,
    /// Built once: rebuilding the alias table per file cost 4% of a run.
    pub parse_options: runbook_parse::ParseOptions,
}

/// Each rule's default help, rendered once from its docs.
static HELPS: LazyLock<HashMap<&'static str, String>> = LazyLock::new(|| {
    ALL_RULES
        .iter()
        .map(|r| (r.meta().id, r.meta().default_help()))
        .collect()
});

/// One file after the per-document pass, waiting for [`finish`].
#[derive(Debug, Clone)]
pub struct Checked {
    diagnostics: Vec<Diagnostic>,
    index: FileIndex,
    /// Every rule's severity for this file by registry position, under the
    /// file's own configuration: the cross-file pass judges each file as
    /// its own `runbook.toml` says, whichever files share the run.
    levels: Arc<[Option<Severity>]>,
}

impl Checked {
    /// The file, as given.
    pub fn path(&self) -> &Path {
        &self.index.path
    }

    /// Whether it was linted as a runbook (else only its links are checked).
    pub fn is_runbook(&self) -> bool {
        self.index.is_runbook
    }

    /// The findings so far: every finding once [`finish`] has run.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// Takes the findings out.
    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics
    }
}

impl Linter {
    /// A linter with this configuration.
    pub fn new(config: Config) -> Self {
        let compile = |patterns: &[String]| -> Vec<Regex> {
            // Invalid patterns were rejected by `Config::from_toml`.
            patterns.iter().filter_map(|p| Regex::new(p).ok()).collect()
        };
        let required_keys = config.required_keys();
        let recommended_keys = crate::config::STRICT
            .required_keys
            .iter()
            .filter(|k| !required_keys.iter().any(|r| r == *k))
            .map(|k| (*k).to_owned())
            .collect();
        let mut known_keys: HashSet<String> = crate::schema::property_names();
        known_keys.extend(
            config
                .preset
                .extra_known_keys
                .iter()
                .map(|k| (*k).to_owned()),
        );
        known_keys.extend(config.front_matter.known_keys.iter().cloned());
        let compiled = Compiled {
            placeholders: compile(&config.placeholder_patterns),
            secrets: compile(&config.secret_patterns),
            allowlist: compile(&config.secret_allowlist),
            schema: crate::schema::validator(&required_keys),
            known_keys,
            recommended_keys,
            required_sections: config.required_sections(),
            paths: PathRules::new(&config),
            levels: (!config.has_overrides()).then(|| {
                ALL_RULES
                    .iter()
                    .map(|r| config.severity(r.meta()))
                    .collect()
            }),
            today: config
                .today
                .unwrap_or_else(runbook_parse::review::utc_today),
            parse_options: config.parse_options(),
            requirements: crate::requirement::compile(&config),
            destructive: compile(&config.destructive_patterns),
            destructive_guards: compile(&config.destructive_guards),
        };
        Self {
            config: Arc::new(config),
            compiled: Arc::new(compiled),
        }
    }

    /// The date reviews are judged against: the configuration's `today`,
    /// else today in UTC.
    pub fn today(&self) -> jiff::civil::Date {
        self.compiled.today
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The parse options of the configuration ([`Config::parse_options`]),
    /// built once per linter rather than once per file.
    pub fn parse_options(&self) -> &runbook_parse::ParseOptions {
        &self.compiled.parse_options
    }

    /// How `doc` stands against every requirement of the configuration
    /// (`[[require]]` and the preset's): what `unmet-requirement` reports,
    /// for `runbook config --show` and the site.
    pub fn requirements(&self, doc: &Document) -> Vec<crate::RequirementCheck> {
        crate::requirement::check(
            doc,
            &self.config,
            &self.compiled.requirements,
            self.compiled.today,
        )
    }

    /// Whether `path` is linted as a runbook (see [`Config::is_runbook`]),
    /// with the globs compiled once.
    pub fn is_runbook(&self, path: &Path) -> bool {
        self.compiled.paths.is_runbook(path)
    }

    /// The severity of every rule for `path`, by registry position.
    fn levels_for(&self, path: &Path) -> Arc<[Option<Severity>]> {
        if let Some(levels) = &self.compiled.levels {
            return Arc::clone(levels);
        }
        ALL_RULES
            .iter()
            .map(|r| {
                self.compiled
                    .paths
                    .severity_for(&self.config, r.meta(), path)
            })
            .collect()
    }

    /// Runs every enabled per-document rule when the file is a runbook
    /// (see [`Linter::is_runbook`]) and indexes it for the cross-file pass.
    /// A file that is not a runbook (a README, an excluded file) gets no
    /// per-document finding, but its headings are link targets and its own
    /// links are still checked.
    pub fn check(&self, doc: &Document, is_runbook: bool) -> Checked {
        let levels = self.levels_for(&doc.path);
        let mut out = Vec::new();
        if is_runbook {
            for (rule, severity) in ALL_RULES.iter().zip(levels.iter()) {
                let Some(severity) = *severity else {
                    continue;
                };
                let mut cx = Context {
                    doc,
                    config: &self.config,
                    compiled: &self.compiled,
                    rule: rule.meta(),
                    severity,
                    out: &mut out,
                };
                rule.check(&mut cx);
            }
        }
        Checked {
            diagnostics: out,
            index: FileIndex::new(doc, is_runbook),
            levels,
        }
    }
}

/// The cross-file pass: the rules that look across files
/// ([`crate::Rule::check_collection`]) over the run and the neighbours
/// `project` supplies, then suppression comments and `unused-suppression`
/// per file, then sorting. Files keep their order; each file's findings
/// depend on the project, never on which other files share the run.
pub fn finish(files: &mut [Checked], project: &dyn Project) {
    let extra = {
        let index = Index::new(files.iter().map(|f| &f.index).collect(), project);
        let levels: Vec<&[Option<Severity>]> = files.iter().map(|f| &*f.levels).collect();
        let mut extra: Vec<Vec<Diagnostic>> = vec![Vec::new(); files.len()];
        for (position, rule) in ALL_RULES.iter().enumerate() {
            let mut cx = CollectionContext {
                index: &index,
                rule: rule.meta(),
                position,
                levels: &levels,
                out: Vec::new(),
            };
            rule.check_collection(&mut cx);
            for (all, found) in extra.iter_mut().zip(cx.out) {
                all.extend(found);
            }
        }
        extra
    };
    files.par_iter_mut().zip(extra).for_each(|(file, more)| {
        file.diagnostics.extend(more);
        apply_suppressions(file);
        for d in &mut file.diagnostics {
            if d.help.is_none() {
                d.help = HELPS.get(d.rule).cloned();
            }
        }
        sort(&mut file.diagnostics);
    });
}

/// Drops the findings that suppression comments silence, then lets the
/// rules that judge suppressions (`unused-suppression`) report.
fn apply_suppressions(file: &mut Checked) {
    let suppressions = &file.index.suppressions;
    if suppressions.is_empty() {
        return;
    }
    let mut used: Vec<Vec<&'static str>> = vec![Vec::new(); suppressions.len()];
    file.diagnostics
        .retain(|d| match crate::suppress::suppressing(suppressions, d) {
            Some(i) => {
                if let Some(rules) = used.get_mut(i) {
                    rules.push(d.rule);
                }
                false
            }
            None => true,
        });
    let mut reported = Vec::new();
    for rule in ALL_RULES {
        let mut cx = SuppressionContext {
            file: &file.index,
            used: &used,
            levels: &file.levels,
            rule: rule.meta(),
            out: Vec::new(),
        };
        rule.check_suppressions(&mut cx);
        reported.extend(cx.out);
    }
    // A suppression may silence `unused-suppression` itself, without
    // counting as used.
    reported.retain(|d| crate::suppress::suppressing(suppressions, d).is_none());
    file.diagnostics.extend(reported);
}

/// The finding for a file that could not be read or parsed as text
/// (invalid UTF-8, binary, I/O error), so one bad file does not stop the
/// run. `line` and `column` are 1-based.
pub fn unreadable(message: impl Into<String>, line: usize, column: usize) -> Diagnostic {
    let message = message.into();
    let position = Position {
        line: line.max(1),
        column: column.max(1),
    };
    let meta = &UnreadableFile::META;
    let location = Location {
        span: Span::new(0, 0),
        start: position,
        end: position,
    };
    let mut d = Diagnostic::new(
        meta.id,
        meta.default_severity,
        message.clone(),
        location,
        &message,
    );
    d.help = HELPS.get(meta.id).cloned();
    d
}

/// Sorts findings by position, then rule, so output is deterministic.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.location.start, a.rule, &a.message).cmp(&(b.location.start, b.rule, &b.message))
    });
}
