//! `gen-corpus`: writes a deterministic runbook corpus for benchmarks.

use std::io::Write as _;
use std::path::PathBuf;

use anyhow::Context as _;
use clap::Parser;
use runbook_bench::corpus::Shape;

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
    /// The corpus shape: default, findings-heavy, tiny (about 300 bytes a
    /// file), huge (about 500 KB a file), toml, link-heavy (50 links a file).
    #[arg(long, default_value = "default", value_parser = clap::builder::PossibleValuesParser::new(Shape::ALL.map(Shape::name)))]
    shape: String,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let shape = Shape::from_name(&args.shape).unwrap_or_default();
    let stats = runbook_bench::corpus::write_shape(&args.out, shape, args.files, args.seed)
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
