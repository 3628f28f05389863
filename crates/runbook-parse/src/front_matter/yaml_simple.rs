//! A fast path for the simple YAML that almost all front-matter is written in.
//!
//! Turning saphyr's event stream into a spanned [`Node`] tree is the most
//! expensive part of parsing a typical runbook's front-matter, yet nearly
//! every block uses a tiny corner of YAML: a block mapping of plain keys,
//! plain or simply quoted scalars, one-line flow sequences like `[a, b]`, and
//! block sequences of scalars or of small mappings. This module recognises
//! exactly that corner in one pass over the lines and builds the same tree,
//! spans included, that the saphyr route in [`super::yaml`] builds.
//!
//! It is deliberately strict: anything outside the corner (anchors, aliases,
//! tags, `?` keys, block or multi-line scalars, escapes, tabs, flow mappings,
//! document markers, keys that are not simple words, values that start with
//! an indicator, `: ` or ` #` inside a plain scalar, odd indentation, an empty
//! block, too deep or too many nodes, ...) makes [`parse`] return `None`, and
//! the caller falls back to saphyr, which also reports any error.
//!
//! Scalars are typed by the same [`resolve_plain`] and keys named by the same
//! [`key_text`] as the saphyr route. The output is checked against saphyr's
//! differentially: a proptest generates texts from a grammar of this corner
//! and its near misses and requires equal trees whenever the fast path
//! answers (see the tests below).
//!
//! The parser keeps an explicit stack of open collections, so input depth
//! never turns into recursion, and it stops at the same [`Limits`] as the
//! saphyr route, by declining so that saphyr reports the error.

use super::yaml::{Limits, key_text, resolve_plain};
use super::{Entry, Node, Value};
use crate::position::Span;

/// Parses `content`, which starts at byte `base` of its document, if it lies
/// in the simple corner of YAML; `None` means "ask saphyr".
pub(super) fn parse(content: &str, base: usize, limits: Limits) -> Option<Node> {
    if !plain_characters(content) {
        return None;
    }
    let mut parser = SimpleParser {
        content,
        bytes: content.as_bytes(),
        base,
        limits,
        stack: Vec::new(),
        nodes: 0,
        root: None,
    };
    let mut pos = 0;
    while pos < content.len() {
        let end = find(parser.bytes, pos, content.len(), b'\n').unwrap_or(content.len());
        let at = skip_spaces(parser.bytes, pos, end);
        if at < end && byte(parser.bytes, at) != Some(b'#') {
            parser.line(at - pos, at, end)?;
        }
        pos = end + 1;
    }
    parser.finish()
}

/// Whether `content` is free of characters whose handling differs between
/// YAML readers or that saphyr treats specially: tabs, `\r`, NUL (saphyr's
/// end of input) and other control characters, the BOM, and the Unicode line
/// and paragraph separators.
fn plain_characters(content: &str) -> bool {
    let ascii_ok = content
        .bytes()
        .all(|b| b == b'\n' || (b' '..0x7f).contains(&b) || b >= 0x80);
    ascii_ok
        && (content.is_ascii()
            || content.chars().all(|c| {
                c.is_ascii()
                    || !matches!(
                        c,
                        '\u{80}'
                            ..='\u{9f}'
                                | '\u{feff}'
                                | '\u{2028}'
                                | '\u{2029}'
                                | '\u{fffe}'
                                | '\u{ffff}'
                    )
            }))
}

/// Longest key taken here, well inside saphyr's limit on implicit keys.
const MAX_KEY_LEN: usize = 256;

/// An open block collection.
enum Frame {
    Mapping {
        /// The column of its keys.
        col: usize,
        start: usize,
        entries: Vec<Entry>,
        /// A key whose value is on the following lines (or is empty), with
        /// the offset of its `:`, where an empty value is placed.
        pending: Option<(String, Span, usize)>,
    },
    Sequence {
        /// The column of its `-`.
        col: usize,
        start: usize,
        items: Vec<Node>,
        /// `key:` followed by `- item` at the key's own column.
        indentless: bool,
    },
}

/// `key:` and whatever follows it on the line.
struct KeyPart {
    key: String,
    /// Content-relative offsets of the key.
    key_at: usize,
    key_end: usize,
    /// Content-relative offset of the `:`.
    colon: usize,
    /// The value written on the same line, if any.
    value: Option<Node>,
}

/// What a line holds where a key may start.
enum KeyScan {
    /// Not a `key:`, so maybe a scalar.
    NotAKey,
    /// A `key:` and what follows it.
    Key(KeyPart),
}

