//! `gen-corpus`: writes a deterministic runbook corpus for benchmarks.

use std::io::Write as _;
use std::path::PathBuf;

use anyhow::Context as _;
use clap::Parser;

/// Writes a deterministic corpus of realistic runbooks.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Args {
    /// Number of runbooks to generate.
    #[arg(long, default_value_t = 1000)]
    files: usize,
    /// Directory to write into (created if missing).
    #[arg(long)]
    out: PathBuf,
    /// PRNG seed; the same seed always gives the same bytes.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let stats = runbook_bench::corpus::write(&args.out, args.files, args.seed)
        .with_context(|| format!("writing corpus to {}", args.out.display()))?;
    writeln!(
        std::io::stdout().lock(),
        "wrote {} files, {} bytes ({:.1} MB), {} with deliberate problems, to {}",
        stats.files,
        stats.bytes,
        mb(stats.bytes),
        stats.with_problems,
        args.out.display()
    )?;
    Ok(())
}

#[expect(clippy::cast_precision_loss, reason = "display only")]
fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1_000_000.0
}
