//! Byte spans and their translation to 1-based lines and character columns.

/// A half-open byte range `start..end` into [`crate::Document::source`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct Span {
    /// First byte of the span.
    pub start: usize,
    /// One past the last byte of the span.
    pub end: usize,
}

impl Span {
    /// Creates a span; `end` is clamped so the span is never inverted.
    pub fn new(start: usize, end: usize) -> Self {
        Self {
            start,
            end: end.max(start),
        }
    }

    /// The span's length in bytes.
    pub fn len(self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no bytes.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// Whether `other` lies entirely inside this span.
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(range: std::ops::Range<usize>) -> Self {
        Span::new(range.start, range.end)
    }
}

/// A 1-based line and a 1-based column counted in Unicode scalar values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Position {
    /// Line number, starting at 1.
    pub line: usize,
    /// Column number in characters, starting at 1.
    pub column: usize,
}

/// A value with the span of source text it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where the value is written.
    pub span: Span,
}

/// Start offsets of every line in a text, for offset-to-position lookups.
///
/// Only `\n` ends a line; a `\r` before it belongs to the line and never
/// shifts a column, so CRLF files report the same positions as LF files.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// Whether each line is pure ASCII, so its columns are byte offsets and
    /// lookups on it take constant time however long the line is.
    ascii: Vec<bool>,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = Vec::with_capacity(bytes.len() / 40 + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1));
        // One vectorised check covers the common all-ASCII file.
        let ascii = if bytes.is_ascii() {
            vec![true; starts.len()]
        } else {
            starts
                .iter()
                .zip(starts.iter().skip(1).map(|&s| s - 1).chain([bytes.len()]))
                .map(|(&start, end)| bytes.get(start..end).is_some_and(<[u8]>::is_ascii))
                .collect()
        };
        Self { starts, ascii }
    }

    /// Number of lines (a trailing newline does not start a counted line).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte offset where the 1-based `line` starts, if the line exists.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line.checked_sub(1)?).copied()
    }

    /// Whether the 1-based `line` is known to be pure ASCII.
    fn is_ascii(&self, line: usize) -> bool {
        line.checked_sub(1)
            .and_then(|i| self.ascii.get(i))
            .copied()
            .unwrap_or(false)
    }

    /// The 1-based line and character column of byte `offset` in `text`.
    ///
    /// Offsets past the end map to the end; offsets inside a multi-byte
    /// character map to that character.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_start(line).unwrap_or(0);
        let column = if self.is_ascii(line) {
            offset.saturating_sub(start)
        } else {
            text.get(start..offset).map_or(0, |s| s.chars().count())
        } + 1;
        Position { line, column }
    }

    /// The byte offset of the 0-based character column `col` on 1-based `line`.
    pub fn offset(&self, text: &str, line: usize, col: usize) -> usize {
        let Some(start) = self.line_start(line) else {
            return text.len();
        };
        if self.is_ascii(line) {
            let end = self
                .line_start(line + 1)
                .map_or(text.len(), |next| next - 1);
            return start.saturating_add(col).min(end);
        }
        let rest = text.get(start..).unwrap_or("");
        rest.char_indices()
            .take_while(|&(_, c)| c != '\n')
            .nth(col)
            .map_or_else(
                || start + rest.find('\n').unwrap_or(rest.len()),
                |(i, _)| start + i,
            )
    }

    /// The text of 1-based `line`, without its line ending.
    pub fn line_text<'a>(&self, text: &'a str, line: usize) -> &'a str {
        let Some(start) = self.line_start(line) else {
            return "";
        };
        let end = self.line_start(line + 1).unwrap_or(text.len());
        text.get(start..end)
            .unwrap_or("")
            .trim_end_matches('\n')
            .trim_end_matches('\r')
    }
}

/// The largest char boundary at or below `offset`.
pub(crate) fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
#[expect(clippy::unwrap_used, reason = "tests index known inputs")]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        let text = "a\nZürich → x\n";
        let index = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(
            index.position(text, x),
            Position {
                line: 2,
                column: 10
            }
        );
        assert_eq!(index.position(text, 0), Position { line: 1, column: 1 });
    }

    #[test]
    fn crlf_does_not_shift_columns() {
        let text = "ab\r\ncd\r\n";
        let index = LineIndex::new(text);
        let d = text.find('d').unwrap();
        assert_eq!(index.position(text, d), Position { line: 2, column: 2 });
        assert_eq!(index.line_text(text, 1), "ab");
    }

    #[test]
    fn offset_round_trips_position() {
        let text = "x\nnaïve: y\n";
        let index = LineIndex::new(text);
        let off = index.offset(text, 2, 7);
        assert_eq!(&text[off..=off], "y");
        assert_eq!(index.position(text, off), Position { line: 2, column: 8 });
    }

    #[test]
    fn ascii_and_non_ascii_lines_agree() {
        let text = "abc\r\nçd\n\nxyz";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        for (i, _) in text.char_indices() {
            let p = index.position(text, i);
            assert_eq!(index.offset(text, p.line, p.column - 1), i, "offset {i}");
        }
        // Columns past the end of a line clamp to its end, `\r` included.
        assert_eq!(index.offset(text, 1, 99), 4);
        assert_eq!(index.offset(text, 2, 99), 8);
        assert_eq!(index.offset(text, 4, 99), text.len());
        assert_eq!(
            index.position(text, text.len()),
            Position { line: 4, column: 4 }
        );
    }

    #[test]
    fn out_of_range_offsets_are_clamped() {
        let text = "é";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 1), Position { line: 1, column: 1 });
        assert_eq!(index.position(text, 99), Position { line: 1, column: 2 });
        assert_eq!(index.offset(text, 7, 0), text.len());
    }
}
