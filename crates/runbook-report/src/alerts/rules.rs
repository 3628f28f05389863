//! Reading Prometheus-style alerting rule files.

use std::path::{Path, PathBuf};

use runbook_parse::LineIndex;
use runbook_parse::front_matter::{Limits, Node, parse_yaml};

use crate::error::InputError;

/// Limits for rule files: far larger than front-matter (real rule files run
/// to thousands of rules) but still bounded against alias bombs.
const RULES_LIMITS: Limits = Limits {
    max_depth: 64,
    max_nodes: 1_000_000,
};

/// One alerting rule (a rule with an `alert` key).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AlertRule {
    /// The `alert` name.
    pub name: String,
    /// The rules file it is defined in.
    pub file: PathBuf,
    /// 1-based line of the `alert` value.
    pub line: usize,
    /// The group it belongs to (`groups[].name`), if named.
    pub group: Option<String>,
    /// `labels.service`, if set.
    pub service: Option<String>,
    /// `labels.severity`, if set.
    pub severity: Option<String>,
    /// `annotations.runbook_url`, if set.
    pub runbook_url: Option<String>,
    /// 1-based line of `runbook_url`, if set.
    pub runbook_url_line: Option<usize>,
}

/// The alerting rules read from one file and the problems found in it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RulesFile {
    /// Alerting rules in file order; recording rules are left out.
    pub alerts: Vec<AlertRule>,
    /// Why parts of the file could not be read, with lines.
    pub errors: Vec<InputError>,
}

/// Reads the alerting rules of a Prometheus rules file (`groups[].rules[]`),
/// or of a Kubernetes `PrometheusRule` object (`spec.groups[].rules[]`).
///
/// Never fails: malformed YAML gives one error with its line and no rules,
/// and a malformed group or rule is reported and skipped while the rest is
/// still read. Recording rules (`record` instead of `alert`) are ignored.
pub fn parse_rules(path: &Path, text: &str) -> RulesFile {
    let lines = LineIndex::new(text);
    let mut out = RulesFile::default();
    let error = |out: &mut RulesFile, offset: usize, message: String| {
        let position = lines.position(text, offset);
        out.errors.push(InputError {
            path: path.to_path_buf(),
            line: position.line,
            column: position.column,
            message,
        });
    };
    let root = match parse_yaml(text, RULES_LIMITS) {
        Ok(root) => root,
        Err(e) => {
            error(&mut out, e.span.start, e.message);
            return out;
        }
    };
    let groups = root
        .get("groups")
        .or_else(|| root.get("spec").and_then(|s| s.get("groups")));
    let Some(groups) = groups else {
        error(
            &mut out,
            root.span.start,
            "not a rules file: expected a top-level `groups` list".to_owned(),
        );
        return out;
    };
    let Some(groups) = groups.as_sequence() else {
        error(
            &mut out,
            groups.span.start,
            format!("`groups` must be a list, found {}", article(groups)),
        );
        return out;
    };
    for group in groups {
        let name = group.get("name").and_then(Node::as_str);
        let Some(rules) = group.get("rules") else {
            error(
                &mut out,
                group.span.start,
                "rule group has no `rules` list".to_owned(),
            );
            continue;
        };
        let Some(rules) = rules.as_sequence() else {
            error(
                &mut out,
                rules.span.start,
                format!("`rules` must be a list, found {}", article(rules)),
            );
            continue;
        };
        for rule in rules {
            match read_rule(rule, name) {
                Ok(Some((node, mut alert))) => {
                    alert.file = path.to_path_buf();
                    alert.line = lines.position(text, node.span.start).line;
                    alert.runbook_url_line = rule
                        .get("annotations")
                        .and_then(|a| a.get("runbook_url"))
                        .map(|u| lines.position(text, u.span.start).line);
                    out.alerts.push(alert);
                }
                Ok(None) => {}
                Err((offset, message)) => error(&mut out, offset, message),
            }
        }
    }
    out
}

