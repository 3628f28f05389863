//! The parser cases the design asks for, each checked at the public API.
#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "tests unwrap and index known inputs"
)]

use std::fmt::Write as _;

use runbook_parse::front_matter::{FrontMatterErrorKind, FrontMatterFormat, Value};
use runbook_parse::{
    Document, LinkKind, ParseError, ParseOptions, Position, SectionAliases, SectionKind, parse,
    parse_str,
};

fn doc(text: &str) -> Document {
    parse_str("t.md", text, &ParseOptions::default())
}

fn pos(line: usize, column: usize) -> Position {
    Position { line, column }
}

/// `(level, text)` of every heading.
fn headings(d: &Document) -> Vec<(u8, &str)> {
    d.headings
        .iter()
        .map(|h| (h.level, h.text.as_str()))
        .collect()
}

// --- Section aliases -------------------------------------------------------

#[test]
fn every_alias_the_design_lists_is_recognised() {
    let table: &[(SectionKind, &[&str])] = &[
        (
            SectionKind::Prerequisites,
            &[
                "Prerequisites",
                "Pre-requisites",
                "Requirements",
                "Before you begin",
                "Before you start",
                "Pre-checks",
                "Preconditions",
            ],
        ),
        (
            SectionKind::Steps,
            &[
                "Steps",
                "Procedure",
                "Mitigation",
                "Remediation",
                "Resolution",
                "Instructions",
                "Runbook",
            ],
        ),
        (
            SectionKind::Rollback,
            &[
                "Rollback",
                "Roll back",
                "Back out",
                "Back-out",
                "Backout",
                "Revert",
                "Undo",
            ],
        ),
        (
            SectionKind::Verification,
            &[
                "Verification",
                "Verify",
                "Validation",
                "Post-checks",
                "Confirm",
                "Health check",
            ],
        ),
        (
            SectionKind::Contacts,
            &[
                "Contacts",
                "Escalation",
                "Escalations",
                "Owners",
                "Who to contact",
                "Support",
            ],
        ),
    ];
    let aliases = SectionAliases::default();
    for (kind, names) in table {
        for name in *names {
            assert_eq!(aliases.classify(name), *kind, "{name}");
            // Case, trailing punctuation and filler words do not matter.
            assert_eq!(aliases.classify(&name.to_uppercase()), *kind, "{name}");
            assert_eq!(aliases.classify(&format!("{name}:")), *kind, "{name}:");
            assert_eq!(aliases.classify(&format!("{name} plan")), *kind, "{name}");
            assert_eq!(
                aliases.classify(&format!("{name} procedure")),
                *kind,
                "{name}"
            );
        }
    }
}

#[test]
fn back_out_plan_and_before_you_begin_in_a_document() {
    let d = doc("# Restart\n## Before you begin\nx\n## Back-out plan\ny\n## Notes\n");
    let kinds: Vec<_> = d.headings.iter().map(|h| h.kind).collect();
    assert_eq!(
        kinds,
        [
            SectionKind::Other,
            SectionKind::Prerequisites,
            SectionKind::Rollback,
            SectionKind::Other
        ]
    );
    assert!(d.has_section(SectionKind::Rollback));
    assert_eq!(
        d.sections(SectionKind::Prerequisites).next().unwrap().slug,
        "before-you-begin"
    );
}

#[test]
fn every_default_entry_classifies_as_its_own_kind() {
    let aliases = SectionAliases::default();
    let entries = aliases.entries();
    assert!(entries.len() > 100, "only {} aliases", entries.len());
    for (kind, alias) in entries {
        assert_eq!(aliases.classify(alias), kind, "{alias}");
    }
}

