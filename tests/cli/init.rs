//! `runbook init` on repositories written in each common convention, built
//! in the test: the preset it picks and why, the aliases it learns, the
//! pages it sets aside, and what `runbook lint` reports afterwards.
//
// See: issue 16 ("`runbook init` for every common runbook convention").

use std::path::Path;

use crate::util::{fixture, runbook, stderr, stdout};

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Runs `init` in `dir`, expecting success; returns the configuration and the summary.
fn init(dir: &Path) -> (String, String) {
    let output = runbook(dir).arg("init").output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let config = std::fs::read_to_string(dir.join("runbook.toml")).unwrap();
    (config, stderr(&output))
}

/// `runbook lint . --format concise`, as lines.
fn lint(dir: &Path) -> Vec<String> {
    let output = runbook(dir)
        .args(["lint", ".", "--format", "concise"])
        .output()
        .unwrap();
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{}",
        stderr(&output)
    );
    stdout(&output).lines().map(str::to_owned).collect()
}

fn assert_contains(text: &str, needle: &str) {
    assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
}

#[test]
fn an_alert_repository_gets_the_alert_preset_with_numbers() {
    let dir = tempfile::tempdir().unwrap();
    for (i, alert) in ["KubePodCrashLooping", "KubeNodeNotReady", "TargetDown"]
        .iter()
        .enumerate()
    {
        write(
            dir.path(),
            &format!("runbooks/{alert}.md"),
            &format!(
                "---\ntitle: {alert}\nweight: {i}\n---\n# {alert}\n\n## Meaning\n\nIt fires.\n\n## Impact\n\nUsers see errors.\n\n## Diagnosis\n\nCheck logs.\n\n## Mitigation\n\nRestart it.\n"
            ),
        );
    }
    write(
        dir.path(),
        "runbooks/_index.md",
        "---\ntitle: Runbooks\n---\n",
    );
    write(dir.path(), "README.md", "# Alert runbooks\n");
    let (config, summary) = init(dir.path());
    assert_contains(&config, "preset = \"alert\"");
    assert_contains(
        &config,
        "3 runbooks; 3 of them (100%) follow Meaning / Impact / Diagnosis / Mitigation",
    );
    assert_contains(&config, "Front-matter keys seen: title (3), weight (3).");
    assert_contains(&config, "2 Markdown files are not runbooks by default");
    assert_contains(&config, "#   a Hugo section page: runbooks/_index.md");
    assert_contains(&config, "\"Mitigation\", # 3 of 3 runbooks");
    assert_contains(&summary, "preset alert: 3 runbooks");
    assert!(
        !dir.path().join("runbooks/restart-example-web.md").exists(),
        "no sample in an existing repo"
    );
    assert!(lint(dir.path()).is_empty());
}

// See: issue 7 ("Done when": a short list of true findings, not one per file).
#[test]
fn init_then_lint_on_an_alert_repo_reports_only_the_true_findings() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("alert-repo"), dir.path());
    let (config, summary) = init(dir.path());
    assert_contains(&config, "preset = \"alert\"");
    // The guide and the stub are excluded, each with its reason.
    assert_contains(
        &config,
        "# a guide or template in a documentation folder, with no runbook section\n    \"**/docs/add-runbook.md\",",
    );
    assert_contains(&config, "\"**/runbooks/node/NodeRAIDDiskFailure.md\"");
    // Path-to-strict warnings that hit every runbook are off, with the way back.
    assert_contains(
        &config,
        "# 7 of 7 runbooks get `missing-rollback` (\"runbook has no rollback section\").",
    );
    assert_contains(&config, "missing-rollback = \"off\"");
    assert_contains(&config, "missing-contacts = \"off\"");
    assert_contains(&config, "front-matter-recommended-key = \"off\"");
    assert_contains(&summary, "excluded docs/add-runbook.md");
    assert_contains(
        &summary,
        "turned off missing-rollback: 7 of 7 runbooks get it",
    );
    assert_contains(
        &summary,
        "`runbook lint` should report 4 findings: broken-link 1, destructive-command 1, missing-section 1, placeholder-text 1",
    );
    insta::assert_snapshot!(lint(dir.path()).join("\n"));

    // Switching a path-to-strict rule back on brings its warnings back.
    let stricter = config.replace(
        "missing-rollback = \"off\"",
        "missing-rollback = \"warning\"",
    );
    std::fs::write(dir.path().join("runbook.toml"), stricter).unwrap();
    let warnings = lint(dir.path())
        .iter()
        .filter(|l| l.contains("warning[missing-rollback]"))
        .count();
    assert_eq!(warnings, 7);
}

