//! Matching alerting rules to runbooks, by name and by `runbook_url`.

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

use super::rules::AlertRule;
use crate::model::{AlertStatus, LinkStatus, UnknownAlert};

/// What coverage needs to know about one runbook.
pub(crate) struct RunbookRef<'a> {
    /// The runbook's path, as given.
    pub path: &'a Path,
    /// Its front-matter `id`, if any.
    pub id: Option<&'a str>,
    /// Its `alerts` list, with the 1-based line of each name.
    pub alerts: Vec<(&'a str, usize)>,
}

/// Lookup tables over the runbooks, built once so that matching stays
/// linear in the number of alerts and runbooks.
struct Index<'a> {
    by_alert: HashMap<&'a str, Vec<&'a Path>>,
    by_path: HashMap<PathBuf, &'a Path>,
    by_stem: HashMap<String, &'a Path>,
    by_id: HashMap<String, &'a Path>,
    /// Normalised paths in input order, for suffix matches.
    normalized: Vec<(PathBuf, &'a Path)>,
}

impl<'a> Index<'a> {
    fn new(runbooks: &[RunbookRef<'a>]) -> Self {
        let mut index = Index {
            by_alert: HashMap::new(),
            by_path: HashMap::new(),
            by_stem: HashMap::new(),
            by_id: HashMap::new(),
            normalized: Vec::with_capacity(runbooks.len()),
        };
        for r in runbooks {
            for &(name, _) in &r.alerts {
                let paths = index.by_alert.entry(name).or_default();
                if !paths.contains(&r.path) {
                    paths.push(r.path);
                }
            }
            let normalized = normalize(r.path);
            index.by_path.entry(normalized.clone()).or_insert(r.path);
            index.normalized.push((normalized, r.path));
            if let Some(stem) = r.path.file_stem().and_then(|s| s.to_str()) {
                index.by_stem.entry(stem.to_lowercase()).or_insert(r.path);
            }
            if let Some(id) = r.id {
                index
                    .by_id
                    .entry(id.trim().to_lowercase())
                    .or_insert(r.path);
            }
        }
        index
    }
}

/// Matches every alert to the runbooks that answer it, and every runbook
/// alert name to the rules. `bases` are the collection roots; each alert's
/// own rules-file directory is tried first.
pub(crate) fn coverage(
    alerts: &[AlertRule],
    runbooks: &[RunbookRef<'_>],
    bases: &[PathBuf],
) -> (Vec<AlertStatus>, Vec<UnknownAlert>) {
    let index = Index::new(runbooks);
    let statuses = alerts
        .iter()
        .map(|alert| status(alert, &index, bases))
        .collect();
    let known: HashSet<&str> = alerts.iter().map(|a| a.name.as_str()).collect();
    let unknown = runbooks
        .iter()
        .flat_map(|r| {
            r.alerts
                .iter()
                .filter(|(name, _)| !known.contains(name))
                .map(|&(name, line)| UnknownAlert {
                    runbook: r.path.to_path_buf(),
                    alert: name.to_owned(),
                    line,
                })
        })
        .collect();
    (statuses, unknown)
}

fn status(alert: &AlertRule, index: &Index<'_>, bases: &[PathBuf]) -> AlertStatus {
    let mut answered_by: Vec<PathBuf> = index
        .by_alert
        .get(alert.name.as_str())
        .map(|paths| paths.iter().map(|p| p.to_path_buf()).collect())
        .unwrap_or_default();
    let link = match &alert.runbook_url {
        None => LinkStatus::None,
        Some(url) if url.contains("{{") => LinkStatus::Templated,
        Some(url) => {
            let rules_dir = alert.file.parent().unwrap_or(Path::new(""));
            match resolve(url, rules_dir, index, bases) {
                Some(path) => {
                    if !answered_by.iter().any(|p| p == path) {
                        answered_by.push(path.to_path_buf());
                    }
                    LinkStatus::Resolved
                }
                None => LinkStatus::Broken,
            }
        }
    };
    answered_by.sort();
    AlertStatus {
        covered: !answered_by.is_empty(),
        runbooks: answered_by,
        link,
        rule: alert.clone(),
    }
}

/// The runbook a `runbook_url` points at, if it is in the collection.
///
/// A relative path to a Markdown file is resolved against the rules file's
/// directory, then each collection root, then matched as a path suffix of
/// a runbook (`runbooks/x.md` matches `./docs/runbooks/x.md`). Anything else
/// (a URL, an absolute path, a page name) is matched by the stem of its last
/// path segment against runbook file stems, then `id`s, ignoring case, so
/// `https://runbooks.example.com/dns-failover.html` finds `dns-failover.md`.
/// Anchors and query strings are ignored.
fn resolve<'a>(
    url: &str,
    rules_dir: &Path,
    index: &Index<'a>,
    bases: &[PathBuf],
) -> Option<&'a Path> {
    let target = url.split(['#', '?']).next().unwrap_or("");
    if target.is_empty() {
        return None;
    }
    let is_url = target.contains("://") || target.starts_with('/');
    let is_markdown = Path::new(target)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"));
    if !is_url && is_markdown {
        let relative = Path::new(target);
        let by_base = std::iter::once(rules_dir)
            .chain(bases.iter().map(PathBuf::as_path))
            .find_map(|base| index.by_path.get(&normalize(&base.join(relative))).copied());
        return by_base.or_else(|| {
            let suffix = normalize(relative);
            let is_plain = suffix
                .components()
                .all(|c| matches!(c, Component::Normal(_)));
            is_plain
                .then(|| {
                    index
                        .normalized
                        .iter()
                        .find(|(path, _)| path.ends_with(&suffix))
                        .map(|&(_, original)| original)
                })
                .flatten()
        });
    }
    let stem = page_stem(target)?.to_lowercase();
    index
        .by_stem
        .get(&stem)
        .or_else(|| index.by_id.get(&stem))
        .copied()
}

