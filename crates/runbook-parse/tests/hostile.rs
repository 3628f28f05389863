//! Hostile inputs: deep nesting, huge files and lines, many headings, YAML
//! built to blow up. Parsing must return (no stack overflow, no hang) with
//! a sensible model. Timings are in the crate's `throughput` example, never
//! asserted here.
#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests unwrap and index known inputs"
)]

use std::fmt::Write as _;

use runbook_parse::front_matter::{FrontMatterErrorKind, Value};
use runbook_parse::{Document, ParseOptions, SectionKind, parse};

/// Parses on a thread with a small stack, so recursion on input depth in our
/// code (or pulldown-cmark's) shows up as an overflow here too.
fn parse_small_stack(text: String) -> Document {
    std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || parse("hostile.md", text.as_bytes(), &ParseOptions::default()).unwrap())
        .unwrap()
        .join()
        .unwrap()
}

#[test]
fn fifty_thousand_nested_blockquotes() {
    let d = parse_small_stack(format!("# T\n{}deep\n", "> ".repeat(50_000)));
    assert_eq!(d.headings.len(), 1);
    assert!(d.headings[0].has_direct_content);
    let prose: Vec<_> = d.prose.iter().map(|s| d.text(*s)).collect();
    assert_eq!(prose, ["T", "deep"]);
}

#[test]
fn fifty_thousand_nested_bullet_lists() {
    let d = parse_small_stack(format!("{}x\n", "- ".repeat(50_000)));
    assert!(d.steps.is_empty());
    assert_eq!(d.prose.len(), 1);
}

#[test]
fn fifty_thousand_nested_ordered_lists_are_one_step() {
    let text = format!("{}x\n\n   ```sh\n   ls\n   ```\n", "1. ".repeat(50_000));
    let d = parse_small_stack(text);
    // Nested ordered lists are sub-steps of the outermost one.
    assert_eq!(d.steps.len(), 1);
    assert_eq!(d.steps[0].number, 1);
    assert_eq!(d.code_blocks.len(), 1);
    assert_eq!(d.steps[0].code_blocks, [0]);
}

#[test]
fn thousands_of_indented_list_levels() {
    let mut text = String::new();
    for i in 0..3_000 {
        writeln!(text, "{}1. level {i}", "   ".repeat(i)).unwrap();
    }
    let d = parse_small_stack(text);
    assert!(!d.steps.is_empty());
    assert_eq!(d.steps[0].number, 1);
}

#[test]
fn twenty_megabyte_runbook() {
    let section = "## Steps\n\n1. Drain:\n\n   ```bash\n   kubectl drain n\n   ```\n2. See [docs](d.md).\n\n## Verify\n\n- [x] ok <!-- c -->\n\n";
    let mut text = String::from("---\ntitle: Big\n---\n# Big\n\n");
    let mut sections = 0;
    while text.len() < 20_000_000 {
        text.push_str(section);
        sections += 1;
    }
    let d = parse_small_stack(text);
    assert_eq!(d.title(), Some("Big"));
    assert_eq!(d.headings.len(), 1 + 2 * sections);
    assert_eq!(d.steps.len(), 2 * sections);
    assert_eq!(d.code_blocks.len(), sections);
    assert_eq!(d.links.len(), sections);
    assert_eq!(d.tasks.len(), sections);
    let last = d.headings.last().unwrap();
    assert_eq!(last.kind, SectionKind::Verification);
    assert_eq!(last.slug, format!("verify-{}", sections - 1));
    // Five lines of preamble, then 13 lines per section with `## Verify` on
    // the tenth: the last one is on line 5 + 13 * (sections - 1) + 10.
    assert_eq!(d.position(last.span.start).line, 13 * sections + 2);
}

#[test]
fn five_megabyte_line_without_newline() {
    let d = parse_small_stack("word ".repeat(1_000_000));
    assert_eq!(d.lines.line_count(), 1);
    assert_eq!(d.position(d.source.len()).column, 5_000_001);
    assert!(d.headings.is_empty());
}

#[test]
fn five_megabyte_heading_line() {
    let d = parse_small_stack(format!("## Rollback {}", "word ".repeat(1_000_000)));
    assert_eq!(d.headings.len(), 1);
    assert_eq!(d.headings[0].kind, SectionKind::Rollback);
    assert_eq!(d.headings[0].text.len(), 9 + 5_000_000 - 1);
}

