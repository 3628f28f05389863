//! `human`: miette graphical diagnostics with the source snippet, a label,
//! the rule id and the help text.

use std::io::{self, Write};

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};
use runbook_lint::Severity;

use crate::run::{FileOutcome, Finding};

/// Width the report wraps at; fixed so output does not depend on the terminal.
const WIDTH: usize = 100;

/// One finding as a miette diagnostic.
#[derive(Debug)]
struct Rendered<'a> {
    finding: &'a Finding,
    source: Option<NamedSource<std::sync::Arc<str>>>,
    location: String,
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
        let span = SourceSpan::new(span.start.into(), span.end.saturating_sub(span.start));
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(
            Some(self.finding.rule.to_owned()),
            span,
        ))))
    }
}

/// Writes every finding as a graphical report.
pub fn render(files: &[FileOutcome], color: bool, out: &mut dyn Write) -> io::Result<()> {
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
        let source = match (&file.source, finding.span) {
            (Some(text), Some(_)) => Some(NamedSource::new(&path, std::sync::Arc::clone(text))),
            _ => None,
        };
        let rendered = Rendered {
            finding,
            source,
            location,
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
