//! Checking a runbook against the requirements of its configuration
//! (`[[require]]` and the preset's): which apply, and what each lacks.
//! The `unmet-requirement` rule reports the gaps; the CLI shows the same
//! checks in `runbook config --show` and on the site's runbook pages.

use std::collections::BTreeSet;

use jiff::civil::Date;
use runbook_parse::front_matter::Value;
use runbook_parse::{Document, Review, ReviewStatus, SeverityScale, Span};

use crate::config::{Config, Requirement, When};

/// A requirement with its path globs compiled.
#[derive(Debug)]
pub(crate) struct Compiled {
    requirement: Requirement,
    paths: Option<globset::GlobSet>,
}

/// Compiles every requirement of `config` (the preset's and the file's).
pub(crate) fn compile(config: &Config) -> Vec<Compiled> {
    config
        .requirements()
        .into_iter()
        .map(|requirement| Compiled {
            paths: crate::config::globs(&requirement.when.paths),
            requirement,
        })
        .collect()
}

/// How one requirement stands for one runbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequirementCheck {
    /// How messages name the requirement (`requirement `critical-db``,
    /// `[[require]] #2`, `preset `strict` requirement `highest-severity``).
    pub label: String,
    /// Its `when`, in words (`severity >= high, status active`).
    pub condition: String,
    /// What it asks for, in words (`escalation section, 2 owners`).
    pub asks: String,
    /// Whether the runbook matches `when`.
    pub applies: bool,
    /// Why: the conditions as the runbook meets them (`severity `sev1` >=
    /// high`) when it applies, else the first condition it misses.
    pub why: String,
    /// What the runbook lacks; empty when the requirement holds or does
    /// not apply.
    pub unmet: Vec<Unmet>,
}

impl RequirementCheck {
    /// Whether it applies and the runbook meets it.
    pub fn holds(&self) -> bool {
        self.applies && self.unmet.is_empty()
    }
}

/// One thing a requirement asks for that a runbook lacks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmet {
    /// Where to point: the front-matter key, or the title.
    pub span: Span,
    /// What is missing, e.g. "no rollback section".
    pub message: String,
    /// What to do about it.
    pub help: String,
}

/// Judges `doc` against every requirement.
pub(crate) fn check(
    doc: &Document,
    config: &Config,
    requirements: &[Compiled],
    today: Date,
) -> Vec<RequirementCheck> {
    requirements
        .iter()
        .map(|c| {
            let r = &c.requirement;
            let (applies, why) = match matched(doc, &config.severity, c) {
                Ok(met) => (true, met),
                Err(missed) => (false, missed),
            };
            RequirementCheck {
                label: r.label(),
                condition: describe_when(&r.when),
                asks: describe_asks(r),
                applies,
                why,
                unmet: if applies {
                    unmet(doc, config, r, today)
                } else {
                    Vec::new()
                },
            }
        })
        .collect()
}

/// What `doc` lacks of the requirements that apply to it, each gap with
/// the requirement's label and why it applies: what `unmet-requirement`
/// reports. Cheaper than [`check`], which also describes the requirements
/// that do not apply.
pub(crate) fn gaps(
    doc: &Document,
    config: &Config,
    requirements: &[Compiled],
    today: Date,
) -> Vec<(String, String, Unmet)> {
    let mut out = Vec::new();
    for c in requirements {
        let Ok(why) = matched(doc, &config.severity, c) else {
            continue;
        };
        let unmet = unmet(doc, config, &c.requirement, today);
        if unmet.is_empty() {
            continue;
        }
        let label = c.requirement.label();
        out.extend(unmet.into_iter().map(|u| (label.clone(), why.clone(), u)));
    }
    out
}

