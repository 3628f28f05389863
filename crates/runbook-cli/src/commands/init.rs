//! `runbook init`: write a commented `runbook.toml`. In a folder that already
//! has runbooks it reads them and picks the closest preset; in an empty one it
//! writes the strict preset and a sample runbook.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use runbook_parse::{ParseOptions, SectionKind};

use crate::commands::new::{today_text, write_new};
use crate::discover::{self, DiscoverOptions};
use crate::{EXIT_OK, Global, commands::lint::print_notes};

const SAMPLE: &str = include_str!("../../templates/sample.md");
const SAMPLE_PATH: &str = "runbooks/restart-example-web.md";

/// Share of runbooks that must follow the alert convention for `init` to choose it.
const ALERT_THRESHOLD_PERCENT: usize = 50;

/// Share of runbooks a path-to-strict warning must hit for `init` to turn it
/// off: a warning on (nearly) every file is noise that hides the true findings.
const NOISE_THRESHOLD_PERCENT: usize = 80;

/// Folders whose pages are about the runbooks (contributor guides, templates),
/// not runbooks themselves, when they have no runbook section.
const GUIDE_DIRS: &[&str] = &["docs", "doc", ".github", "templates", "template"];

/// Non-blank body lines at most in a page that only points elsewhere.
const STUB_MAX_LINES: usize = 2;

/// Arguments of `runbook init`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The repository folder.
    #[arg(long, default_value = ".")]
    dir: PathBuf,
}

/// What `init` learnt from the Markdown files of a repository.
#[derive(Debug, Default, PartialEq, Eq)]
struct Survey {
    runbooks: usize,
    /// Runbooks with at least three of Meaning, Impact, Diagnosis, Mitigation.
    alert_style: usize,
    /// Runbooks with Steps and Rollback sections.
    strict_style: usize,
    /// Front-matter keys and how many runbooks use each.
    keys: BTreeMap<String, usize>,
    /// Markdown files that are not runbooks (README, `_index.md`, …).
    not_runbooks: Vec<PathBuf>,
    /// Files that could not be read as text.
    unreadable: usize,
    /// Runbook-named pages `init` excludes, with the reason.
    excluded: Vec<(PathBuf, &'static str)>,
    /// Runbooks with no rollback section.
    no_rollback: usize,
    /// Runbooks with neither `contacts` nor a contacts section.
    no_contacts: usize,
    /// Runbooks lacking one of the strict preset's front-matter keys.
    no_strict_keys: usize,
}

/// A path-to-strict warning of the alert preset and how many runbooks it hits.
struct Noise {
    rule: &'static str,
    lacking: usize,
    what: &'static str,
}

impl Survey {
    fn noise(&self) -> [Noise; 3] {
        [
            Noise {
                rule: "missing-rollback",
                lacking: self.no_rollback,
                what: "a rollback section",
            },
            Noise {
                rule: "missing-contacts",
                lacking: self.no_contacts,
                what: "contacts (front-matter `contacts` or an Escalation section)",
            },
            Noise {
                rule: "front-matter-recommended-key",
                lacking: self.no_strict_keys,
                what: "`service`, `owners` and `last_reviewed` in the front-matter",
            },
        ]
    }

