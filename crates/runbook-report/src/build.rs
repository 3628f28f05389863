//! Building a [`Report`] from parsed runbooks, lint counts and rule files.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use jiff::civil::Date;
use runbook_parse::review::DEFAULT_MAX_AGE_DAYS;
use runbook_parse::{Document, Review, ReviewStatus, SeverityScale};

use crate::alerts::{self, RulesFile, parse_rules};
use crate::error::InputError;
use crate::model::{
    AlertCoverage, LinkStatus, LintCounts, OwnerStats, Report, ReviewHealth, ReviewState,
    RunbookEntry, SCHEMA_VERSION, ServiceStats, Summary,
};
use crate::owners::{display_owner, normalize_owner};
use crate::truck_factor::truck_factor;

/// One runbook to report on: the parsed document, its lint counts and its review.
#[derive(Debug, Clone)]
pub struct Runbook<'a> {
    /// The parsed runbook.
    pub document: &'a Document,
    /// Its lint findings, counted by the caller.
    pub lint: LintCounts,
    /// Where its review stands ([`Review::of`] with the configured maximum
    /// age that applies to it).
    pub review: Review,
}

/// One alerting rules file: its path and its text, or why it could not be
/// read.
#[derive(Debug, Clone)]
pub struct RulesSource {
    /// The file, as given.
    pub path: PathBuf,
    /// Its text, or the read error's message.
    pub text: Result<String, String>,
}

/// What the report is judged against.
#[derive(Debug, Clone)]
pub struct Options {
    /// The date reviews are judged against.
    pub today: Date,
    /// The review interval for runbooks that set none, in days
    /// (`[review] max_age_days`).
    pub review_max_age_days: u32,
    /// The collection roots, for resolving relative `runbook_url`s.
    pub roots: Vec<PathBuf>,
    /// The severity vocabulary (`[severity] levels`) that ranks runbooks.
    pub severity: SeverityScale,
}

impl Options {
    /// Options for `today` with the default review interval and no roots.
    pub fn new(today: Date) -> Self {
        Self {
            today,
            review_max_age_days: DEFAULT_MAX_AGE_DAYS,
            roots: Vec::new(),
            severity: SeverityScale::standard(),
        }
    }
}

/// A runbook with its owners normalised, while the report is built.
struct Row<'a> {
    entry: RunbookEntry,
    /// Normalised owner keys, distinct, in order of appearance.
    keys: Vec<String>,
    doc: &'a Document,
}

