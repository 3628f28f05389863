//! Everything `init` decides about a repository, with the numbers behind
//! each decision, before any of it is written.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use runbook_lint::{MINIMAL, Preset, STRICT};
use runbook_parse::{SectionAliases, SectionKind, normalize_heading};

use super::choose::{self, Fit, Judged};
use super::headings::{self, Translation};
use super::render;
use super::strictness::{Noise, Outcome};
use super::survey::{Page, Survey};

/// Share of the runbooks that must be written in no convention for `init`
/// to treat them as a kind of page of their own (how-tos, overviews),
/// whose sections are not required, rather than as runbooks that deviate.
const FREE_FORM_PERCENT: usize = 20;

/// A heading is frequent when at least this share of the runbooks has it,
/// and at least [`MIN_FREQUENT`] do.
const FREQUENT_PERCENT: usize = 5;

/// Fewest runbooks a frequent heading is in: two pages sharing a heading
/// is a coincidence, three a habit.
const MIN_FREQUENT: usize = 3;

/// Frequent headings that name no kind listed at most, most used first.
const MAX_UNMAPPED: usize = 15;

/// Folder names that group runbooks by kind, not by service.
const GENERIC_FOLDERS: &[&str] = &[
    "runbooks",
    "runbook",
    "playbooks",
    "playbook",
    "docs",
    "doc",
    "content",
    "pages",
    "alerts",
    "examples",
    "reference",
    "guides",
    "howto",
    "how-to",
    "tutorials",
    "procedures",
    "general",
    "misc",
    "other",
    "uncategorized",
    "common",
    "shared",
    "helpers",
];

/// A heading `init` writes into `[sections.aliases]`, with its evidence.
#[derive(Debug, Clone)]
pub(super) struct Alias {
    pub kind: SectionKind,
    pub text: String,
    pub evidence: String,
    /// Runbooks using it, to list the most used first.
    pub count: usize,
}