    /// The path-to-strict warnings that fire on (nearly) every runbook.
    fn noisy(&self) -> Vec<Noise> {
        self.noise()
            .into_iter()
            .filter(|n| {
                n.lacking > 0 && percent(n.lacking, self.runbooks) >= NOISE_THRESHOLD_PERCENT
            })
            .collect()
    }
}

/// Runs the command; refuses to overwrite anything.
pub fn run(global: &Global, args: &Args) -> miette::Result<u8> {
    let config_path = args.dir.join("runbook.toml");
    if config_path.exists() {
        miette::bail!(
            code = "runbook::exists",
            "{} already exists; not overwriting it",
            config_path.display()
        );
    }
    let survey = survey(&args.dir)?;
    let mut notes = Vec::new();
    if survey.runbooks == 0 {
        let sample_path = args.dir.join(SAMPLE_PATH);
        if sample_path.exists() {
            miette::bail!(
                code = "runbook::exists",
                "{} already exists; not overwriting it",
                sample_path.display()
            );
        }
        write_new(&config_path, &config_text(&survey, "strict"))?;
        if let Some(parent) = sample_path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| miette::miette!("cannot create {}: {e}", parent.display()))?;
        }
        write_new(&sample_path, &SAMPLE.replace("{{today}}", &today_text()?))?;
        notes.push(format!("wrote {} (preset strict)", config_path.display()));
        notes.push(format!("wrote sample runbook {}", sample_path.display()));
    } else {
        let preset = choose(&survey);
        write_new(&config_path, &config_text(&survey, preset))?;
        notes.push(format!(
            "wrote {} (preset {preset}); {}",
            config_path.display(),
            reason(&survey, preset)
        ));
        for (path, reason) in &survey.excluded {
            notes.push(format!("excluded {}: {reason}", path.display()));
        }
        if preset == "alert" {
            for noise in survey.noisy() {
                notes.push(format!(
                    "turned off {}: {} of {} runbooks lack {}",
                    noise.rule, noise.lacking, survey.runbooks, noise.what
                ));
            }
        }
    }
    print_notes(global, &notes);
    Ok(EXIT_OK)
}

fn survey(dir: &Path) -> miette::Result<Survey> {
    let found = discover::discover(&[dir.to_path_buf()], &DiscoverOptions::default())
        .map_err(|e| miette::miette!("{e}"))?;
    let mut survey = Survey::default();
    // The default configuration knows the conventional non-runbooks
    // (README, CHANGELOG, `_index.md`...).
    let defaults = runbook_lint::Config::default();
    let (not_runbooks, files): (Vec<PathBuf>, Vec<PathBuf>) = found
        .files
        .into_iter()
        .partition(|path| !defaults.is_runbook(path));
    survey.not_runbooks = not_runbooks;
    survey.not_runbooks.sort();
    let options = ParseOptions::default();
    for path in &files {
        let Ok(bytes) = std::fs::read(path) else {
            survey.unreadable += 1;
            continue;
        };
        let Ok(doc) = runbook_parse::parse(path, &bytes, &options) else {
            survey.unreadable += 1;
            continue;
        };
        let alert_kinds = [
            SectionKind::Meaning,
            SectionKind::Impact,
            SectionKind::Diagnosis,
            SectionKind::Steps,
        ];
        let alert_count = alert_kinds.iter().filter(|k| doc.has_section(**k)).count();
        if alert_count == 0
            && !doc.has_section(SectionKind::Rollback)
            && let Some(reason) = not_a_runbook(dir, path, &doc.source)
        {
            survey.excluded.push((relative(dir, path), reason));
            continue;
        }
        survey.runbooks += 1;
        if alert_count >= 3 && !doc.has_section(SectionKind::Rollback) {
            survey.alert_style += 1;
        }
        if doc.has_section(SectionKind::Steps) && doc.has_section(SectionKind::Rollback) {
            survey.strict_style += 1;
        }
        if !doc.has_section(SectionKind::Rollback) {
            survey.no_rollback += 1;
        }
        let mapping = doc
            .front_matter
            .as_ref()
            .and_then(|fm| fm.root.as_ref().ok().and_then(|root| root.as_mapping()));
        let has_key = |key: &str| mapping.is_some_and(|m| m.iter().any(|e| e.key == key));
        if !has_key("contacts") && !doc.has_section(SectionKind::Contacts) {
            survey.no_contacts += 1;
        }
        if ["service", "owners", "last_reviewed"]
            .iter()
            .any(|k| !has_key(k))
        {
            survey.no_strict_keys += 1;
        }
        if let Some(entries) = mapping {
            for entry in entries {
                *survey.keys.entry(entry.key.clone()).or_insert(0) += 1;
            }
        }
    }
    Ok(survey)
}

