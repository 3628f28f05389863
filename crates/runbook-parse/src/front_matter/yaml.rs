//! YAML front-matter to a spanned [`Node`] tree, with bounded alias expansion.

use std::cell::Cell;

use saphyr_parser::{Event, Marker, Parser, ScalarStyle, ScanError};

use super::{Entry, FrontMatterError, FrontMatterErrorKind, MAX_DEPTH, MAX_NODES, Node, Value};
use crate::position::{LineIndex, Span};

/// An open collection while events stream in.
enum Frame {
    Sequence {
        start: usize,
        anchor: usize,
        items: Vec<Node>,
    },
    Mapping {
        start: usize,
        anchor: usize,
        entries: Vec<Entry>,
        key: Option<(String, Span)>,
    },
}

/// Translates parser markers (lines relative to the block) to document offsets.
struct Locator<'a> {
    text: &'a str,
    lines: &'a LineIndex,
    first_line: usize,
    /// Where the block starts and its length, when its markers can be mapped
    /// by character index alone: see [`index_is_offset`].
    direct: Option<(usize, usize)>,
    /// The last `(line, column, offset)` found: markers mostly move forward
    /// along a line, so resuming from it keeps a long flow line linear
    /// instead of rescanning the line for every node.
    last: Cell<Option<(usize, usize, usize)>>,
}

impl Locator<'_> {
    fn offset(&self, marker: Marker) -> usize {
        if let Some((start, len)) = self.direct {
            return start + marker.index().min(len);
        }
        let line = self.first_line + marker.line().saturating_sub(1);
        let col = marker.col();
        let offset = match self.last.get() {
            Some((last_line, last_col, at)) if last_line == line && last_col <= col => {
                let rest = self.text.get(at..).unwrap_or("");
                rest.char_indices()
                    .take_while(|&(_, c)| c != '\n')
                    .nth(col - last_col)
                    .map_or_else(
                        || at + rest.find('\n').unwrap_or(rest.len()),
                        |(i, _)| at + i,
                    )
            }
            _ => self.lines.offset(self.text, line, col),
        };
        self.last.set(Some((line, col, offset)));
        offset
    }

    fn span(&self, span: saphyr_parser::Span) -> Span {
        Span::new(self.offset(span.start), self.offset(span.end))
    }
}

/// Parses YAML `content`, which starts at byte `start` of the document `text`.
pub(super) fn parse(
    text: &str,
    lines: &LineIndex,
    content: &str,
    start: usize,
) -> Result<Node, FrontMatterError> {
    parse_with_limits(text, lines, content, start, Limits::default())
}

/// Bounds on what a YAML text may expand to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Deepest nesting of sequences and mappings.
    pub max_depth: usize,
    /// Most nodes, counting every copy an alias expands to.
    pub max_nodes: usize,
}

impl Default for Limits {
    /// The front-matter limits: [`MAX_DEPTH`] and [`MAX_NODES`].
    fn default() -> Self {
        Self {
            max_depth: MAX_DEPTH,
            max_nodes: MAX_NODES,
        }
    }
}

/// Parses a whole YAML file (not front-matter) into a spanned tree, with
/// these limits. Spans index into `text`.
pub fn parse_document(text: &str, limits: Limits) -> Result<Node, FrontMatterError> {
    let lines = LineIndex::new(text);
    parse_with_limits(text, &lines, text, 0, limits)
}

fn parse_with_limits(
    text: &str,
    lines: &LineIndex,
    content: &str,
    start: usize,
    limits: Limits,
) -> Result<Node, FrontMatterError> {
    if let Some(root) = super::yaml_simple::parse(content, start, limits) {
        return Ok(root);
    }
    parse_events(text, lines, content, start, limits)
}

/// The general route: saphyr's event stream turned into a tree.
pub(super) fn parse_events(
    text: &str,
    lines: &LineIndex,
    content: &str,
    start: usize,
    limits: Limits,
) -> Result<Node, FrontMatterError> {
    let locator = Locator {
        text,
        lines,
        first_line: lines.position(text, start).line,
        direct: index_is_offset(content).then_some((start, content.len())),
        last: Cell::new(None),
    };
    let mut builder = Builder {
        limits,
        ..Builder::default()
    };
    for event in Parser::new_from_str(content) {
        let (event, span) = event.map_err(|e| syntax_error(&locator, &e))?;
        let span = locator.span(span);
        if let Some(root) = builder.push(event, span)? {
            return Ok(root);
        }
    }
    Ok(Node {
        value: Value::Null,
        span: Span::new(start, start + content.len()),
    })
}

