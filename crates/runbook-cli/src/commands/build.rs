//! `runbook build`: publish runbooks as a static HTML site.
//!
//! Lint findings are shown on the site, not fatal: the site builds anyway.
//! With `--strict`, lint errors fail the build *before* anything is written,
//! so the previously published site stays in place.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use rayon::prelude::*;
use runbook_lint::{Config, Diagnostic, Linter, Severity};
use runbook_site::{Finding, FindingSeverity, RuleDoc, SiteDocument, SiteInput, SiteOptions};

/// Arguments of `runbook build`.
#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// Files or folders of runbooks to publish.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// The output folder; replaced atomically on every build.
    #[arg(long, short, default_value = "site")]
    pub out: PathBuf,
    /// Fail (exit 1, writing nothing) when any runbook has lint errors.
    #[arg(long)]
    pub strict: bool,
    /// URL prefix for hosting under a sub-path, e.g. `/ops/runbooks/`
    /// (default: relative links, which work anywhere, `file://` included).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// "Edit this page" URL; `{path}` is replaced by the runbook's path,
    /// e.g. `https://github.com/acme/ops/edit/main/{path}`.
    #[arg(long, value_name = "URL")]
    pub repo_url: Option<String>,
    /// The site title.
    #[arg(long, default_value = "Runbooks")]
    pub title: String,
}

/// Runs `runbook build`: 0 built, 1 lint errors under `--strict`, 2 usage or I/O failure.
pub fn run(args: &BuildArgs) -> ExitCode {
    let started = Instant::now();
    let files = match discover(&args.paths) {
        Ok(files) => files,
        Err(message) => {
            note(&format!("error: {message}"));
            return ExitCode::from(2);
        }
    };
    let linter = Linter::new(Config::default());
    let options = linter.config().parse_options();
    let parsed: Vec<Result<SiteDocument, String>> = files
        .par_iter()
        .map(|(path, rel_path)| {
            let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let document =
                runbook_parse::parse(path.clone(), &bytes, &options).map_err(|e| e.to_string())?;
            let findings = linter
                .check(&document)
                .diagnostics
                .iter()
                .map(finding)
                .collect();
            Ok(SiteDocument {
                document,
                rel_path: rel_path.clone(),
                findings,
            })
        })
        .collect();
    let mut documents = Vec::with_capacity(parsed.len());
    let mut unreadable = 0;
    for result in parsed {
        match result {
            Ok(doc) => documents.push(doc),
            Err(message) => {
                unreadable += 1;
                note(&format!("error: {message}"));
            }
        }
    }
    let count = |severity| {
        documents
            .iter()
            .flat_map(|d| &d.findings)
            .filter(|f| f.severity == severity)
            .count()
    };
    let (errors, warnings) = (
        count(FindingSeverity::Error) + unreadable,
        count(FindingSeverity::Warning),
    );
    if args.strict && errors > 0 {
        note(&format!(
            "error: {errors} lint error{} found; nothing written (--strict). Run `runbook lint` for details.",
            if errors == 1 { "" } else { "s" }
        ));
        return ExitCode::from(1);
    }
    let input = SiteInput {
        rules: rule_docs(),
        options: SiteOptions {
            title: args.title.clone(),
            base_url: args.base_url.clone(),
            repo_url: args.repo_url.clone(),
            today: jiff::ZonedDateTime::now().date(),
        },
        documents,
    };
    let site = match runbook_site::render(&input) {
        Ok(site) => site,
        Err(e) => {
            note(&format!("error: {e}"));
            return ExitCode::from(2);
        }
    };
    if let Err(e) = runbook_site::write_atomic(&site, &args.out, &args.paths) {
        note(&format!("error: {e}"));
        return ExitCode::from(2);
    }
    note(&format!(
        "Built {} pages for {} runbooks in {:.2}s into {} ({errors} lint errors, {warnings} warnings shown on the site)",
        site.page_count(),
        input.documents.len(),
        started.elapsed().as_secs_f64(),
        args.out.display(),
    ));
    ExitCode::SUCCESS
}

/// Converts a lint diagnostic to the site's plain finding.
fn finding(d: &Diagnostic) -> Finding {
    Finding {
        rule: d.rule.to_owned(),
        severity: severity(d.severity),
        message: d.message.clone(),
        line: d.location.start.line,
        column: d.location.start.column,
        help: d.help.clone(),
    }
}

fn severity(s: Severity) -> FindingSeverity {
    match s {
        Severity::Error => FindingSeverity::Error,
        Severity::Warning => FindingSeverity::Warning,
    }
}

/// Every rule's documentation, for the rules reference page.
fn rule_docs() -> Vec<RuleDoc> {
    runbook_lint::rules::ALL_RULES
        .iter()
        .map(|rule| {
            let meta = rule.meta();
            RuleDoc {
                id: meta.id.to_owned(),
                severity: severity(meta.default_severity),
                summary: meta.summary(),
                explanation_markdown: meta.explanation(),
            }
        })
        .collect()
}

/// File names that document a folder rather than being runbooks.
const NOT_RUNBOOKS: &[&str] = &[
    "readme.md",
    "_index.md",
    "index.md",
    "changelog.md",
    "contributing.md",
    "license.md",
    "summary.md",
];

// wire: replace with crate::discover
/// Finds runbooks: `*.md` files under each path (honouring ignore files),
/// with their path relative to the root they were found under.
fn discover(paths: &[PathBuf]) -> Result<Vec<(PathBuf, PathBuf)>, String> {
    let mut files = Vec::new();
    for root in paths {
        let meta = std::fs::metadata(root).map_err(|e| format!("{}: {e}", root.display()))?;
        if meta.is_file() {
            let name = root.file_name().map_or_else(|| root.clone(), PathBuf::from);
            files.push((root.clone(), name));
            continue;
        }
        for entry in ignore::WalkBuilder::new(root).build() {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    note(&format!("warning: {e}"));
                    continue;
                }
            };
            let path = entry.path();
            let is_markdown = path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("md"));
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            if entry.file_type().is_some_and(|t| t.is_file())
                && is_markdown
                && !NOT_RUNBOOKS.contains(&name.as_str())
            {
                let rel = path.strip_prefix(root).unwrap_or(path);
                files.push((path.to_path_buf(), rel.to_path_buf()));
            }
        }
    }
    files.sort();
    files.dedup_by(|a, b| a.0 == b.0);
    Ok(files)
}

#[expect(
    clippy::print_stderr,
    reason = "the build summary and errors go to stderr"
)]
fn note(line: &str) {
    eprintln!("{line}");
}

#[cfg(test)]
mod tests {
    #![expect(clippy::unwrap_used, reason = "tests")]
    use std::path::Path;

    use super::*;

    #[test]
    fn discovery_skips_readmes_and_keeps_relative_paths() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("db")).unwrap();
        for name in ["db/failover.md", "README.md", "db/_index.md", "notes.txt"] {
            std::fs::write(dir.path().join(name), "# x\n").unwrap();
        }
        let found = discover(&[dir.path().to_path_buf()]).unwrap();
        let rels: Vec<_> = found.iter().map(|(_, rel)| rel.clone()).collect();
        assert_eq!(rels, vec![Path::new("db/failover.md").to_path_buf()]);
    }
}
