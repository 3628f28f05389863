//! Every rule the CLI can report: the linter's registry plus the file-level
//! checks the CLI makes itself (a file that cannot be read or is not text).

use runbook_lint::Severity;
use runbook_lint::rules::ALL_RULES;

/// Id of the finding for a file that cannot be read.
pub const UNREADABLE_FILE: &str = "unreadable-file";
/// Id of the finding for a file that is not UTF-8 text (invalid UTF-8, binary).
pub const INVALID_TEXT: &str = "invalid-text";

/// What output formats and `explain` need to know about a rule.
#[derive(Debug, Clone)]
pub struct RuleInfo {
    /// Stable id.
    pub id: &'static str,
    /// Category name.
    pub category: &'static str,
    /// Severity when configuration says nothing.
    pub default_severity: Severity,
    /// One line.
    pub summary: String,
    /// The whole "What it checks" section.
    pub description: String,
    /// Full Markdown documentation.
    pub explanation: String,
}

const UNREADABLE_FILE_DOCS: &str = "\
## What it checks
Files that were found but could not be read: permission denied, an I/O
error, a symlink that leads nowhere readable.

## Why it matters
A runbook nobody can open is as bad as a missing one, and a silent skip
would hide it from the linter.

## Example
```console
$ chmod 000 runbooks/restart.md
```

## How to fix
Fix the file's permissions or remove the broken entry.
";

const INVALID_TEXT_DOCS: &str = "\
## What it checks
Files that are not UTF-8 text: invalid UTF-8 byte sequences or NUL bytes
(binary files with a `.md` name).

## Why it matters
Renderers and editors mangle such files; parts of the runbook may be
unreadable during an incident.

## Example
A file saved as Latin-1 containing `caf\\xe9`.

## How to fix
Re-encode the file as UTF-8 (`iconv -f latin1 -t utf-8`), or rename it if it
is not a runbook.
";

/// Every rule, linter rules first, in `runbook rules` order.
pub fn all() -> Vec<RuleInfo> {
    let mut rules: Vec<RuleInfo> = ALL_RULES
        .iter()
        .map(|rule| {
            let meta = rule.meta();
            RuleInfo {
                id: meta.id,
                category: meta.category.name(),
                default_severity: meta.default_severity,
                summary: meta.summary(),
                description: meta.section("What it checks"),
                explanation: meta.explanation(),
            }
        })
        .collect();
    for (id, docs) in [
        (UNREADABLE_FILE, UNREADABLE_FILE_DOCS),
        (INVALID_TEXT, INVALID_TEXT_DOCS),
    ] {
        rules.push(RuleInfo {
            id,
            category: "file",
            default_severity: Severity::Error,
            summary: first_paragraph(docs),
            description: what_it_checks(docs),
            explanation: docs.to_owned(),
        });
    }
    rules
}

/// The rule with this id.
pub fn find(id: &str) -> Option<RuleInfo> {
    all().into_iter().find(|r| r.id == id)
}

fn what_it_checks(docs: &str) -> String {
    docs.split_once("## What it checks\n")
        .map_or(docs, |(_, rest)| rest)
        .split("\n## ")
        .next()
        .unwrap_or("")
        .trim()
        .to_owned()
}

fn first_paragraph(docs: &str) -> String {
    docs.split_once("## What it checks\n")
        .map_or(docs, |(_, rest)| rest)
        .split("\n\n")
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_summaries_non_empty() {
        let rules = all();
        let mut ids: Vec<_> = rules.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), rules.len());
        assert!(rules.iter().all(|r| !r.summary.is_empty()));
    }
}
