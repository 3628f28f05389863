//! Renderers: the report as aligned text and as Markdown. Pure functions
//! from [`Report`] to `String`; the site draws its own HTML from the data.

mod sections;
mod table;

pub use sections::{percent, plural};

use crate::model::Report;
use sections::{Section, sections};

/// Which grouping the main table shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum GroupBy {
    /// One row per service.
    #[default]
    Service,
    /// One row per owner.
    Owner,
}

/// The report as plain text with aligned tables, for a terminal.
pub fn render_human(report: &Report, by: GroupBy) -> String {
    let mut out = String::new();
    for (i, section) in sections(report, by).iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        write_text(&mut out, section, i == 0);
    }
    out
}

fn write_text(out: &mut String, section: &Section, is_first: bool) {
    out.push_str(&section.title);
    out.push('\n');
    let rule = if is_first { '=' } else { '-' };
    out.extend(std::iter::repeat_n(rule, section.title.chars().count()));
    out.push('\n');
    for line in &section.lines {
        out.push_str(line);
        out.push('\n');
    }
    if let Some(table) = &section.table {
        if !section.lines.is_empty() {
            out.push('\n');
        }
        out.push_str(&table.to_text());
    }
}

/// The report as GitHub-flavoured Markdown, for a pull request comment or a
/// job summary.
pub fn render_markdown(report: &Report, by: GroupBy) -> String {
    let mut out = String::new();
    for (i, section) in sections(report, by).iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(if i == 0 { "# " } else { "## " });
        out.push_str(&table::escape_markdown(&section.title));
        out.push_str("\n\n");
        for line in &section.lines {
            out.push_str(&table::escape_markdown(line));
            out.push_str("  \n");
        }
        if let Some(table) = &section.table {
            if !section.lines.is_empty() {
                out.push('\n');
            }
            out.push_str(&table.to_markdown());
        }
    }
    out
}