#[test]
fn corpus_alert_runbook_sections_are_recognised() {
    // Headings of the prometheus-operator runbooks (notes/corpus-conventions.md).
    let aliases = SectionAliases::default();
    let cases = [
        ("Meaning", SectionKind::Meaning),
        ("Impact", SectionKind::Impact),
        ("Diagnosis", SectionKind::Diagnosis),
        ("Mitigation", SectionKind::Steps),
        ("CLI checks", SectionKind::Diagnosis),
        ("PromQL queries", SectionKind::Diagnosis),
        (
            "PromQL queries used to troubleshoot",
            SectionKind::Diagnosis,
        ),
        ("What does this alert mean?", SectionKind::Meaning),
        ("Customer impact", SectionKind::Impact),
        ("Consequences", SectionKind::Impact),
        ("Troubleshooting", SectionKind::Diagnosis),
        ("Failback", SectionKind::Rollback),
        ("Pre-flight checks", SectionKind::Prerequisites),
        ("Confirm recovery", SectionKind::Verification),
        ("Health checks", SectionKind::Verification),
        ("Smoke tests", SectionKind::Verification),
        ("On-call", SectionKind::Contacts),
        ("Who to call", SectionKind::Contacts),
        ("Actions", SectionKind::Steps),
        ("Workaround", SectionKind::Steps),
    ];
    for (heading, kind) in cases {
        assert_eq!(aliases.classify(heading), kind, "{heading}");
    }
}

#[test]
fn common_non_section_headings_stay_other() {
    let aliases = SectionAliases::default();
    for heading in [
        "Disaster and recovery",
        "Slow disk",
        "Fragmented state",
        "General etcd health",
        "Capacity planning",
        "Data retention",
        "Background",
        "Supported versions",
        "Critical",
        "Warning",
        "Defrag",
        "Example queries for slow requests",
        "Notes",
        "References",
        "Architecture",
    ] {
        assert_eq!(aliases.classify(heading), SectionKind::Other, "{heading}");
    }
}

#[test]
fn titles_are_not_sections_by_their_first_words() {
    let d = doc("# Roll back a bad deploy\n## Roll back the deploy\n# Rollback\n");
    let kinds: Vec<_> = d.headings.iter().map(|h| h.kind).collect();
    assert_eq!(
        kinds,
        [
            SectionKind::Other,
            SectionKind::Rollback,
            SectionKind::Rollback
        ]
    );
}

#[test]
fn configured_aliases_apply_to_documents() {
    let mut options = ParseOptions::default();
    options.aliases.add(SectionKind::Rollback, "Plan B");
    let d = parse_str("t.md", "## Plan B\n", &options);
    assert_eq!(d.headings[0].kind, SectionKind::Rollback);
}

// --- Setext headings and thematic breaks -----------------------------------

#[test]
fn setext_heading_versus_thematic_break() {
    let d = doc("# T\n\nRollback\n---\nundo it\n\n***\n\ntext\n\n---\nafter\n");
    assert_eq!(headings(&d), [(1, "T"), (2, "Rollback")]);
    let rollback = &d.headings[1];
    assert_eq!(rollback.kind, SectionKind::Rollback);
    assert_eq!(d.text(rollback.span), "Rollback\n---\n");
    assert_eq!(d.position(rollback.span.start), pos(3, 1));
    assert_eq!(d.headings[1].slug, "rollback");
}

#[test]
fn setext_level_one_heading() {
    let d = doc("Restart the cluster\n===\nbody\n");
    assert_eq!(headings(&d), [(1, "Restart the cluster")]);
    assert_eq!(d.title(), Some("Restart the cluster"));
}

#[test]
fn front_matter_delimiters_later_in_the_file_are_markdown() {
    let text = "# T\n\n---\ntitle: not front matter\n---\n";
    let d = doc(text);
    assert!(d.front_matter.is_none());
    assert_eq!(d.body.start, 0);
    // The first `---` is a thematic break, the second underlines a heading.
    assert_eq!(headings(&d), [(1, "T"), (2, "title: not front matter")]);
    assert_eq!(d.title(), Some("T"));
}

#[test]
fn blank_line_before_front_matter_means_no_front_matter() {
    let d = doc("\n---\ntitle: x\n---\n");
    assert!(d.front_matter.is_none());
    assert_eq!(headings(&d), [(2, "title: x")]);
}

// --- Code blocks are never headings ----------------------------------------

