//! `json`: the stable report format described by `schemas/report.schema.json`.

use std::io::{self, Write};

use super::Summary;
use crate::run::{Finding, Linted};

/// Version of the report format; bumped only on incompatible changes.
pub const FORMAT_VERSION: u32 = 1;

/// The report, with fields in the documented order.
#[derive(serde::Serialize)]
struct Report<'a> {
    version: u32,
    summary: Counts,
    diagnostics: Vec<Entry<'a>>,
}

#[derive(serde::Serialize)]
struct Counts {
    files: usize,
    errors: usize,
    warnings: usize,
}

#[derive(serde::Serialize)]
struct Entry<'a> {
    path: String,
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    help: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<Related<'a>>,
}

#[derive(serde::Serialize)]
struct Related<'a> {
    path: String,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    message: &'a str,
}

/// Writes the report. (Serialising entries in chunks on all cores gained
/// nothing measurable on 10,000 files, so it is the plain library call.)
pub fn render(files: &[&Linted], summary: Summary, out: &mut dyn Write) -> io::Result<()> {
    let report = Report {
        version: FORMAT_VERSION,
        summary: Counts {
            files: summary.files,
            errors: summary.errors,
            warnings: summary.warnings,
        },
        diagnostics: super::findings(files)
            .map(|(file, f)| entry(file, f))
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)
}

fn entry<'a>(file: &Linted, f: &'a Finding) -> Entry<'a> {
    Entry {
        path: super::display_path(file),
        rule: f.rule,
        severity: f.severity.name(),
        message: &f.message,
        line: f.start.line,
        column: f.start.column,
        end_line: f.end.line,
        end_column: f.end.column,
        help: f.help.as_deref(),
        related: f
            .related
            .iter()
            .map(|r| Related {
                path: super::related_path(file, r),
                line: r.start.line,
                column: r.start.column,
                end_line: r.end.line,
                end_column: r.end.column,
                message: &r.message,
            })
            .collect(),
    }
}