#[test]
fn a_megabyte_of_link_and_emphasis_openers() {
    for unit in ["[", "<", "*a", "` ``", "![", "[a]("] {
        let d = parse_small_stack(unit.repeat(1_000_000 / unit.len()));
        assert!(d.headings.is_empty(), "{unit}");
        assert!(d.links.is_empty(), "{unit}");
    }
}

#[test]
fn a_hundred_thousand_headings() {
    let d = parse_small_stack("## Verify\n".repeat(100_000));
    assert_eq!(d.headings.len(), 100_000);
    assert_eq!(d.headings[99_999].slug, "verify-99999");
    assert!(d.headings.iter().all(|h| h.parent.is_none()));
    assert_eq!(d.section_at(d.source.len() - 1), Some(99_999));

    let mut nested = String::new();
    for i in 0..100_000 {
        writeln!(nested, "{} H{i}", "#".repeat(i % 6 + 1)).unwrap();
    }
    let d = parse_small_stack(nested);
    assert_eq!(d.headings.len(), 100_000);
    assert_eq!(d.headings[5].parent, Some(4));
    assert_eq!(d.headings[6].parent, None);
    assert_eq!(d.headings[0].content.end, d.headings[6].span.start);
}

#[test]
fn yaml_deeply_nested_flow_collections_are_refused() {
    for open in ["[", "{a: ", "[{a: "] {
        // As deep as fits in the front-matter size limit.
        let text = format!(
            "---\na: {}\n---\n# Body\n",
            open.repeat(120_000 / open.len())
        );
        let d = parse_small_stack(text);
        let err = d.front_matter.as_ref().unwrap().root.as_ref().unwrap_err();
        assert!(
            matches!(
                err.kind,
                FrontMatterErrorKind::TooDeep | FrontMatterErrorKind::Syntax
            ),
            "{open}: {err:?}"
        );
        assert_eq!(d.headings.len(), 1, "{open}");
    }
    // Just past the limit, and balanced, the error is about depth.
    let text = format!("---\na: {}{}\n---\n", "[".repeat(65), "]".repeat(65));
    let d = parse_small_stack(text);
    let err = d.front_matter.unwrap().root.unwrap_err();
    assert_eq!(err.kind, FrontMatterErrorKind::TooDeep);
}

#[test]
fn toml_deeply_nested_arrays_are_refused() {
    let text = format!("+++\na = {}\n+++\n# Body\n", "[".repeat(100_000));
    let d = parse_small_stack(text);
    let err = d.front_matter.as_ref().unwrap().root.as_ref().unwrap_err();
    assert_eq!(err.kind, FrontMatterErrorKind::TooDeep);
}

#[test]
fn yaml_with_a_thousand_anchors() {
    let mut text = String::from("---\n");
    for i in 0..1_000 {
        writeln!(text, "k{i}: &a{i} [x, {i}]").unwrap();
    }
    for i in 0..1_000 {
        writeln!(text, "r{i}: *a{i}").unwrap();
    }
    text.push_str("---\n");
    let d = parse_small_stack(text);
    let fm = d.front_matter.as_ref().unwrap();
    assert_eq!(fm.entries().len(), 2_000);
    let copy = fm.get("r999").unwrap();
    let items: Vec<_> = copy
        .as_sequence()
        .unwrap()
        .iter()
        .map(|n| &n.value)
        .collect();
    assert_eq!(
        items,
        [&Value::String("x".to_owned()), &Value::Integer(999)]
    );
    // An alias copy points at the alias, not at the anchored original.
    assert_eq!(d.text(copy.span), "*a999");
}

#[test]
fn oversized_front_matter_is_refused_without_parsing() {
    let text = format!("---\n{}---\n# T\n", "k: v\n".repeat(40_000));
    let d = parse_small_stack(text);
    let err = d.front_matter.as_ref().unwrap().root.as_ref().unwrap_err();
    assert_eq!(err.kind, FrontMatterErrorKind::TooLarge);
    assert_eq!(d.headings.len(), 1);
}

#[test]
fn long_flow_line_front_matter_hits_the_node_limit() {
    let text = format!("---\na: [{}]\n---\n", "é, ".repeat(30_000));
    let d = parse_small_stack(text);
    let err = d.front_matter.as_ref().unwrap().root.as_ref().unwrap_err();
    assert_eq!(err.kind, FrontMatterErrorKind::TooManyNodes);
    assert_eq!(d.position(err.span.start).line, 2);
}