/// Builds the report. Alert coverage is computed only when `rules` is not
/// empty; a rules file that is unreadable or malformed becomes an entry of
/// [`Report::errors`] and the rest of the report is still built.
pub fn build(runbooks: &[Runbook<'_>], rules: &[RulesSource], options: &Options) -> Report {
    let mut rows: Vec<Row<'_>> = runbooks.iter().map(|r| row(r, &options.severity)).collect();
    rows.sort_by(|a, b| a.entry.path.cmp(&b.entry.path));
    let display = display_names(&rows);
    let services = services(&rows, &display);
    let owners = owners(&rows, &display);
    let all: Vec<Vec<&str>> = rows.iter().map(owner_keys).collect();
    let tf = truck_factor(&all);
    let mut errors = Vec::new();
    let alerts = (!rules.is_empty()).then(|| alert_coverage(&rows, rules, options, &mut errors));
    let summary = Summary {
        runbooks: rows.len(),
        services: services.iter().filter(|s| s.name.is_some()).count(),
        owners: owners.len(),
        truck_factor: tf.value,
        truck_factor_owners: names(&tf.removed, &display),
        single_owner_runbooks: rows.iter().filter(|r| r.keys.len() == 1).count(),
        ownerless_runbooks: rows.iter().filter(|r| r.keys.is_empty()).count(),
        overdue_runbooks: count_state(&rows, |s| s == ReviewState::Overdue),
        undated_runbooks: count_state(&rows, is_undated),
        lint_errors: rows.iter().map(|r| r.entry.lint_errors).sum(),
        lint_warnings: rows.iter().map(|r| r.entry.lint_warnings).sum(),
    };
    let mut overdue: Vec<RunbookEntry> = rows
        .iter()
        .filter(|r| r.entry.review == ReviewState::Overdue)
        .map(|r| r.entry.clone())
        .collect();
    // The most severe first: an overdue sev-1 runbook matters more than a
    // long-overdue low one.
    overdue.sort_by(|a, b| {
        (a.severity_rank.is_none(), a.severity_rank)
            .cmp(&(b.severity_rank.is_none(), b.severity_rank))
            .then_with(|| b.days_overdue.cmp(&a.days_overdue))
            .then_with(|| a.path.cmp(&b.path))
    });
    let undated = rows
        .iter()
        .filter(|r| is_undated(r.entry.review))
        .map(|r| r.entry.clone())
        .collect();
    Report {
        schema_version: SCHEMA_VERSION,
        today: options.today.to_string(),
        review_max_age_days: i64::from(options.review_max_age_days),
        summary,
        services,
        owners,
        runbooks: rows.into_iter().map(|r| r.entry).collect(),
        review: ReviewHealth { overdue, undated },
        alerts,
        errors,
    }
}

fn is_undated(state: ReviewState) -> bool {
    matches!(
        state,
        ReviewState::Missing | ReviewState::Invalid | ReviewState::Future
    )
}

fn count_state(rows: &[Row<'_>], f: impl Fn(ReviewState) -> bool) -> usize {
    rows.iter().filter(|r| f(r.entry.review)).count()
}

fn owner_keys<'r>(row: &'r Row<'_>) -> Vec<&'r str> {
    row.keys.iter().map(String::as_str).collect()
}

fn row<'a>(runbook: &Runbook<'a>, scale: &SeverityScale) -> Row<'a> {
    let doc = runbook.document;
    let meta = &doc.metadata;
    let mut keys: Vec<String> = Vec::new();
    let mut owners = Vec::new();
    for owner in &meta.owners {
        if let Some(key) = normalize_owner(&owner.value)
            && !keys.contains(&key)
        {
            keys.push(key);
            owners.push(display_owner(&owner.value));
        }
    }
    let last_reviewed = meta.last_reviewed.as_ref().map(|s| s.value.clone());
    let interval = runbook.review.interval_days;
    let (review, review_due, days_overdue) = match &runbook.review.status {
        ReviewStatus::Missing => (ReviewState::Missing, None, 0),
        ReviewStatus::Invalid(_) => (ReviewState::Invalid, None, 0),
        ReviewStatus::Future { .. } => (ReviewState::Future, None, 0),
        ReviewStatus::Current { due, .. } => (ReviewState::Current, due.map(|d| d.to_string()), 0),
        ReviewStatus::Overdue {
            due, days_overdue, ..
        } => (ReviewState::Overdue, Some(due.to_string()), *days_overdue),
    };
    Row {
        entry: RunbookEntry {
            path: doc.path.clone(),
            title: doc.title().map(str::to_owned),
            service: service_of(doc),
            owners,
            last_reviewed,
            review_interval_days: interval,
            review_due,
            days_overdue,
            review,
            lint_errors: runbook.lint.errors,
            lint_warnings: runbook.lint.warnings,
            severity: meta.severity.as_ref().map(|s| s.value.clone()),
            severity_rank: scale.of(meta).map(runbook_parse::SeverityRank::position),
        },
        keys,
        doc,
    }
}

/// The service: front-matter `service`, or what the layout gives.
fn service_of(doc: &Document) -> Option<String> {
    doc.service().map(str::to_owned)
}

/// The display name of each owner key: its first spelling in path order.
fn display_names(rows: &[Row<'_>]) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for row in rows {
        for (key, name) in row.keys.iter().zip(&row.entry.owners) {
            out.entry(key.clone()).or_insert_with(|| name.clone());
        }
    }
    out
}

fn names(keys: &[String], display: &BTreeMap<String, String>) -> Vec<String> {
    keys.iter()
        .map(|k| display.get(k).cloned().unwrap_or_else(|| k.clone()))
        .collect()
}

