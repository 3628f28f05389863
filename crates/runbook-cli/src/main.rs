//! The `runbook` command line: argument parsing, file discovery, output and
//! exit codes. The only crate that does process I/O.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod commands {
    pub mod report;
}
use rayon::prelude::*;
use runbook_lint::{Config, Linter, Severity};

/// Lint and publish operational runbooks.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Lint runbooks.
    Lint {
        /// Files or folders to lint.
        #[arg(default_value = ".")]
        paths: Vec<PathBuf>,
    },
    /// Report on ownership, truck factor, alert coverage and review health.
    Report(commands::report::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Lint { paths } => lint(&paths),
        Command::Report(args) => commands::report::run(&args),
    }
}

fn lint(paths: &[PathBuf]) -> ExitCode {
    let mut files = Vec::new();
    for path in paths {
        if !path.exists() {
            report_line(&format!(
                "error: {}: no such file or directory",
                path.display()
            ));
            return ExitCode::from(2);
        }
        for entry in ignore::WalkBuilder::new(path).build().flatten() {
            let p = entry.path();
            if entry.file_type().is_some_and(|t| t.is_file())
                && p.extension().is_some_and(|e| e == "md")
            {
                files.push(p.to_path_buf());
            }
        }
    }
    files.sort();
    let linter = Linter::new(Config::default());
    let options = linter.config().parse_options();
    let results: Vec<_> = files
        .par_iter()
        .map(|path| match std::fs::read(path) {
            Ok(bytes) => match runbook_parse::parse(path.clone(), &bytes, &options) {
                Ok(doc) => linter
                    .check(&doc)
                    .diagnostics
                    .into_iter()
                    .map(|d| {
                        (
                            d.severity,
                            format!(
                                "{}:{}:{}: {}[{}] {}",
                                path.display(),
                                d.location.start.line,
                                d.location.start.column,
                                d.severity,
                                d.rule,
                                d.message
                            ),
                        )
                    })
                    .collect::<Vec<_>>(),
                Err(e) => vec![(Severity::Error, format!("{e}"))],
            },
            Err(e) => vec![(Severity::Error, format!("{}: {e}", path.display()))],
        })
        .collect();
    let mut errors = 0;
    for (severity, line) in results.iter().flatten() {
        if *severity == Severity::Error {
            errors += 1;
        }
        report_line(line);
    }
    if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

#[expect(clippy::print_stdout, reason = "the skeleton CLI prints findings")]
fn report_line(line: &str) {
    println!("{line}");
}
