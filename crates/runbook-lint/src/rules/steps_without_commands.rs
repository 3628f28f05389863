//! `steps-without-commands`: numbered steps with nothing to run or check.

use runbook_parse::SectionKind;

use crate::diagnostic::Severity;
use crate::rule::{Category, Context, Rule, RuleMeta};

crate::declare_rule! {
    /// ## What it checks
    /// Steps sections (Steps, Procedure, Mitigation...) holding a numbered
    /// list of at least two steps where no step has a code block or inline
    /// code, and the section has none either: nothing to run, no command,
    /// no query, no value to check.
    ///
    /// ## Why it matters
    /// "Restart the service" means five different commands to five
    /// operators. Under pressure people guess, and guesses differ from what
    /// the author tested.
    ///
    /// ## Example
    /// ```markdown
    /// ## Steps
    /// 1. Drain the node.
    /// 2. Restart the service.
    /// 3. Check it came back.
    /// ```
    ///
    /// ## How to fix
    /// Put the exact command or query under each step, in a fenced code
    /// block or inline code, with the output to expect.
    pub StepsWithoutCommands, "steps-without-commands", Severity::Warning, Category::Content
}

impl Rule for StepsWithoutCommands {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let doc = cx.doc;
        for h in &doc.headings {
            if h.kind != SectionKind::Steps {
                continue;
            }
            let in_section = |span: runbook_parse::Span| h.content.contains(span);
            let steps = doc.steps.iter().filter(|s| in_section(s.span)).count();
            if steps < 2 {
                continue;
            }
            let has_code = doc.code_blocks.iter().any(|c| in_section(c.span))
                || doc.inline_code.iter().any(|c| in_section(c.span));
            if !has_code {
                cx.report(
                    h.span,
                    format!(
                        "the {steps} steps under `{}` have no command or check to run",
                        h.text
                    ),
                );
            }
        }
    }
}