/// The conditions `doc` meets, in words, or the first it misses.
fn matched(doc: &Document, scale: &SeverityScale, c: &Compiled) -> Result<String, String> {
    let when = &c.requirement.when;
    let meta = &doc.metadata;
    let mut met = Vec::new();
    if let Some(bound) = &when.severity {
        let written = meta.severity.as_ref().map(|s| s.value.as_str());
        match (written, scale.of(meta)) {
            (Some(value), Some(rank)) if bound.holds(scale, rank) => {
                met.push(format!("severity `{value}` is {}", bound.phrase()));
            }
            (Some(value), _) => {
                return Err(format!("severity `{value}` is not {}", bound.phrase()));
            }
            (None, _) => return Err(format!("no severity (asked: {bound})")),
        }
    }
    let one_of = |key: &str, value: Option<&str>, allowed: &[String]| match value {
        Some(v) if allowed.iter().any(|a| a.eq_ignore_ascii_case(v.trim())) => {
            Ok(format!("{key} `{v}`"))
        }
        Some(v) => Err(format!("{key} `{v}` is not {}", list(allowed))),
        None => Err(format!("no {key} (asked: {})", list(allowed))),
    };
    if !when.status.is_empty() {
        let status = meta.status.as_ref().map(|s| s.value.as_str());
        met.push(one_of("status", status, &when.status)?);
    }
    if !when.service.is_empty() {
        let service = meta.service.as_ref().map(|s| s.value.as_str());
        met.push(one_of("service", service, &when.service)?);
    }
    let tags: BTreeSet<String> = meta.tags.iter().map(|t| t.value.to_lowercase()).collect();
    let has = |tag: &String| tags.contains(&tag.to_lowercase());
    if !when.tags_any.is_empty() {
        match when.tags_any.iter().find(|t| has(t)) {
            Some(tag) => met.push(format!("tag `{tag}`")),
            None => return Err(format!("no tag of {}", list(&when.tags_any))),
        }
    }
    if !when.tags_all.is_empty() {
        match when.tags_all.iter().find(|t| !has(t)) {
            Some(missing) => return Err(format!("no tag `{missing}`")),
            None => met.push(format!("tags {}", list_all(&when.tags_all))),
        }
    }
    if !when.paths.is_empty() {
        let path = crate::config::normalize(&doc.path);
        if !c.paths.as_ref().is_some_and(|set| set.is_match(&path)) {
            return Err(format!(
                "path `{path}` matches none of {}",
                list(&when.paths)
            ));
        }
        met.push(format!("path `{path}`"));
    }
    if met.is_empty() {
        met.push("every runbook".to_owned());
    }
    Ok(met.join(", "))
}

/// What `doc` lacks of what `r` asks.
fn unmet(doc: &Document, config: &Config, r: &Requirement, today: Date) -> Vec<Unmet> {
    let meta = &doc.metadata;
    let title = crate::rule::file_span(doc);
    let key_span = |key: &str| {
        doc.front_matter
            .as_ref()
            .and_then(|fm| fm.entry(key))
            .map_or(title, |e| e.key_span)
    };
    let mut out = Vec::new();
    for section in &r.sections {
        if !doc.has_section(section.kind) {
            out.push(Unmet {
                span: title,
                message: format!("no {} section", section.name),
                help: format!("add a `## {}` section", capitalized(&section.name)),
            });
        }
    }
    if let Some(min) = r.min_owners {
        let owners: BTreeSet<String> = meta
            .owners
            .iter()
            .map(|o| o.value.trim().to_lowercase())
            .filter(|o| !o.is_empty())
            .collect();
        if owners.len() < usize::try_from(min).unwrap_or(usize::MAX) {
            let have = match owners.len() {
                0 => "no owners".to_owned(),
                1 => "1 owner".to_owned(),
                n => format!("{n} owners"),
            };
            out.push(Unmet {
                span: key_span("owners"),
                message: format!("{have}, {min} required"),
                help: "add owners to `owners`, such as a team handle that outlives any one person"
                    .to_owned(),
            });
        }
    }
    if let Some(limit) = r.max_review_age_days {
        let review = Review::at_most(meta, today, config.max_age_days(), limit);
        let span = meta.last_reviewed.as_ref().map_or(title, |l| l.span);
        let message = match review.status {
            ReviewStatus::Current { .. } => None,
            ReviewStatus::Overdue { reviewed, .. } => Some(format!(
                "last reviewed {} days ago, more than the {} days allowed",
                runbook_parse::review::days_between(reviewed, today),
                review.interval_days
            )),
            ReviewStatus::Future { reviewed } => {
                Some(format!("`last_reviewed` {reviewed} is in the future"))
            }
            ReviewStatus::Missing => Some(format!(
                "no `last_reviewed`, and a review is required every {limit} days"
            )),
            ReviewStatus::Invalid(text) => Some(format!("`last_reviewed` `{text}` is not a date")),
        };
        if let Some(message) = message {
            out.push(Unmet {
                span,
                message,
                help: "walk through the runbook and set `last_reviewed` to today's date".to_owned(),
            });
        }
    }
    for key in &r.keys {
        let is_set = doc
            .front_matter
            .as_ref()
            .and_then(|fm| fm.get(key))
            .is_some_and(|node| match &node.value {
                Value::Null => false,
                Value::String(s) => !s.trim().is_empty(),
                Value::Sequence(items) => !items.is_empty(),
                Value::Mapping(entries) => !entries.is_empty(),
                Value::Bool(_) | Value::Integer(_) | Value::Float(_) => true,
            });
        if !is_set {
            out.push(Unmet {
                span: key_span(key),
                message: format!("no `{key}` in the front-matter"),
                help: format!("set `{key}` in the front-matter"),
            });
        }
    }
    out
}

