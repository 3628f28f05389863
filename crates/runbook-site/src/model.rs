//! The plain data the site is rendered from, and the rendered site.

use std::path::PathBuf;

use runbook_parse::Document;

/// Everything the site is rendered from: runbooks, their findings, the rules
/// reference and the options. Built by the caller; rendering does no I/O.
#[derive(Debug, Clone)]
pub struct SiteInput {
    /// The runbooks, in any order (pages are sorted by the renderer).
    pub documents: Vec<SiteDocument>,
    /// Every lint rule, for the rules reference page.
    pub rules: Vec<RuleDoc>,
    /// How to render.
    pub options: SiteOptions,
    /// The ownership and coverage report of the same runbooks, for the
    /// "Ownership & coverage" page.
    pub report: runbook_report::Report,
}

/// One runbook and what the linter found in it.
#[derive(Debug, Clone)]
pub struct SiteDocument {
    /// The parsed runbook; `document.path` resolves relative links and fills
    /// the "edit this page" URL.
    pub document: Document,
    /// The path relative to its source root, which decides the page URL
    /// (`db/failover.md` becomes `runbooks/db/failover.html`).
    pub rel_path: PathBuf,
    /// Lint findings for this runbook.
    pub findings: Vec<Finding>,
    /// Where its review stands, judged by the caller with the configured
    /// maximum age ([`runbook_parse::Review::of`]), as lint judges it.
    pub review: runbook_parse::Review,
    /// Where its `severity` stands on its configuration's scale, judged by
    /// the caller ([`runbook_parse::SeverityScale`]); `None` when it gives
    /// none or one the scale does not know.
    pub severity: Option<SeverityLevel>,
    /// The requirements of its configuration that apply to it, and whether
    /// each holds, as the linter judged them.
    pub requirements: Vec<RequirementStatus>,
}

/// A runbook's severity on its scale, for ordering and colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SeverityLevel {
    /// Position on the scale, 0 the most severe: the sort order.
    pub rank: u8,
    /// Colour tier, 0 (the most severe) to 5, the same on every scale
    /// ([`runbook_parse::SeverityScale::tier`]).
    pub tier: u8,
}

/// One requirement that applies to a runbook (plain data: the site never
/// runs rules).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequirementStatus {
    /// How it is named, e.g. ``requirement `sev-high` ``.
    pub requirement: String,
    /// Why it applies, e.g. ``severity `sev1` is >= high``.
    pub why: String,
    /// What it asks that the runbook lacks; empty when it holds.
    pub unmet: Vec<String>,
}

impl RequirementStatus {
    /// Whether the runbook meets it.
    pub fn holds(&self) -> bool {
        self.unmet.is_empty()
    }
}

/// How serious a [`Finding`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FindingSeverity {
    /// Worth fixing.
    Warning,
    /// Makes the runbook unsafe to follow.
    Error,
}

impl FindingSeverity {
    /// The lowercase name.
    pub fn name(self) -> &'static str {
        match self {
            FindingSeverity::Warning => "warning",
            FindingSeverity::Error => "error",
        }
    }
}

/// One lint finding, as plain data (the site never runs rules itself).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Finding {
    /// The rule id, e.g. `missing-rollback`.
    pub rule: String,
    /// How serious it is.
    pub severity: FindingSeverity,
    /// What is wrong.
    pub message: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// How to fix it, if there is something specific to say.
    pub help: Option<String>,
}

/// The documentation of one lint rule, for the rules reference page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleDoc {
    /// The stable rule id.
    pub id: String,
    /// Severity when configuration says nothing.
    pub severity: FindingSeverity,
    /// One line describing what the rule checks.
    pub summary: String,
    /// The full explanation in Markdown.
    pub explanation_markdown: String,
}

