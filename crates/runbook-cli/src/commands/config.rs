//! `runbook config --show [PATH]`: the effective configuration for a path.

use std::fmt::Write as _;
use std::path::PathBuf;

use crate::config::{self, Resolver};
use crate::{EXIT_OK, Global, output};

/// Arguments of `runbook config`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print the effective configuration (the only action today).
    #[arg(long, required = true)]
    show: bool,
    /// The runbook or folder to show the configuration for.
    #[arg(default_value = ".")]
    path: PathBuf,
    /// Apply a preset, as `lint --preset` does.
    #[arg(long, value_name = "NAME", value_parser = clap::builder::PossibleValuesParser::new(runbook_lint::PRESETS.iter().map(|p| p.name)))]
    preset: Option<String>,
    /// Print JSON instead of TOML.
    #[arg(long)]
    json: bool,
}

/// Runs the command: prints which file applies and the effective configuration
/// (preset resolved, every rule's level, aliases, globs) as TOML or JSON.
pub fn run(global: &Global, args: &Args) -> miette::Result<u8> {
    debug_assert!(args.show, "clap requires --show");
    let mut resolver = Resolver::new(global.config.as_deref(), args.preset.as_deref())?;
    // A folder resolves like a file inside it.
    let probe = if args.path.is_dir() {
        args.path.join("runbook.md")
    } else {
        args.path.clone()
    };
    let linter = resolver.linter_for(&probe)?;
    let source = global
        .config
        .clone()
        .or_else(|| config::find(&probe))
        .map_or_else(
            || "built-in defaults".to_owned(),
            |p| p.display().to_string(),
        );
    let mut text = format!("# configuration from: {source}\n");
    if let Some(preset) = &args.preset {
        let _ = writeln!(text, "# preset (command line): {preset}");
    }
    let effective = linter.config().effective();
    if args.json {
        text = effective.to_json();
        text.push('\n');
    } else {
        text.push_str(&effective.to_toml());
    }
    output::write_stdout(text.as_bytes())?;
    Ok(EXIT_OK)
}