fn services(rows: &[Row<'_>], display: &BTreeMap<String, String>) -> Vec<ServiceStats> {
    let mut groups: BTreeMap<Option<&str>, Vec<&Row<'_>>> = BTreeMap::new();
    for row in rows {
        groups
            .entry(row.entry.service.as_deref())
            .or_default()
            .push(row);
    }
    let mut out: Vec<ServiceStats> = groups
        .into_iter()
        .map(|(name, rows)| {
            let keys: Vec<Vec<&str>> = rows.iter().map(|r| owner_keys(r)).collect();
            let tf = truck_factor(&keys);
            let distinct: BTreeSet<&str> = keys.iter().flatten().copied().collect();
            let overdue = rows
                .iter()
                .filter(|r| r.entry.review == ReviewState::Overdue)
                .count();
            ServiceStats {
                name: name.map(str::to_owned),
                runbooks: rows.len(),
                owners: distinct.len(),
                single_owner_runbooks: rows.iter().filter(|r| r.keys.len() == 1).count(),
                ownerless_runbooks: rows.iter().filter(|r| r.keys.is_empty()).count(),
                overdue_runbooks: overdue,
                overdue_share: share(overdue, rows.len()),
                undated_runbooks: rows.iter().filter(|r| is_undated(r.entry.review)).count(),
                lint_errors: rows.iter().map(|r| r.entry.lint_errors).sum(),
                lint_warnings: rows.iter().map(|r| r.entry.lint_warnings).sum(),
                truck_factor: tf.value,
                truck_factor_owners: names(&tf.removed, display),
                runbook_paths: rows.iter().map(|r| r.entry.path.clone()).collect(),
            }
        })
        .collect();
    // `None` sorts first in the map; runbooks without a service go last.
    out.sort_by_key(|s| s.name.is_none());
    out
}

#[expect(
    clippy::cast_precision_loss,
    reason = "runbook counts are far below 2^52"
)]
fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

fn owners(rows: &[Row<'_>], display: &BTreeMap<String, String>) -> Vec<OwnerStats> {
    let mut by_key: BTreeMap<&str, OwnerStats> = BTreeMap::new();
    for row in rows {
        for (key, name) in row.keys.iter().zip(&row.entry.owners) {
            let stats = by_key.entry(key).or_insert_with(|| OwnerStats {
                name: display.get(key).cloned().unwrap_or_else(|| name.clone()),
                key: key.clone(),
                spellings: Vec::new(),
                runbooks: 0,
                sole_runbooks: 0,
                services: Vec::new(),
                runbook_paths: Vec::new(),
                sole_runbook_paths: Vec::new(),
            });
            stats.runbooks += 1;
            stats.runbook_paths.push(row.entry.path.clone());
            if row.keys.len() == 1 {
                stats.sole_runbooks += 1;
                stats.sole_runbook_paths.push(row.entry.path.clone());
            }
            if let Some(service) = &row.entry.service
                && !stats.services.contains(service)
            {
                stats.services.push(service.clone());
            }
        }
        // Spellings come from the raw front-matter, before collapsing
        // duplicates, so every variant a team wrote is visible.
        for owner in &row.doc.metadata.owners {
            if let Some(key) = normalize_owner(&owner.value)
                && let Some(stats) = by_key.get_mut(key.as_str())
            {
                let spelling = display_owner(&owner.value);
                if !stats.spellings.contains(&spelling) {
                    stats.spellings.push(spelling);
                }
            }
        }
    }
    let mut out: Vec<OwnerStats> = by_key.into_values().collect();
    for stats in &mut out {
        stats.services.sort();
    }
    out.sort_by(|a, b| {
        b.runbooks
            .cmp(&a.runbooks)
            .then_with(|| b.sole_runbooks.cmp(&a.sole_runbooks))
            .then_with(|| a.key.cmp(&b.key))
    });
    out
}

fn alert_coverage(
    rows: &[Row<'_>],
    rules: &[RulesSource],
    options: &Options,
    errors: &mut Vec<InputError>,
) -> AlertCoverage {
    let mut all = Vec::new();
    for source in rules {
        let file = match &source.text {
            Ok(text) => parse_rules(&source.path, text),
            Err(message) => RulesFile {
                alerts: Vec::new(),
                errors: vec![InputError {
                    path: source.path.clone(),
                    line: 1,
                    column: 1,
                    message: message.clone(),
                }],
            },
        };
        all.extend(file.alerts);
        errors.extend(file.errors);
    }
    let refs: Vec<alerts::RunbookRef<'_>> = rows
        .iter()
        .map(|r| alerts::RunbookRef {
            path: &r.entry.path,
            id: r.doc.metadata.id.as_ref().map(|s| s.value.as_str()),
            alerts: r
                .doc
                .metadata
                .alerts
                .iter()
                .map(|a| (a.value.trim(), r.doc.position(a.span.start).line))
                .collect(),
        })
        .collect();
    let (statuses, unknown) = alerts::coverage(&all, &refs, &options.roots);
    AlertCoverage {
        rules_files: rules.iter().map(|r| r.path.clone()).collect(),
        total: statuses.len(),
        covered: statuses.iter().filter(|s| s.covered).count(),
        uncovered: statuses.iter().filter(|s| !s.covered).count(),
        broken_links: statuses
            .iter()
            .filter(|s| s.link == LinkStatus::Broken)
            .count(),
        alerts: statuses,
        unknown_references: unknown,
    }
}
