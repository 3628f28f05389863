//! Severity vocabularies and `[[require]]` end to end: lint, `config
//! --show`, the site and the report agree on one severity rank and one
//! judgement of each requirement.

use std::path::Path;

use crate::util::{runbook, stdout};

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A runbook that meets the strict contract, with `severity` and `extra`
/// front-matter lines.
fn runbook_text(title: &str, severity: &str, extra: &str) -> String {
    format!(
        "---\ntitle: {title}\nservice: cache\nowners: [\"@cache-team\", bob@example.com]\nlast_reviewed: 2026-11-01\nseverity: {severity}\n{extra}contacts:\n  - name: Cache on-call\n    slack: \"#cache-oncall\"\n---\n# {title}\n\n## Prerequisites\n\nYou can run `kubectl` against the cluster.\n\n## Steps\n\n1. Restart: `kubectl -n cache rollout restart deployment/cache`.\n\n## Verification\n\n`kubectl -n cache get pods` shows every pod `Running`.\n\n## Rollback\n\nRun `kubectl -n cache rollout undo deployment/cache`.\n\n## Escalation\n\nPage the cache on-call.\n"
    )
}

fn lint(dir: &Path) -> (Option<i32>, String) {
    let output = runbook(dir)
        .args(["lint", "--quiet", "--format", "concise", "."])
        .output()
        .unwrap();
    (output.status.code(), stdout(&output))
}

// See: issue 17 ("a repository that uses sev1…sev4 lints clean with default settings").
#[test]
fn sev1_to_sev4_lint_clean_with_default_settings() {
    let dir = tempfile::tempdir().unwrap();
    for level in ["sev1", "SEV2", "Sev3", "sev4"] {
        write(
            dir.path(),
            &format!("{level}.md"),
            &runbook_text(&format!("Runbook {level}"), level, ""),
        );
    }
    let (code, out) = lint(dir.path());
    assert_eq!(out, "");
    assert_eq!(code, Some(0));
}

// See: issue 17 ("one that sets `levels` gets a did-you-mean for `sev5`").
#[test]
fn custom_levels_reject_other_values_with_a_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "runbook.toml",
        "[severity]\nlevels = [\"sev1\", \"sev2\", \"sev3\", \"sev4\"]\n",
    );
    write(dir.path(), "a.md", &runbook_text("A", "sev5", ""));
    write(dir.path(), "b.md", &runbook_text("B", "critical", ""));
    write(dir.path(), "c.md", &runbook_text("C", "SEV4", ""));
    let (code, out) = lint(dir.path());
    assert_eq!(code, Some(1));
    assert!(
        out.contains(
            "a.md:6:1: error[front-matter-schema] `severity`: `sev5` is not a severity level (did you mean `sev"
        ),
        "{out}"
    );
    // The standard words are not the team's.
    assert!(
        out.contains(
            "b.md:6:1: error[front-matter-schema] `severity`: `critical` is not a severity level"
        ),
        "{out}"
    );
    assert!(!out.contains("c.md"), "{out}");
}

#[test]
fn a_bad_requirement_is_a_configuration_error_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "runbook.toml",
        "[[require]]\nwhen = { severity = \">= hihg\" }\nmin_owners = 2\n",
    );
    write(dir.path(), "a.md", &runbook_text("A", "high", ""));
    let output = runbook(dir.path()).args(["lint", "."]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let err = crate::util::stderr(&output);
    assert!(err.contains("unknown severity `hihg`"), "{err}");
    assert!(err.contains("did you mean `high`?"), "{err}");
}

const REQUIRE: &str = "[[require]]\nname = \"sev-high\"\nwhen = { severity = \">= high\", status = \"active\" }\nmin_owners = 3\nkeys = [\"alerts\"]\n";