/// A significant line.
enum Line {
    /// `key: value` or `key:`.
    Key(KeyPart),
    /// `- ...`, with the offset of what follows the dash.
    Item { content_at: usize, body: Item },
}

/// What follows `- `.
enum Item {
    /// `- key: value`, the first entry of a mapping.
    Key(KeyPart),
    /// `- value`.
    Value(Node),
}

struct SimpleParser<'a> {
    content: &'a str,
    bytes: &'a [u8],
    base: usize,
    limits: Limits,
    stack: Vec<Frame>,
    nodes: usize,
    root: Option<Node>,
}

impl SimpleParser<'_> {
    /// A document span from content-relative offsets.
    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.base + start, self.base + end)
    }

    /// Counts `n` nodes; `None` past the limit, which saphyr then reports.
    fn count(&mut self, n: usize) -> Option<()> {
        self.nodes = self.nodes.checked_add(n)?;
        (self.nodes <= self.limits.max_nodes).then_some(())
    }

    /// Opens a collection; `None` past the depth limit.
    fn open(&mut self, frame: Frame) -> Option<()> {
        self.count(1)?;
        if self.stack.len() >= self.limits.max_depth {
            return None;
        }
        self.stack.push(frame);
        Some(())
    }

    /// Takes one significant line: `indent` spaces, then text from `at` to
    /// `end` (the newline or the end of the content).
    fn line(&mut self, indent: usize, at: usize, end: usize) -> Option<()> {
        let mut line = Some(self.classify(at, end)?);
        loop {
            let current = line.as_ref()?;
            match self.stack.last_mut() {
                None => {
                    // The root: a mapping whose keys start at column 0.
                    if self.root.is_some() || indent != 0 || !matches!(current, Line::Key(_)) {
                        return None;
                    }
                    self.open(Frame::Mapping {
                        col: 0,
                        start: at,
                        entries: Vec::new(),
                        pending: None,
                    })?;
                }
                Some(Frame::Mapping {
                    col,
                    pending: Some(_),
                    ..
                }) => {
                    let col = *col;
                    match current {
                        Line::Key(_) if indent > col => self.open(Frame::Mapping {
                            col: indent,
                            start: at,
                            entries: Vec::new(),
                            pending: None,
                        })?,
                        Line::Item { content_at, .. } if indent >= col => {
                            let indentless = indent == col;
                            self.open(Frame::Sequence {
                                col: indent,
                                start: if indentless { *content_at } else { at },
                                items: Vec::new(),
                                indentless,
                            })?;
                        }
                        // Nothing nested: the pending key's value is empty.
                        _ => self.empty_value()?,
                    }
                }
                Some(Frame::Mapping { col, .. }) => {
                    let col = *col;
                    if indent < col {
                        self.close(at)?;
                    } else if indent == col
                        && let Some(Line::Key(key)) = line.take()
                    {
                        return self.entry(key);
                    } else {
                        return None;
                    }
                }
                Some(Frame::Sequence {
                    col, indentless, ..
                }) => {
                    let (col, indentless) = (*col, *indentless);
                    if indent < col
                        || (indent == col && indentless && matches!(current, Line::Key(_)))
                    {
                        self.close(at)?;
                    } else if indent == col
                        && let Some(Line::Item { content_at, body }) = line.take()
                    {
                        return self.item(content_at, at - indent, body);
                    } else {
                        return None;
                    }
                }
            }
        }
    }

    /// Adds `key` to the mapping on top of the stack.
    fn entry(&mut self, key: KeyPart) -> Option<()> {
        self.count(1 + key.value.as_ref().map_or(0, size))?;
        let key_span = self.span(key.key_at, key.key_end);
        let Some(Frame::Mapping {
            entries, pending, ..
        }) = self.stack.last_mut()
        else {
            return None;
        };
        match key.value {
            Some(value) => entries.push(Entry {
                key: key.key,
                key_span,
                value,
            }),
            None => *pending = Some((key.key, key_span, key.colon)),
        }
        Some(())
    }

    /// Adds an item to the sequence on top of the stack; `line_start` is
    /// where its line starts.
    fn item(&mut self, content_at: usize, line_start: usize, body: Item) -> Option<()> {
        match body {
            Item::Value(node) => {
                self.count(size(&node))?;
                let Some(Frame::Sequence { items, .. }) = self.stack.last_mut() else {
                    return None;
                };
                items.push(node);
                Some(())
            }
            Item::Key(key) => {
                self.open(Frame::Mapping {
                    col: content_at - line_start,
                    start: content_at,
                    entries: Vec::new(),
                    pending: None,
                })?;
                self.entry(key)
            }
        }
    }

    /// Closes the collection on top of the stack at `end` (where the next
    /// token starts) and hands it to its parent.
    fn close(&mut self, end: usize) -> Option<()> {
        let (value, start) = match self.stack.pop()? {
            Frame::Mapping {
                start,
                entries,
                pending: None,
                ..
            } => (Value::Mapping(entries), start),
            Frame::Sequence { start, items, .. } => (Value::Sequence(items), start),
            Frame::Mapping { .. } => return None,
        };
        let node = Node {
            value,
            span: self.span(start, end.max(start)),
        };
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::Sequence { items, .. }) => items.push(node),
            Some(Frame::Mapping {
                entries, pending, ..
            }) => {
                let (key, key_span, _) = pending.take()?;
                entries.push(Entry {
                    key,
                    key_span,
                    value: node,
                });
            }
        }
        Some(())
    }

    /// Closes everything at the end of the content.
    fn finish(mut self) -> Option<Node> {
        let end = self.content.len();
        while !self.stack.is_empty() {
            self.empty_value()?;
            self.close(end)?;
        }
        self.root
    }

    /// Gives the pending key of the mapping on top of the stack, if any, the
    /// empty value: a null placed at its `:`, as saphyr places it.
    fn empty_value(&mut self) -> Option<()> {
        let base = self.base;
        if let Some(Frame::Mapping {
            entries, pending, ..
        }) = self.stack.last_mut()
            && let Some((key, key_span, colon)) = pending.take()
        {
            entries.push(Entry {
                key,
                key_span,
                value: Node {
                    value: Value::Null,
                    span: Span::new(base + colon, base + colon),
                },
            });
            self.count(1)?;
        }
        Some(())
    }

    /// Reads a significant line starting at `at` (not a comment).
    fn classify(&self, at: usize, end: usize) -> Option<Line> {
        if byte(self.bytes, at) == Some(b'-') {
            // `-` then a space: an item. (`-` alone is an empty item, and
            // `---` a document marker; neither is handled here.)
            if byte(self.bytes, at + 1) != Some(b' ') || at + 1 >= end {
                return None;
            }
            let content_at = skip_spaces(self.bytes, at + 1, end);
            if content_at >= end || byte(self.bytes, content_at) == Some(b'#') {
                return None;
            }
            let body = match self.key_part(content_at, end)? {
                KeyScan::Key(key) => Item::Key(key),
                KeyScan::NotAKey => Item::Value(self.value(content_at, end)?),
            };
            return Some(Line::Item { content_at, body });
        }
        match self.key_part(at, end)? {
            KeyScan::Key(key) => Some(Line::Key(key)),
            KeyScan::NotAKey => None,
        }
    }

    /// `key:` at `at`; `None` when there is one but what follows is outside
    /// the simple corner.
    fn key_part(&self, at: usize, end: usize) -> Option<KeyScan> {
        if !byte(self.bytes, at).is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_') {
            return Some(KeyScan::NotAKey);
        }
        let mut key_end = at;
        while byte(self.bytes, key_end)
            .is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
        {
            key_end += 1;
        }
        let colon = key_end;
        // saphyr gives up on implicit keys longer than 1024 characters.
        if key_end - at > MAX_KEY_LEN || key_end >= end || byte(self.bytes, colon) != Some(b':') {
            return Some(KeyScan::NotAKey);
        }
        let after = colon + 1;
        if after < end && byte(self.bytes, after) != Some(b' ') {
            // `a:b` is one plain scalar, not a key.
            return Some(KeyScan::NotAKey);
        }
        let value_at = skip_spaces(self.bytes, after, end);
        let value = if value_at >= end || byte(self.bytes, value_at) == Some(b'#') {
            None
        } else {
            Some(self.value(value_at, end)?)
        };
        let text = self.content.get(at..key_end)?;
        let key = match resolve_plain(text) {
            Value::String(s) => s,
            other => key_text(&Node {
                value: other,
                span: Span::default(),
            }),
        };
        Some(KeyScan::Key(KeyPart {
            key,
            key_at: at,
            key_end,
            colon,
            value,
        }))
    }

    /// A value written on the line of its key or dash, at `at` (not a
    /// comment): a quoted or plain scalar or a flow sequence.
    fn value(&self, at: usize, end: usize) -> Option<Node> {
        match byte(self.bytes, at)? {
            quote @ (b'"' | b'\'') => {
                let (text, after) = self.quoted(at, end, quote)?;
                // The parser's span of a quoted scalar runs to the end of
                // the line when only spaces or a comment follow it.
                self.only_comment_after(after, end)?;
                Some(Node {
                    value: Value::String(text.to_owned()),
                    span: self.span(at, end),
                })
            }
            b'[' => self.flow_sequence(at, end),
            _ => self.plain(at, end),
        }
    }

    /// A plain scalar in block context, trimmed, up to a comment or `end`.
    fn plain(&self, at: usize, end: usize) -> Option<Node> {
        if !self.plain_start(at) {
            return None;
        }
        let mut stop = end;
        let mut i = at;
        while i < end {
            match byte(self.bytes, i)? {
                // `key: value: more` and `value:` are not plain scalars.
                b':' if i + 1 >= end || byte(self.bytes, i + 1) == Some(b' ') => return None,
                b'#' if i > at && byte(self.bytes, i - 1) == Some(b' ') => {
                    stop = i;
                    break;
                }
                b'[' | b']' | b'{' | b'}' => return None,
                _ => {}
            }
            i += 1;
        }
        let trimmed = trim_spaces_end(self.bytes, at, stop);
        let text = self.content.get(at..trimmed)?;
        Some(Node {
            value: resolve_plain(text),
            span: self.span(at, trimmed),
        })
    }

    /// Whether a plain scalar may start at `at`: not with an indicator, and
    /// with `-` only before a letter, digit or dot (`-5`, `-.inf`, not `- x`
    /// or `---`).
    fn plain_start(&self, at: usize) -> bool {
        match byte(self.bytes, at) {
            None
            | Some(
                b'&' | b'*' | b'!' | b'|' | b'>' | b'%' | b'@' | b'`' | b'{' | b'}' | b'[' | b']'
                | b',' | b'?' | b':' | b'#' | b'"' | b'\'' | b' ',
            ) => false,
            Some(b'-') => {
                byte(self.bytes, at + 1).is_some_and(|b| b.is_ascii_alphanumeric() || b == b'.')
            }
            Some(_) => true,
        }
    }

    /// A one-line flow sequence of scalars starting with `[` at `at`.
    fn flow_sequence(&self, at: usize, end: usize) -> Option<Node> {
        let mut items = Vec::new();
        let mut i = skip_spaces(self.bytes, at + 1, end);
        if byte(self.bytes, i) == Some(b']') && i < end {
            self.only_comment_after(i + 1, end)?;
            return Some(Node {
                value: Value::Sequence(items),
                span: self.span(at, end),
            });
        }
        loop {
            let (node, next) = self.flow_item(i, end)?;
            items.push(node);
            if next >= end {
                return None;
            }
            match byte(self.bytes, next)? {
                b',' => i = skip_spaces(self.bytes, next + 1, end),
                b']' => {
                    self.only_comment_after(next + 1, end)?;
                    // Like a quoted scalar, the sequence's span runs to the
                    // end of the line.
                    return Some(Node {
                        value: Value::Sequence(items),
                        span: self.span(at, end),
                    });
                }
                _ => return None,
            }
        }
    }

    /// One item of a flow sequence at `at`, and the offset of the `,` or
    /// `]` after it.
    fn flow_item(&self, at: usize, end: usize) -> Option<(Node, usize)> {
        if let quote @ (b'"' | b'\'') = byte(self.bytes, at)? {
            let (text, after) = self.quoted(at, end, quote)?;
            // A quoted item's span takes the spaces after it.
            let next = skip_spaces(self.bytes, after, end);
            let node = Node {
                value: Value::String(text.to_owned()),
                span: self.span(at, next),
            };
            return Some((node, next));
        }
        if !self.plain_start(at) {
            return None;
        }
        let mut next = at;
        while next < end {
            match byte(self.bytes, next)? {
                b',' | b']' => break,
                b':' | b'#' | b'[' | b'{' | b'}' => return None,
                _ => next += 1,
            }
        }
        let trimmed = trim_spaces_end(self.bytes, at, next);
        let text = self.content.get(at..trimmed)?;
        let node = Node {
            value: resolve_plain(text),
            span: self.span(at, trimmed),
        };
        Some((node, next))
    }

    /// A quoted scalar at `at` without escapes (`\` in double quotes, `''`
    /// in single ones) on one line: its text and the offset after it.
    fn quoted(&self, at: usize, end: usize, quote: u8) -> Option<(&str, usize)> {
        let close = find(self.bytes, at + 1, end, quote)?;
        if byte(self.bytes, close + 1) == Some(quote) {
            return None;
        }
        let text = self.content.get(at + 1..close)?;
        if quote == b'"' && text.contains('\\') {
            return None;
        }
        Some((text, close + 1))
    }

    /// `Some` when only spaces, then optionally a comment, follow `at` up to
    /// `end`, and a space separates them from what came before.
    fn only_comment_after(&self, at: usize, end: usize) -> Option<()> {
        if at >= end {
            return Some(());
        }
        if byte(self.bytes, at) != Some(b' ') {
            return None;
        }
        let next = skip_spaces(self.bytes, at, end);
        (next >= end || byte(self.bytes, next) == Some(b'#')).then_some(())
    }
}

