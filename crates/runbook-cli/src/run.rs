//! The lint pipeline: read, parse and check files in parallel, turning every
//! failure into a finding so one bad file never stops the run.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use runbook_lint::{Diagnostic, FileResult, Linter, Severity};
use runbook_parse::{Document, Position, Span};
use sha2::{Digest, Sha256};

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
    /// Like `fingerprint` without the path, which baselines store on its own
    /// (relative to the baseline file), so they match from any folder.
    pub baseline_fingerprint: String,
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

/// What to keep of each file besides its findings.
#[derive(Debug, Clone, Copy, Default)]
pub struct Keep {
    /// The text, for formats that show snippets; copying 10,000 texts
    /// costs time that JSON and SARIF output never use.
    pub sources: bool,
    /// The parsed document of every runbook (not of README-like files), so
    /// commands that need both findings and documents parse each file once.
    pub documents: bool,
}

impl Keep {
    /// What `build` and `report` need: the parsed runbooks, not the texts.
    pub const DOCUMENTS: Self = Self {
        sources: false,
        documents: true,
    };
}

/// Lints `files`, each with the configuration nearest to it, then runs the
/// cross-file pass (links between runbooks, duplicate alerts, suppressions).
/// Returns the outcomes and, if asked for, the parsed runbooks.
///
/// The cross-file pass uses the configuration of the first file: a tree
/// with several `runbook.toml` files shares one view of its links.
pub fn lint_files(
    files: &[PathBuf],
    resolver: &mut Resolver,
    keep: Keep,
) -> miette::Result<(Vec<FileOutcome>, Vec<Document>)> {
    let jobs = files
        .iter()
        .map(|path| {
            let linter = resolver.linter_for(path)?;
            Ok((path, linter, resolver.glob_path(path)))
        })
        .collect::<miette::Result<Vec<_>>>()?;
    let Some((_, primary, _)) = jobs.first() else {
        return Ok((Vec::new(), Vec::new()));
    };
    let primary = Arc::clone(primary);
    let pool = rayon::ThreadPoolBuilder::new()
        .stack_size(WORKER_STACK_BYTES)
        .build()
        .map_err(|e| miette::miette!("cannot start worker threads: {e}"))?;
    let mut checked = pool.install(|| {
        jobs.par_iter()
            .map(|(path, linter, glob_path)| match std::fs::read(path) {
                Ok(bytes) => check(path, glob_path, &bytes, linter, keep),
                Err(e) => Checked {
                    result: runbook_lint::unreadable(*path, format!("cannot read file: {e}"), 1, 1),
                    source: None,
                    document: None,
                },
            })
            .collect::<Vec<_>>()
    });
    let documents = checked
        .iter_mut()
        .filter_map(|c| c.document.take())
        .collect();
    Ok((pool.install(|| finish(&primary, checked)), documents))
}

/// One file after the per-file pass, with its text kept for snippets.
pub struct Checked {
    result: FileResult,
    source: Option<Arc<str>>,
    /// The parsed runbook, when the caller asked to keep it.
    document: Option<Document>,
}

/// Parses and checks one text given as bytes (a file's content or standard
/// input). Files that are not runbooks (README, `_index.md`, excluded) are
/// only indexed: their links are still checked, no other rule runs.
/// `glob_path` is the path `include`/`exclude` globs see (see
/// [`crate::config::Resolver::glob_path`]).
pub fn check_bytes(path: &Path, glob_path: &Path, bytes: &[u8], linter: &Linter) -> Checked {
    let keep = Keep {
        sources: true,
        documents: false,
    };
    check(path, glob_path, bytes, linter, keep)
}