#[test]
fn text_in_fenced_and_indented_code_is_never_a_heading() {
    let text = "# Real\n\n```sh\n# not a heading\n```\n\n~~~\n## nor this\nSetext\n---\n~~~\n\n    # indented code\n\n## After\n";
    let d = doc(text);
    assert_eq!(headings(&d), [(1, "Real"), (2, "After")]);
    let texts: Vec<_> = d.code_blocks.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "# not a heading\n",
            "## nor this\nSetext\n---\n",
            "# indented code\n"
        ]
    );
    assert!(d.code_blocks.iter().all(|c| c.section == Some(0)));
}

#[test]
fn unclosed_fence_swallows_the_rest() {
    let d = doc("# T\n```shell\nls\n## Mitigation\nTODO\n");
    assert_eq!(headings(&d), [(1, "T")]);
    assert_eq!(d.code_blocks[0].text, "ls\n## Mitigation\nTODO\n");
    assert_eq!(d.code_blocks[0].span.end, d.source.len());
}

// --- CRLF, BOM and multi-byte text -----------------------------------------

#[test]
fn crlf_positions_and_content_spans() {
    let text = "---\r\ntitle: Fail over\r\nowners: [dba]\r\n---\r\n# Fail over\r\n\r\n## Steps\r\n1. Promote\r\n\r\n## Verify\r\nok\r\n";
    let d = doc(text);
    let title = d.metadata.title.as_ref().unwrap();
    assert_eq!(title.value, "Fail over");
    assert_eq!(d.text(title.span), "Fail over");
    assert_eq!(d.position(title.span.start), pos(2, 8));
    let owners = &d.metadata.owners;
    assert_eq!(d.position(owners[0].span.start), pos(3, 10));
    assert_eq!(
        headings(&d),
        [(1, "Fail over"), (2, "Steps"), (2, "Verify")]
    );
    let steps = &d.headings[1];
    assert_eq!(d.position(steps.span.start), pos(7, 1));
    assert_eq!(d.text(steps.content), "1. Promote\r\n\r\n");
    assert_eq!(d.text(d.headings[2].content), "ok\r\n");
    assert_eq!(d.position(d.steps[0].span.start), pos(8, 1));
    assert_eq!(d.lines.line_text(&d.source, 8), "1. Promote");
}

#[test]
fn bom_is_dropped_without_shifting_positions() {
    let text = "\u{feff}---\ntitle: T\n---\n# Heading\n";
    let d = parse("t.md", text.as_bytes(), &ParseOptions::default()).unwrap();
    assert!(!d.source.starts_with('\u{feff}'));
    let fm = d.front_matter.as_ref().unwrap();
    assert_eq!(fm.format, FrontMatterFormat::Yaml);
    assert_eq!(d.title(), Some("T"));
    let title = d.metadata.title.as_ref().unwrap();
    assert_eq!(d.position(title.span.start), pos(2, 8));
    assert_eq!(d.position(d.headings[0].span.start), pos(4, 1));
}

#[test]
fn bom_before_toml_front_matter() {
    let d = doc("\u{feff}+++\ntitle = \"T\"\n+++\n");
    assert_eq!(
        d.front_matter.as_ref().unwrap().format,
        FrontMatterFormat::Toml
    );
    assert_eq!(d.title(), Some("T"));
}

#[test]
fn columns_count_characters_in_multi_byte_text() {
    let text = "# Café 🚀 中文 [x](y.md)\n\nπ `z`\n";
    let d = doc(text);
    assert_eq!(d.headings[0].text, "Café 🚀 中文 x");
    assert_eq!(d.headings[0].slug, "café--中文-x");
    // `#`, space, C a f é, space, 🚀, space, 中 文, space: the link is column 13.
    assert_eq!(d.position(d.links[0].span.start), pos(1, 13));
    assert_eq!(d.position(d.links[0].span.end), pos(1, 22));
    assert_eq!(d.position(d.inline_code[0].span.start), pos(3, 3));
}

// --- Front-matter ----------------------------------------------------------

