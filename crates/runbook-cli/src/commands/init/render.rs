//! The `runbook.toml` text `init` writes: every choice with a comment
//! saying why, in numbers, and how to undo it.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use runbook_lint::{Level, PRESETS, SECTION_RULES};

use super::plan::Plan;

/// Examples listed in a summary comment before "and N more".
const LISTED: usize = 5;

/// The configuration text for a plan.
pub(super) fn config(plan: &Plan) -> String {
    let mut text =
        String::from("# Configuration for `runbook` (https://github.com/runbook-dev/runbook).\n");
    header(plan, &mut text);
    text.push('\n');
    for preset in PRESETS {
        let _ = writeln!(text, "# {}: {}.", preset.name, comment(preset.headings));
    }
    text.push_str("# `docs/configuration.md` has the sections and rule levels of each.\n");
    let _ = writeln!(text, "preset = {}", quote(plan.preset.name));
    exclude(plan, &mut text);
    rules(plan, &mut text);
    if let Some(why) = &plan.service_from_folder {
        let _ = writeln!(
            text,
            "\n[front_matter]\n# {}.\n# The site and the report group runbooks by it; a `service` key in a runbook wins.\nservice_from = \"folder\"",
            comment(why)
        );
    }
    aliases(plan, &mut text);
    free_form(plan, &mut text);
    assembled(plan, &mut text);
    text
}

fn header(plan: &Plan, text: &mut String) {
    if plan.runbooks == 0 {
        text.push_str("# No runbooks were found, so this starts from the strict preset.\n");
        return;
    }
    let _ = writeln!(
        text,
        "# `runbook init` read this repository: {}.",
        comment(&plan.reason())
    );
    if !plan.keys.is_empty() {
        let mut keys: Vec<_> = plan.keys.iter().collect();
        keys.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let listed: Vec<_> = keys
            .iter()
            .take(8)
            .map(|(k, n)| format!("{} ({n})", comment(k)))
            .collect();
        let _ = writeln!(text, "# Front-matter keys seen: {}.", listed.join(", "));
    }
    if !plan.defaults.is_empty() {
        let mut reasons: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (path, reason) in &plan.defaults {
            reasons.entry(reason).or_default().push(path);
        }
        let _ = writeln!(
            text,
            "# {} not runbooks by default and not linted (their links are):",
            match plan.defaults.len() {
                1 => "1 Markdown file is".to_owned(),
                n => format!("{n} Markdown files are"),
            }
        );
        for (reason, paths) in reasons {
            let listed: Vec<String> = paths.iter().take(LISTED).map(|p| comment(p)).collect();
            let more = paths.len().saturating_sub(listed.len());
            let _ = writeln!(
                text,
                "#   {reason}: {}{}",
                listed.join(", "),
                if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                }
            );
        }
    }
    if plan.unreadable > 0 {
        let _ = writeln!(
            text,
            "# {} files could not be read as text; `runbook lint` reports them.",
            plan.unreadable
        );
    }
}

fn exclude(plan: &Plan, text: &mut String) {
    if plan.excluded.is_empty() {
        return;
    }
    text.push_str(
        "\n# Markdown files `runbook init` judged not to be runbooks. Their links are\n\
         # still checked; delete a line to lint that file as a runbook.\nexclude = [\n",
    );
    for (path, reason) in &plan.excluded {
        let _ = writeln!(
            text,
            "    # {}\n    {},",
            comment(reason),
            quote(&format!("**/{}", globset::escape(path)))
        );
    }
    text.push_str("]\n");
}