/// Why a Markdown file with no runbook section is not a runbook, if it is not:
/// a guide or template in a documentation folder, or a stub that only points
/// to another page. Other files without sections stay runbooks, so that
/// `missing-section` reports them.
fn not_a_runbook(dir: &Path, path: &Path, source: &str) -> Option<&'static str> {
    let rel = relative(dir, path);
    let in_guide_dir = rel.parent().is_some_and(|parent| {
        parent.components().any(|c| {
            c.as_os_str()
                .to_str()
                .is_some_and(|name| GUIDE_DIRS.contains(&name))
        })
    });
    if in_guide_dir {
        return Some("a guide or template in a documentation folder, with no runbook section");
    }
    let body: Vec<&str> = strip_front_matter(source)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    if body.len() <= STUB_MAX_LINES && body.iter().any(|l| l.contains("](")) {
        return Some("a stub that points to another page, with no runbook section");
    }
    None
}

/// The text after a leading `---` or `+++` front-matter block.
fn strip_front_matter(source: &str) -> &str {
    let source = source.trim_start_matches('\u{feff}');
    for fence in ["---", "+++"] {
        if let Some(rest) = source.strip_prefix(fence) {
            let end = format!("\n{fence}");
            if let Some(at) = rest.find(&end) {
                return rest.get(at + end.len()..).unwrap_or("");
            }
        }
    }
    source
}

/// `path` relative to the surveyed folder, with `/` separators.
fn relative(dir: &Path, path: &Path) -> PathBuf {
    discover::clean(path.strip_prefix(dir).unwrap_or(path))
}

fn percent(part: usize, whole: usize) -> usize {
    (part * 100).checked_div(whole).unwrap_or(0)
}

fn choose(survey: &Survey) -> &'static str {
    let alert = percent(survey.alert_style, survey.runbooks);
    if alert >= ALERT_THRESHOLD_PERCENT && survey.alert_style > survey.strict_style {
        "alert"
    } else {
        "strict"
    }
}

fn reason(survey: &Survey, preset: &str) -> String {
    let n = survey.runbooks;
    let noun = if n == 1 { "runbook" } else { "runbooks" };
    let alert = percent(survey.alert_style, n);
    let strict = percent(survey.strict_style, n);
    match preset {
        "alert" => {
            format!("{n} {noun}; {alert}% use Meaning/Impact/Diagnosis/Mitigation: preset alert")
        }
        _ => format!(
            "{n} {noun}; {strict}% have Steps and Rollback sections, {alert}% use Meaning/Impact/Diagnosis/Mitigation: preset strict"
        ),
    }
}

fn config_text(survey: &Survey, preset: &str) -> String {
    let mut text =
        String::from("# Configuration for `runbook` (https://github.com/runbook-dev/runbook).\n");
    if survey.runbooks == 0 {
        text.push_str("# No runbooks were found, so this starts from the strict preset.\n");
    } else {
        let _ = writeln!(
            text,
            "# `runbook init` read this repository: {}.",
            reason(survey, preset)
        );
        if !survey.keys.is_empty() {
            let mut keys: Vec<_> = survey.keys.iter().collect();
            keys.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            let listed: Vec<_> = keys
                .iter()
                .take(8)
                .map(|(k, n)| format!("{k} ({n})"))
                .collect();
            let _ = writeln!(text, "# Front-matter keys seen: {}.", listed.join(", "));
        }
        if !survey.not_runbooks.is_empty() {
            let names: Vec<_> = survey
                .not_runbooks
                .iter()
                .take(5)
                .map(|p| p.display().to_string())
                .collect();
            let more = survey.not_runbooks.len().saturating_sub(names.len());
            let _ = writeln!(
                text,
                "# {} Markdown files are not runbooks and are not linted: {}{}.",
                survey.not_runbooks.len(),
                names.join(", "),
                if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                }
            );
        }
        if survey.unreadable > 0 {
            let _ = writeln!(
                text,
                "# {} files could not be read as text; `runbook lint` reports them.",
                survey.unreadable
            );
        }
    }
    text.push_str(
        "\n# strict: prerequisites, steps, rollback, verification, contacts, owners and a review date.\n\
         # alert: the Meaning/Impact/Diagnosis/Mitigation convention of alert runbooks; rollback,\n\
         # contacts, owners and review dates are warnings.\n",
    );
    let _ = writeln!(text, "preset = \"{preset}\"");
    if !survey.excluded.is_empty() {
        text.push_str(
            "\n# Markdown files `runbook init` judged not to be runbooks. Their links are\n\
             # still checked; delete a line to lint that file as a runbook.\nexclude = [\n",
        );
        for (path, reason) in &survey.excluded {
            let pattern = path.to_string_lossy().replace('\\', "/");
            let _ = writeln!(text, "    # {reason}\n    {:?},", format!("**/{pattern}"));
        }
        text.push_str("]\n");
    }
    text.push_str(
        "\n# Per-rule levels override the preset: \"error\", \"warning\" or \"off\".\n\
         # `runbook rules` lists every rule; `runbook explain RULE` documents one.\n\
         [rules]\n",
    );
    let noisy = if preset == "alert" {
        survey.noisy()
    } else {
        Vec::new()
    };
    if noisy.is_empty() {
        text.push_str("# missing-rollback = \"warning\"\n");
    }
    for noise in &noisy {
        let _ = writeln!(
            text,
            "# {} of {} runbooks lack {}.\n\
             # The alert preset warns about it as the path to the strict preset;\n\
             # set `{} = \"warning\"` to work towards strict.\n\
             {} = \"off\"",
            noise.lacking, survey.runbooks, noise.what, noise.rule, noise.rule
        );
    }
    text.push_str(
        "\n# Extra heading names for section kinds.\n\
         [sections.aliases]\n\
         # rollback = [\"Fallback plan\"]\n",
    );
    text
}

