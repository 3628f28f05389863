//! `steps-without-commands`: numbered steps with nothing to run or check.

use runbook_parse::{Document, LinkKind, LinkTarget, SectionKind, Span, Step};

use crate::diagnostic::Severity;
use crate::rule::{Category, Context, Rule, RuleMeta};

crate::declare_rule! {
    /// ## What it checks
    /// Steps sections (Steps, Procedure, Mitigation...) holding a numbered
    /// list of at least two steps where no step has a code block or inline
    /// code, and the section has none either: nothing to run, no command,
    /// no query, no value to check.
    ///
    /// A URL written out in the section (`Check the dashboard:
    /// https://grafana.example.com/d/auth`) is something to check, and a
    /// step that is only a link to another page of the repository
    /// (`3. [Gather the logs](../helpers/gather-logs.md)`) counts as a
    /// command: the commands are on the shared procedure page.
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
            let section = h.content;
            let steps: Vec<&Step> = starting_in(&doc.steps, |s| s.span, section)
                .iter()
                .filter(|s| section.contains(s.span))
                .collect();
            if steps.len() < 2 {
                continue;
            }
            let has_code = starting_in(&doc.code_blocks, |c| c.span, section)
                .iter()
                .any(|c| section.contains(c.span))
                || starting_in(&doc.inline_code, |c| c.span, section)
                    .iter()
                    .any(|c| section.contains(c.span))
                || steps.iter().any(|s| is_link_to_local_page(doc, s))
                || starting_in(&doc.prose, |p| *p, section)
                    .iter()
                    .any(|p| section.contains(*p) && doc.text(*p).contains("://"));
            if !has_code {
                cx.report(
                    h.span,
                    format!(
                        "the {} steps under `{}` have no command or check to run",
                        steps.len(),
                        h.text
                    ),
                );
            }
        }
    }
}

/// The items that start inside `section`, found by binary search (the
/// document keeps them in order), so a runbook of thousands of steps
/// sections is not checked in quadratic time.
fn starting_in<T>(items: &[T], span: impl Fn(&T) -> Span, section: Span) -> &[T] {
    let from = items.partition_point(|i| span(i).start < section.start);
    let to = items.partition_point(|i| span(i).start < section.end);
    items.get(from..to).unwrap_or(&[])
}

/// Words a step may have besides its link: "See", "Follow the", "Run".
const MAX_WORDS_BESIDES_LINK: usize = 3;

/// Whether a step is only a link to another file of the repository, the
/// way runbooks point to a shared procedure.
fn is_link_to_local_page(doc: &Document, step: &Step) -> bool {
    let links: Vec<Span> = starting_in(&doc.links, |l| l.span, step.span)
        .iter()
        .filter(|l| l.kind == LinkKind::Link && step.span.contains(l.span))
        .filter(|l| is_local_page(&l.destination))
        .map(|l| l.span)
        .collect();
    let Some(first) = links.first() else {
        return false;
    };
    let before = doc.text(Span::new(step.span.start, first.start));
    let after = links
        .windows(2)
        .map(|pair| match pair {
            [a, b] => doc.text(Span::new(a.end, b.start)),
            _ => "",
        })
        .chain(
            links
                .last()
                .map(|last| doc.text(Span::new(last.end, step.span.end))),
        );
    let words = std::iter::once(before)
        .chain(after)
        .flat_map(str::split_whitespace)
        .filter(|w| w.chars().any(char::is_alphanumeric))
        // The item's own number ("3." or "3)").
        .filter(|w| {
            !w.trim_end_matches(['.', ')'])
                .chars()
                .all(|c| c.is_ascii_digit())
        })
        .count();
    words <= MAX_WORDS_BESIDES_LINK
}

/// A link to a file of the repository: not a URL, a site-absolute path or
/// an anchor in the same page.
fn is_local_page(destination: &str) -> bool {
    LinkTarget::parse(destination).is_some_and(|t| !t.path.is_empty())
}
