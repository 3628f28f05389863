//! The `runbook` command line: argument parsing, dispatch and exit codes.
//! The only crate of the workspace that does process I/O.
//!
//! The binary itself lives in the root package (`src/main.rs`), so that
//! `cargo install --path .` works from the repository root, which is what
//! pre-commit's `language: rust` hooks run. It only calls [`main`].

mod baseline;
mod catalog;
mod commands;
mod config;
mod discover;
mod output;
mod project;
mod publish;
mod redact;
mod run;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Exit code for "no errors".
const EXIT_OK: u8 = 0;
/// Exit code for "lint errors, or too many warnings".
const EXIT_FINDINGS: u8 = 1;
/// Exit code for usage errors, bad configuration and missing paths.
const EXIT_USAGE: u8 = 2;

const AFTER_HELP: &str = "\
Examples:
  runbook lint                         Lint every runbook under the current folder
  runbook lint docs/runbooks --format sarif --output runbook.sarif
  runbook lint --stdin --stdin-filename ops/restart.md < ops/restart.md
  runbook explain missing-rollback     Show a rule's documentation
  runbook new \"Restart the cache\" --service cache

Exit codes:
  0  no errors (warnings allowed)
  1  at least one error, or more warnings than --max-warnings
  2  usage error, bad configuration, or a path that does not exist";

/// Lint, scaffold and explain operational runbooks.
#[derive(Debug, Parser)]
#[command(name = "runbook", version, about, after_help = AFTER_HELP)]
struct Cli {
    /// When to use colours (`NO_COLOR` is honoured in `auto` mode).
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Print nothing but findings: no summary, no notes.
    #[arg(long, short, global = true)]
    quiet: bool,
    /// Use this configuration file instead of looking for `runbook.toml`.
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    /// Colour when writing to a terminal and `NO_COLOR` is unset.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Lint runbooks (folders are walked for `*.md`).
    Lint(commands::lint::Args),
    /// List every rule.
    Rules(commands::rules::Args),
    /// Show a rule's documentation.
    Explain(commands::explain::Args),
    /// Write a commented `runbook.toml` (and a sample runbook in an empty folder).
    Init(commands::init::Args),
    /// Scaffold a new runbook from a template.
    New(commands::new::Args),
    /// Print shell completions.
    Completions(commands::completions::Args),
    /// Show the effective configuration for a path.
    Config(commands::config::Args),
    /// Publish runbooks as a static HTML site.
    Build(commands::build::Args),
    /// Serve the site on this machine while you write, reloading on every save.
    Serve(commands::serve::Args),
    /// Report single points of failure: ownership, truck factor, alert coverage, reviews.
    Report(commands::report::Args),
}

/// Settings every command shares.
#[derive(Debug, Clone)]
pub(crate) struct Global {
    /// Whether to colour standard output.
    pub color: bool,
    /// Whether to print only findings.
    pub quiet: bool,
    /// An explicit configuration file.
    pub config: Option<PathBuf>,
}

/// Runs the `runbook` command line with the process's arguments.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // clap prints help and version as "errors" with exit code 0.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { EXIT_USAGE } else { EXIT_OK });
        }
    };
    let color = match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    };
    let global = Global {
        color,
        quiet: cli.quiet,
        config: cli.config,
    };
    let result = match cli.command {
        Command::Lint(args) => commands::lint::run(&global, args),
        Command::Rules(args) => commands::rules::run(&args),
        Command::Explain(args) => commands::explain::run(&global, &args),
        Command::Init(args) => commands::init::run(&global, &args),
        Command::New(args) => commands::new::run(&global, &args),
        Command::Completions(args) => {
            commands::completions::run(&args, <Cli as clap::CommandFactory>::command())
        }
        Command::Config(args) => commands::config::run(&global, &args),
        Command::Build(args) => commands::build::run(&global, &args),
        Command::Serve(args) => commands::serve::run(&global, &args),
        Command::Report(args) => commands::report::run(&global, &args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(report) => {
            let handler = if color {
                miette::GraphicalReportHandler::new()
            } else {
                miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
            };
            let mut text = String::new();
            if handler.render_report(&mut text, report.as_ref()).is_err() {
                text = format!("error: {report}\n");
            }
            let _ = std::io::stderr().write_all(text.as_bytes());
            ExitCode::from(EXIT_USAGE)
        }
    }
}
