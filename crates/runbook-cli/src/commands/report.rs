//! `runbook report`: ownership, truck factor, alert coverage and review
//! health over a whole collection of runbooks.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rayon::prelude::*;
use runbook_lint::{Config, Linter, Severity};
use runbook_report::{
    GroupBy, InputError, LintCounts, Options, Report, RulesSource, Runbook, build, render_human,
    render_markdown,
};

/// Exit code when a gate (`--fail-under-truck-factor`, `--fail-on-uncovered-alerts`) fails.
const EXIT_GATE: u8 = 1;
/// Exit code for usage errors and unreadable paths.
const EXIT_USAGE: u8 = 2;

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

/// Runs `runbook report`.
pub fn run(args: &Args) -> ExitCode {
    match run_inner(args) {
        Ok(code) => code,
        Err(message) => {
            eprint_line(&format!("error: {message}"));
            ExitCode::from(EXIT_USAGE)
        }
    }
}

fn run_inner(args: &Args) -> Result<ExitCode, String> {
    let today = today()?;
    for path in &args.paths {
        if !path.exists() {
            return Err(format!("{}: no such file or directory", path.display()));
        }
    }
    let rules_paths = expand_alert_globs(&args.alerts)?;
    let files = discover(&args.paths);
    let linter = Linter::new(Config::default());
    let parse_options = linter.config().parse_options();
    let parsed: Vec<Result<(runbook_parse::Document, LintCounts), InputError>> = files
        .par_iter()
        .map(|path| {
            let bytes = std::fs::read(path).map_err(|e| InputError {
                path: path.clone(),
                line: 1,
                column: 1,
                message: format!("cannot read file: {e}"),
            })?;
            let doc = runbook_parse::parse(path.clone(), &bytes, &parse_options).map_err(|e| {
                InputError {
                    path: path.clone(),
                    line: e.line(),
                    column: e.column(),
                    message: e.to_string(),
                }
            })?;
            let mut counts = LintCounts::default();
            for d in linter.check(&doc).diagnostics {
                match d.severity {
                    Severity::Error => counts.errors += 1,
                    Severity::Warning => counts.warnings += 1,
                }
            }
            Ok((doc, counts))
        })
        .collect();
    let mut docs = Vec::new();
    let mut read_errors = Vec::new();
    for item in parsed {
        match item {
            Ok(pair) => docs.push(pair),
            Err(e) => read_errors.push(e),
        }
    }
    let runbooks: Vec<Runbook<'_>> = docs
        .iter()
        .map(|(document, lint)| Runbook {
            document,
            lint: *lint,
        })
        .collect();
    // Alert rule paths will also come from configuration once it exists;
    // for now only `--alerts` names them.
    let rules: Vec<RulesSource> = rules_paths
        .into_iter()
        .map(|path| {
            let text = read_text(&path);
            RulesSource { path, text }
        })
        .collect();
    let options = Options {
        roots: roots(&args.paths),
        ..Options::new(today)
    };
    let mut report = build(&runbooks, &rules, &options);
    report.errors.splice(0..0, read_errors);
    for error in &report.errors {
        eprint_line(&format!("error: {error}"));
    }
    let rendered = render(&report, args)?;
    write_output(args.output.as_deref(), &rendered)?;
    Ok(gate(&report, args))
}

fn render(report: &Report, args: &Args) -> Result<String, String> {
    let by = match args.by {
        By::Service => GroupBy::Service,
        By::Owner => GroupBy::Owner,
    };
    Ok(match args.format {
        Format::Human => render_human(report, by),
        Format::Markdown => render_markdown(report, by),
        Format::Json => {
            let mut json = serde_json::to_string_pretty(report)
                .map_err(|e| format!("cannot serialise the report: {e}"))?;
            json.push('\n');
            json
        }
    })
}

/// Applies the gates; messages go to standard error.
fn gate(report: &Report, args: &Args) -> ExitCode {
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
    if failed {
        ExitCode::from(EXIT_GATE)
    } else {
        ExitCode::SUCCESS
    }
}

fn today() -> Result<jiff::civil::Date, String> {
    match std::env::var("RUNBOOK_TODAY") {
        Ok(value) => value
            .trim()
            .parse()
            .map_err(|e| format!("RUNBOOK_TODAY={value:?} is not a YYYY-MM-DD date: {e}")),
        Err(_) => Ok(jiff::ZonedDateTime::now().date()),
    }
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

fn write_output(output: Option<&Path>, text: &str) -> Result<(), String> {
    if let Some(path) = output {
        return std::fs::write(path, text)
            .map_err(|e| format!("{}: cannot write report: {e}", path.display()));
    }
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        // A closed pipe (`| head`) is the reader's choice, not a failure.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(format!("cannot write report: {e}"))
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
fn expand_alert_globs(patterns: &[String]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for pattern in patterns {
        let is_glob = pattern.contains(['*', '?', '[', '{']);
        if !is_glob {
            let path = PathBuf::from(pattern);
            if !path.is_file() {
                return Err(format!("{pattern}: no such rules file"));
            }
            out.push(path);
            continue;
        }
        let matcher = globset::GlobBuilder::new(pattern)
            .literal_separator(true)
            .build()
            .map_err(|e| format!("--alerts {pattern:?}: {e}"))?
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
            return Err(format!("--alerts {pattern:?} matches no file"));
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// Files that are never runbooks, though they are Markdown.
const NOT_RUNBOOKS: &[&str] = &[
    "readme.md",
    "_index.md",
    "index.md",
    "changelog.md",
    "contributing.md",
    "code_of_conduct.md",
    "security.md",
    "license.md",
];

// wire: replace with crate::discover
/// The Markdown files under `paths`: files given by name are always taken;
/// folders are walked honouring ignore files, skipping `NOT_RUNBOOKS`.
fn discover(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_file() {
            files.push(path.clone());
            continue;
        }
        for entry in ignore::WalkBuilder::new(path).build().flatten() {
            let p = entry.path();
            let is_markdown = p.extension().is_some_and(|e| e.eq_ignore_ascii_case("md"));
            let is_skipped = p
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| NOT_RUNBOOKS.contains(&n.to_ascii_lowercase().as_str()));
            if entry.file_type().is_some_and(|t| t.is_file()) && is_markdown && !is_skipped {
                files.push(p.to_path_buf());
            }
        }
    }
    files.sort();
    files.dedup();
    files
}