/// `when` in words.
fn describe_when(when: &When) -> String {
    let mut parts = Vec::new();
    if let Some(bound) = &when.severity {
        parts.push(format!("severity {bound}"));
    }
    if !when.status.is_empty() {
        parts.push(format!("status {}", list(&when.status)));
    }
    if !when.service.is_empty() {
        parts.push(format!("service {}", list(&when.service)));
    }
    if !when.tags_any.is_empty() {
        parts.push(format!("any tag of {}", list(&when.tags_any)));
    }
    if !when.tags_all.is_empty() {
        parts.push(format!("tags {}", list_all(&when.tags_all)));
    }
    if !when.paths.is_empty() {
        parts.push(format!("path {}", list(&when.paths)));
    }
    if parts.is_empty() {
        "every runbook".to_owned()
    } else {
        parts.join(", ")
    }
}

/// What `r` asks for, in words.
fn describe_asks(r: &Requirement) -> String {
    let mut parts: Vec<String> = r
        .sections
        .iter()
        .map(|s| format!("{} section", s.name))
        .collect();
    if let Some(n) = r.min_owners {
        parts.push(format!("{n} owners"));
    }
    if let Some(days) = r.max_review_age_days {
        parts.push(format!("a review within {days} days"));
    }
    parts.extend(r.keys.iter().map(|k| format!("`{k}`")));
    parts.join(", ")
}

/// `a`, `b` or `c`, each in backticks.
fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("`{i}`")).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [first @ .., last] => format!("{} or {last}", first.join(", ")),
    }
}

/// `a`, `b` and `c`, each in backticks.
fn list_all(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("`{i}`")).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [first @ .., last] => format!("{} and {last}", first.join(", ")),
    }
}

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

#[cfg(test)]
#[expect(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]
mod tests {
    use crate::{Config, Linter};

    fn checks(toml: &str, path: &str, markdown: &str) -> Vec<super::RequirementCheck> {
        let mut config = Config::from_toml(toml).unwrap();
        config.today = Some(jiff::civil::date(2026, 12, 1));
        let linter = Linter::new(config);
        let doc = runbook_parse::parse_str(path, markdown, linter.parse_options());
        linter.requirements(&doc)
    }

