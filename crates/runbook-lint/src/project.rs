//! The project around a run: the files the cross-file rules must see
//! although they were not named.
//!
//! pre-commit names only the staged files, yet a link from a staged file
//! to an unstaged one, a link from an unstaged file to a staged one, and an
//! alert claimed twice must be judged as in a whole-tree run. This crate
//! does no I/O, so it asks the caller, through [`Project`], for exactly
//! the files it needs.

use std::path::{Path, PathBuf};

use runbook_parse::Document;

/// A Markdown file of the project outside the run, parsed by the caller
/// with the configuration that applies to it.
#[derive(Debug)]
pub struct Neighbour {
    /// The parsed file; its path is relative to the working directory when
    /// the file is under it, as the run's own paths are.
    pub document: Document,
    /// Whether its configuration makes it a runbook (its alerts count then).
    pub is_runbook: bool,
}

/// What the cross-file pass may ask about files outside the run. The
/// caller implements it over the file system; [`NoProject`] answers for a
/// run that is the whole world (tests, examples).
pub trait Project: Sync {
    /// Whether a link target exists (file or folder).
    fn exists(&self, path: &Path) -> bool;

    /// The Markdown files at `paths`, none of them in the run, parsed:
    /// targets of links with an anchor. Files that do not exist or cannot
    /// be read are left out.
    fn load(&self, paths: &[PathBuf]) -> Vec<Neighbour>;

    /// Whether the project may hold Markdown files outside the run: when
    /// the run walked the whole project, [`Project::search`] is not asked.
    fn has_outside(&self) -> bool {
        true
    }

    /// The project's Markdown files outside the run whose text contains
    /// one of `needles` (the run's file names and alert names), parsed:
    /// every file that may link to a file of the run or claim one of its
    /// alerts. A file that contains no needle cannot do either.
    fn search(&self, needles: &[String]) -> Vec<Neighbour>;
}

/// A project with nothing outside the run; links to files outside it
/// exist when `exists` says so.
pub struct NoProject<F>(pub F);

impl<F: Fn(&Path) -> bool + Sync> Project for NoProject<F> {
    fn exists(&self, path: &Path) -> bool {
        (self.0)(path)
    }

    fn load(&self, _paths: &[PathBuf]) -> Vec<Neighbour> {
        Vec::new()
    }

    fn has_outside(&self) -> bool {
        false
    }

    fn search(&self, _needles: &[String]) -> Vec<Neighbour> {
        Vec::new()
    }
}
