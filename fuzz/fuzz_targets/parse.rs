//! Feeds arbitrary bytes to `runbook_parse::parse` and checks the model's
//! spans stay inside the source, on character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use runbook_parse::{ParseOptions, Span, parse};

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = parse("fuzz.md", data, &ParseOptions::default()) else {
        return;
    };
    let inside = |span: Span| {
        span.start <= span.end
            && span.end <= doc.source.len()
            && doc.source.is_char_boundary(span.start)
            && doc.source.is_char_boundary(span.end)
    };
    let mut spans = vec![doc.body];
    for h in &doc.headings {
        spans.extend([h.span, h.content]);
        if let Some(p) = h.parent {
            assert!(doc.headings[p].content.contains(h.content));
        }
    }
    for c in &doc.code_blocks {
        spans.extend([c.span, c.content]);
    }
    spans.extend(doc.steps.iter().map(|s| s.span));
    spans.extend(doc.links.iter().map(|l| l.span));
    spans.extend(doc.tasks.iter().map(|t| t.span));
    spans.extend(doc.html.iter().map(|h| h.span));
    spans.extend(doc.inline_code.iter().map(|c| c.span));
    spans.extend(doc.prose.iter().copied());
    if let Some(fm) = &doc.front_matter {
        spans.extend([fm.span, fm.content]);
        for e in fm.entries() {
            spans.extend([e.key_span, e.value.span]);
        }
    }
    for span in spans {
        assert!(inside(span), "{span:?} outside {} bytes", doc.source.len());
        let p = doc.position(span.end);
        assert!(p.line <= doc.lines.line_count());
    }
});
