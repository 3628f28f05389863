//! Output formats: every format renders the same [`Linted`] files into a
//! writer. Nothing else in the crate writes findings to standard output.

mod concise;
mod github;
mod gitlab;
mod human;
mod json;
mod junit;
mod sarif;

use std::io::{self, Write};

use clap::ValueEnum;
use runbook_lint::Severity;

use crate::run::{Finding, Linted, RelatedFinding};

/// How to print findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Format {
    /// Graphical diagnostics with source snippets (the default).
    #[default]
    Human,
    /// `path:line:col: severity[rule] message`, one per line.
    Concise,
    /// A JSON report (`schemas/report.schema.json`).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// `JUnit` XML: one test case per file, one failure per finding.
    Junit,
    /// GitLab Code Quality JSON.
    Gitlab,
}

/// Counts over a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Files linted.
    pub files: usize,
    /// Findings with severity error.
    pub errors: usize,
    /// Findings with severity warning.
    pub warnings: usize,
}

impl Summary {
    /// Counts the findings of `files`.
    pub fn of(files: &[&Linted]) -> Self {
        let findings = || files.iter().flat_map(|f| &f.findings);
        Self {
            files: files.len(),
            errors: findings().filter(|f| f.severity == Severity::Error).count(),
            warnings: findings()
                .filter(|f| f.severity == Severity::Warning)
                .count(),
        }
    }
}

/// Renders `files` in `format` to `out`; `color` only affects `human`.
pub fn render(
    format: Format,
    files: &[&Linted],
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let summary = Summary::of(files);
    match format {
        Format::Human => human::render(files, color, out),
        Format::Concise => concise::render(files, out),
        Format::Json => json::render(files, summary, out),
        Format::Sarif => sarif::render(files, out),
        Format::Github => github::render(files, out),
        Format::Junit => junit::render(files, out),
        Format::Gitlab => gitlab::render(files, out),
    }
}

/// Findings of every file, with their path, in output order.
fn findings<'a>(files: &'a [&'a Linted]) -> impl Iterator<Item = (&'a Linted, &'a Finding)> {
    files
        .iter()
        .flat_map(|file| file.findings.iter().map(move |f| (*file, f)))
}

/// A path as output formats print it: forward slashes on every platform.
fn display_path(file: &Linted) -> String {
    slashes(&file.path)
}

/// The file a related location is in, as output formats print it.
fn related_path(file: &Linted, related: &RelatedFinding) -> String {
    slashes(related.path.as_deref().unwrap_or(&file.path))
}

fn slashes(path: &std::path::Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Writes `value` as pretty JSON followed by a newline.
fn write_json(value: &serde_json::Value, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

/// Writes bytes to standard output; a closed pipe is not an error.
pub fn write_stdout(bytes: &[u8]) -> miette::Result<()> {
    let mut stdout = io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            Err(miette::miette!("cannot write to standard output: {e}"))
        }
        _ => Ok(()),
    }
}