#[test]
fn toml_front_matter_with_dates_and_arrays_of_tables() {
    let text = "+++\ntitle = \"Rotate TLS\"\nlast_reviewed = 2026-10-12\nupdated = 2026-10-12T08:30:00Z\nowners = [\"sre\", \"security\"]\n\n[[contacts]]\nname = \"SRE\"\nslack = \"#sre\"\n\n[[contacts]]\nname = \"Security\"\nemail = \"sec@example.com\"\n+++\n# Rotate\n";
    let d = doc(text);
    let fm = d.front_matter.as_ref().unwrap();
    assert_eq!(fm.format, FrontMatterFormat::Toml);
    let root = fm.root.as_ref().unwrap();
    assert_eq!(
        root.get("updated").unwrap().value,
        Value::String("2026-10-12T08:30:00Z".to_owned())
    );
    let reviewed = d.metadata.last_reviewed.as_ref().unwrap();
    assert_eq!(reviewed.value, "2026-10-12");
    assert_eq!(d.position(reviewed.span.start), pos(3, 17));
    let owners: Vec<_> = d.metadata.owners.iter().map(|o| o.value.as_str()).collect();
    assert_eq!(owners, ["sre", "security"]);
    let contacts = &d.metadata.contacts;
    assert_eq!(contacts.len(), 2);
    assert_eq!(contacts[0].name.as_deref(), Some("SRE"));
    assert_eq!(contacts[0].slack.as_deref(), Some("#sre"));
    assert_eq!(contacts[1].email.as_deref(), Some("sec@example.com"));
    assert!(contacts.iter().all(runbook_parse::Contact::is_reachable));
    let entry = fm.entry("last_reviewed").unwrap();
    assert_eq!(d.text(entry.key_span), "last_reviewed");
    assert_eq!(headings(&d), [(1, "Rotate")]);
}

#[test]
fn yaml_alias_bomb_fails_fast_and_the_body_survives() {
    let mut yaml = String::from("---\na: &a [x, x, x, x, x, x, x, x, x]\n");
    let mut prev = 'a';
    for name in 'b'..='z' {
        let refs = vec![format!("*{prev}"); 9].join(", ");
        writeln!(yaml, "{name}: &{name} [{refs}]").unwrap();
        prev = name;
    }
    yaml.push_str("---\n# Still parsed\n## Rollback\n");
    let d = doc(&yaml);
    let err = d.front_matter.as_ref().unwrap().root.as_ref().unwrap_err();
    assert_eq!(err.kind, FrontMatterErrorKind::TooManyNodes);
    assert_eq!(d.metadata, runbook_parse::Metadata::default());
    assert_eq!(headings(&d), [(1, "Still parsed"), (2, "Rollback")]);
}

#[test]
fn yaml_syntax_error_points_at_its_line() {
    let d = doc("---\ntitle: ok\nowners: [a, b\nservice: x\n---\n# T\n");
    let err = d.front_matter.as_ref().unwrap().root.as_ref().unwrap_err();
    assert_eq!(err.kind, FrontMatterErrorKind::Syntax);
    assert!(err.message.starts_with("invalid YAML: "), "{}", err.message);
    let line = d.position(err.span.start).line;
    assert!((3..=5).contains(&line), "line {line}");
    assert_eq!(headings(&d), [(1, "T")]);
}

#[test]
fn file_that_is_only_front_matter() {
    for text in ["---\ntitle: Only\n---\n", "---\ntitle: Only\n---"] {
        let d = doc(text);
        assert_eq!(d.title(), Some("Only"), "{text:?}");
        assert!(d.headings.is_empty());
        assert_eq!(d.body.start, text.len());
        assert_eq!(d.body.end, text.len());
        assert!(d.front_matter.as_ref().unwrap().root.is_ok());
    }
}

