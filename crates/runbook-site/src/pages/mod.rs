//! Page rendering: the shared layout, the per-runbook summary every page
//! uses, and one module per page family.
//!
//! To add a page, write a function returning a [`SiteFile`] from the
//! [`Collection`] and call it in [`render`].

mod index;
mod lookup;
mod ownership;
mod rules;
mod runbook;

use std::collections::BTreeMap;

use rayon::prelude::*;
use runbook_parse::{Review, ReviewStatus};
use runbook_report::plural;

use crate::error::SiteError;
use crate::links::{Linker, PageMap, page_path};
use crate::model::{FindingSeverity, Site, SiteDocument, SiteFile, SiteInput};
use crate::search::{self, SearchEntry};
use crate::template::{self, escape};

/// The stylesheet, written once.
const SITE_CSS: &str = include_str!("../../assets/site.css");
/// The behaviour: search, filters, copy buttons, keyboard shortcut.
const SITE_JS: &str = include_str!("../../assets/site.js");

/// The last-reviewed date followed by a badge; the status comes from the
/// one review policy (`runbook_parse::Review`), as lint's does.
pub(crate) fn review_html(review: &Review) -> String {
    match &review.status {
        ReviewStatus::Current { reviewed, due } => {
            let title = due.map_or_else(
                || "Reviewed".to_owned(),
                |due| format!("Next review due {due}"),
            );
            format!("{reviewed} <span class=\"badge badge-ok\" title=\"{title}\">current</span>")
        }
        ReviewStatus::Overdue {
            reviewed,
            days_overdue,
            ..
        } => format!(
            "{reviewed} <span class=\"badge badge-stale\" title=\"Review overdue by {days_overdue} days\">overdue {days_overdue}d</span>"
        ),
        ReviewStatus::Future { reviewed } => format!(
            "{reviewed} <span class=\"badge badge-stale\" title=\"The review date lies in the future\">in the future</span>"
        ),
        ReviewStatus::Missing => {
            "never <span class=\"badge badge-stale\">not reviewed</span>".to_owned()
        }
        ReviewStatus::Invalid(text) => format!(
            "{} <span class=\"badge badge-stale\">invalid date</span>",
            escape(text)
        ),
    }
}

/// A runbook's lint health.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Health {
    Clean,
    Warnings(usize),
    Errors(usize),
}

impl Health {
    fn of(sd: &SiteDocument) -> Self {
        let errors = sd
            .findings
            .iter()
            .filter(|f| f.severity == FindingSeverity::Error)
            .count();
        if errors > 0 {
            return Health::Errors(errors);
        }
        match sd.findings.len() {
            0 => Health::Clean,
            n => Health::Warnings(n),
        }
    }

    /// A coloured badge.
    pub(crate) fn badge(self) -> String {
        match self {
            Health::Clean => {
                "<span class=\"badge badge-ok\" title=\"No lint findings\">lint clean</span>"
                    .to_owned()
            }
            Health::Warnings(n) => format!(
                "<span class=\"badge badge-warn\" title=\"Lint warnings\">{}</span>",
                plural(n, "warning", "warnings")
            ),
            Health::Errors(n) => format!(
                "<span class=\"badge badge-error\" title=\"Lint errors\">{}</span>",
                plural(n, "error", "errors")
            ),
        }
    }
}

/// What every page needs to know about one runbook.
#[derive(Debug)]
pub(crate) struct Entry<'a> {
    pub source: &'a SiteDocument,
    /// Site path of its page.
    pub page: String,
    pub title: String,
    pub service: String,
    pub review: &'a Review,
    pub health: Health,
}

impl Entry<'_> {
    pub(crate) fn severity(&self) -> &str {
        self.source
            .document
            .metadata
            .severity
            .as_ref()
            .map_or("", |s| s.value.as_str())
    }

    pub(crate) fn status(&self) -> &str {
        self.source
            .document
            .metadata
            .status
            .as_ref()
            .map_or("", |s| s.value.as_str())
    }

    /// What the severity filter matches: the rank (so `SEV1` and
    /// `critical` are one choice), else the value as written, lowercase.
    pub(crate) fn severity_key(&self) -> String {
        match (self.source.severity, self.severity()) {
            (_, "") => String::new(),
            (Some(level), _) => format!("rank-{}", level.rank),
            (None, value) => format!("value-{}", value.trim().to_lowercase()),
        }
    }

    /// A severity badge coloured by the rank's tier, or nothing.
    pub(crate) fn severity_badge(&self) -> String {
        let value = self.severity();
        if value.is_empty() {
            return String::new();
        }
        let class = self
            .source
            .severity
            .map_or_else(|| "unknown".to_owned(), |l| format!("tier-{}", l.tier));
        format!(
            "<span class=\"badge badge-sev badge-sev-{class}\">{}</span>",
            escape(value)
        )
    }

    /// A status badge, or nothing.
    pub(crate) fn status_badge(&self) -> String {
        badge_for("status", self.status())
    }
}

