//! The pre-commit hooks, the GitHub Action and the Python wheel, as shipped at
//! the repository root.

mod action;
mod wheel;

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::Command;

use crate::util::{fixture, root, runbook, stdout};

/// Every hook of `.pre-commit-hooks.yaml` as its `key: value` lines.
fn hooks() -> Vec<Vec<(String, String)>> {
    let text = std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap();
    let mut hooks: Vec<Vec<(String, String)>> = Vec::new();
    for line in text.lines().filter(|l| !l.trim_start().starts_with('#')) {
        if line.starts_with("- ") {
            hooks.push(Vec::new());
        }
        let Some(hook) = hooks.last_mut() else {
            continue;
        };
        let line = line.trim_start_matches("- ").trim();
        if let Some((key, value)) = line.split_once(": ") {
            hook.push((key.to_owned(), value.trim().to_owned()));
        }
    }
    hooks
}

fn hook(id: &str) -> Vec<(String, String)> {
    hooks()
        .into_iter()
        .find(|h| h.iter().any(|(k, v)| k == "id" && v == id))
        .unwrap_or_else(|| panic!("no hook `{id}` in .pre-commit-hooks.yaml"))
}

fn field<'a>(hook: &'a [(String, String)], key: &str) -> &'a str {
    hook.iter()
        .find(|(k, _)| k == key)
        .map_or_else(|| panic!("no `{key}` in {hook:?}"), |(_, v)| v.as_str())
}

/// `PATH` without the folders that hold `cargo` or `rustc`: a machine with
/// no Rust toolchain, as far as any child process can tell.
fn path_without_rust() -> OsString {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let kept: Vec<PathBuf> = std::env::split_paths(&path)
        .filter(|dir| {
            !["cargo", "rustc"]
                .iter()
                .any(|tool| dir.join(tool).exists())
        })
        .collect();
    let path = std::env::join_paths(kept).unwrap();
    let found = Command::new("sh")
        .args(["-c", "command -v cargo || command -v rustc"])
        .env("PATH", &path)
        .output()
        .unwrap();
    assert!(!found.status.success(), "still on PATH: {}", stdout(&found));
    path
}

/// A git repository in a temporary folder holding one runbook with errors.
fn repository_with_a_bad_runbook() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let git = |args: &[&str]| {
        let status = Command::new("git")
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
    dir
}

#[test]
fn pre_commit_hooks_install_from_a_wheel_or_use_the_installed_binary() {
    let wheel = hook("runbook-lint");
    let system = hook("runbook-lint-system");
    assert_eq!(field(&wheel, "language"), "python");
    assert_eq!(field(&system, "language"), "system");
    // Both run the same command on the same files, in parallel batches: a
    // partial run finds what a whole-tree run finds (docs/ci.md says why).
    for key in ["entry", "types", "pass_filenames", "require_serial"] {
        assert_eq!(field(&wheel, key), field(&system, key), "{key}");
    }
    assert_eq!(field(&wheel, "types"), "[markdown]");
    assert_eq!(field(&wheel, "pass_filenames"), "true");
    assert_eq!(field(&wheel, "require_serial"), "false");
}

#[test]
fn pre_commit_hook_entry_lints_the_files_passed_to_it() {
    let entry = field(&hook("runbook-lint"), "entry").to_owned();
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
fn action_installs_with_its_script_and_lints_with_sarif_by_default() {
    let text = std::fs::read_to_string(root().join("action.yml")).unwrap();
    assert!(text.contains("using: composite"), "{text}");
    assert!(text.contains("action/install.sh"), "{text}");
    for input in ["version:", "paths:", "args:", "format:", "output:"] {
        assert!(text.contains(&format!("\n  {input}")), "input {input}");
    }
    assert!(text.contains("default: sarif"), "{text}");
    assert!(text.contains("OUTPUT=runbook.sarif"), "{text}");
    assert!(text.contains("github/codeql-action/upload-sarif"), "{text}");
    // Inputs reach the shell only through the environment.
    let run_lines = text.lines().filter(|l| !l.trim_start().starts_with('#'));
    for line in run_lines.filter(|l| l.contains("runbook lint")) {
        assert!(!line.contains("${{"), "input spliced into a script: {line}");
    }
}

/// Runs the real hook through pre-commit: it clones this repository, builds
/// the wheel with pip (maturin from the package index, the build with cargo)
/// into a fresh virtual environment and runs the hook from there. Needs
/// `pre-commit` on PATH (`.ci/run` installs it), `git`, and the package index
/// for maturin.
#[test]
#[ignore = "slow: pre-commit builds the wheel in release mode; run by .ci/run"]
fn pre_commit_try_repo_runs_the_python_hook() {
    let repo = repository_with_a_bad_runbook();
    // No `runbook` on PATH: the hook can only run the one from its wheel.
    let path = std::env::var_os("PATH").unwrap_or_default();
    let path = std::env::join_paths(
        std::env::split_paths(&path).filter(|dir| !dir.join("runbook").exists()),
    )
    .unwrap();
    let output = Command::new("pre-commit")
        .args(["try-repo"])
        .arg(root())
        .args(["runbook-lint", "--files", "notes.md"])
        .current_dir(repo.path())
        .env("PATH", &path)
        // Reuse the workspace's compiled dependencies instead of building
        // every crate again in pre-commit's private clone.
        .env("CARGO_TARGET_DIR", root().join("target"))
        .output()
        .expect("pre-commit is installed (pip install pre-commit)");
    let out = String::from_utf8_lossy(&output.stdout);
    assert!(out.contains("Installing environment"), "{out}");
    assert!(!output.status.success(), "notes.md has errors: {out}");
    assert!(out.contains("front-matter-missing"), "{out}");
}
