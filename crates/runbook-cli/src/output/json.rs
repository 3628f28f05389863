//! `json`: the stable report format described by `schemas/report.schema.json`.

use std::io::{self, Write};

use serde_json::json;

use super::Summary;
use crate::run::FileOutcome;

/// Version of the report format; bumped only on incompatible changes.
pub const FORMAT_VERSION: u32 = 1;

/// Writes the report.
pub fn render(files: &[FileOutcome], summary: Summary, out: &mut dyn Write) -> io::Result<()> {
    let diagnostics: Vec<_> = super::findings(files)
        .map(|(file, f)| {
            json!({
                "path": super::display_path(file),
                "rule": f.rule,
                "severity": f.severity.name(),
                "message": f.message,
                "line": f.start.line,
                "column": f.start.column,
                "end_line": f.end.line,
                "end_column": f.end.column,
                "help": f.help,
            })
        })
        .collect();
    let report = json!({
        "version": FORMAT_VERSION,
        "summary": {
            "files": summary.files,
            "errors": summary.errors,
            "warnings": summary.warnings,
        },
        "diagnostics": diagnostics,
    });
    super::write_json(&report, out)
}
