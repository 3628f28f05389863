//! `missing-linked-anchor`: other files link to a heading this file no longer has.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::diagnostic::{Location, Related, Severity};
use crate::index::Known;
use crate::rule::{Category, CollectionContext, Rule, RuleMeta};

crate::declare_rule! {
    /// ## What it checks
    /// Headings that other Markdown files of the project link to
    /// (`other.md#anchor`) but that this file does not have, usually
    /// because the heading was renamed or removed. The finding is on the
    /// file that lost the heading, at the heading most like the anchor (or
    /// line 1), and names every linking file and line. It is the other
    /// half of `broken-link`, which reports the same link on the linking
    /// file: when only the renamed file is checked (a pre-commit run with
    /// one staged file), this is what catches it. The linking files are
    /// found in the whole project (the folder of the nearest
    /// `runbook.toml`, else the git work tree), whether or not they were
    /// named.
    ///
    /// ## Why it matters
    /// Renaming a heading silently breaks every link to it. The operator who
    /// follows the link from the alert page lands at the top of a long
    /// runbook instead of the step they need.
    ///
    /// ## Example
    /// ```markdown
    /// <!-- file: failover.md -->
    /// # Fail over the database
    /// ## Promote the replica
    /// ```
    ///
    /// ```markdown
    /// <!-- file: index.md -->
    /// See [Promote a replica](failover.md#promote-a-replica).
    /// ```
    ///
    /// ## How to fix
    /// Give the heading back its old text, or add an explicit anchor with the
    /// old name (`## Promote the replica {#promote-a-replica}`), or update
    /// every linking file the message names.
    pub MissingLinkedAnchor, "missing-linked-anchor", Severity::Error, Category::Links
}

/// The links of other files to one missing anchor of a run file.
struct Linking {
    /// The anchor as first written.
    anchor: String,
    /// Every linking file and where the link is.
    sources: Vec<(PathBuf, Location)>,
}

impl Rule for MissingLinkedAnchor {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_collection(&self, cx: &mut CollectionContext<'_>) {
        let index = cx.index;
        // (run file, lowercase anchor) -> the anchor as first written and
        // every place linking to it.
        let mut missing: BTreeMap<(usize, String), Linking> = BTreeMap::new();
        for (_, source) in index.all() {
            for link in &source.links {
                let Some(anchor) = &link.anchor else { continue };
                if link.path.is_empty() {
                    continue;
                }
                let Some((Known::Run(i), file)) = index.get(&link.target) else {
                    continue;
                };
                // A link within one file is `broken-link`'s alone.
                if file.key == source.key || file.has_anchor(anchor) {
                    continue;
                }
                if cx.severity(i).is_none() {
                    continue;
                }
                missing
                    .entry((i, anchor.to_lowercase()))
                    .or_insert_with(|| Linking {
                        anchor: anchor.clone(),
                        sources: Vec::new(),
                    })
                    .sources
                    .push((source.path.clone(), link.location));
            }
        }
        for (
            (i, _),
            Linking {
                anchor,
                mut sources,
            },
        ) in missing
        {
            let Some(file) = index.run.get(i) else {
                continue;
            };
            sources.sort_by(|a, b| (&a.0, a.1.start).cmp(&(&b.0, b.1.start)));
            let Some((first_path, first_location)) = sources.first() else {
                continue;
            };
            let more = match sources.len() {
                1 => String::new(),
                n => format!(" and {} more", n - 1),
            };
            let near = file.nearest_anchor(&anchor);
            let location = near.map_or(file.first_line, |(_, location)| location);
            let message = format!(
                "`{}#{anchor}` is linked from {}:{}{more}, but no heading here has that anchor{}",
                file.path.display(),
                first_path.display(),
                first_location.start.line,
                crate::suggest::hint(near.map(|(n, _)| format!("#{n}")).as_deref())
            );
            let hashed = format!("{} {anchor}", file.path.display());
            if let Some(d) = cx.report(i, location, message, &hashed) {
                d.related = sources
                    .into_iter()
                    .map(|(path, location)| Related {
                        message: format!("links to `#{anchor}` here"),
                        path: Some(path),
                        location,
                    })
                    .collect();
            }
        }
    }
}
