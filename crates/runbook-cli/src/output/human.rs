//! `human`: miette graphical diagnostics with the source snippet, a label,
//! the rule id and the help text.

use std::io::{self, Write};

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};
use runbook_lint::Severity;

use crate::run::{Finding, Linted};

/// Width the report wraps at; fixed so output does not depend on the terminal.
const WIDTH: usize = 100;

/// One finding as a miette diagnostic.
#[derive(Debug)]
struct Rendered<'a> {
    finding: &'a Finding,
    source: Option<NamedSource<std::sync::Arc<str>>>,
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
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
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
    for (file, finding) in super::findings(files) {
        let path = super::display_path(file);
        let location = format!("{path}:{}:{}", finding.start.line, finding.start.column);
        let source = match (&file.text, finding.span) {
            (Some(text), Some(_)) => Some(NamedSource::new(&path, std::sync::Arc::clone(text))),
            _ => None,
        };
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
        let mut text = String::new();
        handler
            .render_report(&mut text, &rendered)
            .map_err(io::Error::other)?;
        out.write_all(text.as_bytes())?;
        writeln!(out)?;
    }
    Ok(())
}
