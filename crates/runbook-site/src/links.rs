//! Page URLs: where each runbook is published, and how links between pages
//! (including `other.md#anchor` links between runbooks) and to files beside
//! the runbooks (images, scripts) are rewritten.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use runbook_parse::{LinkTarget, normalize_path};

use crate::model::SiteAsset;
use crate::template::{encode_path, is_safe_url};

/// Maps source paths of runbooks to their site paths.
#[derive(Debug, Default)]
pub(crate) struct PageMap {
    /// Normalised source path to (site path, title).
    by_source: HashMap<PathBuf, (String, String)>,
    /// Every site path of a runbook page.
    pages: std::collections::HashSet<String>,
}

impl PageMap {
    /// Registers a runbook; returns the page of an earlier runbook at the
    /// same source path, if any.
    pub(crate) fn insert(&mut self, source: &Path, page: String, title: String) -> Option<String> {
        self.pages.insert(page.clone());
        self.by_source
            .insert(normalize_path(source), (page, title))
            .map(|(page, _)| page)
    }

    /// The page of the runbook at this source path.
    pub(crate) fn get(&self, source: &Path) -> Option<&str> {
        self.by_source
            .get(&normalize_path(source))
            .map(|(page, _)| page.as_str())
    }

    /// Whether a runbook is published at this site path.
    pub(crate) fn is_page(&self, site_path: &str) -> bool {
        self.pages.contains(site_path)
    }

    /// The title of the runbook at this source path.
    pub(crate) fn title(&self, source: &Path) -> Option<&str> {
        self.by_source
            .get(&normalize_path(source))
            .map(|(_, title)| title.as_str())
    }
}

/// The site path of a runbook: `runbooks/` + its relative path, made
/// URL-safe, with `.md` replaced by `.html`.
pub(crate) fn page_path(rel_path: &Path) -> String {
    let mut path = mirrored_path(rel_path);
    if let Some(stem) = path.strip_suffix(".md") {
        path = stem.to_owned();
    }
    if path == "runbooks/" {
        path.push_str("runbook");
    }
    path.push_str(".html");
    path
}

/// `runbooks/` + a path relative to the source root, each component made
/// URL-safe: where pages and the files they link to are published, so a
/// page and its images keep their relative positions.
fn mirrored_path(rel_path: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for component in rel_path.components() {
        if let Component::Normal(part) = component {
            let safe: String = part
                .to_string_lossy()
                .chars()
                .map(|c| {
                    if c.is_alphanumeric() || "._-".contains(c) {
                        c
                    } else {
                        '-'
                    }
                })
                .collect();
            let safe = safe.trim_start_matches('.').to_owned();
            if !safe.is_empty() {
                parts.push(safe);
            }
        }
    }
    format!("runbooks/{}", parts.join("/"))
}

/// The file name of an alert's stable URL, `alerts/<name>.html`.
pub(crate) fn alert_path(alert: &str) -> String {
    let safe: String = alert
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "_-.:".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("alerts/{}.html", safe.trim_start_matches('.'))
}

/// The source folder a runbook was found under: its path without the
/// trailing components of its path relative to that folder.
pub(crate) fn source_root(path: &Path, rel_path: &Path) -> PathBuf {
    let mut root = normalize_path(path);
    for _ in rel_path
        .components()
        .filter(|c| matches!(c, Component::Normal(_)))
    {
        if !root.pop() {
            break;
        }
    }
    root
}

/// Builds URLs as seen from one page.
#[derive(Debug)]
pub(crate) struct Linker<'a> {
    /// Prefix that reaches the site root from this page.
    root: String,
    pages: &'a PageMap,
    /// The folder of the runbook being rendered, for its relative links.
    source_dir: PathBuf,
    /// The source folder the runbook was found under; linked files outside
    /// it are not published.
    source_root: PathBuf,
    /// Files beside the runbook that its links point at, to publish.
    assets: Mutex<Vec<SiteAsset>>,
}

impl<'a> Linker<'a> {
    /// A linker for the page at `site_path`.
    pub(crate) fn new(base_url: Option<&str>, site_path: &str, pages: &'a PageMap) -> Self {
        let root = match base_url {
            Some(base) if !base.is_empty() => {
                if base.ends_with('/') {
                    base.to_owned()
                } else {
                    format!("{base}/")
                }
            }
            _ => "../".repeat(site_path.matches('/').count()),
        };
        Self {
            root,
            pages,
            source_dir: PathBuf::new(),
            source_root: PathBuf::new(),
            assets: Mutex::new(Vec::new()),
        }
    }