/// How many nodes the saphyr route counts for a value written on one line:
/// a scalar, or a flow sequence and its scalars.
fn size(node: &Node) -> usize {
    match &node.value {
        Value::Sequence(items) => 1 + items.len(),
        _ => 1,
    }
}

fn byte(bytes: &[u8], i: usize) -> Option<u8> {
    bytes.get(i).copied()
}

/// The first `needle` at or after `from` and before `end`.
fn find(bytes: &[u8], from: usize, end: usize, needle: u8) -> Option<usize> {
    bytes
        .get(from..end)?
        .iter()
        .position(|&b| b == needle)
        .map(|i| from + i)
}

/// The first offset at or after `from`, and at most `end`, that is not a space.
fn skip_spaces(bytes: &[u8], from: usize, end: usize) -> usize {
    let mut i = from;
    while i < end && byte(bytes, i) == Some(b' ') {
        i += 1;
    }
    i
}

/// `end` moved back over spaces, not before `start`.
fn trim_spaces_end(bytes: &[u8], start: usize, end: usize) -> usize {
    let mut i = end;
    while i > start && byte(bytes, i - 1) == Some(b' ') {
        i -= 1;
    }
    i
}

#[cfg(test)]
#[expect(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests index known and generated inputs"
)]
mod tests {
    use super::*;
    use crate::front_matter::yaml::parse_events;
    use crate::position::LineIndex;
    use proptest::prelude::*;
    use proptest::sample::Index;

