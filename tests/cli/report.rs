//! `runbook report`: ownership, truck factor, alert coverage, review health.
#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests unwrap and index known results"
)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

const TODAY: &str = "2026-12-01";
const FIXTURES: &str = "tests/fixtures/report";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests package sits in the workspace root")
        .to_path_buf()
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Run {
    let output = Command::cargo_bin("runbook")
        .unwrap()
        .current_dir(root())
        .env("RUNBOOK_TODAY", TODAY)
        .arg("report")
        .args(args)
        .output()
        .unwrap();
    Run {
        code: output.status.code().unwrap(),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

fn fixture(name: &str) -> String {
    format!("{FIXTURES}/{name}")
}

/// Runs with `--format json`, checks the output against the published
/// schema, and returns it.
fn json(args: &[&str]) -> Value {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let out = run(&all);
    assert!(out.code == 0 || out.code == 1, "{}", out.stderr);
    let value: Value = serde_json::from_str(&out.stdout).unwrap();
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("schemas/report-ownership.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "schema violations: {errors:#?}");
    value
}

fn strings(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect()
}

#[test]
fn truck_factor_one_when_one_owner_holds_most_runbooks() {
    let report = json(&[&fixture("truck-factor-1")]);
    assert_eq!(report["summary"]["truck_factor"], 1);
    assert_eq!(
        strings(&report["summary"]["truck_factor_owners"]),
        ["Alice@Example.com"]
    );
    // alice@example.com is spelled three ways but is one owner.
    assert_eq!(report["summary"]["owners"], 2);
    assert_eq!(report["summary"]["single_owner_runbooks"], 2);
    let alice = &report["owners"][0];
    assert_eq!(alice["key"], "alice@example.com");
    assert_eq!(alice["runbooks"], 3);
    assert_eq!(alice["sole_runbooks"], 2);
    assert_eq!(
        strings(&alice["spellings"]),
        ["Alice@Example.com", "alice@example.com"]
    );
}

#[test]
fn truck_factor_three_with_a_tie_broken_by_name() {
    let report = json(&[&fixture("truck-factor-3")]);
    assert_eq!(report["summary"]["truck_factor"], 3);
    // ana (3 runbooks), ben (2), then cai, dev and eve tie at 1: cai goes.
    assert_eq!(
        strings(&report["services"][0]["truck_factor_owners"]),
        ["ana", "ben", "cai"]
    );
}

#[test]
fn ties_are_broken_by_normalised_name() {
    let report = json(&[&fixture("ties")]);
    assert_eq!(report["summary"]["truck_factor"], 2);
    // "amy" sorts before "zed" (the key of "@Zed").
    assert_eq!(
        strings(&report["summary"]["truck_factor_owners"]),
        ["amy", "@Zed"]
    );
}

#[test]
fn owner_spellings_are_normalised() {
    let report = json(&[&fixture("spelling")]);
    let owners: Vec<(&str, u64, u64)> = report["owners"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["name"].as_str().unwrap(),
                o["runbooks"].as_u64().unwrap(),
                o["sole_runbooks"].as_u64().unwrap(),
            )
        })
        .collect();
    // queue-replay.md lists "  @QUEUE-TEAM" and "@queue-team": one owner.
    assert_eq!(owners, [("@Queue-Team", 3, 1), ("Carla Diaz", 2, 0)]);
    assert_eq!(
        strings(&report["owners"][0]["spellings"]),
        ["@Queue-Team", "queue-team", "@QUEUE-TEAM", "@queue-team"]
    );
    assert_eq!(report["services"][0]["single_owner_runbooks"], 1);
}

#[test]
fn alert_coverage_finds_uncovered_and_wrongly_linked_alerts() {
    let report = json(&[
        &fixture("alerts/runbooks"),
        "--alerts",
        &fixture("alerts/rules/good.yaml"),
    ]);
    let alerts = &report["alerts"];
    assert_eq!(alerts["total"], 5, "the recording rule is ignored");
    assert_eq!(alerts["covered"], 3);
    assert_eq!(alerts["uncovered"], 2);
    assert_eq!(alerts["broken_links"], 1);
    let status: Vec<(&str, bool, &str)> = alerts["alerts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["name"].as_str().unwrap(),
                a["covered"].as_bool().unwrap(),
                a["link"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        status,
        [
            ("DbConnectionsHigh", true, "none"),
            ("DbPrimaryDown", true, "resolved"),
            ("DbReplicationLag", false, "none"),
            ("EdgeOriginDown", true, "resolved"),
            ("EdgeCacheHitLow", false, "broken"),
        ]
    );
    assert_eq!(
        strings(&alerts["alerts"][1]["runbooks"]),
        ["tests/fixtures/report/alerts/runbooks/db-failover.md"]
    );
    let unknown = &alerts["unknown_references"];
    assert_eq!(unknown.as_array().unwrap().len(), 1);
    assert_eq!(unknown[0]["alert"], "DbGhostAlert");
    assert_eq!(unknown[0]["line"], 10);
}

#[test]
fn review_health_lists_overdue_oldest_first_and_undated_apart() {
    let report = json(&[&fixture("alerts/runbooks")]);
    let overdue: Vec<(&str, u64)> = report["review"]["overdue"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["path"].as_str().unwrap(),
                r["days_overdue"].as_u64().unwrap(),
            )
        })
        .collect();
    // 2026-01-10 + 180 days = 2026-07-09; 2026-05-01 + 90 days = 2026-07-30.
    assert_eq!(
        overdue,
        [
            ("tests/fixtures/report/alerts/runbooks/db-restart.md", 145),
            ("tests/fixtures/report/alerts/runbooks/db-failover.md", 124),
        ]
    );
    let undated: Vec<(&str, &str)> = report["review"]["undated"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["path"].as_str().unwrap(), r["review"].as_str().unwrap()))
        .collect();
    assert_eq!(
        undated,
        [
            (
                "tests/fixtures/report/alerts/runbooks/edge-dns.md",
                "invalid"
            ),
            (
                "tests/fixtures/report/alerts/runbooks/edge-tls.md",
                "missing"
            ),
        ]
    );
    assert!(report["alerts"].is_null());
    // edge-tls.md has no owner; batch-rerun.md has no service.
    let services: Vec<Value> = report["services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].clone())
        .collect();
    assert_eq!(
        services,
        [Value::from("db"), Value::from("edge"), Value::Null]
    );
    assert_eq!(report["services"][1]["ownerless_runbooks"], 1);
    assert_eq!(report["services"][0]["overdue_share"], 1.0);
}

#[test]
fn malformed_rules_files_are_reported_with_lines_and_the_rest_still_runs() {
    let glob = fixture("alerts/rules/*.yaml");
    let out = run(&[&fixture("alerts/runbooks"), "--alerts", &glob]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!("report_malformed_rules_stderr", out.stderr);
    let report = json(&[&fixture("alerts/runbooks"), "--alerts", &glob]);
    let errors: Vec<(&str, u64)> = report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["path"].as_str().unwrap(), e["line"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        errors,
        [
            ("tests/fixtures/report/alerts/rules/bad-shape.yaml", 8),
            ("tests/fixtures/report/alerts/rules/bad-shape.yaml", 9),
            ("tests/fixtures/report/alerts/rules/bad-shape.yaml", 10),
            ("tests/fixtures/report/alerts/rules/malformed.yaml", 5),
        ]
    );
    // BatchJobFailed from bad-shape.yaml and all of good.yaml were read.
    assert_eq!(report["alerts"]["total"], 6);
    assert_eq!(report["summary"]["runbooks"], 5);
}

#[test]
fn human_and_markdown_output() {
    let args = [
        &fixture("alerts/runbooks") as &str,
        "--alerts",
        &fixture("alerts/rules/good.yaml"),
    ];
    let human = run(&args);
    assert_eq!(human.code, 0, "{}", human.stderr);
    insta::assert_snapshot!("report_alerts_human", human.stdout);
    let mut md_args = args.to_vec();
    md_args.extend(["--format", "markdown"]);
    let markdown = run(&md_args);
    assert_eq!(markdown.code, 0);
    insta::assert_snapshot!("report_alerts_markdown", markdown.stdout);
    let by_owner = run(&[&fixture("truck-factor-1"), "--by", "owner"]);
    insta::assert_snapshot!("report_truck_factor_1_by_owner", by_owner.stdout);
}

#[test]
fn shipped_runbooks_with_example_alerts() {
    let args = ["runbooks", "--alerts", "alerts/example-alerts.yaml"];
    let out = run(&args);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stderr, "");
    insta::assert_snapshot!("report_shipped_runbooks", out.stdout);
    let report = json(&args);
    assert_eq!(report["summary"]["runbooks"], 10);
    assert_eq!(report["alerts"]["total"], 17);
}

#[test]
fn truck_factor_gate() {
    let tf1 = fixture("truck-factor-1");
    let failed = run(&[&tf1, "--fail-under-truck-factor", "2"]);
    assert_eq!(failed.code, 1);
    assert!(
        failed
            .stderr
            .contains("gate failed: the truck factor is 1, below the required 2"),
        "{}",
        failed.stderr
    );
    assert_eq!(run(&[&tf1, "--fail-under-truck-factor", "1"]).code, 0);
}

#[test]
fn uncovered_alerts_gate() {
    let runbooks = fixture("alerts/runbooks");
    let good = fixture("alerts/rules/good.yaml");
    let failed = run(&[&runbooks, "--alerts", &good, "--fail-on-uncovered-alerts"]);
    assert_eq!(failed.code, 1);
    assert!(failed.stderr.contains("2 of 5 alerts have no runbook"));
    // The gate needs rules files to judge.
    assert_eq!(run(&[&runbooks, "--fail-on-uncovered-alerts"]).code, 2);
}

#[test]
fn usage_errors_exit_2() {
    let missing = run(&["no/such/dir"]);
    assert_eq!(missing.code, 2);
    assert!(
        missing
            .stderr
            .contains("no/such/dir: no such file or directory")
    );
    let glob = run(&[&fixture("ties"), "--alerts", "no/such/*.yaml"]);
    assert_eq!(glob.code, 2);
    assert!(glob.stderr.contains("matches no file"), "{}", glob.stderr);
    let today = Command::cargo_bin("runbook")
        .unwrap()
        .current_dir(root())
        .env("RUNBOOK_TODAY", "yesterday")
        .args(["report", &fixture("ties")])
        .output()
        .unwrap();
    assert_eq!(today.status.code(), Some(2));
}

#[test]
fn output_file_receives_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.md");
    let out = run(&[
        &fixture("ties"),
        "--format",
        "markdown",
        "--output",
        file.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 0);
    assert_eq!(out.stdout, "");
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(written.starts_with("# Runbook report\n"), "{written}");
    assert!(written.contains("| web | 4 |"), "{written}");
}

#[test]
fn unreadable_inputs_are_listed_and_the_rest_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let ok = "---\nservice: s\nowners: [a]\nlast_reviewed: 2026-11-01\n---\n# Ok\n";
    std::fs::write(dir.path().join("ok.md"), ok).unwrap();
    std::fs::write(dir.path().join("binary.md"), b"---\ntitle: \xff\n---\n").unwrap();
    let rules = dir.path().join("rules.yaml");
    std::fs::write(&rules, b"groups:\n- name: \xfe\n").unwrap();
    let output = Command::cargo_bin("runbook")
        .unwrap()
        .env("RUNBOOK_TODAY", TODAY)
        .args(["report", "--format", "json", "--alerts"])
        .arg(&rules)
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["summary"]["runbooks"], 1);
    let messages: Vec<(&str, u64)> = report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["message"].as_str().unwrap(), e["line"].as_u64().unwrap()))
        .collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(messages[0].0.contains("not valid UTF-8"), "{messages:?}");
    assert_eq!(messages[0].1, 2);
    assert!(messages[1].0.contains("rules file is not valid UTF-8"));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("binary.md:2:"), "{stderr}");
}

