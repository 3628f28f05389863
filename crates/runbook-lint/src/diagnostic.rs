//! Diagnostics: what a rule reports, as plain data.

use std::fmt;

use runbook_parse::{Document, Position, Span};

/// How serious a finding is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth fixing; does not fail a run unless `--max-warnings` says so.
    Warning,
    /// Makes the runbook unsafe to follow; fails the run.
    Error,
}

impl Severity {
    /// The lowercase name.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A located piece of source: a byte span with its resolved positions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Location {
    /// Byte range in the document source.
    pub span: Span,
    /// 1-based start line and column (characters).
    pub start: Position,
    /// 1-based end line and column (characters), exclusive.
    pub end: Position,
}

impl Location {
    /// Resolves a span in `doc`.
    pub fn new(doc: &Document, span: Span) -> Self {
        Self {
            span,
            start: doc.position(span.start),
            end: doc.position(span.end),
        }
    }
}

/// A secondary location that explains the finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    /// Where.
    pub location: Location,
    /// What it shows.
    pub message: String,
}

/// One text replacement of a [`Fix`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// The bytes to replace.
    pub span: Span,
    /// The new text.
    pub replacement: String,
}

/// A machine-applicable fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// What applying it does, e.g. "insert a `## Rollback` section".
    pub description: String,
    /// The replacements, non-overlapping.
    pub edits: Vec<Edit>,
}

/// One finding of one rule in one runbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule id, e.g. `missing-rollback`.
    pub rule: &'static str,
    /// Severity after configuration.
    pub severity: Severity,
    /// What is wrong, one sentence, no trailing period.
    pub message: String,
    /// Where.
    pub location: Location,
    /// How to fix it, if there is something specific to say.
    pub help: Option<String>,
    /// Other places that explain the finding.
    pub related: Vec<Related>,
    /// An automatic fix, if one is safe.
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// A stable fingerprint of the offending text, for baselines: it does not
    /// change when lines shift above the finding.
    pub fn fingerprint_source<'a>(&self, doc_source: &'a str) -> &'a str {
        doc_source
            .get(self.location.span.start..self.location.span.end)
            .unwrap_or("")
    }
}
