//! Front-matter: detection of the `---`/`+++` block and a spanned value tree.
//!
//! Both YAML and TOML are converted to one [`Node`] tree that keeps the span
//! of every key and value, so a diagnostic can point at the exact line of
//! `last_reviewed: last tuesday`.

mod toml;
mod yaml;
mod yaml_simple;

pub use yaml::{Limits, parse_document as parse_yaml};

use crate::position::{LineIndex, Span};

/// Largest front-matter block we parse; real ones are a few hundred bytes.
pub const MAX_FRONT_MATTER_BYTES: usize = 128 * 1024;
/// Deepest nesting of sequences and mappings we accept.
pub const MAX_DEPTH: usize = 64;
/// Most nodes a front-matter may expand to, counting YAML alias copies.
///
/// This is what makes a "billion laughs" alias bomb fail fast with bounded
/// memory instead of expanding exponentially.
pub const MAX_NODES: usize = 10_000;

/// The syntax of a front-matter block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FrontMatterFormat {
    /// YAML between `---` lines.
    Yaml,
    /// TOML between `+++` lines.
    Toml,
}

impl FrontMatterFormat {
    /// The format's name as users write it.
    pub fn name(self) -> &'static str {
        match self {
            FrontMatterFormat::Yaml => "YAML",
            FrontMatterFormat::Toml => "TOML",
        }
    }
}

/// The front-matter block of a runbook.
#[derive(Debug, Clone, PartialEq)]
pub struct FrontMatter {
    /// YAML or TOML.
    pub format: FrontMatterFormat,
    /// The whole block, delimiters included.
    pub span: Span,
    /// The text between the delimiters.
    pub content: Span,
    /// The parsed mapping, or why it could not be parsed.
    pub root: Result<Node, FrontMatterError>,
}

impl FrontMatter {
    /// The top-level mapping entries, empty when the block did not parse.
    pub fn entries(&self) -> &[Entry] {
        match &self.root {
            Ok(Node {
                value: Value::Mapping(entries),
                ..
            }) => entries,
            _ => &[],
        }
    }

    /// The value of top-level `key`, if present.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entries()
            .iter()
            .find(|e| e.key == key)
            .map(|e| &e.value)
    }

    /// The entry of top-level `key`, with its key span.
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.entries().iter().find(|e| e.key == key)
    }
}

/// Why a front-matter block could not be turned into a mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterError {
    /// What went wrong.
    pub kind: FrontMatterErrorKind,
    /// A lowercase message without trailing period.
    pub message: String,
    /// Where the problem is.
    pub span: Span,
}

/// The class of a [`FrontMatterError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FrontMatterErrorKind {
    /// The YAML or TOML is not well-formed.
    Syntax,
    /// The opening delimiter has no closing one.
    Unterminated,
    /// The block is larger than [`MAX_FRONT_MATTER_BYTES`].
    TooLarge,
    /// Nesting deeper than [`MAX_DEPTH`].
    TooDeep,
    /// More than [`MAX_NODES`] nodes, usually from alias expansion.
    TooManyNodes,
    /// The block parsed but is not a key/value mapping.
    NotAMapping,
}

/// A front-matter value with its span.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The value.
    pub value: Value,
    /// Where the value is written.
    pub span: Span,
}

/// A front-matter value.
///
/// TOML dates and times become [`Value::String`] in their RFC 3339 form, the
/// same text a YAML author writes, so both formats validate alike.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// YAML `null`, `~` or an empty value.
    Null,
    /// A boolean.
    Bool(bool),
    /// An integer.
    Integer(i64),
    /// A floating-point number.
    Float(f64),
    /// A string (or a TOML date).
    String(String),
    /// A sequence / array.
    Sequence(Vec<Node>),
    /// A mapping / table, in source order.
    Mapping(Vec<Entry>),
}

/// One key of a mapping.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The key text.
    pub key: String,
    /// Where the key is written.
    pub key_span: Span,
    /// The value.
    pub value: Node,
}

