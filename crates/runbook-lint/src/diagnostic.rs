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
    /// The file it is in, when not the finding's own file.
    pub path: Option<std::path::PathBuf>,
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
    /// Text of the document that must never be printed (a detected secret):
    /// every output that shows source masks these bytes.
    pub redact: Option<Span>,
    /// A stable hash (16 hex digits) of the rule id and the offending text
    /// with whitespace normalised: it survives line shifts, so baselines and
    /// GitLab reports can match findings across edits.
    pub fingerprint: String,
}

impl Diagnostic {
    /// A finding of `rule` with nothing but its message and place;
    /// `hashed` is the text its fingerprint covers.
    pub(crate) fn new(
        rule: &'static str,
        severity: Severity,
        message: String,
        location: Location,
        hashed: &str,
    ) -> Self {
        Self {
            rule,
            severity,
            fingerprint: fingerprint(rule, hashed),
            message,
            location,
            help: None,
            related: Vec::new(),
            fix: None,
            redact: None,
        }
    }
}

/// The fingerprint of a finding of `rule` on `text` (see [`Diagnostic::fingerprint`]).
pub fn fingerprint(rule: &str, text: &str) -> String {
    // FNV-1a, 64 bits: stable across platforms and releases, unlike `DefaultHasher`.
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0100_0000_01b3;
    let mut hash = OFFSET;
    let mut feed = |bytes: &[u8]| {
        for b in bytes {
            hash ^= u64::from(*b);
            hash = hash.wrapping_mul(PRIME);
        }
    };
    feed(rule.as_bytes());
    for word in text.split_whitespace() {
        feed(b" ");
        feed(word.as_bytes());
    }
    format!("{hash:016x}")
}
