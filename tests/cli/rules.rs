//! One test per rule, in the ruff manner: `cargo test -p runbook-tests
//! missing_rollback` runs one rule, and one failing rule does not hide the
//! others. Each test lints the rule's fixtures (`tests/fixtures/<id>/`)
//! through the real binary, one file at a time as pre-commit would, and
//! snapshots the findings as the product's own `concise` format prints
//! them. Files in a rule's `context/` folder are never named: the
//! cross-file rules must find them in the project, as a partial run does.

use std::fs;
use std::path::{Path, PathBuf};

use runbook_lint::RuleMeta;
use runbook_lint::rules::*;

use crate::util::{root, runbook, stdout};

fn fixtures() -> PathBuf {
    root().join("tests/fixtures")
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

/// The concise findings of `rule` on `file`, linted alone from the
/// fixtures folder.
fn findings(rule: &str, file: &Path) -> String {
    let relative = file.strip_prefix(fixtures()).unwrap();
    let output = runbook(&fixtures())
        .args(["lint", "--quiet", "--format", "concise"])
        .arg(relative)
        .output()
        .unwrap();
    assert!(
        output.status.code().is_some_and(|c| c < 2),
        "{}: {output:?}",
        file.display()
    );
    let prefix = format!("{}:", relative.display());
    let tag = format!("[{rule}] ");
    let mut found = String::new();
    for line in stdout(&output)
        .lines()
        .filter(|line| line.starts_with(&prefix) && line.contains(&tag))
    {
        found.push_str(line);
        found.push('\n');
    }
    found
}

fn check_rule(rule: &str) {
    let dir = fixtures().join(rule);
    let passes = md_files(&dir.join("pass"));
    let fails = md_files(&dir.join("fail"));
    assert!(!passes.is_empty(), "{rule} has no pass fixture");
    assert!(!fails.is_empty(), "{rule} has no fail fixture");
    for file in &passes {
        let found = findings(rule, file);
        assert!(
            found.is_empty(),
            "{}: unexpected findings:\n{found}",
            file.display()
        );
    }
    for file in &fails {
        let found = findings(rule, file);
        assert!(
            !found.is_empty(),
            "{}: expected a {rule} finding",
            file.display()
        );
        let name = format!("{rule}__{}", file.file_stem().unwrap().to_string_lossy());
        insta::assert_snapshot!(name, found);
    }
}

macro_rules! rule_tests {
    ($($name:ident => $rule:ty),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                check_rule(<$rule>::META.id);
            }
        )*

        #[test]
        fn every_rule_has_its_own_test() {
            let tested = [$(<$rule>::META.id),*];
            for rule in ALL_RULES {
                assert!(tested.contains(&rule.meta().id), "{} has no test", rule.meta().id);
            }
        }
    };
}

rule_tests! {
    front_matter_missing => FrontMatterMissing,
    front_matter_syntax => FrontMatterSyntax,
    front_matter_schema => FrontMatterSchema,
    front_matter_unknown_key => FrontMatterUnknownKey,
    front_matter_recommended_key => FrontMatterRecommendedKey,
    missing_prerequisites => MissingPrerequisites,
    missing_section => MissingSection,
    missing_rollback => MissingRollback,
    missing_verification => MissingVerification,
    missing_contacts => MissingContacts,
    unmet_requirement => UnmetRequirement,
    empty_section => EmptySection,
    rollback_not_applicable => RollbackNotApplicable,
    steps_without_commands => StepsWithoutCommands,
    unclosed_code_fence => UnclosedCodeFence,
    contact_unreachable => ContactUnreachable,
    single_owner => SingleOwner,
    stale_review => StaleReview,
    placeholder_text => PlaceholderText,
    secret_in_code => SecretInCode,
    destructive_command => DestructiveCommand,
    broken_link => BrokenLink,
    missing_linked_anchor => MissingLinkedAnchor,
    duplicate_alert => DuplicateAlert,
    unused_suppression => UnusedSuppression,
    unreadable_file => UnreadableFile,
}

/// The fenced blocks of a rule's `## Example`: Markdown files (named by a
/// first line `<!-- file: NAME -->`, which is not part of the file) and
/// an optional `runbook.toml` (a `toml` block).
fn example_files(rule: &RuleMeta) -> Vec<(String, String)> {
    let example = rule.section("Example");
    let mut files = Vec::new();
    let mut lines = example.lines();
    while let Some(line) = lines.next() {
        let fence: String = line.chars().take_while(|c| *c == '`').collect();
        if fence.len() < 3 {
            continue;
        }
        let lang = line.trim_start_matches('`').trim();
        let mut body = String::new();
        for inner in lines.by_ref() {
            if inner.trim_end() == fence {
                break;
            }
            body.push_str(inner);
            body.push('\n');
        }
        let marker = body
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("<!-- file: "))
            .and_then(|l| l.strip_suffix(" -->"))
            .map(str::to_owned);
        let (name, body) = match marker {
            _ if lang == "toml" => ("runbook.toml".to_owned(), body),
            // The marker names the file; it is not part of it.
            Some(name) => {
                let rest = body.split_once('\n').map_or("", |(_, rest)| rest);
                (name, rest.to_owned())
            }
            None => (format!("example-{}.md", files.len()), body),
        };
        files.push((name, body));
    }
    files
}

/// Every rule's `## Example` triggers that rule, so the documentation
/// cannot drift from what the rule does.
#[test]
fn every_rule_example_triggers_its_rule() {
    for rule in ALL_RULES {
        let meta = rule.meta();
        // Its example shows bytes a doc comment cannot hold.
        if meta.id == UnreadableFile::META.id {
            continue;
        }
        let dir = tempfile::tempdir().unwrap();
        let files = example_files(meta);
        assert!(!files.is_empty(), "{} has no example", meta.id);
        for (name, body) in &files {
            fs::write(dir.path().join(name), body).unwrap();
        }
        let output = runbook(dir.path())
            .args(["lint", "--quiet", "--format", "concise", "."])
            .output()
            .unwrap();
        let tag = format!("[{}] ", meta.id);
        assert!(
            stdout(&output).contains(&tag),
            "the example of {} does not trigger it:\n{}",
            meta.id,
            stdout(&output)
        );
    }
}