/// Whether a marker's character index in `content` is also its byte offset
/// and lands where its line and column do.
///
/// True for ASCII text without a lone `\r`: the parser breaks lines at `\r`
/// as well as `\n`, while [`LineIndex`] (and so the line/column route) only
/// breaks at `\n`; a lone `\r` is the one case where the two disagree.
fn index_is_offset(content: &str) -> bool {
    content.is_ascii()
        && content
            .match_indices('\r')
            .all(|(i, _)| content.as_bytes().get(i + 1) == Some(&b'\n'))
}

fn syntax_error(locator: &Locator<'_>, error: &ScanError) -> FrontMatterError {
    let at = locator.offset(*error.marker());
    FrontMatterError {
        kind: FrontMatterErrorKind::Syntax,
        message: format!("invalid YAML: {}", error.info()),
        span: Span::new(at, at),
    }
}

#[derive(Default)]
struct Builder {
    limits: Limits,
    stack: Vec<Frame>,
    anchors: Vec<Option<(Node, usize)>>,
    nodes: usize,
}

impl Builder {
    /// Feeds one event; returns the root node once the first document ends.
    fn push(&mut self, event: Event<'_>, span: Span) -> Result<Option<Node>, FrontMatterError> {
        let node = match event {
            Event::SequenceStart(anchor, _) => {
                self.open(
                    Frame::Sequence {
                        start: span.start,
                        anchor,
                        items: Vec::new(),
                    },
                    span,
                )?;
                return Ok(None);
            }
            Event::MappingStart(anchor, _) => {
                self.open(
                    Frame::Mapping {
                        start: span.start,
                        anchor,
                        entries: Vec::new(),
                        key: None,
                    },
                    span,
                )?;
                return Ok(None);
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = self.stack.pop() else {
                    return Ok(None);
                };
                let (value, start, anchor) = match frame {
                    Frame::Sequence {
                        start,
                        anchor,
                        items,
                    } => (Value::Sequence(items), start, anchor),
                    Frame::Mapping {
                        start,
                        anchor,
                        entries,
                        ..
                    } => (Value::Mapping(entries), start, anchor),
                };
                let node = Node {
                    value,
                    span: Span::new(start, span.end.max(start)),
                };
                self.remember(anchor, &node);
                node
            }
            Event::Scalar(text, style, anchor, tag) => {
                self.count(1, span)?;
                let is_plain = style == ScalarStyle::Plain && tag.is_none();
                let node = Node {
                    value: if is_plain {
                        resolve_plain(&text)
                    } else {
                        Value::String(text.into_owned())
                    },
                    span,
                };
                self.remember(anchor, &node);
                node
            }
            Event::Alias(id) => {
                let Some(Some((node, size))) = self.anchors.get(id) else {
                    return Err(FrontMatterError {
                        kind: FrontMatterErrorKind::Syntax,
                        message: "invalid YAML: alias to an unknown anchor".to_owned(),
                        span,
                    });
                };
                let (mut node, size) = (node.clone(), *size);
                self.count(size, span)?;
                node.span = span;
                node
            }
            Event::DocumentEnd | Event::StreamEnd if self.stack.is_empty() => {
                return Ok(Some(Node {
                    value: Value::Null,
                    span,
                }));
            }
            _ => return Ok(None),
        };
        Ok(self.attach(node))
    }

    fn open(&mut self, frame: Frame, span: Span) -> Result<(), FrontMatterError> {
        self.count(1, span)?;
        if self.stack.len() >= self.limits.max_depth {
            return Err(FrontMatterError {
                kind: FrontMatterErrorKind::TooDeep,
                message: format!(
                    "YAML is nested more than {} levels deep",
                    self.limits.max_depth
                ),
                span,
            });
        }
        self.stack.push(frame);
        Ok(())
    }

    fn count(&mut self, nodes: usize, span: Span) -> Result<(), FrontMatterError> {
        self.nodes = self.nodes.saturating_add(nodes);
        if self.nodes > self.limits.max_nodes {
            return Err(FrontMatterError {
                kind: FrontMatterErrorKind::TooManyNodes,
                message: format!(
                    "YAML expands to more than {} values (too many aliases?)",
                    self.limits.max_nodes
                ),
                span,
            });
        }
        Ok(())
    }

    fn remember(&mut self, anchor: usize, node: &Node) {
        if anchor == 0 {
            return;
        }
        if self.anchors.len() <= anchor {
            self.anchors.resize(anchor + 1, None);
        }
        if let Some(slot) = self.anchors.get_mut(anchor) {
            *slot = Some((node.clone(), node_count(node)));
        }
    }

    /// Adds a finished node to its parent; returns it if it is the root.
    fn attach(&mut self, node: Node) -> Option<Node> {
        match self.stack.last_mut() {
            None => Some(node),
            Some(Frame::Sequence { items, .. }) => {
                items.push(node);
                None
            }
            Some(Frame::Mapping { entries, key, .. }) => {
                match key.take() {
                    None => *key = Some((key_text(&node), node.span)),
                    Some((name, key_span)) => entries.push(Entry {
                        key: name,
                        key_span,
                        value: node,
                    }),
                }
                None
            }
        }
    }
}

