//! `gitlab`: GitLab Code Quality JSON.

use std::io::{self, Write};

use runbook_lint::Severity;
use serde_json::json;

use crate::run::Linted;

/// Writes the Code Quality array.
pub fn render(files: &[&Linted], out: &mut dyn Write) -> io::Result<()> {
    let issues: Vec<_> = super::findings(files)
        .map(|(file, f)| {
            json!({
                "type": "issue",
                "description": f.message,
                "check_name": f.rule,
                "categories": ["Style"],
                "fingerprint": f.fingerprint(&file.path),
                "severity": match f.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                },
                "location": {
                    "path": super::display_path(file),
                    "lines": { "begin": f.start.line, "end": f.end.line },
                },
            })
        })
        .collect();
    super::write_json(&serde_json::Value::Array(issues), out)
}
