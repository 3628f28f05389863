//! `unclosed-code-fence`: a code fence that is never closed.

use runbook_parse::Span;

use crate::diagnostic::Severity;
use crate::rule::{Category, Context, Rule, RuleMeta};

crate::declare_rule! {
    /// ## What it checks
    /// Fenced code blocks (```` ``` ```` or `~~~`) with no closing fence.
    /// Markdown then treats the rest of the file as code.
    ///
    /// A fence inside a list item or a quote ends with it, so an unclosed
    /// one there swallows nothing after the item and is not reported.
    ///
    /// ## Why it matters
    /// Everything after the opening fence, headings included, renders as one
    /// code block: the Mitigation or Rollback section below it disappears
    /// from the page and from the linter's view, and other rules report it
    /// as missing.
    ///
    /// ## Example
    /// ````markdown
    /// ### Diagnosis
    /// ```shell
    /// kubectl describe service -n kube-system
    ///
    /// ### Mitigation
    /// Restart the operator.
    /// ````
    ///
    /// ## How to fix
    /// Close the block with a line holding the same fence (```` ``` ````)
    /// right after the last line of code.
    pub UnclosedCodeFence, "unclosed-code-fence", Severity::Error, Category::Content
}

impl Rule for UnclosedCodeFence {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let doc = cx.doc;
        let mut found = Vec::new();
        for block in &doc.code_blocks {
            let text = doc.text(block.span);
            let first = text.lines().next().unwrap_or("");
            let opening = first.trim_start();
            let Some(fence_char @ ('`' | '~')) = opening.chars().next() else {
                continue;
            };
            let width = opening.chars().take_while(|c| *c == fence_char).count();
            if width < 3 {
                continue;
            }
            // Only the first and last lines matter: searching from both ends
            // keeps long code blocks from being scanned line by line.
            // Like `lines()`: one final line ending does not start a line.
            let trimmed = text.strip_suffix('\n').unwrap_or(text);
            let trimmed = trimmed.strip_suffix('\r').unwrap_or(trimmed);
            let closed = trimmed.rfind('\n').is_some_and(|i| {
                let last = trimmed.get(i + 1..).unwrap_or("").trim();
                last.chars().take_while(|c| *c == fence_char).count() >= width
                    && last.trim_start_matches(fence_char).is_empty()
            });
            // A fence in a list item or quote that ends is closed by it:
            // only a block that runs to the end of the file swallows the rest.
            let reaches_end = doc
                .source
                .get(block.span.end..)
                .is_none_or(|rest| rest.trim().is_empty());
            if !closed && reaches_end {
                let first_line = Span::new(block.span.start, block.span.start + first.len());
                found.push(first_line);
            }
        }
        for span in found {
            cx.report(
                span,
                "code fence is never closed: the rest of the file is code",
            );
        }
    }
}
