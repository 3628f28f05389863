//! `concise`: `path:line:col: severity[rule] message`, for editors and grep.

use std::io::{self, Write};

use crate::run::Linted;

/// Writes one line per finding.
pub fn render(files: &[&Linted], out: &mut dyn Write) -> io::Result<()> {
    for (file, f) in super::findings(files) {
        writeln!(
            out,
            "{}:{}:{}: {}[{}] {}",
            super::display_path(file),
            f.start.line,
            f.start.column,
            f.severity,
            f.rule,
            f.message
        )?;
    }
    Ok(())
}
