//! `runbook config --show [PATH]`: the effective configuration for a path.

use std::fmt::Write as _;
use std::path::PathBuf;

use runbook_lint::rules::ALL_RULES;

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
    #[arg(long, value_name = "NAME", value_parser = clap::builder::PossibleValuesParser::new(config::PRESETS))]
    preset: Option<String>,
}

/// Runs the command: prints which file applies and every rule's level.
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
    // wire: print `Config` as TOML (presets, sections, include/exclude) once runbook-lint serialises it.
    let mut text = format!("# configuration from: {source}\n");
    if let Some(preset) = &args.preset {
        let _ = writeln!(text, "# preset (command line): {preset}");
    }
    text.push_str("\n[rules]\n");
    for rule in ALL_RULES {
        let meta = rule.meta();
        let level = linter.config().severity(meta).map_or("off", |s| s.name());
        let _ = writeln!(text, "{} = \"{level}\"", meta.id);
    }
    let aliases = &linter.config().sections.aliases;
    if !aliases.is_empty() {
        text.push_str("\n[sections.aliases]\n");
        for (kind, names) in aliases {
            let names: Vec<_> = names.iter().map(|n| format!("{n:?}")).collect();
            let _ = writeln!(text, "{kind} = [{}]", names.join(", "));
        }
    }
    output::write_stdout(text.as_bytes())?;
    Ok(EXIT_OK)
}
