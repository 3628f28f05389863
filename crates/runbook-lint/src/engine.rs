//! Running rules over documents, then the cross-file pass.

use std::path::PathBuf;
use std::sync::Arc;

use runbook_parse::Document;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::rule::Context;
use crate::rules::ALL_RULES;

/// Lints documents with one configuration.
#[derive(Debug, Clone)]
pub struct Linter {
    config: Arc<Config>,
}

/// The outcome for one file, ready for output.
#[derive(Debug, Clone)]
pub struct FileResult {
    /// The file, as given.
    pub path: PathBuf,
    /// Findings, sorted by line, column and rule.
    pub diagnostics: Vec<Diagnostic>,
}

impl Linter {
    /// A linter with this configuration.
    pub fn new(config: Config) -> Self {
        Self {
            config: Arc::new(config),
        }
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Runs every enabled per-document rule.
    pub fn check(&self, doc: &Document) -> FileResult {
        let mut out = Vec::new();
        for rule in ALL_RULES {
            let meta = rule.meta();
            let Some(severity) = self.config.severity(meta) else {
                continue;
            };
            let mut cx = Context {
                doc,
                config: &self.config,
                rule: meta,
                severity,
                out: &mut out,
            };
            rule.check(&mut cx);
        }
        sort(&mut out);
        FileResult {
            path: doc.path.clone(),
            diagnostics: out,
        }
    }
}

/// Sorts findings by position, then rule, so output is deterministic.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.location.start, a.rule, &a.message).cmp(&(b.location.start, b.rule, &b.message))
    });
}
