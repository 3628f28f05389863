//! The report's sections as titles, lines and tables, shared by the text
//! and Markdown renderers so both always say the same thing.

use std::fmt::Write as _;
use std::path::Path;

use super::GroupBy;
use super::table::{Align, Table};
use crate::model::{AlertCoverage, LinkStatus, Report, ReviewState, RunbookEntry};

/// One titled part of the report.
pub(super) struct Section {
    pub title: String,
    pub lines: Vec<String>,
    pub table: Option<Table>,
}

/// The label shown for runbooks without a `service`.
pub(super) fn sections(report: &Report, by: GroupBy) -> Vec<Section> {
    let mut out = vec![summary(report)];
    out.push(match by {
        GroupBy::Service => by_service(report),
        GroupBy::Owner => by_owner(report),
    });
    out.push(overdue(report));
    if !report.review.undated.is_empty() {
        out.push(undated(report));
    }
    if let Some(alerts) = &report.alerts {
        out.extend(alert_sections(alerts));
    }
    if !report.errors.is_empty() {
        out.push(Section {
            title: "Problems with input files".to_owned(),
            lines: report.errors.iter().map(ToString::to_string).collect(),
            table: None,
        });
    }
    out
}

/// `n` and the word for it: `1 runbook`, `2 runbooks`. Every count the
/// report, the site and the command line print in words goes through it.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A share from 0 to 1 as a whole percentage, e.g. `25%`.
pub fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

fn summary(report: &Report) -> Section {
    let s = &report.summary;
    let mut lines = vec![format!(
        "{}, {}, {}; reviews judged on {} (default interval {} days).",
        plural(s.runbooks, "runbook", "runbooks"),
        plural(s.services, "service", "services"),
        plural(s.owners, "owner", "owners"),
        report.today,
        report.review_max_age_days,
    )];
    let mut tf = format!("Truck factor: {}", s.truck_factor);
    if !s.truck_factor_owners.is_empty() {
        let _ = write!(
            tf,
            " (if {} left, more than half of the runbooks would have no owner)",
            s.truck_factor_owners.join(", ")
        );
    } else if s.runbooks > 0 {
        tf.push_str(" (more than half of the runbooks have no owner)");
    }
    tf.push('.');
    lines.push(tf);
    lines.push(format!(
        "Single-owner runbooks: {}; ownerless: {}.",
        s.single_owner_runbooks, s.ownerless_runbooks
    ));
    lines.push(format!(
        "Overdue for review: {}; missing or invalid review date: {}.",
        s.overdue_runbooks, s.undated_runbooks
    ));
    lines.push(format!(
        "Lint: {}, {}.",
        plural(s.lint_errors, "error", "errors"),
        plural(s.lint_warnings, "warning", "warnings")
    ));
    if let Some(a) = &report.alerts {
        lines.push(format!(
            "Alerts: {} in {}; {} covered, {} without a runbook, {}, {} not defined in any rules file.",
            a.total,
            plural(a.rules_files.len(), "rules file", "rules files"),
            a.covered,
            a.uncovered,
            plural(a.broken_links, "broken runbook_url", "broken runbook_urls"),
            plural(
                a.unknown_references.len(),
                "runbook alert name",
                "runbook alert names"
            ),
        ));
    }
    if !report.errors.is_empty() {
        lines.push(format!(
            "{} with input files (listed at the end).",
            plural(report.errors.len(), "problem", "problems")
        ));
    }
    Section {
        title: "Runbook report".to_owned(),
        lines,
        table: None,
    }
}

fn by_service(report: &Report) -> Section {
    let mut table = Table::new(&[
        ("SERVICE", Align::Left),
        ("RUNBOOKS", Align::Right),
        ("OWNERS", Align::Right),
        ("SINGLE-OWNER", Align::Right),
        ("NO OWNER", Align::Right),
        ("OVERDUE", Align::Right),
        ("ERRORS", Align::Right),
        ("WARNINGS", Align::Right),
        ("TRUCK FACTOR", Align::Right),
        ("KEY OWNERS", Align::Left),
    ]);
    for s in &report.services {
        table.row(vec![
            s.display_name().to_owned(),
            s.runbooks.to_string(),
            s.owners.to_string(),
            s.single_owner_runbooks.to_string(),
            s.ownerless_runbooks.to_string(),
            format!("{} ({})", s.overdue_runbooks, percent(s.overdue_share)),
            s.lint_errors.to_string(),
            s.lint_warnings.to_string(),
            s.truck_factor.to_string(),
            s.truck_factor_owners.join(", "),
        ]);
    }
    let lines = if table.is_empty() {
        vec!["No runbooks found.".to_owned()]
    } else {
        vec![
            "KEY OWNERS are the owners whose departure would leave more than half of the service's runbooks with no owner.".to_owned(),
        ]
    };
    Section {
        title: "By service".to_owned(),
        lines,
        table: (!table.is_empty()).then_some(table),
    }
}

