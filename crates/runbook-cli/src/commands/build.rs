//! `runbook build`: publish runbooks as a static HTML site.
//!
//! Discovery, configuration and linting are the same as `runbook lint`'s;
//! each file is parsed once and both its document and its findings (after
//! suppressions) go to the site. Lint findings are shown on the site, not
//! fatal: the site builds anyway. With `--strict`, lint errors fail the
//! build *before* anything is written, so the previously published site
//! stays in place.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use runbook_lint::Severity;
use runbook_parse::Document;
use runbook_report::Runbook;
use runbook_site::{Finding, FindingSeverity, RuleDoc, SiteDocument, SiteInput, SiteOptions};

use crate::commands::lint::print_notes;
use crate::commands::report::{self, counts};
use crate::config::Resolver;
use crate::discover::{self, DiscoverOptions, ProblemKind};
use crate::publish;
use crate::run::{self, FileOutcome};
use crate::{EXIT_FINDINGS, EXIT_OK, Global};

/// Arguments of `runbook build`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or folders of runbooks to publish.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// The output folder; replaced atomically on every build.
    #[arg(long, short, default_value = "site")]
    pub out: PathBuf,
    /// Fail (exit 1, writing nothing) when any runbook has lint errors.
    #[arg(long)]
    pub strict: bool,
    /// URL prefix for hosting under a sub-path, e.g. `/ops/runbooks/`
    /// (default: relative links, which work anywhere, `file://` included).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// "Edit this page" URL; `{path}` is replaced by the runbook's path,
    /// e.g. `https://github.com/acme/ops/edit/main/{path}`.
    #[arg(long, value_name = "URL")]
    pub repo_url: Option<String>,
    /// The site title.
    #[arg(long, default_value = "Runbooks")]
    pub title: String,
    /// Prometheus alerting rule files for the ownership page's alert
    /// coverage (a path or a glob such as `alerts/**/*.yaml`); repeatable.
    #[arg(long = "alerts", value_name = "GLOB")]
    pub alerts: Vec<String>,
    /// Lint with a preset instead of the configuration file's: strict or alert.
    #[arg(long, value_name = "NAME", value_parser = clap::builder::PossibleValuesParser::new(runbook_lint::PRESETS.iter().map(|p| p.name)))]
    pub preset: Option<String>,
    /// Do not honour `.gitignore`, `.ignore` and git excludes.
    #[arg(long)]
    pub no_ignore: bool,
}

/// Runs `runbook build`: 0 built, 1 lint errors under `--strict`, 2 usage or I/O failure.
pub fn run(global: &Global, args: &Args) -> miette::Result<u8> {
    let started = Instant::now();
    let sources = Sources {
        paths: &args.paths,
        alerts: &args.alerts,
        preset: args.preset.as_deref(),
        no_ignore: args.no_ignore,
        title: &args.title,
        base_url: args.base_url.as_deref(),
        repo_url: args.repo_url.as_deref(),
    };
    let Linted {
        runbooks,
        mut notes,
        errors,
        warnings,
        report,
        options,
    } = lint_tree(global, &sources)?;
    if args.strict && errors > 0 {
        notes.push(format!(
            "error: {errors} lint error{} found; nothing written (--strict). Run `runbook lint` for details.",
            if errors == 1 { "" } else { "s" }
        ));
        print_notes(global, &notes);
        return Ok(EXIT_FINDINGS);
    }
    let writer = runbook_site::SiteWriter::create(&args.out, &args.paths)
        .map_err(|e| miette::miette!(code = "runbook::build", "{e}"))?;
    let published = publish::publish(runbooks, options, rule_docs(), report, writer)?;
    for error in &published.report_errors {
        notes.push(format!("error: {error}"));
    }
    for (path, reason) in &published.vanished {
        notes.push(format!(
            "error: {}: changed during the build, no page: {reason}",
            path.display()
        ));
    }
    for s in &published.skipped {
        notes.push(format!(
            "note: {}: not published: {}",
            s.source.display(),
            s.reason
        ));
    }
    notes.push(format!(
        "built {} pages for {} runbooks in {:.2}s into {} ({errors} lint error{}, {warnings} warning{} shown on the site)",
        published.pages,
        published.runbooks,
        started.elapsed().as_secs_f64(),
        args.out.display(),
        if errors == 1 { "" } else { "s" },
        if warnings == 1 { "" } else { "s" },
    ));
    print_notes(global, &notes);
    Ok(EXIT_OK)
}

/// The lint pass of a build that streams its pages: findings per runbook,
/// no parsed documents kept.
struct Linted<'a> {
    runbooks: Vec<publish::Source>,
    notes: Vec<String>,
    errors: usize,
    warnings: usize,
    report: publish::ReportFn<'a>,
    options: SiteOptions,
}