/// A badge whose colour class derives from a known value.
fn badge_for(prefix: &str, value: &str) -> String {
    if value.is_empty() {
        return String::new();
    }
    let class: String = value
        .to_ascii_lowercase()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    format!(
        "<span class=\"badge badge-{prefix} badge-{prefix}-{class}\">{}</span>",
        escape(value)
    )
}

/// The runbooks, sorted by service then title, plus the options.
pub(crate) struct Collection<'a> {
    pub input: &'a SiteInput,
    pub entries: Vec<Entry<'a>>,
    pub pages: PageMap,
}

impl<'a> Collection<'a> {
    fn new(input: &'a SiteInput) -> Result<Self, SiteError> {
        let mut pages = PageMap::default();
        let mut by_page: BTreeMap<String, &SiteDocument> = BTreeMap::new();
        let mut entries = Vec::with_capacity(input.documents.len());
        for sd in &input.documents {
            let page = page_path(&sd.rel_path);
            if let Some(first) = by_page.insert(page.clone(), sd) {
                return Err(SiteError::PageCollision {
                    first: first.document.path.clone(),
                    second: sd.document.path.clone(),
                    page,
                });
            }
            let doc = &sd.document;
            let title = doc
                .title()
                .map_or_else(|| fallback_title(sd), str::to_owned);
            pages.insert(&doc.path, page.clone(), title.clone());
            entries.push(Entry {
                source: sd,
                title,
                service: doc.service().unwrap_or_default().to_owned(),
                review: &sd.review,
                health: Health::of(sd),
                page,
            });
        }
        // Within a service, the most severe first (by rank; none last).
        let rank = |e: &Entry<'_>| e.source.severity.map_or(u16::MAX, |l| u16::from(l.rank));
        entries.sort_by(|a, b| {
            (
                a.service.is_empty(),
                a.service.to_lowercase(),
                rank(a),
                a.title.to_lowercase(),
                &a.page,
            )
                .cmp(&(
                    b.service.is_empty(),
                    b.service.to_lowercase(),
                    rank(b),
                    b.title.to_lowercase(),
                    &b.page,
                ))
        });
        Ok(Self {
            input,
            entries,
            pages,
        })
    }

    /// A linker for the page at `site_path`.
    pub(crate) fn linker(&self, site_path: &str) -> Linker<'_> {
        Linker::new(
            self.input.options.base_url.as_deref(),
            site_path,
            &self.pages,
        )
    }

    /// Wraps page content in the layout.
    pub(crate) fn layout(
        &self,
        site_path: &str,
        title: &str,
        body_class: &str,
        head: &str,
        content: &str,
    ) -> SiteFile {
        let linker = self.linker(site_path);
        let root = linker.url("");
        let site_title = escape(&self.input.options.title);
        let page_title = if title.is_empty() {
            site_title.clone()
        } else {
            format!("{} · {site_title}", escape(title))
        };
        let html = template::fill(
            template::LAYOUT,
            &[
                ("page_title", &page_title),
                ("site_title", &site_title),
                ("root", &escape(&root)),
                ("head", head),
                ("body_class", body_class),
                ("content", content),
            ],
        );
        SiteFile {
            path: site_path.to_owned(),
            contents: html.into_bytes(),
        }
    }
}

/// The file stem, when a runbook has no title at all.
fn fallback_title(sd: &SiteDocument) -> String {
    sd.rel_path.file_stem().map_or_else(
        || "Untitled runbook".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    )
}

/// Renders the whole site into memory.
pub(crate) fn render(input: &SiteInput) -> Result<Site, SiteError> {
    let collection = Collection::new(input)?;
    let rendered: Vec<(SiteFile, SearchEntry)> = collection
        .entries
        .par_iter()
        .map(|entry| runbook::render(&collection, entry))
        .collect();
    let (mut files, search_entries): (Vec<SiteFile>, Vec<SearchEntry>) =
        rendered.into_iter().unzip();
    files.push(index::render(&collection));
    files.extend(lookup::alerts(&collection));
    files.push(lookup::services(&collection));
    files.push(lookup::tags(&collection));
    files.push(rules::render(&collection));
    files.push(ownership::render(&collection));
    files.push(not_found(&collection));
    files.push(SiteFile {
        path: "assets/site.css".into(),
        contents: SITE_CSS.as_bytes().to_vec(),
    });
    files.push(SiteFile {
        path: "assets/site.js".into(),
        contents: SITE_JS.as_bytes().to_vec(),
    });
    files.push(SiteFile {
        path: "assets/search-index.js".into(),
        contents: search::index_script(&search_entries).into_bytes(),
    });
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Site { files })
}

fn not_found(collection: &Collection<'_>) -> SiteFile {
    let linker = collection.linker("404.html");
    let content = template::fill(
        template::NOT_FOUND,
        &[
            ("index_url", &escape(&linker.url("index.html"))),
            ("alerts_url", &escape(&linker.url("alerts/index.html"))),
        ],
    );
    collection.layout("404.html", "Page not found", "page-404", "", &content)
}
