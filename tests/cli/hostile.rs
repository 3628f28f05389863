//! Hostile trees: nothing hangs, nothing panics, a bad file never stops the run.

use std::fmt::Write as _;
use std::path::Path;

use crate::util::{fixture, runbook, stderr, stdout};

/// A tree with one good runbook, so every test also checks that the rest is linted.
fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixture("tree/services/restart-web.md"),
        dir.path().join("good.md"),
    )
    .unwrap();
    std::fs::copy(
        fixture("tree/services/db/notes.md"),
        dir.path().join("notes.md"),
    )
    .unwrap();
    dir
}

fn lint_json(dir: &Path) -> (Option<i32>, serde_json::Value, String) {
    let output = runbook(dir)
        .args(["lint", "--format", "json"])
        .output()
        .unwrap();
    let json = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!("{e}: {}\n{}", stdout(&output), stderr(&output));
    });
    (output.status.code(), json, stderr(&output))
}

fn rules_for(json: &serde_json::Value, path: &str) -> Vec<String> {
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["path"] == path)
        .map(|d| d["rule"].as_str().unwrap().to_owned())
        .collect()
}

/// The good file was linted (clean) and the notes file still got its findings.
fn assert_rest_linted(json: &serde_json::Value) {
    assert!(rules_for(json, "good.md").is_empty(), "{json:#}");
    assert!(
        rules_for(json, "notes.md").contains(&"front-matter-missing".to_owned()),
        "{json:#}"
    );
}

#[cfg(unix)]
#[test]
fn fifo_is_skipped_without_hanging() {
    let dir = tree();
    let status = std::process::Command::new("mkfifo")
        .arg(dir.path().join("pipe.md"))
        .status()
        .unwrap();
    assert!(status.success());
    let (code, json, err) = lint_json(dir.path());
    assert_eq!(code, Some(1));
    assert_rest_linted(&json);
    assert!(rules_for(&json, "pipe.md").is_empty());
    assert!(err.contains("pipe.md: not a regular file"), "{err}");
    // Named explicitly, it is skipped too.
    runbook(dir.path())
        .args(["lint", "pipe.md", "good.md"])
        .assert()
        .code(0);
}

#[cfg(unix)]
#[test]
fn symlink_loop_and_dangling_symlink_are_reported_and_skipped() {
    let dir = tree();
    std::fs::create_dir(dir.path().join("loop")).unwrap();
    std::os::unix::fs::symlink("..", dir.path().join("loop/parent")).unwrap();
    std::os::unix::fs::symlink("missing.md", dir.path().join("dangling.md")).unwrap();
    let (code, json, err) = lint_json(dir.path());
    assert_eq!(code, Some(1));
    assert_rest_linted(&json);
    assert!(err.contains("symlink loop"), "{err}");
    assert!(
        err.contains("dangling.md: symlink points to a file that does not exist"),
        "{err}"
    );
    // The loop did not make files appear twice.
    assert_eq!(json["summary"]["files"], 2, "{json:#}");
}

#[cfg(target_os = "linux")]
#[test]
fn unreadable_file_gets_a_diagnostic() {
    // Tests may run as root, where `chmod 000` does not stop reads; reading
    // /proc/self/mem at offset 0 fails for everyone (EIO), so link to it.
    let dir = tree();
    std::os::unix::fs::symlink("/proc/self/mem", dir.path().join("unreadable.md")).unwrap();
    let (code, json, _) = lint_json(dir.path());
    assert_eq!(code, Some(1));
    assert_rest_linted(&json);
    assert_eq!(rules_for(&json, "unreadable.md"), ["unreadable-file"]);
}

#[cfg(unix)]
#[test]
fn chmod_000_file_gets_a_diagnostic_unless_root() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tree();
    let path = dir.path().join("locked.md");
    std::fs::write(&path, "# Locked\n").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&path).is_ok() {
        // Running as root: permissions do not apply; the test above covers unreadable files.
        return;
    }
    let (code, json, _) = lint_json(dir.path());
    assert_eq!(code, Some(1));
    assert_rest_linted(&json);
    assert_eq!(rules_for(&json, "locked.md"), ["unreadable-file"]);
}

#[test]
fn invalid_utf8_gets_a_diagnostic_with_its_position() {
    let dir = tree();
    std::fs::write(dir.path().join("latin1.md"), b"# Caf\xe9\n").unwrap();
    let (code, json, _) = lint_json(dir.path());
    assert_eq!(code, Some(1));
    assert_rest_linted(&json);
    let d = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["path"] == "latin1.md")
        .unwrap();
    assert_eq!(d["rule"], "unreadable-file");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(1), Some(6))
    );
}

