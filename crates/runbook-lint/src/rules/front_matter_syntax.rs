//! `front-matter-syntax`: the front-matter does not parse.

use crate::diagnostic::Severity;
use crate::rule::{Category, Context, Rule, RuleMeta};

crate::declare_rule! {
    /// ## What it checks
    /// Front-matter blocks whose YAML or TOML does not parse, that are never
    /// closed, that are not a key/value mapping, or that exceed the size,
    /// depth or alias-expansion limits. The finding points at the line of
    /// the problem.
    ///
    /// ## Why it matters
    /// A block that does not parse hides every key in it: the owners, the
    /// review date and the alerts silently disappear from the index and the
    /// published site.
    ///
    /// ## Example
    /// ```markdown
    /// ---
    /// title: Restart the cluster
    /// owners: [alice@example.com
    /// ---
    /// ```
    ///
    /// ## How to fix
    /// Correct the syntax at the reported line: close brackets and quotes,
    /// indent nested keys consistently, and end the block with `---` (YAML)
    /// or `+++` (TOML).
    pub FrontMatterSyntax, "front-matter-syntax", Severity::Error, Category::FrontMatter
}

impl Rule for FrontMatterSyntax {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let Some(fm) = &cx.doc.front_matter else {
            return;
        };
        if let Err(e) = &fm.root {
            let name = fm.format.name();
            let detail = e
                .message
                .strip_prefix(&format!("invalid {name}: "))
                .unwrap_or(&e.message);
            let message = format!("invalid {name} front-matter: {detail}");
            cx.report(e.span, message);
        }
    }
}
