//! Property tests: whatever the input, parsing never panics and every span
//! of the model lies inside the source, on character boundaries.
#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests unwrap and index generated inputs"
)]

use proptest::prelude::*;
use runbook_parse::front_matter::{Node, Value};
use runbook_parse::{Document, ParseOptions, Span, parse, parse_str};

/// Every span the model exposes, with a label for failure messages.
fn all_spans(d: &Document) -> Vec<(&'static str, Span)> {
    let mut spans = vec![("body", d.body)];
    for h in &d.headings {
        spans.push(("heading", h.span));
        spans.push(("heading content", h.content));
    }
    spans.extend(d.steps.iter().map(|s| ("step", s.span)));
    for c in &d.code_blocks {
        spans.push(("code", c.span));
        spans.push(("code content", c.content));
    }
    spans.extend(d.inline_code.iter().map(|c| ("inline code", c.span)));
    spans.extend(d.links.iter().map(|l| ("link", l.span)));
    spans.extend(d.tasks.iter().map(|t| ("task", t.span)));
    spans.extend(d.html.iter().map(|h| ("html", h.span)));
    spans.extend(d.prose.iter().map(|p| ("prose", *p)));
    if let Some(fm) = &d.front_matter {
        spans.push(("front-matter", fm.span));
        spans.push(("front-matter content", fm.content));
        match &fm.root {
            Ok(root) => node_spans(root, &mut spans),
            Err(e) => spans.push(("front-matter error", e.span)),
        }
    }
    let m = &d.metadata;
    for s in [
        &m.title,
        &m.service,
        &m.last_reviewed,
        &m.severity,
        &m.status,
        &m.id,
    ]
    .into_iter()
    .flatten()
    {
        spans.push(("metadata", s.span));
    }
    for list in [&m.owners, &m.tags, &m.alerts, &m.related] {
        spans.extend(list.iter().map(|s| ("metadata list", s.span)));
    }
    spans.extend(m.contacts.iter().map(|c| ("contact", c.span)));
    spans
}

