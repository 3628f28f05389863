//! `runbook report`: ownership, truck factor, alert coverage and review
//! health over a whole collection of runbooks.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use runbook_lint::Severity;
use runbook_report::{
    GroupBy, InputError, LintCounts, Options, Report, RulesSource, Runbook, build, render_human,
    render_markdown,
};

use crate::commands::lint::print_notes;
use crate::config::Resolver;
use crate::run::{self, Finding, Run, Source};
use crate::{EXIT_FINDINGS, EXIT_OK, Global};

/// Report on a whole collection: who its knowledge hangs on (truck factor,
/// single owners), which alerts have no runbook, and which runbooks are
/// overdue for review.
#[derive(Debug, clap::Args)]
#[command(after_long_help = "\
Exit codes:
  0  the report was produced and no gate failed
  1  a gate failed: the truck factor is below --fail-under-truck-factor, or
     --fail-on-uncovered-alerts is set and an alert has no runbook or a rules
     file could not be read
  2  usage error, a path that does not exist, or --alerts matching no file

Environment:
  RUNBOOK_TODAY  judge reviews against this date (YYYY-MM-DD) instead of today")]
pub struct Args {
    /// Files or folders of runbooks.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Group the main table by service or by owner (text and Markdown only;
    /// JSON always has both).
    #[arg(long, value_enum, default_value_t = By::Service)]
    pub by: By,
    /// Prometheus alerting rule files to check coverage against (a path or a
    /// glob such as `alerts/**/*.yaml`); repeatable.
    #[arg(long = "alerts", value_name = "GLOB")]
    pub alerts: Vec<String>,
    /// Exit 1 when the collection's truck factor is below N.
    #[arg(long, value_name = "N")]
    pub fail_under_truck_factor: Option<usize>,
    /// Exit 1 when an alert has no runbook (or a rules file is unreadable).
    #[arg(long, requires = "alerts")]
    pub fail_on_uncovered_alerts: bool,
    /// Write the report to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Count lint findings with a preset instead of the configuration
    /// file's: strict or alert.
    #[arg(long, value_name = "NAME", value_parser = clap::builder::PossibleValuesParser::new(runbook_lint::PRESETS.iter().map(|p| p.name)))]
    pub preset: Option<String>,
    /// Do not honour `.gitignore`, `.ignore` and git excludes.
    #[arg(long)]
    pub no_ignore: bool,
}

/// Output formats of `runbook report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned text tables.
    Human,
    /// The stable JSON shape of `schemas/report-ownership.schema.json`.
    Json,
    /// GitHub-flavoured Markdown tables.
    Markdown,
}

/// The main table's grouping.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum By {
    /// One row per service.
    Service,
    /// One row per owner.
    Owner,
}

/// Runs `runbook report`: 0 reported, 1 a gate failed, 2 usage error.
pub fn run(global: &Global, args: &Args) -> miette::Result<u8> {
    let mut resolver = Resolver::new(global.config.as_deref(), args.preset.as_deref())?;
    let rules_paths = expand_alert_globs(&args.alerts)?;
    let options = run::Options {
        no_ignore: args.no_ignore,
        keep: run::Keep::DOCUMENTS,
    };
    let run = run::lint_paths(&args.paths, &mut resolver, options)?;
    let report = report_of(&run, &rules_paths, &args.paths, &mut resolver)?;
    // Problems are always shown, even with --quiet: the report is incomplete.
    let errors: Vec<String> = report
        .errors
        .iter()
        .map(|e| format!("error: {e}"))
        .collect();
    print_notes(
        &Global {
            quiet: false,
            ..global.clone()
        },
        &errors,
    );
    let rendered = render(&report, args)?;
    write_output(args.output.as_deref(), &rendered)?;
    Ok(gate(&report, args))
}

/// The report over a run: its runbooks with their lint counts and reviews,
/// the alerting rule files at `rules_paths` (read here; a read error is
/// reported inside the report) and the files that could not be read.
pub(crate) fn report_of(
    run: &Run,
    rules_paths: &[PathBuf],
    roots_given: &[PathBuf],
    resolver: &mut Resolver,
) -> miette::Result<Report> {
    let mut runbooks = Vec::new();
    let mut unreadable = Vec::new();
    for file in &run.files {
        match &file.source {
            Source::Runbook {
                document: Some(document),
                review,
            } => runbooks.push(Runbook {
                document,
                lint: counts(&file.findings),
                review: review.clone(),
            }),
            Source::Unreadable(reason) => {
                let at = file.findings.first();
                unreadable.push(InputError {
                    path: file.path.clone(),
                    line: at.map_or(1, |f| f.start.line),
                    column: at.map_or(1, |f| f.start.column),
                    message: reason.clone(),
                });
            }
            Source::Runbook { document: None, .. } | Source::Page => {}
        }
    }
    let rules: Vec<RulesSource> = rules_paths
        .iter()
        .map(|path| RulesSource {
            path: path.clone(),
            text: read_text(path),
        })
        .collect();
    let mut options = Options {
        roots: roots(roots_given),
        ..Options::new(crate::config::today()?)
    };
    // The report's header names the interval of the first runbook's
    // configuration; each runbook's review was judged by its own.
    if let Some(first) = run.files.first() {
        let linter = resolver.linter_for(&first.path)?;
        options.review_max_age_days = linter.config().max_age_days();
        // Severity ranks come from the same configuration.
        options.severity = linter.config().severity.clone();
    }
    let mut report = build(&runbooks, &rules, &options);
    report.errors.splice(0..0, unreadable);
    Ok(report)
}