#[test]
fn config_show_lists_the_requirements_of_a_file() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "runbook.toml", REQUIRE);
    write(
        dir.path(),
        "hot.md",
        &runbook_text("Hot", "P1", "status: active\n"),
    );
    write(
        dir.path(),
        "cold.md",
        &runbook_text("Cold", "low", "status: active\n"),
    );
    let show = |args: &[&str]| {
        let output = runbook(dir.path())
            .args(["config", "--show"])
            .args(args)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0));
        stdout(&output)
    };
    let text = show(&["hot.md"]);
    assert!(text.contains("# requirements for hot.md:"), "{text}");
    assert!(
        text.contains("#     applies (severity `P1` is of the highest rank) and holds"),
        "{text}"
    );
    assert!(
        text.contains("#     applies (severity `P1` is >= high, status `active`) and does not hold: 2 owners, 3 required; no `alerts` in the front-matter"),
        "{text}"
    );
    let json: serde_json::Value = serde_json::from_str(&show(&["--json", "cold.md"])).unwrap();
    let requirements = json["requirements_for"]["requirements"].as_array().unwrap();
    assert_eq!(requirements.len(), 2);
    assert_eq!(requirements[1]["requirement"], "requirement `sev-high`");
    assert_eq!(requirements[1]["applies"], false);
    assert_eq!(requirements[1]["why"], "severity `low` is not >= high");
    assert_eq!(json["require"][1]["when"]["severity"], ">= high");
    // A folder shows the configuration, not a file's requirements.
    assert!(!show(&["."]).contains("# requirements for"));
    // And lint reports what `config --show` says does not hold.
    let (_, out) = lint(dir.path());
    assert!(
        out.contains("hot.md:4:1: error[unmet-requirement] 2 owners, 3 required: required by requirement `sev-high` (severity `P1` is >= high, status `active`)"),
        "{out}"
    );
    assert!(!out.contains("cold.md"), "{out}");
}

#[test]
fn the_site_shows_requirements_and_orders_by_severity_rank() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "runbook.toml", REQUIRE);
    write(
        dir.path(),
        "runbooks/a.md",
        &runbook_text("A warm-up", "low", "status: active\n"),
    );
    write(
        dir.path(),
        "runbooks/b.md",
        &runbook_text("B failover", "sev1", "status: active\n"),
    );
    let output = runbook(dir.path())
        .args(["build", "runbooks", "--out", "site"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let read = |p: &str| std::fs::read_to_string(dir.path().join("site").join(p)).unwrap();
    let failover = read("runbooks/b.html");
    assert!(failover.contains("Requirements</h2>"), "{failover}");
    assert!(
        failover.contains("<li>2 owners, 3 required</li>"),
        "{failover}"
    );
    assert!(failover.contains("badge-sev badge-sev-tier-1\">sev1</span>"));
    assert!(!read("runbooks/a.html").contains("Requirements</h2>"));
    let index = read("index.html");
    let (b, a) = (
        index.find(">B failover<").unwrap(),
        index.find(">A warm-up<").unwrap(),
    );
    assert!(b < a, "the most severe runbook comes first");
    assert!(
        index.contains(
            "<option value=\"rank-1\">sev1</option><option value=\"rank-4\">low</option>"
        ),
        "{index}"
    );
}

#[test]
fn the_report_ranks_severity_with_the_configured_scale() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "runbook.toml",
        "[severity]\nlevels = [\"red\", \"amber\", \"green\"]\n",
    );
    let old = "last_reviewed: 2026-11-01";
    let stale = |title: &str, severity: &str, reviewed: &str| {
        runbook_text(title, severity, "").replace(old, &format!("last_reviewed: {reviewed}"))
    };
    write(dir.path(), "a.md", &stale("A", "green", "2025-01-01"));
    write(dir.path(), "b.md", &stale("B", "Red", "2026-01-01"));
    let output = runbook(dir.path())
        .args(["report", ".", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let overdue = json["review"]["overdue"].as_array().unwrap();
    let order: Vec<(&str, u64)> = overdue
        .iter()
        .map(|r| {
            (
                r["severity"].as_str().unwrap(),
                r["severity_rank"].as_u64().unwrap(),
            )
        })
        .collect();
    // Red is overdue by less, but comes first.
    assert_eq!(order, [("Red", 0), ("green", 2)]);
}