fn by_owner(report: &Report) -> Section {
    let mut table = Table::new(&[
        ("OWNER", Align::Left),
        ("RUNBOOKS", Align::Right),
        ("SOLE OWNER OF", Align::Right),
        ("SERVICES", Align::Left),
    ]);
    for o in &report.owners {
        table.row(vec![
            o.name.clone(),
            o.runbooks.to_string(),
            o.sole_runbooks.to_string(),
            o.services.join(", "),
        ]);
    }
    let lines = if table.is_empty() {
        vec!["No runbook names an owner.".to_owned()]
    } else {
        Vec::new()
    };
    Section {
        title: "By owner".to_owned(),
        lines,
        table: (!table.is_empty()).then_some(table),
    }
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

fn service_of(entry: &RunbookEntry) -> String {
    entry
        .service
        .clone()
        .unwrap_or_else(|| crate::model::NO_SERVICE.to_owned())
}

fn overdue(report: &Report) -> Section {
    let mut table = Table::new(&[
        ("RUNBOOK", Align::Left),
        ("SERVICE", Align::Left),
        ("SEVERITY", Align::Left),
        ("LAST REVIEWED", Align::Left),
        ("DUE", Align::Left),
        ("DAYS OVERDUE", Align::Right),
        ("OWNERS", Align::Left),
    ]);
    for r in &report.review.overdue {
        table.row(vec![
            display(&r.path),
            service_of(r),
            r.severity.clone().unwrap_or_default(),
            r.last_reviewed.clone().unwrap_or_default(),
            r.review_due.clone().unwrap_or_default(),
            r.days_overdue.to_string(),
            owners_cell(r),
        ]);
    }
    let lines = if table.is_empty() {
        vec!["No runbook is overdue for review.".to_owned()]
    } else {
        Vec::new()
    };
    Section {
        title: "Overdue for review (most severe first, then longest overdue)".to_owned(),
        lines,
        table: (!table.is_empty()).then_some(table),
    }
}

fn owners_cell(r: &RunbookEntry) -> String {
    if r.owners.is_empty() {
        "(none)".to_owned()
    } else {
        r.owners.join(", ")
    }
}

fn undated(report: &Report) -> Section {
    let mut table = Table::new(&[
        ("RUNBOOK", Align::Left),
        ("SERVICE", Align::Left),
        ("LAST REVIEWED", Align::Left),
        ("OWNERS", Align::Left),
    ]);
    for r in &report.review.undated {
        table.row(vec![
            display(&r.path),
            service_of(r),
            match (&r.last_reviewed, r.review) {
                (None, _) => "(missing)".to_owned(),
                (Some(v), ReviewState::Future) => format!("{v} (in the future)"),
                (Some(v), _) => format!("{v} (not a date)"),
            },
            owners_cell(r),
        ]);
    }
    Section {
        title: "Missing, invalid or future review date".to_owned(),
        lines: Vec::new(),
        table: Some(table),
    }
}

fn alert_sections(alerts: &AlertCoverage) -> Vec<Section> {
    let mut uncovered = Table::new(&[
        ("ALERT", Align::Left),
        ("SERVICE", Align::Left),
        ("SEVERITY", Align::Left),
        ("DEFINED AT", Align::Left),
        ("RUNBOOK URL", Align::Left),
    ]);
    let mut broken = Table::new(&[
        ("ALERT", Align::Left),
        ("RUNBOOK URL", Align::Left),
        ("DEFINED AT", Align::Left),
    ]);
    for a in &alerts.alerts {
        let rule = &a.rule;
        if !a.covered {
            uncovered.row(vec![
                rule.name.clone(),
                rule.service.clone().unwrap_or_default(),
                rule.severity.clone().unwrap_or_default(),
                format!("{}:{}", display(&rule.file), rule.line),
                rule.runbook_url.clone().unwrap_or_default(),
            ]);
        }
        if a.link == LinkStatus::Broken {
            broken.row(vec![
                rule.name.clone(),
                rule.runbook_url.clone().unwrap_or_default(),
                format!(
                    "{}:{}",
                    display(&rule.file),
                    rule.runbook_url_line.unwrap_or(rule.line)
                ),
            ]);
        }
    }
    let mut unknown = Table::new(&[("RUNBOOK", Align::Left), ("ALERT", Align::Left)]);
    for u in &alerts.unknown_references {
        unknown.row(vec![
            format!("{}:{}", display(&u.runbook), u.line),
            u.alert.clone(),
        ]);
    }
    vec![
        titled(
            "Alerts without a runbook",
            uncovered,
            "Every alert has a runbook.",
        ),
        titled(
            "Broken runbook_url",
            broken,
            "Every runbook_url points at a runbook.",
        ),
        titled(
            "Runbook alerts not defined in any rules file",
            unknown,
            "Every alert a runbook names is defined.",
        ),
    ]
}

fn titled(title: &str, table: Table, when_empty: &str) -> Section {
    Section {
        title: title.to_owned(),
        lines: if table.is_empty() {
            vec![when_empty.to_owned()]
        } else {
            Vec::new()
        },
        table: (!table.is_empty()).then_some(table),
    }
}