/// How to render the site.
#[derive(Debug, Clone)]
pub struct SiteOptions {
    /// The site title shown in the header.
    pub title: String,
    /// Prefix of every internal URL, e.g. `/ops/runbooks/` or
    /// `https://example.com/runbooks/`; `None` links pages relatively, which
    /// works from `file://` and from any sub-path.
    pub base_url: Option<String>,
    /// "Edit this page" URL with a `{path}` placeholder for the source path,
    /// e.g. `https://github.com/acme/ops/edit/main/{path}`.
    pub repo_url: Option<String>,
}

/// A rendered site: files with their contents, in memory, and the files
/// beside the runbooks that pages link to, to be copied in.
#[derive(Debug, Clone, Default)]
pub struct Site {
    /// Every file, with a `/`-separated relative path, sorted by path.
    pub files: Vec<SiteFile>,
    /// Images and other files the runbooks link to, sorted by site path,
    /// each once. Rendering does no I/O, so they are listed here and copied
    /// by [`crate::write_atomic`] (or served from the source by a server).
    pub assets: Vec<SiteAsset>,
}

impl Site {
    /// The file at `path`, if rendered.
    pub fn get(&self, path: &str) -> Option<&SiteFile> {
        self.files.iter().find(|f| f.path == path)
    }

    /// The number of HTML pages.
    pub fn page_count(&self) -> usize {
        self.files
            .iter()
            .filter(|f| {
                std::path::Path::new(&f.path)
                    .extension()
                    .is_some_and(|e| e == "html")
            })
            .count()
    }
}

/// A file beside the runbooks that a page links to (`![](img/map.png)`,
/// `[script](fix.sql)`), published at `path`. Only links that stay inside
/// the runbook's source folder become assets; [`crate::open_asset`] also
/// refuses a file whose real path (symbolic links resolved) leaves `root`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SiteAsset {
    /// Relative site path with `/` separators, under `runbooks/`.
    pub path: String,
    /// The file to publish, as the runbook's path was given.
    pub source: PathBuf,
    /// The source folder the runbook was found under.
    pub root: PathBuf,
}

/// What the renderer must know about every runbook before rendering any
/// page: where it is published and its title, for links between runbooks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunbookRef {
    /// The runbook's path, as in [`runbook_parse::Document::path`].
    pub path: PathBuf,
    /// Its path relative to its source root (see [`SiteDocument::rel_path`]).
    pub rel_path: PathBuf,
    /// Its title: front-matter `title`, the first `#` heading or the file name.
    pub title: String,
}

impl RunbookRef {
    /// The reference of a parsed runbook.
    pub fn of(sd: &SiteDocument) -> Self {
        Self {
            path: sd.document.path.clone(),
            rel_path: sd.rel_path.clone(),
            title: title_of(sd),
        }
    }
}

/// A runbook's title, or its file name when it has none.
pub(crate) fn title_of(sd: &SiteDocument) -> String {
    sd.document.title().map_or_else(
        || {
            sd.rel_path.file_stem().map_or_else(
                || "Untitled runbook".to_owned(),
                |s| s.to_string_lossy().into_owned(),
            )
        },
        str::to_owned,
    )
}

/// One rendered runbook page, with what the site-wide pages need of it.
#[derive(Debug, Clone)]
pub struct RenderedRunbook {
    /// The page.
    pub file: SiteFile,
    /// What the index, lookup pages and search index need: a few hundred
    /// bytes, so a build need not keep the parsed runbook.
    pub summary: crate::pages::RunbookSummary,
    /// The files beside the runbook its page links to.
    pub assets: Vec<SiteAsset>,
}

/// One rendered file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteFile {
    /// Relative path with `/` separators, e.g. `runbooks/db/failover.html`.
    pub path: String,
    /// The bytes to write.
    pub contents: Vec<u8>,
}

impl SiteFile {
    /// The contents as text (every file the renderer makes is UTF-8).
    pub fn text(&self) -> &str {
        std::str::from_utf8(&self.contents).unwrap_or("")
    }
}
