//! The cross-file index: what each file contributes, and the pass over all.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use runbook_parse::{Document, LinkKind, LinkTarget, normalize_path};

use crate::config::{Config, PathRules};
use crate::diagnostic::{Diagnostic, Location, Related, fingerprint};
use crate::engine::{Compiled, FileResult, sort};
use crate::rule::RuleMeta;
use crate::rules::{BrokenLink, DuplicateAlert, UnusedSuppression};
use crate::suppress::{self, Suppression, SuppressionKind};

/// What the cross-file pass needs to know about one file.
#[derive(Debug, Clone, Default)]
pub struct FileIndex {
    /// Whether the file is linted as a runbook (else only a link target).
    pub is_runbook: bool,
    /// Every anchor of the file ([`runbook_parse::Document::anchors`]), lowercase.
    pub anchors: HashSet<String>,
    /// Alerts claimed in front-matter `alerts`.
    pub alerts: Vec<(String, Location)>,
    /// Relative links to check.
    pub links: Vec<OutLink>,
    /// Suppression comments.
    pub suppressions: Vec<Suppression>,
}

/// A link that points into the repository.
#[derive(Debug, Clone)]
pub struct OutLink {
    /// The destination as written.
    pub destination: String,
    /// The decoded path part (empty for `#anchor` links).
    pub path: String,
    /// The decoded `#fragment`, if any.
    pub anchor: Option<String>,
    /// Where the link is.
    pub location: Location,
}

impl FileIndex {
    /// Extracts the index entries of `doc`.
    pub fn new(doc: &Document, is_runbook: bool) -> Self {
        let anchors: HashSet<String> = doc.anchors().map(str::to_lowercase).collect();
        let links = doc
            .links
            .iter()
            .filter(|l| l.kind != LinkKind::Autolink)
            .filter_map(|l| {
                let LinkTarget { path, anchor } = LinkTarget::parse(&l.destination)?;
                Some(OutLink {
                    destination: l.destination.clone(),
                    path,
                    anchor,
                    location: Location::new(doc, l.span),
                })
            })
            .collect();
        let alerts = if is_runbook {
            doc.metadata
                .alerts
                .iter()
                .map(|a| (a.value.clone(), Location::new(doc, a.span)))
                .collect()
        } else {
            Vec::new()
        };
        Self {
            is_runbook,
            anchors,
            alerts,
            links,
            suppressions: suppress::parse(doc),
        }
    }
}

struct Emitter<'a> {
    config: &'a Config,
    paths: &'a PathRules,
    /// Each rule's default help, rendered once by the linter.
    helps: &'a HashMap<&'static str, String>,
}

impl Emitter<'_> {
    fn diagnostic(
        &self,
        meta: &'static RuleMeta,
        path: &Path,
        location: Location,
        message: String,
        key: &str,
    ) -> Option<Diagnostic> {
        let severity = self.paths.severity_for(self.config, meta, path)?;
        Some(Diagnostic {
            rule: meta.id,
            severity,
            fingerprint: fingerprint(meta.id, &format!("{message} {key}")),
            message,
            location,
            help: Some(
                self.helps
                    .get(meta.id)
                    .cloned()
                    .unwrap_or_else(|| meta.default_help()),
            ),
            related: Vec::new(),
            fix: None,
        })
    }
}

/// See [`crate::Linter::finish`].
pub(crate) fn finish(
    config: &Config,
    compiled: &Compiled,
    mut files: Vec<FileResult>,
    exists: &(dyn Fn(&Path) -> bool + Sync),
) -> Vec<FileResult> {
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let emit = Emitter {
        config,
        paths: &compiled.paths,
        helps: &compiled.helps,
    };
    let by_path: HashMap<PathBuf, usize> = files
        .iter()
        .enumerate()
        .map(|(i, f)| (normalize_path(&f.path), i))
        .collect();
    // Links are resolved file by file on all cores: each file's findings
    // depend only on the shared, read-only index.
    let mut extra: Vec<Vec<Diagnostic>> = files
        .par_iter()
        .map(|file| broken_links(&emit, file, &files, &by_path, exists))
        .collect();
    duplicate_alerts(&emit, &files, &mut extra);
    files.par_iter_mut().zip(extra).for_each(|(file, more)| {
        file.diagnostics.extend(more);
        apply_suppressions(&emit, file);
        sort(&mut file.diagnostics);
    });
    files
}

