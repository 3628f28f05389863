//! Configuration errors, located in the `runbook.toml` text.

/// Why a `runbook.toml` could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{line}:{column}: {message}{}", crate::suggest::hint(suggestion.as_deref()))]
#[non_exhaustive]
pub struct ConfigError {
    /// What is wrong, lowercase, no trailing period.
    pub message: String,
    /// 1-based line in the configuration text.
    pub line: usize,
    /// 1-based column (characters) in the configuration text.
    pub column: usize,
    /// Byte range of the offending text, when known.
    pub span: Option<std::ops::Range<usize>>,
    /// The offending key or value, when the problem is one.
    pub key: Option<String>,
    /// The closest valid key or value, for "did you mean".
    pub suggestion: Option<String>,
}

impl ConfigError {
    /// An error at byte `span` of `text`.
    pub(crate) fn at(text: &str, span: Option<std::ops::Range<usize>>, message: String) -> Self {
        let offset = span.as_ref().map_or(0, |s| s.start);
        let (line, column) = line_column(text, offset);
        Self {
            message,
            line,
            column,
            span,
            key: None,
            suggestion: None,
        }
    }
}

/// The 1-based line and character column of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let prefix = text.get(..end).unwrap_or("");
    let line = prefix.matches('\n').count() + 1;
    let column = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}
