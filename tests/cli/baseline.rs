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
    assert!(
        stderr(&output).contains("1 baseline entry is no longer found"),
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
