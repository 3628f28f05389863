//! Running rules over documents, then the cross-file pass.
//!
//! [`Linter::check`] lints one document on its own (parallel-friendly: it
//! needs `&self` only) and returns a [`FileResult`] holding the per-file
//! findings and a compact [`FileIndex`]. [`Linter::finish`] takes every
//! result, resolves the cross-file rules (`broken-link`, `duplicate-alert`),
//! applies suppression comments, reports `unused-suppression` and sorts.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use regex::Regex;
use runbook_parse::{Document, Position, SectionKind, Span};

use crate::config::{Config, PathRules};
use crate::diagnostic::{Diagnostic, Location, fingerprint};
use crate::index::FileIndex;
use crate::rule::Context;
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
    /// Each rule's default help, rendered once from its docs.
    pub helps: std::collections::HashMap<&'static str, String>,
    pub today: jiff::civil::Date,
    /// Built once: rebuilding the alias table per file cost 4% of a run.
    pub parse_options: runbook_parse::ParseOptions,
}

/// The outcome for one file, ready for output.
#[derive(Debug, Clone)]
pub struct FileResult {
    /// The file, as given.
    pub path: PathBuf,
    /// Findings, sorted by line, column and rule.
    pub diagnostics: Vec<Diagnostic>,
    /// What the cross-file pass needs from this file.
    pub index: FileIndex,
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
            helps: ALL_RULES
                .iter()
                .map(|r| (r.meta().id, r.meta().default_help()))
                .collect(),
            today: config.today.unwrap_or_else(utc_today),
            parse_options: config.parse_options(),
        };
        Self {
            config: Arc::new(config),
            compiled: Arc::new(compiled),
        }
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

    /// Whether `path` is linted as a runbook (see [`Config::is_runbook`]),
    /// with the globs compiled once.
    pub fn is_runbook(&self, path: &Path) -> bool {
        self.compiled.paths.is_runbook(path)
    }

    /// Runs every enabled per-document rule. Suppressions and cross-file
    /// rules are applied later by [`Linter::finish`].
    pub fn check(&self, doc: &Document) -> FileResult {
        let mut out = Vec::new();
        let overrides = self.config.has_overrides();
        for rule in ALL_RULES {
            let meta = rule.meta();
            let severity = if overrides {
                self.compiled
                    .paths
                    .severity_for(&self.config, meta, &doc.path)
            } else {
                self.config.severity(meta)
            };
            let Some(severity) = severity else {
                continue;
            };
            let mut cx = Context {
                doc,
                config: &self.config,
                compiled: &self.compiled,
                rule: meta,
                severity,
                out: &mut out,
            };
            rule.check(&mut cx);
        }
        for d in &mut out {
            if d.help.is_none() {
                d.help = self.compiled.helps.get(d.rule).cloned();
            }
        }
        sort(&mut out);
        FileResult {
            path: doc.path.clone(),
            diagnostics: out,
            index: FileIndex::new(doc, true),
        }
    }

    /// Indexes a file that is not a runbook (see [`Config::is_runbook`]):
    /// no per-file rules run, but its headings are link targets and its own
    /// links are still checked by `broken-link`.
    pub fn index_only(&self, doc: &Document) -> FileResult {
        FileResult {
            path: doc.path.clone(),
            diagnostics: Vec::new(),
            index: FileIndex::new(doc, false),
        }
    }

    /// The cross-file pass: resolves `broken-link` and `duplicate-alert`
    /// over all `files`, applies suppression comments, reports
    /// `unused-suppression`, and sorts files by path and findings by
    /// position. `exists` answers for link targets that are not in `files`
    /// (this crate does no I/O).
    pub fn finish(
        &self,
        files: Vec<FileResult>,
        exists: &(dyn Fn(&Path) -> bool + Sync),
    ) -> Vec<FileResult> {
        crate::index::finish(&self.config, &self.compiled, files, exists)
    }
}

/// A file that could not be read or parsed as text (invalid UTF-8, binary,
/// I/O error) as a normal `unreadable-file` finding, so one bad file does not
/// stop the run. `line` and `column` are 1-based.
pub fn unreadable(
    path: impl Into<PathBuf>,
    message: impl Into<String>,
    line: usize,
    column: usize,
) -> FileResult {
    let path = path.into();
    let message = message.into();
    let position = Position {
        line: line.max(1),
        column: column.max(1),
    };
    let meta = &UnreadableFile::META;
    let diagnostic = Diagnostic {
        rule: meta.id,
        severity: meta.default_severity,
        fingerprint: fingerprint(meta.id, &message),
        message,
        location: Location {
            span: Span::new(0, 0),
            start: position,
            end: position,
        },
        help: Some(meta.default_help()),
        related: Vec::new(),
        fix: None,
    };
    FileResult {
        path,
        diagnostics: vec![diagnostic],
        index: FileIndex::default(),
    }
}

/// Today's date in UTC, when the configuration does not fix one.
fn utc_today() -> jiff::civil::Date {
    let days = jiff::Timestamp::now().as_second().div_euclid(86_400);
    jiff::civil::date(1970, 1, 1)
        .checked_add(jiff::Span::new().days(days))
        .unwrap_or(jiff::civil::Date::MAX)
}

/// Sorts findings by position, then rule, so output is deterministic.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.location.start, a.rule, &a.message).cmp(&(b.location.start, b.rule, &b.message))
    });
}
