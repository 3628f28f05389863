//! The rule trait, rule metadata and the `declare_rule!` macro.

use runbook_parse::{Document, Span};

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Location, Severity};

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

    /// The body of one `## ` section of the explanation, trimmed.
    pub fn section(&self, heading: &str) -> String {
        let docs = self.explanation();
        let marker = format!("## {heading}\n");
        docs.split_once(&marker)
            .map(|(_, rest)| rest.split("\n## ").next().unwrap_or(rest).trim().to_owned())
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
    #[expect(
        clippy::missing_panics_doc,
        reason = "the only expect is on a vector we just pushed to"
    )]
    pub fn report(&mut self, span: Span, message: impl Into<String>) -> &mut Diagnostic {
        let message = message.into();
        let diagnostic = Diagnostic {
            rule: self.rule.id,
            severity: self.severity,
            fingerprint: crate::diagnostic::fingerprint(
                self.rule.id,
                &format!("{message} {}", self.doc.text(span)),
            ),
            message,
            location: Location::new(self.doc, span),
            help: None,
            related: Vec::new(),
            fix: None,
        };
        self.out.push(diagnostic);
        let last = self.out.len() - 1;
        // The vector is non-empty: we pushed just above.
        self.out.get_mut(last).expect("diagnostic was just pushed")
    }

    /// The span of a whole-file finding: the title heading or the first line.
    pub fn file_span(&self) -> Span {
        if let Some(fm) = &self.doc.front_matter
            && let Some(entry) = fm.entry("title")
        {
            return entry.key_span;
        }
        if let Some(h) = self.doc.headings.iter().find(|h| h.level == 1) {
            return h.span;
        }
        let first_line_end = self.doc.source.find('\n').unwrap_or(self.doc.source.len());
        Span::new(0, first_line_end)
    }
}

/// A lint rule that checks one document.
pub trait Rule: Sync {
    /// The rule's metadata.
    fn meta(&self) -> &'static RuleMeta;
    /// Checks `cx.doc`, reporting through `cx.report`.
    fn check(&self, cx: &mut Context<'_>);
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