/// What `init` decided, and why.
#[derive(Debug)]
pub(super) struct Plan {
    pub preset: Preset,
    /// How many pages follow each convention.
    pub fits: Vec<Fit>,
    /// Markdown pages read (not the default non-runbooks).
    pub pages: usize,
    pub runbooks: usize,
    /// Runbooks that follow the chosen convention.
    pub followers: usize,
    /// Markdown files that are not runbooks by default, with the reason.
    pub defaults: Vec<(String, &'static str)>,
    pub unreadable: usize,
    /// Pages judged not to be runbooks: path and reason.
    pub excluded: Vec<(String, String)>,
    /// Excluded pages assembled from others, whose links are their parts'.
    pub assembled: Vec<String>,
    /// Globs of runbooks written in no convention, and how many each covers.
    pub free_form: Vec<(String, usize)>,
    pub free_form_pages: usize,
    pub aliases: Vec<Alias>,
    /// Frequent headings that name no kind, with how many runbooks use each.
    pub unmapped: Vec<(String, usize)>,
    /// Why the folder names the service, when it does.
    pub service_from_folder: Option<String>,
    /// Front-matter keys and how many runbooks use each.
    pub keys: BTreeMap<String, usize>,
    /// Rules nearly every runbook fails, eased.
    pub noise: Vec<Noise>,
    /// Findings `runbook lint` will report, per rule.
    pub expected: Vec<(&'static str, usize)>,
}

impl Plan {
    /// Reads the repository in `dir` and decides, on big-stack worker
    /// threads like `runbook lint` (deeply nested Markdown).
    pub fn make(dir: &Path) -> miette::Result<Self> {
        let pool = rayon::ThreadPoolBuilder::new()
            .stack_size(crate::run::WORKER_STACK_BYTES)
            .build()
            .map_err(|e| miette::miette!("cannot start worker threads: {e}"))?;
        pool.install(|| Self::make_here(dir))
    }

    fn make_here(dir: &Path) -> miette::Result<Self> {
        let survey = Survey::read(dir)?;
        let mut plan = Self {
            preset: STRICT,
            fits: Vec::new(),
            pages: survey.pages.len(),
            runbooks: 0,
            followers: 0,
            defaults: survey.defaults.clone(),
            unreadable: survey.unreadable,
            excluded: Vec::new(),
            assembled: Vec::new(),
            free_form: Vec::new(),
            free_form_pages: 0,
            aliases: Vec::new(),
            unmapped: Vec::new(),
            service_from_folder: None,
            keys: BTreeMap::new(),
            noise: Vec::new(),
            expected: Vec::new(),
        };
        if survey.pages.is_empty() {
            return Ok(plan);
        }
        let translations = headings::learn_translations(&survey.pages);
        let scored: Vec<(Preset, Vec<BTreeSet<SectionKind>>)> = choose::candidates()
            .map(|preset| {
                let table = headings::table(preset, &translations);
                let kinds = survey
                    .pages
                    .iter()
                    .map(|p| headings::kinds(&p.doc, &table))
                    .collect();
                (*preset, kinds)
            })
            .collect();
        plan.fits = choose::fits(&scored);
        plan.preset = choose::choose(&plan.fits, survey.pages.len());
        let table = headings::table(&plan.preset, &translations);
        let kinds: Vec<BTreeSet<SectionKind>> = survey
            .pages
            .iter()
            .map(|p| headings::kinds(&p.doc, &table))
            .collect();
        let runbooks = plan.sort_pages(&survey, &kinds);
        plan.runbooks = runbooks.len();
        plan.set_free_form(&survey.pages, &runbooks, &kinds);
        plan.set_aliases(&survey.pages, &runbooks, &table, &translations);
        plan.set_service(&survey.pages, &runbooks);
        plan.keys = survey.keys(&runbooks);
        plan.ease(&survey)?;
        Ok(plan)
    }

    /// Separates the runbooks from the pages that are not; returns the runbooks.
    fn sort_pages(&mut self, survey: &Survey, kinds: &[BTreeSet<SectionKind>]) -> Vec<usize> {
        let convention = choose::convention_kinds(&self.preset);
        let linked_from = survey.linked_from();
        let assembled_from = survey.assembled_from();
        let root = choose::common_root(&survey.pages);
        let empty = BTreeSet::new();
        let none = BTreeSet::new();
        let follows = |i: usize| {
            kinds
                .get(i)
                .is_some_and(|k| choose::follows(&self.preset, k))
        };
        let name_of = |i: usize| {
            survey
                .pages
                .get(i)
                .map(|p| p.rel.rsplit('/').next().unwrap_or(&p.rel).to_owned())
                .unwrap_or_default()
        };
        let mut runbooks = Vec::new();
        for (i, page) in survey.pages.iter().enumerate() {
            let judged = Judged {
                page,
                kinds: kinds.get(i).unwrap_or(&empty),
                linked_from: linked_from.get(i).unwrap_or(&none),
                root: &root,
                assembled_from: assembled_from.get(i).map_or(&[], Vec::as_slice),
            };
            match choose::not_a_runbook(&judged, &convention, &follows, &name_of) {
                Some(reason) => {
                    if choose::is_assembled(&judged) {
                        self.assembled.push(page.rel.clone());
                    }
                    self.excluded.push((page.rel.clone(), reason));
                }
                None => runbooks.push(i),
            }
        }
        runbooks
    }

    /// Runbooks written in no convention: when they are a fifth or more,
    /// a kind of page of their own whose sections are not required.
    fn set_free_form(
        &mut self,
        pages: &[Page],
        runbooks: &[usize],
        kinds: &[BTreeSet<SectionKind>],
    ) {
        let follows = |i: &usize| {
            kinds
                .get(*i)
                .is_some_and(|k| choose::follows(&self.preset, k))
        };
        self.followers = runbooks.iter().filter(|i| follows(i)).count();
        let others: Vec<&Page> = runbooks
            .iter()
            .filter(|i| !follows(i))
            .filter_map(|&i| pages.get(i))
            .collect();
        let is_genre = others.len() * 100 >= runbooks.len() * FREE_FORM_PERCENT;
        if self.preset.required_sections.is_empty() || others.is_empty() || !is_genre {
            return;
        }
        self.free_form_pages = others.len();
        // A folder whose runbooks are all free-form is one glob; not the
        // top folder, whose glob (`*.md`) would match at every depth.
        let mut per_folder: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for &i in runbooks {
            if let Some(page) = pages.get(i) {
                let entry = per_folder.entry(page.folder()).or_default();
                entry.0 += 1;
                if !follows(&i) {
                    entry.1 += 1;
                }
            }
        }
        let mut globs = Vec::new();
        let is_grouped = |folder: &str, (all, free): (usize, usize)| {
            !folder.is_empty() && free >= 2 && free == all
        };
        for (folder, counts) in &per_folder {
            if is_grouped(folder, *counts) {
                globs.push((format!("**/{}/*.md", globset::escape(folder)), counts.1));
            }
        }
        for page in others {
            if per_folder
                .get(page.folder())
                .is_none_or(|counts| !is_grouped(page.folder(), *counts))
            {
                globs.push((format!("**/{}", globset::escape(&page.rel)), 1));
            }
        }
        globs.sort();
        self.free_form = globs;
    }

    /// The frequent headings that name a kind, the translations learned,
    /// and the frequent headings that name none.
    fn set_aliases(
        &mut self,
        pages: &[Page],
        runbooks: &[usize],
        table: &SectionAliases,
        translations: &[Translation],
    ) {
        let mut counts: HashMap<String, (usize, BTreeMap<&str, usize>)> = HashMap::new();
        for page in runbooks.iter().filter_map(|&i| pages.get(i)) {
            for (norm, text) in headings::section_headings(&page.doc) {
                let entry = counts.entry(norm).or_default();
                entry.0 += 1;
                *entry.1.entry(text).or_default() += 1;
            }
        }
        let mut base = SectionAliases::default();
        for (kind, names) in self.preset.aliases {
            for name in *names {
                base.add(*kind, name);
            }
        }
        let learned: HashMap<String, (SectionKind, &Translation)> =
            headings::learned(&base, translations)
                .into_iter()
                .map(|(kind, t)| (normalize_heading(&t.text), (kind, t)))
                .collect();
        let total = runbooks.len();
        let frequent = (total * FREQUENT_PERCENT).div_ceil(100).max(MIN_FREQUENT);
        for (norm, (count, spellings)) in &counts {
            let text = spellings
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                .map_or(norm.as_str(), |(t, _)| *t);
            if learned.contains_key(norm) || *count < frequent {
                continue;
            }
            let kind = table.classify(text);
            if kind == SectionKind::Other {
                self.unmapped.push((text.to_owned(), *count));
            } else {
                self.aliases.push(Alias {
                    kind,
                    text: text.to_owned(),
                    evidence: format!("{count} of {total} runbooks"),
                    count: *count,
                });
            }
        }
        for (norm, (kind, t)) in &learned {
            let used = counts.get(norm).map_or(0, |c| c.0);
            self.aliases.push(Alias {
                kind: *kind,
                text: t.text.clone(),
                evidence: format!(
                    "stands for \"{}\" in {} translated {} ({})",
                    t.source,
                    t.files,
                    if t.files == 1 { "page" } else { "pages" },
                    t.folders
                ),
                count: used.max(t.files),
            });
        }
        self.aliases.sort_by(|a, b| {
            (a.kind, std::cmp::Reverse(a.count), &a.text).cmp(&(
                b.kind,
                std::cmp::Reverse(b.count),
                &b.text,
            ))
        });
        self.unmapped
            .sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        self.unmapped.truncate(MAX_UNMAPPED);
    }

    /// Whether runbooks without a `service` sit in one folder per service.
    fn set_service(&mut self, pages: &[Page], runbooks: &[usize]) {
        let runbooks: Vec<&Page> = runbooks.iter().filter_map(|&i| pages.get(i)).collect();
        let unnamed = runbooks
            .iter()
            .filter(|p| p.doc.metadata.service.is_none())
            .count();
        if runbooks.is_empty() || unnamed * 2 < runbooks.len() {
            return;
        }
        let mut folders: BTreeMap<&str, usize> = BTreeMap::new();
        for page in &runbooks {
            let name = page.folder().rsplit('/').next().unwrap_or("");
            if !name.is_empty() && !GENERIC_FOLDERS.contains(&name.to_ascii_lowercase().as_str()) {
                *folders.entry(name).or_default() += 1;
            }
        }
        folders.retain(|_, n| *n >= 2);
        let in_service_folders: usize = folders.values().sum();
        if folders.len() < 2 || in_service_folders * 2 < runbooks.len() {
            return;
        }
        let mut largest: Vec<(&str, usize)> = folders.into_iter().collect();
        largest.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let count = largest.len();
        let listed: Vec<String> = largest
            .iter()
            .take(4)
            .map(|(name, n)| format!("{name} {n}"))
            .collect();
        self.service_from_folder = Some(format!(
            "{unnamed} of {} runbooks name no `service`, and {count} folders hold them one service each ({}{})",
            runbooks.len(),
            listed.join(", "),
            if count > listed.len() { ", ..." } else { "" }
        ));
    }

    /// Lints the repository with the configuration as planned, and eases
    /// the rules nearly every runbook fails.
    fn ease(&mut self, survey: &Survey) -> miette::Result<()> {
        let text = render::config(self);
        let config = crate::config::parse(&text, "runbook.toml (planned)", None)?;
        let pages = survey.pages.iter().chain(&survey.default_pages);
        let outcome = Outcome::of(config.clone(), pages);
        self.noise = outcome.noise(&config, self.free_form_pages);
        self.expected = outcome.after(&self.noise);
        Ok(())
    }

    /// The summary printed after writing.
    pub fn notes(&self) -> Vec<String> {
        let mut notes = vec![format!("preset {}: {}", self.preset.name, self.reason())];
        let mut defaults: BTreeMap<&str, usize> = BTreeMap::new();
        for (_, reason) in &self.defaults {
            *defaults.entry(reason).or_default() += 1;
        }
        if !defaults.is_empty() {
            let groups: Vec<String> = defaults
                .iter()
                .map(|(reason, n)| format!("{n} {}", plural_reason(reason, *n)))
                .collect();
            notes.push(format!(
                "not runbooks by default: {} (name one in `include` to lint it)",
                groups.join(", ")
            ));
        }
        for (path, reason) in &self.excluded {
            notes.push(format!("excluded {path}: {reason}"));
        }
        if self.free_form_pages > 0 {
            notes.push(format!(
                "{} runbooks follow none or part of {}: their sections are not required (the [[overrides]] entry)",
                self.free_form_pages, self.preset.headings
            ));
        }
        let learned = self
            .aliases
            .iter()
            .filter(|a| a.evidence.starts_with("stands for"))
            .count();
        if !self.aliases.is_empty() {
            notes.push(format!(
                "[sections.aliases]: {} headings, {learned} of them learned from translated pages",
                self.aliases.len()
            ));
        }
        if !self.unmapped.is_empty() {
            notes.push(format!(
                "{} frequent headings name no section kind; they are listed in the configuration to assign",
                self.unmapped.len()
            ));
        }
        if let Some(why) = &self.service_from_folder {
            notes.push(format!("service from the folder: {why}"));
        }
        for noise in &self.noise {
            notes.push(format!(
                "{} {}: {} of {} runbooks get it",
                match noise.to {
                    runbook_lint::Level::Off => "turned off",
                    _ => "made a warning",
                },
                noise.rule,
                noise.files,
                noise.checked
            ));
        }
        let total: usize = self.expected.iter().map(|(_, n)| n).sum();
        let per_rule: Vec<String> = self
            .expected
            .iter()
            .map(|(rule, n)| format!("{rule} {n}"))
            .collect();
        notes.push(if total == 0 {
            "`runbook lint` should report no findings".to_owned()
        } else {
            format!(
                "`runbook lint` should report {total} findings: {}",
                per_rule.join(", ")
            )
        });
        notes
    }

    /// Why this preset, with numbers.
    pub fn reason(&self) -> String {
        let n = self.runbooks;
        let noun = if n == 1 { "runbook" } else { "runbooks" };
        let others: Vec<String> = self
            .fits
            .iter()
            .filter(|f| f.preset.name != self.preset.name)
            .map(|f| format!("{} {}", f.preset.name, f.followers))
            .collect();
        let compared = if others.is_empty() {
            String::new()
        } else {
            format!("; pages following the other presets: {}", others.join(", "))
        };
        if self.preset == MINIMAL {
            let best = self.fits.iter().map(|f| f.followers).max().unwrap_or(0);
            format!(
                "{n} {noun}; at most {best} of {} pages follow one convention, too few to require its sections{compared}",
                self.pages
            )
        } else {
            format!(
                "{n} {noun}; {} of them ({}%) follow {}{compared}",
                self.followers,
                percent(self.followers, n),
                self.preset.headings
            )
        }
    }
}

fn percent(part: usize, whole: usize) -> usize {
    (part * 100).checked_div(whole).unwrap_or(0)
}

/// "3 READMEs" rather than "3 a README".
fn plural_reason(reason: &str, n: usize) -> String {
    let bare = reason.strip_prefix("a ").unwrap_or(reason);
    if n == 1 || bare == reason {
        bare.to_owned()
    } else {
        format!("{bare}s")
    }
}
