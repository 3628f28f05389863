//! Errors for input that is not a Markdown text at all.

use std::path::PathBuf;

/// Why a file could not be read as a runbook.
///
/// Markdown itself never fails to parse, and bad front-matter is reported
/// inside the [`crate::Document`]; only bytes that are not text end here.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseError {
    /// The bytes are not valid UTF-8.
    #[error("{}:{line}:{column}: file is not valid UTF-8 (invalid byte at offset {offset})", path.display())]
    InvalidUtf8 {
        /// The file.
        path: PathBuf,
        /// 1-based line of the first invalid byte.
        line: usize,
        /// 1-based character column of the first invalid byte.
        column: usize,
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// The bytes contain NUL, so this is a binary file, not Markdown.
    #[error("{}:{line}:{column}: file looks binary (NUL byte at offset {offset})", path.display())]
    Binary {
        /// The file.
        path: PathBuf,
        /// 1-based line of the first NUL byte.
        line: usize,
        /// 1-based character column of the first NUL byte.
        column: usize,
        /// Byte offset of the first NUL byte.
        offset: usize,
    },
}

impl ParseError {
    /// The 1-based line the error points at.
    pub fn line(&self) -> usize {
        match self {
            ParseError::InvalidUtf8 { line, .. } | ParseError::Binary { line, .. } => *line,
        }
    }

    /// The 1-based column the error points at.
    pub fn column(&self) -> usize {
        match self {
            ParseError::InvalidUtf8 { column, .. } | ParseError::Binary { column, .. } => *column,
        }
    }
}
