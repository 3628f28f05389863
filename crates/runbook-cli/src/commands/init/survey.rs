//! Reading a repository for `runbook init`: its Markdown pages, the ones
//! that are not runbooks by default, and the links between pages.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use runbook_parse::{Document, LinkKind, LinkTarget, ParseOptions, normalize_heading};

use crate::discover::{self, DiscoverOptions};

/// Fewest section headings a page needs for another page that repeats them
/// all to count as assembled from it: one or two is a coincidence.
const MIN_PART_HEADINGS: usize = 2;

/// Pages sharing one title at most for the title to identify a page that
/// another repeats (a page and its translations share theirs).
const MAX_PAGES_PER_TITLE: usize = 8;

/// A Markdown page that may be a runbook.
pub(super) struct Page {
    /// The path as read (the repository folder joined with `rel`).
    pub path: PathBuf,
    /// The path relative to the repository, with `/` separators.
    pub rel: String,
    /// The page, parsed with the built-in aliases only.
    pub doc: Document,
}

impl Page {
    /// The folder holding the page, relative to the repository ("" at the top).
    pub fn folder(&self) -> &str {
        self.rel.rsplit_once('/').map_or("", |(folder, _)| folder)
    }

    /// Non-blank lines of the body that are not headings.
    pub fn body_lines(&self) -> Vec<&str> {
        self.doc
            .source
            .get(self.doc.body.start..)
            .unwrap_or("")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    }
}

/// What `init` found in the repository.
#[derive(Default)]
pub(super) struct Survey {
    /// Pages that may be runbooks, in path order.
    pub pages: Vec<Page>,
    /// Markdown files that are not runbooks by default, with the reason.
    pub defaults: Vec<(String, &'static str)>,
    /// Those files parsed: `runbook lint` still checks their links.
    pub default_pages: Vec<Page>,
    /// Files that could not be read as text; `runbook lint` reports them.
    pub unreadable: usize,
}

impl Survey {
    /// Reads every Markdown file under `dir`.
    pub fn read(dir: &Path) -> miette::Result<Self> {
        let found = discover::discover(&[dir.to_path_buf()], &DiscoverOptions::default())
            .map_err(|e| miette::miette!("{e}"))?;
        let options = ParseOptions::default();
        // Read and parse on every core, as `runbook lint` does.
        let read: Vec<_> = found
            .files
            .into_par_iter()
            .map(|path| {
                let rel = relative(dir, &path);
                let non_runbook = runbook_lint::default_non_runbook(Path::new(&rel));
                let doc = std::fs::read(&path)
                    .ok()
                    .and_then(|bytes| runbook_parse::parse(&path, &bytes, &options).ok());
                (path, rel, non_runbook, doc)
            })
            .collect();
        let mut survey = Self::default();
        for (path, rel, non_runbook, doc) in read {
            if let Some(non_runbook) = non_runbook {
                survey.defaults.push((rel.clone(), non_runbook.reason));
            }
            let Some(doc) = doc else {
                survey.unreadable += usize::from(non_runbook.is_none());
                continue;
            };
            let page = Page { path, rel, doc };
            if non_runbook.is_some() {
                survey.default_pages.push(page);
            } else {
                survey.pages.push(page);
            }
        }
        Ok(survey)
    }

    /// For each page, the other pages whose whole content it repeats: its
    /// headings include their title and every one of their H2 and H3
    /// headings (a plan a build assembled from its parts).
    pub fn assembled_from(&self) -> Vec<Vec<usize>> {
        let outlines: Vec<BTreeSet<String>> = self
            .pages
            .iter()
            .map(|page| {
                page.doc
                    .headings
                    .iter()
                    .filter(|h| (2..=3).contains(&h.level))
                    .map(|h| normalize_heading(&h.text))
                    .filter(|n| !n.is_empty())
                    .collect()
            })
            .collect();
        let mut by_title: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, page) in self.pages.iter().enumerate() {
            if let Some(title) = page.doc.title().map(normalize_heading)
                && !title.is_empty()
                && outlines
                    .get(i)
                    .is_some_and(|o| o.len() >= MIN_PART_HEADINGS)
            {
                by_title.entry(title).or_default().push(i);
            }
        }
        // A title many pages share ("Overview") identifies none of them.
        by_title.retain(|_, pages| pages.len() <= MAX_PAGES_PER_TITLE);
        self.pages
            .iter()
            .enumerate()
            .map(|(i, page)| {
                let all: BTreeSet<String> = page
                    .doc
                    .headings
                    .iter()
                    .map(|h| normalize_heading(&h.text))
                    .collect();
                let mut parts: Vec<usize> = all
                    .iter()
                    .filter_map(|heading| by_title.get(heading))
                    .flatten()
                    .copied()
                    .filter(|&j| j != i)
                    .filter(|&j| outlines.get(j).is_some_and(|o| o.is_subset(&all)))
                    .collect();
                parts.sort_unstable();
                parts.dedup();
                parts
            })
            .collect()
    }

    /// For each page, the pages (by index) that link to it with a relative link.
    pub fn linked_from(&self) -> Vec<BTreeSet<usize>> {
        let by_rel: HashMap<&str, usize> = self
            .pages
            .iter()
            .enumerate()
            .map(|(i, p)| (p.rel.as_str(), i))
            .collect();
        let mut from = vec![BTreeSet::new(); self.pages.len()];
        for (i, page) in self.pages.iter().enumerate() {
            for link in &page.doc.links {
                if link.kind != LinkKind::Link {
                    continue;
                }
                let Some(target) = LinkTarget::parse(&link.destination) else {
                    continue;
                };
                if target.path.is_empty() {
                    continue;
                }
                let joined = Path::new(page.folder()).join(&target.path);
                let resolved = runbook_parse::normalize_path(&joined);
                let key = resolved.to_string_lossy().replace('\\', "/");
                if let Some(&j) = by_rel.get(key.as_str())
                    && j != i
                    && let Some(set) = from.get_mut(j)
                {
                    set.insert(i);
                }
            }
        }
        from
    }

    /// Front-matter keys and how many pages use each.
    pub fn keys(&self, pages: &[usize]) -> BTreeMap<String, usize> {
        let mut keys = BTreeMap::new();
        for page in pages.iter().filter_map(|&i| self.pages.get(i)) {
            let mapping = page
                .doc
                .front_matter
                .as_ref()
                .and_then(|fm| fm.root.as_ref().ok())
                .and_then(|root| root.as_mapping());
            for entry in mapping.into_iter().flatten() {
                *keys.entry(entry.key.clone()).or_insert(0) += 1;
            }
        }
        keys
    }
}

/// `path` relative to the surveyed folder, with `/` separators.
pub(super) fn relative(dir: &Path, path: &Path) -> String {
    discover::clean(path.strip_prefix(dir).unwrap_or(path))
        .to_string_lossy()
        .replace('\\', "/")
}
