//! The index: every runbook grouped by service, with filters and search.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::{Collection, Entry};
use crate::model::SiteFile;
use crate::template::{self, escape};

/// Renders `index.html`.
pub(crate) fn render(collection: &Collection<'_>) -> SiteFile {
    let linker = collection.linker("index.html");
    let entries = &collection.entries;
    let mut services = BTreeSet::new();
    let mut tags = BTreeSet::new();
    // Filter choices by rank, most severe first, each labelled with the
    // values written at that rank (`SEV1 / critical`).
    let mut severities: BTreeMap<(u16, String), Vec<&str>> = BTreeMap::new();
    let mut statuses = BTreeSet::new();
    let mut alerts = 0;
    for e in entries {
        services.insert(e.service.as_str());
        tags.extend(e.tags.iter().map(String::as_str));
        let value = e.severity();
        if !value.is_empty() {
            let order = e.severity_level.map_or(u16::MAX, |l| u16::from(l.rank));
            let labels = severities.entry((order, e.severity_key())).or_default();
            if !labels.iter().any(|l| l.eq_ignore_ascii_case(value)) {
                labels.push(value);
            }
        }
        statuses.insert(e.status());
        alerts += e.alerts.len();
    }
    let stale = entries
        .iter()
        .filter(|e| e.review.needs_attention())
        .count();
    let stats = format!(
        "{} runbooks · {} services · {} alerts mapped · {} overdue for review",
        entries.len(),
        services.iter().filter(|s| !s.is_empty()).count(),
        alerts,
        stale
    );
    let mut groups = String::new();
    let mut start = 0;
    while let Some(first) = entries.get(start) {
        let len = entries.get(start..).map_or(0, |rest| {
            rest.iter()
                .take_while(|e| e.service == first.service)
                .count()
        });
        let group = entries.get(start..start + len).unwrap_or(&[]);
        service_group(&mut groups, &first.service, group, &linker);
        start += len.max(1);
    }
    if entries.is_empty() {
        groups.push_str("<p class=\"empty\">No runbooks found.</p>");
    }
    let content = template::fill(
        template::INDEX,
        &[
            ("site_title", &escape(&collection.input.options.title)),
            ("stats", &stats),
            ("service_options", &options(services.iter().copied())),
            ("tag_options", &options(tags.iter().copied())),
            ("severity_options", &severity_options(&severities)),
            ("status_options", &options(statuses.iter().copied())),
            ("groups", &groups),
        ],
    );
    collection.layout("index.html", "", "page-index", "", &content)
}

fn options<'a>(values: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for v in values.filter(|v| !v.is_empty()) {
        let v = escape(v);
        let _ = write!(out, "<option value=\"{v}\">{v}</option>");
    }
    out
}

fn severity_options(severities: &BTreeMap<(u16, String), Vec<&str>>) -> String {
    let mut out = String::new();
    for ((_, key), labels) in severities {
        let mut labels = labels.clone();
        labels.sort_by_key(|l| l.to_lowercase());
        let _ = write!(
            out,
            "<option value=\"{}\">{}</option>",
            escape(key),
            escape(&labels.join(" / "))
        );
    }
    out
}

fn service_group(
    out: &mut String,
    service: &str,
    group: &[Entry],
    linker: &crate::links::Linker<'_>,
) {
    let name = if service.is_empty() {
        "No service"
    } else {
        service
    };
    let _ = write!(
        out,
        "<section class=\"service-group\" aria-label=\"{name}\"><h2 class=\"service-title\">{name} <span class=\"count\">{}</span></h2><ul class=\"rb-list\">",
        group.len(),
        name = escape(name)
    );
    for e in group {
        let tags = &e.tags;
        let owners = &e.owners;
        let alerts: String = e
            .alerts
            .iter()
            .map(|a| format!("<code>{}</code>", escape(a)))
            .collect::<Vec<_>>()
            .join(" ");
        let _ = write!(
            out,
            "<li class=\"rb-row\" data-service=\"{}\" data-tags=\"{}\" data-severity=\"{}\" data-status=\"{}\">\
<div class=\"rb-row-main\"><a class=\"rb-title\" href=\"{}\">{}</a><div class=\"badges\">{}{}{}</div></div>\
<div class=\"rb-row-meta\"><span class=\"owners\">{}</span><span class=\"reviewed\">Reviewed {}</span>{}</div></li>",
            escape(service),
            escape(&tags.join("|")),
            escape(&e.severity_key()),
            escape(e.status()),
            escape(&linker.url(&e.page)),
            escape(&e.title),
            e.severity_badge(),
            e.status_badge(),
            e.health.badge(),
            if owners.is_empty() {
                "<span class=\"badge badge-stale\">no owner</span>".to_owned()
            } else {
                escape(&owners.join(", "))
            },
            super::review_html(&e.review),
            if alerts.is_empty() {
                String::new()
            } else {
                format!("<span class=\"alerts\">{alerts}</span>")
            },
        );
    }
    out.push_str("</ul></section>\n");
}
