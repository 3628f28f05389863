//! The lint pipeline shared by `lint`, `build` and `report`: discover,
//! read, parse and check files in parallel, run the cross-file pass with
//! the project around the run, mask secrets, and hand back one [`Linted`]
//! value per file. Every failure is a finding, so one bad file never stops
//! the run.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use runbook_lint::{Checked, Diagnostic, Linter, Severity};
use runbook_parse::{Document, Position, Review, Span};
use sha2::{Digest, Sha256};

use crate::config::Resolver;
use crate::discover::{self, DiscoverOptions, Problem, ProblemKind};
use crate::project::DiskProject;
use crate::redact::Redaction;

/// Stack size of the worker threads: deep Markdown nesting (50,000 nested
/// block quotes) must not overflow the stack in any rule; the memory is only
/// reserved. (Today parse and rules pass 50,000 levels even on 2 MiB stacks.)
pub const WORKER_STACK_BYTES: usize = 64 * 1024 * 1024;

/// One file after the whole pipeline.
#[derive(Debug)]
pub struct Linted {
    /// The file as given, or relative to the working directory.
    pub path: PathBuf,
    /// What the file is, with what the caller asked to keep of it.
    pub source: Source,
    /// The text, for snippets (only when asked for), secrets masked.
    pub text: Option<Arc<str>>,
    /// Findings in source order.
    pub findings: Vec<Finding>,
    /// The secrets found in it, to mask a later reading of the file
    /// (a streaming `build` parses each runbook again).
    pub redaction: Option<Arc<Redaction>>,
}

/// What a linted file turned out to be.
#[derive(Debug)]
pub enum Source {
    /// A runbook: every rule ran on it.
    Runbook {
        /// The parsed runbook, secrets masked, when the caller asked for it.
        document: Option<Box<Document>>,
        /// Where its review stands under its own configuration: what lint's
        /// `stale-review`, the report and the site all show.
        review: Review,
    },
    /// A Markdown file that is not a runbook (a README, an excluded file):
    /// only its links were checked.
    Page,
    /// A file that could not be read as text; the reason is also its
    /// `unreadable-file` finding.
    Unreadable(String),
}

impl Linted {
    /// Whether the file is a runbook.
    pub fn is_runbook(&self) -> bool {
        matches!(self.source, Source::Runbook { .. })
    }

    /// Whether the file is shown in output: runbooks always, other files
    /// only when they have findings.
    fn is_shown(&self) -> bool {
        self.is_runbook() || !self.findings.is_empty()
    }
}

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
    /// Byte range in the (masked) text, when there is a text to show.
    pub span: Option<Span>,
    /// How to fix it.
    pub help: Option<String>,
    /// Other places that explain the finding.
    pub related: Vec<RelatedFinding>,
    /// Stable across line shifts: rule and the offending text (a secret
    /// only as a hash), unique within its file. Baselines store it with the
    /// path relative to the baseline file, so they match from any folder.
    pub baseline_fingerprint: String,
}

impl Finding {
    /// Unique across a report and stable across line shifts: rule, path and
    /// the offending text. A SHA-256, so it is computed only by the formats
    /// that print it (SARIF, GitLab): for 16,000 findings it was 6% of a run.
    pub fn fingerprint(&self, path: &Path) -> String {
        hash(&[
            self.rule,
            &path.to_string_lossy(),
            &self.baseline_fingerprint,
        ])
    }
}

/// A place that explains a finding, e.g. the first runbook claiming an alert.
#[derive(Debug, Clone)]
pub struct RelatedFinding {
    /// The file, when not the finding's own.
    pub path: Option<PathBuf>,
    /// 1-based start line and character column.
    pub start: Position,
    /// 1-based end line and character column.
    pub end: Position,
    /// Byte range, for a snippet when the file is the finding's own.
    pub span: Span,
    /// What it shows.
    pub message: String,
}

/// What to keep of each file besides its findings.
#[derive(Debug, Clone, Copy, Default)]
pub struct Keep {
    /// The text, for formats that show snippets; copying 10,000 texts
    /// costs time that JSON and SARIF output never use.
    pub text: bool,
    /// How much of every runbook's parsed document.
    pub documents: Documents,
}

