//! Tests of the two-pass engine through the public API: suppressions,
//! cross-file links and alerts, fingerprints and awkward inputs.

#![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]

use std::path::Path;

use runbook_lint::{Checked, Config, Linter, NoProject, finish};

const FM: &str = "---\ntitle: T\nservice: s\nowners: [\"@a\", b@example.com]\nlast_reviewed: 2026-11-01\ncontacts:\n  - name: On-call\n    slack: \"#oncall\"\n---\n";
const BODY: &str = "# T\n\n## Prerequisites\n\nAccess.\n\n## Steps\n\n1. Run `x`.\n\n## Verification\n\nCheck `y`.\n\n## Rollback\n\nRun `z`.\n";

fn linter() -> Linter {
    Linter::new(Config {
        today: Some(jiff::civil::date(2026, 12, 1)),
        ..Config::default()
    })
}

fn lint_all(
    linter: &Linter,
    files: &[(&str, &str)],
    exists: &(dyn Fn(&Path) -> bool + Sync),
) -> Vec<Checked> {
    let mut results: Vec<Checked> = files
        .iter()
        .map(|(path, text)| {
            let doc = runbook_parse::parse_str(*path, text, linter.parse_options());
            linter.check(&doc, linter.config().is_runbook(Path::new(path)))
        })
        .collect();
    finish(&mut results, &NoProject(exists));
    results
}

fn rules(result: &Checked) -> Vec<(usize, &'static str)> {
    result
        .diagnostics()
        .iter()
        .map(|d| (d.location.start.line, d.rule))
        .collect()
}

#[test]
fn clean_runbook_has_no_findings() {
    let r = lint_all(&linter(), &[("a.md", &format!("{FM}{BODY}"))], &|_| false);
    assert_eq!(rules(&r[0]), []);
}

#[test]
fn suppressions_cover_ranges_next_lines_and_files() {
    let text = format!(
        "{FM}{BODY}\nTODO one\n<!-- runbook-lint-disable placeholder-text -->\nTODO two\n<!-- runbook-lint-enable placeholder-text -->\nTODO three\n<!-- runbook-lint-disable-next-line placeholder-text -->\nTODO four\n"
    );
    let r = lint_all(&linter(), &[("a.md", &text)], &|_| false);
    let lines: Vec<usize> = r[0]
        .diagnostics()
        .iter()
        .filter(|d| d.rule == "placeholder-text")
        .map(|d| d.location.start.line)
        .collect();
    assert_eq!(lines, [28, 32]);
    assert!(
        !r[0]
            .diagnostics()
            .iter()
            .any(|d| d.rule == "unused-suppression")
    );
    let no_rollback = format!("{FM}<!-- runbook-lint-disable-file missing-rollback -->\n# T\n");
    let r = lint_all(&linter(), &[("b.md", &no_rollback)], &|_| false);
    assert!(
        !r[0]
            .diagnostics()
            .iter()
            .any(|d| d.rule == "missing-rollback")
    );
    assert!(
        r[0].diagnostics()
            .iter()
            .any(|d| d.rule == "missing-prerequisites")
    );
}

#[test]
fn cross_file_links_check_files_and_anchors() {
    let a = format!(
        "{FM}{BODY}\n[ok](b.md#rollback) [bad](b.md#nope) [gone](c.md) [img](img/x.png) [web](https://x.y/z.md) [self](#steps)\n"
    );
    let b = format!("{FM}{BODY}");
    let exists = |p: &Path| p == Path::new("img/x.png");
    let r = lint_all(
        &linter(),
        &[
            ("a.md", &a),
            ("b.md", &b),
            ("README.md", "[a](a.md#verification) [x](missing.md)\n"),
        ],
        &exists,
    );
    let a_result = r.iter().find(|f| f.path() == Path::new("a.md")).unwrap();
    let messages: Vec<&str> = a_result
        .diagnostics()
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "`b.md` has no heading with the anchor `#nope`",
            "link target `c.md` does not exist"
        ]
    );
    let readme = r
        .iter()
        .find(|f| f.path() == Path::new("README.md"))
        .unwrap();
    assert_eq!(rules(readme), [(1, "broken-link")]);
}

#[test]
fn duplicate_alerts_point_at_the_first_claim() {
    let with_alert = format!(
        "{}alerts: [DiskFull]\n---\n{BODY}",
        FM.trim_end_matches("---\n")
    );
    let r = lint_all(
        &linter(),
        &[("z.md", &with_alert), ("a.md", &with_alert)],
        &|_| false,
    );
    // Files keep the caller's order; the first claim by path owns the alert.
    assert_eq!(r[1].path(), Path::new("a.md"));
    assert!(r[1].diagnostics().is_empty());
    assert_eq!(r[0].diagnostics()[0].rule, "duplicate-alert");
    let related = &r[0].diagnostics()[0].related[0];
    assert_eq!(related.message, "first claimed in `a.md`");
    assert_eq!(related.path.as_deref(), Some(Path::new("a.md")));
}

#[test]
fn fingerprints_survive_line_shifts() {
    let one = format!("{FM}{BODY}\nTODO later\n");
    let two = format!("{FM}\n\n\n{BODY}\nTODO later\n");
    let f =
        |text: &str| lint_all(&linter(), &[("a.md", text)], &|_| false)[0].diagnostics()[0].clone();
    let (d1, d2) = (f(&one), f(&two));
    assert_ne!(d1.location.start.line, d2.location.start.line);
    assert_eq!(d1.fingerprint, d2.fingerprint);
    assert_eq!(d1.fingerprint.len(), 16);
}

