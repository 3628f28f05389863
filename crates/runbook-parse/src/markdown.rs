//! One pass of pulldown-cmark over the body, collecting the runbook structure.

use pulldown_cmark::{CodeBlockKind, Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::document::{CodeBlock, Heading, Html, InlineCode, Link, LinkKind, Step, TaskItem};
use crate::position::Span;
use crate::sections::SectionAliases;
use crate::slug::Slugger;

/// The Markdown dialect: `CommonMark` plus the GitHub extensions runbooks use.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// What the body walk collects.
#[derive(Default)]
pub(crate) struct Body {
    pub headings: Vec<Heading>,
    pub steps: Vec<Step>,
    pub code_blocks: Vec<CodeBlock>,
    pub inline_code: Vec<InlineCode>,
    pub links: Vec<Link>,
    pub tasks: Vec<TaskItem>,
    pub html: Vec<Html>,
    pub prose: Vec<Span>,
}

/// An open list while walking.
struct ListFrame {
    /// Next item number if ordered.
    next: Option<u64>,
    /// The step opened by this list's current item, if it is a step list.
    step: Option<usize>,
    /// The innermost step enclosing this list, kept so lookups stay O(1)
    /// however deep lists nest.
    enclosing_step: Option<usize>,
}

impl ListFrame {
    /// The innermost open step at this depth.
    fn open_step(&self) -> Option<usize> {
        self.step.or(self.enclosing_step)
    }
}

/// A heading being read: its text accumulates until the heading ends.
struct OpenHeading {
    level: u8,
    span: Span,
    text: String,
    id: Option<String>,
}

/// The state of one walk over a body; events go in, a [`Body`] comes out.
struct Walker<'a> {
    aliases: &'a SectionAliases,
    offset: usize,
    out: Body,
    slugger: Slugger,
    heading: Option<OpenHeading>,
    code: Option<CodeBlock>,
    html_block: Option<Html>,
    lists: Vec<ListFrame>,
    items: Vec<Span>,
}

/// Walks the Markdown `body`, which starts at byte `offset` of the document.
pub(crate) fn walk(body: &str, offset: usize, aliases: &SectionAliases) -> Body {
    let mut walker = Walker {
        aliases,
        offset,
        out: Body::default(),
        slugger: Slugger::default(),
        heading: None,
        code: None,
        html_block: None,
        lists: Vec::new(),
        items: Vec::new(),
    };
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        walker.event(event, range);
    }
    finish_headings(&mut walker.out.headings, offset + body.len());
    walker.out
}

