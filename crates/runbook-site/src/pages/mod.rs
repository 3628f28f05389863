//! Page rendering: the shared layout, the per-runbook summary every page
//! uses, and one module per page family.
//!
//! Rendering has two steps so a build need not hold every parsed runbook
//! at once: a [`Renderer`], made from where every runbook is published,
//! renders each runbook's page on its own and keeps a small
//! [`RunbookSummary`]; the site-wide pages (index, lookups, search index,
//! ownership) are then rendered from the summaries. To add a site-wide
//! page, write a function returning a [`SiteFile`] from the [`Collection`]
//! and call it in [`Renderer::render_collection`].

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
use crate::model::{
    FindingSeverity, RenderedRunbook, RunbookRef, SeverityLevel, Site, SiteDocument, SiteFile,
    SiteInput, SiteOptions,
};
use crate::search::{self, SearchRow};
use crate::template::{self, escape};

/// The stylesheet, written once.
const SITE_CSS: &str = include_str!("../../assets/site.css");
/// The behaviour: search, filters, copy buttons, checklists, keyboard shortcut.
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

/// What the site-wide pages need to know about one runbook, kept after
/// its page is rendered (the parsed runbook is not).
#[derive(Debug, Clone)]
pub struct RunbookSummary {
    /// Site path of its page.
    pub(crate) page: String,
    pub(crate) title: String,
    pub(crate) service: String,
    pub(crate) severity: String,
    pub(crate) status: String,
    pub(crate) owners: Vec<String>,
    pub(crate) tags: Vec<String>,
    pub(crate) alerts: Vec<String>,
    pub(crate) review: Review,
    /// The severity's rank and tier, when the configuration knows the value.
    pub(crate) severity_level: Option<SeverityLevel>,
    pub(crate) health: Health,
    pub(crate) search: SearchRow,
}

/// The summary every page family works with.
pub(crate) type Entry = RunbookSummary;

impl RunbookSummary {
    /// The site path of the runbook's page.
    pub fn page(&self) -> &str {
        &self.page
    }

    pub(crate) fn severity(&self) -> &str {
        &self.severity
    }

    pub(crate) fn status(&self) -> &str {
        &self.status
    }

    /// What the severity filter matches: the rank (so `SEV1` and
    /// `critical` are one choice), else the value as written, lowercase.
    pub(crate) fn severity_key(&self) -> String {
        match (self.severity_level, self.severity()) {
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
            .severity_level
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

/// Renders pages: knows where every runbook is published, so links
/// between runbooks resolve, and the options.
#[derive(Debug)]
pub struct Renderer {
    options: SiteOptions,
    pages: PageMap,
}

impl Renderer {
    /// A renderer for a site of these runbooks; fails when two of them
    /// would be published at the same URL.
    pub fn new(options: SiteOptions, runbooks: &[RunbookRef]) -> Result<Self, SiteError> {
        let mut pages = PageMap::default();
        let mut by_page: BTreeMap<String, &RunbookRef> = BTreeMap::new();
        for runbook in runbooks {
            let page = page_path(&runbook.rel_path);
            if let Some(first) = by_page.insert(page.clone(), runbook) {
                return Err(SiteError::PageCollision {
                    first: first.path.clone(),
                    second: runbook.path.clone(),
                    page,
                });
            }
            pages.insert(&runbook.path, page, runbook.title.clone());
        }
        Ok(Self { options, pages })
    }

    /// The options pages are rendered with.
    pub fn options(&self) -> &SiteOptions {
        &self.options
    }

    /// Renders one runbook's page, its summary and the files it links to.
    pub fn render_runbook(&self, sd: &SiteDocument) -> RenderedRunbook {
        runbook::render(self, sd)
    }

    /// Renders the site-wide pages and assets from the runbooks' summaries
    /// (in any order), the rules reference and report of `input`; its
    /// `documents` are used only to compute a report when it has none.
    pub fn render_collection(
        &self,
        input: &SiteInput,
        entries: Vec<RunbookSummary>,
    ) -> Vec<SiteFile> {
        let mut files = Vec::new();
        // Collecting never fails, so neither does this.
        let _ = self.write_collection(input, entries, &mut |f| {
            files.push(f);
            Ok(())
        });
        files
    }

    /// [`Renderer::render_collection`], handing each file to `write` as
    /// soon as it is rendered, so the site-wide pages of a big collection
    /// are never all in memory at once; stops at the first error.
    pub fn write_collection(
        &self,
        input: &SiteInput,
        mut entries: Vec<RunbookSummary>,
        write: &mut dyn FnMut(SiteFile) -> Result<(), SiteError>,
    ) -> Result<(), SiteError> {
        // Within a service, the most severe first (by rank; none last).
        let rank = |e: &Entry| e.severity_level.map_or(u16::MAX, |l| u16::from(l.rank));
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
        let collection = Collection {
            input,
            entries,
            renderer: self,
        };
        write(index::render(&collection))?;
        lookup::alerts(&collection, write)?;
        write(lookup::services(&collection))?;
        write(lookup::tags(&collection))?;
        write(rules::render(&collection))?;
        write(ownership::render(&collection))?;
        write(not_found(&collection))?;
        write(SiteFile {
            path: "assets/site.css".into(),
            contents: SITE_CSS.as_bytes().to_vec(),
        })?;
        write(SiteFile {
            path: "assets/site.js".into(),
            contents: SITE_JS.as_bytes().to_vec(),
        })?;
        // Sorted by page so the index does not change with the grouping.
        let mut rows: Vec<(&str, &SearchRow)> = collection
            .entries
            .iter()
            .map(|e| (e.page.as_str(), &e.search))
            .collect();
        rows.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let rows: Vec<&SearchRow> = rows.into_iter().map(|(_, row)| row).collect();
        write(SiteFile {
            path: "assets/search-index.js".into(),
            contents: search::index_script(&rows).into_bytes(),
        })
    }

    /// A linker for the page at `site_path`.
    pub(crate) fn linker(&self, site_path: &str) -> Linker<'_> {
        Linker::new(self.options.base_url.as_deref(), site_path, &self.pages)
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
        let site_title = escape(&self.options.title);
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

/// The runbooks' summaries, sorted by service then title, and what the
/// site-wide pages are rendered with.
pub(crate) struct Collection<'a> {
    pub input: &'a SiteInput,
    pub entries: Vec<RunbookSummary>,
    renderer: &'a Renderer,
}

impl Collection<'_> {
    /// A linker for the page at `site_path`.
    pub(crate) fn linker(&self, site_path: &str) -> Linker<'_> {
        self.renderer.linker(site_path)
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
        self.renderer
            .layout(site_path, title, body_class, head, content)
    }
}

/// Renders the whole site into memory.
pub(crate) fn render(input: &SiteInput) -> Result<Site, SiteError> {
    let refs: Vec<RunbookRef> = input.documents.iter().map(RunbookRef::of).collect();
    let renderer = Renderer::new(input.options.clone(), &refs)?;
    let pages: Vec<RenderedRunbook> = input
        .documents
        .par_iter()
        .map(|sd| renderer.render_runbook(sd))
        .collect();
    let mut files = Vec::with_capacity(pages.len() + 16);
    let mut summaries = Vec::with_capacity(pages.len());
    let mut assets = Vec::new();
    for r in pages {
        files.push(r.file);
        summaries.push(r.summary);
        assets.extend(r.assets);
    }
    files.extend(renderer.render_collection(input, summaries));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    assets.sort();
    assets.dedup_by(|a, b| a.path == b.path);
    Ok(Site { files, assets })
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
