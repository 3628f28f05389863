//! `runbook config --show [PATH]`: the effective configuration for a path.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use runbook_lint::RequirementCheck;

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
/// (preset resolved, every rule's level, aliases, globs, requirements) as
/// TOML or JSON, and, when PATH is a file, how each requirement stands for it.
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
    let checks = requirements_of(&args.path, &linter);
    if args.json {
        let mut json = serde_json::to_value(&effective).unwrap_or_default();
        if let (Some(object), Some(checks)) = (json.as_object_mut(), &checks) {
            object.insert(
                "requirements_for".to_owned(),
                checks_json(&args.path, checks),
            );
        }
        text = serde_json::to_string_pretty(&json).unwrap_or_default();
        text.push('\n');
    } else {
        text.push_str(&effective.to_toml());
        if let Some(checks) = &checks {
            text.push_str(&checks_comment(&args.path, checks));
        }
    }
    output::write_stdout(text.as_bytes())?;
    Ok(EXIT_OK)
}

/// How the requirements stand for `path` when it is a file: `None` for a
/// folder, `Err` with the reason when the file cannot be read as text.
fn requirements_of(
    path: &Path,
    linter: &runbook_lint::Linter,
) -> Option<Result<Vec<RequirementCheck>, String>> {
    if !path.is_file() {
        return None;
    }
    let checked = std::fs::read(path)
        .map_err(|e| format!("cannot read it: {e}"))
        .and_then(|bytes| {
            runbook_parse::parse(path, &bytes, linter.parse_options()).map_err(|e| e.to_string())
        })
        .map(|doc| linter.requirements(&doc));
    Some(checked)
}

/// The requirements of a file as TOML comments after the configuration.
fn checks_comment(path: &Path, checks: &Result<Vec<RequirementCheck>, String>) -> String {
    let mut out = format!("\n# requirements for {}:\n", path.display());
    match checks {
        Err(reason) => {
            let _ = writeln!(out, "#   not checked: {reason}");
        }
        Ok(checks) if checks.is_empty() => out.push_str("#   none configured\n"),
        Ok(checks) => {
            for c in checks {
                let _ = writeln!(
                    out,
                    "#   {} (when {}; asks {}):",
                    c.label, c.condition, c.asks
                );
                let state = if !c.applies {
                    format!("does not apply: {}", c.why)
                } else if c.holds() {
                    format!("applies ({}) and holds", c.why)
                } else {
                    let gaps: Vec<&str> = c.unmet.iter().map(|u| u.message.as_str()).collect();
                    format!("applies ({}) and does not hold: {}", c.why, gaps.join("; "))
                };
                let _ = writeln!(out, "#     {state}");
            }
        }
    }
    out
}

/// The requirements of a file as JSON.
fn checks_json(path: &Path, checks: &Result<Vec<RequirementCheck>, String>) -> serde_json::Value {
    let requirements = match checks {
        Err(reason) => return serde_json::json!({ "path": path, "error": reason }),
        Ok(checks) => checks
            .iter()
            .map(|c| {
                serde_json::json!({
                    "requirement": c.label,
                    "when": c.condition,
                    "asks": c.asks,
                    "applies": c.applies,
                    "why": c.why,
                    "holds": c.holds(),
                    "unmet": c.unmet.iter().map(|u| u.message.as_str()).collect::<Vec<_>>(),
                })
            })
            .collect::<Vec<_>>(),
    };
    serde_json::json!({ "path": path, "requirements": requirements })
}
