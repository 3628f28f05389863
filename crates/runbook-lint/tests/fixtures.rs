//! The rule registry as data: every rule documented with the four
//! headings and given fixtures, the generated rules reference up to date,
//! and the shipped runbooks clean. Each rule's own fixtures run through
//! the binary in `tests/cli/rules.rs`, one test per rule.

#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "tests"
)]

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use runbook_lint::{Checked, Config, Linter, NoProject, finish, rules::ALL_RULES};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

fn today() -> jiff::civil::Date {
    jiff::civil::date(2026, 12, 1)
}

fn md_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .map(|rd| {
            rd.map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "md"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// Lints `files` together, with nothing outside them.
fn lint(linter: &Linter, files: &[PathBuf]) -> Vec<Checked> {
    let mut results: Vec<Checked> = files
        .iter()
        .map(|path| {
            let bytes = fs::read(path).unwrap();
            let doc = runbook_parse::parse(path, &bytes, linter.parse_options()).unwrap();
            linter.check(&doc, true)
        })
        .collect();
    finish(&mut results, &NoProject(|p: &Path| p.exists()));
    results
}

#[test]
fn registry_is_complete_and_documented() {
    let mut ids = std::collections::HashSet::new();
    for rule in ALL_RULES {
        let meta = rule.meta();
        assert!(ids.insert(meta.id), "duplicate id {}", meta.id);
        let docs = meta.explanation();
        // Skip fenced examples; a fence closes only with a bare run at least as long.
        let mut fence: Option<usize> = None;
        let headings: Vec<&str> = docs
            .lines()
            .filter(|l| {
                let run = l.chars().take_while(|c| *c == '`').count();
                match fence {
                    Some(open) if run >= open && l.trim_end().len() == run => fence = None,
                    None if run >= 3 => fence = Some(run),
                    _ => {}
                }
                fence.is_none() && l.starts_with("## ")
            })
            .collect();
        assert_eq!(
            headings,
            [
                "## What it checks",
                "## Why it matters",
                "## Example",
                "## How to fix"
            ],
            "{}",
            meta.id
        );
        assert!(
            !meta.summary().is_empty() && !meta.default_help().is_empty(),
            "{}",
            meta.id
        );
        let dir = fixtures().join(meta.id);
        assert!(
            !md_files(&dir.join("pass")).is_empty(),
            "{} has no pass fixture",
            meta.id
        );
        assert!(
            !md_files(&dir.join("fail")).is_empty(),
            "{} has no fail fixture",
            meta.id
        );
    }
}

#[test]
fn shipped_runbooks_lint_clean() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../runbooks");
    let linter = Linter::new(Config {
        today: Some(today()),
        ..Config::default()
    });
    let files = md_files(&dir);
    assert_eq!(files.len(), 10);
    let results = lint(&linter, &files);
    let findings: Vec<_> = results
        .iter()
        .flat_map(|r| r.diagnostics().iter().map(move |d| (r.path(), d)))
        .collect();
    assert!(findings.is_empty(), "{findings:#?}");
}

/// `docs/rules.md`, generated from the rules' own docs. Regenerate with
/// `UPDATE_RULES_DOC=1 cargo test -p runbook-lint --test fixtures`.
#[test]
fn rules_reference_is_up_to_date() {
    let mut doc = String::from(
        "# Rules\n\n<!-- Generated from the rules' doc comments by `crates/runbook-lint/tests/fixtures.rs`; do not edit. -->\n\n| Rule | Default | Category | What it checks |\n| --- | --- | --- | --- |\n",
    );
    for rule in ALL_RULES {
        let m = rule.meta();
        writeln!(
            doc,
            "| [`{0}`](#{0}) | {1} | {2} | {3} |",
            m.id,
            m.default_severity,
            m.category.name(),
            m.summary().replace('|', "\\|")
        )
        .unwrap();
    }
    for rule in ALL_RULES {
        let m = rule.meta();
        let mut body = m.explanation();
        for heading in ["What it checks", "Why it matters", "Example", "How to fix"] {
            body = body.replace(&format!("## {heading}\n"), &format!("### {heading}\n"));
        }
        write!(
            doc,
            "\n## {}\n\nDefault severity: {}. Category: {}.\n\n{}",
            m.id,
            m.default_severity,
            m.category.name(),
            body
        )
        .unwrap();
    }
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules.md");
    if std::env::var_os("UPDATE_RULES_DOC").is_some() {
        fs::write(&path, &doc).unwrap();
    }
    assert_eq!(
        fs::read_to_string(&path).unwrap_or_default(),
        doc,
        "docs/rules.md is stale: rerun with UPDATE_RULES_DOC=1"
    );
}
