//! The path to strict: `init` lints the repository with the configuration
//! it is about to write, and eases the rules that nearly every runbook
//! fails, so the first `runbook lint` shows the findings that matter.

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;
use runbook_lint::{Config, Level, Linter, NoProject, SECTION_RULES};

use super::survey::Page;

/// Share of runbooks a rule must hit for `init` to ease it: a warning on
/// (nearly) every file is noise that hides the true findings.
pub(super) const NOISE_PERCENT: usize = 80;

/// Fewest runbooks a rule must hit to be eased: on two files, "every
/// file" is not a pattern.
const NOISE_MIN_FILES: usize = 3;

/// A rule that nearly every runbook fails, and the level `init` gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Noise {
    pub rule: &'static str,
    pub from: Level,
    pub to: Level,
    /// Runbooks with a finding of this rule.
    pub files: usize,
    /// Runbooks the rule checks.
    pub checked: usize,
    /// One of its messages, to say what the files lack.
    pub example: String,
}

/// What `runbook lint` reports with a configuration, per rule.
#[derive(Debug, Default)]
pub(super) struct Outcome {
    /// Rule → (findings in every file, runbooks with one, first message).
    pub rules: BTreeMap<&'static str, (usize, usize, String)>,
    /// Runbooks linted.
    pub runbooks: usize,
}

impl Outcome {
    /// Lints every page as `runbook lint` would with `config` next to them.
    pub fn of<'a>(config: Config, pages: impl Iterator<Item = &'a Page>) -> Self {
        let linter = Linter::new(config);
        let options = linter.parse_options();
        let pages: Vec<&Page> = pages.collect();
        let mut results: Vec<_> = pages
            .par_iter()
            .map(|page| {
                let doc = runbook_parse::parse_str(&page.path, &page.doc.source, options);
                linter.check(&doc, linter.is_runbook(Path::new(&page.rel)))
            })
            .collect();
        let runbooks = results.iter().filter(|r| r.is_runbook()).count();
        // Every page of the repository is in the run; link targets outside
        // it resolve from the pages' paths, which start at `dir`.
        runbook_lint::finish(&mut results, &NoProject(|p: &Path| p.exists()));
        let mut outcome = Self {
            runbooks,
            ..Self::default()
        };
        for result in &results {
            let mut seen = Vec::new();
            for d in result.diagnostics() {
                let entry = outcome
                    .rules
                    .entry(d.rule)
                    .or_insert_with(|| (0, 0, d.message.clone()));
                entry.0 += 1;
                // Easing is about the runbooks; a README's links do not count.
                if result.is_runbook() && !seen.contains(&d.rule) {
                    seen.push(d.rule);
                    entry.1 += 1;
                }
            }
        }
        outcome
    }

    /// The rules nearly every runbook they check fails, eased one step: an
    /// error becomes a warning, a warning is turned off. The section rules
    /// do not check the `free_form` runbooks (the planned override).
    pub fn noise(&self, config: &Config, free_form: usize) -> Vec<Noise> {
        self.rules
            .iter()
            .filter(|(rule, (_, files, _))| {
                let checked = if SECTION_RULES.contains(rule) {
                    self.runbooks.saturating_sub(free_form)
                } else {
                    self.runbooks
                };
                *files >= NOISE_MIN_FILES && files * 100 >= checked * NOISE_PERCENT
            })
            .filter_map(|(rule, (_, files, example))| {
                let meta = runbook_lint::rules::find(rule)?.meta();
                let from = config.level(meta);
                let to = match from {
                    Level::Error => Level::Warning,
                    Level::Warning | Level::Off => Level::Off,
                };
                let checked = if SECTION_RULES.contains(rule) {
                    self.runbooks.saturating_sub(free_form)
                } else {
                    self.runbooks
                };
                (from != to).then(|| Noise {
                    rule: meta.id,
                    from,
                    to,
                    files: *files,
                    checked,
                    example: example.clone(),
                })
            })
            .collect()
    }

    /// Findings left once the eased rules that are turned off are gone,
    /// and the runbooks they are in (a file with several rules counts once
    /// per rule, so this is an upper bound on files).
    pub fn after(&self, noise: &[Noise]) -> Vec<(&'static str, usize)> {
        let off: Vec<&str> = noise
            .iter()
            .filter(|n| n.to == Level::Off)
            .map(|n| n.rule)
            .collect();
        let mut left: Vec<(&'static str, usize)> = self
            .rules
            .iter()
            .filter(|(rule, _)| !off.contains(rule))
            .map(|(rule, (count, _, _))| (*rule, *count))
            .collect();
        left.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        left
    }
}
