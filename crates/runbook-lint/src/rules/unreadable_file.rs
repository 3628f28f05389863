//! `unreadable-file`: a file that cannot be read as text.

use crate::diagnostic::Severity;
use crate::rule::{Category, Rule, RuleMeta};

crate::declare_rule! {
    /// ## What it checks
    /// Files that cannot be linted at all: bytes that are not valid UTF-8,
    /// binary content (NUL bytes), or an I/O error while reading. The finding
    /// points at the first bad byte when there is one.
    ///
    /// ## Why it matters
    /// A runbook that cannot be read cannot be followed, published or indexed;
    /// reporting it as a finding keeps the rest of the run going.
    ///
    /// ## Example
    /// ```markdown
    /// # Restart the cache
    /// Caf\xE9 (Latin-1 bytes, not UTF-8)
    /// ```
    ///
    /// ## How to fix
    /// Re-save the file as UTF-8 text, or exclude it with `exclude` in
    /// `runbook.toml` if it is not a runbook.
    pub UnreadableFile, "unreadable-file", Severity::Error, Category::Content
}

/// Reported by the caller, which reads files, through [`crate::unreadable`].
impl Rule for UnreadableFile {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }
}
