//! The cross-file index: what each file contributes to the rules that look
//! across files, for the files of the run and for their neighbours in the
//! project. Crate-private: rules see it through
//! [`crate::CollectionContext`].

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use runbook_parse::{Document, LinkKind, LinkTarget, normalize_path};

use crate::diagnostic::Location;
use crate::project::{Neighbour, Project};
use crate::suppress::{self, Suppression};

/// What the cross-file rules need to know about one file.
#[derive(Debug, Clone)]
pub(crate) struct FileIndex {
    /// The file as given (run) or relative to the working directory
    /// (neighbour): what messages show.
    pub path: PathBuf,
    /// `path` without `.` and `..`: what links are resolved against.
    pub key: PathBuf,
    /// Whether the file is linted as a runbook (else only a link target).
    pub is_runbook: bool,
    /// Every anchor of the file ([`runbook_parse::Document::anchors`]),
    /// lowercase, with the heading or element it belongs to: where a
    /// missing anchor was most likely meant to be.
    pub anchors: HashMap<String, Location>,
    /// Alerts claimed in front-matter `alerts` (runbooks only).
    pub alerts: Vec<(String, Location)>,
    /// Relative links to check.
    pub links: Vec<OutLink>,
    /// Suppression comments.
    pub suppressions: Vec<Suppression>,
    /// The first line: where a finding about a heading that is not there
    /// goes when no heading is a likely match.
    pub first_line: Location,
}

/// A link that points into the repository.
#[derive(Debug, Clone)]
pub(crate) struct OutLink {
    /// The destination as written.
    pub destination: String,
    /// The decoded path part (empty for `#anchor` links).
    pub path: String,
    /// The decoded `#fragment`, if any.
    pub anchor: Option<String>,
    /// The normalised path it points at (the linking file itself for
    /// `#anchor` links), resolved once for every rule.
    pub target: PathBuf,
    /// Where the link is.
    pub location: Location,
}

impl FileIndex {
    /// Extracts the index entries of `doc`.
    pub fn new(doc: &Document, is_runbook: bool) -> Self {
        let key = normalize_path(&doc.path);
        let dir = doc.path.parent().unwrap_or(Path::new(""));
        let mut anchors = HashMap::with_capacity(doc.headings.len());
        for (anchor, span) in doc.anchor_spans() {
            // The first element with an anchor is the one a link reaches.
            anchors
                .entry(anchor.to_lowercase())
                .or_insert_with(|| Location::new(doc, span));
        }
        let links = doc
            .links
            .iter()
            .filter(|l| l.kind != LinkKind::Autolink)
            .filter_map(|l| {
                let LinkTarget { path, anchor } = LinkTarget::parse(&l.destination)?;
                let target = if path.is_empty() {
                    key.clone()
                } else {
                    normalize_path(&dir.join(&path))
                };
                Some(OutLink {
                    destination: l.destination.clone(),
                    path,
                    anchor,
                    target,
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
            key,
            path: doc.path.clone(),
            is_runbook,
            anchors,
            alerts,
            links,
            suppressions: suppress::parse(doc),
            first_line: Location::new(
                doc,
                runbook_parse::Span::new(0, doc.source.find('\n').unwrap_or(doc.source.len())),
            ),
        }
    }

    /// Whether a heading of this file has `anchor` (any case).
    pub fn has_anchor(&self, anchor: &str) -> bool {
        self.anchors.contains_key(&anchor.to_lowercase())
    }

    /// The anchor of this file `anchor` most likely meant, if one is close,
    /// and where its heading is.
    pub fn nearest_anchor(&self, anchor: &str) -> Option<(&str, Location)> {
        let lower = anchor.to_lowercase();
        let near = crate::suggest::closest_above(
            &lower,
            self.anchors.keys().map(String::as_str),
            crate::suggest::ANCHOR_THRESHOLD,
        )?;
        Some((near, *self.anchors.get(near)?))
    }
}

/// A file the index knows: one of the run, or a neighbour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Known {
    /// The run's file at this position.
    Run(usize),
    /// The neighbour at this position.
    Neighbour(usize),
}

/// The run's files and the neighbours they need, with a lookup by path.
pub(crate) struct Index<'a> {
    /// The files of the run, in the caller's order.
    pub run: Vec<&'a FileIndex>,
    /// Files of the project outside the run that link into it, claim its
    /// alerts, or are targets of its anchored links.
    pub neighbours: Vec<FileIndex>,
    by_key: HashMap<PathBuf, Known>,
    pub project: &'a dyn Project,
}

impl<'a> Index<'a> {
    /// Indexes the run, then asks `project` for the neighbours it needs.
    pub fn new(run: Vec<&'a FileIndex>, project: &'a dyn Project) -> Self {
        let mut by_key: HashMap<PathBuf, Known> = run
            .iter()
            .enumerate()
            .map(|(i, f)| (f.key.clone(), Known::Run(i)))
            .collect();
        let mut neighbours = Vec::new();
        let mut add = |found: Vec<Neighbour>, neighbours: &mut Vec<FileIndex>| {
            for n in found {
                let index = FileIndex::new(&n.document, n.is_runbook);
                if let std::collections::hash_map::Entry::Vacant(slot) =
                    by_key.entry(index.key.clone())
                {
                    slot.insert(Known::Neighbour(neighbours.len()));
                    neighbours.push(index);
                }
            }
        };
        let targets = outside_targets(&run);
        if !targets.is_empty() {
            add(project.load(&targets), &mut neighbours);
        }
        if project.has_outside() {
            let needles = needles(&run);
            if !needles.is_empty() {
                add(project.search(&needles), &mut neighbours);
            }
        }
        Self {
            run,
            neighbours,
            by_key,
            project,
        }
    }

