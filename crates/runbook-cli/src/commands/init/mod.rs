//! `runbook init`: write a commented `runbook.toml`.
//!
//! In a folder that already has runbooks, `init` reads them: it learns the
//! headings the team uses (and how translated pages name them), scores
//! every preset on the pages, picks the convention most of them follow,
//! sets aside pages that are not runbooks with the reason, lints the
//! result and eases the rules nearly every runbook fails. In an empty
//! folder it writes the strict preset and a sample runbook. It never
//! overwrites a configuration without `--force`; `--diff` shows what a new
//! run would change.

mod choose;
mod headings;
mod plan;
mod render;
mod strictness;
mod survey;

use std::path::{Path, PathBuf};

use crate::commands::new::{today_text, write_new};
use crate::{EXIT_OK, Global, commands::lint::print_notes, config::CONFIG_NAMES};

const SAMPLE: &str = include_str!("../../../templates/sample.md");
const SAMPLE_PATH: &str = "runbooks/restart-example-web.md";

/// Arguments of `runbook init`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The repository folder.
    #[arg(long, default_value = ".")]
    dir: PathBuf,
    /// Print what a run would write, or change in an existing configuration,
    /// as a unified diff, and write nothing (unless `--force` is given too).
    #[arg(long)]
    diff: bool,
    /// Overwrite an existing configuration.
    #[arg(long)]
    force: bool,
}

/// Runs the command.
pub fn run(global: &Global, args: &Args) -> miette::Result<u8> {
    let existing = CONFIG_NAMES
        .iter()
        .map(|name| args.dir.join(name))
        .find(|path| path.is_file());
    if let Some(path) = &existing
        && !args.diff
        && !args.force
    {
        miette::bail!(
            code = "runbook::exists",
            help = "`runbook init --diff` shows what a new run would change; `--force` overwrites",
            "{} already exists; not overwriting it",
            path.display()
        );
    }
    let config_path = existing
        .clone()
        .unwrap_or_else(|| args.dir.join("runbook.toml"));
    let plan = plan::Plan::make(&args.dir)?;
    let mut notes = Vec::new();
    if plan.runbooks == 0 && existing.is_none() && !args.diff {
        write_sample(&args.dir, &config_path, &plan, &mut notes)?;
    } else {
        let text = render::config(&plan);
        if args.diff {
            let old = match &existing {
                Some(path) => std::fs::read_to_string(path)
                    .map_err(|e| miette::miette!("cannot read {}: {e}", path.display()))?,
                None => String::new(),
            };
            print_diff(&config_path, &old, &text)?;
        }
        // `--diff` alone is a dry run, with or without a configuration.
        if args.force || (existing.is_none() && !args.diff) {
            if existing.is_some() {
                std::fs::write(&config_path, &text)
                    .map_err(|e| miette::miette!("cannot write {}: {e}", config_path.display()))?;
            } else {
                write_new(&config_path, &text)?;
            }
            notes.push(format!("wrote {}", config_path.display()));
        }
        notes.extend(plan.notes());
    }
    print_notes(global, &notes);
    Ok(EXIT_OK)
}

/// An empty repository: the strict preset and a runbook that passes it.
fn write_sample(
    dir: &Path,
    config_path: &Path,
    plan: &plan::Plan,
    notes: &mut Vec<String>,
) -> miette::Result<()> {
    let sample_path = dir.join(SAMPLE_PATH);
    if sample_path.exists() {
        miette::bail!(
            code = "runbook::exists",
            "{} already exists; not overwriting it",
            sample_path.display()
        );
    }
    write_new(config_path, &render::config(plan))?;
    if let Some(parent) = sample_path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| miette::miette!("cannot create {}: {e}", parent.display()))?;
    }
    write_new(&sample_path, &SAMPLE.replace("{{today}}", &today_text()?))?;
    notes.push(format!("wrote {} (preset strict)", config_path.display()));
    notes.push(format!("wrote sample runbook {}", sample_path.display()));
    Ok(())
}

/// Prints the change from `old` to `new` as a unified diff on standard output.
fn print_diff(path: &Path, old: &str, new: &str) -> miette::Result<()> {
    let name = crate::discover::clean(path).display().to_string();
    let diff = similar::TextDiff::from_lines(old, new);
    let text = diff
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string();
    if text.is_empty() {
        crate::output::write_stdout(format!("{name}: no change\n").as_bytes())
    } else {
        crate::output::write_stdout(text.as_bytes())
    }
}
