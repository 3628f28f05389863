//! The lint pipeline: read, parse and check files in parallel, turning every
//! failure into a finding so one bad file never stops the run.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use runbook_lint::{Diagnostic, Linter, Severity};
use runbook_parse::{Position, Span};
use sha2::{Digest, Sha256};

use crate::catalog::{INVALID_TEXT, UNREADABLE_FILE};
use crate::config::Resolver;
use crate::discover::Problem;

/// Stack size of the worker threads: deep Markdown nesting (50,000 nested
/// block quotes) must not overflow the stack in any rule; the memory is only
/// reserved. (Today parse and rules pass 50,000 levels even on 2 MiB stacks.)
pub const WORKER_STACK_BYTES: usize = 64 * 1024 * 1024;

/// One finding, ready for any output format.
#[derive(Debug, Clone)]
pub struct Finding {
    /// The rule id.
    pub rule: &'static str,
    /// Severity after configuration.
    pub severity: Severity,
    /// One sentence, no trailing period.
    pub message: String,
    /// 1-based start line and character column.
    pub start: Position,
    /// 1-based end line and character column.
    pub end: Position,
    /// Byte range in the source, when there is a source to show.
    pub span: Option<Span>,
    /// How to fix it.
    pub help: Option<String>,
    /// Stable across line shifts: rule, path and the offending text.
    pub fingerprint: String,
}

/// The findings of one file.
#[derive(Debug, Clone)]
pub struct FileOutcome {
    /// The file as given, or relative to the working directory.
    pub path: PathBuf,
    /// The text, for snippets; `None` when it could not be read as text.
    pub source: Option<Arc<str>>,
    /// Findings in source order.
    pub findings: Vec<Finding>,
}

/// Lints `files`, each with the configuration nearest to it.
pub fn lint_files(files: &[PathBuf], resolver: &mut Resolver) -> miette::Result<Vec<FileOutcome>> {
    let jobs = files
        .iter()
        .map(|path| Ok((path, resolver.linter_for(path)?)))
        .collect::<miette::Result<Vec<_>>>()?;
    let pool = rayon::ThreadPoolBuilder::new()
        .stack_size(WORKER_STACK_BYTES)
        .build()
        .map_err(|e| miette::miette!("cannot start worker threads: {e}"))?;
    Ok(pool.install(|| {
        jobs.par_iter()
            .map(|(path, linter)| match std::fs::read(path) {
                Ok(bytes) => lint_bytes(path, &bytes, linter),
                Err(e) => file_finding(
                    path,
                    UNREADABLE_FILE,
                    format!("cannot read file: {e}"),
                    1,
                    1,
                ),
            })
            .collect()
    }))
}

/// Lints one text given as bytes (a file's content or standard input).
pub fn lint_bytes(path: &Path, bytes: &[u8], linter: &Linter) -> FileOutcome {
    let options = linter.config().parse_options();
    let doc = match runbook_parse::parse(path, bytes, &options) {
        Ok(doc) => doc,
        Err(e) => {
            let message = match &e {
                runbook_parse::ParseError::Binary { .. } => {
                    "file looks binary (it contains a NUL byte)"
                }
                _ => "file is not valid UTF-8",
            };
            return file_finding(path, INVALID_TEXT, message.to_owned(), e.line(), e.column());
        }
    };
    let result = linter.check(&doc);
    let mut findings: Vec<Finding> = result
        .diagnostics
        .iter()
        .map(|d| finding(path, d, &doc.source))
        .collect();
    disambiguate(&mut findings);
    FileOutcome {
        path: path.to_path_buf(),
        source: Some(Arc::from(doc.source.as_str())),
        findings,
    }
}

/// A discovery problem as a finding, or `None` for entries skipped on purpose.
pub fn problem_outcome(problem: &Problem) -> Option<FileOutcome> {
    use crate::discover::ProblemKind;
    match problem.kind {
        ProblemKind::Io => Some(file_finding(
            &problem.path,
            UNREADABLE_FILE,
            problem.message.clone(),
            1,
            1,
        )),
        ProblemKind::NotRegular | ProblemKind::DanglingSymlink | ProblemKind::SymlinkLoop => None,
    }
}

fn file_finding(
    path: &Path,
    rule: &'static str,
    message: String,
    line: usize,
    column: usize,
) -> FileOutcome {
    let position = Position { line, column };
    let mut findings = vec![Finding {
        rule,
        severity: Severity::Error,
        fingerprint: String::new(),
        message,
        start: position,
        end: position,
        span: None,
        help: None,
    }];
    disambiguate_with(&mut findings, path, |_| String::new());
    FileOutcome {
        path: path.to_path_buf(),
        source: None,
        findings,
    }
}

fn finding(path: &Path, d: &Diagnostic, source: &str) -> Finding {
    // wire: use `Diagnostic::fingerprint` once runbook-lint has it.
    let text = normalise(d.fingerprint_source(source));
    Finding {
        rule: d.rule,
        severity: d.severity,
        message: d.message.clone(),
        start: d.location.start,
        end: d.location.end,
        span: Some(d.location.span),
        help: d.help.clone(),
        fingerprint: hash(&[d.rule, &path.to_string_lossy(), &text]),
    }
}

/// Makes equal fingerprints in one file unique by numbering repeats, so a
/// baseline counts each occurrence and GitLab sees unique fingerprints.
fn disambiguate(findings: &mut [Finding]) {
    let mut seen = std::collections::HashMap::<String, usize>::new();
    for f in findings.iter_mut() {
        let n = seen.entry(f.fingerprint.clone()).or_insert(0);
        if *n > 0 {
            f.fingerprint = hash(&[&f.fingerprint, &n.to_string()]);
        }
        *n += 1;
    }
}

fn disambiguate_with(findings: &mut [Finding], path: &Path, text: impl Fn(&Finding) -> String) {
    for f in findings.iter_mut() {
        f.fingerprint = hash(&[f.rule, &path.to_string_lossy(), &text(f)]);
    }
    disambiguate(findings);
}

fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first 16 bytes of the SHA-256 of the NUL-separated parts, in hex.
fn hash(parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    let mut hex = String::with_capacity(32);
    for byte in hasher.finalize().iter().take(16) {
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_ignore_whitespace_and_number_repeats() {
        assert_eq!(normalise(" a \n b "), "a b");
        let f = |fp: &str| Finding {
            rule: "r",
            severity: Severity::Error,
            message: String::new(),
            start: Position { line: 1, column: 1 },
            end: Position { line: 1, column: 1 },
            span: None,
            help: None,
            fingerprint: fp.to_owned(),
        };
        let mut findings = vec![f("x"), f("x"), f("y")];
        disambiguate(&mut findings);
        let fps: std::collections::HashSet<_> = findings.iter().map(|f| &f.fingerprint).collect();
        assert_eq!(fps.len(), 3);
        assert_eq!(findings.first().map(|f| f.fingerprint.as_str()), Some("x"));
    }
}
