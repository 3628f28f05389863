//! `runbook completions SHELL`: print a completion script.

use crate::{EXIT_OK, output};

/// Arguments of `runbook completions`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell to complete for.
    shell: clap_complete::Shell,
}

/// Runs the command.
pub fn run(args: &Args, mut command: clap::Command) -> miette::Result<u8> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "runbook", &mut script);
    output::write_stdout(&script)?;
    Ok(EXIT_OK)
}
