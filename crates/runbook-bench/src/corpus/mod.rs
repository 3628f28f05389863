//! A deterministic generator of realistic runbook corpora.
//!
//! [`generate`] first plans every file (path, title, headings, injected
//! problems), so cross-links can point at real files and real anchors, then
//! renders each file from its own PRNG stream. The same `files` and `seed`
//! always give byte-identical output on every platform.

mod render;
mod vocab;

use std::fs;
use std::io;
use std::path::Path;

use rayon::prelude::*;

use crate::rng::Rng;

/// One generated runbook: its path relative to the corpus root and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Path relative to the corpus root, with `/` separators.
    pub path: String,
    /// The Markdown text.
    pub contents: String,
}

/// Totals of a generated corpus.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CorpusStats {
    /// Number of files.
    pub files: usize,
    /// Total size in bytes.
    pub bytes: usize,
    /// Files with at least one deliberately injected problem.
    pub with_problems: usize,
}

/// The shape of a corpus: the realistic mix, or one that stresses one cost
/// of a linter (benchmarks run every shape; see `bench/run.sh`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Shape {
    /// The realistic mix: procedures and alert pages, a long tail of sizes,
    /// a few deliberate problems.
    #[default]
    Default,
    /// Every file has a front-matter value the schema rejects and five or
    /// more findings: the repository that is adopting the tool.
    FindingsHeavy,
    /// Files of about 300 bytes: per-file overhead dominates (run with
    /// 100,000 files).
    Tiny,
    /// Files of about 500 KB with long code blocks and tables: per-byte
    /// cost dominates (run with 200 files).
    Huge,
    /// Every front-matter block is TOML.
    Toml,
    /// 50 cross-file links per file, most with an anchor.
    LinkHeavy,
}

impl Shape {
    /// Every shape, default first.
    pub const ALL: [Shape; 6] = [
        Shape::Default,
        Shape::FindingsHeavy,
        Shape::Tiny,
        Shape::Huge,
        Shape::Toml,
        Shape::LinkHeavy,
    ];

    /// The name `gen-corpus --shape` and `bench/run.sh` use.
    pub fn name(self) -> &'static str {
        match self {
            Shape::Default => "default",
            Shape::FindingsHeavy => "findings-heavy",
            Shape::Tiny => "tiny",
            Shape::Huge => "huge",
            Shape::Toml => "toml",
            Shape::LinkHeavy => "link-heavy",
        }
    }

    /// The shape with this name.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.name() == name)
    }
}

/// Deliberate defects, so linters have something to find.
#[derive(Debug, Clone, Copy, Default)]
#[expect(clippy::struct_excessive_bools, reason = "independent defect flags")]
struct Problems {
    missing_rollback: bool,
    missing_verification: bool,
    stale_review: bool,
    placeholder: bool,
    secret: bool,
    broken_link: bool,
    single_owner: bool,
    unreachable_contact: bool,
    /// A front-matter value of the wrong type (`review_interval_days`).
    schema_error: bool,
}

impl Problems {
    fn any(self) -> bool {
        self.missing_rollback
            || self.missing_verification
            || self.stale_review
            || self.placeholder
            || self.secret
            || self.broken_link
            || self.single_owner
            || self.unreachable_contact
            || self.schema_error
    }
}

/// The two shapes of runbook found in the wild.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A procedure: prerequisites, steps, rollback, verification, escalation.
    Procedure,
    /// An alert page: meaning, impact, diagnosis, mitigation.
    Alert,
}

/// Everything other files need to know about a file before it is rendered.
#[derive(Debug, Clone)]
struct Plan {
    index: usize,
    dir: &'static str,
    file_name: String,
    kind: Kind,
    title: String,
    service: &'static str,
    alert: Option<String>,
    /// H2 texts in order; their slugs are the anchors other files link to.
    headings: Vec<&'static str>,
    toml: bool,
    /// How many steps the procedure has: the main driver of file size.
    steps: usize,
    problems: Problems,
    shape: Shape,
}

