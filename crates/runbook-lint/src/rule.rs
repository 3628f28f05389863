//! The rule trait, rule metadata and the `declare_rule!` macro.

use runbook_parse::{Document, Span};

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::index::{FileIndex, Index};

/// What area of runbook safety a rule guards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    /// The front-matter block and its contract.
    FrontMatter,
    /// Required sections (prerequisites, rollback, ...).
    Structure,
    /// Owners, contacts and review dates.
    Ownership,
    /// What the text says: placeholders, secrets.
    Content,
    /// Links within and between runbooks.
    Links,
    /// The linter's own comments.
    Suppression,
}

impl Category {
    /// The category's name.
    pub fn name(self) -> &'static str {
        match self {
            Category::FrontMatter => "front-matter",
            Category::Structure => "structure",
            Category::Ownership => "ownership",
            Category::Content => "content",
            Category::Links => "links",
            Category::Suppression => "suppression",
        }
    }
}

/// What every rule declares about itself.
#[derive(Debug, Clone, Copy)]
pub struct RuleMeta {
    /// Stable kebab-case id, e.g. `missing-rollback`.
    pub id: &'static str,
    /// Severity when configuration says nothing.
    pub default_severity: Severity,
    /// The area it guards.
    pub category: Category,
    /// The rule's doc comment as the compiler hands it over: every line
    /// still has the space that followed `///`. Use [`RuleMeta::explanation`].
    pub raw_docs: &'static str,
}

impl RuleMeta {
    /// The full documentation in Markdown, with the headings What it checks /
    /// Why it matters / Example / How to fix.
    pub fn explanation(&self) -> String {
        let mut out = String::with_capacity(self.raw_docs.len());
        for line in self.raw_docs.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out
    }

    /// The body of one `## ` section of the explanation, trimmed. Headings
    /// inside fenced examples (`## Rollback` in a Markdown example) do not
    /// end the section.
    pub fn section(&self, heading: &str) -> String {
        let docs = self.explanation();
        let mut fence: Option<usize> = None;
        let mut body: Option<Vec<&str>> = None;
        for line in docs.lines() {
            let run = line.chars().take_while(|c| *c == '`').count();
            let in_fence = fence.is_some();
            match fence {
                // A fence closes with a bare run at least as long.
                Some(open) if run >= open && line.trim_end().len() == run => fence = None,
                None if run >= 3 => fence = Some(run),
                _ => {}
            }
            if !in_fence && let Some(title) = line.strip_prefix("## ") {
                if body.is_some() {
                    break;
                }
                if title.trim() == heading {
                    body = Some(Vec::new());
                }
                continue;
            }
            if let Some(body) = &mut body {
                body.push(line);
            }
        }
        body.map(|lines| lines.join("\n").trim().to_owned())
            .unwrap_or_default()
    }

    /// The first paragraph of "How to fix", joined to one line: the default help.
    pub fn default_help(&self) -> String {
        let fix = self.section("How to fix");
        fix.split("\n\n")
            .next()
            .unwrap_or("")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The first paragraph of "What it checks", joined to one line, for listings.
    pub fn summary(&self) -> String {
        let what = self.section("What it checks");
        what.split("\n\n")
            .next()
            .unwrap_or("")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// What a rule sees while checking one document.
pub struct Context<'a> {
    /// The runbook.
    pub doc: &'a Document,
    /// The effective configuration for it.
    pub config: &'a Config,
    pub(crate) compiled: &'a crate::engine::Compiled,
    pub(crate) rule: &'static RuleMeta,
    pub(crate) severity: Severity,
    pub(crate) out: &'a mut Vec<Diagnostic>,
}

impl Context<'_> {
    /// Reports a finding at `span` with this rule's configured severity.
    pub fn report(&mut self, span: Span, message: impl Into<String>) -> &mut Diagnostic {
        let message = message.into();
        let hashed = format!("{message} {}", self.doc.text(span));
        let location = Location::new(self.doc, span);
        push(
            self.out,
            Diagnostic::new(self.rule.id, self.severity, message, location, &hashed),
        )
    }

    /// The span of a whole-file finding: the title heading or the first line.
    pub fn file_span(&self) -> Span {
        file_span(self.doc)
    }
}

/// The span of a whole-file finding in `doc`: the `title` key, the H1, or
/// the first line.
pub(crate) fn file_span(doc: &Document) -> Span {
    if let Some(fm) = &doc.front_matter
        && let Some(entry) = fm.entry("title")
    {
        return entry.key_span;
    }
    if let Some(h) = doc.headings.iter().find(|h| h.level == 1) {
        return h.span;
    }
    let first_line_end = doc.source.find('\n').unwrap_or(doc.source.len());
    Span::new(0, first_line_end)
}

/// Pushes `d` and hands it back for the caller to add help, notes or a fix.
fn push(out: &mut Vec<Diagnostic>, d: Diagnostic) -> &mut Diagnostic {
    let at = out.len();
    out.push(d);
    #[expect(clippy::indexing_slicing, reason = "the element was pushed just above")]
    let pushed = &mut out[at];
    pushed
}

/// What a rule sees in the cross-file pass: the index of every file of the
/// run and of the neighbours the run needs (see [`crate::Project`]).
pub struct CollectionContext<'a> {
    pub(crate) index: &'a Index<'a>,
    pub(crate) rule: &'static RuleMeta,
    /// The rule's registry position.
    pub(crate) position: usize,
    /// Every run file's rule severities by registry position, each under
    /// the file's own configuration.
    pub(crate) levels: &'a [&'a [Option<Severity>]],
    /// Findings per run file, allocated at the first finding.
    pub(crate) out: Vec<Vec<Diagnostic>>,
}

