//! `front-matter-unknown-key`: a key the schema does not know.

use crate::diagnostic::Severity;
use crate::rule::{Category, Context, Rule, RuleMeta};

crate::declare_rule! {
    /// ## What it checks
    /// Top-level front-matter keys that `schemas/runbook.schema.json` does
    /// not define, that the preset does not accept (the alert preset accepts
    /// Hugo's `weight`, `draft`, `aliases`, `layout`, `description`, `slug`
    /// and `date`) and that `[front_matter] known_keys` does not list.
    ///
    /// ## Why it matters
    /// An unknown key is usually a typo (`owner` for `owners`,
    /// `last_review` for `last_reviewed`), and the real key is then missing:
    /// the runbook looks owned and reviewed to a reader but not to the tools.
    ///
    /// ## Example
    /// ```markdown
    /// ---
    /// title: Restart the cluster
    /// owner: alice@example.com
    /// ---
    /// ```
    ///
    /// ## How to fix
    /// Rename the key to the one the schema defines (the help names the
    /// closest), or add it to `[front_matter] known_keys` in `runbook.toml`
    /// if your site generator needs it.
    pub FrontMatterUnknownKey, "front-matter-unknown-key", Severity::Warning, Category::FrontMatter
}

impl Rule for FrontMatterUnknownKey {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let Some(fm) = &cx.doc.front_matter else {
            return;
        };
        let known = &cx.compiled.known_keys;
        for entry in fm.entries() {
            if known.contains(&entry.key) {
                continue;
            }
            let near = crate::suggest::closest(&entry.key, known.iter().map(String::as_str))
                .map(str::to_owned);
            let d = cx.report(
                entry.key_span,
                format!("unknown front-matter key `{}`", entry.key),
            );
            d.help = Some(match near {
                Some(near) => format!("did you mean `{near}`?"),
                None => "remove the key, or list it in `[front_matter] known_keys` in runbook.toml"
                    .to_owned(),
            });
        }
    }
}
