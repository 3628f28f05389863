//! TOML front-matter to a spanned [`Node`] tree.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{Entry, FrontMatterError, FrontMatterErrorKind, MAX_DEPTH, MAX_NODES, Node, Value};
use crate::position::Span;

/// Parses TOML `content`, which starts at byte `start` of the document.
pub(super) fn parse(content: &str, start: usize) -> Result<Node, FrontMatterError> {
    // The TOML parser recurses on nested arrays and inline tables, so refuse
    // deep nesting before handing it hostile input.
    if let Some(at) = too_deep_at(content) {
        return Err(FrontMatterError {
            kind: FrontMatterErrorKind::TooDeep,
            message: format!("front-matter is nested more than {MAX_DEPTH} levels deep"),
            span: Span::new(start + at, start + at + 1),
        });
    }
    let table = DeTable::parse(content).map_err(|e| {
        let at = e.span().map_or(0, |r| r.start);
        FrontMatterError {
            kind: FrontMatterErrorKind::Syntax,
            message: format!("invalid TOML: {}", e.message().trim_end_matches('.')),
            span: Span::new(start + at, start + e.span().map_or(at, |r| r.end)),
        }
    })?;
    let mut converter = Converter { start, nodes: 0 };
    let span = converter.span(table.span());
    let entries = converter.table(table.get_ref())?;
    Ok(Node {
        value: Value::Mapping(entries),
        span,
    })
}

/// The offset of the first bracket nested deeper than [`MAX_DEPTH`], if any.
fn too_deep_at(content: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    let mut escaped = false;
    for (i, b) in content.bytes().enumerate() {
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if b == b'\\' && q == b'"' {
                escaped = true;
            } else if b == q || b == b'\n' {
                quote = None;
            }
            continue;
        }
        match b {
            b'"' | b'\'' => quote = Some(b),
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b'\n' if depth == 0 => {}
            _ => {}
        }
    }
    None
}

struct Converter {
    start: usize,
    nodes: usize,
}

impl Converter {
    fn span(&self, range: std::ops::Range<usize>) -> Span {
        Span::new(self.start + range.start, self.start + range.end)
    }

    fn table(&mut self, table: &DeTable<'_>) -> Result<Vec<Entry>, FrontMatterError> {
        table
            .iter()
            .map(|(key, value)| {
                Ok(Entry {
                    key: key.get_ref().to_string(),
                    key_span: self.span(key.span()),
                    value: self.node(value)?,
                })
            })
            .collect()
    }

    fn node(&mut self, value: &Spanned<DeValue<'_>>) -> Result<Node, FrontMatterError> {
        let span = self.span(value.span());
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return Err(FrontMatterError {
                kind: FrontMatterErrorKind::TooManyNodes,
                message: format!("front-matter has more than {MAX_NODES} values"),
                span,
            });
        }
        let value = match value.get_ref() {
            DeValue::String(s) => Value::String(s.to_string()),
            DeValue::Integer(i) => i64::from_str_radix(&i.as_str().replace('_', ""), i.radix())
                .map_or_else(|_| Value::String(i.as_str().to_owned()), Value::Integer),
            DeValue::Float(f) => f
                .as_str()
                .replace('_', "")
                .parse::<f64>()
                .map_or_else(|_| Value::String(f.as_str().to_owned()), Value::Float),
            DeValue::Boolean(b) => Value::Bool(*b),
            DeValue::Datetime(d) => Value::String(d.to_string()),
            DeValue::Array(items) => Value::Sequence(
                items
                    .iter()
                    .map(|item| self.node(item))
                    .collect::<Result<_, _>>()?,
            ),
            DeValue::Table(table) => Value::Mapping(self.table(table)?),
        };
        Ok(Node { value, span })
    }
}

#[cfg(test)]
#[expect(clippy::unwrap_used, reason = "tests index known inputs")]
mod tests {
    use super::*;

    #[test]
    fn dates_become_strings_and_spans_are_absolute() {
        let content =
            "title = \"Fail over\"\nlast_reviewed = 2026-10-12\n[[contacts]]\nname = \"DBA\"\n";
        let root = parse(content, 4).unwrap();
        let date = root.get("last_reviewed").unwrap();
        assert_eq!(date.as_str(), Some("2026-10-12"));
        assert_eq!(date.span.start, 4 + content.find("2026").unwrap());
        assert_eq!(
            root.pointer("/contacts/0/name").unwrap().as_str(),
            Some("DBA")
        );
    }

    #[test]
    fn syntax_error_has_a_span() {
        let err = parse("title = \n", 4).unwrap_err();
        assert_eq!(err.kind, FrontMatterErrorKind::Syntax);
        assert!(err.span.start >= 4);
    }

    #[test]
    fn deep_arrays_are_refused_before_parsing() {
        let deep = format!("a = {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
        assert_eq!(
            parse(&deep, 0).unwrap_err().kind,
            FrontMatterErrorKind::TooDeep
        );
        assert!(
            parse(
                "a = \"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"\n",
                0
            )
            .is_ok()
        );
    }
}