/// Counts a file's findings by severity.
pub(crate) fn counts(findings: &[Finding]) -> LintCounts {
    let mut counts = LintCounts::default();
    for f in findings {
        match f.severity {
            Severity::Error => counts.errors += 1,
            Severity::Warning => counts.warnings += 1,
        }
    }
    counts
}

fn render(report: &Report, args: &Args) -> miette::Result<String> {
    let by = match args.by {
        By::Service => GroupBy::Service,
        By::Owner => GroupBy::Owner,
    };
    Ok(match args.format {
        Format::Human => render_human(report, by),
        Format::Markdown => render_markdown(report, by),
        Format::Json => {
            let mut json = serde_json::to_string_pretty(report)
                .map_err(|e| miette::miette!("cannot serialise the report: {e}"))?;
            json.push('\n');
            json
        }
    })
}

/// Applies the gates; messages go to standard error.
fn gate(report: &Report, args: &Args) -> u8 {
    let mut failed = false;
    if let Some(min) = args.fail_under_truck_factor
        && report.summary.truck_factor < min
    {
        eprint_line(&format!(
            "gate failed: the truck factor is {}, below the required {min}",
            report.summary.truck_factor
        ));
        failed = true;
    }
    if args.fail_on_uncovered_alerts
        && let Some(alerts) = &report.alerts
    {
        if alerts.uncovered > 0 {
            eprint_line(&format!(
                "gate failed: {} of {} alerts have no runbook",
                alerts.uncovered, alerts.total
            ));
            failed = true;
        }
        let unreadable = report
            .errors
            .iter()
            .filter(|e| alerts.rules_files.contains(&e.path))
            .count();
        if unreadable > 0 {
            eprint_line(&format!(
                "gate failed: {unreadable} problem(s) in rules files, so coverage is not known"
            ));
            failed = true;
        }
    }
    if failed { EXIT_FINDINGS } else { EXIT_OK }
}

fn read_text(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read rules file: {e}"))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "rules file is not valid UTF-8 (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

fn write_output(output: Option<&Path>, text: &str) -> miette::Result<()> {
    if let Some(path) = output {
        return std::fs::write(path, text)
            .map_err(|e| miette::miette!("{}: cannot write report: {e}", path.display()));
    }
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        // A closed pipe (`| head`) is the reader's choice, not a failure.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(miette::miette!("cannot write report: {e}"))
        }
        _ => Ok(()),
    }
}

fn eprint_line(line: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{line}");
}

/// The folders relative `runbook_url`s are resolved against: each folder
/// given, or the parent of each file given.
fn roots(paths: &[PathBuf]) -> Vec<PathBuf> {
    paths
        .iter()
        .map(|p| {
            if p.is_dir() {
                p.clone()
            } else {
                p.parent().map(Path::to_path_buf).unwrap_or_default()
            }
        })
        .collect()
}

/// Expands `--alerts` values: a plain path must exist; a glob must match
/// at least one file.
pub(crate) fn expand_alert_globs(patterns: &[String]) -> miette::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for pattern in patterns {
        let is_glob = pattern.contains(['*', '?', '[', '{']);
        if !is_glob {
            let path = PathBuf::from(pattern);
            if !path.is_file() {
                return Err(miette::miette!(
                    code = "runbook::path",
                    "{pattern}: no such rules file"
                ));
            }
            out.push(path);
            continue;
        }
        let matcher = globset::GlobBuilder::new(pattern)
            .literal_separator(true)
            .build()
            .map_err(|e| miette::miette!(code = "runbook::usage", "--alerts {pattern:?}: {e}"))?
            .compile_matcher();
        let base: PathBuf = Path::new(pattern)
            .components()
            .take_while(|c| {
                !c.as_os_str()
                    .to_string_lossy()
                    .contains(['*', '?', '[', '{'])
            })
            .collect();
        let walk_from = if base.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            base
        };
        let before = out.len();
        for entry in ignore::WalkBuilder::new(&walk_from)
            .standard_filters(false)
            .build()
            .flatten()
        {
            let path = entry.path();
            let candidate = path.strip_prefix("./").unwrap_or(path);
            if entry.file_type().is_some_and(|t| t.is_file()) && matcher.is_match(candidate) {
                out.push(candidate.to_path_buf());
            }
        }
        if out.len() == before {
            return Err(miette::miette!(
                code = "runbook::path",
                "--alerts {pattern:?} matches no file"
            ));
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}
