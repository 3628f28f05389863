//! The page of one runbook: metadata panel, table of contents, body, findings.

use std::fmt::Write as _;

use runbook_parse::Contact;

use super::{Collection, Entry, Health};
use crate::links::{Linker, alert_path};
use crate::markdown::{RenderedBody, TocEntry, render_body};
use crate::model::SiteFile;
use crate::search::{SearchEntry, excerpt};
use crate::template::{self, encode_path, escape, is_safe_url};

/// Renders a runbook page and its search entry.
pub(crate) fn render(collection: &Collection<'_>, entry: &Entry<'_>) -> (SiteFile, SearchEntry) {
    let doc = &entry.source.document;
    let linker = collection.linker(&entry.page).with_source(&doc.path);
    let body = render_body(doc, &linker);
    let breadcrumb_service = if entry.service.is_empty() {
        String::new()
    } else {
        format!(
            " <span aria-hidden=\"true\">/</span> <a href=\"{}#{}\">{}</a>",
            escape(&linker.url("services.html")),
            escape(&crate::pages::lookup::anchor(&entry.service)),
            escape(&entry.service)
        )
    };
    let badges = format!(
        "{}{}{}{}",
        entry.severity_badge(),
        entry.status_badge(),
        if entry.review.needs_attention() {
            "<span class=\"badge badge-stale\">review overdue</span>"
        } else {
            ""
        },
        entry.health.badge()
    );
    let content = template::fill(
        template::RUNBOOK,
        &[
            ("index_url", &escape(&linker.url("index.html"))),
            ("breadcrumb_service", &breadcrumb_service),
            ("title", &escape(&entry.title)),
            ("badges", &badges),
            ("meta", &metadata_panel(entry, &linker)),
            ("requirements", &requirements(entry)),
            ("toc", &toc(&body.toc)),
            ("findings", &findings(entry, &linker)),
            ("body", &body.html),
            ("source", &escape(&source_path(entry))),
            ("edit", &edit_link(collection, entry)),
        ],
    );
    let file = collection.layout(&entry.page, &entry.title, "page-runbook", "", &content);
    let search = search_entry(entry, &body);
    (file, search)
}

fn search_entry(entry: &Entry<'_>, body: &RenderedBody) -> SearchEntry {
    let meta = &entry.source.document.metadata;
    SearchEntry {
        title: entry.title.clone(),
        url: entry.page.clone(),
        service: entry.service.clone(),
        alerts: meta.alerts.iter().map(|a| a.value.clone()).collect(),
        tags: meta.tags.iter().map(|t| t.value.clone()).collect(),
        excerpt: excerpt(&body.text),
        body: body.text.clone(),
    }
}

/// The source path with `/` separators and no leading `./`.
fn source_path(entry: &Entry<'_>) -> String {
    let path = entry
        .source
        .document
        .path
        .to_string_lossy()
        .replace('\\', "/");
    path.trim_start_matches("./").to_owned()
}

fn edit_link(collection: &Collection<'_>, entry: &Entry<'_>) -> String {
    let Some(repo) = &collection.input.options.repo_url else {
        return String::new();
    };
    let url = repo.replace("{path}", &encode_path(&source_path(entry)));
    if !is_safe_url(&url) {
        return String::new();
    }
    format!(
        "<a class=\"edit-link\" href=\"{}\">Edit this page</a>",
        escape(&url)
    )
}

fn row(out: &mut String, label: &str, value: &str) {
    if !value.is_empty() {
        let _ = write!(out, "<dt>{label}</dt><dd>{value}</dd>");
    }
}

fn joined<T>(items: &[T], f: impl Fn(&T) -> String) -> String {
    items.iter().map(f).collect::<Vec<_>>().join(", ")
}

fn spaced<T>(items: &[T], f: impl Fn(&T) -> String) -> String {
    items.iter().map(f).collect::<Vec<_>>().join(" ")
}

fn metadata_panel(entry: &Entry<'_>, linker: &Linker<'_>) -> String {
    let meta = &entry.source.document.metadata;
    let mut out = String::new();
    if !entry.service.is_empty() {
        row(
            &mut out,
            "Service",
            &format!(
                "<a href=\"{}#{}\">{}</a>",
                escape(&linker.url("services.html")),
                escape(&crate::pages::lookup::anchor(&entry.service)),
                escape(&entry.service)
            ),
        );
    }
    row(
        &mut out,
        "Owners",
        &joined(&meta.owners, |o| escape(&o.value)),
    );
    if !meta.contacts.is_empty() {
        let items: String = meta.contacts.iter().map(contact).collect();
        row(
            &mut out,
            "Contacts",
            &format!("<ul class=\"contacts\">{items}</ul>"),
        );
    }
    row(&mut out, "Severity", &entry.severity_badge());
    row(&mut out, "Status", &entry.status_badge());
    row(
        &mut out,
        "Alerts",
        &spaced(&meta.alerts, |a| {
            format!(
                "<a class=\"alert-name\" href=\"{}\"><code>{}</code></a>",
                escape(&linker.url(&alert_path(&a.value))),
                escape(&a.value)
            )
        }),
    );
    row(
        &mut out,
        "Tags",
        &spaced(&meta.tags, |t| {
            format!(
                "<a class=\"tag\" href=\"{}#{}\">{}</a>",
                escape(&linker.url("tags.html")),
                escape(&crate::pages::lookup::anchor(&t.value)),
                escape(&t.value)
            )
        }),
    );
    row(&mut out, "Last reviewed", &super::review_html(entry.review));
    row(
        &mut out,
        "Related",
        &joined(&meta.related, |r| match linker.runbook_url(&r.value) {
            Some(url) => format!(
                "<a href=\"{}\">{}</a>",
                escape(&url),
                escape(linker.runbook_title(&r.value).unwrap_or(&r.value))
            ),
            None => escape(&r.value),
        }),
    );
    out
}