#[cfg(test)]
#[expect(clippy::unwrap_used, reason = "tests")]
mod tests {
    use super::*;

    #[test]
    fn alert_preset_needs_a_majority() {
        let mut survey = Survey {
            runbooks: 10,
            alert_style: 9,
            strict_style: 1,
            ..Survey::default()
        };
        assert_eq!(choose(&survey), "alert");
        survey.alert_style = 4;
        assert_eq!(choose(&survey), "strict");
    }

    #[test]
    fn guides_and_stubs_are_not_runbooks_but_untemplated_runbooks_are() {
        let dir = Path::new("repo");
        let guide = "---\ntitle: Add runbook\n---\n# Adding a runbook\n\n1. Copy the template.\n";
        assert!(not_a_runbook(dir, Path::new("repo/docs/add.md"), guide).is_some());
        let stub = "---\ntitle: RAID\n---\n# NodeRAIDDiskFailure\n\nSee [Degraded](./NodeRAIDDegraded.md)\n";
        assert!(not_a_runbook(dir, Path::new("repo/runbooks/raid.md"), stub).is_some());
        let real = "# Dups\n\nFind the pod.\n\n```shell\nkubectl get pod\n```\n\nRead its logs and fix the [target](x.md).\n";
        assert_eq!(
            not_a_runbook(dir, Path::new("repo/runbooks/dups.md"), real),
            None
        );
    }

    #[test]
    fn only_warnings_on_nearly_every_runbook_are_turned_off() {
        let survey = Survey {
            runbooks: 10,
            alert_style: 10,
            no_rollback: 10,
            no_contacts: 7,
            no_strict_keys: 0,
            ..Survey::default()
        };
        let rules: Vec<_> = survey.noisy().iter().map(|n| n.rule).collect();
        assert_eq!(rules, ["missing-rollback"]);
    }

    #[test]
    fn generated_config_parses() {
        let survey = Survey {
            runbooks: 3,
            alert_style: 3,
            no_rollback: 3,
            no_contacts: 3,
            excluded: vec![(PathBuf::from("docs/add runbook.md"), "a guide")],
            ..Survey::default()
        };
        let text = config_text(&survey, "alert");
        assert!(text.contains("missing-rollback = \"off\""), "{text}");
        assert!(
            text.contains("# 3 of 3 runbooks lack a rollback section."),
            "{text}"
        );
        assert!(text.contains("\"**/docs/add runbook.md\","), "{text}");
        let config = crate::config::parse(&text, "runbook.toml", None).unwrap();
        assert!(!config.is_runbook(Path::new("docs/add runbook.md")));
        assert!(!config.is_runbook(Path::new("content/docs/add runbook.md")));
        assert!(
            text.contains("3 runbooks; 100% use Meaning/Impact/Diagnosis/Mitigation: preset alert")
        );
        assert!(crate::config::parse(&text, "runbook.toml", None).is_ok());
    }
}