impl Walker<'_> {
    /// The heading whose section the current event belongs to; a link inside
    /// a heading belongs to that heading.
    fn section(&self) -> Option<usize> {
        let len = self.out.headings.len();
        if self.heading.is_some() {
            Some(len)
        } else {
            len.checked_sub(1)
        }
    }

    fn event(&mut self, event: Event<'_>, range: std::ops::Range<usize>) {
        let span = Span::new(range.start + self.offset, range.end + self.offset);
        match event {
            Event::Start(tag) => self.start(tag, span),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.text(&text, span),
            Event::Code(text) => {
                if let Some(heading) = self.heading.as_mut() {
                    heading.text.push_str(&text);
                }
                self.out.inline_code.push(InlineCode {
                    text: text.into_string(),
                    span,
                });
            }
            Event::Html(text) => match self.html_block.as_mut() {
                Some(block) => {
                    block.text.push_str(&text);
                    block.span.end = block.span.end.max(span.end);
                }
                None => self.out.html.push(Html {
                    text: text.into_string(),
                    span,
                    is_block: true,
                }),
            },
            Event::InlineHtml(text) => self.out.html.push(Html {
                text: text.into_string(),
                span,
                is_block: false,
            }),
            Event::TaskListMarker(checked) => self.out.tasks.push(TaskItem {
                checked,
                span: self.items.last().copied().unwrap_or(span),
                section: self.section(),
            }),
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, span: Span) {
        match tag {
            Tag::Heading { level, id, .. } => {
                self.heading = Some(OpenHeading {
                    level: level as u8,
                    span,
                    text: String::new(),
                    id: id.map(|i| i.to_string()),
                });
            }
            Tag::CodeBlock(kind) => {
                self.mark_content();
                let language = match &kind {
                    CodeBlockKind::Fenced(info) => language(info),
                    CodeBlockKind::Indented => None,
                };
                self.code = Some(CodeBlock {
                    language,
                    text: String::new(),
                    span,
                    // Inverted on purpose: the first text event sets both ends.
                    content: Span {
                        start: span.end,
                        end: span.start,
                    },
                    section: self.section(),
                });
            }
            Tag::HtmlBlock => {
                self.html_block = Some(Html {
                    text: String::new(),
                    span,
                    is_block: true,
                });
            }
            Tag::Link {
                link_type,
                dest_url,
                ..
            } => self.out.links.push(Link {
                kind: if matches!(link_type, LinkType::Autolink | LinkType::Email) {
                    LinkKind::Autolink
                } else {
                    LinkKind::Link
                },
                destination: dest_url.into_string(),
                span,
                section: self.section(),
            }),
            Tag::Image { dest_url, .. } => self.out.links.push(Link {
                kind: LinkKind::Image,
                destination: dest_url.into_string(),
                span,
                section: self.section(),
            }),
            Tag::List(start) => {
                self.mark_content();
                let enclosing_step = self.lists.last().and_then(ListFrame::open_step);
                self.lists.push(ListFrame {
                    next: start,
                    step: None,
                    enclosing_step,
                });
            }
            Tag::Item => self.start_item(span),
            Tag::Paragraph
            | Tag::BlockQuote(_)
            | Tag::Table(_)
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList => self.mark_content(),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) => self.end_heading(),
            TagEnd::CodeBlock => self.end_code_block(),
            TagEnd::HtmlBlock => {
                if let Some(block) = self.html_block.take() {
                    if !is_only_comments(&block.text) {
                        self.mark_content();
                    }
                    self.out.html.push(block);
                }
            }
            TagEnd::List(_) => {
                self.lists.pop();
            }
            TagEnd::Item => {
                self.items.pop();
            }
            _ => {}
        }
    }

    fn text(&mut self, text: &str, span: Span) {
        if let Some(block) = self.code.as_mut() {
            block.text.push_str(text);
            block.content.start = block.content.start.min(span.start);
            block.content.end = block.content.end.max(span.end);
            return;
        }
        if let Some(heading) = self.heading.as_mut() {
            heading.text.push_str(text);
        }
        push_prose(&mut self.out.prose, span);
    }

    fn end_heading(&mut self) {
        let Some(OpenHeading {
            level,
            span,
            text,
            id,
        }) = self.heading.take()
        else {
            return;
        };
        let text = trim_in_place(text);
        let slug = match &id {
            Some(id) => {
                self.slugger.claim(id);
                id.clone()
            }
            None => self.slugger.slug(&text),
        };
        let gitlab_slug = slug
            .contains("--")
            .then(|| crate::slug::collapse_hyphens(&slug));
        self.out.headings.push(Heading {
            level,
            gitlab_slug,
            slug,
            // A level-1 heading is usually the runbook's title ("Roll back
            // a bad deploy"): it names a section only if it is one exactly.
            kind: if level == 1 {
                self.aliases.classify_exact(&text)
            } else {
                self.aliases.classify(&text)
            },
            text,
            id,
            span,
            content: Span::new(span.end, span.end),
            parent: None,
            has_direct_content: false,
        });
    }

    fn end_code_block(&mut self) {
        let Some(mut block) = self.code.take() else {
            return;
        };
        if block.content.start > block.content.end {
            // No text events: an empty block has empty content at its end
            // fence (or its start when unterminated).
            block.content = Span::new(block.span.start, block.span.start);
        }
        let index = self.out.code_blocks.len();
        if let Some(step) = self.lists.last().and_then(ListFrame::open_step)
            && let Some(step) = self.out.steps.get_mut(step)
        {
            step.code_blocks.push(index);
        }
        self.out.code_blocks.push(block);
    }

    fn start_item(&mut self, span: Span) {
        self.items.push(span);
        let section = self.section();
        let Some(list) = self.lists.last_mut() else {
            return;
        };
        let Some(number) = list.next else {
            return;
        };
        list.next = Some(number.saturating_add(1));
        // Only the outermost ordered list holds the steps; nested ordered
        // lists are sub-steps of one step.
        let is_step_list = list.step.is_some() || list.enclosing_step.is_none();
        if is_step_list {
            list.step = Some(self.out.steps.len());
            self.out.steps.push(Step {
                number,
                span,
                section,
                code_blocks: Vec::new(),
            });
        }
    }

    fn mark_content(&mut self) {
        if let Some(h) = self.out.headings.last_mut() {
            h.has_direct_content = true;
        }
    }
}

