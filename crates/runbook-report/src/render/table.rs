//! A text table rendered as aligned columns or as a GitHub Markdown table.

/// How a column's cells line up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Right,
}

/// Rows of cells under headers.
pub(crate) struct Table {
    headers: Vec<(&'static str, Align)>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub(crate) fn new(headers: &[(&'static str, Align)]) -> Self {
        Self {
            headers: headers.to_vec(),
            rows: Vec::new(),
        }
    }

    pub(crate) fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Columns padded to their widest cell (counted in characters), two
    /// spaces apart, with no trailing whitespace.
    pub(crate) fn to_text(&self) -> String {
        let widths: Vec<usize> = self
            .headers
            .iter()
            .enumerate()
            .map(|(i, (h, _))| {
                self.rows
                    .iter()
                    .filter_map(|r| r.get(i))
                    .map(|c| width(c))
                    .chain([h.len()])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let mut out = String::new();
        let headers: Vec<String> = self.headers.iter().map(|(h, _)| (*h).to_owned()).collect();
        for cells in std::iter::once(&headers).chain(&self.rows) {
            let mut line = String::new();
            for (i, ((_, align), w)) in self.headers.iter().zip(&widths).enumerate() {
                let cell = cells.get(i).map_or("", String::as_str);
                let pad = " ".repeat(w.saturating_sub(width(cell)));
                if i > 0 {
                    line.push_str("  ");
                }
                match align {
                    Align::Left => {
                        line.push_str(cell);
                        line.push_str(&pad);
                    }
                    Align::Right => {
                        line.push_str(&pad);
                        line.push_str(cell);
                    }
                }
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }

    /// A GitHub-flavoured Markdown table; cells are escaped.
    pub(crate) fn to_markdown(&self) -> String {
        let mut out = String::from("|");
        for (h, _) in &self.headers {
            out.push(' ');
            out.push_str(h);
            out.push_str(" |");
        }
        out.push_str("\n|");
        for (_, align) in &self.headers {
            out.push_str(match align {
                Align::Left => " --- |",
                Align::Right => " ---: |",
            });
        }
        out.push('\n');
        for cells in &self.rows {
            out.push('|');
            for i in 0..self.headers.len() {
                out.push(' ');
                out.push_str(&escape_markdown(cells.get(i).map_or("", String::as_str)));
                out.push_str(" |");
            }
            out.push('\n');
        }
        out
    }
}

fn width(text: &str) -> usize {
    text.chars().count()
}

/// Escapes text for a Markdown table cell: ASCII punctuation that Markdown
/// gives meaning to gets a backslash, and line breaks become spaces.
pub(crate) fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '|' | '*' | '_' | '`' | '<' | '>' | '[' | ']' | '#' | '~' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        let mut t = Table::new(&[("NAME", Align::Left), ("N", Align::Right)]);
        t.row(vec!["zürich".to_owned(), "7".to_owned()]);
        t.row(vec!["a|b".to_owned(), "12".to_owned()]);
        t
    }

    #[test]
    fn text_columns_align_by_characters() {
        assert_eq!(table().to_text(), "NAME     N\nzürich   7\na|b     12\n");
    }

    #[test]
    fn markdown_cells_are_escaped() {
        assert_eq!(
            table().to_markdown(),
            "| NAME | N |\n| --- | ---: |\n| zürich | 7 |\n| a\\|b | 12 |\n"
        );
        assert_eq!(escape_markdown("_x_\n*y*"), "\\_x\\_ \\*y\\*");
    }
}