#[test]
fn runbook_toml_is_honoured_like_lint() {
    let dir = "tests/fixtures/site/configured";
    let report = json(&[dir]);
    // `exclude = ["**/drafts/**"]` drops the draft; README.md is not a runbook.
    assert_eq!(report["summary"]["runbooks"], 1);
    assert_eq!(
        strings(&report["summary"]["truck_factor_owners"]),
        ["@widget-team"]
    );
    // `[review] max_age_days = 20`: reviewed 30 days ago, so overdue.
    assert_eq!(report["review_max_age_days"], 20);
    assert_eq!(report["summary"]["overdue_runbooks"], 1);
    // Lint counts are `runbook lint`'s, with `missing-verification = "off"`.
    let lint = Command::cargo_bin("runbook")
        .unwrap()
        .current_dir(root())
        .env("RUNBOOK_TODAY", TODAY)
        .args(["lint", dir, "--format", "json"])
        .output()
        .unwrap();
    let lint: Value = serde_json::from_slice(&lint.stdout).unwrap();
    assert_eq!(report["summary"]["lint_errors"], lint["summary"]["errors"]);
    assert_eq!(
        report["summary"]["lint_warnings"],
        lint["summary"]["warnings"]
    );
    // `--preset` changes the counts as it does for lint; a bad one is a usage error.
    assert_eq!(run(&[dir, "--preset", "nope"]).code, 2);
}