    /// The tree of both routes, as `Debug` text so that `NaN` equals itself:
    /// `content` framed as front-matter when it ends with a newline (as
    /// front-matter content always does), else as a whole YAML document.
    fn both(content: &str) -> (Option<String>, String) {
        let (text, start) = if content.ends_with('\n') {
            (format!("---\n{content}---\n"), 4)
        } else {
            (content.to_owned(), 0)
        };
        let lines = LineIndex::new(&text);
        let fast = parse(content, start, Limits::default()).map(|n| format!("{n:?}"));
        let slow = parse_events(&text, &lines, content, start, Limits::default());
        (fast, format!("{:?}", slow.map_err(|e| e.kind)))
    }

    /// Whether the fast path answers for `content`; panics if it answers
    /// differently from saphyr.
    fn agrees(content: &str) -> bool {
        let (fast, slow) = both(content);
        if let Some(fast) = fast {
            assert_eq!(format!("Ok({fast})"), slow, "{content:?}");
            true
        } else {
            false
        }
    }

    const REAL: &str = "title: Rebuild the indexes of billing-worker
id: reindex-billing-worker-02822
service: billing-worker
owners:
  - \"@identity-team\"
  - \"jonas@example.com\"
last_reviewed: 2026-09-01
review_interval_days: 180
status: active
severity: high
tags: [kubernetes]
contacts:
  - name: billing-worker on-call
    role: primary
    slack: \"#identity-oncall\"
    pager: \"PagerDuty: billing-worker-primary\"
  - name: Alice Moreau
    role: escalation
    email: alice@example.com
    phone: \"+1-555-3189\"
related:
  - ../search/rotate-credentials-notification-svc-00418.md
  - ../payments/rebalance-billing-worker-04091.md
";