/// Finds and lints the runbooks as `runbook lint` does, keeping findings
/// only; the site is then rendered by [`publish::publish`].
fn lint_tree<'a>(global: &Global, sources: &'a Sources<'a>) -> miette::Result<Linted<'a>> {
    let today = report::today()?;
    let mut resolver = Resolver::new(global.config.as_deref(), sources.preset)?;
    let rules_paths = report::expand_alert_globs(sources.alerts)?;
    let options = DiscoverOptions {
        no_ignore: sources.no_ignore,
    };
    let found = discover::discover(sources.paths, &options)
        .map_err(|e| miette::miette!(code = "runbook::path", "{e}"))?;
    let keep = run::Keep {
        sources: false,
        documents: false,
    };
    let (mut outcomes, _) = run::lint_files(&found.files, &mut resolver, keep)?;
    let mut notes = problem_notes(&found.problems);
    outcomes.sort_by(|a, b| a.path.cmp(&b.path));
    let (mut errors, mut warnings) = (0, 0);
    let mut runbooks = Vec::with_capacity(outcomes.len());
    for outcome in outcomes {
        let unreadable: Vec<_> = outcome
            .findings
            .iter()
            .filter(|f| f.rule == "unreadable-file")
            .collect();
        if !unreadable.is_empty() {
            for f in unreadable {
                errors += 1;
                notes.push(format!("error: {}: {}", outcome.path.display(), f.message));
            }
            continue;
        }
        let linter = resolver.linter_for(&outcome.path)?;
        if !linter.is_runbook(&resolver.glob_path(&outcome.path)) {
            continue;
        }
        let findings: Vec<Finding> = outcome.findings.iter().map(finding).collect();
        for f in &findings {
            match f.severity {
                FindingSeverity::Error => errors += 1,
                FindingSeverity::Warning => warnings += 1,
            }
        }
        runbooks.push(publish::Source {
            rel_path: rel_path(&outcome.path, sources.paths),
            path: outcome.path,
            findings,
            linter,
        });
    }
    let max_age = match found.files.first() {
        Some(path) => Some(resolver.linter_for(path)?.config().max_age_days()),
        None => None,
    };
    let report = Box::new(move |runbooks: &[Runbook<'_>]| {
        report::build_report(runbooks, &rules_paths, sources.paths, today, max_age)
    });
    let options = SiteOptions {
        title: sources.title.to_owned(),
        base_url: sources.base_url.map(str::to_owned),
        repo_url: sources.repo_url.map(str::to_owned),
        today,
    };
    Ok(Linted {
        runbooks,
        notes,
        errors,
        warnings,
        report,
        options,
    })
}

/// Notes for files the walk could not read or skipped.
fn problem_notes(problems: &[crate::discover::Problem]) -> Vec<String> {
    problems
        .iter()
        .map(|problem| {
            format!(
                "{}: {}: {}",
                if problem.kind == ProblemKind::Io {
                    "error"
                } else {
                    "note"
                },
                problem.path.display(),
                problem.message
            )
        })
        .collect()
}

/// What a site is built from: the arguments `build` and `serve` share.
pub(crate) struct Sources<'a> {
    pub paths: &'a [PathBuf],
    pub alerts: &'a [String],
    pub preset: Option<&'a str>,
    pub no_ignore: bool,
    pub title: &'a str,
    pub base_url: Option<&'a str>,
    pub repo_url: Option<&'a str>,
}

/// The linted runbooks ready to render, with notes for stderr and the
/// numbers of lint errors (unreadable files included) and warnings.
pub(crate) struct Prepared {
    pub input: SiteInput,
    pub notes: Vec<String>,
    pub errors: usize,
    pub warnings: usize,
}

