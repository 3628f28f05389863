//! Partial runs are exact: a file's findings do not depend on which other
//! files were named. pre-commit names only the staged files, and editors
//! lint one buffer through `--stdin`; both must find what a run over the
//! whole tree finds.
//!
//! See: issue 13 (pre-commit and CI runs you can trust).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use proptest::prelude::*;

use crate::util::{runbook, stderr, stdout};

/// Per-file findings as `line:col rule message`, from a JSON report.
fn by_file(json: &str) -> BTreeMap<String, Vec<String>> {
    let report: serde_json::Value = serde_json::from_str(json).unwrap();
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for d in report["diagnostics"].as_array().unwrap() {
        out.entry(d["path"].as_str().unwrap().to_owned())
            .or_default()
            .push(format!(
                "{}:{} {} {}",
                d["line"], d["column"], d["rule"], d["message"]
            ));
    }
    out
}

fn lint_json(dir: &Path, files: &[&str]) -> BTreeMap<String, Vec<String>> {
    let output = runbook(dir)
        .args(["lint", "--format", "json"])
        .args(files)
        .output()
        .unwrap();
    assert!(
        output.status.code().is_some_and(|c| c < 2),
        "{}",
        stderr(&output)
    );
    by_file(&stdout(&output))
}

/// One generated file: where it is, its headings, its links and alerts.
#[derive(Debug, Clone)]
struct Spec {
    headings: Vec<usize>,
    links: Vec<(usize, Option<usize>)>,
    alerts: Vec<usize>,
}

const PATHS: [&str; 5] = ["a.md", "b.md", "ops/c.md", "ops/d.md", "db/e.md"];
const HEADINGS: [&str; 4] = ["Fail over", "Promote the replica", "Verify", "Roll back"];
const ALERTS: [&str; 3] = ["DiskFull", "ReplicaLag", "CacheDown"];

/// The Markdown of file `i` of `specs`. Links use every relative form:
/// plain, `./`, and `../` across folders.
fn render(i: usize, specs: &[Spec]) -> String {
    let spec = &specs[i];
    let from = Path::new(PATHS[i]).parent().unwrap();
    let mut text = String::from("---\ntitle: Generated\n");
    if !spec.alerts.is_empty() {
        let names: Vec<&str> = spec.alerts.iter().map(|a| ALERTS[*a]).collect();
        let _ = writeln!(text, "alerts: [{}]", names.join(", "));
    }
    text.push_str("---\n# Generated\n\n");
    for h in &spec.headings {
        let _ = write!(text, "## {}\n\nText.\n\n", HEADINGS[*h]);
    }
    for (n, (target, anchor)) in spec.links.iter().enumerate() {
        let target = Path::new(PATHS[*target % PATHS.len()]);
        let relative = pathdiff(target, from);
        let relative = if n % 2 == 0 && !relative.starts_with("..") {
            format!("./{relative}")
        } else {
            relative
        };
        let fragment = anchor.map_or(String::new(), |h| {
            format!(
                "#{}",
                HEADINGS[h % HEADINGS.len()]
                    .to_lowercase()
                    .replace(' ', "-")
            )
        });
        let _ = write!(text, "See [link {n}]({relative}{fragment}).\n\n");
    }
    text
}

