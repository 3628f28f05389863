//! The page of one runbook: metadata panel, table of contents, body, findings.

use std::fmt::Write as _;

use runbook_parse::Contact;
use sha2::{Digest, Sha256};

use super::{Health, Renderer, RunbookSummary};
use crate::links::{Linker, alert_path, page_path};
use crate::markdown::{RenderedBody, TocEntry, render_body};
use crate::model::{RenderedRunbook, SiteDocument, title_of};
use crate::search::{SearchEntry, SearchRow, excerpt};
use crate::template::{self, encode_path, escape, is_safe_url};

/// Renders a runbook page, its summary and the files it links to.
pub(crate) fn render(renderer: &Renderer, sd: &SiteDocument) -> RenderedRunbook {
    let doc = &sd.document;
    let meta = &doc.metadata;
    let page = page_path(&sd.rel_path);
    let value = |v: &Option<runbook_parse::Spanned<String>>| {
        v.as_ref().map_or_else(String::new, |s| s.value.clone())
    };
    let list = |v: &[runbook_parse::Spanned<String>]| -> Vec<String> {
        v.iter().map(|s| s.value.clone()).collect()
    };
    let mut entry = RunbookSummary {
        title: title_of(sd),
        service: doc.service().unwrap_or_default().to_owned(),
        severity: value(&meta.severity),
        status: value(&meta.status),
        owners: list(&meta.owners),
        tags: list(&meta.tags),
        alerts: list(&meta.alerts),
        review: sd.review.clone(),
        severity_level: sd.severity,
        health: Health::of(sd),
        search: SearchRow::default(),
        page,
    };
    let linker = renderer
        .linker(&entry.page)
        .with_source(&doc.path, &sd.rel_path);
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
            ("checklist_key", &escape(&entry.page)),
            ("checklist_version", &content_hash(&doc.source)),
            ("index_url", &escape(&linker.url("index.html"))),
            ("breadcrumb_service", &breadcrumb_service),
            ("title", &escape(&entry.title)),
            ("badges", &badges),
            ("meta", &metadata_panel(&entry, sd, &linker)),
            ("requirements", &requirements(sd)),
            ("toc", &toc(&body.toc)),
            ("findings", &findings(&entry, sd, &linker)),
            ("checklist", &checklist_bar(body.checks)),
            ("body", &body.html),
            ("source", &escape(&source_path(sd))),
            ("edit", &edit_link(renderer, sd)),
        ],
    );
    let file = renderer.layout(&entry.page, &entry.title, "page-runbook", "", &content);
    let assets = linker.take_assets();
    entry.search = SearchRow::new(search_entry(&entry, body));
    RenderedRunbook {
        file,
        summary: entry,
        assets,
    }
}

/// A short hash of the runbook's text: checklist state saved in the
/// browser is kept per version, so an edited runbook starts fresh.
fn content_hash(source: &str) -> String {
    let digest = Sha256::digest(source.as_bytes());
    let mut hex = String::with_capacity(16);
    for byte in digest.iter().take(8) {
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}

/// The bar with the checklist's progress, "Copy timeline" and "Reset";
/// hidden until `site.js` takes charge of the checkboxes.
fn checklist_bar(checks: usize) -> String {
    if checks == 0 {
        return String::new();
    }
    format!(
        "<div class=\"checklist-bar\" hidden>\
<progress class=\"checklist-progress\" max=\"{checks}\" value=\"0\" aria-label=\"Checklist progress\"></progress>\
<span class=\"checklist-count\" aria-live=\"polite\">0 of {checks} done</span>\
<span class=\"checklist-actions\"><button type=\"button\" class=\"button button-small\" data-action=\"copy-timeline\">Copy timeline</button>\
<button type=\"button\" class=\"button button-small button-quiet\" data-action=\"reset-checklist\">Reset</button></span></div>"
    )
}

fn search_entry(entry: &RunbookSummary, body: RenderedBody) -> SearchEntry {
    SearchEntry {
        title: entry.title.clone(),
        url: entry.page.clone(),
        service: entry.service.clone(),
        alerts: entry.alerts.clone(),
        tags: entry.tags.clone(),
        excerpt: excerpt(&body.text),
        body: body.text,
        headings: body.headings,
    }
}

/// The source path with `/` separators and no leading `./`.
fn source_path(sd: &SiteDocument) -> String {
    let path = sd.document.path.to_string_lossy().replace('\\', "/");
    path.trim_start_matches("./").to_owned()
}

fn edit_link(renderer: &Renderer, sd: &SiteDocument) -> String {
    let Some(repo) = &renderer.options().repo_url else {
        return String::new();
    };
    let url = repo.replace("{path}", &encode_path(&source_path(sd)));
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

fn metadata_panel(entry: &RunbookSummary, sd: &SiteDocument, linker: &Linker<'_>) -> String {
    let meta = &sd.document.metadata;
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
    row(
        &mut out,
        "Last reviewed",
        &super::review_html(&entry.review),
    );
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
fn requirements(sd: &SiteDocument) -> String {
    let list = &sd.requirements;
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

fn findings(entry: &RunbookSummary, sd: &SiteDocument, linker: &Linker<'_>) -> String {
    let list = &sd.findings;
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
