//! Problems with the report's inputs, as data: they are listed in the report
//! instead of stopping it.

use std::path::PathBuf;

/// A problem with one input file, with the line it is on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize)]
#[error("{}:{line}:{column}: {message}", path.display())]
pub struct InputError {
    /// The file, as given.
    pub path: PathBuf,
    /// 1-based line, or 1 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based character column.
    pub column: usize,
    /// A lowercase message without trailing period.
    pub message: String,
}