#[test]
fn front_matter_opened_but_never_closed() {
    let d = doc("---\n");
    let fm = d.front_matter.as_ref().unwrap();
    let err = fm.root.as_ref().unwrap_err();
    assert_eq!(err.kind, FrontMatterErrorKind::Unterminated);
    assert_eq!(d.position(err.span.start), pos(1, 1));
    assert!(d.headings.is_empty());

    // The body after an unclosed opener is still read as Markdown.
    let d = doc("---\ntitle: x\n# Heading\n");
    let err = d.front_matter.as_ref().unwrap().root.as_ref().unwrap_err();
    assert_eq!(err.kind, FrontMatterErrorKind::Unterminated);
    assert_eq!(headings(&d), [(1, "Heading")]);
    assert_eq!(d.title(), Some("Heading"));
}

// --- Bytes that are not text, and empty files ------------------------------

#[test]
fn invalid_utf8_reports_line_and_column_of_the_bad_byte() {
    let bytes = b"# Title\nna\xc3\xafve \xff rest\n";
    let err = parse("bad.md", bytes, &ParseOptions::default()).unwrap_err();
    assert_eq!(
        err,
        ParseError::InvalidUtf8 {
            path: "bad.md".into(),
            line: 2,
            column: 7,
            offset: 15,
        }
    );
    assert_eq!(
        err.to_string(),
        "bad.md:2:7: file is not valid UTF-8 (invalid byte at offset 15)"
    );
}

#[test]
fn truncated_multi_byte_sequence_at_the_end_is_invalid() {
    let err = parse("t.md", b"ok\n\xe2\x82", &ParseOptions::default()).unwrap_err();
    assert_eq!((err.line(), err.column()), (2, 1));
}

#[test]
fn binary_file_is_refused_with_the_nul_position() {
    let err = parse("img.md", b"PNG\n\x01\x02\x00\x03", &ParseOptions::default()).unwrap_err();
    assert!(
        matches!(err, ParseError::Binary { offset: 6, .. }),
        "{err:?}"
    );
    assert_eq!((err.line(), err.column()), (2, 3));
}

#[test]
fn empty_file_is_an_empty_valid_document() {
    for bytes in [&b""[..], b"\xef\xbb\xbf", b"\n\n", b"   \r\n"] {
        let d = parse("e.md", bytes, &ParseOptions::default()).unwrap();
        assert!(d.is_empty(), "{bytes:?}");
        assert!(d.front_matter.is_none());
        assert!(d.headings.is_empty());
        assert!(d.steps.is_empty() && d.code_blocks.is_empty() && d.links.is_empty());
        assert_eq!(d.title(), None);
        assert_eq!(d.metadata, runbook_parse::Metadata::default());
        assert_eq!(d.position(0), pos(1, 1));
    }
}

// --- Headings: text, slugs, anchors ----------------------------------------

#[test]
fn heading_text_and_slug_drop_inline_markup() {
    let d = doc("## Run `psql` on [the *primary*](db.md) **now**\n");
    let h = &d.headings[0];
    assert_eq!(h.text, "Run psql on the primary now");
    assert_eq!(h.slug, "run-psql-on-the-primary-now");
    assert_eq!(d.links[0].section, Some(0));
    assert_eq!(d.inline_code[0].text, "psql");
    assert_eq!(d.text(d.inline_code[0].span), "`psql`");
}

#[test]
fn heading_text_drops_inline_html_tags() {
    let d = doc("## Press <kbd>Ctrl</kbd>+C <!-- why -->\n");
    assert_eq!(d.headings[0].text, "Press Ctrl+C");
    assert_eq!(d.headings[0].slug, "press-ctrlc");
    assert_eq!(d.html.len(), 3);
    assert!(d.html.iter().all(|h| !h.is_block));
}

#[test]
fn duplicate_headings_get_numbered_slugs() {
    let d = doc("## Verify\n## Verify\n### Verify\n## Verify 1\n");
    let slugs: Vec<_> = d.headings.iter().map(|h| h.slug.as_str()).collect();
    assert_eq!(slugs, ["verify", "verify-1", "verify-2", "verify-1-1"]);
}

