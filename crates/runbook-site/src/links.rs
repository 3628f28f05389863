//! Page URLs: where each runbook is published, and how links between pages
//! (including `other.md#anchor` links between runbooks) are rewritten.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use runbook_parse::{LinkTarget, normalize_path};

use crate::template::{encode_path, is_safe_url};

/// Maps source paths of runbooks to their site paths.
#[derive(Debug, Default)]
pub(crate) struct PageMap {
    /// Normalised source path to (site path, title).
    by_source: HashMap<PathBuf, (String, String)>,
}

impl PageMap {
    /// Registers a runbook; returns the page of an earlier runbook at the
    /// same source path, if any.
    pub(crate) fn insert(&mut self, source: &Path, page: String, title: String) -> Option<String> {
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
    let mut path = format!("runbooks/{}", parts.join("/"));
    if let Some(stem) = path.strip_suffix(".md") {
        path = stem.to_owned();
    }
    if parts.is_empty() {
        path.push_str("runbook");
    }
    path.push_str(".html");
    path
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

/// Builds URLs as seen from one page.
#[derive(Debug, Clone)]
pub(crate) struct Linker<'a> {
    /// Prefix that reaches the site root from this page.
    root: String,
    pages: &'a PageMap,
    /// The folder of the runbook being rendered, for its relative links.
    source_dir: PathBuf,
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
        }
    }

    /// Resolves relative links against the folder of `source`.
    pub(crate) fn with_source(mut self, source: &Path) -> Self {
        self.source_dir = source.parent().map(Path::to_path_buf).unwrap_or_default();
        self
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
    /// and must be dropped; links to other runbooks point at their pages.
    pub(crate) fn rewrite(&self, destination: &str) -> Option<String> {
        if !is_safe_url(destination) {
            return None;
        }
        let is_local = !destination.contains(':') && !destination.starts_with(['/', '#']);
        let path = destination.split(['#', '?']).next().unwrap_or("");
        if is_local
            && path.to_ascii_lowercase().ends_with(".md")
            && let Some(url) = self.runbook_url(destination)
        {
            return Some(url);
        }
        Some(destination.to_owned())
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
        let linker = Linker::new(None, "runbooks/db/failover.html", &pages)
            .with_source(Path::new("runbooks/db/failover.md"));
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
        let linker =
            Linker::new(None, "db/restore.html", &pages).with_source(Path::new("db/restore.md"));
        // Percent-encoded paths and query strings, as `broken-link` reads them.
        assert_eq!(
            linker.rewrite("fail%20over.md?plain=1#step-2").as_deref(),
            Some("../db/fail-over.html#step-2")
        );
        assert_eq!(linker.runbook_title("./fail%20over.md"), Some("Fail over"));
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
