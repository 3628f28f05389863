//! `human`: miette graphical diagnostics with the source snippet, a label,
//! the rule id and the help text.

use std::io::{self, Write};

use std::sync::Arc;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceSpan};
use runbook_lint::Severity;

use crate::run::{Finding, Linted};

/// Width the report wraps at; fixed so output does not depend on the terminal.
const WIDTH: usize = 100;

/// One finding as a miette diagnostic.
#[derive(Debug)]
struct Rendered<'a> {
    finding: &'a Finding,
    source: Option<&'a Source>,
    location: String,
    /// Related places in other files (or without a snippet), as notes.
    notes: Vec<Note>,
}

/// A related place shown as a note under the finding: `path:line:col: message`.
#[derive(Debug)]
struct Note(String);

impl std::fmt::Display for Note {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Note {}

impl miette::Diagnostic for Note {
    fn severity(&self) -> Option<miette::Severity> {
        Some(miette::Severity::Advice)
    }
}

impl std::fmt::Display for Rendered<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl std::error::Error for Rendered<'_> {}

impl miette::Diagnostic for Rendered<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        Some(Box::new(self.finding.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        match (&self.finding.help, &self.source) {
            (Some(help), _) => Some(Box::new(help.as_str())),
            // Without a snippet, the location has to be said in words.
            (None, None) => Some(Box::new(self.location.as_str())),
            (None, Some(_)) => None,
        }
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.finding.span?;
        self.source.as_ref()?;
        let label = |span: runbook_parse::Span, text: String| {
            LabeledSpan::new_with_span(
                Some(text),
                SourceSpan::new(span.start.into(), span.end.saturating_sub(span.start)),
            )
        };
        let main = label(span, self.finding.rule.to_owned());
        // Related places in the same file are labelled in the same snippet.
        let same_file = self
            .finding
            .related
            .iter()
            .filter(|r| r.path.is_none())
            .map(move |r| label(r.span, r.message.clone()));
        Some(Box::new(std::iter::once(main).chain(same_file)))
    }

    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn miette::Diagnostic> + 'b>> {
        if self.notes.is_empty() {
            return None;
        }
        Some(Box::new(
            self.notes.iter().map(|n| n as &dyn miette::Diagnostic),
        ))
    }
}

/// Writes every finding as a graphical report.
pub fn render(files: &[&Linted], color: bool, out: &mut dyn Write) -> io::Result<()> {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(WIDTH)
        .with_context_lines(1);
    for file in files {
        let path = super::display_path(file);
        let text = file
            .text
            .as_ref()
            .map(|text| Source::new(&path, Arc::clone(text)));
        for finding in &file.findings {
            render_one(&handler, file, &path, text.as_ref(), finding, out)?;
        }
    }
    Ok(())
}

/// Writes one finding.
fn render_one(
    handler: &GraphicalReportHandler,
    file: &Linted,
    path: &str,
    text: Option<&Source>,
    finding: &Finding,
    out: &mut dyn Write,
) -> io::Result<()> {
    {
        let location = format!("{path}:{}:{}", finding.start.line, finding.start.column);
        let source = text.filter(|_| finding.span.is_some());
        // Places in other files cannot be labelled in this snippet: they
        // are listed, one per line, in a single note below it.
        let lines: Vec<String> = finding
            .related
            .iter()
            .filter(|r| r.path.is_some() || source.is_none())
            .map(|r| {
                format!(
                    "{}:{}:{}: {}",
                    super::related_path(file, r),
                    r.start.line,
                    r.start.column,
                    r.message
                )
            })
            .collect();
        let notes = if lines.is_empty() {
            Vec::new()
        } else {
            vec![Note(lines.join("\n"))]
        };
        let rendered = Rendered {
            finding,
            source,
            location,
            notes,
        };
        let mut rendered_text = String::new();
        handler
            .render_report(&mut rendered_text, &rendered)
            .map_err(io::Error::other)?;
        out.write_all(rendered_text.as_bytes())?;
        writeln!(out)?;
    }
    Ok(())
}

/// A file's text for snippets, with its line starts found once.
///
/// miette's own `SourceCode` for a string scans from the start of the text
/// for every snippet, so a file with 20,000 findings took minutes; here
/// each snippet is a binary search.
#[derive(Debug)]
struct Source {
    name: String,
    text: Arc<str>,
    /// Byte offset of each line's first byte.
    line_starts: Vec<usize>,
}

impl Source {
    fn new(name: &str, text: Arc<str>) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Self {
            name: name.to_owned(),
            text,
            line_starts,
        }
    }

    /// The 0-based line holding byte `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.line_starts
            .partition_point(|&start| start <= offset)
            .saturating_sub(1)
    }

    /// The byte just past line `line`, its line break included.
    fn line_end(&self, line: usize) -> usize {
        self.line_starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.text.len())
    }
}

impl miette::SourceCode for Source {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let bytes = self.text.as_bytes();
        let start = span.offset();
        if start > bytes.len() || start + span.len() > bytes.len() {
            return Err(miette::MietteError::OutOfBounds);
        }
        let last = (start + span.len()).saturating_sub(1).max(start);
        let first_line = self.line_of(start);
        let from = first_line.saturating_sub(context_lines_before);
        let to = (self.line_of(last) + context_lines_after)
            .min(self.line_starts.len().saturating_sub(1));
        let data_start = self.line_starts.get(from).copied().unwrap_or(0);
        let data_end = self.line_end(to).max(data_start);
        let data = bytes.get(data_start..data_end).unwrap_or_default();
        // As miette's own implementation: the column only without context.
        let column = if context_lines_before == 0 {
            start - self.line_starts.get(first_line).copied().unwrap_or(0)
        } else {
            0
        };
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name.clone(),
            data,
            SourceSpan::new(data_start.into(), data_end - data_start),
            from,
            column,
            to - from + 1,
        )))
    }
}
