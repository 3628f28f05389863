//! Data-driven rule tests over `tests/fixtures/<rule-id>/{pass,fail,context}/`.
//!
//! Every `pass/*.md` gives no finding of its rule, every `fail/*.md` at least
//! one, snapshotted with the source line. Files in `context/` are linted
//! alongside (for cross-file rules) but not asserted on. A `runbook.toml`
//! next to `pass/` and `fail/` configures the rule's folder.

#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "tests"
)]

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use runbook_lint::{Config, FileResult, Linter, rules::ALL_RULES};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

fn today() -> jiff::civil::Date {
    jiff::civil::date(2026, 12, 1)
}

fn linter_for(dir: &Path) -> Linter {
    let mut config = match fs::read_to_string(dir.join("runbook.toml")) {
        Ok(text) => Config::from_toml(&text).unwrap(),
        Err(_) => Config::default(),
    };
    config.today = Some(today());
    Linter::new(config)
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

/// Lints `files` plus the rule folder's `context/` files together.
fn lint(linter: &Linter, rule_dir: &Path, files: &[PathBuf]) -> Vec<FileResult> {
    let mut all = files.to_vec();
    all.extend(md_files(&rule_dir.join("context")));
    let results = all
        .iter()
        .map(|path| {
            let bytes = fs::read(path).unwrap();
            let path = path.strip_prefix(fixtures()).unwrap_or(path);
            match runbook_parse::parse(path, &bytes, &linter.config().parse_options()) {
                Ok(doc) => linter.check(&doc),
                Err(e) => runbook_lint::unreadable(path, e.to_string(), e.line(), e.column()),
            }
        })
        .collect();
    linter.finish(results, &|p: &Path| fixtures().join(p).exists())
}

fn render(result: &FileResult, rule: &str, source: &str) -> String {
    let lines: Vec<&str> = source.trim_start_matches('\u{feff}').lines().collect();
    let mut out = String::new();
    for d in result.diagnostics.iter().filter(|d| d.rule == rule) {
        let (line, col) = (d.location.start.line, d.location.start.column);
        writeln!(
            out,
            "{line}:{col}: {}[{}] {}",
            d.severity, d.rule, d.message
        )
        .unwrap();
        let text = lines.get(line - 1).copied().unwrap_or("");
        writeln!(out, "  |\n{line:>3} | {text}").unwrap();
        let width = if d.location.end.line == line {
            d.location.end.column.saturating_sub(col).max(1)
        } else {
            text.chars().count().saturating_sub(col - 1).max(1)
        };
        writeln!(out, "    | {}{}", " ".repeat(col - 1), "^".repeat(width)).unwrap();
        if let Some(help) = &d.help {
            writeln!(out, "    = help: {help}").unwrap();
        }
        for r in &d.related {
            writeln!(
                out,
                "    = note: {}:{}: {}",
                r.location.start.line, r.location.start.column, r.message
            )
            .unwrap();
        }
    }
    out
}

#[test]
fn every_rule_passes_and_fails_its_fixtures() {
    let mut checked = 0;
    for rule in ALL_RULES {
        let id = rule.meta().id;
        let dir = fixtures().join(id);
        let linter = linter_for(&dir);
        for path in md_files(&dir.join("pass")) {
            let results = lint(&linter, &dir, std::slice::from_ref(&path));
            let mine = results
                .iter()
                .find(|r| fixtures().join(&r.path) == path)
                .unwrap();
            let hits: Vec<_> = mine.diagnostics.iter().filter(|d| d.rule == id).collect();
            assert!(
                hits.is_empty(),
                "{}: unexpected {id}: {hits:#?}",
                path.display()
            );
            checked += 1;
        }
        for path in md_files(&dir.join("fail")) {
            let results = lint(&linter, &dir, std::slice::from_ref(&path));
            let mine = results
                .iter()
                .find(|r| fixtures().join(&r.path) == path)
                .unwrap();
            let source = String::from_utf8_lossy(&fs::read(&path).unwrap()).into_owned();
            let rendered = render(mine, id, &source);
            assert!(
                !rendered.is_empty(),
                "{}: expected a {id} finding, got {:#?}",
                path.display(),
                mine.diagnostics
            );
            let name = format!("{id}__{}", path.file_stem().unwrap().to_string_lossy());
            insta::assert_snapshot!(name, rendered);
            checked += 1;
        }
    }
    assert!(checked > ALL_RULES.len() * 2);
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
    let results = lint(&linter, &dir, &files);
    let findings: Vec<_> = results
        .iter()
        .flat_map(|r| r.diagnostics.iter().map(move |d| (r.path.clone(), d)))
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
