//! Every output format on the fixture tree: snapshots plus schema checks.

use crate::util::{assert_valid, fixture, runbook, schema, stdout};

fn lint_tree(format: &str) -> String {
    let output = runbook(&fixture("tree"))
        .args(["lint", "--format", format])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "the tree has errors");
    stdout(&output)
}

#[test]
fn human_format() {
    insta::assert_snapshot!(lint_tree("human"));
}

#[test]
fn concise_format() {
    insta::assert_snapshot!(lint_tree("concise"));
}

#[test]
fn json_format_matches_the_published_schema() {
    let text = lint_tree("json");
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let published: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(crate::util::root().join("schemas/report.schema.json")).unwrap(),
    )
    .unwrap();
    assert_valid(&published, &value);
    assert_eq!(
        value["summary"]["errors"].as_u64().unwrap() as usize,
        value["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["severity"] == "error")
            .count()
    );
    insta::assert_snapshot!(text);
}

#[test]
fn sarif_format_validates_against_sarif_2_1_0() {
    let text = lint_tree("sarif");
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_valid(&schema("sarif-schema-2.1.0.json"), &value);
    let run = &value["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    for result in run["results"].as_array().unwrap() {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        assert!(result["partialFingerprints"].as_object().unwrap().len() == 1);
    }
    insta::assert_snapshot!(text);
}

#[test]
fn gitlab_format_validates_and_fingerprints_are_unique() {
    let text = lint_tree("gitlab");
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_valid(&schema("gitlab-codequality.schema.json"), &value);
    let issues = value.as_array().unwrap();
    let mut fingerprints: Vec<_> = issues
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    fingerprints.sort_unstable();
    fingerprints.dedup();
    assert_eq!(fingerprints.len(), issues.len());
    insta::assert_snapshot!(text);
}

#[test]
fn github_format() {
    let text = lint_tree("github");
    assert!(
        text.lines()
            .all(|l| l.starts_with("::error ") || l.starts_with("::warning "))
    );
    insta::assert_snapshot!(text);
}

#[test]
fn junit_format_is_well_formed_with_one_testcase_per_file() {
    use quick_xml::events::Event;
    let text = lint_tree("junit");
    let mut reader = quick_xml::Reader::from_str(&text);
    let mut stack: Vec<String> = Vec::new();
    let mut testcases = 0;
    let mut failures = 0;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => {
                let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                check_parent(&name, stack.last());
                count(&name, &mut testcases, &mut failures);
                stack.push(name);
            }
            Event::Empty(e) => {
                let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                check_parent(&name, stack.last());
                count(&name, &mut testcases, &mut failures);
            }
            Event::End(_) => {
                stack.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(stack.is_empty(), "unclosed elements: {stack:?}");
    let json: serde_json::Value = serde_json::from_str(&lint_tree("json")).unwrap();
    assert_eq!(
        testcases,
        json["summary"]["files"].as_u64().unwrap() as usize
    );
    assert_eq!(failures, json["diagnostics"].as_array().unwrap().len());
    insta::assert_snapshot!(text);
}

fn check_parent(name: &str, parent: Option<&String>) {
    let expected = match name {
        "testsuites" => None,
        "testsuite" => Some("testsuites"),
        "testcase" => Some("testsuite"),
        "failure" => Some("testcase"),
        other => panic!("unexpected element {other}"),
    };
    assert_eq!(parent.map(String::as_str), expected, "parent of {name}");
}

fn count(name: &str, testcases: &mut usize, failures: &mut usize) {
    match name {
        "testcase" => *testcases += 1,
        "failure" => *failures += 1,
        _ => {}
    }
}

#[test]
fn output_file_gets_the_report_and_stdout_stays_empty() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("runbook.sarif");
    let output = runbook(&fixture("tree"))
        .args(["lint", "--format", "sarif", "--output"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    let value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(value["version"], "2.1.0");
}