    /// The indexed file at `key`, if any.
    pub fn get(&self, key: &Path) -> Option<(Known, &FileIndex)> {
        let known = *self.by_key.get(key)?;
        let file = match known {
            Known::Run(i) => self.run.get(i).copied(),
            Known::Neighbour(i) => self.neighbours.get(i),
        }?;
        Some((known, file))
    }

    /// Every indexed file, run first.
    pub fn all(&self) -> impl Iterator<Item = (Known, &FileIndex)> {
        let run = self
            .run
            .iter()
            .enumerate()
            .map(|(i, f)| (Known::Run(i), *f));
        let neighbours = self
            .neighbours
            .iter()
            .enumerate()
            .map(|(i, f)| (Known::Neighbour(i), f));
        run.chain(neighbours)
    }
}

/// Markdown files outside the run that the run links to with an anchor:
/// their headings decide whether the anchor exists.
fn outside_targets(run: &[&FileIndex]) -> Vec<PathBuf> {
    let keys: HashSet<&Path> = run.iter().map(|f| f.key.as_path()).collect();
    let mut out: Vec<PathBuf> = run
        .iter()
        .flat_map(|f| {
            f.links
                .iter()
                .filter(|l| l.anchor.is_some() && !l.path.is_empty())
                .map(|l| &l.target)
        })
        .filter(|t| is_markdown(t) && !keys.contains(t.as_path()))
        .cloned()
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    out.sort();
    out
}

/// What a file linking into the run, or claiming one of its alerts, must
/// contain: a run file's name (as written, or percent-encoded) or a run
/// runbook's alert name.
fn needles(run: &[&FileIndex]) -> Vec<String> {
    let mut out: HashSet<String> = HashSet::new();
    for f in run {
        if let Some(name) = f.key.file_name().and_then(|n| n.to_str()) {
            out.insert(name.to_owned());
            let encoded = percent_encoding::utf8_percent_encode(name, PATH_SEGMENT).to_string();
            if encoded != name {
                out.insert(encoded);
            }
        }
        for (alert, _) in &f.alerts {
            let alert = alert.trim();
            if !alert.is_empty() {
                out.insert(alert.to_owned());
            }
        }
    }
    let mut out: Vec<String> = out.into_iter().collect();
    out.sort();
    out
}

/// What a link writer may percent-encode in a file name.
const PATH_SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Whether a path names a Markdown file, by extension.
pub(crate) fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}