/// The spans of a front-matter tree; its depth is bounded by `MAX_DEPTH`.
fn node_spans(node: &Node, spans: &mut Vec<(&'static str, Span)>) {
    spans.push(("node", node.span));
    match &node.value {
        Value::Sequence(items) => items.iter().for_each(|n| node_spans(n, spans)),
        Value::Mapping(entries) => {
            for e in entries {
                spans.push(("key", e.key_span));
                node_spans(&e.value, spans);
            }
        }
        _ => {}
    }
}

/// The invariants every parsed document keeps.
fn check(d: &Document) -> Result<(), TestCaseError> {
    let len = d.source.len();
    let lines = d.lines.line_count();
    for (what, span) in all_spans(d) {
        prop_assert!(span.start <= span.end, "{what} {span:?} inverted");
        prop_assert!(span.end <= len, "{what} {span:?} past {len}");
        prop_assert!(d.source.is_char_boundary(span.start), "{what} {span:?}");
        prop_assert!(d.source.is_char_boundary(span.end), "{what} {span:?}");
        for offset in [span.start, span.end] {
            let p = d.position(offset);
            prop_assert!(p.line >= 1 && p.line <= lines, "{what} {p:?}");
            prop_assert!(p.column >= 1, "{what} {p:?}");
            // Positions translate back to the same offset.
            let back = d.lines.offset(&d.source, p.line, p.column - 1);
            prop_assert_eq!(back, offset, "{} {:?}", what, p);
        }
    }
    check_heading_tree(d)
}

/// Heading sections nest: a child's heading and content lie in its parent's
/// content, and a section starts where its heading ends.
fn check_heading_tree(d: &Document) -> Result<(), TestCaseError> {
    for (i, h) in d.headings.iter().enumerate() {
        prop_assert!((1..=6).contains(&h.level));
        prop_assert!(h.content.start >= h.span.end, "heading {i}");
        prop_assert!(d.body.contains(h.span) && d.body.contains(h.content));
        if let Some(p) = h.parent {
            prop_assert!(p < i, "parent {p} of {i}");
            let parent = &d.headings[p];
            prop_assert!(parent.level < h.level);
            prop_assert!(parent.content.contains(h.span), "heading {i}");
            prop_assert!(parent.content.contains(h.content), "heading {i}");
        }
        if let Some(next) = d.headings.get(i + 1) {
            prop_assert!(next.span.start >= h.span.end, "headings overlap");
            if next.level <= h.level {
                prop_assert!(h.content.end <= next.span.start, "heading {i}");
            }
        }
    }
    let mut slugs: Vec<_> = d.headings.iter().map(|h| h.slug.as_str()).collect();
    slugs.sort_unstable();
    let before = slugs.len();
    slugs.dedup();
    // Explicit `{#id}` anchors are taken as written and may repeat.
    if d.headings.iter().all(|h| h.id.is_none()) {
        prop_assert_eq!(before, slugs.len(), "duplicate slugs");
    }
    Ok(())
}

/// Pieces runbooks are made of, chosen to hit the parser's edge cases.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\n".to_owned()),
        Just("\r\n".to_owned()),
        Just("\n\n".to_owned()),
        Just("# ".to_owned()),
        Just("## Rollback".to_owned()),
        Just("### Verify".to_owned()),
        Just("####### x".to_owned()),
        Just("{#anchor}".to_owned()),
        Just("===".to_owned()),
        Just("---".to_owned()),
        Just("+++".to_owned()),
        Just("...".to_owned()),
        Just("```".to_owned()),
        Just("```bash title=\"x\"".to_owned()),
        Just("~~~".to_owned()),
        Just("    ".to_owned()),
        Just("> ".to_owned()),
        Just("1. ".to_owned()),
        Just("3) ".to_owned()),
        Just("- ".to_owned()),
        Just("- [ ] ".to_owned()),
        Just("- [x] ".to_owned()),
        Just("title: x".to_owned()),
        Just("a: &a [1, *a]".to_owned()),
        Just("owners = [\"a\"]".to_owned()),
        Just("[[contacts]]".to_owned()),
        Just("[link](../x.md#y)".to_owned()),
        Just("![img](i.png)".to_owned()),
        Just("<https://example.com>".to_owned()),
        Just("[ref]: https://r".to_owned()),
        Just("`code`".to_owned()),
        Just("*em*".to_owned()),
        Just("<!-- note -->".to_owned()),
        Just("<!--".to_owned()),
        Just("<div>".to_owned()),
        Just("| a | b |\n|---|---|".to_owned()),
        Just("[^1]".to_owned()),
        Just("é".to_owned()),
        Just("🚀".to_owned()),
        Just("中文".to_owned()),
        Just("\u{feff}".to_owned()),
        Just("\t".to_owned()),
        Just("\\".to_owned()),
        "[a-zA-Z ]{0,10}",
        any::<char>().prop_map(String::from),
    ]
}

fn markdownish() -> impl Strategy<Value = String> {
    let prefix = prop_oneof![
        Just(String::new()),
        Just("\u{feff}".to_owned()),
        Just("---\n".to_owned()),
        Just("---\r\n".to_owned()),
        Just("+++\n".to_owned()),
        Just("\u{feff}---\ntitle: T\n---\n".to_owned()),
    ];
    (prefix, prop::collection::vec(piece(), 0..40)).prop_map(|(p, pieces)| p + &pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        match parse("p.md", &bytes, &ParseOptions::default()) {
            Ok(d) => check(&d)?,
            Err(e) => {
                let lines = bytes.split(|&b| b == b'\n').count();
                prop_assert!(e.line() >= 1 && e.line() <= lines, "{e}");
                prop_assert!(e.column() >= 1, "{e}");
            }
        }
    }

    #[test]
    fn arbitrary_text_keeps_spans_inside(text in any::<String>()) {
        check(&parse_str("p.md", &text, &ParseOptions::default()))?;
    }

    #[test]
    fn markdownish_text_keeps_spans_inside(text in markdownish()) {
        let d = parse_str("p.md", &text, &ParseOptions::default());
        check(&d)?;
        // The bytes API agrees with the text API on valid text.
        let from_bytes = parse("p.md", text.as_bytes(), &ParseOptions::default());
        if !text.contains('\0') {
            let from_bytes = from_bytes.unwrap();
            prop_assert_eq!(&from_bytes.headings, &d.headings);
            prop_assert_eq!(&from_bytes.source, &d.source);
        }
    }
}
