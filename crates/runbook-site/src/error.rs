//! The errors of rendering and writing a site.

use std::path::PathBuf;

/// Why a site could not be rendered or written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SiteError {
    /// Two runbooks would be written to the same page.
    #[error("{first} and {second} would both be published as {page}")]
    PageCollision {
        /// The first runbook.
        first: PathBuf,
        /// The second runbook.
        second: PathBuf,
        /// The page both map to.
        page: String,
    },
    /// The output folder is, or contains, a source folder.
    #[error("output folder {out} contains the sources in {source_root}; choose another --out")]
    OutputContainsSources {
        /// The output folder.
        out: PathBuf,
        /// The source root inside it.
        source_root: PathBuf,
    },
    /// The output folder exists, is not empty and was not built by us.
    #[error(
        "output folder {0} exists and was not built by runbook (no .runbook-site marker); refusing to replace it"
    )]
    ForeignOutput(PathBuf),
    /// The output path exists and is not a folder.
    #[error("output path {0} is not a folder")]
    OutputNotADirectory(PathBuf),
    /// A rendered file path would escape the output folder.
    #[error("refusing to write {0}: not a plain relative path")]
    UnsafePath(String),
    /// Reading or writing the file system failed.
    #[error("{path}: {source}")]
    Io {
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
}