/// How much of a runbook's parsed document the pipeline keeps.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Documents {
    /// None: `lint` needs only findings.
    #[default]
    None,
    /// Metadata, front-matter and headings, without the body's structure or
    /// text: all the report and the site's index pages read, at a fraction
    /// of the memory (a streaming `build` parses each body again to render it).
    Metadata,
    /// The whole document, so a command that needs both findings and
    /// documents parses each file once.
    Whole,
}

impl Keep {
    /// What `report` and `serve` need: the parsed runbooks, not the texts.
    pub const DOCUMENTS: Self = Self {
        text: false,
        documents: Documents::Whole,
    };
}

/// How to run.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Do not honour `.gitignore`, `.ignore` and git excludes (in the run
    /// and in the project scan alike).
    pub no_ignore: bool,
    /// What to keep of each file.
    pub keep: Keep,
}

/// A whole run: every file, sorted by path, and notes about entries that
/// were skipped on purpose (FIFOs, dangling symlinks, symlink loops).
#[derive(Debug, Default)]
pub struct Run {
    /// Every file, in path order.
    pub files: Vec<Linted>,
    /// One line per skipped entry.
    pub notes: Vec<String>,
}

impl Run {
    /// The files output shows: runbooks, and other files with findings.
    pub fn shown(&self) -> impl Iterator<Item = &Linted> {
        self.files.iter().filter(|f| f.is_shown())
    }
}

/// Discovers the Markdown files under `paths` and lints them, each with
/// the configuration nearest to it, against the project around them.
pub fn lint_paths(
    paths: &[PathBuf],
    resolver: &mut Resolver,
    options: Options,
) -> miette::Result<Run> {
    let discover_options = DiscoverOptions {
        no_ignore: options.no_ignore,
    };
    let found = std::thread::scope(|scope| {
        let walk = scope.spawn(|| discover::discover(paths, &discover_options));
        // Meanwhile, build the linter most files will use (compiling the
        // schema takes as long as walking a large tree). A broken
        // configuration is reported below, where it is needed.
        if let Some(first) = paths.first() {
            let probe = if first.is_dir() {
                first.join("_.md")
            } else {
                first.clone()
            };
            let _ = resolver.linter_for(&probe);
        }
        walk.join()
    })
    .map_err(|_| miette::miette!("internal error while walking the tree"))?
    .map_err(|e| miette::miette!(code = "runbook::path", "{e}"))?;
    let inputs = found
        .files
        .iter()
        .map(|path| Input {
            path: path.clone(),
            bytes: None,
        })
        .collect();
    let walked: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    let mut run = lint_inputs(inputs, &walked, resolver, options)?;
    for problem in &found.problems {
        match problem.kind {
            ProblemKind::Io => run.files.push(unreadable_file(
                problem.path.clone(),
                problem.message.clone(),
                1,
                1,
            )),
            ProblemKind::NotRegular | ProblemKind::DanglingSymlink | ProblemKind::SymlinkLoop => {
                run.notes.push(note(problem));
            }
        }
    }
    run.files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(run)
}

/// Lints one text read from standard input as if it were the file at
/// `path`: same configuration, same project around it.
pub fn lint_stdin(
    path: &Path,
    bytes: Vec<u8>,
    resolver: &mut Resolver,
    options: Options,
) -> miette::Result<Run> {
    let input = Input {
        path: discover::clean(path),
        bytes: Some(bytes),
    };
    lint_inputs(vec![input], &[], resolver, options)
}

fn note(problem: &Problem) -> String {
    format!("note: {}: {}", problem.path.display(), problem.message)
}

/// A file to lint: its path, and its bytes when they do not come from disk.
struct Input {
    path: PathBuf,
    bytes: Option<Vec<u8>>,
}

/// One file after the per-file pass.
struct Pending {
    path: PathBuf,
    linter: Arc<Linter>,
    /// `None` when the file could not be read as text.
    checked: Option<Checked>,
    /// The `unreadable-file` finding of a file that could not be read.
    unreadable: Option<Diagnostic>,
    source: Source,
    text: Option<Arc<str>>,
    /// Detected secrets, as found: masked in every output.
    secrets: Vec<(Span, String)>,
}