/// The language of a fenced block from its info string: the first word of
/// `bash title="x"`, or of `{r, echo=FALSE}` (R Markdown / Quarto style).
fn language(info: &str) -> Option<String> {
    let info = info.trim_start();
    let info = info.strip_prefix('{').unwrap_or(info);
    info.split(|c: char| c.is_whitespace() || matches!(c, ',' | '{' | '}'))
        .next()
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
}

/// Trims whitespace without copying the text again.
fn trim_in_place(mut text: String) -> String {
    text.truncate(text.trim_end().len());
    let leading = text.len() - text.trim_start().len();
    text.drain(..leading);
    text
}

fn push_prose(prose: &mut Vec<Span>, span: Span) {
    if let Some(last) = prose.last_mut()
        && last.end == span.start
    {
        last.end = span.end;
        return;
    }
    prose.push(span);
}

/// Whether an HTML block holds nothing but comments (suppressions, notes).
fn is_only_comments(html: &str) -> bool {
    let mut rest = html.trim();
    while let Some(after) = rest.strip_prefix("<!--") {
        match after.find("-->") {
            Some(end) => rest = after.get(end + 3..).unwrap_or("").trim_start(),
            None => return false,
        }
    }
    rest.is_empty()
}

/// Fills each heading's content span and parent.
fn finish_headings(headings: &mut [Heading], body_end: usize) {
    let mut open: Vec<usize> = Vec::new();
    for i in 0..headings.len() {
        let Some(level) = headings.get(i).map(|h| h.level) else {
            continue;
        };
        let start = headings.get(i).map_or(body_end, |h| h.span.start);
        while let Some(&top) = open.last() {
            let Some(top_heading) = headings.get_mut(top) else {
                break;
            };
            if top_heading.level < level {
                break;
            }
            top_heading.content.end = start;
            open.pop();
        }
        let parent = open.last().copied();
        if let Some(h) = headings.get_mut(i) {
            h.parent = parent;
        }
        open.push(i);
    }
    for i in open {
        if let Some(h) = headings.get_mut(i) {
            h.content.end = body_end;
        }
    }
}

#[cfg(test)]
#[expect(clippy::indexing_slicing, reason = "tests index known inputs")]
mod tests {
    use super::*;
    use crate::sections::SectionKind;

    fn body(md: &str) -> Body {
        walk(md, 0, &SectionAliases::default())
    }

    #[test]
    fn is_only_comments_detects_suppressions() {
        assert!(is_only_comments("<!-- runbook-lint-disable x -->\n"));
        assert!(!is_only_comments("<div>hi</div>"));
        assert!(!is_only_comments("<!-- open"));
    }

    #[test]
    fn heading_tree_and_content_spans() {
        let md = "# T\nintro\n## Steps\n1. a\n### Rollback\nundo\n## Verify\n";
        let b = body(md);
        let levels: Vec<_> = b.headings.iter().map(|h| (h.level, h.parent)).collect();
        assert_eq!(
            levels,
            [(1, None), (2, Some(0)), (3, Some(1)), (2, Some(0))]
        );
        let steps = &b.headings[1];
        assert_eq!(
            &md[steps.content.start..steps.content.end],
            "1. a\n### Rollback\nundo\n"
        );
        assert_eq!(b.headings[2].kind, SectionKind::Rollback);
        assert!(!b.headings[3].has_direct_content);
    }

    #[test]
    fn nested_ordered_lists_are_sub_steps() {
        let b = body("1. one\n   1. sub\n   ```sh\n   ls\n   ```\n2. two\n");
        assert_eq!(b.steps.len(), 2);
        assert_eq!(b.steps[0].code_blocks, [0]);
        assert_eq!(b.steps[1].number, 2);
    }

    #[test]
    fn ordered_list_inside_bullets_is_still_steps() {
        let b = body("- context\n  1. first\n  2. second\n");
        assert_eq!(b.steps.len(), 2);
    }
}
