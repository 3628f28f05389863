//! `json`: the stable report format described by `schemas/report.schema.json`.

use std::io::{self, Write};

use rayon::prelude::*;

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

/// Writes the report.
///
/// The bytes are exactly `serde_json::to_writer_pretty` of the whole report,
/// but the entries (16,000 of them for a large tree) are serialised in
/// chunks on all cores: done in one piece, this was the largest serial step
/// of a run.
pub fn render(files: &[&Linted], summary: Summary, out: &mut dyn Write) -> io::Result<()> {
    let head = Report {
        version: FORMAT_VERSION,
        summary: Counts {
            files: summary.files,
            errors: summary.errors,
            warnings: summary.warnings,
        },
        diagnostics: Vec::new(),
    };
    let head = serde_json::to_vec_pretty(&head)?;
    let findings: Vec<_> = super::findings(files).collect();
    // Without entries, serde_json writes `[]`, which `head` already ends with.
    let Some(open) = head
        .strip_suffix(b"[]\n}".as_slice())
        .filter(|_| !findings.is_empty())
    else {
        out.write_all(&head)?;
        return writeln!(out);
    };
    let chunks = findings
        .par_chunks(512)
        .map(|chunk| {
            let mut buf = Vec::with_capacity(chunk.len() * 420);
            for (file, f) in chunk {
                // Pretty JSON of an entry at depth 2: every line indented by
                // four more spaces. JSON strings never hold a raw newline.
                let json = serde_json::to_vec_pretty(&entry(file, f))?;
                buf.extend_from_slice(b",\n    ");
                for (i, line) in json.split(|&b| b == b'\n').enumerate() {
                    if i > 0 {
                        buf.extend_from_slice(b"\n    ");
                    }
                    buf.extend_from_slice(line);
                }
            }
            Ok(buf)
        })
        .collect::<Result<Vec<Vec<u8>>, serde_json::Error>>()?;
    out.write_all(open)?;
    out.write_all(b"[")?;
    for (i, chunk) in chunks.iter().enumerate() {
        // Each entry starts with a comma; the first of all does not.
        let chunk = if i == 0 {
            chunk.get(1..).unwrap_or_default()
        } else {
            chunk
        };
        out.write_all(chunk)?;
    }
    out.write_all(b"\n  ]\n}\n")
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

#[cfg(test)]
#[expect(clippy::unwrap_used, reason = "tests unwrap")]
mod tests {
    use super::*;
    use runbook_lint::Severity;
    use runbook_parse::Position;

    fn outcome(path: &str, n: usize) -> Linted {
        let finding = |i: usize| Finding {
            rule: "missing-rollback",
            severity: if i.is_multiple_of(2) {
                Severity::Error
            } else {
                Severity::Warning
            },
            message: format!("finding \"{i}\" with\nnewline and ünïcode"),
            start: Position {
                line: i + 1,
                column: 2,
            },
            end: Position {
                line: i + 1,
                column: 9,
            },
            span: None,
            help: i.is_multiple_of(3).then(|| "fix it".to_owned()),
            related: Vec::new(),
            fingerprint: String::new(),
            baseline_fingerprint: String::new(),
        };
        Linted {
            path: path.into(),
            source: crate::run::Source::Page,
            text: None,
            findings: (0..n).map(finding).collect(),
        }
    }

    /// The chunked writer must produce `serde_json`'s own pretty bytes.
    #[test]
    fn chunked_output_equals_serde_pretty() {
        for files in [
            vec![],
            vec![outcome("a.md", 0)],
            vec![outcome("a.md", 1)],
            vec![
                outcome("a.md", 700),
                outcome("dir/b c.md", 600),
                outcome("z.md", 0),
            ],
        ] {
            let files: Vec<&Linted> = files.iter().collect();
            let summary = Summary::of(&files);
            let mut ours = Vec::new();
            render(&files, summary, &mut ours).unwrap();
            let report = Report {
                version: FORMAT_VERSION,
                summary: Counts {
                    files: summary.files,
                    errors: summary.errors,
                    warnings: summary.warnings,
                },
                diagnostics: super::super::findings(&files)
                    .map(|(file, f)| entry(file, f))
                    .collect(),
            };
            let mut theirs = serde_json::to_vec_pretty(&report).unwrap();
            theirs.push(b'\n');
            assert_eq!(
                String::from_utf8(ours).unwrap(),
                String::from_utf8(theirs).unwrap()
            );
        }
    }
}
