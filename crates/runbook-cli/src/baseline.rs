//! Baselines: record today's findings, then report only new ones, so a large
//! repository can adopt the linter without a flag day.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::run::FileOutcome;

/// Version of the baseline file format.
const VERSION: u32 = 1;

/// A recorded finding: matched by rule, path and fingerprint of the offending
/// text, so it survives lines shifting above it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    /// The rule id.
    pub rule: String,
    /// The file, as printed in reports.
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

fn entry(file: &FileOutcome, rule: &str, fingerprint: &str) -> Entry {
    Entry {
        rule: rule.to_owned(),
        path: file.path.to_string_lossy().replace('\\', "/"),
        fingerprint: fingerprint.to_owned(),
    }
}

/// Writes every finding of `files` to `path`, sorted, as JSON.
pub fn write(path: &Path, files: &[FileOutcome]) -> miette::Result<usize> {
    let mut entries: Vec<Entry> = files
        .iter()
        .flat_map(|file| {
            file.findings
                .iter()
                .map(move |f| entry(file, f.rule, &f.fingerprint))
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
pub fn read(path: &Path) -> miette::Result<Vec<Entry>> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| miette::miette!("cannot read baseline {}: {e}", path.display()))?;
    let file: File = serde_json::from_str(&text)
        .map_err(|e| miette::miette!("invalid baseline {}: {e}", path.display()))?;
    if file.version != VERSION {
        miette::bail!(
            "baseline {} has version {}, expected {VERSION}",
            path.display(),
            file.version
        );
    }
    Ok(file.entries)
}

/// Removes findings recorded in `baseline` from `files`; returns how many
/// baseline entries matched nothing (fixed or gone).
pub fn apply(baseline: Vec<Entry>, files: &mut [FileOutcome]) -> usize {
    let mut remaining: BTreeMap<Entry, usize> = BTreeMap::new();
    for e in baseline {
        *remaining.entry(e).or_insert(0) += 1;
    }
    for file in files.iter_mut() {
        let path = file.path.clone();
        file.findings.retain(|f| {
            let probe = Entry {
                rule: f.rule.to_owned(),
                path: path.to_string_lossy().replace('\\', "/"),
                fingerprint: f.fingerprint.clone(),
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
