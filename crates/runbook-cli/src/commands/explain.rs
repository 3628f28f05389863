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
    let mut candidates: Vec<(f64, &'static str)> = catalog::all()
        .iter()
        .map(|r| (strsim::jaro_winkler(&args.rule, r.id), r.id))
        .filter(|(score, _)| *score > 0.7)
        .collect();
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    let mut message = format!("error: unknown rule `{}`", args.rule);
    if candidates.is_empty() {
        message.push_str("\n  run `runbook rules` to list every rule");
    } else {
        let names: Vec<_> = candidates
            .iter()
            .take(3)
            .map(|(_, id)| format!("`{id}`"))
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