/// `target` relative to the folder `from`, both relative to one root.
fn pathdiff(target: &Path, from: &Path) -> String {
    let ups = from.components().count();
    let mut out = "../".repeat(ups);
    out.push_str(&target.to_string_lossy());
    out
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        proptest::collection::vec(0..HEADINGS.len(), 0..3),
        proptest::collection::vec(
            (0..PATHS.len(), proptest::option::of(0..HEADINGS.len())),
            0..4,
        ),
        proptest::collection::vec(0..ALERTS.len(), 0..2),
    )
        .prop_map(|(headings, links, alerts)| Spec {
            headings,
            links,
            alerts,
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    /// Every subset of the files, linted alone, gives each of its files the
    /// findings the whole-tree run gives it.
    #[test]
    fn every_subset_finds_what_the_whole_tree_finds(
        specs in proptest::collection::vec(spec(), PATHS.len()),
    ) {
        let dir = tempfile::tempdir().unwrap();
        // The folder of the nearest runbook.toml is the project.
        fs::write(dir.path().join("runbook.toml"), "").unwrap();
        for (i, path) in PATHS.iter().enumerate() {
            let file = dir.path().join(path);
            fs::create_dir_all(file.parent().unwrap()).unwrap();
            fs::write(file, render(i, &specs)).unwrap();
        }
        let whole = lint_json(dir.path(), &["."]);
        // Every subset of one or two files, and the files of one folder.
        let mut subsets: Vec<Vec<&str>> = Vec::new();
        for (i, first) in PATHS.iter().enumerate() {
            subsets.push(vec![*first]);
            for second in PATHS.iter().skip(i + 1) {
                subsets.push(vec![*first, *second]);
            }
        }
        subsets.push(vec!["ops"]);
        for subset in subsets {
            let partial = lint_json(dir.path(), &subset);
            for (file, findings) in &partial {
                prop_assert_eq!(
                    Some(findings),
                    whole.get(file),
                    "{} linted with {:?}", file, subset
                );
            }
            for file in subset.iter().filter(|f| PATHS.contains(*f)) {
                prop_assert_eq!(partial.get(*file), whole.get(*file), "{} alone", file);
            }
        }
    }
}

fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("runbook.toml"), "preset = \"alert\"\n").unwrap();
    for (path, text) in files {
        let file = dir.path().join(path);
        fs::create_dir_all(file.parent().unwrap()).unwrap();
        fs::write(file, text).unwrap();
    }
    dir
}

const INDEX: &str = "# Index\n\nSee [promote](db/failover.md#promote-a-replica).\n";
const FAILOVER: &str = "# Fail over\n\n## Promote the replica\n\nRun `promote`.\n";

#[test]
fn a_link_to_an_unnamed_file_is_checked_against_its_headings() {
    let dir = project(&[("index.md", INDEX), ("db/failover.md", FAILOVER)]);
    let output = runbook(dir.path())
        .args(["lint", "--format", "concise", "index.md"])
        .output()
        .unwrap();
    let out = stdout(&output);
    assert!(
        out.contains("index.md:3:5: error[broken-link] `db/failover.md` has no heading with the anchor `#promote-a-replica` (did you mean `#promote-the-replica`?)"),
        "{out}"
    );
}

#[test]
fn a_renamed_heading_is_reported_on_the_file_that_lost_it() {
    let dir = project(&[
        ("index.md", INDEX),
        ("db/failover.md", FAILOVER),
        (
            "ops/oncall.md",
            "# On-call\n\n[a](../db/failover.md#promote-a-replica) [b](../db/failover.md#promote-a-replica)\n",
        ),
    ]);
    let output = runbook(dir.path())
        .args(["lint", "--format", "json", "db/failover.md"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let linked: Vec<&serde_json::Value> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "missing-linked-anchor")
        .collect();
    assert_eq!(linked.len(), 1, "{report:#}");
    let d = linked[0];
    assert_eq!(
        d["message"],
        "`db/failover.md#promote-a-replica` is linked from index.md:3 and 2 more, but no heading here has that anchor (did you mean `#promote-the-replica`?)"
    );
    // At the heading it most likely was.
    assert_eq!(d["line"], 3);
    let related: Vec<String> = d["related"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            format!(
                "{}:{}:{}",
                r["path"].as_str().unwrap(),
                r["line"],
                r["column"]
            )
        })
        .collect();
    assert_eq!(
        related,
        ["index.md:3:5", "ops/oncall.md:3:1", "ops/oncall.md:3:42"]
    );
}

