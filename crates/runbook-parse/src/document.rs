//! The parsed runbook model.

use std::path::{Path, PathBuf};

use crate::front_matter::FrontMatter;
use crate::metadata::Metadata;
use crate::position::{LineIndex, Position, Span};
use crate::sections::SectionKind;

/// A parsed runbook: its text, front-matter, and the Markdown structure that
/// matters for operating it. All spans index into [`Document::source`].
#[derive(Debug, Clone)]
pub struct Document {
    /// The path the document was read from, as given.
    pub path: PathBuf,
    /// The text, without a leading UTF-8 byte-order mark.
    pub source: String,
    /// Line starts of `source`.
    pub lines: LineIndex,
    /// The front-matter block, if the file starts with one.
    pub front_matter: Option<FrontMatter>,
    /// Typed, lenient view of well-known front-matter keys.
    pub metadata: Metadata,
    /// The service the layout gives when the front-matter names none
    /// (see [`crate::ServiceFrom`]); read it through [`Document::service`].
    pub layout_service: Option<String>,
    /// Where the Markdown body starts (after the front-matter).
    pub body: Span,
    /// Every heading in document order.
    pub headings: Vec<Heading>,
    /// Top-level items of ordered lists: the numbered steps.
    pub steps: Vec<Step>,
    /// Fenced and indented code blocks.
    pub code_blocks: Vec<CodeBlock>,
    /// Inline code spans.
    pub inline_code: Vec<InlineCode>,
    /// Links and images.
    pub links: Vec<Link>,
    /// Task-list items (`- [ ]`, `- [x]`).
    pub tasks: Vec<TaskItem>,
    /// Raw HTML: blocks and inline tags, including comments.
    pub html: Vec<Html>,
    /// Prose text runs outside code (headings included), for text scanners.
    pub prose: Vec<Span>,
}

impl Document {
    /// The 1-based line and column of a byte offset.
    pub fn position(&self, offset: usize) -> Position {
        self.lines.position(&self.source, offset)
    }

    /// The text of a span; empty if the span is out of range.
    pub fn text(&self, span: Span) -> &str {
        self.source.get(span.start..span.end).unwrap_or("")
    }

    /// The path as given.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The title: front-matter `title`, else the first level-1 heading,
    /// else the heading the page opens with when no other heading is at
    /// its level or above and it names no section ("## Playbook: Phishing"
    /// in pages that a build joins into one document).
    ///
    /// This is the one place a title is derived: the linter, the report and
    /// the site all ask it.
    pub fn title(&self) -> Option<&str> {
        self.metadata
            .title
            .as_ref()
            .map(|t| t.value.as_str())
            .or_else(|| {
                self.headings
                    .iter()
                    .find(|h| h.level == 1)
                    .or_else(|| self.opening_heading())
                    .map(|h| h.text.as_str())
            })
    }

    /// The heading a page without a level-1 heading opens with, if it is
    /// alone at its level and names no section.
    fn opening_heading(&self) -> Option<&Heading> {
        let first = self.headings.first()?;
        let before = self.source.get(self.body.start..first.span.start)?;
        let alone = self.headings.iter().skip(1).all(|h| h.level > first.level);
        (before.trim().is_empty() && alone && first.kind == SectionKind::Other).then_some(first)
    }

    /// The service: front-matter `service` (trimmed; blank counts as none),
    /// else the one the layout gives when the parse options ask for it.
    pub fn service(&self) -> Option<&str> {
        self.metadata
            .service
            .as_ref()
            .map(|s| s.value.trim())
            .filter(|s| !s.is_empty())
            .or(self.layout_service.as_deref())
    }

    /// Anchors raw HTML defines (`<a name="ref-1"></a>`, `<span id="x">`):
    /// link targets like headings, on GitHub, GitLab and the site.
    pub fn html_anchors(&self) -> impl Iterator<Item = &str> {
        self.html.iter().flat_map(|h| html_ids(&h.text))
    }

    /// [`Document::anchors`] with the span of what each belongs to: the
    /// heading, or the HTML element.
    pub fn anchor_spans(&self) -> impl Iterator<Item = (&str, Span)> + '_ {
        self.headings
            .iter()
            .flat_map(|h| {
                [
                    Some(h.slug.as_str()),
                    h.gitlab_slug.as_deref(),
                    h.id.as_deref(),
                ]
                .into_iter()
                .flatten()
                .map(move |a| (a, h.span))
            })
            .chain(
                self.html
                    .iter()
                    .flat_map(|h| html_ids(&h.text).map(move |a| (a, h.span))),
            )
    }

    /// Every anchor a link into this page may name: heading slugs as GitHub
    /// makes them and as GitLab does (it collapses runs of `-`: "Retries +
    /// Fails" is `retries--fails` on one and `retries-fails` on the other),
    /// explicit `{#id}`s, and HTML anchors.
    pub fn anchors(&self) -> impl Iterator<Item = &str> + '_ {
        self.anchor_spans().map(|(anchor, _)| anchor)
    }

    /// Headings of one kind, in document order.
    pub fn sections(&self, kind: SectionKind) -> impl Iterator<Item = &Heading> {
        self.headings.iter().filter(move |h| h.kind == kind)
    }

    /// Whether some heading (at any level) is of this kind.
    pub fn has_section(&self, kind: SectionKind) -> bool {
        self.sections(kind).next().is_some()
    }

    /// The index of the heading whose section contains `offset`, if any.
    pub fn section_at(&self, offset: usize) -> Option<usize> {
        let i = self.headings.partition_point(|h| h.span.start <= offset);
        i.checked_sub(1)
    }

    /// Whether the section of heading `index` (its sub-sections included)
    /// holds any content besides headings.
    pub fn has_content(&self, index: usize) -> bool {
        let Some(heading) = self.headings.get(index) else {
            return false;
        };
        self.headings
            .iter()
            .skip(index)
            .take_while(|h| h.span.start < heading.content.end)
            .any(|h| h.has_direct_content)
    }

    /// Whether the whole body has no content at all.
    pub fn is_empty(&self) -> bool {
        self.source.trim().is_empty()
    }
}