#[test]
fn binary_file_gets_a_diagnostic() {
    let dir = tree();
    std::fs::write(
        dir.path().join("image.md"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
    )
    .unwrap();
    let (code, json, _) = lint_json(dir.path());
    assert_eq!(code, Some(1));
    assert_rest_linted(&json);
    assert_eq!(rules_for(&json, "image.md"), ["unreadable-file"]);
}

#[test]
fn empty_file_gets_a_diagnostic() {
    let dir = tree();
    std::fs::write(dir.path().join("empty.md"), "").unwrap();
    let (code, json, _) = lint_json(dir.path());
    assert_eq!(code, Some(1));
    assert_rest_linted(&json);
    assert!(!rules_for(&json, "empty.md").is_empty(), "{json:#}");
}

#[test]
fn front_matter_only_file_gets_a_diagnostic() {
    let dir = tree();
    std::fs::write(
        dir.path().join("only-fm.md"),
        "---\ntitle: Nothing else\nservice: x\n---\n",
    )
    .unwrap();
    let (code, json, _) = lint_json(dir.path());
    assert_eq!(code, Some(1));
    assert_rest_linted(&json);
    assert!(
        rules_for(&json, "only-fm.md").contains(&"missing-rollback".to_owned()),
        "{json:#}"
    );
}

#[test]
fn twenty_megabyte_runbook_completes_with_its_findings() {
    let dir = tree();
    let good = std::fs::read_to_string(dir.path().join("good.md")).unwrap();
    let mut text = good.clone();
    let filler = "Step detail line with `inline code` and a [link](https://example.com).\n\n";
    while text.len() < 20 * 1024 * 1024 {
        text.push_str(filler);
    }
    std::fs::write(dir.path().join("huge.md"), &text).unwrap();
    // Without the rollback heading it is a finding in a huge file.
    std::fs::write(
        dir.path().join("huge-no-rollback.md"),
        text.replace("## Rollback", "## Afterwards"),
    )
    .unwrap();
    let (code, json, _) = lint_json(dir.path());
    assert_eq!(code, Some(1));
    assert_rest_linted(&json);
    assert!(rules_for(&json, "huge.md").is_empty(), "{json:#}");
    assert!(rules_for(&json, "huge-no-rollback.md").contains(&"missing-rollback".to_owned()));
}

#[test]
fn fifty_thousand_nested_blockquotes_do_not_overflow() {
    let dir = tree();
    let text = format!("# Deep\n\n{} text\n", ">".repeat(50_000));
    std::fs::write(dir.path().join("quotes.md"), text).unwrap();
    let (code, json, _) = lint_json(dir.path());
    assert_eq!(code, Some(1));
    assert_rest_linted(&json);
    assert!(rules_for(&json, "quotes.md").contains(&"front-matter-missing".to_owned()));
}

#[test]
fn fifty_thousand_nested_list_levels_do_not_overflow() {
    let dir = tree();
    // `- - - item` nests one list per marker; indenting each level instead
    // would make the file quadratic in size.
    let nested_markers = "- ".repeat(50_000) + "item\n";
    std::fs::write(
        dir.path().join("markers.md"),
        format!("# Deep\n\n{nested_markers}"),
    )
    .unwrap();
    let (code, json, _) = lint_json(dir.path());
    assert_eq!(code, Some(1));
    assert_rest_linted(&json);
    assert!(rules_for(&json, "markers.md").contains(&"front-matter-missing".to_owned()));
}

#[test]
fn deep_nesting_on_stdin_does_not_overflow() {
    let text = format!("# Deep\n\n{} text\n", ">".repeat(50_000));
    runbook(&fixture("tree"))
        .args(["lint", "--stdin", "--format", "concise"])
        .write_stdin(text)
        .assert()
        .code(1);
}

/// miette's own source lookup scans from the start of the file for every
/// snippet: 20,000 findings in one file took minutes in the human format.
/// The command's timeout is the hang guard; the output is checked whole.
#[test]
fn twenty_thousand_findings_in_one_file_render_as_snippets() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from(
        "---\ntitle: T\nservice: s\nowners: [a, b]\nlast_reviewed: 2026-11-01\n---\n# T\n",
    );
    for i in 0..20_000 {
        let _ = writeln!(text, "TODO finish step {i}");
    }
    std::fs::write(dir.path().join("many.md"), &text).unwrap();
    let output = runbook(dir.path())
        .args(["lint", "many.md"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let out = String::from_utf8_lossy(&output.stdout);
    assert_eq!(out.matches("placeholder-text").count(), 2 * 20_000);
    // The last finding is shown at its own line, with its text.
    assert!(
        out.contains("20007 │ TODO finish step 19999"),
        "{}",
        &out[out.len() - 600..]
    );
}
