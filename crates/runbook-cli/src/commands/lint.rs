//! `runbook lint`: discover, lint in parallel, filter by baseline, render.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::time::Instant;

use crate::config::Resolver;
use crate::discover::{self, DiscoverOptions, ProblemKind};
use crate::output::{self, Format, Summary};
use crate::run::{self, FileOutcome};
use crate::{EXIT_FINDINGS, EXIT_OK, Global, baseline};

/// Arguments of `runbook lint`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files and folders to lint; folders are walked for `*.md`.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Write the report to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Fail (exit 1) when there are more than N warnings.
    #[arg(long, value_name = "N")]
    max_warnings: Option<usize>,
    /// Do not honour `.gitignore`, `.ignore` and git excludes.
    #[arg(long)]
    no_ignore: bool,
    /// Read the runbook from standard input.
    #[arg(long, conflicts_with = "paths")]
    stdin: bool,
    /// The path standard input stands for (configuration and messages use it).
    #[arg(long, value_name = "PATH", requires = "stdin")]
    stdin_filename: Option<PathBuf>,
    /// Use a preset instead of the configuration file's: strict or alert.
    #[arg(long, value_name = "NAME", value_parser = clap::builder::PossibleValuesParser::new(runbook_lint::PRESETS.iter().map(|p| p.name)))]
    preset: Option<String>,
    /// Report only findings that are not recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record every finding in this baseline file and exit 0.
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    write_baseline: Option<PathBuf>,
}

/// Runs the command; returns the exit code.
pub fn run(global: &Global, args: Args) -> miette::Result<u8> {
    let started = Instant::now();
    // Fail early on a malformed RUNBOOK_TODAY, before any work.
    today()?;
    let mut resolver = Resolver::new(global.config.as_deref(), args.preset.as_deref())?;
    let mut notes = Vec::new();
    let mut outcomes = if args.stdin {
        lint_stdin(&mut resolver, args.stdin_filename)?
    } else {
        let options = DiscoverOptions {
            no_ignore: args.no_ignore,
        };
        let found = std::thread::scope(|scope| {
            let walk = scope.spawn(|| discover::discover(&args.paths, &options));
            // Meanwhile, build the linter most files will use (compiling the
            // schema takes as long as walking a large tree). A broken
            // configuration is reported below, where it is needed.
            if let Some(first) = args.paths.first() {
                let probe = if first.is_dir() {
                    first.join("_.md")
                } else {
                    first.clone()
                };
                let _ = resolver.linter_for(&probe);
            }
            walk.join()
        })
        .map_err(|_| miette::miette!("internal error while walking the tree"))?
        .map_err(|e| miette::miette!(code = "runbook::path", "{e}"))?;
        let keep = run::Keep {
            sources: args.format == Format::Human,
            documents: false,
        };
        let (mut outcomes, _) = run::lint_files(&found.files, &mut resolver, keep)?;
        for problem in &found.problems {
            match run::problem_outcome(problem) {
                Some(outcome) => outcomes.push(outcome),
                None if problem.kind != ProblemKind::Io => notes.push(format!(
                    "note: {}: {}",
                    problem.path.display(),
                    problem.message
                )),
                None => {}
            }
        }
        outcomes.sort_by(|a, b| a.path.cmp(&b.path));
        outcomes
    };
    if let Some(path) = &args.write_baseline {
        let count = baseline::write(path, &outcomes)?;
        notes.push(format!(
            "wrote {count} findings to baseline {}",
            path.display()
        ));
        print_notes(global, &notes);
        return Ok(EXIT_OK);
    }
    if let Some(path) = &args.baseline {
        let entries = baseline::read(path)?;
        let gone = baseline::apply(entries, &mut outcomes);
        if gone > 0 {
            notes.push(format!(
                "{gone} baseline {} no longer found; rewrite the baseline with --write-baseline",
                if gone == 1 { "entry is" } else { "entries are" }
            ));
        }
    }
    write_report(args.format, &outcomes, global, args.output.as_deref())?;
    let summary = Summary::of(&outcomes);
    print_notes(global, &notes);
    if !global.quiet {
        let elapsed = started.elapsed();
        let line = format!(
            "checked {} {}: {} {}, {} {} in {:.2}s",
            summary.files,
            plural(summary.files, "file", "files"),
            summary.errors,
            plural(summary.errors, "error", "errors"),
            summary.warnings,
            plural(summary.warnings, "warning", "warnings"),
            elapsed.as_secs_f64()
        );
        print_notes(global, &[line]);
    }
    let too_many_warnings = args.max_warnings.is_some_and(|max| summary.warnings > max);
    Ok(if summary.errors > 0 || too_many_warnings {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// Reads `RUNBOOK_TODAY` (`YYYY-MM-DD`), which fixes the linter's idea of today.
pub fn today() -> miette::Result<Option<jiff::civil::Date>> {
    match std::env::var("RUNBOOK_TODAY") {
        Ok(text) if !text.is_empty() => text.parse::<jiff::civil::Date>().map(Some).map_err(|e| {
            miette::miette!(
                code = "runbook::env",
                "RUNBOOK_TODAY must be a date like 2026-12-01, got `{text}`: {e}"
            )
        }),
        _ => Ok(None),
    }
}

fn lint_stdin(
    resolver: &mut Resolver,
    filename: Option<PathBuf>,
) -> miette::Result<Vec<FileOutcome>> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| miette::miette!("cannot read standard input: {e}"))?;
    let path = filename.unwrap_or_else(|| PathBuf::from("<stdin>"));
    let linter = resolver.linter_for(&path)?;
    let glob_path = resolver.glob_path(&path);
    let path = discover::clean(&path);
    // Same big-stack rule as files: deep nesting must not overflow.
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .stack_size(run::WORKER_STACK_BYTES)
            .spawn_scoped(scope, || {
                let checked = run::check_bytes(&path, &glob_path, &bytes, &linter);
                run::finish(&linter, vec![checked])
            })
            .map_err(|e| miette::miette!("cannot start worker thread: {e}"))?
            .join()
            .map_err(|_| miette::miette!("internal error while linting standard input"))
    })
}

fn write_report(
    format: Format,
    outcomes: &[FileOutcome],
    global: &Global,
    output: Option<&std::path::Path>,
) -> miette::Result<()> {
    let result = if let Some(path) = output {
        // Buffered: unbuffered, the JSON report was one write(2) per token
        // and took half the wall time of a 10,000-file run.
        let mut file = std::io::BufWriter::new(
            std::fs::File::create(path)
                .map_err(|e| miette::miette!("cannot create {}: {e}", path.display()))?,
        );
        // Colour codes never go into a file.
        output::render(format, outcomes, false, &mut file).and_then(|()| file.flush())
    } else {
        // Stdout is line-buffered; a report is many lines, so buffer it whole.
        let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
        output::render(format, outcomes, global.color, &mut stdout).and_then(|()| stdout.flush())
    };
    match result {
        // A closed pipe (`runbook lint | head`) is not a failure of ours.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(miette::miette!("cannot write the report: {e}")),
        Ok(()) => Ok(()),
    }
}

/// Writes notes to standard error unless `--quiet`.
pub fn print_notes(global: &Global, notes: &[String]) {
    if global.quiet {
        return;
    }
    let mut stderr = std::io::stderr().lock();
    for note in notes {
        let _ = writeln!(stderr, "{note}");
    }
}
