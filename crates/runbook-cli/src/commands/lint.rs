//! `runbook lint`: discover, lint in parallel, filter by baseline, render.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::time::Instant;

use runbook_report::plural;

use crate::config::Resolver;
use crate::output::{self, Format, Summary};
use crate::run::{self, Linted};
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
    let mut resolver = Resolver::new(global.config.as_deref(), args.preset.as_deref())?;
    let options = run::Options {
        no_ignore: args.no_ignore,
        keep: run::Keep {
            text: args.format == Format::Human,
            documents: run::Documents::None,
        },
    };
    let mut run = if args.stdin {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| miette::miette!("cannot read standard input: {e}"))?;
        let path = args
            .stdin_filename
            .unwrap_or_else(|| PathBuf::from("<stdin>"));
        run::lint_stdin(&path, bytes, &mut resolver, options)?
    } else {
        run::lint_paths(&args.paths, &mut resolver, options)?
    };
    let mut notes = std::mem::take(&mut run.notes);
    if let Some(path) = &args.write_baseline {
        let count = baseline::write(path, &run.files)?;
        notes.push(format!(
            "wrote {count} findings to baseline {}",
            path.display()
        ));
        print_notes(global, &notes);
        return Ok(EXIT_OK);
    }
    if let Some(path) = &args.baseline {
        let entries = baseline::read(path)?;
        let gone = baseline::apply(entries, &mut run.files);
        if gone > 0 {
            notes.push(format!(
                "{gone} baseline {} no longer found; rewrite the baseline with --write-baseline",
                if gone == 1 { "entry is" } else { "entries are" }
            ));
        }
    }
    let shown: Vec<&Linted> = run.shown().collect();
    write_report(args.format, &shown, global, args.output.as_deref())?;
    let summary = Summary::of(&shown);
    print_notes(global, &notes);
    if !global.quiet {
        let elapsed = started.elapsed();
        let line = format!(
            "checked {}: {}, {} in {:.2}s",
            plural(summary.files, "file", "files"),
            plural(summary.errors, "error", "errors"),
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

fn write_report(
    format: Format,
    outcomes: &[&Linted],
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