/// The values of `id` and `name` attributes in an HTML fragment. Each `=`
/// looks at a few bytes either side, so a huge fragment stays linear.
fn html_ids(html: &str) -> impl Iterator<Item = &str> {
    html.match_indices('=').filter_map(move |(at, _)| {
        let before = html.get(..at)?.trim_end_matches([' ', '\t']);
        let is_anchor = ["id", "name"].iter().any(|attribute| {
            before.len() > attribute.len()
                && before
                    .get(before.len() - attribute.len()..)
                    .is_some_and(|tail| tail.eq_ignore_ascii_case(attribute))
                && before
                    .as_bytes()
                    .get(before.len() - attribute.len() - 1)
                    .is_some_and(u8::is_ascii_whitespace)
        });
        if !is_anchor {
            return None;
        }
        let rest = html.get(at + 1..)?.trim_start_matches([' ', '\t']);
        let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let value = rest.get(1..)?;
        // Bounded like a heading: an anchor is a short name.
        let window = value
            .get(..value.len().min(MAX_ANCHOR_BYTES))
            .unwrap_or(value);
        let end = window.find(quote)?;
        value.get(..end).filter(|v| !v.is_empty())
    })
}

/// Longest `id` or `name` value looked for.
const MAX_ANCHOR_BYTES: usize = 256;

/// A heading and the section it opens.
#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// The heading's plain text (inline markup removed).
    pub text: String,
    /// Its GitHub-style anchor, unique within the document.
    pub slug: String,
    /// GitLab's anchor when it differs from [`Heading::slug`] (runs of `-`
    /// collapsed to one).
    pub gitlab_slug: Option<String>,
    /// An explicit `{#id}` anchor, if written.
    pub id: Option<String>,
    /// The heading line(s).
    pub span: Span,
    /// From the end of the heading to the next heading of the same or a
    /// higher level (or the end of the file).
    pub content: Span,
    /// The enclosing heading, by index into [`Document::headings`].
    pub parent: Option<usize>,
    /// What the section is for.
    pub kind: SectionKind,
    /// Whether non-heading content sits directly under this heading.
    pub has_direct_content: bool,
}

/// A top-level item of an ordered list.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// The item's number as rendered (list start + position).
    pub number: u64,
    /// The whole item.
    pub span: Span,
    /// The enclosing heading, by index.
    pub section: Option<usize>,
    /// Code blocks nested in this step, by index into [`Document::code_blocks`].
    pub code_blocks: Vec<usize>,
}

/// A fenced or indented code block.
#[derive(Debug, Clone, PartialEq)]
pub struct CodeBlock {
    /// The info string's first word (`bash`), if fenced with one.
    pub language: Option<String>,
    /// The code, without fences.
    pub text: String,
    /// The whole block, fences included.
    pub span: Span,
    /// The code lines only.
    pub content: Span,
    /// The enclosing heading, by index.
    pub section: Option<usize>,
}

/// An inline code span.
#[derive(Debug, Clone, PartialEq)]
pub struct InlineCode {
    /// The code text.
    pub text: String,
    /// The span, backticks included.
    pub span: Span,
}

/// What kind of reference a [`Link`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// `[text](dest)` and reference links.
    Link,
    /// `<https://...>`.
    Autolink,
    /// `![alt](src)`.
    Image,
}

/// A link or image.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// Link or image.
    pub kind: LinkKind,
    /// The destination as written.
    pub destination: String,
    /// The whole link.
    pub span: Span,
    /// The enclosing heading, by index.
    pub section: Option<usize>,
}

/// A task-list item.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskItem {
    /// Whether the box is ticked.
    pub checked: bool,
    /// The whole list item.
    pub span: Span,
    /// The enclosing heading, by index.
    pub section: Option<usize>,
}

/// Raw HTML in the Markdown.
#[derive(Debug, Clone, PartialEq)]
pub struct Html {
    /// The HTML text.
    pub text: String,
    /// Where it is.
    pub span: Span,
    /// Whether it is a block (else inline).
    pub is_block: bool,
}