#[test]
fn stdin_is_judged_against_the_project_as_its_filename() {
    let dir = project(&[("index.md", INDEX), ("db/failover.md", FAILOVER)]);
    // The buffer renames the heading back: nothing is broken any more,
    // whatever the file on disk says.
    let fixed = "# Fail over\n\n## Promote a replica\n\nRun `promote`.\n";
    let output = runbook(dir.path())
        .args([
            "lint",
            "--format",
            "concise",
            "--stdin",
            "--stdin-filename",
            "db/failover.md",
        ])
        .write_stdin(fixed)
        .output()
        .unwrap();
    let out = stdout(&output);
    assert!(!out.contains("link"), "{out}");
    let output = runbook(dir.path())
        .args([
            "lint",
            "--format",
            "concise",
            "--stdin",
            "--stdin-filename",
            "db/failover.md",
        ])
        .write_stdin(FAILOVER)
        .output()
        .unwrap();
    assert!(
        stdout(&output).contains("db/failover.md:3:1: error[missing-linked-anchor]"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn a_duplicate_alert_in_an_unnamed_runbook_is_found() {
    let with = |alert: &str| format!("---\ntitle: T\nalerts: [{alert}]\n---\n# T\n");
    let dir = project(&[("a.md", &with("DiskFull")), ("b.md", &with("DiskFull"))]);
    let output = runbook(dir.path())
        .args(["lint", "--format", "concise", "b.md"])
        .output()
        .unwrap();
    assert!(
        stdout(&output).contains(
            "b.md:3:10: warning[duplicate-alert] alert `DiskFull` is also claimed by `a.md`"
        ),
        "{}",
        stdout(&output)
    );
}

/// The real hook through pre-commit, with one file staged: pre-commit names
/// only that file, and the findings about the unstaged ones still come.
/// Uses the `runbook-lint-system` hook with the workspace's binary on PATH,
/// so nothing is built. Needs `pre-commit` (`.ci/run` installs it) and git.
#[test]
#[ignore = "needs pre-commit on PATH; run by .ci/run"]
fn pre_commit_with_one_staged_file_finds_links_both_ways() {
    let dir = project(&[
        (
            "index.md",
            "# Index\n\nSee [promote](db/failover.md#promote-the-replica).\n",
        ),
        ("db/failover.md", FAILOVER),
    ]);
    let git = |args: &[&str]| {
        let output = std::process::Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(output.status.success(), "git {args:?}: {output:?}");
    };
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "runbooks"]);
    let binary_dir = crate::util::binary().parent().unwrap().to_path_buf();
    let path = std::env::join_paths(
        std::iter::once(binary_dir)
            .chain(std::env::split_paths(&std::env::var_os("PATH").unwrap())),
    )
    .unwrap();
    let hook = || {
        let output = std::process::Command::new("pre-commit")
            .args(["try-repo"])
            .arg(crate::util::root())
            .arg("runbook-lint-system")
            .current_dir(dir.path())
            .env("PATH", &path)
            .output()
            .expect("pre-commit is installed (pip install pre-commit)");
        (
            output.status.success(),
            String::from_utf8_lossy(&output.stdout).into_owned(),
        )
    };
    // Only the linking file is staged: its link into the unstaged file is checked.
    fs::write(
        dir.path().join("index.md"),
        "# Index\n\nSee [promote](db/failover.md#promote-a-replica).\n",
    )
    .unwrap();
    git(&["add", "index.md"]);
    let (ok, out) = hook();
    assert!(!ok, "{out}");
    assert!(
        out.contains("broken-link") && out.contains("index.md"),
        "{out}"
    );
    assert!(
        !out.contains("db/failover.md:"),
        "only the staged file is reported: {out}"
    );
    git(&["checkout", "-q", "HEAD", "--", "index.md"]);
    // Only the linked file is staged, with its heading renamed.
    fs::write(
        dir.path().join("db/failover.md"),
        FAILOVER.replace("Promote the replica", "Promote a standby"),
    )
    .unwrap();
    git(&["add", "db/failover.md"]);
    let (ok, out) = hook();
    assert!(!ok, "{out}");
    assert!(out.contains("missing-linked-anchor"), "{out}");
    assert!(out.contains("is linked from index.md:3"), "{out}");
}
