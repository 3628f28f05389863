//! `runbook build`: publish runbooks as a static HTML site.
//!
//! Discovery, configuration and linting are `runbook lint`'s. The lint pass
//! keeps each runbook's metadata and headings (for the report and the
//! site's index pages), not its body; then each runbook is parsed again and
//! its page written at once ([`crate::publish`]), so a build never holds
//! every parsed runbook. Lint findings are shown on the site, not fatal:
//! the site builds anyway. With `--strict`, lint errors fail the build
//! *before* anything is written, so the previously published site stays in
//! place. `runbook serve` builds the same site in memory ([`prepare`]).

use std::path::{Path, PathBuf};
use std::time::Instant;

use runbook_lint::{Linter, Severity};
use runbook_parse::Document;
use runbook_report::plural;
use runbook_site::{
    Finding, FindingSeverity, RequirementStatus, RuleDoc, SeverityLevel, SiteDocument, SiteInput,
    SiteOptions,
};

use crate::commands::lint::print_notes;
use crate::commands::report;
use crate::config::Resolver;
use crate::discover;
use crate::output::Summary;
use crate::publish;
use crate::run::{self, Run, Source};
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
    let sources = sources(args);
    let mut resolver = Resolver::new(global.config.as_deref(), args.preset.as_deref())?;
    let rules_paths = report::expand_alert_globs(&args.alerts)?;
    let options = run::Options {
        no_ignore: args.no_ignore,
        keep: run::Keep {
            text: false,
            documents: run::Documents::Metadata,
        },
    };
    let mut run = run::lint_paths(&args.paths, &mut resolver, options)?;
    let (mut notes, summary) = notes_and_summary(&mut run);
    if args.strict && summary.errors > 0 {
        notes.push(format!(
            "error: {} found; nothing written (--strict). Run `runbook lint` for details.",
            plural(summary.errors, "lint error", "lint errors")
        ));
        print_notes(global, &notes);
        return Ok(EXIT_FINDINGS);
    }
    let report = report::report_of(&run, &rules_paths, &args.paths, &mut resolver)?;
    for error in report
        .errors
        .iter()
        .filter(|e| rules_paths.contains(&e.path))
    {
        notes.push(format!("error: {error}"));
    }
    let mut runbooks = Vec::new();
    for file in run.files {
        let Source::Runbook {
            document: Some(document),
            review,
        } = file.source
        else {
            continue;
        };
        runbooks.push(publish::Source {
            rel_path: rel_path(&file.path, &args.paths),
            title: document.title().map(str::to_owned),
            linter: resolver.linter_for(&file.path)?,
            findings: file.findings.iter().map(finding).collect(),
            path: file.path,
            review,
            redaction: file.redaction,
        });
    }
    let writer = runbook_site::SiteWriter::create(&args.out, &args.paths)
        .map_err(|e| miette::miette!(code = "runbook::build", "{e}"))?;
    let published = publish::publish(
        runbooks,
        site_options(&sources),
        rule_docs(),
        report,
        writer,
    )?;
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
        "built {} for {} in {:.2}s into {} ({}, {} shown on the site)",
        plural(published.pages, "page", "pages"),
        plural(published.runbooks, "runbook", "runbooks"),
        started.elapsed().as_secs_f64(),
        args.out.display(),
        plural(summary.errors, "lint error", "lint errors"),
        plural(summary.warnings, "warning", "warnings"),
    ));
    print_notes(global, &notes);
    Ok(EXIT_OK)
}

/// The run's notes, one per file that could not be read, and its counts.
fn notes_and_summary(run: &mut Run) -> (Vec<String>, Summary) {
    let mut notes = std::mem::take(&mut run.notes);
    let summary = Summary::of(&run.shown().collect::<Vec<_>>());
    for file in &run.files {
        if let Source::Unreadable(reason) = &file.source {
            notes.push(format!("error: {}: {reason}", file.path.display()));
        }
    }
    (notes, summary)
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

fn sources(args: &Args) -> Sources<'_> {
    Sources {
        paths: &args.paths,
        alerts: &args.alerts,
        preset: args.preset.as_deref(),
        no_ignore: args.no_ignore,
        title: &args.title,
        base_url: args.base_url.as_deref(),
        repo_url: args.repo_url.as_deref(),
    }
}

fn site_options(sources: &Sources<'_>) -> SiteOptions {
    SiteOptions {
        title: sources.title.to_owned(),
        base_url: sources.base_url.map(str::to_owned),
        repo_url: sources.repo_url.map(str::to_owned),
    }
}

/// The linted runbooks ready to render in memory, with notes for stderr
/// and the numbers of lint errors (unreadable files included) and warnings.
pub(crate) struct Prepared {
    pub input: SiteInput,
    pub notes: Vec<String>,
    pub errors: usize,
    pub warnings: usize,
}

/// Finds, reads, parses and lints the runbooks as `runbook lint` does and
/// builds the ownership report: everything but rendering, in memory.
pub(crate) fn prepare(global: &Global, sources: &Sources<'_>) -> miette::Result<Prepared> {
    let mut resolver = Resolver::new(global.config.as_deref(), sources.preset)?;
    let rules_paths = report::expand_alert_globs(sources.alerts)?;
    let options = run::Options {
        no_ignore: sources.no_ignore,
        keep: run::Keep::DOCUMENTS,
    };
    let mut run = run::lint_paths(sources.paths, &mut resolver, options)?;
    let (mut notes, summary) = notes_and_summary(&mut run);
    let report = report::report_of(&run, &rules_paths, sources.paths, &mut resolver)?;
    for error in report
        .errors
        .iter()
        .filter(|e| rules_paths.contains(&e.path))
    {
        notes.push(format!("error: {error}"));
    }
    let documents = site_documents(run, sources.paths, &mut resolver)?;
    Ok(Prepared {
        input: SiteInput {
            rules: rule_docs(),
            options: site_options(sources),
            documents,
            report,
        },
        notes,
        errors: summary.errors,
        warnings: summary.warnings,
    })
}

/// The runbooks of a run as the site takes them, one value per file,
/// nothing joined by path.
fn site_documents(
    run: Run,
    roots: &[PathBuf],
    resolver: &mut Resolver,
) -> miette::Result<Vec<SiteDocument>> {
    let mut out = Vec::new();
    for file in run.files {
        let Source::Runbook {
            document: Some(document),
            review,
        } = file.source
        else {
            continue;
        };
        let linter = resolver.linter_for(&file.path)?;
        out.push(site_document(
            *document,
            rel_path(&file.path, roots),
            file.findings.iter().map(finding).collect(),
            review,
            &linter,
        ));
    }
    Ok(out)
}

/// One runbook as the site takes it: its severity rank and the
/// requirements that apply are judged by its own configuration, as lint
/// judged them.
pub(crate) fn site_document(
    document: Document,
    rel_path: PathBuf,
    findings: Vec<Finding>,
    review: runbook_parse::Review,
    linter: &Linter,
) -> SiteDocument {
    let scale = &linter.config().severity;
    let severity = scale.of(&document.metadata).map(|rank| SeverityLevel {
        rank: rank.position(),
        tier: scale.tier(rank),
    });
    let requirements = linter
        .requirements(&document)
        .into_iter()
        .filter(|c| c.applies)
        .map(|c| RequirementStatus {
            requirement: c.label,
            why: c.why,
            unmet: c.unmet.into_iter().map(|u| u.message).collect(),
        })
        .collect();
    SiteDocument {
        document,
        rel_path,
        findings,
        review,
        severity,
        requirements,
    }
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