/// A playbook in the NIST SP 800-61 shape.
fn playbook(threat: &str) -> String {
    format!(
        "# Playbook: {threat}\n\n## Investigate\n\n1. Find the first affected host: `grep {threat} /var/log/auth.log`.\n\n\
         ## Remediate\n\n1. Isolate the host: `isolate --host $HOST`.\n\n## Communicate\n\nTell the CISO in `#security`.\n\n\
         ## Recover\n\nConfirm the host is clean: `scan --host $HOST`.\n\n## Lessons learned\n\nHold a review.\n\n\
         ## Resources\n\n- [NIST SP 800-61](https://csrc.nist.gov/pubs/sp/800/61/r2/final)\n"
    )
}

#[test]
fn an_incident_response_repository_gets_its_preset_and_its_headings_as_aliases() {
    let dir = tempfile::tempdir().unwrap();
    for threat in ["phishing", "ransomware", "defacement", "supply-chain"] {
        write(
            dir.path(),
            &format!("playbooks/{threat}.md"),
            &playbook(threat),
        );
    }
    // A playbook that does not say whom to tell: a true finding.
    write(
        dir.path(),
        "playbooks/insider.md",
        &playbook("insider").replace("## Communicate\n\nTell the CISO in `#security`.\n\n", ""),
    );
    // Role descriptions and the pages beside the plan are not playbooks:
    // none of their sections is required.
    write(
        dir.path(),
        "about.md",
        "# About\n\n## License\n\nApache-2.0.\n",
    );
    write(
        dir.path(),
        "after.md",
        "# After action review\n\n## Meeting\n\nHold it.\n",
    );
    // The plan a build assembles from the playbooks repeats them: not linted twice.
    let plan: String = ["phishing", "ransomware", "defacement", "supply-chain"]
        .iter()
        .map(|t| playbook(t))
        .collect::<Vec<_>>()
        .join("\n");
    write(
        dir.path(),
        "examples/plan.md",
        &format!("{plan}\n[Roles](#roles)\n"),
    );
    for role in ["commander", "scribe", "liaison"] {
        write(
            dir.path(),
            &format!("roles/{role}.md"),
            &format!("# Role: {role}\n\n## Description\n\nLeads.\n\n## Duties\n\nMany.\n"),
        );
    }
    let (config, summary) = init(dir.path());
    assert_contains(&config, "preset = \"incident-response\"");
    assert_contains(
        &summary,
        "preset incident-response: 10 runbooks; 5 of them (50%) follow Investigate / Remediate / Communicate / Recover",
    );
    assert_contains(&summary, "troubleshooting 0");
    assert_contains(
        &config,
        "steps = [\n    \"Remediate\", # 5 of 10 runbooks\n]",
    );
    assert_contains(
        &config,
        "verification = [\n    \"Recover\", # 5 of 10 runbooks\n]",
    );
    assert_contains(
        &config,
        "contacts = [\n    \"Communicate\", # 4 of 10 runbooks\n]",
    );
    assert_contains(
        &config,
        "diagnosis = [\n    \"Investigate\", # 5 of 10 runbooks\n]",
    );
    assert_contains(&config, "#   \"Lessons learned\": 5 of 10 runbooks");
    // A folder of free-form pages is one glob; the top folder's pages are
    // listed one by one, so no glob reaches the playbooks.
    assert_contains(&config, "\"**/roles/*.md\", # 3 pages");
    assert_contains(&config, "    \"**/about.md\",\n    \"**/after.md\",\n");
    assert_contains(
        &config,
        "# repeats 4 other pages in full (defacement.md and 3 more), a document built from them; their findings are reported on them\n    \"**/examples/plan.md\",",
    );
    assert_contains(
        &config,
        "[[overrides]]\nfiles = [\n    \"**/examples/plan.md\",\n]\nrules = { broken-link = \"off\" }",
    );
    assert_eq!(
        lint(dir.path()),
        [
            "playbooks/insider.md:1:1: error[missing-contacts] runbook names no contacts: no `contacts` in front-matter and no contacts or escalation section"
        ]
    );
    // Without the preset, every playbook lacks the strict sections.
    let output = runbook(dir.path())
        .args(["lint", ".", "--preset", "strict", "--format", "concise"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn a_troubleshooting_repository_sets_aside_helpers_vendored_pages_and_free_form_guides() {
    let dir = tempfile::tempdir().unwrap();
    let page = |title: &str, extra: &str| {
        format!(
            "# {title}\n\n## Symptoms\n\nRequests fail.\n\n## Possible checks\n\nLook at `kubectl get pods`.\n\n\
             ## Resolution\n\n1. [Gather the logs](../helpers/gather-logs.md)\n2. Restart it: `systemctl restart {title}`.\n{extra}"
        )
    };
    for service in ["redis", "postgres", "gitaly", "sidekiq"] {
        write(
            dir.path(),
            &format!("docs/{service}/{service}-down.md"),
            &page(service, ""),
        );
    }
    // Symptoms and checks but no resolution: a true finding.
    write(
        dir.path(),
        "docs/redis/redis-slow.md",
        "# Redis slow\n\n## Symptoms\n\nSlow.\n\n## Possible checks\n\nLook at `redis-cli --latency`.\n",
    );
    // How-tos and overviews: a genre of their own.
    for (name, text) in [
        (
            "docs/postgres/upgrade.md",
            "# Upgrade Postgres\n\n## Procedure\n\nRun `upgrade`.\n",
        ),
        (
            "docs/gitaly/overview.md",
            "# Gitaly\n\n## Overview\n\nStores repositories.\n",
        ),
    ] {
        write(dir.path(), name, text);
    }
    write(
        dir.path(),
        "docs/helpers/gather-logs.md",
        "# Gather the logs\n\nRun `journalctl -u app > logs.txt`, then [upload them](upload.md).\n",
    );
    write(
        dir.path(),
        "docs/sidekiq/sidekiq-old-queue.md",
        "# SidekiqOldQueue\n\nThis alert is deprecated. You can safely ignore or silence it.\n",
    );
    write(dir.path(), "vendor/lib/NOTES.md", "# Vendored\n\nTODO\n");
    write(dir.path(), "testdata/broken.md", "# Broken\n\nTODO\n");
    let (config, summary) = init(dir.path());
    assert_contains(&config, "preset = \"troubleshooting\"");
    assert_contains(&config, "follow Symptoms / Possible checks / Resolution");
    assert_contains(
        &config,
        "# a shared procedure in a helpers folder, with no runbook section\n    \"**/docs/helpers/gather-logs.md\",",
    );
    assert_contains(
        &config,
        "# a deprecation notice, with no runbook section\n    \"**/docs/sidekiq/sidekiq-old-queue.md\",",
    );
    assert_contains(&config, "#   vendored code: vendor/lib/NOTES.md");
    assert_contains(&config, "#   test data: testdata/broken.md");
    assert_contains(
        &summary,
        "not runbooks by default: 1 test data, 1 vendored code",
    );
    assert_contains(&config, "\"**/docs/postgres/upgrade.md\",");
    assert_contains(&config, "\"**/docs/gitaly/overview.md\",");
    assert_contains(&config, "\"Possible checks\", # 5 of 7 runbooks");
    // One folder per service: the folder names the service.
    assert_contains(&config, "service_from = \"folder\"");
    // The helper is not a runbook, but its links are still checked.
    let findings = lint(dir.path());
    assert_eq!(
        findings,
        [
            "docs/helpers/gather-logs.md:3:42: error[broken-link] link target `upload.md` does not exist",
            "docs/redis/redis-slow.md:1:1: error[missing-section] runbook has no steps (or mitigation) section",
        ],
    );
    // The report groups the runbooks by the folder's service.
    let output = runbook(dir.path())
        .args(["report", ".", "--format", "json"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let services: Vec<&str> = report["services"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["name"].as_str())
        .collect();
    assert_eq!(services, ["gitaly", "postgres", "redis", "sidekiq"]);
}

#[test]
fn runbooks_written_for_this_tool_keep_the_strict_preset() {
    let dir = tempfile::tempdir().unwrap();
    let runbooks = dir.path().join("runbooks");
    std::fs::create_dir_all(&runbooks).unwrap();
    copy_dir(&crate::util::root().join("runbooks"), &runbooks);
    let (config, summary) = init(dir.path());
    assert_contains(&config, "preset = \"strict\"");
    assert_contains(
        &summary,
        "follow Prerequisites / Steps / Rollback / Verification / Contacts",
    );
    assert_contains(&summary, "`runbook lint` should report no findings");
    assert_eq!(lint(dir.path()), Vec::<String>::new());
}

#[test]
fn a_repository_in_no_convention_gets_minimal() {
    let dir = tempfile::tempdir().unwrap();
    for (i, topic) in ["dns", "tls", "backups", "vpn", "email"].iter().enumerate() {
        write(
            dir.path(),
            &format!("notes/{topic}.md"),
            &format!("# {topic}\n\n## History\n\nSince {i}.\n\n## Contacts of vendors\n\nNone.\n"),
        );
    }
    let (config, summary) = init(dir.path());
    assert_contains(&config, "preset = \"minimal\"");
    assert_contains(
        &summary,
        "at most 0 of 5 pages follow one convention, too few to require its sections",
    );
    assert_eq!(lint(dir.path()), Vec::<String>::new());
}

#[test]
fn a_bilingual_site_learns_the_translated_headings_from_their_sources() {
    let dir = tempfile::tempdir().unwrap();
    for alert in ["KubePodCrashLooping", "KubeletDown", "TargetDown"] {
        write(
            dir.path(),
            &format!("content/runbooks/{alert}.md"),
            &format!(
                "---\ntitle: {alert}\n---\n# {alert}\n\n## Meaning\n\nIt fires.\n\n## Impact\n\nErrors.\n\n## Diagnosis\n\nLogs.\n\n## Mitigation\n\nRestart.\n"
            ),
        );
        // 含义 / 影响 are built in; 排障思路 and 处理办法 are this team's words.
        write(
            dir.path(),
            &format!("content.zh/runbooks/{alert}.md"),
            &format!(
                "---\ntitle: {alert}\n---\n# {alert}\n\n## 含义\n\n告警触发。\n\n## 影响\n\n错误。\n\n## 排障思路\n\n日志。\n\n## 处理办法\n\n重启。\n"
            ),
        );
    }
    let (config, summary) = init(dir.path());
    assert_contains(&config, "preset = \"alert\"");
    assert_contains(
        &config,
        "\"排障思路\", # stands for \"Diagnosis\" in 3 translated pages (content.zh/ ↔ content/)",
    );
    assert_contains(
        &config,
        "\"处理办法\", # stands for \"Mitigation\" in 3 translated pages (content.zh/ ↔ content/)",
    );
    assert_contains(&config, "\"含义\", # 3 of 6 runbooks");
    assert_contains(&summary, "2 of them learned from translated pages");
    assert_eq!(lint(dir.path()), Vec::<String>::new());
    // Without what init learned, the translated pages miss two sections.
    let output = runbook(dir.path())
        .args(["lint", ".", "--format", "concise", "--config"])
        .arg(dir.path().join("none.toml"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "the file does not exist");
    std::fs::write(dir.path().join("bare.toml"), "preset = \"alert\"\n").unwrap();
    let output = runbook(dir.path())
        .args(["lint", ".", "--format", "concise", "--config", "bare.toml"])
        .output()
        .unwrap();
    let text = stdout(&output);
    assert_eq!(
        text.lines()
            .filter(|l| l.contains("content.zh/") && l.contains("missing-section"))
            .count(),
        3,
        "{text}"
    );
}

#[test]
fn rerunning_init_shows_a_diff_and_overwrites_only_with_force() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "runbooks/a.md",
        "# A\n\n## Meaning\n\nx\n\n## Impact\n\ny\n\n## Diagnosis\n\nz\n\n## Mitigation\n\nw\n",
    );
    // A dry run writes nothing, configured or not.
    let output = runbook(dir.path())
        .args(["init", "--diff"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_contains(&stdout(&output), "+preset = \"alert\"\n");
    assert!(!dir.path().join("runbook.toml").exists());
    write(dir.path(), "runbook.toml", "preset = \"strict\"\n");
    let output = runbook(dir.path()).arg("init").output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_contains(&stderr(&output), "already exists; not overwriting it");
    assert_contains(&stderr(&output), "runbook init --diff");

    let output = runbook(dir.path())
        .args(["init", "--diff"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let diff = stdout(&output);
    assert_contains(&diff, "--- a/");
    assert_contains(&diff, "-preset = \"strict\"\n");
    assert_contains(&diff, "+preset = \"alert\"\n");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("runbook.toml")).unwrap(),
        "preset = \"strict\"\n",
        "--diff writes nothing"
    );

    let output = runbook(dir.path())
        .args(["init", "--force"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let config = std::fs::read_to_string(dir.path().join("runbook.toml")).unwrap();
    assert_contains(&config, "preset = \"alert\"");
    // Nothing changed since: the diff says so.
    let output = runbook(dir.path())
        .args(["init", "--diff"])
        .output()
        .unwrap();
    assert_contains(&stdout(&output), "runbook.toml: no change");
}

#[test]
fn hostile_headings_and_paths_still_give_a_configuration_that_loads() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..3 {
        write(
            dir.path(),
            &format!("run[books]/{{odd}} \"{i}\".md"),
            "# T\n\n## Symptoms \"quoted\" \\ back\n\nx\n\n## Possible checks\n\ny\n\n## Resolution\n\nz\n\n## Weird ]] = [[x\n\nw\n",
        );
    }
    std::fs::write(dir.path().join("bad.md"), b"# Bad\n\xff\n").unwrap();
    let (config, _) = init(dir.path());
    assert_contains(&config, "could not be read as text");
    runbook(dir.path())
        .args(["config", "--show"])
        .assert()
        .code(0);
    let findings = lint(dir.path());
    assert!(
        findings.iter().all(|l| l.contains("bad.md")),
        "{findings:?}"
    );
}

#[test]
fn init_survives_loops_fifos_deep_nesting_and_huge_headings() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("loop")).unwrap();
    std::os::unix::fs::symlink("..", dir.path().join("loop/parent")).unwrap();
    std::os::unix::fs::symlink("missing.md", dir.path().join("dangling.md")).unwrap();
    let status = std::process::Command::new("mkfifo")
        .arg(dir.path().join("pipe.md"))
        .status()
        .unwrap();
    assert!(status.success());
    write(
        dir.path(),
        "deep.md",
        &format!("# Deep\n\n## Steps\n\n{}x\n", "> ".repeat(50_000)),
    );
    write(
        dir.path(),
        "long.md",
        &format!("# Long\n\n## {}\n\nx\n", "Troubleshooting ".repeat(300_000)),
    );
    write(
        dir.path(),
        "many.md",
        &format!("# Many\n\n{}", "## Steps\n\n1. a\n2. b\n\n".repeat(20_000)),
    );
    let (config, _) = init(dir.path());
    assert_contains(&config, "preset = ");
    runbook(dir.path())
        .args(["config", "--show"])
        .assert()
        .code(0);
}