fn lint_inputs(
    inputs: Vec<Input>,
    walked: &[&Path],
    resolver: &mut Resolver,
    options: Options,
) -> miette::Result<Run> {
    let jobs = inputs
        .into_iter()
        .map(|input| {
            let linter = resolver.linter_for(&input.path)?;
            let glob_path = resolver.glob_path(&input.path);
            Ok((input, linter, glob_path))
        })
        .collect::<miette::Result<Vec<_>>>()?;
    let pool = rayon::ThreadPoolBuilder::new()
        .stack_size(WORKER_STACK_BYTES)
        .build()
        .map_err(|e| miette::miette!("cannot start worker threads: {e}"))?;
    let mut pending: Vec<Pending> = pool.install(|| {
        jobs.into_par_iter()
            .map(|(input, linter, glob_path)| check(input, linter, &glob_path, options.keep))
            .collect()
    });
    let run_paths: Vec<&Path> = pending.iter().map(|p| p.path.as_path()).collect();
    let project = DiskProject::new(&run_paths, walked, resolver, options.no_ignore);
    let files = pool.install(|| {
        // The cross-file pass sees the readable files only; the others are
        // link targets that exist but have no headings.
        let mut checked: Vec<Checked> = pending
            .iter_mut()
            .filter_map(|p| p.checked.take())
            .collect();
        runbook_lint::finish(&mut checked, &project);
        let mut checked = checked.into_iter();
        pending
            .into_iter()
            .map(|mut p| {
                let diagnostics = match p.unreadable.take() {
                    Some(d) => vec![d],
                    None => checked
                        .next()
                        .map(Checked::into_diagnostics)
                        .unwrap_or_default(),
                };
                (p, diagnostics)
            })
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(|(p, diagnostics)| complete(p, &diagnostics))
            .collect()
    });
    Ok(Run {
        files,
        notes: Vec::new(),
    })
}

/// Reads, parses and checks one file.
fn check(input: Input, linter: Arc<Linter>, glob_path: &Path, keep: Keep) -> Pending {
    let Input { path, bytes } = input;
    let bytes = match bytes.map_or_else(|| std::fs::read(&path), Ok) {
        Ok(bytes) => bytes,
        Err(e) => return unreadable_pending(path, linter, format!("cannot read file: {e}"), 1, 1),
    };
    let doc = match runbook_parse::parse(&path, &bytes, linter.parse_options()) {
        Ok(doc) => doc,
        Err(e) => {
            let reason = match &e {
                runbook_parse::ParseError::Binary { .. } => {
                    "file looks binary (it contains a NUL byte)"
                }
                _ => "file is not valid UTF-8",
            };
            return unreadable_pending(path, linter, reason.to_owned(), e.line(), e.column());
        }
    };
    let is_runbook = linter.is_runbook(glob_path);
    let checked = linter.check(&doc, is_runbook);
    let secrets = checked
        .diagnostics()
        .iter()
        .filter_map(|d| d.redact)
        .map(|span| (span, doc.text(span).to_owned()))
        .collect();
    let source = if is_runbook {
        Source::Runbook {
            review: Review::of(
                &doc.metadata,
                linter.today(),
                linter.config().max_age_days(),
            ),
            document: None,
        }
    } else {
        Source::Page
    };
    let text = keep.text.then(|| Arc::from(doc.source.as_str()));
    let source = match source {
        Source::Runbook { review, .. } => Source::Runbook {
            review,
            document: match keep.documents {
                Documents::None => None,
                Documents::Metadata => Some(Box::new(metadata_only(doc))),
                Documents::Whole => Some(Box::new(doc)),
            },
        },
        other => other,
    };
    Pending {
        path,
        linter,
        checked: Some(checked),
        unreadable: None,
        source,
        text,
        secrets,
    }
}

fn unreadable_pending(
    path: PathBuf,
    linter: Arc<Linter>,
    reason: String,
    line: usize,
    column: usize,
) -> Pending {
    Pending {
        path,
        linter,
        checked: None,
        unreadable: Some(runbook_lint::unreadable(reason.clone(), line, column)),
        source: Source::Unreadable(reason),
        text: None,
        secrets: Vec::new(),
    }
}