/// Finds, reads, parses and lints the runbooks as `runbook lint` does and
/// builds the ownership report: everything but rendering.
pub(crate) fn prepare(global: &Global, sources: &Sources<'_>) -> miette::Result<Prepared> {
    let today = report::today()?;
    let mut resolver = Resolver::new(global.config.as_deref(), sources.preset)?;
    let rules_paths = report::expand_alert_globs(sources.alerts)?;
    let options = DiscoverOptions {
        no_ignore: sources.no_ignore,
    };
    let found = discover::discover(sources.paths, &options)
        .map_err(|e| miette::miette!(code = "runbook::path", "{e}"))?;
    let (outcomes, documents) = run::lint_files(&found.files, &mut resolver, run::Keep::DOCUMENTS)?;
    let mut notes = problem_notes(&found.problems);
    let (site_documents, unreadable) = pair(documents, outcomes, sources.paths, &mut notes);
    let count = |severity| {
        site_documents
            .iter()
            .flat_map(|d| &d.findings)
            .filter(|f| f.severity == severity)
            .count()
    };
    let (errors, warnings) = (
        count(FindingSeverity::Error) + unreadable,
        count(FindingSeverity::Warning),
    );
    let runbooks: Vec<Runbook<'_>> = site_documents
        .iter()
        .map(|sd| Runbook {
            document: &sd.document,
            lint: counts(
                sd.findings
                    .iter()
                    .map(|f| f.severity == FindingSeverity::Error),
            ),
        })
        .collect();
    let max_age = match found.files.first() {
        Some(path) => Some(resolver.linter_for(path)?.config().max_age_days()),
        None => None,
    };
    let report = report::build_report(&runbooks, &rules_paths, sources.paths, today, max_age);
    for error in &report.errors {
        notes.push(format!("error: {error}"));
    }
    let input = SiteInput {
        rules: rule_docs(),
        options: SiteOptions {
            title: sources.title.to_owned(),
            base_url: sources.base_url.map(str::to_owned),
            repo_url: sources.repo_url.map(str::to_owned),
            today,
        },
        documents: site_documents,
        report: Some(report),
    };
    Ok(Prepared {
        input,
        notes,
        errors,
        warnings,
    })
}

/// Pairs each parsed runbook with its findings. Returns the site documents
/// and the number of files that could not be read or parsed (each gets a
/// note).
fn pair(
    documents: Vec<Document>,
    outcomes: Vec<FileOutcome>,
    roots: &[PathBuf],
    notes: &mut Vec<String>,
) -> (Vec<SiteDocument>, usize) {
    let mut findings: HashMap<PathBuf, FileOutcome> = outcomes
        .into_iter()
        .map(|outcome| (outcome.path.clone(), outcome))
        .collect();
    let mut site_documents = Vec::with_capacity(documents.len());
    for document in documents {
        let outcome = findings.remove(&document.path);
        site_documents.push(SiteDocument {
            rel_path: rel_path(&document.path, roots),
            findings: outcome
                .as_ref()
                .map(|o| o.findings.iter().map(finding).collect())
                .unwrap_or_default(),
            document,
        });
    }
    // What is left failed to read or parse (or is a README with findings).
    let mut unreadable = 0;
    let mut leftover: Vec<_> = findings.into_values().collect();
    leftover.sort_by(|a, b| a.path.cmp(&b.path));
    for outcome in &leftover {
        for f in outcome
            .findings
            .iter()
            .filter(|f| f.rule == "unreadable-file")
        {
            unreadable += 1;
            notes.push(format!("error: {}: {}", outcome.path.display(), f.message));
        }
    }
    (site_documents, unreadable)
}

/// The path of a runbook relative to the source root it was found under
/// (which decides its page URL); a file given by name keeps only its name.
fn rel_path(path: &Path, roots: &[PathBuf]) -> PathBuf {
    for root in roots {
        let root = discover::clean(root);
        if root.as_os_str().is_empty() || root == Path::new(".") {
            return path.to_path_buf();
        }
        if path == root {
            break;
        }
        if let Ok(rel) = path.strip_prefix(&root) {
            return rel.to_path_buf();
        }
    }
    path.file_name()
        .map_or_else(|| path.to_path_buf(), PathBuf::from)
}

/// Converts a lint finding to the site's plain finding.
fn finding(f: &run::Finding) -> Finding {
    Finding {
        rule: f.rule.to_owned(),
        severity: severity(f.severity),
        message: f.message.clone(),
        line: f.start.line,
        column: f.start.column,
        help: f.help.clone(),
    }
}

fn severity(s: Severity) -> FindingSeverity {
    match s {
        Severity::Error => FindingSeverity::Error,
        Severity::Warning => FindingSeverity::Warning,
    }
}

/// Every rule's documentation, for the rules reference page.
fn rule_docs() -> Vec<RuleDoc> {
    runbook_lint::rules::ALL_RULES
        .iter()
        .map(|rule| {
            let meta = rule.meta();
            RuleDoc {
                id: meta.id.to_owned(),
                severity: severity(meta.default_severity),
                summary: meta.summary(),
                explanation_markdown: meta.explanation(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rel_paths_are_relative_to_the_root_they_were_found_under() {
        let roots = [PathBuf::from("ops/runbooks"), PathBuf::from("extra.md")];
        assert_eq!(
            rel_path(Path::new("ops/runbooks/db/failover.md"), &roots),
            PathBuf::from("db/failover.md")
        );
        assert_eq!(
            rel_path(Path::new("extra.md"), &roots),
            PathBuf::from("extra.md")
        );
        assert_eq!(
            rel_path(Path::new("db/x.md"), &[PathBuf::from(".")]),
            PathBuf::from("db/x.md")
        );
    }
}
