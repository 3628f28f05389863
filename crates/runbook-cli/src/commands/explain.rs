//! `runbook explain RULE`: print a rule's documentation.

use crate::{EXIT_OK, EXIT_USAGE, Global, catalog, commands::lint::print_notes, output};

/// Arguments of `runbook explain`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The rule id, e.g. `missing-rollback`.
    rule: String,
}

/// Runs the command; an unknown rule exits 2 with the closest names.
pub fn run(global: &Global, args: &Args) -> miette::Result<u8> {
    if let Some(rule) = catalog::find(&args.rule) {
        let text = format!(
            "# {}\n\nDefault severity: {}. Category: {}.\n\n{}",
            rule.id,
            rule.default_severity,
            rule.category,
            rule.explanation.trim_end()
        );
        output::write_stdout(format!("{text}\n").as_bytes())?;
        return Ok(EXIT_OK);
    }
    let candidates = runbook_lint::suggest::ranked(&args.rule, catalog::all().iter().map(|r| r.id));
    let mut message = format!("error: unknown rule `{}`", args.rule);
    if candidates.is_empty() {
        message.push_str("\n  run `runbook rules` to list every rule");
    } else {
        let names: Vec<_> = candidates
            .iter()
            .take(3)
            .map(|id| format!("`{id}`"))
            .collect();
        message.push_str("\n  did you mean ");
        message.push_str(&names.join(", "));
        message.push('?');
    }
    // Usage errors are printed even with --quiet.
    print_notes(
        &Global {
            quiet: false,
            ..global.clone()
        },
        &[message],
    );
    Ok(EXIT_USAGE)
}
