//! `runbook new "TITLE" --service NAME`: scaffold a runbook whose `TODO`
//! placeholders fail lint until they are filled in.

use std::path::PathBuf;

use crate::{EXIT_OK, Global, commands::lint::print_notes};

const TEMPLATE: &str = include_str!("../../templates/new.md");

/// Arguments of `runbook new`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The runbook's title, e.g. "Restart the payments database".
    title: String,
    /// The service the runbook is for.
    #[arg(long)]
    service: String,
    /// The folder to write into.
    #[arg(long, default_value = ".")]
    dir: PathBuf,
}

/// Runs the command; refuses to overwrite an existing file.
pub fn run(global: &Global, args: &Args) -> miette::Result<u8> {
    let slug = runbook_parse::slugify(&args.title);
    if slug.is_empty() {
        miette::bail!("the title must contain at least one letter or digit");
    }
    let path = args.dir.join(format!("{slug}.md"));
    let text = fill(TEMPLATE, &args.title, &args.service, &today_text()?);
    std::fs::create_dir_all(&args.dir)
        .map_err(|e| miette::miette!("cannot create {}: {e}", args.dir.display()))?;
    write_new(&path, &text)?;
    print_notes(
        global,
        &[format!(
            "created {}; replace every TODO, then run `runbook lint {}`",
            path.display(),
            path.display()
        )],
    );
    Ok(EXIT_OK)
}

/// Today as `YYYY-MM-DD` (see [`crate::config::today`]).
pub fn today_text() -> miette::Result<String> {
    Ok(crate::config::today()?.to_string())
}

/// Fills the `{{…}}` fields of a template; YAML-sensitive values are quoted.
pub fn fill(template: &str, title: &str, service: &str, today: &str) -> String {
    template
        .replace(
            "title: {{title}}",
            &format!("title: {}", yaml_string(title)),
        )
        .replace(
            "service: {{service}}",
            &format!("service: {}", yaml_string(service)),
        )
        .replace("{{title}}", title)
        .replace("{{today}}", today)
}

/// A YAML double-quoted scalar, so titles like `Fix: db` stay strings.
fn yaml_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| format!("{text:?}"))
}

/// Creates `path` with `text`, failing if it exists.
pub fn write_new(path: &std::path::Path, text: &str) -> miette::Result<()> {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                miette::miette!(
                    code = "runbook::exists",
                    "{} already exists; not overwriting it",
                    path.display()
                )
            } else {
                miette::miette!("cannot create {}: {e}", path.display())
            }
        })?;
    file.write_all(text.as_bytes())
        .map_err(|e| miette::miette!("cannot write {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn fill_quotes_yaml_values() {
        let text = super::fill(
            "title: {{title}}\n# {{title}}\n",
            "Fix: db",
            "svc",
            "2026-01-01",
        );
        assert_eq!(text, "title: \"Fix: db\"\n# Fix: db\n");
    }
}
