//! The pre-commit hook and the GitHub Action, as shipped at the repository root.

use crate::util::{fixture, root, runbook, stdout};

fn hook_field(text: &str, key: &str) -> String {
    text.lines()
        .find_map(|l| {
            l.trim()
                .trim_start_matches("- ")
                .strip_prefix(&format!("{key}: "))
        })
        .unwrap_or_else(|| panic!("no `{key}` in .pre-commit-hooks.yaml"))
        .trim()
        .to_owned()
}

#[test]
fn pre_commit_hook_entry_lints_the_files_passed_to_it() {
    let text = std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap();
    assert_eq!(hook_field(&text, "id"), "runbook-lint");
    assert_eq!(hook_field(&text, "language"), "rust");
    assert_eq!(hook_field(&text, "types"), "[markdown]");
    let entry = hook_field(&text, "entry");
    let mut words = entry.split_whitespace();
    assert_eq!(words.next(), Some("runbook"));
    // pre-commit appends the staged file names to the entry.
    let args: Vec<&str> = words.collect();
    let output = runbook(&fixture("tree"))
        .args(&args)
        .args(["services/restart-web.md", "README.md"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let output = runbook(&fixture("tree"))
        .args(&args)
        .args(["services/restart-web.md", "services/db/notes.md"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("services/db/notes.md"));
}

#[test]
fn action_runs_lint_with_sarif_output() {
    let text = std::fs::read_to_string(root().join("action.yml")).unwrap();
    assert!(text.contains("using: composite"), "{text}");
    assert!(text.contains("cargo install"), "{text}");
    assert!(text.contains("--format sarif --output"), "{text}");
    assert!(text.contains("github/codeql-action/upload-sarif"), "{text}");
}

/// Runs the real hook through pre-commit: it clones this repository, builds the
/// tool with `cargo install --path .` (the root package) and runs the hook.
/// Needs `pre-commit` on PATH (`.ci/run` installs it) and `git`.
#[test]
#[ignore = "slow: pre-commit builds the tool in release mode; run by .ci/run"]
fn pre_commit_try_repo_runs_the_hook() {
    let dir = tempfile::tempdir().unwrap();
    let git = |args: &[&str]| {
        let status = std::process::Command::new("git")
            .args(args)
            .current_dir(dir.path())
            .status()
            .unwrap();
        assert!(status.success(), "git {args:?}");
    };
    git(&["init", "-q"]);
    std::fs::copy(
        fixture("tree/services/db/notes.md"),
        dir.path().join("notes.md"),
    )
    .unwrap();
    git(&["add", "notes.md"]);
    let output = std::process::Command::new("pre-commit")
        .args(["try-repo"])
        .arg(root())
        .args(["runbook-lint", "--files", "notes.md"])
        .current_dir(dir.path())
        // Reuse the workspace's compiled dependencies instead of building
        // every crate again in pre-commit's private clone.
        .env("CARGO_TARGET_DIR", root().join("target"))
        .output()
        .expect("pre-commit is installed (pip install pre-commit)");
    let out = String::from_utf8_lossy(&output.stdout);
    assert!(!output.status.success(), "notes.md has errors: {out}");
    assert!(out.contains("front-matter-missing"), "{out}");
}
