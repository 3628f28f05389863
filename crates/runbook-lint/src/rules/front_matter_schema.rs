//! `front-matter-schema`: a value breaks `schemas/runbook.schema.json`.

use jsonschema::error::ValidationErrorKind;
use runbook_parse::Span;

use crate::diagnostic::Severity;
use crate::rule::{Category, Context, Rule, RuleMeta};

crate::declare_rule! {
    /// ## What it checks
    /// Front-matter that breaks `schemas/runbook.schema.json`: a required key
    /// is missing (`title`, `service`, `owners` and `last_reviewed` under
    /// the strict preset; `title` under `alert`), a value has the wrong type
    /// (`owners: alice` instead of a list), a value is not one of the
    /// allowed ones (`severity: urgent`), or `last_reviewed` is not a real
    /// calendar date (`2026-02-30`). The finding points at the key.
    ///
    /// `severity` accepts, in any case, the vocabularies teams write:
    /// SEV0–SEV5, S0–S5, P0–P5, critical/high/medium/low/info, `warning`
    /// and page/ticket; `[severity] levels` in `runbook.toml` restricts it
    /// to a team's own list, and a value outside it gets a did-you-mean.
    ///
    /// ## Why it matters
    /// The index, the published site and the ownership report read these
    /// keys. A wrong shape silently drops the runbook from them.
    ///
    /// ## Example
    /// ```markdown
    /// ---
    /// title: Restart the cluster
    /// service: payments-db
    /// owners: alice@example.com
    /// last_reviewed: 2026-02-30
    /// ---
    /// ```
    ///
    /// ## How to fix
    /// Give the key the shape the help describes, for example
    /// `owners: [alice@example.com, bob@example.com]` and
    /// `last_reviewed: 2026-02-28`.
    pub FrontMatterSchema, "front-matter-schema", Severity::Error, Category::FrontMatter
}

impl Rule for FrontMatterSchema {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let (Some(fm), Some(validator)) = (&cx.doc.front_matter, &cx.compiled.schema) else {
            return;
        };
        let Ok(root) = &fm.root else {
            return;
        };
        let opening = Span::new(
            fm.span.start,
            fm.span.start + cx.doc.text(fm.span).find('\n').unwrap_or(3),
        );
        check_severity(cx);
        let instance = root.to_json();
        // Most front-matter is valid, and `is_valid` stops at the first
        // failure without building error values.
        if validator.is_valid(&instance) {
            return;
        }
        let mut found = Vec::new();
        for error in validator.iter_errors(&instance) {
            let pointer = error.instance_path().as_str().to_owned();
            let in_contact = pointer.starts_with("/contacts/");
            // A contact without any channel is `contact-unreachable`'s finding.
            if in_contact && matches!(error.kind(), ValidationErrorKind::AnyOf { .. }) {
                continue;
            }
            let top = pointer.split('/').nth(1).unwrap_or("").to_owned();
            let (span, message, key) =
                if let ValidationErrorKind::Required { property } = error.kind() {
                    let property = property.as_str().unwrap_or("").to_owned();
                    let span = if pointer.is_empty() {
                        opening
                    } else {
                        root.pointer(&pointer).map_or(opening, |n| n.span)
                    };
                    let where_ = if pointer.is_empty() {
                        String::new()
                    } else {
                        format!(" in `{}`", pointer.trim_start_matches('/'))
                    };
                    (
                        span,
                        format!("required key `{property}` is missing{where_}"),
                        property,
                    )
                } else {
                    let span = root
                        .pointer_entry(&pointer)
                        .map(|e| Span::new(e.key_span.start, e.value.span.end.max(e.key_span.end)))
                        .or_else(|| root.pointer(&pointer).map(|n| n.span))
                        .unwrap_or(opening);
                    let name = pointer.trim_start_matches('/');
                    let message = match error.kind() {
                        // The review policy's format: say what it means.
                        ValidationErrorKind::Format { format } if format == "review-date" => {
                            format!("`{name}`: {} is not a real calendar date", error.instance())
                        }
                        _ => format!("`{name}`: {error}"),
                    };
                    (span, message, top)
                };
            found.push((span, message, key));
        }
        for (span, message, key) in found {
            let d = cx.report(span, message);
            if let Some(shape) = crate::schema::expected_shape(&key) {
                d.help = Some(format!("`{key}` must be {shape}"));
            }
        }
    }
}

/// Reports a `severity` the configured scale does not know. The schema
/// checks only that it is a string: the vocabulary is configurable, so it
/// is the one severity policy (`runbook_parse::severity`) that decides.
fn check_severity(cx: &mut Context<'_>) {
    let Some(severity) = &cx.doc.metadata.severity else {
        return;
    };
    let scale = &cx.config.severity;
    if scale.rank(&severity.value).is_some() {
        return;
    }
    let lower = severity.value.trim().to_lowercase();
    let suggestion = crate::suggest::closest(&lower, scale.names());
    let span = cx
        .doc
        .front_matter
        .as_ref()
        .and_then(|fm| fm.entry("severity"))
        .map_or(severity.span, |e| {
            Span::new(e.key_span.start, e.value.span.end.max(e.key_span.end))
        });
    let message = format!(
        "`severity`: `{}` is not a severity level{}",
        severity.value,
        crate::suggest::hint(suggestion)
    );
    let origin = if scale.levels().is_some() {
        " (`[severity] levels` in runbook.toml)"
    } else {
        ""
    };
    cx.report(span, message).help = Some(format!(
        "`severity` must be one of {}{origin}",
        scale.describe()
    ));
}