/// Plans and renders a corpus of `files` runbooks in memory.
pub fn generate(files: usize, seed: u64) -> Vec<GeneratedFile> {
    generate_shape(Shape::Default, files, seed)
}

/// Plans and renders a corpus of `files` runbooks of one shape in memory.
pub fn generate_shape(shape: Shape, files: usize, seed: u64) -> Vec<GeneratedFile> {
    let plans: Vec<Plan> = (0..files).map(|i| plan(i, seed, shape)).collect();
    plans
        .par_iter()
        .map(|p| GeneratedFile {
            path: format!("{}/{}", p.dir, p.file_name),
            contents: render::file(p, &plans, seed),
        })
        .collect()
}

/// Generates a corpus and writes it under `out` (created if missing).
///
/// Existing files with the same names are overwritten; others are left alone.
pub fn write(out: &Path, files: usize, seed: u64) -> io::Result<CorpusStats> {
    write_shape(out, Shape::Default, files, seed)
}

/// [`write`] for a corpus of one shape.
pub fn write_shape(out: &Path, shape: Shape, files: usize, seed: u64) -> io::Result<CorpusStats> {
    let generated = generate_shape(shape, files, seed);
    let with_problems = (0..files)
        .filter(|&i| plan(i, seed, shape).problems.any())
        .count();
    for dir in vocab::TEAMS {
        fs::create_dir_all(out.join(dir))?;
    }
    generated
        .par_iter()
        .try_for_each(|f| fs::write(out.join(&f.path), &f.contents))?;
    Ok(CorpusStats {
        files,
        bytes: generated.iter().map(|f| f.contents.len()).sum(),
        with_problems,
    })
}

/// One runbook of roughly `target_bytes`, for benchmarks of very large files.
pub fn large_runbook(target_bytes: usize, seed: u64) -> String {
    let mut p = plan(0, seed, Shape::Default);
    p.kind = Kind::Procedure;
    p.headings = vec![
        "Prerequisites",
        "Steps",
        "Rollback",
        "Verification",
        "Escalation",
    ];
    p.problems = Problems::default();
    // Measure the average step size on a sample, then render at the right length.
    p.steps = 1000;
    let sample = render::file(&p, std::slice::from_ref(&p), seed).len();
    p.steps = (target_bytes.saturating_mul(1000) / sample.max(1)).max(1);
    render::file(&p, std::slice::from_ref(&p), seed)
}

