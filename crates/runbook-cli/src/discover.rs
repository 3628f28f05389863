//! File discovery shared by every command that reads runbooks: walks folders
//! for Markdown, honouring ignore files, and never follows a symlink loop.

use std::path::{Path, PathBuf};

use ignore::WalkBuilder;

/// How to walk folders.
#[derive(Debug, Clone, Default)]
pub struct DiscoverOptions {
    /// Do not honour `.gitignore`, `.ignore` and git excludes.
    pub no_ignore: bool,
}

/// Why an entry was not linted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    /// Not a regular file (FIFO, socket, device): skipped without reading.
    NotRegular,
    /// A symlink whose target does not exist.
    DanglingSymlink,
    /// A symlink that leads back to one of its own parent folders.
    SymlinkLoop,
    /// Reading the folder or file failed.
    Io,
}

/// One entry that discovery could not turn into a runbook to lint.
#[derive(Debug, Clone)]
pub struct Problem {
    /// The entry.
    pub path: PathBuf,
    /// What kind of problem it is.
    pub kind: ProblemKind,
    /// A lowercase explanation.
    pub message: String,
}

/// What discovery found.
#[derive(Debug, Default)]
pub struct Discovery {
    /// Runbooks to lint, sorted and without duplicates.
    pub files: Vec<PathBuf>,
    /// Entries that were skipped or could not be read, sorted by path.
    pub problems: Vec<Problem>,
}

/// A path given on the command line that does not exist.
#[derive(Debug)]
pub struct MissingPath(pub PathBuf);

impl std::fmt::Display for MissingPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: no such file or directory", self.0.display())
    }
}

impl std::error::Error for MissingPath {}

/// Whether a path names a Markdown file.
pub fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// Finds the runbooks under `paths`. Files named explicitly are linted
/// whatever their extension; folders are walked for Markdown.
pub fn discover(paths: &[PathBuf], options: &DiscoverOptions) -> Result<Discovery, MissingPath> {
    let mut out = Discovery::default();
    for path in paths {
        let Ok(meta) = std::fs::symlink_metadata(path) else {
            return Err(MissingPath(path.clone()));
        };
        if meta.is_dir() || (meta.is_symlink() && path.is_dir()) {
            walk(path, options, &mut out);
        } else {
            classify_file(path, &mut out);
        }
    }
    out.files.sort();
    out.files.dedup();
    out.problems.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

fn classify_file(path: &Path, out: &mut Discovery) {
    match std::fs::metadata(path) {
        // Whether a Markdown file is a runbook (or a README, `_index.md`,
        // an excluded file) is the linter's decision: such files are still
        // indexed for link checks.
        Ok(meta) if meta.is_file() => out.files.push(clean(path)),
        Ok(_) => out.problems.push(Problem {
            path: clean(path),
            kind: ProblemKind::NotRegular,
            message: "not a regular file (FIFO, socket or device); skipped".to_owned(),
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => out.problems.push(Problem {
            path: clean(path),
            kind: ProblemKind::DanglingSymlink,
            message: "symlink points to a file that does not exist; skipped".to_owned(),
        }),
        Err(e) => out.problems.push(Problem {
            path: clean(path),
            kind: ProblemKind::Io,
            message: format!("cannot read: {e}"),
        }),
    }
}

fn walk(root: &Path, options: &DiscoverOptions, out: &mut Discovery) {
    let walker = WalkBuilder::new(root)
        .hidden(true)
        .follow_links(true)
        .ignore(!options.no_ignore)
        .git_ignore(!options.no_ignore)
        .git_global(!options.no_ignore)
        .git_exclude(!options.no_ignore)
        .parents(!options.no_ignore)
        // Ignore files apply even outside a git repository, as users expect.
        .require_git(false)
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let path = entry.path();
                let Some(file_type) = entry.file_type() else {
                    continue;
                };
                if file_type.is_dir() || !is_markdown(path) {
                    continue;
                }
                classify_file(path, out);
            }
            Err(error) => out.problems.push(walk_problem(&error)),
        }
    }
}

fn walk_problem(error: &ignore::Error) -> Problem {
    let mut inner = error;
    let mut path = None;
    let kind = loop {
        match inner {
            ignore::Error::WithPath { path: p, err } => {
                path.get_or_insert_with(|| p.clone());
                inner = err;
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                inner = err;
            }
            ignore::Error::Loop { child, .. } => {
                path.get_or_insert_with(|| child.clone());
                break ProblemKind::SymlinkLoop;
            }
            ignore::Error::Io(e) if e.kind() == std::io::ErrorKind::NotFound => {
                break ProblemKind::DanglingSymlink;
            }
            _ => break ProblemKind::Io,
        }
    };
    let message = match kind {
        ProblemKind::SymlinkLoop => "symlink loop; not followed".to_owned(),
        ProblemKind::DanglingSymlink => {
            "symlink points to a file that does not exist; skipped".to_owned()
        }
        ProblemKind::NotRegular | ProblemKind::Io => format!("cannot read: {inner}"),
    };
    Problem {
        path: clean(&path.unwrap_or_default()),
        kind,
        message,
    }
}

/// Drops a leading `./` so paths print as users type them.
pub fn clean(path: &Path) -> PathBuf {
    path.strip_prefix(".").unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_drops_only_a_leading_dot() {
        assert_eq!(clean(Path::new("./a/b.md")), PathBuf::from("a/b.md"));
        assert_eq!(clean(Path::new("../a.md")), PathBuf::from("../a.md"));
    }
}
