//! `--write-baseline` and `--baseline`: only new findings, across line shifts.

use crate::util::{fixture, runbook, stderr, stdout};

fn copy_tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in [
        "services/restart-web.md",
        "services/db/failover.md",
        "services/db/notes.md",
    ] {
        let to = dir.path().join(name);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(fixture("tree").join(name), to).unwrap();
    }
    dir
}

#[test]
fn baseline_hides_known_findings_and_reports_new_and_gone_ones() {
    let dir = copy_tree();
    let output = runbook(dir.path())
        .args(["lint", "--write-baseline", "baseline.json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let baseline = std::fs::read_to_string(dir.path().join("baseline.json")).unwrap();
    let parsed: serde_json::Value = serde_json::from_str(&baseline).unwrap();
    let entries = parsed["entries"].as_array().unwrap();
    assert!(entries.len() >= 2);
    let mut sorted = entries.clone();
    sorted.sort_by_key(|e| {
        (
            e["rule"].to_string(),
            e["path"].to_string(),
            e["fingerprint"].to_string(),
        )
    });
    assert_eq!(&sorted, entries, "entries are sorted");

    // Writing again gives the same bytes.
    runbook(dir.path())
        .args(["lint", "--write-baseline", "again.json"])
        .assert()
        .code(0);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("again.json")).unwrap(),
        baseline
    );

    // Lines shifting above a finding keep it matched.
    let failover = dir.path().join("services/db/failover.md");
    let text = std::fs::read_to_string(&failover).unwrap();
    let shifted = text.replacen("---\n", "---\n# owned by the db team\n# see the wiki\n", 1);
    assert_ne!(shifted, text);
    std::fs::write(&failover, shifted).unwrap();
    let output = runbook(dir.path())
        .args(["lint", "--baseline", "baseline.json", "--format", "concise"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert_eq!(stdout(&output), "");

    // A new finding is reported; a fixed one is counted as gone.
    std::fs::copy(
        dir.path().join("services/db/notes.md"),
        dir.path().join("services/new.md"),
    )
    .unwrap();
    std::fs::remove_file(dir.path().join("services/db/failover.md")).unwrap();
    let output = runbook(dir.path())
        .args(["lint", "--baseline", "baseline.json", "--format", "concise"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let out = stdout(&output);
    assert!(
        !out.is_empty() && out.lines().all(|l| l.starts_with("services/new.md:")),
        "{out}"
    );
    // Every entry of the deleted file is gone.
    let gone = entries
        .iter()
        .filter(|e| e["path"] == "services/db/failover.md")
        .count();
    assert!(gone >= 2);
    assert!(
        stderr(&output).contains(&format!("{gone} baseline entries are no longer found")),
        "{}",
        stderr(&output)
    );
}

#[test]
fn bad_baseline_exits_2() {
    let dir = copy_tree();
    std::fs::write(dir.path().join("b.json"), "{not json").unwrap();
    runbook(dir.path())
        .args(["lint", "--baseline", "b.json"])
        .assert()
        .code(2);
    runbook(dir.path())
        .args(["lint", "--baseline", "missing.json"])
        .assert()
        .code(2);
}

// See: issue 7 (a baseline written at the repository root must match when the
// linter runs from elsewhere, and on another machine).
#[test]
fn baseline_paths_are_relative_to_the_baseline_file() {
    let outer = tempfile::tempdir().unwrap();
    let repo = outer.path().join("repo");
    std::fs::create_dir(&repo).unwrap();
    for name in ["services/restart-web.md", "services/db/failover.md"] {
        let to = repo.join(name);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(fixture("tree").join(name), to).unwrap();
    }
    runbook(&repo)
        .args(["lint", ".", "--write-baseline", "baseline.json"])
        .assert()
        .code(0);
    let parsed: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo.join("baseline.json")).unwrap())
            .unwrap();
    let paths: Vec<&str> = parsed["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["path"].as_str().unwrap())
        .collect();
    assert!(!paths.is_empty());
    assert!(
        paths
            .iter()
            .all(|p| p.starts_with("services/") && !p.contains('\\')),
        "{paths:?}"
    );

    // From the parent folder, and from a subfolder, the same baseline matches.
    let output = runbook(outer.path())
        .args(["lint", "repo", "--baseline", "repo/baseline.json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let output = runbook(&repo.join("services"))
        .args(["lint", ".", "--baseline", "../baseline.json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(
        !stderr(&output).contains("no longer found"),
        "{}",
        stderr(&output)
    );
}
