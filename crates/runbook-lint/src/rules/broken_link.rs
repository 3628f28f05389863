//! `broken-link`: a relative link that leads nowhere.

use rayon::prelude::*;

use crate::diagnostic::{Location, Severity};
use crate::index::{FileIndex, Index};
use crate::rule::{Category, CollectionContext, Rule, RuleMeta};

crate::declare_rule! {
    /// ## What it checks
    /// Relative links and images whose target file does not exist, resolved
    /// from the linking file's directory, and links to a `#anchor` that no
    /// heading of the target runbook (or of the same file) has. URLs with a
    /// scheme (`https:`, `mailto:`), site-absolute paths (`/docs/x`) and Hugo
    /// shortcodes (`{{< ref >}}`) are not checked. A linked Markdown file is
    /// read from disk when it was not named, so linting one file checks
    /// its links as a whole-tree run does; `missing-linked-anchor` reports
    /// the same broken anchor on the file that lost the heading. The
    /// message names the closest heading when one is likely meant.
    ///
    /// ## Why it matters
    /// During an incident a dead link is a dead end: the operator was sent
    /// to the page that explains the next step, and it is not there.
    ///
    /// ## Example
    /// ```markdown
    /// See [Fail over the database](failover-db.md#promote-a-replica).
    /// ```
    ///
    /// ## How to fix
    /// Point the link at the file's new name or the heading's current anchor
    /// (the heading text in lower case, spaces as `-`), or remove it.
    pub BrokenLink, "broken-link", Severity::Error, Category::Links
}

impl Rule for BrokenLink {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    /// Every link of every file of the run, against the run's files, the
    /// neighbours it links to with an anchor, and the file system.
    fn check_collection(&self, cx: &mut CollectionContext<'_>) {
        let index = cx.index;
        let on: Vec<bool> = (0..index.run.len())
            .map(|i| cx.severity(i).is_some())
            .collect();
        // Each file's links depend only on the shared, read-only index.
        let found: Vec<Vec<(Location, String, String)>> = index
            .run
            .par_iter()
            .zip(on)
            .map(|(file, on)| {
                if on {
                    broken_links(index, file)
                } else {
                    Vec::new()
                }
            })
            .collect();
        for (i, findings) in found.into_iter().enumerate() {
            for (location, message, destination) in findings {
                let hashed = format!("{message} {destination}");
                cx.report(i, location, message, &hashed);
            }
        }
    }
}

/// The broken links of one file: location, message, destination.
fn broken_links(index: &Index<'_>, file: &FileIndex) -> Vec<(Location, String, String)> {
    let mut out = Vec::new();
    for link in &file.links {
        let target = &link.target;
        let indexed = if link.path.is_empty() {
            Some(file)
        } else if let Some((_, indexed)) = index.get(target) {
            Some(indexed)
        } else if index.project.exists(target) {
            // A file that is not Markdown, or could not be read: nothing to
            // check an anchor against.
            None
        } else {
            out.push((
                link.location,
                format!("link target `{}` does not exist", link.path),
                link.destination.clone(),
            ));
            continue;
        };
        let (Some(anchor), Some(indexed)) = (&link.anchor, indexed) else {
            continue;
        };
        if indexed.has_anchor(anchor) {
            continue;
        }
        let message = if link.path.is_empty() {
            format!("no heading in this file has the anchor `#{anchor}`")
        } else {
            format!(
                "`{}` has no heading with the anchor `#{anchor}`",
                target.display()
            )
        };
        let near = indexed.nearest_anchor(anchor).map(|(n, _)| format!("#{n}"));
        let message = message + &crate::suggest::hint(near.as_deref());
        out.push((link.location, message, link.destination.clone()));
    }
    out
}
