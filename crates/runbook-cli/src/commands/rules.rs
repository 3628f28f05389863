//! `runbook rules`: list every rule with its default severity and summary.

use crate::catalog;
use crate::{EXIT_OK, output};

/// How to list rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormat {
    /// Aligned columns.
    Text,
    /// A JSON array.
    Json,
}

/// Arguments of `runbook rules`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    format: ListFormat,
}

/// Runs the command.
pub fn run(args: &Args) -> miette::Result<u8> {
    let rules = catalog::all();
    let mut text = Vec::new();
    match args.format {
        ListFormat::Json => {
            let list: Vec<_> = rules
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "id": r.id,
                        "category": r.category,
                        "default_severity": r.default_severity.name(),
                        "summary": r.summary,
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut text, &list)
                .map_err(|e| miette::miette!("cannot serialise rules: {e}"))?;
            text.push(b'\n');
        }
        ListFormat::Text => {
            let width = rules.iter().map(|r| r.id.len()).max().unwrap_or(0);
            for r in &rules {
                let line = format!(
                    "{:<width$}  {:<7}  {:<12}  {}\n",
                    r.id,
                    r.default_severity.name(),
                    r.category,
                    r.summary
                );
                text.extend_from_slice(line.as_bytes());
            }
        }
    }
    output::write_stdout(&text)?;
    Ok(EXIT_OK)
}
