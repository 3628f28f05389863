//! Suppression comments: `<!-- runbook-lint-disable RULE -->` and friends.

use runbook_parse::{Document, Span};

use crate::diagnostic::{Diagnostic, Location};

/// What a suppression comment does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SuppressionKind {
    /// `runbook-lint-disable`: from here until a matching enable.
    Disable,
    /// `runbook-lint-enable`: ends a disable.
    Enable,
    /// `runbook-lint-disable-next-line`: the line after the comment.
    DisableNextLine,
    /// `runbook-lint-disable-file`: the whole file, file-level findings included.
    DisableFile,
}

/// One parsed suppression comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    /// Which directive.
    pub kind: SuppressionKind,
    /// The rule ids named; empty means every rule.
    pub rules: Vec<String>,
    /// The comment.
    pub location: Location,
    /// The last line the comment is on.
    pub end_line: usize,
}

/// Finds suppression comments in a document's raw HTML.
pub(crate) fn parse(doc: &Document) -> Vec<Suppression> {
    let mut out = Vec::new();
    for html in &doc.html {
        let text = doc.text(html.span);
        let mut pos = 0;
        while let Some(start) = text
            .get(pos..)
            .and_then(|t| t.find("<!--"))
            .map(|i| pos + i)
        {
            let body_start = start + 4;
            let Some(end) = text
                .get(body_start..)
                .and_then(|t| t.find("-->"))
                .map(|i| body_start + i)
            else {
                break;
            };
            pos = end + 3;
            let body = text.get(body_start..end).unwrap_or("").trim();
            let Some(rest) = body.strip_prefix("runbook-lint-") else {
                continue;
            };
            let (directive, rules) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
            let kind = match directive {
                "disable" => SuppressionKind::Disable,
                "enable" => SuppressionKind::Enable,
                "disable-next-line" => SuppressionKind::DisableNextLine,
                "disable-file" => SuppressionKind::DisableFile,
                _ => continue,
            };
            let span = Span::new(html.span.start + start, html.span.start + pos);
            let location = Location::new(doc, span);
            // The end position is exclusive; `-->` ends on the line before it
            // when the end sits at column 1 of the next line.
            let end_line = doc.position(span.end.saturating_sub(1)).line;
            out.push(Suppression {
                kind,
                rules: rules
                    .split(|c: char| c.is_whitespace() || c == ',')
                    .filter(|r| !r.is_empty())
                    .map(str::to_owned)
                    .collect(),
                location,
                end_line,
            });
        }
    }
    out
}

impl Suppression {
    fn names(&self, rule: &str) -> bool {
        self.rules.is_empty() || self.rules.iter().any(|r| r == rule)
    }
}

/// The index of the suppression that silences `d`, if any.
pub(crate) fn suppressing(suppressions: &[Suppression], d: &Diagnostic) -> Option<usize> {
    let file = suppressions
        .iter()
        .position(|s| s.kind == SuppressionKind::DisableFile && s.names(d.rule));
    if file.is_some() {
        return file;
    }
    let line = d.location.start.line;
    let next_line = suppressions.iter().position(|s| {
        s.kind == SuppressionKind::DisableNextLine && s.end_line + 1 == line && s.names(d.rule)
    });
    if next_line.is_some() {
        return next_line;
    }
    // The last disable/enable naming the rule before the finding decides.
    suppressions
        .iter()
        .enumerate()
        .filter(|(_, s)| matches!(s.kind, SuppressionKind::Disable | SuppressionKind::Enable))
        .rfind(|(_, s)| s.location.span.end <= d.location.span.start && s.names(d.rule))
        .filter(|(_, s)| s.kind == SuppressionKind::Disable)
        .map(|(i, _)| i)
}
