//! One pass of pulldown-cmark over the body, collecting the runbook structure.

use pulldown_cmark::{CodeBlockKind, Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::document::{CodeBlock, Heading, Html, InlineCode, Link, LinkKind, Step, TaskItem};
use crate::position::Span;
use crate::sections::SectionAliases;
use crate::slug::Slugger;

/// The Markdown dialect: CommonMark plus the GitHub extensions runbooks use.
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
    /// Open item index into `steps`, for top-level ordered items.
    step: Option<usize>,
}

/// Walks the Markdown `body`, which starts at byte `offset` of the document.
pub(crate) fn walk(body: &str, offset: usize, aliases: &SectionAliases) -> Body {
    let mut out = Body::default();
    let mut slugger = Slugger::default();
    let mut heading: Option<(u8, Span, String, Option<String>)> = None;
    let mut code: Option<CodeBlock> = None;
    let mut html_block: Option<Html> = None;
    let mut lists: Vec<ListFrame> = Vec::new();
    let mut items: Vec<Span> = Vec::new();
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        let span = Span::new(range.start + offset, range.end + offset);
        let section = out.headings.len().checked_sub(1);
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                heading = Some((level as u8, span, String::new(), id.map(|i| i.to_string())));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, span, text, id)) = heading.take() {
                    let text = text.trim().to_owned();
                    out.headings.push(Heading {
                        level,
                        slug: id.clone().unwrap_or_else(|| slugger.slug(&text)),
                        kind: aliases.classify(&text),
                        text,
                        id,
                        span,
                        content: Span::new(span.end, span.end),
                        parent: None,
                        has_direct_content: false,
                    });
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                mark_content(&mut out.headings);
                let language = match &kind {
                    CodeBlockKind::Fenced(info) => info
                        .split(|c: char| c.is_whitespace() || c == ',' || c == '{')
                        .next()
                        .filter(|l| !l.is_empty())
                        .map(str::to_owned),
                    CodeBlockKind::Indented => None,
                };
                code = Some(CodeBlock {
                    language,
                    text: String::new(),
                    span,
                    content: Span::new(span.end, span.start),
                    section,
                });
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some(mut block) = code.take() {
                    if block.content.start > block.content.end {
                        block.content = Span::new(block.span.start, block.span.start);
                    }
                    let index = out.code_blocks.len();
                    if let Some(step) = lists.iter().rev().find_map(|l| l.step) {
                        if let Some(step) = out.steps.get_mut(step) {
                            step.code_blocks.push(index);
                        }
                    }
                    out.code_blocks.push(block);
                }
            }
            Event::Text(text) => {
                if let Some(block) = code.as_mut() {
                    block.text.push_str(&text);
                    block.content.start = block.content.start.min(span.start);
                    block.content.end = block.content.end.max(span.end);
                    continue;
                }
                if let Some((_, _, heading_text, _)) = heading.as_mut() {
                    heading_text.push_str(&text);
                }
                push_prose(&mut out.prose, span);
            }
            Event::Code(text) => {
                if let Some((_, _, heading_text, _)) = heading.as_mut() {
                    heading_text.push_str(&text);
                }
                out.inline_code.push(InlineCode {
                    text: text.into_string(),
                    span,
                });
            }
            Event::Start(Tag::HtmlBlock) => {
                html_block = Some(Html {
                    text: String::new(),
                    span,
                    is_block: true,
                });
            }
            Event::Html(text) => match html_block.as_mut() {
                Some(block) => block.text.push_str(&text),
                None => out.html.push(Html {
                    text: text.into_string(),
                    span,
                    is_block: true,
                }),
            },
            Event::End(TagEnd::HtmlBlock) => {
                if let Some(block) = html_block.take() {
                    if !is_only_comments(&block.text) {
                        mark_content(&mut out.headings);
                    }
                    out.html.push(block);
                }
            }
            Event::InlineHtml(text) => {
                if let Some((_, _, heading_text, _)) = heading.as_mut() {
                    heading_text.push_str(&text);
                }
                out.html.push(Html {
                    text: text.into_string(),
                    span,
                    is_block: false,
                });
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => out.links.push(Link {
                kind: if matches!(link_type, LinkType::Autolink | LinkType::Email) {
                    LinkKind::Autolink
                } else {
                    LinkKind::Link
                },
                destination: dest_url.into_string(),
                span,
                section,
            }),
            Event::Start(Tag::Image { dest_url, .. }) => out.links.push(Link {
                kind: LinkKind::Image,
                destination: dest_url.into_string(),
                span,
                section,
            }),
            Event::Start(Tag::List(start)) => {
                mark_content(&mut out.headings);
                lists.push(ListFrame {
                    next: start,
                    step: None,
                });
            }
            Event::End(TagEnd::List(_)) => {
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                items.push(span);
                let depth = lists.len();
                if let Some(list) = lists.last_mut() {
                    if let Some(number) = list.next {
                        list.next = Some(number.saturating_add(1));
                        // Only the outermost ordered list holds the steps;
                        // nested ordered lists are sub-steps of one step.
                        let is_outer_ordered = depth == 1 || list.step.is_some();
                        if is_outer_ordered || !has_open_step(&lists) {
                            let index = out.steps.len();
                            out.steps.push(Step {
                                number,
                                span,
                                section,
                                code_blocks: Vec::new(),
                            });
                            if let Some(list) = lists.last_mut() {
                                list.step = Some(index);
                            }
                        }
                    }
                }
            }
            Event::End(TagEnd::Item) => {
                items.pop();
            }
            Event::TaskListMarker(checked) => out.tasks.push(TaskItem {
                checked,
                span: items.last().copied().unwrap_or(span),
                section,
            }),
            Event::Start(
                Tag::Paragraph
                | Tag::BlockQuote(_)
                | Tag::Table(_)
                | Tag::FootnoteDefinition(_)
                | Tag::DefinitionList,
            ) => mark_content(&mut out.headings),
            _ => {}
        }
    }
    finish_headings(&mut out.headings, offset + body.len());
    out
}

fn has_open_step(lists: &[ListFrame]) -> bool {
    lists.iter().any(|l| l.step.is_some())
}

fn mark_content(headings: &mut [Heading]) {
    if let Some(h) = headings.last_mut() {
        h.has_direct_content = true;
    }
}

fn push_prose(prose: &mut Vec<Span>, span: Span) {
    if let Some(last) = prose.last_mut() {
        if last.end == span.start {
            last.end = span.end;
            return;
        }
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
