//! Discovery and `--stdin`: which files are linted and how they are named.

use crate::util::{fixture, runbook, stderr, stdout};

fn concise(args: &[&str]) -> String {
    let output = runbook(&fixture("tree")).args(args).output().unwrap();
    stdout(&output)
}

#[test]
fn walk_skips_hidden_ignored_and_non_runbook_files() {
    let out = concise(&["lint", "--format", "concise"]);
    assert!(out.contains("services/db/notes.md:"), "{out}");
    assert!(!out.contains(".hidden"), "{out}");
    assert!(!out.contains("ignored/"), "{out}");
    assert!(!out.contains("README.md"), "{out}");
    assert!(!out.contains("./"), "paths are relative without ./: {out}");
}

#[test]
fn no_ignore_lints_ignored_files_but_not_hidden_ones() {
    let out = concise(&["lint", "--format", "concise", "--no-ignore"]);
    assert!(out.contains("ignored/draft.md:"), "{out}");
    assert!(!out.contains(".hidden"), "{out}");
}

#[test]
fn output_is_deterministic_and_sorted() {
    let first = concise(&["lint", "--format", "concise"]);
    for _ in 0..3 {
        assert_eq!(concise(&["lint", "--format", "concise"]), first);
    }
    let paths: Vec<_> = first
        .lines()
        .map(|l| l.split(':').next().unwrap())
        .collect();
    let mut sorted = paths.clone();
    sorted.sort_unstable();
    assert_eq!(paths, sorted);
}

#[test]
fn explicit_files_are_linted_as_given() {
    let out = concise(&[
        "lint",
        "--format",
        "concise",
        "./services/db/notes.md",
        "services/restart-web.md",
    ]);
    assert!(
        out.lines().all(|l| l.starts_with("services/db/notes.md:")),
        "{out}"
    );
}

#[test]
fn summary_goes_to_stderr_and_quiet_silences_it() {
    let output = runbook(&fixture("tree"))
        .args(["lint", "--format", "concise"])
        .output()
        .unwrap();
    assert!(
        stderr(&output).contains("checked 3 files:"),
        "{}",
        stderr(&output)
    );
    let output = runbook(&fixture("tree"))
        .args(["--quiet", "lint", "--format", "concise"])
        .output()
        .unwrap();
    assert_eq!(stderr(&output), "");
    assert!(!output.stdout.is_empty());
}

#[test]
fn stdin_is_linted_as_the_given_path() {
    let text = std::fs::read_to_string(fixture("tree/services/db/notes.md")).unwrap();
    let output = runbook(&fixture("tree"))
        .args([
            "lint",
            "--stdin",
            "--stdin-filename",
            "ops/notes.md",
            "--format",
            "concise",
        ])
        .write_stdin(text)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let out = stdout(&output);
    assert!(!out.is_empty());
    assert!(out.lines().all(|l| l.starts_with("ops/notes.md:")), "{out}");
}

#[test]
fn stdin_clean_text_exits_0() {
    let text = std::fs::read_to_string(fixture("tree/services/restart-web.md")).unwrap();
    runbook(&fixture("tree"))
        .args(["lint", "--stdin", "--stdin-filename", "x.md"])
        .write_stdin(text)
        .assert()
        .code(0);
}

#[test]
fn colour_always_adds_escape_codes_and_never_does_not() {
    let run = |color: &str| {
        let output = runbook(&fixture("tree"))
            .args(["--color", color, "lint", "services/db/notes.md"])
            .output()
            .unwrap();
        stdout(&output)
    };
    assert!(run("always").contains('\u{1b}'));
    assert!(!run("never").contains('\u{1b}'));
}

#[test]
fn exclude_globs_are_relative_to_the_configuration_file() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("runbooks/docs")).unwrap();
    std::fs::write(
        root.join("runbook.toml"),
        "exclude = [\"runbooks/docs/**\"]\n",
    )
    .unwrap();
    std::fs::write(root.join("runbooks/docs/guide.md"), "# Contributor guide\n").unwrap();
    std::fs::write(root.join("runbooks/notes.md"), "# Notes\n").unwrap();
    for cwd in [root.to_path_buf(), root.join("runbooks")] {
        let output = runbook(&cwd)
            .args(["lint", "--format", "concise", "."])
            .output()
            .unwrap();
        let out = stdout(&output);
        assert!(out.contains("notes.md:"), "from {}: {out}", cwd.display());
        assert!(!out.contains("guide.md"), "from {}: {out}", cwd.display());
    }
}

#[test]
fn readme_links_are_checked_but_readme_is_not_a_runbook() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("README.md"), "# Index\n\n[gone](gone.md)\n").unwrap();
    let output = runbook(dir.path())
        .args(["lint", "--format", "concise"])
        .output()
        .unwrap();
    let out = stdout(&output);
    assert!(out.contains("README.md:3:1: error[broken-link]"), "{out}");
    assert!(!out.contains("missing-rollback"), "{out}");
}
