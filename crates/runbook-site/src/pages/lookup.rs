//! Lookup pages: alert name to runbook (with a stable URL per alert),
//! services and tags.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::{Collection, Entry};
use crate::error::SiteError;
use crate::links::{Linker, alert_path};
use crate::model::SiteFile;
use crate::template::{self, escape};

/// A fragment id for a service or tag name.
pub(crate) fn anchor(name: &str) -> String {
    let slug = runbook_parse::slugify(name);
    if slug.is_empty() {
        "x".to_owned()
    } else {
        slug
    }
}

/// Groups runbooks by a key, keeping the collection order within a group.
fn group_by<'c>(
    collection: &'c Collection<'_>,
    keys: impl Fn(&Entry) -> Vec<String>,
) -> BTreeMap<String, Vec<&'c Entry>> {
    let mut map: BTreeMap<String, Vec<&Entry>> = BTreeMap::new();
    for e in &collection.entries {
        for key in keys(e) {
            map.entry(key).or_default().push(e);
        }
    }
    map
}

fn runbook_link(linker: &Linker<'_>, e: &Entry) -> String {
    format!(
        "<a href=\"{}\">{}</a>{}",
        escape(&linker.url(&e.page)),
        escape(&e.title),
        if e.service.is_empty() {
            String::new()
        } else {
            format!(" <span class=\"muted\">{}</span>", escape(&e.service))
        }
    )
}

fn listing(
    collection: &Collection<'_>,
    path: &str,
    heading: &str,
    lede: &str,
    content: &str,
) -> SiteFile {
    let linker = collection.linker(path);
    let body = template::fill(
        template::LISTING,
        &[
            ("index_url", &escape(&linker.url("index.html"))),
            ("heading", heading),
            ("lede", lede),
            ("content", content),
        ],
    );
    collection.layout(path, heading, "page-listing", "", &body)
}

/// `alerts/index.html` and one stable `alerts/<NAME>.html` per alert, each
/// handed to `write` as soon as it is rendered.
pub(crate) fn alerts(
    collection: &Collection<'_>,
    write: &mut dyn FnMut(SiteFile) -> Result<(), SiteError>,
) -> Result<(), SiteError> {
    let by_alert = group_by(collection, |e| e.alerts.clone());
    let linker = collection.linker("alerts/index.html");
    let mut table = String::from(
        "<table class=\"lookup\"><thead><tr><th scope=\"col\">Alert</th><th scope=\"col\">Runbook</th></tr></thead><tbody>",
    );
    for (alert, entries) in &by_alert {
        let path = alert_path(alert);
        let links: Vec<String> = entries.iter().map(|e| runbook_link(&linker, e)).collect();
        let _ = write!(
            table,
            "<tr id=\"{}\"><td><a href=\"{}\"><code>{}</code></a></td><td>{}</td></tr>",
            escape(&anchor(alert)),
            escape(&linker.url(&path)),
            escape(alert),
            links.join("<br>")
        );
        write(alert_page(collection, alert, &path, entries))?;
    }
    table.push_str("</tbody></table>");
    let table = if by_alert.is_empty() {
        "<p class=\"empty\">No runbook lists an <code>alerts:</code> key yet.</p>".to_owned()
    } else {
        table
    };
    let lede = format!(
        "{} alerts. Link alerting rules to <code>alerts/&lt;ALERTNAME&gt;.html</code>: it always forwards to the current runbook.",
        by_alert.len()
    );
    write(listing(
        collection,
        "alerts/index.html",
        "Alert lookup",
        &lede,
        &table,
    ))
}

/// The stable URL of one alert: a redirect when one runbook handles it, a
/// short chooser when several do.
fn alert_page(
    collection: &Collection<'_>,
    alert: &str,
    path: &str,
    entries: &[&Entry],
) -> SiteFile {
    let linker = collection.linker(path);
    if let [only] = entries {
        let html = template::fill(
            template::REDIRECT,
            &[
                ("target", &escape(&linker.url(&only.page))),
                ("root", &escape(&linker.url(""))),
                ("alert", &escape(alert)),
                ("title", &escape(&only.title)),
            ],
        );
        return SiteFile {
            path: path.to_owned(),
            contents: html.into_bytes(),
        };
    }
    let mut items = String::new();
    for e in entries {
        let _ = write!(items, "<li>{}</li>", runbook_link(&linker, e));
    }
    let content = format!("<ul class=\"plain-list\">{items}</ul>");
    let lede = format!(
        "Alert <code>{}</code> is handled by {} runbooks:",
        escape(alert),
        entries.len()
    );
    listing(collection, path, &escape(alert), &lede, &content)
}

fn grouped_page(
    collection: &Collection<'_>,
    path: &str,
    heading: &str,
    noun: &str,
    groups: &BTreeMap<String, Vec<&Entry>>,
) -> SiteFile {
    let linker = collection.linker(path);
    let mut content = String::new();
    if groups.is_empty() {
        let _ = write!(content, "<p class=\"empty\">No {noun}s yet.</p>");
    } else {
        content.push_str("<p class=\"chips\">");
        for (name, entries) in groups {
            let _ = write!(
                content,
                "<a class=\"tag\" href=\"#{}\">{} <span class=\"count\">{}</span></a> ",
                escape(&anchor(name)),
                escape(name),
                entries.len()
            );
        }
        content.push_str("</p>");
    }
    for (name, entries) in groups {
        let _ = write!(
            content,
            "<section class=\"group\"><h2 id=\"{}\">{}</h2><ul class=\"plain-list\">",
            escape(&anchor(name)),
            escape(name)
        );
        for e in entries {
            let _ = write!(
                content,
                "<li>{} {}</li>",
                runbook_link(&linker, e),
                e.health.badge()
            );
        }
        content.push_str("</ul></section>");
    }
    let lede = format!("{} {noun}s.", groups.len());
    listing(collection, path, heading, &lede, &content)
}

/// `services.html`: runbooks by service.
pub(crate) fn services(collection: &Collection<'_>) -> SiteFile {
    let groups = group_by(collection, |e| {
        if e.service.is_empty() {
            vec![]
        } else {
            vec![e.service.clone()]
        }
    });
    grouped_page(collection, "services.html", "Services", "service", &groups)
}

/// `tags.html`: runbooks by tag.
pub(crate) fn tags(collection: &Collection<'_>) -> SiteFile {
    let groups = group_by(collection, |e| e.tags.clone());
    grouped_page(collection, "tags.html", "Tags", "tag", &groups)
}
