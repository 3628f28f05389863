//! Baselines: record today's findings, then report only new ones, so a large
//! repository can adopt the linter without a flag day.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::run::Linted;

/// Version of the baseline file format: 2 stores paths relative to the
/// baseline file and fingerprints that do not depend on the working folder.
const VERSION: u32 = 2;

/// A recorded finding: matched by rule, path and fingerprint of the offending
/// text, so it survives lines shifting above it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    /// The rule id.
    pub rule: String,
    /// The file, relative to the baseline file's folder, with `/` separators,
    /// so a baseline matches whatever folder `runbook lint` runs from and on
    /// any machine.
    pub path: String,
    /// The finding's fingerprint.
    pub fingerprint: String,
}

/// The baseline file.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    entries: Vec<Entry>,
}

/// A read baseline: its entries and the folder their paths are relative to.
#[derive(Debug)]
pub struct Baseline {
    entries: Vec<Entry>,
    root: PathBuf,
}

/// The folder a baseline file's paths are relative to: the one holding it.
fn root_of(baseline: &Path) -> PathBuf {
    absolute(baseline.parent().unwrap_or_else(|| Path::new("")))
}

/// `path` made absolute and free of `.`/`..`, resolving symlinks when it
/// exists (so `/tmp` and `/private/tmp` agree), lexically otherwise.
fn absolute(path: &Path) -> PathBuf {
    if let Ok(real) = std::fs::canonicalize(if path.as_os_str().is_empty() {
        Path::new(".")
    } else {
        path
    }) {
        return real;
    }
    let cwd = std::env::current_dir().unwrap_or_default();
    runbook_parse::normalize_path(&cwd.join(path))
}

/// The key a file is recorded under: relative to `root` when inside it.
fn key(root: &Path, file: &Path) -> String {
    let file = absolute(file);
    let relative = file.strip_prefix(root).unwrap_or(&file);
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn entry(root: &Path, file: &Linted, rule: &str, fingerprint: &str) -> Entry {
    Entry {
        rule: rule.to_owned(),
        path: key(root, &file.path),
        fingerprint: fingerprint.to_owned(),
    }
}

/// Writes every finding of `files` to `path`, sorted, as JSON.
pub fn write(path: &Path, files: &[Linted]) -> miette::Result<usize> {
    let root = root_of(path);
    let mut entries: Vec<Entry> = files
        .iter()
        .flat_map(|file| {
            file.findings
                .iter()
                .map(|f| entry(&root, file, f.rule, &f.baseline_fingerprint))
        })
        .collect();
    entries.sort();
    let count = entries.len();
    let text = serde_json::to_string_pretty(&File {
        version: VERSION,
        entries,
    })
    .map_err(|e| miette::miette!("cannot serialise baseline: {e}"))?;
    std::fs::write(path, text + "\n")
        .map_err(|e| miette::miette!("cannot write baseline {}: {e}", path.display()))?;
    Ok(count)
}

/// Reads a baseline file.
pub fn read(path: &Path) -> miette::Result<Baseline> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| miette::miette!("cannot read baseline {}: {e}", path.display()))?;
    let file: File = serde_json::from_str(&text)
        .map_err(|e| miette::miette!("invalid baseline {}: {e}", path.display()))?;
    if file.version != VERSION {
        miette::bail!(
            "baseline {} has version {}, expected {VERSION}; rewrite it with --write-baseline",
            path.display(),
            file.version
        );
    }
    Ok(Baseline {
        entries: file.entries,
        root: root_of(path),
    })
}

/// Removes findings recorded in `baseline` from `files`; returns how many
/// baseline entries matched nothing (fixed or gone).
pub fn apply(baseline: Baseline, files: &mut [Linted]) -> usize {
    let mut remaining: BTreeMap<Entry, usize> = BTreeMap::new();
    for e in baseline.entries {
        *remaining.entry(e).or_insert(0) += 1;
    }
    for file in files.iter_mut() {
        let path = key(&baseline.root, &file.path);
        file.findings.retain(|f| {
            let probe = Entry {
                rule: f.rule.to_owned(),
                path: path.clone(),
                fingerprint: f.baseline_fingerprint.clone(),
            };
            match remaining.get_mut(&probe) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            }
        });
    }
    remaining.values().sum()
}
