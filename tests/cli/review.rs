//! One review policy: lint's `stale-review`, the site's badges and the
//! report's review states agree on every runbook, under a configured
//! maximum age that is not the default.
//!
//! See: issue 20 (write each policy once).

use std::fs;

use crate::util::{runbook, stdout};

#[test]
fn lint_site_and_report_agree_on_every_review() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("runbook.toml"),
        "[review]\nmax_age_days = 30\n",
    )
    .unwrap();
    // Today is 2026-12-01 in tests (RUNBOOK_TODAY).
    let cases = [
        ("current.md", "last_reviewed: 2026-11-15"),
        ("due-today.md", "last_reviewed: 2026-11-01"),
        ("overdue.md", "last_reviewed: 2026-10-31"),
        (
            "own-interval.md",
            "last_reviewed: 2026-06-01\nreview_interval_days: 365",
        ),
        (
            "zero-interval.md",
            "last_reviewed: 2026-11-20\nreview_interval_days: 0",
        ),
        ("datetime.md", "last_reviewed: \"2026-10-01T08:00:00Z\""),
        ("tomorrow.md", "last_reviewed: 2026-12-02"),
        ("future.md", "last_reviewed: 2027-01-01"),
        ("missing.md", "service: x"),
        ("invalid.md", "last_reviewed: soon"),
    ];
    for (name, keys) in cases {
        fs::write(
            dir.path().join(name),
            format!("---\ntitle: {name}\n{keys}\n---\n# {name}\n"),
        )
        .unwrap();
    }
    let output = runbook(dir.path())
        .args(["lint", "--format", "json", "."])
        .output()
        .unwrap();
    let lint: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let stale = |name: &str| {
        lint["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["path"] == name && d["rule"] == "stale-review")
    };
    let output = runbook(dir.path())
        .args(["report", "--format", "json", "."])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(report["review_max_age_days"], 30);
    let review_state = |name: &str| {
        report["runbooks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["path"] == name)
            .map(|r| r["review"].as_str().unwrap().to_owned())
            .unwrap()
    };
    let site = dir.path().join("site");
    let output = runbook(dir.path())
        .args(["build", ".", "--out"])
        .arg(&site)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let badge = |name: &str| {
        let page =
            fs::read_to_string(site.join("runbooks").join(name.replace(".md", ".html"))).unwrap();
        [
            "current",
            "overdue",
            "in the future",
            "not reviewed",
            "invalid date",
        ]
        .into_iter()
        .find(|b| page.contains(&format!("\">{b}")) || page.contains(&format!("\">{b} ")))
        .map(str::to_owned)
        .or_else(|| page.contains("\">overdue ").then(|| "overdue".to_owned()))
        .unwrap_or_default()
    };
    let expected = [
        ("current.md", false, "current", "current"),
        ("due-today.md", false, "current", "current"),
        ("overdue.md", true, "overdue", "overdue"),
        ("own-interval.md", false, "current", "current"),
        ("zero-interval.md", false, "current", "current"),
        ("datetime.md", true, "overdue", "overdue"),
        ("tomorrow.md", false, "current", "current"),
        ("future.md", true, "future", "in the future"),
        ("missing.md", false, "missing", "not reviewed"),
        ("invalid.md", false, "invalid", "invalid date"),
    ];
    for (name, is_stale, report_state, site_badge) in expected {
        assert_eq!(stale(name), is_stale, "lint on {name}");
        assert_eq!(review_state(name), report_state, "report on {name}");
        assert_eq!(badge(name), site_badge, "site on {name}");
    }
}