/// `broken-link` findings of one file's links.
fn broken_links(
    emit: &Emitter<'_>,
    file: &FileResult,
    files: &[FileResult],
    by_path: &HashMap<PathBuf, usize>,
    exists: &(dyn Fn(&Path) -> bool + Sync),
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let dir = file.path.parent().unwrap_or(Path::new(""));
    for link in &file.index.links {
        let mut report = |message: String| {
            out.push_some(emit.diagnostic(
                &BrokenLink::META,
                &file.path,
                link.location,
                message,
                &link.destination,
            ));
        };
        let (target, anchors) = if link.path.is_empty() {
            (file.path.clone(), Some(&file.index.anchors))
        } else {
            let target = normalize_path(&dir.join(&link.path));
            let indexed = by_path.get(&target).and_then(|t| files.get(*t));
            if indexed.is_none() && !exists(&target) {
                report(format!("link target `{}` does not exist", link.path));
                continue;
            }
            (target, indexed.map(|f| &f.index.anchors))
        };
        let (Some(anchor), Some(anchors)) = (&link.anchor, anchors) else {
            continue;
        };
        if !anchors.contains(&anchor.to_lowercase()) {
            let message = if link.path.is_empty() {
                format!("no heading in this file has the anchor `#{anchor}`")
            } else {
                format!(
                    "`{}` has no heading with the anchor `#{anchor}`",
                    target.display()
                )
            };
            report(message);
        }
    }
    out
}

trait PushSome<T> {
    fn push_some(&mut self, item: Option<T>) -> Option<()>;
}

impl<T> PushSome<T> for Vec<T> {
    fn push_some(&mut self, item: Option<T>) -> Option<()> {
        self.push(item?);
        Some(())
    }
}

fn duplicate_alerts(emit: &Emitter<'_>, files: &[FileResult], extra: &mut [Vec<Diagnostic>]) {
    let mut claims: BTreeMap<&str, Vec<(usize, Location)>> = BTreeMap::new();
    for (i, f) in files.iter().enumerate() {
        for (alert, location) in &f.index.alerts {
            let entry = claims.entry(alert.as_str()).or_default();
            if !entry.iter().any(|(j, _)| *j == i) {
                entry.push((i, *location));
            }
        }
    }
    for (alert, owners) in claims {
        let Some(((first, first_location), rest)) = owners.split_first() else {
            continue;
        };
        let Some(first_file) = files.get(*first) else {
            continue;
        };
        for (i, location) in rest {
            let Some(file) = files.get(*i) else { continue };
            let message = format!(
                "alert `{alert}` is also claimed by `{}`",
                first_file.path.display()
            );
            if let Some(mut d) =
                emit.diagnostic(&DuplicateAlert::META, &file.path, *location, message, alert)
            {
                d.related.push(Related {
                    location: *first_location,
                    message: format!("first claimed in `{}`", first_file.path.display()),
                });
                if let Some(e) = extra.get_mut(*i) {
                    e.push(d);
                }
            }
        }
    }
}

fn apply_suppressions(emit: &Emitter<'_>, file: &mut FileResult) {
    let suppressions = &file.index.suppressions;
    if suppressions.is_empty() {
        return;
    }
    let mut used: HashSet<(usize, &'static str)> = HashSet::new();
    file.diagnostics
        .retain(|d| match suppress::suppressing(suppressions, d) {
            Some(i) => {
                used.insert((i, d.rule));
                false
            }
            None => true,
        });
    let mut unused = Vec::new();
    for (i, s) in suppressions.iter().enumerate() {
        if s.kind == SuppressionKind::Enable {
            continue;
        }
        let names: Vec<&str> = if s.rules.is_empty() {
            vec![""]
        } else {
            s.rules.iter().map(String::as_str).collect()
        };
        for name in names {
            let message = if name.is_empty() {
                if used.iter().any(|(j, _)| *j == i) {
                    continue;
                }
                "suppression comment suppressed nothing".to_owned()
            } else if let Some(rule) = crate::rules::find(name) {
                let is_on = emit
                    .paths
                    .severity_for(emit.config, rule.meta(), &file.path)
                    .is_some();
                if !is_on || used.contains(&(i, rule.meta().id)) {
                    continue;
                }
                format!("suppression of `{name}` suppressed nothing")
            } else {
                let ids = crate::rules::ALL_RULES.iter().map(|r| r.meta().id);
                match crate::config::closest(name, ids) {
                    Some(near) => format!(
                        "unknown rule `{name}` in suppression comment (did you mean `{near}`?)"
                    ),
                    None => format!("unknown rule `{name}` in suppression comment"),
                }
            };
            unused.push_some(emit.diagnostic(
                &UnusedSuppression::META,
                &file.path,
                s.location,
                message,
                name,
            ));
        }
    }
    // A suppression may silence `unused-suppression` itself, without counting as used.
    unused.retain(|d| suppress::suppressing(suppressions, d).is_none());
    file.diagnostics.extend(unused);
}
