//! `rules`, `explain`, `init`, `new`, `completions` and `config --show`.

use std::path::Path;

use crate::util::{fixture, runbook, stderr, stdout};

#[test]
fn rules_lists_every_rule() {
    let output = runbook(&fixture("tree")).arg("rules").output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn rules_json_has_ids_and_severities() {
    let output = runbook(&fixture("tree"))
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    let rules: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let rules = rules.as_array().unwrap();
    assert!(
        rules
            .iter()
            .any(|r| r["id"] == "missing-rollback" && r["default_severity"] == "error")
    );
    assert!(
        rules
            .iter()
            .all(|r| r["summary"].as_str().is_some_and(|s| !s.is_empty()))
    );
}

#[test]
fn explain_prints_the_rule_documentation() {
    let output = runbook(&fixture("tree"))
        .args(["explain", "missing-rollback"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn explain_unknown_rule_exits_2_with_suggestions() {
    let output = runbook(&fixture("tree"))
        .args(["explain", "missing-rolback"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("did you mean `missing-rollback`"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn init_in_an_empty_folder_writes_config_and_a_clean_sample() {
    let dir = tempfile::tempdir().unwrap();
    runbook(dir.path()).arg("init").assert().code(0);
    let config = std::fs::read_to_string(dir.path().join("runbook.toml")).unwrap();
    assert!(config.contains("preset = \"strict\""), "{config}");
    assert!(dir.path().join("runbooks/restart-example-web.md").is_file());
    runbook(dir.path()).arg("lint").assert().code(0);
    // A second run refuses to overwrite.
    let output = runbook(dir.path()).arg("init").output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("already exists"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("runbook.toml")).unwrap(),
        config
    );
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn new_writes_a_template_that_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    runbook(dir.path())
        .args([
            "new",
            "Restart the cache: fast",
            "--service",
            "cache",
            "--dir",
            "ops",
        ])
        .assert()
        .code(0);
    let path = dir.path().join("ops/restart-the-cache-fast.md");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("title: \"Restart the cache: fast\""),
        "{text}"
    );
    assert!(text.contains("service: \"cache\""), "{text}");
    assert!(text.contains("last_reviewed: 2026-12-01"), "{text}");
    runbook(dir.path())
        .args([
            "new",
            "Restart the cache: fast",
            "--service",
            "cache",
            "--dir",
            "ops",
        ])
        .assert()
        .code(2);
}

/// Replaces every `TODO` placeholder the way an author would.
fn fill_placeholders(text: &str) -> String {
    text.replace("TODO-first-owner@example.com", "alice@example.com")
        .replace("TODO-second-owner@example.com", "bob@example.com")
        .replace("TODO on-call rotation", "Cache on-call")
        .replace("#TODO-oncall", "#cache-oncall")
        .replace(
            "echo \"TODO: the command for this step\"",
            "systemctl restart cache",
        )
        .replace("TODO: ", "Filled in: ")
}

#[test]
fn new_template_passes_lint_once_placeholders_are_filled() {
    let dir = tempfile::tempdir().unwrap();
    runbook(dir.path())
        .args(["new", "Restart the cache", "--service", "cache"])
        .assert()
        .code(0);
    let path = dir.path().join("restart-the-cache.md");
    let filled = fill_placeholders(&std::fs::read_to_string(&path).unwrap());
    assert!(!filled.contains("TODO"), "{filled}");
    std::fs::write(&path, filled).unwrap();
    let output = runbook(dir.path())
        .args(["lint", "--format", "concise"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
}

#[test]
fn new_template_fails_lint_until_placeholders_are_filled() {
    let dir = tempfile::tempdir().unwrap();
    runbook(dir.path())
        .args(["new", "Restart the cache", "--service", "cache"])
        .assert()
        .code(0);
    let output = runbook(dir.path())
        .args(["lint", "--format", "concise"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    assert!(
        stdout(&output).contains("error[placeholder-text]"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn completions_for_every_shell() {
    for (shell, marker) in [
        ("bash", "_runbook()"),
        ("zsh", "#compdef runbook"),
        ("fish", "complete -c runbook"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let output = runbook(&fixture("tree"))
            .args(["completions", shell])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0));
        let script = stdout(&output);
        assert!(script.contains(marker), "{shell}: {script}");
        assert!(
            script.contains("max-warnings"),
            "{shell} completes lint flags"
        );
    }
    runbook(&fixture("tree"))
        .args(["completions", "tcsh"])
        .assert()
        .code(2);
}

#[test]
fn config_show_prints_effective_rule_levels() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "runbook.toml",
        "[rules]\nmissing-rollback = \"warning\"\n",
    );
    write(dir.path(), "sub/a.md", "# A\n");
    let output = runbook(dir.path())
        .args(["config", "--show", "sub/a.md"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(text.contains("runbook.toml"), "{text}");
    assert!(text.contains("missing-rollback = \"warning\""), "{text}");
    assert!(text.contains("front-matter-missing = \"error\""), "{text}");
}

// See: issue 7 (presets are overridable key by key; `--preset` on the command line).
#[test]
fn presets_are_overridden_key_by_key_and_by_the_preset_flag() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "runbook.toml",
        "preset = \"alert\"\n[rules]\nmissing-rollback = \"error\"\n[front_matter]\nknown_keys = [\"menu\"]\n",
    );
    let show = |extra: &[&str]| -> serde_json::Value {
        let output = runbook(dir.path())
            .args(["config", "--show", "--json"])
            .args(extra)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        serde_json::from_slice(&output.stdout).unwrap()
    };
    let alert = show(&[]);
    assert_eq!(alert["preset"], "alert");
    // The file's key wins over the preset's level; the preset's other levels stay.
    assert_eq!(alert["rules"]["missing-rollback"], "error");
    assert_eq!(alert["rules"]["missing-contacts"], "warning");
    assert_eq!(alert["rules"]["missing-prerequisites"], "off");
    assert_eq!(
        alert["sections"]["required"],
        serde_json::json!(["meaning", "impact", "diagnosis", "steps"])
    );
    assert_eq!(
        alert["front_matter"]["required"],
        serde_json::json!(["title"])
    );
    let known = alert["front_matter"]["known_keys"].as_array().unwrap();
    assert!(known.contains(&serde_json::json!("weight")));
    assert!(known.contains(&serde_json::json!("menu")));

    let strict = show(&["--preset", "strict"]);
    assert_eq!(strict["preset"], "strict");
    assert_eq!(strict["rules"]["missing-contacts"], "error");
    assert_eq!(strict["rules"]["missing-prerequisites"], "error");
    assert_eq!(
        strict["front_matter"]["required"],
        serde_json::json!(["title", "service", "owners", "last_reviewed"])
    );

    // The same preset flag changes what `lint` reports.
    write(
        dir.path(),
        "KubeJobFailed.md",
        "---\ntitle: Kube Job Failed\nweight: 1\n---\n# KubeJobFailed\n\n## Meaning\n\nA job failed.\n\n## Impact\n\nWork not done.\n\n## Diagnosis\n\nRun `kubectl describe job`.\n\n## Mitigation\n\nRerun it.\n\n## Rollback\n\nDelete the rerun job.\n",
    );
    let lint = |extra: &[&str]| {
        let output = runbook(dir.path())
            .args(["lint", "--format", "concise"])
            .args(extra)
            .output()
            .unwrap();
        stdout(&output)
    };
    let text = lint(&[]);
    assert!(!text.contains("error["), "{text}");
    let text = lint(&["--preset", "strict"]);
    assert!(text.contains("error[missing-prerequisites]"), "{text}");
    assert!(text.contains("error[front-matter-schema]"), "{text}");
}