impl Node {
    /// The string value, if this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The items, if this is a sequence.
    pub fn as_sequence(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Sequence(items) => Some(items),
            _ => None,
        }
    }

    /// The entries, if this is a mapping.
    pub fn as_mapping(&self) -> Option<&[Entry]> {
        match &self.value {
            Value::Mapping(entries) => Some(entries),
            _ => None,
        }
    }

    /// The integer, if this is an integer.
    pub fn as_i64(&self) -> Option<i64> {
        match self.value {
            Value::Integer(i) => Some(i),
            _ => None,
        }
    }

    /// The value of `key`, if this is a mapping that has it.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.as_mapping()?
            .iter()
            .find(|e| e.key == key)
            .map(|e| &e.value)
    }

    /// A short name of the value's type, for messages.
    pub fn type_name(&self) -> &'static str {
        match self.value {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Integer(_) => "integer",
            Value::Float(_) => "number",
            Value::String(_) => "string",
            Value::Sequence(_) => "array",
            Value::Mapping(_) => "object",
        }
    }

    /// Converts to JSON, for schema validation.
    pub fn to_json(&self) -> serde_json::Value {
        match &self.value {
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => serde_json::Value::Bool(*b),
            Value::Integer(i) => serde_json::Value::from(*i),
            Value::Float(f) => serde_json::Number::from_f64(*f)
                .map_or(serde_json::Value::Null, serde_json::Value::Number),
            Value::String(s) => serde_json::Value::String(s.clone()),
            Value::Sequence(items) => items.iter().map(Node::to_json).collect(),
            Value::Mapping(entries) => serde_json::Value::Object(
                entries
                    .iter()
                    .map(|e| (e.key.clone(), e.value.to_json()))
                    .collect(),
            ),
        }
    }

    /// The node at a JSON pointer (`/contacts/0/email`), if any.
    pub fn pointer(&self, pointer: &str) -> Option<&Node> {
        let mut node = self;
        for token in pointer.split('/').skip(1) {
            let token = token.replace("~1", "/").replace("~0", "~");
            node = match &node.value {
                Value::Mapping(entries) => &entries.iter().find(|e| e.key == token)?.value,
                Value::Sequence(items) => items.get(token.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(node)
    }

    /// The entry whose value is at a JSON pointer, for pointing at its key.
    pub fn pointer_entry(&self, pointer: &str) -> Option<&Entry> {
        let (parent, last) = pointer.rsplit_once('/')?;
        let last = last.replace("~1", "/").replace("~0", "~");
        self.pointer(parent)?
            .as_mapping()?
            .iter()
            .find(|e| e.key == last)
    }
}

/// Where the front-matter block and the Markdown body are in a text.
pub(crate) struct Split {
    pub format: FrontMatterFormat,
    /// The whole block, delimiters included.
    pub block: Span,
    /// The text between the delimiters.
    pub content: Span,
    /// Whether a closing delimiter was found.
    pub terminated: bool,
    /// Where the Markdown body starts.
    pub body_start: usize,
}

/// Finds a front-matter block at the very top of `text` (BOM already removed).
pub(crate) fn split(text: &str) -> Option<Split> {
    let (first, mut pos) = next_line(text, 0)?;
    let format = match first.trim_end() {
        "---" => FrontMatterFormat::Yaml,
        "+++" => FrontMatterFormat::Toml,
        _ => return None,
    };
    let content_start = pos;
    while let Some((line, next)) = next_line(text, pos) {
        let closes = match format {
            FrontMatterFormat::Yaml => matches!(line.trim_end(), "---" | "..."),
            FrontMatterFormat::Toml => line.trim_end() == "+++",
        };
        if closes {
            return Some(Split {
                format,
                block: Span::new(0, next),
                content: Span::new(content_start, pos),
                terminated: true,
                body_start: next,
            });
        }
        pos = next;
    }
    Some(Split {
        format,
        block: Span::new(0, text.len()),
        content: Span::new(content_start, text.len()),
        terminated: false,
        body_start: content_start,
    })
}

/// The line starting at `pos` (without its newline) and where the next starts.
fn next_line(text: &str, pos: usize) -> Option<(&str, usize)> {
    let rest = text.get(pos..).filter(|r| !r.is_empty())?;
    Some(match rest.find('\n') {
        Some(i) => (rest.get(..i).unwrap_or(rest), pos + i + 1),
        None => (rest, text.len()),
    })
}

/// Parses the block found by [`split`].
pub(crate) fn parse(text: &str, lines: &LineIndex, split: &Split) -> FrontMatter {
    let root = if !split.terminated {
        Err(FrontMatterError {
            kind: FrontMatterErrorKind::Unterminated,
            message: format!(
                "front-matter opened with `{}` on line 1 is never closed",
                match split.format {
                    FrontMatterFormat::Yaml => "---",
                    FrontMatterFormat::Toml => "+++",
                }
            ),
            span: Span::new(0, 3),
        })
    } else if split.content.len() > MAX_FRONT_MATTER_BYTES {
        Err(FrontMatterError {
            kind: FrontMatterErrorKind::TooLarge,
            message: format!(
                "front-matter is {} bytes, more than the {MAX_FRONT_MATTER_BYTES} bytes allowed",
                split.content.len()
            ),
            span: Span::new(0, 3),
        })
    } else {
        let content = text
            .get(split.content.start..split.content.end)
            .unwrap_or("");
        match split.format {
            FrontMatterFormat::Yaml => yaml::parse(text, lines, content, split.content.start),
            FrontMatterFormat::Toml => toml::parse(content, split.content.start),
        }
        .and_then(|node| match node.value {
            Value::Mapping(_) => Ok(node),
            Value::Null => Ok(Node {
                value: Value::Mapping(Vec::new()),
                span: split.content,
            }),
            _ => Err(FrontMatterError {
                kind: FrontMatterErrorKind::NotAMapping,
                message: format!(
                    "front-matter must be a mapping of keys to values, found a {}",
                    node.type_name()
                ),
                span: node.span,
            }),
        })
    };
    FrontMatter {
        format: split.format,
        span: split.block,
        content: split.content,
        root,
    }
}

#[cfg(test)]
#[expect(clippy::unwrap_used, reason = "tests index known inputs")]
mod tests {
    use super::*;

    fn fm(text: &str) -> FrontMatter {
        let lines = LineIndex::new(text);
        parse(text, &lines, &split(text).unwrap())
    }

    #[test]
    fn split_finds_yaml_and_toml_blocks() {
        let s = split("---\na: 1\n---\nbody").unwrap();
        assert_eq!(s.format, FrontMatterFormat::Yaml);
        assert_eq!(s.body_start, 13);
        let s = split("+++\r\na = 1\r\n+++\r\n# T").unwrap();
        assert_eq!(s.format, FrontMatterFormat::Toml);
        assert!(s.terminated);
        assert!(split("# no front matter\n---\n").is_none());
        assert!(split("").is_none());
    }

    #[test]
    fn unterminated_block_is_an_error_value() {
        let f = fm("---\ntitle: x\n");
        assert_eq!(f.root.unwrap_err().kind, FrontMatterErrorKind::Unterminated);
    }

    #[test]
    fn empty_block_is_an_empty_mapping() {
        assert!(fm("---\n---\n").entries().is_empty());
        assert!(fm("+++\n+++\n").entries().is_empty());
    }

    #[test]
    fn scalar_root_is_not_a_mapping() {
        let f = fm("---\njust text\n---\n");
        assert_eq!(f.root.unwrap_err().kind, FrontMatterErrorKind::NotAMapping);
    }

    #[test]
    fn pointer_walks_mappings_and_sequences() {
        let f = fm("---\ncontacts:\n  - name: a\n    email: x@y.z\n---\n");
        let root = f.root.as_ref().unwrap();
        let email = root.pointer("/contacts/0/email").unwrap();
        assert_eq!(email.as_str(), Some("x@y.z"));
        assert_eq!(
            root.pointer_entry("/contacts/0/email").unwrap().key,
            "email"
        );
        assert!(root.pointer("/contacts/9").is_none());
    }
}