fn rules(plan: &Plan, text: &mut String) {
    text.push_str(
        "\n# Per-rule levels override the preset: \"error\", \"warning\" or \"off\".\n\
         # `runbook rules` lists every rule; `runbook explain RULE` documents one.\n\
         [rules]\n",
    );
    if plan.noise.is_empty() {
        text.push_str("# missing-rollback = \"warning\"\n");
    }
    for noise in &plan.noise {
        let (why, back) = match noise.to {
            Level::Off => (
                "A warning on (nearly) every runbook hides the findings that matter; set it\n\
                 # to \"warning\" when the team works towards the strict preset.",
                "",
            ),
            _ => (
                "Reported as a warning until most runbooks are fixed; then set it back to",
                " \"error\".",
            ),
        };
        let _ = writeln!(
            text,
            "# {} of {} runbooks get `{}` (\"{}\").\n# {why}{back}\n{} = {}",
            noise.files,
            noise.checked,
            noise.rule,
            comment(&noise.example),
            noise.rule,
            quote(level_name(noise.to)),
        );
    }
}

fn aliases(plan: &Plan, text: &mut String) {
    text.push_str(
        "\n# Headings this repository uses for each section kind, with the evidence.\n\
         # The built-in aliases already know most of them (docs/sections.md); listing\n\
         # them here keeps the choice visible and yours to change.\n\
         [sections.aliases]\n",
    );
    if plan.aliases.is_empty() {
        text.push_str("# rollback = [\"Fallback plan\"]\n");
    }
    let mut kinds: Vec<_> = plan.aliases.iter().map(|a| a.kind).collect();
    kinds.dedup();
    for kind in kinds {
        let _ = writeln!(text, "{} = [", kind.name());
        for alias in plan.aliases.iter().filter(|a| a.kind == kind) {
            let _ = writeln!(
                text,
                "    {}, # {}",
                quote(&alias.text),
                comment(&alias.evidence)
            );
        }
        text.push_str("]\n");
    }
    if !plan.unmapped.is_empty() {
        text.push_str(
            "# Frequent headings that name none of the kinds. If one is a section a\n\
             # runbook must have, add it to its kind above:\n",
        );
        for (heading, count) in &plan.unmapped {
            let _ = writeln!(
                text,
                "#   {}: {count} of {} runbooks",
                quote(heading),
                plan.runbooks
            );
        }
    }
}

fn assembled(plan: &Plan, text: &mut String) {
    if plan.assembled.is_empty() {
        return;
    }
    text.push_str(
        "\n# Documents built from other pages: their links are the pages' own, checked\n\
         # there, so they are not checked twice.\n[[overrides]]\nfiles = [\n",
    );
    for path in &plan.assembled {
        let _ = writeln!(
            text,
            "    {},",
            quote(&format!("**/{}", globset::escape(path)))
        );
    }
    let _ = writeln!(
        text,
        "]\nrules = {{ {} = \"off\" }}",
        runbook_lint::rules::BrokenLink::META.id
    );
}

fn free_form(plan: &Plan, text: &mut String) {
    if plan.free_form.is_empty() {
        return;
    }
    let _ = writeln!(
        text,
        "\n# {} of {} runbooks follow none or only part of {}:\n\
         # how-tos, overviews and guides written in no convention. Their sections are\n\
         # not required; every other rule still checks them. Delete a line to hold\n\
         # that page to the preset.\n[[overrides]]\nfiles = [",
        plan.free_form_pages,
        plan.runbooks,
        comment(plan.preset.headings)
    );
    for (glob, pages) in &plan.free_form {
        if *pages > 1 {
            let _ = writeln!(text, "    {}, # {pages} pages", quote(glob));
        } else {
            let _ = writeln!(text, "    {},", quote(glob));
        }
    }
    let levels: Vec<String> = SECTION_RULES
        .iter()
        .map(|id| format!("{id} = \"off\""))
        .collect();
    let _ = writeln!(text, "]\nrules = {{ {} }}", levels.join(", "));
}

fn level_name(level: Level) -> &'static str {
    match level {
        Level::Off => "off",
        Level::Warning => "warning",
        Level::Error => "error",
    }
}

/// A TOML basic string, escaped by the TOML library: headings and paths
/// are the repository's bytes, not ours.
fn quote(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

/// Text safe inside a `#` comment: one line, no control characters.
fn comment(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}