/// [`check_bytes`], keeping what `keep` asks for; `glob_path` is what
/// `include`/`exclude` globs are matched against.
fn check(path: &Path, glob_path: &Path, bytes: &[u8], linter: &Linter, keep: Keep) -> Checked {
    match runbook_parse::parse(path, bytes, linter.parse_options()) {
        Ok(doc) => {
            let is_runbook = linter.is_runbook(glob_path);
            let result = if is_runbook {
                linter.check(&doc)
            } else {
                linter.index_only(&doc)
            };
            let source = keep.sources.then(|| Arc::from(doc.source.as_str()));
            Checked {
                result,
                source,
                document: (keep.documents && is_runbook).then_some(doc),
            }
        }
        Err(e) => {
            let message = match &e {
                runbook_parse::ParseError::Binary { .. } => {
                    "file looks binary (it contains a NUL byte)"
                }
                _ => "file is not valid UTF-8",
            };
            Checked {
                result: runbook_lint::unreadable(path, message, e.line(), e.column()),
                source: None,
                document: None,
            }
        }
    }
}

/// The cross-file pass over checked files, and conversion to outcomes.
/// Files that are not runbooks appear only when they have findings.
pub fn finish(linter: &Linter, checked: Vec<Checked>) -> Vec<FileOutcome> {
    let mut sources = HashMap::with_capacity(checked.len());
    let mut results = Vec::with_capacity(checked.len());
    for Checked { result, source, .. } in checked {
        if source.is_some() {
            sources.insert(result.path.clone(), source);
        }
        results.push(result);
    }
    let results = linter.finish(results, &|p: &Path| p.exists());
    let sources = &sources;
    // Fingerprints are a SHA-256 per finding: worth spreading over cores.
    results
        .into_par_iter()
        .filter(|r| r.index.is_runbook || !r.diagnostics.is_empty())
        .map(|r| {
            let mut findings: Vec<Finding> =
                r.diagnostics.iter().map(|d| finding(&r.path, d)).collect();
            disambiguate(&mut findings);
            FileOutcome {
                source: sources.get(&r.path).cloned().flatten(),
                path: r.path,
                findings,
            }
        })
        .collect()
}

/// A discovery problem as a finding, or `None` for entries skipped on purpose.
pub fn problem_outcome(problem: &Problem) -> Option<FileOutcome> {
    use crate::discover::ProblemKind;
    match problem.kind {
        ProblemKind::Io => {
            let result = runbook_lint::unreadable(&problem.path, problem.message.clone(), 1, 1);
            let findings = result
                .diagnostics
                .iter()
                .map(|d| finding(&result.path, d))
                .collect();
            Some(FileOutcome {
                path: result.path,
                source: None,
                findings,
            })
        }
        ProblemKind::NotRegular | ProblemKind::DanglingSymlink | ProblemKind::SymlinkLoop => None,
    }
}

fn finding(path: &Path, d: &Diagnostic) -> Finding {
    Finding {
        rule: d.rule,
        severity: d.severity,
        message: d.message.clone(),
        start: d.location.start,
        end: d.location.end,
        span: Some(d.location.span),
        help: d.help.clone(),
        // The linter's fingerprint covers rule, message and offending text;
        // the path makes it unique across a report (GitLab needs that).
        fingerprint: hash(&[d.rule, &path.to_string_lossy(), &d.fingerprint]),
        baseline_fingerprint: d.fingerprint.clone(),
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
            f.baseline_fingerprint = hash(&[&f.baseline_fingerprint, &n.to_string()]);
        }
        *n += 1;
    }
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
    fn fingerprints_number_repeats() {
        let f = |fp: &str| Finding {
            rule: "r",
            severity: Severity::Error,
            message: String::new(),
            start: Position { line: 1, column: 1 },
            end: Position { line: 1, column: 1 },
            span: None,
            help: None,
            fingerprint: fp.to_owned(),
            baseline_fingerprint: fp.to_owned(),
        };
        let mut findings = vec![f("x"), f("x"), f("y")];
        disambiguate(&mut findings);
        let fps: std::collections::HashSet<_> = findings.iter().map(|f| &f.fingerprint).collect();
        assert_eq!(fps.len(), 3);
        assert_eq!(findings.first().map(|f| f.fingerprint.as_str()), Some("x"));
    }
}