#[test]
fn explicit_anchors_are_used_and_reserved() {
    let d = doc("## Roll back the deploy {#rollback}\n## Rollback\n");
    let h = &d.headings[0];
    assert_eq!(h.text, "Roll back the deploy");
    assert_eq!(h.id.as_deref(), Some("rollback"));
    assert_eq!(h.slug, "rollback");
    assert_eq!(h.kind, SectionKind::Rollback);
    assert_eq!(d.headings[1].id, None);
    assert_eq!(d.headings[1].slug, "rollback-1");
}

#[test]
fn heading_tree_parents_and_content() {
    let text = "# T\nintro\n## Steps\n1. a\n### Sub\n#### Deep\n## Verify\n";
    let d = doc(text);
    let parents: Vec<_> = d.headings.iter().map(|h| h.parent).collect();
    assert_eq!(parents, [None, Some(0), Some(1), Some(2), Some(0)]);
    assert_eq!(d.text(d.headings[1].content), "1. a\n### Sub\n#### Deep\n");
    assert_eq!(d.text(d.headings[0].content), &text[4..]);
    assert!(d.has_content(1));
    assert!(!d.has_content(4));
    assert_eq!(d.section_at(text.find("1. a").unwrap()), Some(1));
    assert_eq!(d.section_at(0), Some(0));
}

// --- Links, tasks, HTML ----------------------------------------------------

#[test]
fn links_and_images_with_their_section() {
    let text = "See <https://example.com>.\n# A\n![graph](img/g.png)\n## B\n[ref][r] and [inline](../b.md#x)\n\n[r]: https://r.example\n";
    let d = doc(text);
    let got: Vec<_> = d
        .links
        .iter()
        .map(|l| (l.kind, l.destination.as_str(), l.section, d.text(l.span)))
        .collect();
    assert_eq!(
        got,
        [
            (
                LinkKind::Autolink,
                "https://example.com",
                None,
                "<https://example.com>"
            ),
            (LinkKind::Image, "img/g.png", Some(0), "![graph](img/g.png)"),
            (LinkKind::Link, "https://r.example", Some(1), "[ref][r]"),
            (LinkKind::Link, "../b.md#x", Some(1), "[inline](../b.md#x)"),
        ]
    );
}

#[test]
fn task_items_with_state_span_and_section() {
    let text = "## Checklist\n- [ ] drain\n- [x] cordon\n- plain\n";
    let d = doc(text);
    let got: Vec<_> = d
        .tasks
        .iter()
        .map(|t| (t.checked, d.text(t.span), t.section))
        .collect();
    assert_eq!(
        got,
        [
            (false, "- [ ] drain\n", Some(0)),
            (true, "- [x] cordon\n", Some(0))
        ]
    );
}

#[test]
fn raw_html_blocks_and_inline_comments() {
    let text = "# T\n<!-- runbook-lint-disable x -->\n\n<details>\n<summary>More</summary>\n\n</details>\n\nText <!-- note --> and <kbd>Ctrl</kbd>.\n";
    let d = doc(text);
    let got: Vec<_> = d
        .html
        .iter()
        .map(|h| (h.is_block, h.text.as_str(), d.text(h.span)))
        .collect();
    assert_eq!(
        got,
        [
            (
                true,
                "<!-- runbook-lint-disable x -->\n",
                "<!-- runbook-lint-disable x -->\n"
            ),
            (
                true,
                "<details>\n<summary>More</summary>\n",
                "<details>\n<summary>More</summary>\n"
            ),
            (true, "</details>\n", "</details>\n"),
            (false, "<!-- note -->", "<!-- note -->"),
            (false, "<kbd>", "<kbd>"),
            (false, "</kbd>", "</kbd>"),
        ]
    );
}

#[test]
fn a_comment_alone_is_not_section_content() {
    let d = doc("## Rollback\n<!-- TODO -->\n## Verify\n<div>x</div>\n");
    assert!(!d.headings[0].has_direct_content);
    assert!(d.headings[1].has_direct_content);
}

// --- Code blocks and steps -------------------------------------------------