/// The page name a URL ends in: its last non-empty path segment without
/// extension, skipping `index.html`-style segments to their directory.
fn page_stem(target: &str) -> Option<String> {
    let path = match target.split_once("://") {
        Some((_, rest)) => rest.split_once('/').map_or("", |(_, path)| path),
        None => target,
    };
    path.split('/')
        .rev()
        .filter(|s| !s.is_empty())
        .map(|segment| {
            segment
                .rsplit_once('.')
                .map_or(segment, |(stem, _)| stem)
                .to_owned()
        })
        .find(|stem| !stem.is_empty() && !stem.eq_ignore_ascii_case("index"))
}

/// Removes `.` and folds `..` into its parent, without touching the disk.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                let can_pop = matches!(out.components().next_back(), Some(Component::Normal(_)));
                if can_pop {
                    out.pop();
                } else {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
#[expect(clippy::indexing_slicing, reason = "tests index known results")]
mod tests {
    use super::*;

    fn refs() -> Vec<RunbookRef<'static>> {
        vec![
            RunbookRef {
                path: Path::new("runbooks/dns-failover.md"),
                id: None,
                alerts: vec![("EdgeDown", 3)],
            },
            RunbookRef {
                path: Path::new("runbooks/db/restart.md"),
                id: Some("restart-db"),
                alerts: vec![("Ghost", 7)],
            },
        ]
    }

    fn find(url: &str) -> Option<&'static Path> {
        let bases = [PathBuf::from("runbooks")];
        let refs = refs();
        resolve(url, Path::new("alerts"), &Index::new(&refs), &bases)
    }

    #[test]
    fn urls_match_by_page_stem_ignoring_anchors_and_case() {
        let dns = Some(Path::new("runbooks/dns-failover.md"));
        assert_eq!(find("https://runbooks.example.com/dns-failover.html"), dns);
        assert_eq!(find("https://x.example/edge/DNS-Failover/#steps"), dns);
        assert_eq!(find("https://x.example/dns-failover/index.html?x=1"), dns);
        assert_eq!(find("/dns-failover"), dns);
        assert_eq!(
            find("https://x.example/restart-db.html"),
            Some(Path::new("runbooks/db/restart.md"))
        );
        assert_eq!(find("https://x.example/purge-cdn.html"), None);
        assert_eq!(find("https://x.example/"), None);
        assert_eq!(find("#only-an-anchor"), None);
    }

    #[test]
    fn relative_paths_resolve_against_rules_dir_roots_and_suffixes() {
        let restart = Some(Path::new("runbooks/db/restart.md"));
        assert_eq!(find("../runbooks/db/restart.md"), restart);
        assert_eq!(find("db/restart.md"), restart);
        assert_eq!(find("./runbooks/db/restart.md#rollback"), restart);
        assert_eq!(
            find("runbooks/dns-failover.md"),
            Some(Path::new("runbooks/dns-failover.md"))
        );
        assert_eq!(find("runbooks/missing.md"), None);
        assert_eq!(find("../../elsewhere/restart.md"), None);
    }

    #[test]
    fn normalize_folds_dots() {
        assert_eq!(normalize(Path::new("a/./b/../c")), PathBuf::from("a/c"));
        assert_eq!(normalize(Path::new("../a")), PathBuf::from("../a"));
    }

    fn rule(name: &str, url: Option<&str>) -> AlertRule {
        AlertRule {
            name: name.to_owned(),
            file: PathBuf::from("alerts/rules.yaml"),
            line: 1,
            group: None,
            service: None,
            severity: None,
            runbook_url: url.map(str::to_owned),
            runbook_url_line: None,
        }
    }

    #[test]
    fn coverage_by_name_by_url_broken_and_unknown() {
        let alerts = [
            rule("EdgeDown", None),
            rule("ByUrl", Some("https://x/restart-db.html")),
            rule("Broken", Some("runbooks/gone.md")),
            rule("Templated", Some("https://x/{{ $labels.alertname }}.html")),
            rule("Nothing", None),
        ];
        let (statuses, unknown) = coverage(&alerts, &refs(), &[PathBuf::from("runbooks")]);
        let summary: Vec<(&str, bool, LinkStatus)> = statuses
            .iter()
            .map(|s| (s.rule.name.as_str(), s.covered, s.link))
            .collect();
        assert_eq!(
            summary,
            [
                ("EdgeDown", true, LinkStatus::None),
                ("ByUrl", true, LinkStatus::Resolved),
                ("Broken", false, LinkStatus::Broken),
                ("Templated", false, LinkStatus::Templated),
                ("Nothing", false, LinkStatus::None),
            ]
        );
        assert_eq!(unknown.len(), 1);
        assert_eq!(unknown[0].alert, "Ghost");
        assert_eq!(unknown[0].line, 7);
    }
}