    /// Resolves relative links against the folder of `source`, a runbook
    /// found at `rel_path` under its source folder.
    pub(crate) fn with_source(mut self, source: &Path, rel_path: &Path) -> Self {
        self.source_dir = normalize_path(source.parent().unwrap_or(Path::new("")));
        self.source_root = source_root(source, rel_path);
        self
    }

    /// The files beside the runbook its links point at, in link order,
    /// each once.
    pub(crate) fn take_assets(&self) -> Vec<SiteAsset> {
        let mut assets = self
            .assets
            .lock()
            .map(|mut a| std::mem::take(&mut *a))
            .unwrap_or_default();
        let mut seen = std::collections::HashSet::new();
        assets.retain(|a| seen.insert(a.path.clone()));
        assets
    }

    /// The URL of a site path from this page.
    pub(crate) fn url(&self, site_path: &str) -> String {
        format!("{}{}", self.root, encode_path(site_path))
    }

    /// The page of a runbook source path (relative to the current runbook).
    /// The path is resolved as the linter resolves it ([`LinkTarget`]),
    /// so every link `broken-link` accepts finds its page; the fragment is
    /// kept as written, since it is already URL text.
    pub(crate) fn runbook_url(&self, source: &str) -> Option<String> {
        let target = LinkTarget::parse(source)?;
        let page = self.pages.get(&self.source_dir.join(&target.path))?;
        let mut url = self.url(page);
        if let Some((_, fragment)) = source.split_once('#')
            && !fragment.is_empty()
        {
            url.push('#');
            url.push_str(fragment);
        }
        Some(url)
    }

    /// The title of a runbook source path (relative to the current runbook).
    pub(crate) fn runbook_title(&self, source: &str) -> Option<&str> {
        let target = LinkTarget::parse(source)?;
        self.pages.title(&self.source_dir.join(&target.path))
    }

    /// Rewrites a link destination from Markdown: `None` when it is unsafe
    /// and must be dropped; links to other runbooks point at their pages,
    /// and links to other files inside the source folder at their
    /// published copies (recorded for [`Linker::take_assets`]).
    pub(crate) fn rewrite(&self, destination: &str) -> Option<String> {
        if !is_safe_url(destination) {
            return None;
        }
        let is_local = !destination.contains(':') && !destination.starts_with(['/', '#']);
        if !is_local {
            return Some(destination.to_owned());
        }
        let path = destination.split(['#', '?']).next().unwrap_or("");
        if path.to_ascii_lowercase().ends_with(".md") {
            // Another runbook's page; Markdown that is not a runbook (a
            // README, a missing file the linter reports) stays as written.
            return Some(
                self.runbook_url(destination)
                    .unwrap_or_else(|| destination.to_owned()),
            );
        }
        Some(
            self.asset_url(destination)
                .unwrap_or_else(|| destination.to_owned()),
        )
    }

