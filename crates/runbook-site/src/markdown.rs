//! Renders a runbook's Markdown body to safe HTML.
//!
//! Headings get the parser's slugs as ids (the linter checks anchors with
//! the same slugs), rollback, verification and prerequisite sections become
//! callouts, code blocks are highlighted, links to other runbooks point at
//! their pages, links to files beside the runbook at their published
//! copies, and unsafe URLs are dropped. Raw HTML is passed through `ammonia`.
//!
//! Checklist mode: prerequisite list items, task items and the numbered
//! steps (items of an outermost ordered list, as the parser counts steps)
//! get a checkbox `input.check` with a `data-check` number, in document
//! order; `site.js` keeps their state.

use std::fmt::Write as _;
use std::sync::LazyLock;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Parser, Tag, TagEnd};
use runbook_parse::{Document, SectionKind, markdown_options};

use crate::highlight::highlight;
use crate::links::Linker;
use crate::search::MAX_BODY_TEXT_BYTES;
use crate::template::escape;

/// A heading for the table of contents.
#[derive(Debug, Clone)]
pub(crate) struct TocEntry {
    pub level: u8,
    pub text: String,
    pub slug: String,
    pub kind: SectionKind,
}

/// A rendered body.
#[derive(Debug, Default)]
pub(crate) struct RenderedBody {
    pub html: String,
    /// Plain text (prose and code, not headings), for the search index.
    pub text: String,
    /// The text of every heading but the title, for the search index.
    pub headings: String,
    pub toc: Vec<TocEntry>,
    /// How many checklist checkboxes the body has.
    pub checks: usize,
}

/// How an open list is rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ListKind {
    Plain,
    /// A bulleted prerequisite list: every item gets a checkbox.
    Checklist,
    /// An outermost ordered list: its items are the runbook's steps, each
    /// with a checkbox; `next` is the number of the next item.
    Steps {
        next: u64,
    },
}

/// The sanitizer for any Markdown that contains raw HTML. It allows the
/// markup this module generates and nothing that can run script.
static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(sanitizer);

fn sanitizer<'a>() -> ammonia::Builder<'a> {
    let mut builder = ammonia::Builder::default();
    builder
        .add_tags(["section", "input"])
        .add_generic_attributes(["class", "id", "aria-labelledby", "aria-label", "data-lang"])
        .add_tag_attributes("input", ["type", "checked", "data-check"])
        .url_schemes(
            ["http", "https", "mailto", "tel", "slack", "sms"]
                .into_iter()
                .collect(),
        )
        .link_rel(Some("noopener noreferrer"));
    builder
}

/// Sanitizes an HTML fragment (used for any content that may hold raw HTML).
pub(crate) fn sanitize(html: &str) -> String {
    SANITIZER.clean(html).to_string()
}

/// Sanitizes a runbook body that holds raw HTML, rewriting the relative
/// URLs its raw HTML wrote (`<img src="img/map.png">`) as Markdown links
/// are; URLs this module already rewrote start at the site root and pass.
fn sanitize_body(html: &str, linker: &Linker<'_>) -> String {
    let rewriter = RawHtmlUrls {
        root: linker.url(""),
        linker,
    };
    let mut builder = sanitizer();
    builder.url_relative(ammonia::UrlRelative::Custom(Box::new(rewriter)));
    builder.clean(html).to_string()
}

/// Rewrites the relative URLs of raw HTML for [`sanitize_body`].
struct RawHtmlUrls<'l, 'p> {
    root: String,
    linker: &'l Linker<'p>,
}

impl<'l> ammonia::UrlRelativeEvaluate<'l> for RawHtmlUrls<'l, '_> {
    fn evaluate<'url>(&self, url: &'url str) -> Option<std::borrow::Cow<'url, str>> {
        if !self.root.is_empty() && url.starts_with(&self.root) {
            return Some(url.into());
        }
        self.linker.rewrite(url).map(Into::into)
    }
}

