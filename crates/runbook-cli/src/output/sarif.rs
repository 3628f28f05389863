//! `sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

use std::fmt::Write as _;
use std::io::{self, Write};

use runbook_lint::Severity;
use serde_json::json;

use crate::catalog;
use crate::run::Linted;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const INFORMATION_URI: &str = "https://github.com/runbook-dev/runbook";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// Writes one run with every rule's metadata and one result per finding.
pub fn render(files: &[&Linted], out: &mut dyn Write) -> io::Result<()> {
    let rules = catalog::all();
    let descriptors: Vec<_> = rules
        .iter()
        .map(|rule| {
            json!({
                "id": rule.id,
                "name": rule.id,
                "shortDescription": { "text": rule.summary },
                "fullDescription": { "text": rule.description },
                "help": { "text": rule.explanation, "markdown": rule.explanation },
                "defaultConfiguration": { "level": level(rule.default_severity) },
                "properties": { "tags": [rule.category] },
            })
        })
        .collect();
    let results: Vec<_> = super::findings(files)
        .map(|(file, f)| {
            let mut result = json!({
                "ruleId": f.rule,
                "level": level(f.severity),
                "message": { "text": f.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(&super::display_path(file)) },
                        "region": {
                            "startLine": f.start.line,
                            "startColumn": f.start.column,
                            "endLine": f.end.line,
                            "endColumn": f.end.column,
                        },
                    },
                }],
                "partialFingerprints": { "runbookFingerprint/v1": f.fingerprint(&file.path) },
            });
            if let Some(object) = result.as_object_mut() {
                if let Some(index) = rules.iter().position(|r| r.id == f.rule) {
                    object.insert("ruleIndex".to_owned(), json!(index));
                }
                if !f.related.is_empty() {
                    let related: Vec<_> = f
                        .related
                        .iter()
                        .enumerate()
                        .map(|(id, r)| {
                            json!({
                                "id": id,
                                "physicalLocation": {
                                    "artifactLocation": { "uri": uri(&super::related_path(file, r)) },
                                    "region": {
                                        "startLine": r.start.line,
                                        "startColumn": r.start.column,
                                        "endLine": r.end.line,
                                        "endColumn": r.end.column,
                                    },
                                },
                                "message": { "text": r.message },
                            })
                        })
                        .collect();
                    object.insert("relatedLocations".to_owned(), json!(related));
                }
            }
            result
        })
        .collect();
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "runbook",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": INFORMATION_URI,
                    "rules": descriptors,
                },
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    super::write_json(&log, out)
}

/// A relative URI reference for a path: percent-encodes what URIs reserve.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn uri_encodes_spaces_and_unicode() {
        assert_eq!(super::uri("a b/é.md"), "a%20b/%C3%A9.md");
    }
}