/// The text of a mapping key; complex keys are rendered as JSON.
pub(super) fn key_text(node: &Node) -> String {
    match &node.value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        _ => node.to_json().to_string(),
    }
}

fn node_count(node: &Node) -> usize {
    1 + match &node.value {
        Value::Sequence(items) => items.iter().map(node_count).sum(),
        Value::Mapping(entries) => entries.iter().map(|e| 1 + node_count(&e.value)).sum(),
        _ => 0,
    }
}

/// Resolves a plain scalar with the YAML 1.2 core schema.
pub(super) fn resolve_plain(text: &str) -> Value {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Value::Float(f64::INFINITY);
        }
        "-.inf" | "-.Inf" | "-.INF" => return Value::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Value::Float(f64::NAN),
        _ => {}
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && let Ok(i) = text.parse::<i64>()
    {
        return Value::Integer(i);
    }
    if let Some(hex) = text.strip_prefix("0x")
        && let Ok(i) = i64::from_str_radix(hex, 16)
    {
        return Value::Integer(i);
    }
    if let Some(oct) = text.strip_prefix("0o")
        && let Ok(i) = i64::from_str_radix(oct, 8)
    {
        return Value::Integer(i);
    }
    let is_float_shaped = digits.bytes().any(|b| b.is_ascii_digit())
        && digits
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'-' | b'+'));
    if is_float_shaped && let Ok(f) = text.parse::<f64>() {
        return Value::Float(f);
    }
    Value::String(text.to_owned())
}

#[cfg(test)]
#[expect(clippy::unwrap_used, reason = "tests index known inputs")]
mod tests {
    use super::*;
    use std::fmt::Write as _;

    fn yaml(content: &str) -> Result<Node, FrontMatterError> {
        let text = format!("---\n{content}---\n");
        let lines = LineIndex::new(&text);
        parse(&text, &lines, content, 4)
    }

    #[test]
    fn keys_and_values_keep_their_spans() {
        let text = "---\ntitle: Restart\nlast_reviewed: last tuesday\n---\n";
        let lines = LineIndex::new(text);
        let root = parse(text, &lines, &text[4..text.len() - 4], 4).unwrap();
        let entry = root.pointer_entry("/last_reviewed").unwrap();
        assert_eq!(
            &text[entry.key_span.start..entry.key_span.end],
            "last_reviewed"
        );
        assert_eq!(
            &text[entry.value.span.start..entry.value.span.end],
            "last tuesday"
        );
        assert_eq!(lines.position(text, entry.key_span.start).line, 3);
    }

    #[test]
    fn plain_scalars_resolve_with_the_core_schema() {
        let root = yaml("a: 1\nb: true\nc: ~\nd: 1.5\ne: '1'\nf: 2024-01-02\n").unwrap();
        assert_eq!(root.get("a").unwrap().value, Value::Integer(1));
        assert_eq!(root.get("b").unwrap().value, Value::Bool(true));
        assert_eq!(root.get("c").unwrap().value, Value::Null);
        assert_eq!(root.get("d").unwrap().value, Value::Float(1.5));
        assert_eq!(root.get("e").unwrap().as_str(), Some("1"));
        assert_eq!(root.get("f").unwrap().as_str(), Some("2024-01-02"));
    }

    #[test]
    fn syntax_error_points_at_the_bad_line() {
        let text = "---\ntitle: ok\nowners: [a, b\nservice: x\n---\n";
        let lines = LineIndex::new(text);
        let err = parse(text, &lines, &text[4..text.len() - 4], 4).unwrap_err();
        assert_eq!(err.kind, FrontMatterErrorKind::Syntax);
        let line = lines.position(text, err.span.start).line;
        assert!((3..=5).contains(&line), "error on line {line}");
    }

    #[test]
    fn alias_bomb_is_refused() {
        let mut doc = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        let mut prev = 'a';
        for name in 'b'..='k' {
            let refs = std::iter::repeat_n(format!("*{prev}"), 10)
                .collect::<Vec<_>>()
                .join(", ");
            writeln!(doc, "{name}: &{name} [{refs}]").unwrap();
            prev = name;
        }
        let err = yaml(&doc).unwrap_err();
        assert_eq!(err.kind, FrontMatterErrorKind::TooManyNodes);
    }