    const DB: &str = "[[require]]\nname = \"db\"\nwhen = { severity = \">= high\", status = \"active\", service = [\"db\", \"cache\"], tags = { any = [\"pci\", \"sox\"], all = [\"prod\"] }, paths = [\"**/db/**\"] }\nsections = [\"rollback\", \"escalation\"]\nmin_owners = 2\nmax_review_age_days = 30\nkeys = [\"alerts\"]\n";

    #[test]
    fn a_matching_runbook_gets_every_gap() {
        let md = "---\nseverity: SEV1\nstatus: active\nservice: db\ntags: [prod, PCI]\nowners: [a, A]\nlast_reviewed: 2026-10-01\nreview_interval_days: 365\n---\n# Failover\n## Rollback\nx\n";
        let all = checks(DB, "ops/db/failover.md", md);
        // The strict preset's `highest-severity`, then `db`.
        assert_eq!(all.len(), 2);
        let db = &all[1];
        assert!(db.applies);
        assert_eq!(
            db.why,
            "severity `SEV1` is >= high, status `active`, service `db`, tag `pci`, tags `prod`, path `ops/db/failover.md`"
        );
        let gaps: Vec<&str> = db.unmet.iter().map(|u| u.message.as_str()).collect();
        assert_eq!(
            gaps,
            [
                "no escalation section",
                "1 owner, 2 required",
                "last reviewed 61 days ago, more than the 30 days allowed",
                "no `alerts` in the front-matter",
            ]
        );
        assert!(!db.holds());
        assert_eq!(db.label, "requirement `db`");
        assert_eq!(
            db.condition,
            "severity >= high, status `active`, service `db` or `cache`, any tag of `pci` or `sox`, tags `prod`, path `**/db/**`"
        );
        assert_eq!(
            db.asks,
            "rollback section, escalation section, 2 owners, a review within 30 days, `alerts`"
        );
    }

    #[test]
    fn each_condition_can_exclude_a_runbook() {
        let base = "severity: high\nstatus: active\nservice: db\ntags: [prod, pci]";
        let why = |replace: (&str, &str), path: &str| {
            let fm = base.replace(replace.0, replace.1);
            let md = format!("---\n{fm}\n---\n# X\n");
            let all = checks(DB, path, &md);
            assert!(!all[1].applies);
            all[1].why.clone()
        };
        assert_eq!(
            why(("high", "low"), "db/x.md"),
            "severity `low` is not >= high"
        );
        assert_eq!(
            why(("severity: high\n", ""), "db/x.md"),
            "no severity (asked: >= high)"
        );
        assert_eq!(
            why(("active", "draft"), "db/x.md"),
            "status `draft` is not `active`"
        );
        assert_eq!(
            why(("service: db", "service: web"), "db/x.md"),
            "service `web` is not `db` or `cache`"
        );
        assert_eq!(why(("pci", "x"), "db/x.md"), "no tag of `pci` or `sox`");
        assert_eq!(why(("prod", "x"), "db/x.md"), "no tag `prod`");
        assert_eq!(
            why(("x", "x"), "web/x.md"),
            "path `web/x.md` matches none of `**/db/**`"
        );
    }

    #[test]
    fn a_met_requirement_holds_and_review_goes_through_the_review_policy() {
        let toml = "[[require]]\nwhen = { severity = \"highest\" }\nmax_review_age_days = 90\nmin_owners = 2\n";
        let md = "---\nseverity: page\nowners: [a, b]\nlast_reviewed: 2026-11-01\n---\n# X\n## Escalation\nPage the DBA.\n";
        let all = checks(toml, "x.md", md);
        assert!(all.iter().all(super::RequirementCheck::holds), "{all:#?}");
        let missing = checks(
            toml,
            "x.md",
            "---\nseverity: sev0\nowners: [a, b]\n---\n# X\n## Escalation\nx\n",
        );
        assert_eq!(
            missing[1].unmet[0].message,
            "no `last_reviewed`, and a review is required every 90 days"
        );
        let low = checks(toml, "x.md", "---\nseverity: high\n---\n# X\n");
        assert!(low.iter().all(|c| !c.applies));
    }
}