#[test]
fn awkward_inputs_are_read_right() {
    // CRLF, BOM, TOML front-matter, setext and alias headings, multi-byte text.
    let toml = "\u{feff}+++\r\ntitle = \"Überprüfung\"\r\nservice = \"s\"\r\nowners = [\"@a\", \"b@example.com\"]\r\nlast_reviewed = 2026-11-01\r\n[[contacts]]\r\nname = \"On-call\"\r\nslack = \"#oncall\"\r\n+++\r\n# Überprüfung — 再起動\r\n\r\nBefore you begin\r\n----------------\r\n\r\nAccess.\r\n\r\n## Procedure\r\n\r\n1. Run `x`.\r\n\r\n## Verify the restart\r\n\r\nCheck `y`.\r\n\r\n### Back-out plan\r\n\r\nRun `z`.\r\n";
    let r = lint_all(&linter(), &[("t.md", toml)], &|_| false);
    assert_eq!(rules(&r[0]), []);
    // A YAML error is reported at its own line.
    let bad = "---\ntitle: T\nowners: [a,\nservice: s\n---\n# T\n";
    let r = lint_all(&linter(), &[("y.md", bad)], &|_| false);
    let syntax = r[0]
        .diagnostics()
        .iter()
        .find(|d| d.rule == "front-matter-syntax")
        .unwrap();
    assert!(syntax.location.start.line >= 3, "{syntax:?}");
}

#[test]
fn alert_preset_accepts_the_alert_convention() {
    let config = Config {
        today: Some(jiff::civil::date(2026, 12, 1)),
        ..Config::from_toml("preset = \"alert\"").unwrap()
    };
    let text = "---\ntitle: Kube Pod Crash Looping\nweight: 20\n---\n# KubePodCrashLooping\n\n## Meaning\n\nA pod restarts.\n\n## Impact\n\nDegraded.\n\n## Diagnosis\n\nRun `kubectl describe pod`.\n\n## Mitigation\n\nFix the config.\n";
    let r = lint_all(
        &Linter::new(config),
        &[("KubePodCrashLooping.md", text)],
        &|_| false,
    );
    let found: Vec<(&str, String)> = r[0]
        .diagnostics()
        .iter()
        .map(|d| (d.rule, d.severity.to_string()))
        .collect();
    assert_eq!(
        found,
        [
            ("front-matter-recommended-key", "warning".to_owned()),
            ("missing-contacts", "warning".to_owned()),
            ("missing-rollback", "warning".to_owned()),
        ]
    );
}

#[test]
fn unreadable_files_become_findings() {
    let d = runbook_lint::unreadable("file looks binary", 3, 7);
    assert_eq!(d.rule, "unreadable-file");
    assert_eq!((d.location.start.line, d.location.start.column), (3, 7));
    assert!(d.help.is_some());
}

#[test]
fn odd_inputs_do_not_panic() {
    let deep = format!("---\na: {}{}\n---\n# T\n", "[".repeat(200), "]".repeat(200));
    let bomb = "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n---\n";
    let inputs = [
        "",
        "---",
        "---\n",
        "+++\n+++\n",
        "\u{feff}",
        "\r\n\r\n",
        "# \n##\n###### x",
        "```",
        "~~~\n# x",
        "<!-- runbook-lint-disable",
        "<!-- runbook-lint-disable-next-line -->",
        "[x](%zz#%e9) [y](../../../../a.md) [z](<>)",
        "é\u{301}ü 再起動 TODO",
        deep.as_str(),
        bomb,
    ];
    for input in inputs {
        let r = lint_all(&linter(), &[("odd.md", input)], &|_| false);
        assert_eq!(r.len(), 1, "{input:?}");
    }
}

#[test]
fn alert_preset_takes_the_h1_as_title_and_reports_a_skipped_template_once() {
    let alert = Linter::new(Config {
        today: Some(jiff::civil::date(2026, 12, 1)),
        ..Config::from_toml("preset = \"alert\"").unwrap()
    });
    let with_h1 = "# etcdNoLeader\n\n## Meaning\n\nNo leader.\n\n## Impact\n\nWrites fail.\n\n## Diagnosis\n\nRun `etcdctl endpoint status`.\n\n## Mitigation\n\nRestore quorum.\n";
    let without_h1 = "Some text.\n\n## Meaning\n\nNo leader.\n";
    let no_template = "---\ntitle: Duplicate Timestamps\n---\n# PrometheusDuplicateTimestamps\n\nFind the pod and read its logs.\n";
    let r = lint_all(
        &alert,
        &[
            ("a.md", with_h1),
            ("b.md", without_h1),
            ("c.md", no_template),
        ],
        &|_| false,
    );
    let has = |i: usize, rule: &str| r[i].diagnostics().iter().any(|d| d.rule == rule);
    assert!(!has(0, "front-matter-missing"));
    assert!(has(1, "front-matter-missing"));
    let missing: Vec<&str> = r[2]
        .diagnostics()
        .iter()
        .filter(|d| d.rule == "missing-section")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        missing,
        ["runbook has no meaning, impact, diagnosis or steps (or mitigation) section"]
    );
    // The strict preset needs more than a title, so the H1 is not enough.
    let strict = lint_all(&linter(), &[("a.md", with_h1)], &|_| false);
    assert!(
        strict[0]
            .diagnostics()
            .iter()
            .any(|d| d.rule == "front-matter-missing")
    );
}
