//! The project around a run, read from disk for the cross-file rules.
//!
//! pre-commit names only the staged files. For its findings to be the
//! whole tree's, the linter must see the Markdown files the run links to
//! and the ones that link into it or claim its alerts. The project is the
//! folder of the nearest `runbook.toml` of each named file, else its git
//! work tree, else the working directory; it is walked as `runbook lint`
//! walks a folder (`.gitignore`, hidden folders), and only files that
//! contain a run file's name or one of its alerts are parsed.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use aho_corasick::AhoCorasick;
use rayon::prelude::*;
use runbook_lint::{Neighbour, Project};
use runbook_parse::normalize_path;

use crate::config::{self, Resolver};
use crate::discover::{self, DiscoverOptions};

/// The file system around a run.
pub struct DiskProject<'r> {
    resolver: Mutex<&'r mut Resolver>,
    cwd: PathBuf,
    /// The run's files, absolute and normalised.
    run: HashSet<PathBuf>,
    /// Folders to scan for files linking into the run; empty when the run
    /// walked them already.
    roots: Vec<PathBuf>,
    /// Whether neighbours are named by absolute paths, as the run's files are.
    absolute: bool,
    no_ignore: bool,
}

impl<'r> DiskProject<'r> {
    /// The project around `run` (the files linted), which walked the
    /// folders among `walked`.
    pub fn new(
        run: &[&Path],
        walked: &[&Path],
        resolver: &'r mut Resolver,
        no_ignore: bool,
    ) -> Self {
        let cwd = std::env::current_dir().unwrap_or_default();
        let absolute = |p: &Path| normalize_path(&cwd.join(p));
        let walked: Vec<PathBuf> = walked
            .iter()
            .filter(|p| p.is_dir())
            .map(|p| absolute(p))
            .collect();
        // One lookup per folder: a whole-tree run names thousands of files
        // in a few folders.
        let folders: HashSet<&Path> = run
            .iter()
            .map(|p| p.parent().unwrap_or(Path::new("")))
            .collect();
        let mut roots: Vec<PathBuf> = Vec::new();
        for folder in folders {
            let root = project_root(&absolute(folder), &cwd);
            if !roots.contains(&root) {
                roots.push(root);
            }
        }
        // A root inside another is scanned with it; a root the run walked
        // holds no file the run does not have.
        roots.sort();
        let mut kept: Vec<PathBuf> = Vec::new();
        for root in roots {
            if !kept.iter().any(|k| root.starts_with(k)) {
                kept.push(root);
            }
        }
        kept.retain(|root| !walked.iter().any(|w| root.starts_with(w)));
        // Only a scan needs to tell the run's files apart.
        let run_set = if kept.is_empty() {
            HashSet::new()
        } else {
            run.iter().map(|p| absolute(p)).collect()
        };
        Self {
            resolver: Mutex::new(resolver),
            run: run_set,
            absolute: run.iter().any(|p| p.is_absolute()),
            roots: kept,
            cwd,
            no_ignore,
        }
    }

    /// `path` as the run names files: relative to the working directory
    /// when the run's paths are relative.
    fn display(&self, path: &Path) -> PathBuf {
        let absolute = normalize_path(&self.cwd.join(path));
        if self.absolute {
            return absolute;
        }
        pathdiff::diff_paths(&absolute, &self.cwd).unwrap_or(absolute)
    }

    /// Reads and parses one Markdown file of the project.
    fn neighbour(&self, path: &Path) -> Option<Neighbour> {
        let bytes = std::fs::read(path).ok()?;
        self.parse(path, &bytes)
    }

    fn parse(&self, path: &Path, bytes: &[u8]) -> Option<Neighbour> {
        let shown = self.display(path);
        let (linter, glob_path) = {
            let mut resolver = self.resolver.lock().ok()?;
            // A broken configuration is reported for the files the run
            // names; a neighbour under it is simply not read.
            let linter = resolver.linter_for(&shown).ok()?;
            let glob_path = resolver.glob_path(&shown);
            (linter, glob_path)
        };
        let document = runbook_parse::parse(&shown, bytes, linter.parse_options()).ok()?;
        Some(Neighbour {
            document,
            is_runbook: linter.is_runbook(&glob_path),
        })
    }
}

impl Project for DiskProject<'_> {
    fn exists(&self, path: &Path) -> bool {
        path.exists()
    }

    fn has_outside(&self) -> bool {
        !self.roots.is_empty()
    }

    fn load(&self, paths: &[PathBuf]) -> Vec<Neighbour> {
        paths
            .par_iter()
            .filter(|p| p.is_file())
            .filter_map(|p| self.neighbour(p))
            .collect()
    }

    fn search(&self, needles: &[String]) -> Vec<Neighbour> {
        if self.roots.is_empty() || needles.is_empty() {
            return Vec::new();
        }
        let Ok(matcher) = AhoCorasick::new(needles) else {
            return Vec::new();
        };
        let options = DiscoverOptions {
            no_ignore: self.no_ignore,
        };
        let files: Vec<PathBuf> = discover::discover(&self.roots, &options)
            .map(|found| found.files)
            .unwrap_or_default();
        files
            .par_iter()
            .filter(|p| !self.run.contains(&normalize_path(&self.cwd.join(p))))
            .filter_map(|p| {
                let bytes = std::fs::read(p).ok()?;
                if !matcher.is_match(&bytes) {
                    return None;
                }
                self.parse(p, &bytes)
            })
            .collect()
    }
}

/// The project of the files in `folder`: the folder of the nearest
/// configuration file, else the git work tree, else the working directory.
fn project_root(folder: &Path, cwd: &Path) -> PathBuf {
    if let Some(parent) = config::find(&folder.join("_.md"))
        .as_deref()
        .and_then(Path::parent)
    {
        return parent.to_path_buf();
    }
    folder
        .ancestors()
        .find(|dir| dir.join(".git").exists())
        .map_or_else(|| cwd.to_path_buf(), Path::to_path_buf)
}
