//! `front-matter-missing`: the runbook has no front-matter block.

use runbook_parse::Span;

use crate::diagnostic::Severity;
use crate::rule::{Category, Context, Rule, RuleMeta};

crate::declare_rule! {
    /// ## What it checks
    /// Runbooks that do not start with a front-matter block (YAML between
    /// `---` lines or TOML between `+++` lines).
    ///
    /// When the configuration
    /// requires no front-matter key but `title` (every preset but
    /// `strict`), a runbook with a title heading is accepted: a level-1
    /// heading, or the heading the page opens with when it is alone at its
    /// level (as in a Hugo site, or pages a build joins into one document).
    /// Then only a runbook with no title at all is reported.
    ///
    /// ## Why it matters
    /// The front-matter says which service a runbook is for, who owns it and
    /// when it was last reviewed. Without it nobody can tell whether the page
    /// is current or whom to call when it is wrong.
    ///
    /// ## Example
    /// ```markdown
    /// # Restart the database cluster
    ///
    /// ## Steps
    /// ```
    ///
    /// ## How to fix
    /// Start the file with a front-matter block:
    ///
    /// ```markdown
    /// ---
    /// title: Restart the database cluster
    /// service: payments-db
    /// owners: [alice@example.com, bob@example.com]
    /// last_reviewed: 2026-11-01
    /// ---
    /// ```
    pub FrontMatterMissing, "front-matter-missing", Severity::Error, Category::FrontMatter
}

impl Rule for FrontMatterMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        if cx.doc.front_matter.is_some() {
            return;
        }
        // When the configuration needs nothing but a title (the alert preset),
        // a level-1 heading already gives one: Hugo and the site both use it.
        let required = cx.config.required_keys();
        let title_only = required.iter().all(|key| key == "title");
        if title_only && cx.doc.title().is_some() {
            return;
        }
        let first_line = cx.doc.source.find('\n').unwrap_or(cx.doc.source.len());
        let span = Span::new(0, first_line);
        // Where only a title is asked for, the title is what is missing.
        if title_only {
            cx.report(
                span,
                "runbook has no title: no front-matter block and no level-1 heading",
            )
            .help = Some(
                "start the file with a level-1 heading (`# Restart the cache`) or a front-matter block with `title`"
                    .to_owned(),
            );
            return;
        }
        cx.report(span, "runbook has no front-matter block").help = Some(
            "start the file with `---`, then `title`, `service`, `owners` and `last_reviewed`, then `---`"
                .to_owned(),
        );
    }
}