/// A file that could not be read: its one finding.
fn unreadable_file(path: PathBuf, reason: String, line: usize, column: usize) -> Linted {
    let diagnostic = runbook_lint::unreadable(reason.clone(), line, column);
    let findings = vec![finding(&diagnostic, None)];
    Linted {
        path,
        source: Source::Unreadable(reason),
        text: None,
        findings,
        redaction: None,
    }
}

/// `doc` without its body: the front-matter text, metadata and headings.
fn metadata_only(mut doc: Document) -> Document {
    if doc.source.is_char_boundary(doc.body.start) {
        doc.source.truncate(doc.body.start);
        doc.source.shrink_to_fit();
    }
    Document {
        steps: Vec::new(),
        code_blocks: Vec::new(),
        inline_code: Vec::new(),
        links: Vec::new(),
        tasks: Vec::new(),
        html: Vec::new(),
        prose: Vec::new(),
        ..doc
    }
}

/// Masks secrets, then turns diagnostics into findings.
fn complete(p: Pending, diagnostics: &[Diagnostic]) -> Linted {
    let Pending {
        path,
        linter,
        mut source,
        mut text,
        secrets,
        ..
    } = p;
    let redaction = Redaction::new(secrets);
    if let Some(redaction) = &redaction {
        text = text.map(|t| Arc::from(redaction.mask(&t)));
        if let Source::Runbook {
            document: Some(document),
            ..
        } = &mut source
        {
            if document.body.end > document.source.len() {
                // Kept without its body: only heading texts may hold it.
                for h in &mut document.headings {
                    h.text = redaction.scrub(&h.text);
                }
            } else {
                // Re-parsed from the masked text, so every string the site
                // and the report take from it (code blocks, search text) is
                // masked.
                let masked = redaction.mask(&document.source);
                **document = runbook_parse::parse_str(&path, &masked, linter.parse_options());
            }
        }
    }
    let mut findings: Vec<Finding> = diagnostics
        .iter()
        .map(|d| finding(d, redaction.as_ref()))
        .collect();
    disambiguate(&mut findings);
    Linted {
        redaction: redaction.map(Arc::new),
        path,
        source,
        text,
        findings,
    }
}

fn finding(d: &Diagnostic, redaction: Option<&Redaction>) -> Finding {
    let scrub = |text: &str| redaction.map_or_else(|| text.to_owned(), |r| r.scrub(text));
    let remap = |span: Span| redaction.map_or(span, |r| r.map_span(span));
    Finding {
        rule: d.rule,
        severity: d.severity,
        message: scrub(&d.message),
        start: d.location.start,
        end: d.location.end,
        span: Some(remap(d.location.span)),
        help: d.help.as_deref().map(scrub),
        related: d
            .related
            .iter()
            .map(|r| RelatedFinding {
                path: r.path.clone(),
                start: r.location.start,
                end: r.location.end,
                span: if r.path.is_none() {
                    remap(r.location.span)
                } else {
                    r.location.span
                },
                message: scrub(&r.message),
            })
            .collect(),
        baseline_fingerprint: d.fingerprint.clone(),
    }
}

/// Makes equal fingerprints in one file unique by numbering repeats, so a
/// baseline counts each occurrence and GitLab sees unique fingerprints.
fn disambiguate(findings: &mut [Finding]) {
    let mut seen = std::collections::HashMap::<String, usize>::new();
    for f in findings.iter_mut() {
        let n = seen.entry(f.baseline_fingerprint.clone()).or_insert(0);
        if *n > 0 {
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
            related: Vec::new(),
            baseline_fingerprint: fp.to_owned(),
        };
        let mut findings = vec![f("x"), f("x"), f("y")];
        disambiguate(&mut findings);
        let path = Path::new("a.md");
        let fps: std::collections::HashSet<_> =
            findings.iter().map(|f| f.fingerprint(path)).collect();
        assert_eq!(fps.len(), 3);
        assert_eq!(
            findings.first().map(|f| f.baseline_fingerprint.as_str()),
            Some("x")
        );
    }
}