fn plan(index: usize, seed: u64, shape: Shape) -> Plan {
    let mut rng = Rng::for_item(seed, index as u64);
    let dir = *rng.pick(vocab::TEAMS);
    let service = *rng.pick(vocab::SERVICES);
    let kind = if matches!(shape, Shape::Tiny | Shape::Huge) || !rng.percent(18) {
        Kind::Procedure
    } else {
        Kind::Alert
    };
    let mut problems = Problems {
        missing_rollback: kind == Kind::Procedure && rng.percent(8),
        missing_verification: kind == Kind::Procedure && rng.percent(5),
        stale_review: rng.percent(10),
        placeholder: rng.percent(6),
        secret: rng.percent(2),
        broken_link: rng.percent(7),
        single_owner: rng.percent(10),
        unreachable_contact: rng.percent(4),
        schema_error: false,
    };
    match shape {
        // Five findings or more in every file, one of them a schema error.
        Shape::FindingsHeavy => {
            problems.missing_rollback = kind == Kind::Procedure;
            problems.missing_verification = kind == Kind::Procedure;
            problems.stale_review = true;
            problems.placeholder = true;
            problems.broken_link = true;
            problems.single_owner = true;
            problems.unreachable_contact = true;
            problems.schema_error = true;
        }
        Shape::Tiny | Shape::Huge => problems = Problems::default(),
        Shape::Default | Shape::Toml | Shape::LinkHeavy => {}
    }
    let steps = match shape {
        Shape::Tiny => 1,
        // About 500 KB: a step with its code block and table is about 1 KB.
        Shape::Huge => rng.range(330, 400),
        _ => step_count(&mut rng),
    };
    let (title, file_name, alert, headings) = match kind {
        Kind::Procedure => {
            let (slug, verb) = *rng.pick(vocab::ACTIONS);
            let title = format!("{verb} {service}");
            let file_name = format!("{slug}-{service}-{index:05}.md");
            let mut headings = vec![*rng.pick(vocab::PREREQ_HEADINGS)];
            if rng.percent(25) {
                headings.push(*rng.pick(vocab::EXTRA_HEADINGS));
            }
            headings.push(*rng.pick(vocab::STEPS_HEADINGS));
            if !problems.missing_rollback {
                headings.push(*rng.pick(vocab::ROLLBACK_HEADINGS));
            }
            if !problems.missing_verification {
                headings.push(*rng.pick(vocab::VERIFY_HEADINGS));
            }
            headings.push(*rng.pick(vocab::ESCALATION_HEADINGS));
            (title, file_name, None, headings)
        }
        Kind::Alert => {
            let camel: String = service
                .split('-')
                .map(|w| {
                    let mut c = w.chars();
                    c.next()
                        .map(|f| f.to_uppercase().chain(c).collect::<String>())
                        .unwrap_or_default()
                })
                .collect();
            let alert = format!("{camel}{}{index}", rng.pick(vocab::ALERT_STEMS));
            let mut headings = vec!["Meaning", "Impact", "Diagnosis", "Mitigation"];
            if rng.percent(40) {
                headings.push("Escalation");
            }
            (alert.clone(), format!("{alert}.md"), Some(alert), headings)
        }
    };
    let headings = if shape == Shape::Tiny {
        vec!["Steps"]
    } else {
        headings
    };
    let toml = match shape {
        Shape::Toml => true,
        Shape::Tiny | Shape::Huge => false,
        _ => rng.percent(25),
    };
    Plan {
        index,
        dir,
        file_name,
        kind,
        title,
        service,
        alert,
        headings,
        toml,
        steps,
        problems,
        shape,
    }
}

/// Step counts with a long tail: most runbooks are short, a few are huge.
fn step_count(rng: &mut Rng) -> usize {
    match rng.below(1000) {
        0..=599 => rng.range(1, 3),
        600..=899 => rng.range(3, 6),
        900..=984 => rng.range(6, 14),
        _ => rng.range(20, 70),
    }
}

/// The link from `from` to `to`, relative to `from`'s directory.
fn relative_link(from: &Plan, to: &Plan) -> String {
    if from.dir == to.dir {
        to.file_name.clone()
    } else {
        format!("../{}/{}", to.dir, to.file_name)
    }
}

#[cfg(test)]
mod tests {
    #![expect(clippy::unwrap_used, reason = "tests")]

    use super::*;

    #[test]
    fn same_seed_gives_identical_bytes() {
        let a = generate(60, 42);
        let b = generate(60, 42);
        assert_eq!(a, b);
        let c = generate(60, 43);
        assert_ne!(a, c);
    }

    #[test]
    fn write_is_deterministic_on_disk() {
        let one = tempfile::tempdir().unwrap();
        let two = tempfile::tempdir().unwrap();
        let s1 = write(one.path(), 25, 7).unwrap();
        let s2 = write(two.path(), 25, 7).unwrap();
        assert_eq!(s1, s2);
        for f in generate(25, 7) {
            let x = fs::read(one.path().join(&f.path)).unwrap();
            let y = fs::read(two.path().join(&f.path)).unwrap();
            assert_eq!(x, y);
            assert_eq!(x, f.contents.as_bytes());
        }
    }