/// The section kind that styles a callout, if this kind gets one.
fn callout(kind: SectionKind) -> Option<&'static str> {
    match kind {
        SectionKind::Rollback => Some("rollback"),
        SectionKind::Verification => Some("verification"),
        SectionKind::Prerequisites => Some("prerequisites"),
        _ => None,
    }
}

/// The kind of a heading, inherited from its parents when it is `Other`
/// (a "### Access" under "## Before you begin" is still a prerequisite).
fn effective_kind(doc: &Document, index: usize) -> SectionKind {
    let mut current = doc.headings.get(index);
    while let Some(h) = current {
        if h.kind != SectionKind::Other {
            return h.kind;
        }
        current = h.parent.and_then(|p| doc.headings.get(p));
    }
    SectionKind::Other
}

/// Renders the body of `doc`, resolving links with `linker`.
pub(crate) fn render_body(doc: &Document, linker: &Linker<'_>) -> RenderedBody {
    let body = doc.source.get(doc.body.start..).unwrap_or("");
    let events: Vec<Event<'_>> = Parser::new_ext(body, markdown_options()).collect();
    let mut walk = Walk {
        doc,
        linker,
        out: Vec::with_capacity(events.len()),
        result: RenderedBody::default(),
        heading_index: 0,
        section_kind: SectionKind::Other,
        depth: 0,
        callouts: Vec::new(),
        lists: Vec::new(),
        links: Vec::new(),
        skipping_title: false,
        in_heading: false,
        code: None,
        has_raw_html: false,
    };
    for (i, event) in events.iter().enumerate() {
        let next = events.get(i + 1..i + 3).unwrap_or(&[]);
        walk.event(event.clone(), next);
    }
    for _ in walk.callouts.drain(..) {
        walk.out.push(Event::Html("</section>\n".into()));
    }
    let mut html = String::with_capacity(body.len() * 2);
    pulldown_cmark::html::push_html(&mut html, walk.out.into_iter());
    walk.result.html = if walk.has_raw_html {
        sanitize_body(&html, linker)
    } else {
        html
    };
    walk.result
}

/// State of the event walk.
struct Walk<'d, 'l, 'e> {
    doc: &'d Document,
    linker: &'l Linker<'l>,
    out: Vec<Event<'e>>,
    result: RenderedBody,
    heading_index: usize,
    section_kind: SectionKind,
    /// Nesting of container blocks; callouts open only at the top level.
    depth: usize,
    /// Levels of open callout sections.
    callouts: Vec<u8>,
    /// How each open list is rendered.
    lists: Vec<ListKind>,
    /// For each open link: whether it was dropped as unsafe.
    links: Vec<bool>,
    skipping_title: bool,
    /// Inside a heading, whose text the search index takes from the parser.
    in_heading: bool,
    code: Option<(Option<String>, String)>,
    has_raw_html: bool,
}