    #[test]
    fn real_world_shapes_take_the_fast_path() {
        for content in [
            REAL,
            "title: Node Filesystem Files Filling Up\nweight: 20\n",
            "bookHidden: true\n",
            "title: node\nbookCollapseSection: true\nbookFlatSection: true\nweight: 10\n",
            "# Owned by SRE\ntitle: x\n\nowners:\n- sre\n- \"@db\"  # team\ntags: [a, 'b', \"c\"]   # three\ncontacts:\n- name: A Person\n  email: a@example.com\n",
            "title: Réparer le cluster 中文\nempty:\nnull_value: ~\nratio: 0.5\nneg: -3\n",
        ] {
            assert!(agrees(content), "{content:?}");
        }
        let root = parse(REAL, 0, Limits::default()).unwrap();
        let email = root.pointer("/contacts/1/email").unwrap();
        assert_eq!(email.as_str(), Some("alice@example.com"));
        assert_eq!(&REAL[email.span.start..email.span.end], "alice@example.com");
        assert_eq!(
            root.get("review_interval_days").unwrap().as_i64(),
            Some(180)
        );
    }

    #[test]
    fn anything_outside_the_subset_falls_back() {
        for content in [
            // Empty, comments only, or not a mapping.
            "",
            "\n",
            "# only a comment\n",
            "- a\n- b\n",
            "just text\n",
            // Anchors, aliases, tags, complex keys, merge keys.
            "a: &x 1\nb: 2\n",
            "a: 1\nb: *x\n",
            "a: !tag x\n",
            "a: !!str 1\n",
            "? a\n: b\n",
            "<<: x\n",
            // Block and multi-line scalars.
            "a: |\n  text\n",
            "a: >-\n  folded\n",
            "a: plain\n  continued\n",
            "a:\n  plain on the next line\n",
            "a: \"quoted\n  over lines\"\n",
            "a: 'quoted\n  over lines'\n",
            // Escapes.
            "a: \"x\\ny\"\n",
            "a: \"x\\\"y\"\n",
            "a: 'it''s'\n",
            // Tabs, CR, BOM, control characters.
            "a:\tx\n",
            "a: x\ty\n",
            "a:\n\t- x\n",
            "a: 1\r\nb: 2\r\n",
            "a: 1\rb: 2\n",
            "\u{feff}a: 1\n",
            "a: x\u{0}y\n",
            "a: x\u{85}y\n",
            // Flow mappings, nested or multi-line flow sequences, trailing commas.
            "a: {b: 1}\n",
            "a: [b, {c: 1}]\n",
            "a: [b, [c]]\n",
            "a: [b,\n  c]\n",
            "a: [b, ]\n",
            "a: [b: c]\n",
            "a: [b #c]\n",
            // Document markers and directives.
            "---\na: 1\n",
            "a: 1\n---\nb: 2\n",
            "a: 1\n...\n",
            "%YAML 1.2\na: 1\n",
            // Odd indentation.
            " a: 1\n",
            "a:\n  b: 1\n c: 2\n",
            "a: 1\n  b: 2\n",
            "a:\n  - x\n - y\n",
            "a:\n  - x\n    - y\n",
            "- a\n",
            // Keys that are not simple words, or with colons.
            "a:b: 1\n",
            "\"a\": 1\n",
            "'a': 1\n",
            "a b: 1\n",
            "a :1\n",
            "a : 1\n",
            "-a: 1\n",
            "a:b\n",
            // Values starting with indicators.
            "a: &\n",
            "a: *\n",
            "a: !\n",
            "a: |x\n",
            "a: >x\n",
            "a: %x\n",
            "a: @x\n",
            "a: `x`\n",
            "a: ?x\n",
            "a: :x\n",
            "a: ,x\n",
            "a: ]\n",
            "a: }\n",
            "a: - x\n",
            "a: --x\n",
            // `: ` inside plain scalars, a trailing `:`, quotes with text after.
            "a: b: c\n",
            "a: b:\n",
            "a: \"b\" c\n",
            "a: \"b\"#c\n",
            "a: [b]c\n",
            "a: x [y]\n",
            // Empty or nested-sequence items.
            "a:\n  -\n",
            "a:\n  - # nothing\n",
            "a:\n  - - x\n",
            "a:\n  -x\n",
        ] {
            let (fast, _) = both(content);
            assert!(fast.is_none(), "took the fast path: {content:?}");
        }
        let long_key = format!("{}: 1\n", "k".repeat(2000));
        assert!(both(&long_key).0.is_none());
    }

