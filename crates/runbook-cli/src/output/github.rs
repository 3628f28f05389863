//! `github`: GitHub Actions workflow commands, which become annotations.

use std::io::{self, Write};

use runbook_lint::Severity;

use crate::run::Linted;

/// Writes one `::error …::message` or `::warning …::message` line per finding.
pub fn render(files: &[&Linted], out: &mut dyn Write) -> io::Result<()> {
    for (file, f) in super::findings(files) {
        let command = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(
            out,
            "::{command} file={},line={},endLine={},col={},endColumn={},title={}::{}",
            escape_property(&super::display_path(file)),
            f.start.line,
            f.end.line,
            f.start.column,
            f.end.column,
            escape_property(f.rule),
            escape_data(&f.message),
        )?;
    }
    Ok(())
}

/// Escapes a message as the runner expects (`%`, CR and LF).
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value: data escapes plus `:` and `,`.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_follow_the_runner() {
        assert_eq!(escape_data("50%\r\nok"), "50%25%0D%0Aok");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