impl<'e> Walk<'_, '_, 'e> {
    fn event(&mut self, event: Event<'e>, next: &[Event<'e>]) {
        if self.skipping_title {
            self.skipping_title = !matches!(event, Event::End(TagEnd::Heading(_)));
            return;
        }
        if let Some((_, code)) = &mut self.code {
            match event {
                Event::Text(text) => code.push_str(&text),
                Event::End(TagEnd::CodeBlock) => self.end_code(),
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(Tag::Heading { level, .. }) => self.start_heading(level as u8),
            Event::End(TagEnd::Heading(level)) => {
                self.in_heading = false;
                let slug = self
                    .doc
                    .headings
                    .get(self.heading_index.wrapping_sub(1))
                    .map_or("", |h| h.slug.as_str());
                let slug = escape(slug);
                self.out.push(Event::Html(
                    format!("<a class=\"anchor\" href=\"#{slug}\" aria-label=\"Link to this section\">#</a></{level}>\n").into(),
                ));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let language = match kind {
                    CodeBlockKind::Fenced(info) => info
                        .split(|c: char| c.is_whitespace() || c == ',' || c == '{')
                        .next()
                        .filter(|l| !l.is_empty())
                        .map(str::to_owned),
                    CodeBlockKind::Indented => None,
                };
                self.code = Some((language, String::new()));
            }
            Event::Start(Tag::List(_) | Tag::Item)
            | Event::End(TagEnd::List(_))
            | Event::TaskListMarker(_) => self.list_event(event, next),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => self.start_link(link_type, &dest_url, title, id),
            Event::End(TagEnd::Link) => {
                if self.links.pop() == Some(true) {
                    self.out.push(Event::Html("</span>".into()));
                } else {
                    self.out.push(Event::End(TagEnd::Link));
                }
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = self
                    .linker
                    .rewrite(&dest_url)
                    .map_or(CowStr::from(""), CowStr::from);
                self.out.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                self.has_raw_html = true;
                self.out.push(event);
            }
            Event::Text(ref text) | Event::Code(ref text) => {
                if !self.in_heading {
                    self.push_text(text);
                }
                self.out.push(event);
            }
            Event::Start(Tag::BlockQuote(_) | Tag::FootnoteDefinition(_)) => {
                self.depth += 1;
                self.out.push(event);
            }
            Event::End(TagEnd::BlockQuote(_) | TagEnd::FootnoteDefinition) => {
                self.depth = self.depth.saturating_sub(1);
                self.out.push(event);
            }
            other => self.out.push(other),
        }
    }

    /// Lists: prerequisite lists become checklists, steps and task items
    /// get checkboxes.
    fn list_event(&mut self, event: Event<'e>, next: &[Event<'e>]) {
        match event {
            Event::Start(Tag::List(start)) => {
                self.depth += 1;
                let in_steps = self
                    .lists
                    .iter()
                    .any(|k| matches!(k, ListKind::Steps { .. }));
                let kind = match start {
                    Some(first) if !in_steps => ListKind::Steps { next: first },
                    None if self.section_kind == SectionKind::Prerequisites => ListKind::Checklist,
                    _ => ListKind::Plain,
                };
                self.lists.push(kind);
                match kind {
                    ListKind::Checklist => self
                        .out
                        .push(Event::Html("<ul class=\"checklist\">\n".into())),
                    ListKind::Steps { .. } => {
                        let start = start
                            .filter(|s| *s != 1)
                            .map_or_else(String::new, |s| format!(" start=\"{s}\""));
                        self.out
                            .push(Event::Html(format!("<ol class=\"steps\"{start}>\n").into()));
                    }
                    ListKind::Plain => self.out.push(Event::Start(Tag::List(start))),
                }
            }
            Event::End(TagEnd::List(ordered)) => {
                self.depth = self.depth.saturating_sub(1);
                match self.lists.pop() {
                    Some(ListKind::Checklist) => self.out.push(Event::Html("</ul>\n".into())),
                    Some(ListKind::Steps { .. }) => self.out.push(Event::Html("</ol>\n".into())),
                    _ => self.out.push(Event::End(TagEnd::List(ordered))),
                }
            }
            Event::Start(Tag::Item) => {
                let is_task = next.iter().any(|e| matches!(e, Event::TaskListMarker(_)));
                match self.lists.last_mut() {
                    Some(ListKind::Steps { next }) => {
                        let number = *next;
                        *next = next.saturating_add(1);
                        self.out.push(Event::Html(
                            format!("<li class=\"step\" data-step=\"{number}\">").into(),
                        ));
                        if !is_task {
                            let check = self.next_check();
                            self.out.push(Event::Html(
                                format!("<input type=\"checkbox\" class=\"check step-check\" data-check=\"{check}\" aria-label=\"Step {number} done\">").into(),
                            ));
                        }
                    }
                    Some(ListKind::Checklist) if !is_task => {
                        self.out.push(Event::Start(Tag::Item));
                        let check = self.next_check();
                        self.out.push(Event::Html(
                            format!("<input type=\"checkbox\" class=\"task check\" data-check=\"{check}\"> ").into(),
                        ));
                    }
                    _ => self.out.push(Event::Start(Tag::Item)),
                }
            }
            Event::TaskListMarker(checked) => {
                let checked = if checked { " checked" } else { "" };
                let check = self.next_check();
                self.out.push(Event::Html(
                    format!("<input type=\"checkbox\" class=\"task check\" data-check=\"{check}\"{checked}> ").into(),
                ));
            }
            other => self.out.push(other),
        }
    }

    /// The number of the next checklist checkbox, from 1.
    fn next_check(&mut self) -> usize {
        self.result.checks += 1;
        self.result.checks
    }

    fn start_heading(&mut self, level: u8) {
        let index = self.heading_index;
        self.heading_index += 1;
        let Some(heading) = self.doc.headings.get(index) else {
            self.out.push(Event::Html(format!("<h{level}>").into()));
            return;
        };
        let before = self.doc.source.get(self.doc.body.start..heading.span.start);
        if index == 0 && level == 1 && before.is_some_and(|s| s.trim().is_empty()) {
            // The page header already shows the title.
            self.skipping_title = true;
            return;
        }
        self.section_kind = effective_kind(self.doc, index);
        if self.depth == 0 {
            while self.callouts.last().is_some_and(|open| *open >= level) {
                self.callouts.pop();
                self.out.push(Event::Html("</section>\n".into()));
            }
            if let Some(class) = callout(heading.kind) {
                self.callouts.push(level);
                self.out.push(Event::Html(
                    format!(
                        "<section class=\"callout callout-{class}\" aria-labelledby=\"{}\">\n",
                        escape(&heading.slug)
                    )
                    .into(),
                ));
            }
        }
        if level <= 3 {
            self.result.toc.push(TocEntry {
                level,
                text: heading.text.clone(),
                slug: heading.slug.clone(),
                kind: heading.kind,
            });
        }
        self.in_heading = true;
        let headings = &mut self.result.headings;
        if headings.len() < MAX_BODY_TEXT_BYTES {
            headings.push_str(&heading.text);
            headings.push('\n');
        }
        self.out.push(Event::Html(
            format!("<h{level} id=\"{}\">", escape(&heading.slug)).into(),
        ));
    }

    fn start_link(
        &mut self,
        link_type: pulldown_cmark::LinkType,
        dest: &str,
        title: CowStr<'e>,
        id: CowStr<'e>,
    ) {
        // An email autolink (`<ops@example.com>`) has the bare address as
        // its destination (the HTML writer adds `mailto:`): not a file.
        let url = if link_type == pulldown_cmark::LinkType::Email {
            crate::template::is_safe_url(dest).then(|| dest.to_owned())
        } else {
            self.linker.rewrite(dest)
        };
        if let Some(url) = url {
            self.links.push(false);
            self.out.push(Event::Start(Tag::Link {
                link_type,
                dest_url: url.into(),
                title,
                id,
            }));
        } else {
            self.links.push(true);
            self.out.push(Event::Html(
                "<span class=\"link-removed\" title=\"Unsafe link removed\">".into(),
            ));
        }
    }

    fn end_code(&mut self) {
        let Some((language, code)) = self.code.take() else {
            return;
        };
        self.push_text(&code);
        let mut html = String::with_capacity(code.len() * 2);
        let lang = language.as_deref().map(escape).unwrap_or_default();
        let _ = write!(
            html,
            "<div class=\"code-block\" data-lang=\"{lang}\"><pre><code"
        );
        if !lang.is_empty() {
            let _ = write!(html, " class=\"language-{lang}\"");
        }
        html.push('>');
        highlight(&mut html, &code, language.as_deref());
        html.push_str("</code></pre></div>\n");
        self.out.push(Event::Html(html.into()));
    }

    fn push_text(&mut self, text: &str) {
        let text_out = &mut self.result.text;
        if text_out.len() < MAX_BODY_TEXT_BYTES {
            text_out.push_str(text);
            text_out.push(' ');
        }
    }
}
