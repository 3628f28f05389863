//! The parse floor: walk, read and run pulldown-cmark over every file, nothing else.
//!
//! No linter that parses Markdown with pulldown-cmark can beat this on the
//! same machine, so benchmark results are reported as ratios against it.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use pulldown_cmark::Parser;
use rayon::prelude::*;
use walkdir::WalkDir;

/// What the parse floor saw.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FloorStats {
    /// Markdown files parsed.
    pub files: usize,
    /// Bytes read.
    pub bytes: usize,
    /// pulldown-cmark events produced, so the parse cannot be optimised away.
    pub events: usize,
    /// Files that could not be read.
    pub errors: usize,
}

/// Every `.md` file under `root` (or `root` itself if it is a file), in walk order.
pub fn markdown_files(root: &Path) -> Vec<PathBuf> {
    WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(walkdir::DirEntry::into_path)
        .collect()
}

/// The number of pulldown-cmark events in `text`, with the options runbook uses.
pub fn count_events(text: &str) -> usize {
    Parser::new_ext(text, runbook_parse::markdown_options()).count()
}

/// Walks `root`, then reads and parses every Markdown file on all cores.
pub fn run(root: &Path) -> io::Result<FloorStats> {
    if !root.exists() {
        return Err(io::Error::new(
            io::ErrorKind::NotFound,
            format!("{}: no such file or directory", root.display()),
        ));
    }
    let files = markdown_files(root);
    Ok(files
        .par_iter()
        .map(|path| match fs::read(path) {
            Ok(bytes) => FloorStats {
                files: 1,
                bytes: bytes.len(),
                events: count_events(&String::from_utf8_lossy(&bytes)),
                errors: 0,
            },
            Err(_) => FloorStats {
                errors: 1,
                ..FloorStats::default()
            },
        })
        .reduce(FloorStats::default, |a, b| FloorStats {
            files: a.files + b.files,
            bytes: a.bytes + b.bytes,
            events: a.events + b.events,
            errors: a.errors + b.errors,
        }))
}

#[cfg(test)]
mod tests {
    #![expect(clippy::unwrap_used, reason = "tests")]

    use super::*;

    #[test]
    fn floor_runs_over_a_tiny_generated_corpus() {
        let dir = tempfile::tempdir().unwrap();
        let written = crate::corpus::write(dir.path(), 5, 11).unwrap();
        // A file that is not Markdown must be ignored.
        fs::write(dir.path().join("notes.txt"), "# not markdown").unwrap();
        let stats = run(dir.path()).unwrap();
        assert_eq!(stats.files, 5);
        assert_eq!(stats.bytes, written.bytes);
        assert_eq!(stats.errors, 0);
        let expected: usize = crate::corpus::generate(5, 11)
            .iter()
            .map(|f| count_events(&f.contents))
            .sum();
        assert_eq!(stats.events, expected);
        assert!(stats.events > 5 * 20);
    }

    #[test]
    fn missing_root_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        assert!(run(&dir.path().join("nope")).is_err());
    }
}
