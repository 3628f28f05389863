//! Exit codes: 0 clean, 1 errors or too many warnings, 2 usage/config/path.

use crate::util::{fixture, runbook, stderr};

fn clean_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixture("tree/services/restart-web.md"),
        dir.path().join("ok.md"),
    )
    .unwrap();
    dir
}

#[test]
fn clean_tree_exits_0() {
    let dir = clean_dir();
    runbook(dir.path()).arg("lint").assert().code(0);
}

#[test]
fn errors_exit_1() {
    runbook(&fixture("tree")).arg("lint").assert().code(1);
}

#[test]
fn warnings_over_max_warnings_exit_1_and_within_exit_0() {
    let dir = clean_dir();
    std::fs::write(
        dir.path().join("runbook.toml"),
        "[rules]\nmissing-rollback = \"warning\"\nmissing-contacts = \"warning\"\nmissing-prerequisites = \"warning\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("no-rollback.md"),
        std::fs::read_to_string(fixture("tree/services/db/failover.md")).unwrap(),
    )
    .unwrap();
    let count_warnings = |max: &str| {
        runbook(dir.path())
            .args(["lint", "--format", "json", "--max-warnings", max])
            .output()
            .unwrap()
    };
    let output = count_warnings("1000");
    assert_eq!(output.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let warnings = json["summary"]["warnings"].as_u64().unwrap();
    assert!(warnings >= 1);
    assert_eq!(json["summary"]["errors"], 0);
    assert_eq!(count_warnings(&warnings.to_string()).status.code(), Some(0));
    assert_eq!(
        count_warnings(&(warnings - 1).to_string()).status.code(),
        Some(1)
    );
}

#[test]
fn missing_path_exits_2() {
    let output = runbook(&fixture("tree"))
        .args(["lint", "no/such/dir"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("no/such/dir: no such file or directory"));
}

#[test]
fn unknown_flag_exits_2() {
    runbook(&fixture("tree"))
        .args(["lint", "--no-such-flag"])
        .assert()
        .code(2);
}

#[test]
fn bad_configuration_exits_2_with_the_location() {
    let dir = clean_dir();
    std::fs::write(
        dir.path().join("runbook.toml"),
        "[rules]\nno-such-rule = \"error\"\n",
    )
    .unwrap();
    let output = runbook(dir.path()).arg("lint").output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.contains("unknown rule `no-such-rule`"), "{err}");
    assert!(err.contains("runbook.toml"), "{err}");
}

#[test]
fn invalid_toml_exits_2() {
    let dir = clean_dir();
    std::fs::write(dir.path().join(".runbook.toml"), "[rules\n").unwrap();
    runbook(dir.path()).arg("lint").assert().code(2);
}

#[test]
fn explicit_config_file_wins_and_must_exist() {
    let dir = clean_dir();
    std::fs::write(
        dir.path().join("off.toml"),
        "[rules]\nmissing-rollback = \"off\"\nfront-matter-missing = \"off\"\nmissing-contacts = \"off\"\nmissing-prerequisites = \"off\"\nmissing-section = \"off\"\n",
    )
    .unwrap();
    runbook(&fixture("tree"))
        .arg("--config")
        .arg(dir.path().join("off.toml"))
        .args(["lint", "services/db/notes.md"])
        .assert()
        .code(0);
    runbook(dir.path())
        .args(["--config", "missing.toml", "lint"])
        .assert()
        .code(2);
}

#[test]
fn bad_runbook_today_exits_2() {
    runbook(&fixture("tree"))
        .env("RUNBOOK_TODAY", "yesterday")
        .arg("lint")
        .assert()
        .code(2);
}

#[test]
fn help_and_version_exit_0_and_help_lists_exit_codes() {
    let output = runbook(&fixture("tree")).arg("--help").output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let help = String::from_utf8(output.stdout).unwrap();
    assert!(
        help.contains("Exit codes:") && help.contains("2  usage error"),
        "{help}"
    );
    runbook(&fixture("tree")).arg("--version").assert().code(0);
}