impl CollectionContext<'_> {
    /// Reports a finding on the run's file `file`; `hashed` is the text its
    /// fingerprint covers (stable across line shifts). Nothing is reported
    /// when the rule is off for that file.
    pub(crate) fn report(
        &mut self,
        file: usize,
        location: Location,
        message: String,
        hashed: &str,
    ) -> Option<&mut Diagnostic> {
        let severity = self.severity(file)?;
        if self.out.is_empty() {
            self.out = vec![Vec::new(); self.levels.len()];
        }
        let out = self.out.get_mut(file)?;
        let d = Diagnostic::new(self.rule.id, severity, message, location, hashed);
        Some(push(out, d))
    }

    /// The rule's severity for the run's file `file`; `None` when off.
    pub(crate) fn severity(&self, file: usize) -> Option<Severity> {
        self.levels.get(file)?.get(self.position).copied().flatten()
    }
}

/// What a rule sees after suppression comments were applied to one file.
pub struct SuppressionContext<'a> {
    pub(crate) file: &'a FileIndex,
    /// For each suppression comment, the rules it silenced a finding of.
    pub(crate) used: &'a [Vec<&'static str>],
    /// Every rule's severity for this file, by registry position.
    pub(crate) levels: &'a [Option<Severity>],
    pub(crate) rule: &'static RuleMeta,
    pub(crate) out: Vec<Diagnostic>,
}

impl SuppressionContext<'_> {
    /// Reports a finding at `location`; `hashed` is the text its
    /// fingerprint covers.
    pub(crate) fn report(&mut self, location: Location, message: String, hashed: &str) {
        let Some(severity) = crate::rules::position(self.rule.id)
            .and_then(|i| self.levels.get(i).copied().flatten())
        else {
            return;
        };
        self.out.push(Diagnostic::new(
            self.rule.id,
            severity,
            message,
            location,
            hashed,
        ));
    }

    /// Whether `rule` is on for this file.
    pub(crate) fn is_on(&self, rule: &str) -> bool {
        crate::rules::position(rule)
            .is_some_and(|i| self.levels.get(i).copied().flatten().is_some())
    }
}

/// A lint rule. Most rules look at one document ([`Rule::check`]); the
/// few that look across files implement [`Rule::check_collection`], and
/// `unused-suppression`, which must see what every other rule reported,
/// implements [`Rule::check_suppressions`].
pub trait Rule: Sync {
    /// The rule's metadata.
    fn meta(&self) -> &'static RuleMeta;

    /// Checks `cx.doc`, reporting through `cx.report`.
    fn check(&self, _cx: &mut Context<'_>) {}

    /// Checks the run as a whole, after every per-document check.
    fn check_collection(&self, _cx: &mut CollectionContext<'_>) {}

    /// Checks one file after its suppression comments were applied.
    fn check_suppressions(&self, _cx: &mut SuppressionContext<'_>) {}
}

/// Declares a rule struct with metadata taken from its doc comment.
///
/// The doc comment is the user documentation: `runbook explain` and the
/// site's rule reference both render this one string.
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $vis:vis $name:ident, $id:literal, $severity:expr, $category:expr
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, Default)]
        $vis struct $name;

        impl $name {
            /// This rule's metadata.
            pub const META: $crate::RuleMeta = $crate::RuleMeta {
                id: $id,
                default_severity: $severity,
                category: $category,
                raw_docs: concat!($($doc, "\n"),*),
            };
        }
    };
}
