//! The rules reference: every lint rule's documentation.

use std::fmt::Write as _;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::Collection;
use crate::markdown::sanitize;
use crate::model::{FindingSeverity, SiteFile};
use crate::template::escape;

/// Renders `rules.html`.
pub(crate) fn render(collection: &Collection<'_>) -> SiteFile {
    let mut rules: Vec<_> = collection.input.rules.iter().collect();
    rules.sort_by(|a, b| a.id.cmp(&b.id));
    let mut content = String::from("<ul class=\"rule-index\">");
    for rule in &rules {
        let _ = write!(
            content,
            "<li><a href=\"#rule-{id}\"><code>{id}</code></a> {}</li>",
            inline(&rule.summary),
            id = escape(&rule.id)
        );
    }
    content.push_str("</ul>");
    for rule in &rules {
        let (class, label) = match rule.severity {
            FindingSeverity::Error => ("error", "error"),
            FindingSeverity::Warning => ("warn", "warning"),
        };
        let _ = write!(
            content,
            "<section class=\"rule\" aria-labelledby=\"rule-{id}\"><h2 id=\"rule-{id}\"><code>{id}</code> <span class=\"badge badge-{class}\">{label}</span></h2><div class=\"rule-doc\">{}</div></section>",
            explanation(&rule.explanation_markdown),
            id = escape(&rule.id),
        );
    }
    let lede = format!(
        "{} rules. Findings on runbook pages link here; <code>runbook explain &lt;rule&gt;</code> prints the same text.",
        rules.len()
    );
    let linker = collection.linker("rules.html");
    let body = crate::template::fill(
        crate::template::LISTING,
        &[
            ("index_url", &escape(&linker.url("index.html"))),
            ("heading", "Lint rules"),
            ("lede", &lede),
            ("content", &content),
        ],
    );
    collection.layout("rules.html", "Lint rules", "page-rules", "", &body)
}

/// One line of Markdown (code spans, emphasis) as inline HTML.
fn inline(markdown: &str) -> String {
    let html = explanation(markdown);
    let trimmed = html.trim();
    trimmed
        .strip_prefix("<p>")
        .and_then(|rest| rest.strip_suffix("</p>"))
        .unwrap_or(trimmed)
        .to_owned()
}

/// A rule's Markdown docs as HTML, its headings demoted under the rule's `h2`.
fn explanation(markdown: &str) -> String {
    let events =
        Parser::new_ext(markdown, runbook_parse::markdown_options()).map(|event| match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => Event::Start(Tag::Heading {
                level: demote(level),
                id,
                classes,
                attrs,
            }),
            Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(demote(level))),
            other => other,
        });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events);
    sanitize(&html)
}

fn demote(level: pulldown_cmark::HeadingLevel) -> pulldown_cmark::HeadingLevel {
    use pulldown_cmark::HeadingLevel::{H1, H2, H3, H4, H5, H6};
    match level {
        H1 | H2 => H3,
        H3 => H4,
        H4 => H5,
        H5 | H6 => H6,
    }
}