    #[test]
    fn limits_make_the_fast_path_decline() {
        let mut deep = String::new();
        for level in 0..MAX_DEPTH_CASE {
            deep.push_str(&" ".repeat(level));
            deep.push_str("k:\n");
        }
        let limits = Limits {
            max_depth: 8,
            max_nodes: 10_000,
        };
        assert!(parse(&deep, 0, limits).is_none());
        assert!(parse(&deep, 0, Limits::default()).is_some());
        let wide = "a: [1, 2, 3, 4, 5, 6, 7, 8, 9]\n";
        let tight = Limits {
            max_depth: 64,
            max_nodes: 10,
        };
        assert!(parse(wide, 0, tight).is_none());
        assert!(
            parse(
                wide,
                0,
                Limits {
                    max_nodes: 12,
                    ..tight
                }
            )
            .is_some()
        );
    }

    const MAX_DEPTH_CASE: usize = 20;

    #[test]
    fn subset_details_match_saphyr() {
        for content in [
            // Empty values, with and without comments, at every level.
            "a:\nb:   # c\nc:\n  d:\n  e: 1\nf:\n",
            // Collections end where the next token starts, after comments.
            "a:\n  b: 1\n  # x\n\nc: 2\n",
            "s:\n  - k: v\n    j: 1\n\n  # cmt\n  - z\nt: 1\n",
            // Indentless sequences, also inside a sequence item's mapping.
            "a:\n- x\n- k: v\n  j: 1\n- \"q\"\nb: 1\n",
            "s:\n  - k:\n    - x\n  - j:\n      y: 1\n",
            "- k:\n  - x\n".replace("- k", "r:\n- k").as_str(),
            // Quoted spans run to the end of the line; flow items keep spaces.
            "k: \"v\"   \nj: 'w'  # c\nl: [ \"a\" , b,c ]  # x\nm: []\nn: [ ]\n",
            // Scalars typed by the core schema, keys rendered as the builder does.
            "1: a\ntrue: b\nnull: c\n0x10: d\n1e3: e\n1.5: f\na: .nan\nb: -.inf\nc: 0o17\nd: +1\n",
            "a: ...\nb: x,y\nc: http://x:80/a\nd: it's\ne: x#y\nf: 12:30\n",
            // Duplicate keys are kept, as the builder keeps them.
            "a: 1\na: 2\n",
            // Odd but consistent indentation.
            "a:\n b:\n    c:\n     - x\n",
            // No final newline (a whole YAML document).
            "a: 1\nb: \"q\"",
            "a:\n  - x",
            "a: [x]  ",
        ] {
            assert!(agrees(content), "{content:?}");
        }
    }

