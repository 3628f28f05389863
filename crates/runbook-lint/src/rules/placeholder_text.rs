//! `placeholder-text`: TODO, TBD, `<insert ...>` and friends left in prose.

use std::sync::LazyLock;

use regex::Regex;
use runbook_parse::Span;

use crate::diagnostic::Severity;
use crate::rule::{Category, Context, Rule, RuleMeta};

/// Upper-case markers as whole words, `<insert ...>`-style prompts, lorem ipsum.
static BUILTIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:TODO|TBD|FIXME|XXX)(?-u:\b)|<(?i:insert|fill in|your|add)(?-u:\b)[^<>\n]{0,60}>|(?i:lorem ipsum)")
        .expect("the built-in placeholder pattern is valid")
});

crate::declare_rule! {
    /// ## What it checks
    /// Placeholder text in the prose of a runbook: `TODO`, `TBD`, `FIXME`,
    /// `XXX` (upper case, as whole words), prompts such as `<insert host
    /// here>` or `<fill in>`, `lorem ipsum`, and the regexes of
    /// `[placeholders] patterns`. Code blocks and inline code are not
    /// checked: there `<namespace>` is a command-line placeholder the
    /// operator fills in, not unfinished writing.
    ///
    /// ## Why it matters
    /// A placeholder marks the step the author did not know how to do. The
    /// operator finds out in the middle of the incident.
    ///
    /// ## Example
    /// ```markdown
    /// ## Rollback
    /// TODO: describe how to restore the previous version.
    /// ```
    ///
    /// ## How to fix
    /// Write the missing content, or remove the marker if the text around it
    /// is complete.
    pub PlaceholderText, "placeholder-text", Severity::Error, Category::Content
}

impl Rule for PlaceholderText {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        // One search over the body, then keep matches inside prose: far
        // cheaper than one search per (small) prose run.
        let doc = cx.doc;
        let body = doc.text(doc.body);
        let prose = &doc.prose;
        let in_prose = |span: Span| {
            let i = prose.partition_point(|p| p.end <= span.start);
            prose.get(i).is_some_and(|p| p.contains(span))
        };
        let mut found = Vec::new();
        for re in std::iter::once(&*BUILTIN).chain(&cx.compiled.placeholders) {
            for m in re.find_iter(body) {
                let span = Span::new(doc.body.start + m.start(), doc.body.start + m.end());
                if in_prose(span) {
                    found.push((span, m.as_str().to_owned()));
                }
            }
        }
        found.sort_by_key(|(s, _)| (s.start, s.end));
        found.dedup_by_key(|(s, _)| s.start);
        for (span, text) in found {
            cx.report(span, format!("placeholder `{text}` left in the runbook"));
        }
    }
}