    /// The URL of the published copy of a file a relative link points at,
    /// or `None` when the link leaves the source folder (such files are
    /// never published) or names no file.
    fn asset_url(&self, destination: &str) -> Option<String> {
        let target = LinkTarget::parse(destination)?;
        if target.path.is_empty() || target.path.ends_with('/') {
            return None;
        }
        let source = normalize_path(&self.source_dir.join(&target.path));
        let inside = source.strip_prefix(&self.source_root).ok()?;
        let is_plain = inside.components().next().is_some()
            && inside
                .components()
                .all(|c| matches!(c, Component::Normal(_)));
        if !is_plain {
            return None;
        }
        let site_path = mirrored_path(inside);
        if self.pages.is_page(&site_path) {
            // A file published as a page already (`x.html` beside `x.md`).
            return None;
        }
        let mut url = self.url(&site_path);
        if let Some((_, fragment)) = destination.split_once('#') {
            url.push('#');
            url.push_str(fragment);
        }
        if let Ok(mut assets) = self.assets.lock() {
            assets.push(SiteAsset {
                path: site_path,
                source,
                root: self.source_root.clone(),
            });
        }
        Some(url)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_paths_mirror_sources_safely() {
        assert_eq!(
            page_path(Path::new("db/failover.md")),
            "runbooks/db/failover.html"
        );
        assert_eq!(
            page_path(Path::new("../a b/<x>.md")),
            "runbooks/a-b/-x-.html"
        );
        assert_eq!(page_path(Path::new("")), "runbooks/runbook.html");
    }

    #[test]
    fn links_between_runbooks_keep_anchors() {
        let mut pages = PageMap::default();
        pages.insert(
            Path::new("runbooks/db/restore.md"),
            "runbooks/db/restore.html".into(),
            "Restore".into(),
        );
        let linker = Linker::new(None, "runbooks/db/failover.html", &pages).with_source(
            Path::new("runbooks/db/failover.md"),
            Path::new("db/failover.md"),
        );
        assert_eq!(
            linker.rewrite("restore.md#procedure").as_deref(),
            Some("../../runbooks/db/restore.html#procedure")
        );
        assert_eq!(
            linker.rewrite("./restore.md").as_deref(),
            Some("../../runbooks/db/restore.html")
        );
        assert_eq!(
            linker.rewrite("../db/restore.md#x").as_deref(),
            Some("../../runbooks/db/restore.html#x")
        );
        assert_eq!(
            linker.rewrite("missing.md#x").as_deref(),
            Some("missing.md#x")
        );
        assert_eq!(
            linker.rewrite("https://x.test/a.md").as_deref(),
            Some("https://x.test/a.md")
        );
        assert_eq!(linker.rewrite("javascript:alert(1)"), None);
    }

    #[test]
    fn links_resolve_like_the_linter_resolves_them() {
        let mut pages = PageMap::default();
        pages.insert(
            Path::new("db/fail over.md"),
            "db/fail-over.html".into(),
            "Fail over".into(),
        );
        let linker = Linker::new(None, "db/restore.html", &pages)
            .with_source(Path::new("db/restore.md"), Path::new("db/restore.md"));
        // Percent-encoded paths and query strings, as `broken-link` reads them.
        assert_eq!(
            linker.rewrite("fail%20over.md?plain=1#step-2").as_deref(),
            Some("../db/fail-over.html#step-2")
        );
        assert_eq!(linker.runbook_title("./fail%20over.md"), Some("Fail over"));
    }

    #[test]
    fn files_beside_runbooks_are_published_and_links_leaving_the_tree_are_not() {
        let mut pages = PageMap::default();
        pages.insert(
            Path::new("ops/db/failover.md"),
            "runbooks/db/failover.html".into(),
            "Failover".into(),
        );
        let linker = Linker::new(None, "runbooks/db/failover.html", &pages).with_source(
            Path::new("ops/./db/failover.md"),
            Path::new("db/failover.md"),
        );
        assert_eq!(
            linker.rewrite("img/topology%20map.png").as_deref(),
            Some("../../runbooks/db/img/topology-map.png")
        );
        assert_eq!(
            linker.rewrite("../scripts/fix.sql#L3").as_deref(),
            Some("../../runbooks/scripts/fix.sql#L3")
        );
        // Leaving the source folder `ops/`: left as written, not published.
        assert_eq!(
            linker.rewrite("../../secrets.yaml").as_deref(),
            Some("../../secrets.yaml")
        );
        assert_eq!(
            linker.rewrite("../../ops/x.png").as_deref(),
            Some("../../runbooks/x.png"),
            "a detour that comes back inside is fine"
        );
        assert_eq!(linker.rewrite("img/").as_deref(), Some("img/"));
        let assets = linker.take_assets();
        let listed: Vec<_> = assets
            .iter()
            .map(|a| (a.path.as_str(), a.source.to_string_lossy().into_owned()))
            .collect();
        assert_eq!(
            listed,
            [
                (
                    "runbooks/db/img/topology-map.png",
                    "ops/db/img/topology map.png".to_owned()
                ),
                ("runbooks/scripts/fix.sql", "ops/scripts/fix.sql".to_owned()),
                ("runbooks/x.png", "ops/x.png".to_owned()),
            ]
        );
        assert!(assets.iter().all(|a| a.root == Path::new("ops")));
    }

    #[test]
    fn a_file_given_by_name_is_its_own_tree() {
        let pages = PageMap::default();
        let linker = Linker::new(None, "runbooks/x.html", &pages)
            .with_source(Path::new("x.md"), Path::new("x.md"));
        assert_eq!(
            linker.rewrite("a.png").as_deref(),
            Some("../runbooks/a.png")
        );
        assert_eq!(linker.rewrite("../a.png").as_deref(), Some("../a.png"));
        assert_eq!(
            source_root(Path::new("a/b/c.md"), Path::new("b/c.md")),
            Path::new("a")
        );
    }

    #[test]
    fn base_url_prefixes_every_internal_link() {
        let pages = PageMap::default();
        let linker = Linker::new(Some("/ops"), "runbooks/a.html", &pages);
        assert_eq!(linker.url("index.html"), "/ops/index.html");
        let linker = Linker::new(None, "index.html", &pages);
        assert_eq!(linker.url("alerts/X.html"), "alerts/X.html");
    }

    #[test]
    fn alert_paths_are_file_safe() {
        assert_eq!(alert_path("PostgresDown"), "alerts/PostgresDown.html");
        assert_eq!(alert_path("../x/y"), "alerts/_x_y.html");
    }
}