    /// A front-matter shape: scalars, flow sequences, mappings, sequences.
    #[derive(Debug, Clone)]
    enum Shape {
        Scalar(String),
        Flow(Vec<String>),
        Map(Vec<(String, Shape)>),
        Seq(Vec<Shape>),
    }

    fn scalar() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "x",
            "x y",
            "Rebuild the indexes of billing-worker",
            "1",
            "-5",
            "+3",
            "0x1f",
            "0o17",
            "1.5",
            "1e3",
            ".inf",
            "-.Inf",
            ".nan",
            "~",
            "null",
            "true",
            "False",
            "2026-09-01",
            "\"@identity-team\"",
            "\"#oncall\"",
            "\"PagerDuty: x\"",
            "\"a 'b' c\"",
            "'single'",
            "'say \"hi\"'",
            "''",
            "\"\"",
            "\"1\"",
            "../x/y-00418.md",
            "x  # trailing comment",
            "\"q\"   # c",
            "'q' #c",
            "a, b",
            "http://x:80/a",
            "Alice Moreau é",
            "中文",
            "it's",
            "...",
            "x#y",
            "x  ",
            "\"x\"  ",
        ])
        .prop_map(str::to_owned)
    }

    fn flow_item() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "a",
            "\"b\"",
            "'c'",
            "1",
            "kubernetes",
            "é",
            " x ",
            "\"q\"  ",
            "true",
            "x y",
        ])
        .prop_map(str::to_owned)
    }

    fn key() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "title", "id", "a", "b2", "_x", "a.b", "a-b", "1", "true", "null", "0x10", "1e3",
            "1.5", "owners", "tags",
        ])
        .prop_map(str::to_owned)
    }

    fn shape() -> impl Strategy<Value = Shape> {
        let leaf = prop_oneof![
            4 => scalar().prop_map(Shape::Scalar),
            1 => Just(Shape::Scalar(String::new())),
            1 => prop::collection::vec(flow_item(), 0..4).prop_map(Shape::Flow),
        ];
        leaf.prop_recursive(4, 40, 5, |inner| {
            prop_oneof![
                prop::collection::vec((key(), inner.clone()), 1..5).prop_map(Shape::Map),
                prop::collection::vec(inner, 1..5).prop_map(Shape::Seq),
            ]
        })
    }

    /// How a shape is written out.
    #[derive(Debug, Clone, Copy)]
    struct Style {
        /// Extra indentation of nested collections (at least 1).
        step: usize,
        /// Whether sequences under a key start at the key's column.
        indentless: bool,
        /// Spaces after `- `.
        dash_gap: usize,
    }

    fn inline(shape: &Shape) -> Option<String> {
        match shape {
            Shape::Scalar(s) => Some(s.clone()),
            Shape::Flow(items) => Some(format!("[{}]", items.join(","))),
            Shape::Map(_) | Shape::Seq(_) => None,
        }
    }

    /// Writes the entries of a mapping whose keys are at column `col`; the
    /// first key follows `first_prefix` (a `- ` of an item) when given.
    fn write_map(
        out: &mut String,
        entries: &[(String, Shape)],
        col: usize,
        mut first_prefix: Option<String>,
        style: Style,
    ) {
        for (k, v) in entries {
            match first_prefix.take() {
                Some(prefix) => out.push_str(&prefix),
                None => out.push_str(&" ".repeat(col)),
            }
            out.push_str(k);
            out.push(':');
            match (inline(v), v) {
                (Some(s), _) => {
                    if !s.is_empty() {
                        out.push(' ');
                        out.push_str(&s);
                    }
                    out.push('\n');
                }
                (None, Shape::Map(inner)) => {
                    out.push('\n');
                    write_map(out, inner, col + style.step, None, style);
                }
                (None, Shape::Seq(items)) => {
                    out.push('\n');
                    let seq_col = if style.indentless {
                        col
                    } else {
                        col + style.step
                    };
                    write_seq(out, items, seq_col, style);
                }
                (None, _) => {}
            }
        }
    }

    fn write_seq(out: &mut String, items: &[Shape], col: usize, style: Style) {
        for item in items {
            let prefix = format!("{}-{}", " ".repeat(col), " ".repeat(style.dash_gap));
            match item {
                Shape::Map(entries) => {
                    write_map(out, entries, col + 1 + style.dash_gap, Some(prefix), style);
                }
                // `- - x` and empty items are outside the subset.
                Shape::Seq(_) => {
                    out.push_str(&prefix);
                    out.push_str("nested\n");
                }
                _ => {
                    let s = inline(item).unwrap_or_default();
                    out.push_str(&prefix);
                    out.push_str(if s.is_empty() { "e" } else { &s });
                    out.push('\n');
                }
            }
        }
    }

    fn document() -> impl Strategy<Value = String> {
        (
            prop::collection::vec((key(), shape()), 1..8),
            1..4usize,
            any::<bool>(),
            1..3usize,
            prop::collection::vec((any::<Index>(), 0..4usize), 0..3),
        )
            .prop_map(|(entries, step, indentless, dash_gap, notes)| {
                let mut out = String::new();
                let style = Style {
                    step,
                    indentless,
                    dash_gap,
                };
                write_map(&mut out, &entries, 0, None, style);
                // Comment and blank lines anywhere between lines.
                let mut lines: Vec<String> = out.lines().map(str::to_owned).collect();
                for (at, kind) in notes {
                    let line = ["", "  ", "# note", "    # indented note"][kind];
                    lines.insert(at.index(lines.len() + 1), line.to_owned());
                }
                lines.join("\n") + "\n"
            })
    }

    /// Small edits that push a document just outside the subset (or not).
    fn near_miss() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "\t", " ", "  ", ":", ": ", " #", "#", "&a ", "*a", "!t ", "|", ">", "?", "? ", "-",
            "- ", "'", "''", "\"", "\\", "\\n", "[", "]", "{", "}", ",", "\n", "\r", "\r\n",
            "---\n", "...\n", "\u{feff}", "\0", "%", "@", "`", "é", "x: ", "\n  ", "\n- ", "~",
            "0", ".",
        ])
    }

    fn mutated() -> impl Strategy<Value = String> {
        (
            document(),
            prop::collection::vec((any::<Index>(), near_miss(), any::<bool>()), 1..4),
        )
            .prop_map(|(mut doc, edits)| {
                for (at, piece, delete) in edits {
                    let mut i = at.index(doc.len() + 1);
                    while !doc.is_char_boundary(i) {
                        i -= 1;
                    }
                    if delete {
                        let mut j = (i + piece.len()).min(doc.len());
                        while !doc.is_char_boundary(j) {
                            j -= 1;
                        }
                        doc.replace_range(i..j, "");
                    } else {
                        doc.insert_str(i, piece);
                    }
                }
                doc
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1024))]

        /// Documents inside the subset take the fast path and agree with
        /// saphyr, spans included.
        #[test]
        fn subset_documents_take_the_fast_path(doc in document()) {
            prop_assert!(agrees(&doc), "declined: {:?}", doc);
            // The same text as a whole document without its last newline.
            agrees(doc.trim_end_matches('\n'));
        }

        /// Whatever the edits, the fast path either declines or agrees.
        #[test]
        fn near_misses_decline_or_agree(doc in mutated()) {
            agrees(&doc);
            agrees(doc.trim_end_matches('\n'));
        }
    }
}
