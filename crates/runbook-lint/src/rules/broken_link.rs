//! `broken-link`: a relative link that leads nowhere.

use crate::diagnostic::Severity;
use crate::rule::{Category, Context, Rule, RuleMeta};

crate::declare_rule! {
    /// ## What it checks
    /// Relative links and images whose target file does not exist, resolved
    /// from the linking file's directory, and links to a `#anchor` that no
    /// heading of the target runbook (or of the same file) has. URLs with a
    /// scheme (`https:`, `mailto:`), site-absolute paths (`/docs/x`) and Hugo
    /// shortcodes (`{{< ref >}}`) are not checked. The check runs across all
    /// files given to the linter, so renaming a heading breaks the links to it.
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

    /// Cross-file: reported by `Linter::finish`, which sees every file.
    fn check(&self, _cx: &mut Context<'_>) {}
}