#[test]
fn code_block_languages_from_info_strings() {
    let text = "```bash title=\"x\"\na\n```\n\n```{r}\nb\n```\n\n```{r, echo=FALSE}\nc\n```\n\n~~~ python\nd\n~~~\n\n```sh,linenos\ne\n```\n\n```\nf\n```\n\n    g\n";
    let d = doc(text);
    let got: Vec<_> = d
        .code_blocks
        .iter()
        .map(|c| (c.language.as_deref(), c.text.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (Some("bash"), "a\n"),
            (Some("r"), "b\n"),
            (Some("r"), "c\n"),
            (Some("python"), "d\n"),
            (Some("sh"), "e\n"),
            (None, "f\n"),
            (None, "g\n"),
        ]
    );
    let first = &d.code_blocks[0];
    // The block ends at its closing fence; the newline after it is not part of it.
    assert_eq!(d.text(first.span), "```bash title=\"x\"\na\n```");
    assert_eq!(d.text(first.content), "a\n");
}

#[test]
fn steps_number_from_the_list_start() {
    let d = doc("## Steps\n3. third\n4. fourth\n\n- bullet\n");
    let got: Vec<_> = d
        .steps
        .iter()
        .map(|s| (s.number, d.text(s.span), s.section))
        .collect();
    assert_eq!(
        got,
        // The last item runs to the end of the list, blank line included.
        [(3, "3. third\n", Some(0)), (4, "4. fourth\n\n", Some(0))]
    );
}

#[test]
fn nested_code_blocks_belong_to_their_step() {
    let text = "1. Stop writes\n\n   ```sh\n   pg_ctl stop\n   ```\n2. Check\n   - on each replica:\n\n     ```sql\n     select 1;\n     ```\n   1. sub-step\n\n      ```\n      deep\n      ```\n3. Done\n\n```sh\noutside\n```\n";
    let d = doc(text);
    let got: Vec<_> = d
        .steps
        .iter()
        .map(|s| (s.number, s.code_blocks.clone()))
        .collect();
    assert_eq!(got, [(1, vec![0]), (2, vec![1, 2]), (3, vec![])]);
    assert_eq!(d.code_blocks[1].language.as_deref(), Some("sql"));
    assert_eq!(d.code_blocks[1].text, "select 1;\n");
    assert_eq!(d.code_blocks[3].text, "outside\n");
}

#[test]
fn a_page_without_a_level_one_heading_is_titled_by_the_heading_it_opens_with() {
    let d = doc("## Playbook: Phishing\n\nIn parallel.\n\n### Investigate\n\n1. Look.\n");
    assert_eq!(d.title(), Some("Playbook: Phishing"));
    // A section heading is not a title, nor is a heading after text or one
    // with a sibling at its level.
    assert_eq!(doc("## Steps to check\n\n1. Look.\n").title(), None);
    assert_eq!(
        doc("Intro.\n\n## Phishing\n\n### Investigate\n").title(),
        None
    );
    assert_eq!(doc("## Phishing\n\n## Ransomware\n").title(), None);
    assert_eq!(
        doc("## Phishing\n\n# Real title\n").title(),
        Some("Real title")
    );
}

#[test]
fn html_anchors_are_collected_from_id_and_name_attributes() {
    let d = doc(
        "# Refs\n\n1. <a name=\"ref-1\"></a>[Paper](https://example.com)\n\n<div id='box' class=x data-id=\"no\">\n\n<p>\n</p>\n</div>\n",
    );
    let anchors: Vec<&str> = d.html_anchors().collect();
    assert_eq!(anchors, ["ref-1", "box"]);
    // Many `=` in one block stay linear and give nothing.
    let big = format!("<div {}>\n", "a=b ".repeat(200_000));
    assert_eq!(doc(&big).html_anchors().count(), 0);
}

#[test]
fn anchors_are_the_github_and_gitlab_slugs_ids_and_html_anchors() {
    let d = doc("# Retries + Fails\n\n## Setup {#set-up}\n\n<a name=\"ref-1\"></a>\n");
    let anchors: Vec<&str> = d.anchors().collect();
    assert_eq!(
        anchors,
        [
            "retries--fails",
            "retries-fails",
            "set-up",
            "set-up",
            "ref-1"
        ]
    );
}
