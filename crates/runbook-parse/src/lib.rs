//! Parse Markdown runbooks into a position-accurate model.
//!
//! [`parse`] takes a path and its bytes and returns a [`Document`]: the
//! front-matter as a spanned value tree ([`front_matter`]), a lenient typed
//! view of its well-known keys ([`Metadata`]), and the Markdown structure a
//! runbook is judged by: headings classified into [`SectionKind`]s through a
//! configurable [`SectionAliases`] table, numbered steps, code blocks, links,
//! task items and raw HTML. Every span is a byte range into
//! [`Document::source`]; [`Document::position`] turns it into a 1-based line
//! and character column.
//!
//! This crate knows nothing of linting: it has no rule names and never fails
//! on Markdown. Only bytes that are not text (invalid UTF-8, binary files)
//! are a [`ParseError`]; malformed front-matter is kept as a value in
//! [`FrontMatter::root`] so the rest of the document is still available.
//!
//! Hostile input stays cheap: the body is read in one pulldown-cmark pass
//! and our walk keeps explicit stacks, never recursing on input depth;
//! front-matter is bounded in size, depth and node count (alias expansion
//! included, see [`front_matter::MAX_NODES`]); positions on ASCII lines
//! are found in constant time.
//!
//! ```
//! use runbook_parse::{parse, ParseOptions, SectionKind};
//!
//! let text = "---\ntitle: Restart the cluster\n---\n# Restart\n## Rollback\nUndo it.\n";
//! let doc = parse("restart.md", text.as_bytes(), &ParseOptions::default()).unwrap();
//! assert_eq!(doc.title(), Some("Restart the cluster"));
//! let rollback = doc.sections(SectionKind::Rollback).next().unwrap();
//! assert_eq!(doc.position(rollback.span.start).line, 5);
//! ```

mod document;
mod error;
pub mod front_matter;
mod link;
mod markdown;
mod metadata;
mod position;
pub mod review;
mod sections;
pub mod severity;
mod slug;

use std::path::PathBuf;

pub use document::{
    CodeBlock, Document, Heading, Html, InlineCode, Link, LinkKind, Step, TaskItem,
};
pub use error::ParseError;
pub use front_matter::{FrontMatter, FrontMatterFormat};
pub use link::{LinkTarget, normalize_path};
pub use markdown::options as markdown_options;
pub use metadata::{Contact, Metadata, ServiceFrom};
pub use position::{LineIndex, Position, Span, Spanned};
pub use review::{Review, ReviewStatus};
pub use sections::{SectionAliases, SectionKind, builtin_aliases, normalize_heading};
pub use severity::{SeverityRank, SeverityScale};
pub use slug::{Slugger, slugify};

/// How to parse: the section alias table and where services come from.
#[derive(Debug, Clone, Default)]
pub struct ParseOptions {
    /// Maps heading text to section kinds.
    pub aliases: SectionAliases,
    /// Where the service comes from when the front-matter names none.
    pub service_from: ServiceFrom,
}

const BOM: &str = "\u{feff}";

/// Parses a runbook from its bytes.
///
/// Fails only when the bytes are not text: invalid UTF-8 or a NUL byte.
pub fn parse(
    path: impl Into<PathBuf>,
    bytes: &[u8],
    options: &ParseOptions,
) -> Result<Document, ParseError> {
    let path = path.into();
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let offset = e.valid_up_to();
            let (line, column) = locate_prefix(bytes, offset);
            return Err(ParseError::InvalidUtf8 {
                path,
                line,
                column,
                offset,
            });
        }
    };
    if let Some(offset) = text.find('\0') {
        let (line, column) = locate_prefix(bytes, offset);
        return Err(ParseError::Binary {
            path,
            line,
            column,
            offset,
        });
    }
    Ok(parse_str(path, text, options))
}

/// Parses a runbook from text; never fails.
pub fn parse_str(path: impl Into<PathBuf>, text: &str, options: &ParseOptions) -> Document {
    let source = text.strip_prefix(BOM).unwrap_or(text).to_owned();
    let lines = LineIndex::new(&source);
    let split = front_matter::split(&source);
    let front_matter = split
        .as_ref()
        .map(|s| front_matter::parse(&source, &lines, s));
    let body_start = split.as_ref().map_or(0, |s| s.body_start);
    let body = source.get(body_start..).unwrap_or("");
    let walked = markdown::walk(body, body_start, &options.aliases);
    let metadata = front_matter
        .as_ref()
        .map(Metadata::from_front_matter)
        .unwrap_or_default();
    let path = path.into();
    Document {
        layout_service: options.service_from.derive(&path),
        path,
        body: Span::new(body_start, source.len()),
        lines,
        front_matter,
        metadata,
        headings: walked.headings,
        steps: walked.steps,
        code_blocks: walked.code_blocks,
        inline_code: walked.inline_code,
        links: walked.links,
        tasks: walked.tasks,
        html: walked.html,
        prose: walked.prose,
        source,
    }
}

/// The 1-based line and column of `offset` in bytes whose prefix is UTF-8.
fn locate_prefix(bytes: &[u8], offset: usize) -> (usize, usize) {
    let prefix = bytes.get(..offset).unwrap_or(bytes);
    let text = std::str::from_utf8(prefix).unwrap_or("");
    let text = text.strip_prefix(BOM).unwrap_or(text);
    let line = text.matches('\n').count() + 1;
    let column = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}