/// One contact with every channel as a link where a link makes sense.
fn contact(c: &Contact) -> String {
    let mut out = String::from("<li>");
    let name = c.name.as_deref().unwrap_or("Contact");
    let _ = write!(out, "<span class=\"contact-name\">{}</span>", escape(name));
    if let Some(role) = &c.role {
        let _ = write!(out, " <span class=\"contact-role\">{}</span>", escape(role));
    }
    let mut channels = Vec::new();
    if let Some(email) = &c.email {
        channels.push(link(&format!("mailto:{}", email.trim()), "Email", email));
    }
    if let Some(phone) = &c.phone {
        let number: String = phone
            .chars()
            .filter(|ch| ch.is_ascii_digit() || *ch == '+')
            .collect();
        channels.push(link(&format!("tel:{number}"), "Phone", phone));
    }
    if let Some(slack) = &c.slack {
        channels.push(channel_link(slack, "Slack"));
    }
    if let Some(pager) = &c.pager {
        channels.push(channel_link(pager, "Pager"));
    }
    if let Some(url) = &c.url {
        channels.push(channel_link(url, "Link"));
    }
    if !channels.is_empty() {
        let _ = write!(out, "<span class=\"channels\">{}</span>", channels.join(""));
    }
    out.push_str("</li>");
    out
}

fn link(url: &str, label: &str, text: &str) -> String {
    if is_safe_url(url) {
        format!(
            "<a class=\"channel\" href=\"{}\"><span class=\"channel-kind\">{label}</span> {}</a>",
            escape(url),
            escape(text)
        )
    } else {
        plain_channel(label, text)
    }
}

/// A web link if the value is a URL, else the handle as text.
fn channel_link(value: &str, label: &str) -> String {
    let trimmed = value.trim();
    if trimmed.starts_with("https://") || trimmed.starts_with("http://") {
        link(trimmed, label, trimmed)
    } else {
        plain_channel(label, trimmed)
    }
}

fn plain_channel(label: &str, text: &str) -> String {
    format!(
        "<span class=\"channel\"><span class=\"channel-kind\">{label}</span> {}</span>",
        escape(text)
    )
}

/// The requirements of the configuration that apply to this runbook and
/// whether each holds, as the linter judged them; nothing when none apply.
fn requirements(entry: &Entry<'_>) -> String {
    let list = &entry.source.requirements;
    if list.is_empty() {
        return String::new();
    }
    let mut out = String::from(
        "<section class=\"panel requirements-panel\" aria-labelledby=\"requirements-heading\">\
<h2 id=\"requirements-heading\">Requirements</h2><ul class=\"requirements\">",
    );
    for r in list {
        let (class, badge) = if r.holds() {
            ("met", "<span class=\"badge badge-ok\">met</span>")
        } else {
            ("unmet", "<span class=\"badge badge-error\">not met</span>")
        };
        let _ = write!(
            out,
            "<li class=\"requirement requirement-{class}\">{badge} <span class=\"requirement-name\">{}</span> <span class=\"requirement-why\">{}</span>",
            code_spans(&r.requirement),
            code_spans(&r.why)
        );
        if !r.unmet.is_empty() {
            out.push_str("<ul class=\"requirement-unmet\">");
            for gap in &r.unmet {
                let _ = write!(out, "<li>{}</li>", code_spans(gap));
            }
            out.push_str("</ul>");
        }
        out.push_str("</li>");
    }
    out.push_str("</ul></section>");
    out
}

/// Escapes `text` and renders its `backticked` parts as code.
fn code_spans(text: &str) -> String {
    let mut out = String::new();
    for (i, part) in text.split('`').enumerate() {
        if i % 2 == 1 {
            let _ = write!(out, "<code>{}</code>", escape(part));
        } else {
            out.push_str(&escape(part));
        }
    }
    out
}

fn toc(entries: &[TocEntry]) -> String {
    if entries.is_empty() {
        return "<p class=\"muted\">No sections.</p>".to_owned();
    }
    let mut out = String::from("<ol class=\"toc-list\">");
    for e in entries {
        let kind = e.kind.name();
        let _ = write!(
            out,
            "<li class=\"toc-level-{} toc-kind-{kind}\"><a href=\"#{}\">{}</a></li>",
            e.level,
            escape(&e.slug),
            escape(&e.text)
        );
    }
    out.push_str("</ol>");
    out
}

fn findings(entry: &Entry<'_>, linker: &Linker<'_>) -> String {
    let list = &entry.source.findings;
    if list.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "<details class=\"findings\"{}><summary>Lint findings {}</summary><ul>",
        if matches!(entry.health, Health::Errors(_)) {
            " open"
        } else {
            ""
        },
        entry.health.badge()
    );
    for f in list {
        let _ = write!(
            out,
            "<li class=\"finding finding-{sev}\"><span class=\"badge badge-{cls}\">{sev}</span> <span class=\"finding-loc\">line {}:{}</span> {} <a class=\"rule-id\" href=\"{}#rule-{}\"><code>{}</code></a>",
            f.line,
            f.column,
            escape(&f.message),
            escape(&linker.url("rules.html")),
            escape(&f.rule),
            escape(&f.rule),
            sev = f.severity.name(),
            cls = if f.severity == crate::model::FindingSeverity::Error {
                "error"
            } else {
                "warn"
            },
        );
        if let Some(help) = &f.help {
            let _ = write!(out, "<p class=\"finding-help\">{}</p>", escape(help));
        }
        out.push_str("</li>");
    }
    out.push_str("</ul></details>");
    out
}