/// One rule: `Some` for an alerting rule (with the node of its name), `None`
/// for a recording rule.
fn read_rule<'n>(
    rule: &'n Node,
    group: Option<&str>,
) -> Result<Option<(&'n Node, AlertRule)>, (usize, String)> {
    if rule.as_mapping().is_none() {
        return Err((
            rule.span.start,
            format!("a rule must be a mapping, found {}", article(rule)),
        ));
    }
    let Some(name_node) = rule.get("alert") else {
        if rule.get("record").is_some() {
            return Ok(None);
        }
        return Err((
            rule.span.start,
            "rule has neither `alert` nor `record`".to_owned(),
        ));
    };
    let name = name_node
        .as_str()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .ok_or_else(|| {
            (
                name_node.span.start,
                format!(
                    "`alert` must be a non-empty string, found {}",
                    article(name_node)
                ),
            )
        })?;
    let label = |key: &str| {
        rule.get("labels")
            .and_then(|l| l.get(key))
            .and_then(Node::as_str)
            .map(str::to_owned)
    };
    let runbook_url = rule
        .get("annotations")
        .and_then(|a| a.get("runbook_url"))
        .and_then(Node::as_str)
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .map(str::to_owned);
    Ok(Some((
        name_node,
        AlertRule {
            name: name.to_owned(),
            file: PathBuf::new(),
            line: 0,
            group: group.map(str::to_owned),
            service: label("service"),
            severity: label("severity"),
            runbook_url,
            runbook_url_line: None,
        },
    )))
}

/// "a string", "an array", ... for messages.
fn article(node: &Node) -> String {
    let name = node.type_name();
    if name.starts_with(['a', 'e', 'i', 'o', 'u']) {
        format!("an {name}")
    } else {
        format!("a {name}")
    }
}

#[cfg(test)]
#[expect(clippy::indexing_slicing, reason = "tests index known results")]
mod tests {
    use super::*;

    fn parse(text: &str) -> RulesFile {
        parse_rules(Path::new("rules.yaml"), text)
    }

    #[test]
    fn reads_alerts_and_skips_recording_rules() {
        let f = parse(
            r"groups:
- name: db
  rules:
  - record: job:up:sum
    expr: sum(up)
  - alert: DbDown
    expr: up == 0
    labels:
      service: db
      severity: critical
    annotations:
      runbook_url: https://example.com/db-down.html
",
        );
        assert!(f.errors.is_empty(), "{:?}", f.errors);
        assert_eq!(f.alerts.len(), 1);
        let a = &f.alerts[0];
        assert_eq!(a.name, "DbDown");
        assert_eq!(a.line, 6);
        assert_eq!(a.group.as_deref(), Some("db"));
        assert_eq!(a.service.as_deref(), Some("db"));
        assert_eq!(a.severity.as_deref(), Some("critical"));
        assert_eq!(
            a.runbook_url.as_deref(),
            Some("https://example.com/db-down.html")
        );
        assert_eq!(a.runbook_url_line, Some(12));
    }

    #[test]
    fn reads_prometheus_rule_objects() {
        let f = parse(
            r"apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
spec:
  groups:
  - name: x
    rules:
    - alert: A
",
        );
        assert_eq!(f.alerts.len(), 1);
        assert_eq!(f.alerts[0].line, 7);
    }

    #[test]
    fn syntax_errors_have_a_line() {
        let f = parse("groups:\n- name: x\n  rules: [\n");
        assert!(f.alerts.is_empty());
        assert_eq!(f.errors.len(), 1);
        assert!(
            f.errors[0].message.contains("invalid YAML"),
            "{:?}",
            f.errors
        );
        assert!(f.errors[0].line >= 3);
    }

    #[test]
    fn bad_rules_are_reported_and_the_rest_read() {
        let f = parse(
            r"groups:
- name: a
  rules:
  - alert: [not, a, string]
  - expr: up == 0
  - just text
  - alert: Good
- name: b
  rules: 3
- name: c
",
        );
        assert_eq!(f.alerts.len(), 1);
        assert_eq!(f.alerts[0].name, "Good");
        let lines: Vec<usize> = f.errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [4, 5, 6, 9, 10], "{:?}", f.errors);
        assert!(
            f.errors[3]
                .message
                .contains("`rules` must be a list, found an integer")
        );
    }

    #[test]
    fn files_that_are_not_rules_say_so() {
        let f = parse("- a\n- b\n");
        assert_eq!(f.errors.len(), 1);
        assert!(f.errors[0].message.contains("top-level `groups`"));
        let f = parse("groups: nope\n");
        assert_eq!(
            f.errors[0].message,
            "`groups` must be a list, found a string"
        );
    }

    #[test]
    fn alias_bombs_are_bounded() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            let items = vec![format!("*a{p}"); 10].join(", ");
            text += &[
                "a",
                &i.to_string(),
                ": &a",
                &i.to_string(),
                " [",
                &items,
                "]\n",
            ]
            .concat();
        }
        text.push_str("groups: []\n");
        let f = parse(&text);
        assert_eq!(f.errors.len(), 1);
        assert!(f.alerts.is_empty());
    }
}