    #[test]
    fn generated_files_parse_with_front_matter_and_sections() {
        use runbook_parse::{ParseOptions, SectionKind, parse};
        let files = generate(200, 1);
        let mut toml = 0;
        let mut alerts = 0;
        for f in &files {
            let doc = parse(&f.path, f.contents.as_bytes(), &ParseOptions::default()).unwrap();
            let fm = doc.front_matter.as_ref().unwrap();
            assert!(fm.root.is_ok(), "{}: {:?}", f.path, fm.root);
            assert!(doc.title().is_some(), "{}", f.path);
            assert!(doc.metadata.service.is_some(), "{}", f.path);
            if fm.format == runbook_parse::FrontMatterFormat::Toml {
                toml += 1;
            }
            if doc.has_section(SectionKind::Meaning) {
                alerts += 1;
                assert!(doc.has_section(SectionKind::Diagnosis), "{}", f.path);
            } else {
                assert!(doc.has_section(SectionKind::Steps), "{}", f.path);
                assert!(!doc.steps.is_empty(), "{}", f.path);
            }
        }
        assert!(toml > 20 && toml < 100, "toml files: {toml}");
        assert!(alerts > 10, "alert files: {alerts}");
    }

    #[test]
    fn some_files_carry_problems_and_links_resolve() {
        let files = generate(300, 3);
        let all: String = files.iter().map(|f| f.contents.as_str()).collect();
        assert!(all.contains("AKIA"));
        assert!(all.contains("TODO") || all.contains("TBD") || all.contains("FIXME"));
        assert!(all.contains("last_reviewed: 2022-") || all.contains("last_reviewed = 2022-"));
        // Every intra-corpus link that is not meant to be broken points at a generated file.
        let names: std::collections::HashSet<&str> = files
            .iter()
            .map(|f| f.path.rsplit('/').next().unwrap())
            .collect();
        let mut checked = 0;
        for f in &files {
            for target in f.contents.split("](").skip(1) {
                let target = target.split([')', '#']).next().unwrap();
                let name = target.rsplit('/').next().unwrap();
                if std::path::Path::new(name)
                    .extension()
                    .is_some_and(|e| e == "md")
                    && !name.starts_with("old-")
                {
                    assert!(names.contains(name), "{}: {target}", f.path);
                    checked += 1;
                }
            }
        }
        assert!(checked > 100);
    }

    #[test]
    fn every_shape_has_its_defining_property() {
        use runbook_parse::{FrontMatterFormat, ParseOptions, parse};
        let average = |files: &[GeneratedFile]| {
            files.iter().map(|f| f.contents.len()).sum::<usize>() / files.len()
        };
        let tiny = generate_shape(Shape::Tiny, 200, 1);
        assert!((200..=400).contains(&average(&tiny)), "{}", average(&tiny));
        let huge = generate_shape(Shape::Huge, 3, 1);
        assert!(
            (350_000..=650_000).contains(&average(&huge)),
            "{}",
            average(&huge)
        );
        assert!(huge.iter().all(|f| f.contents.contains("|---|")));
        for f in generate_shape(Shape::Toml, 100, 1) {
            let doc = parse(&f.path, f.contents.as_bytes(), &ParseOptions::default()).unwrap();
            let fm = doc.front_matter.as_ref().unwrap();
            assert_eq!(fm.format, FrontMatterFormat::Toml, "{}", f.path);
            assert!(fm.root.is_ok(), "{}", f.path);
        }
        for f in generate_shape(Shape::LinkHeavy, 100, 1) {
            let doc = parse(&f.path, f.contents.as_bytes(), &ParseOptions::default()).unwrap();
            let anchored = doc
                .links
                .iter()
                .filter(|l| l.destination.contains(".md#"))
                .count();
            assert!(doc.links.len() >= 50 && anchored >= 25, "{}", f.path);
        }
        for f in generate_shape(Shape::FindingsHeavy, 100, 1) {
            assert!(
                f.contents.contains("review_interval_days: often")
                    || f.contents.contains("review_interval_days = \"often\""),
                "{}",
                f.path
            );
        }
        // The default shape is the corpus every earlier benchmark ran on.
        assert_eq!(generate_shape(Shape::Default, 50, 9), generate(50, 9));
    }

    #[test]
    fn large_runbook_reaches_its_size() {
        let text = large_runbook(2_000_000, 5);
        assert!(
            text.len() > 1_800_000 && text.len() < 2_200_000,
            "{}",
            text.len()
        );
    }
}