    #[test]
    fn spans_on_one_long_flow_line_are_exact() {
        let text = "---\na: [é, bb, 中文, \"q\"]\nb: {k: v}\n---\n";
        let lines = LineIndex::new(text);
        let root = parse(text, &lines, &text[4..text.len() - 4], 4).unwrap();
        let items: Vec<_> = root
            .get("a")
            .unwrap()
            .as_sequence()
            .unwrap()
            .iter()
            .map(|n| &text[n.span.start..n.span.end])
            .collect();
        assert_eq!(items, ["é", "bb", "中文", "\"q\""]);
        let k = root.pointer_entry("/b/k").unwrap();
        assert_eq!(&text[k.key_span.start..k.key_span.end], "k");
        assert_eq!(&text[k.value.span.start..k.value.span.end], "v");
    }

    /// Every span (and the error marker, if any) of `content`, mapped once
    /// by character index and once by line scans: framed as front-matter when
    /// it ends with a newline (as front-matter content always does), else as
    /// a whole document.
    fn both_routes(content: &str) -> (Vec<Span>, Vec<Span>) {
        let (text, start, first_line) = if content.ends_with('\n') {
            (format!("---\n{content}---\n"), 4, 2)
        } else {
            (content.to_owned(), 0, 1)
        };
        let lines = LineIndex::new(&text);
        let locate = |direct| {
            let locator = Locator {
                text: &text,
                lines: &lines,
                first_line,
                direct,
                last: Cell::new(None),
            };
            let mut spans = Vec::new();
            for event in Parser::new_from_str(content) {
                match event {
                    Ok((_, span)) => spans.push(locator.span(span)),
                    Err(e) => {
                        let at = locator.offset(*e.marker());
                        spans.push(Span::new(at, at));
                        break;
                    }
                }
            }
            spans
        };
        (locate(Some((start, content.len()))), locate(None))
    }

    #[test]
    fn ascii_markers_map_by_index_as_by_line_and_column() {
        let cases = [
            "title: x\nowners:\n  - a\n  - \"b\"  # c\ntags: [ x , 'y' ]\n",
            "a:\r\n  b: 1\r\n\r\nc: [1, 2]\r\n",
            "# only a comment\n\n",
            "a: |\n  text\n  more\nb: >-\n  folded\n",
            "a: \"multi\n  line\"\nb: plain\n  continued\n",
            "x: {a: 1, b: [2, 3]}\n? complex\n: value\n",
            "a: &x 1\nb: *x\nc: !tag v\n",
            "a:\tb\n",
            "owners: [a, b\nservice: x\n",
            "a: 'unterminated\n",
            "- a\n- b: c\n  d: e\n",
            "a: 1\n---\nb: 2\n",
        ];
        for content in cases {
            assert!(index_is_offset(content), "{content:?}");
            let (direct, scanned) = both_routes(content);
            assert_eq!(direct, scanned, "{content:?}");
        }
        assert!(!index_is_offset("a: é\n"));
        assert!(!index_is_offset("a: 1\rb: 2\n"));
    }

    proptest::proptest! {
        #[test]
        fn index_route_agrees_with_line_route(
            pieces in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just("\n"), proptest::strategy::Just("\r\n"),
                    proptest::strategy::Just("  "), proptest::strategy::Just("- "),
                    proptest::strategy::Just("a: "), proptest::strategy::Just("b:"),
                    proptest::strategy::Just("[x, y]"), proptest::strategy::Just("{k: v}"),
                    proptest::strategy::Just("\"q\" "), proptest::strategy::Just("'s' "),
                    proptest::strategy::Just("# c"), proptest::strategy::Just("|"),
                    proptest::strategy::Just("&a "), proptest::strategy::Just("*a"),
                    proptest::strategy::Just("\t"), proptest::strategy::Just("---"),
                    proptest::strategy::Just("word"), proptest::strategy::Just("?"),
                ],
                0..30,
            )
        ) {
            let content = pieces.concat();
            let (direct, scanned) = both_routes(&content);
            proptest::prop_assert_eq!(direct, scanned, "{:?}", content);
            let content = content + "\n";
            let (direct, scanned) = both_routes(&content);
            proptest::prop_assert_eq!(direct, scanned, "{:?}", content);
        }
    }

    #[test]
    fn aliases_within_budget_are_expanded() {
        let root = yaml("base: &b {x: 1}\ncopy: *b\n").unwrap();
        assert_eq!(root.pointer("/copy/x").unwrap().value, Value::Integer(1));
    }

    #[test]
    fn deep_nesting_is_refused() {
        let deep = format!("a: {}{}\n", "[".repeat(100), "]".repeat(100));
        assert_eq!(yaml(&deep).unwrap_err().kind, FrontMatterErrorKind::TooDeep);
        // Far deeper input stops at the YAML parser's own recursion limit.
        let deeper = format!("a: {}\n", "[".repeat(100_000));
        assert!(yaml(&deeper).is_err());
    }
}
