//! `parse-floor`: walk, read and pulldown-cmark-parse every `.md` file on all cores.

use std::io::Write as _;
use std::path::PathBuf;

use anyhow::Context as _;
use clap::Parser;

/// Parses every Markdown file under PATH and nothing else: the speed limit.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Args {
    /// A directory (walked recursively) or a single file.
    path: PathBuf,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let stats = runbook_bench::floor::run(&args.path)
        .with_context(|| format!("parsing {}", args.path.display()))?;
    writeln!(
        std::io::stdout().lock(),
        "{} files, {} bytes, {} events, {} unreadable",
        stats.files,
        stats.bytes,
        stats.events,
        stats.errors
    )?;
    Ok(())
}
