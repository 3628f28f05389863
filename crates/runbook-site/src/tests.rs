//! Rendering tests over whole sites: snapshots, XSS fixtures, link rewriting.

#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::case_sensitive_file_extension_comparisons,
    reason = "tests unwrap, slice known-good output and match our own lowercase paths"
)]

use std::path::Path;

use runbook_parse::{ParseOptions, Review, SeverityScale, parse_str};
use runbook_report::{LintCounts, Options, Report, Runbook};

use crate::{
    Finding, FindingSeverity, RequirementStatus, RuleDoc, SeverityLevel, Site, SiteDocument,
    SiteInput, SiteOptions, render,
};

fn today() -> jiff::civil::Date {
    jiff::civil::date(2026, 12, 1)
}

fn doc(path: &str, rel: &str, text: &str, findings: Vec<Finding>) -> SiteDocument {
    let document = parse_str(path, text, &ParseOptions::default());
    SiteDocument {
        review: Review::of(&document.metadata, today(), 180),
        severity: severity(&SeverityScale::standard(), &document),
        document,
        rel_path: rel.into(),
        findings,
        requirements: Vec::new(),
    }
}

/// The severity level of `document` on `scale`, as the command line judges it.
fn severity(scale: &SeverityScale, document: &runbook_parse::Document) -> Option<SeverityLevel> {
    scale.of(&document.metadata).map(|rank| SeverityLevel {
        rank: rank.position(),
        tier: scale.tier(rank),
    })
}

/// The report of `documents`, as the command line builds it.
fn report(documents: &[SiteDocument]) -> Report {
    let runbooks: Vec<Runbook<'_>> = documents
        .iter()
        .map(|sd| Runbook {
            document: &sd.document,
            lint: LintCounts::default(),
            review: sd.review.clone(),
        })
        .collect();
    runbook_report::build(&runbooks, &[], &Options::new(today()))
}

fn input(documents: Vec<SiteDocument>, rules: Vec<RuleDoc>) -> SiteInput {
    SiteInput {
        report: report(&documents),
        documents,
        rules,
        options: options(),
    }
}

fn options() -> SiteOptions {
    SiteOptions {
        title: "Acme runbooks".into(),
        base_url: None,
        repo_url: Some("https://git.example/ops/edit/main/{path}".into()),
    }
}

fn site(documents: Vec<SiteDocument>) -> Site {
    let rules = vec![RuleDoc {
        id: "missing-rollback".into(),
        severity: FindingSeverity::Error,
        summary: "Runbooks without a rollback section.".into(),
        explanation_markdown: "## What it checks\nRunbooks without `## Rollback`.\n\n## Example\n```markdown\n# x\n```\n<script>alert(1)</script>\n".into(),
    }];
    render(&input(documents, rules)).unwrap()
}

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/site");

fn fixture(rel: &str) -> SiteDocument {
    let path = Path::new(FIXTURES).join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    let rel_under = rel.split_once('/').map_or(rel, |(_, r)| r);
    doc(&format!("fixtures/{rel}"), rel_under, &text, vec![])
}

const SAMPLE: &str = r##"---
title: Restart the cache
service: cache
owners: ["@cache-team"]
contacts:
  - name: Cache on-call
    slack: "#cache-oncall"
    phone: "+1 555 0100"
    email: oncall@example.com
severity: high
status: active
tags: [redis]
alerts: [RedisDown]
last_reviewed: 2026-01-10
review_interval_days: 90
---
# Restart the cache

Use when `RedisDown` fires.

## Prerequisites

- Access to the cluster
- [x] Incident opened

## Steps

1. Restart:

   ```bash
   kubectl rollout restart sts/redis -n cache # restart
   ```

## Verification

```sql
SELECT 1;
```

## Rollback

Scale back.
"##;

fn sample_site() -> Site {
    let finding = Finding {
        rule: "stale-review".into(),
        severity: FindingSeverity::Warning,
        message: "last reviewed 325 days ago".into(),
        line: 14,
        column: 1,
        help: Some("Review the runbook".into()),
    };
    site(vec![doc(
        "runbooks/restart-cache.md",
        "restart-cache.md",
        SAMPLE,
        vec![finding],
    )])
}

/// The `<main>` element of a page: the part that differs between pages.
fn main_of(html: &str) -> &str {
    let start = html.find("<main").unwrap();
    let end = html.find("</main>").unwrap();
    &html[start..end + "</main>".len()]
}

#[test]
fn runbook_page_snapshot() {
    let site = sample_site();
    insta::assert_snapshot!(main_of(
        site.get("runbooks/restart-cache.html").unwrap().text()
    ));
}

#[test]
fn index_page_snapshot() {
    let site = sample_site();
    insta::assert_snapshot!(site.get("index.html").unwrap().text());
}

#[test]
fn runbook_page_has_the_runbook_structure() {
    let site = sample_site();
    let html = site.get("runbooks/restart-cache.html").unwrap().text();
    // Heading ids are the parser's slugs.
    for id in ["prerequisites", "steps", "verification", "rollback"] {
        assert!(html.contains(&format!("id=\"{id}\"")), "{id}");
        assert!(html.contains(&format!("href=\"#{id}\"")), "toc entry {id}");
    }
    assert!(html.contains("<ul class=\"checklist\">"));
    assert_eq!(
        html.matches("<input type=\"checkbox\" class=\"task check\"")
            .count(),
        2,
        "plain item and task item both become one checkbox"
    );
    assert!(
        html.contains("<input type=\"checkbox\" class=\"task check\" data-check=\"2\" checked>")
    );
    // The step is a checkbox too, numbered after the prerequisites.
    assert!(html.contains("<li class=\"step\" data-step=\"1\"><input type=\"checkbox\" class=\"check step-check\" data-check=\"3\" aria-label=\"Step 1 done\">"));
    assert!(html.contains("<progress class=\"checklist-progress\" max=\"3\""));
    assert!(
        html.contains("data-checklist=\"runbooks/restart-cache.html\" data-checklist-version=\"")
    );
    assert!(html.contains("class=\"callout callout-rollback\""));
    assert!(html.contains("class=\"callout callout-verification\""));
    assert!(html.contains("<span class=\"tok-c\"># restart</span>"));
    assert!(html.contains("href=\"tel:+15550100\""));
    assert!(html.contains("href=\"mailto:oncall@example.com\""));
    assert!(html.contains("href=\"../alerts/RedisDown.html\""));
    assert!(html.contains("href=\"https://git.example/ops/edit/main/runbooks/restart-cache.md\""));
    assert!(
        html.contains("overdue"),
        "reviewed 2026-01-10 with a 90-day interval is overdue on 2026-12-01"
    );
    assert!(html.contains("stale-review"));
    assert_eq!(
        html.matches("<h1").count(),
        1,
        "the body's title heading is not repeated"
    );
}

#[test]
fn alert_urls_redirect_to_the_runbook() {
    let site = sample_site();
    let alert = site.get("alerts/RedisDown.html").unwrap().text();
    assert!(alert.contains(
        "<meta http-equiv=\"refresh\" content=\"0; url=../runbooks/restart-cache.html\">"
    ));
    let index = site.get("alerts/index.html").unwrap().text();
    assert!(index.contains("href=\"../runbooks/restart-cache.html\""));
}

#[test]
fn search_index_covers_titles_alerts_and_body() {
    let site = sample_site();
    let index = site.get("assets/search-index.js").unwrap().text();
    assert!(
        index.contains(
            "\"docs\":[[\"Restart the cache\",\"restart-cache\",\"cache\",\"RedisDown\",\"redis\","
        ),
        "{index}"
    );
    assert!(index.contains("kubectl"), "code is searchable");
    assert!(
        index.contains("\"prerequisites\""),
        "headings are searchable"
    );
}

#[test]
fn every_page_has_a_csp_and_no_inline_script() {
    let site = sample_site();
    for file in site.files.iter().filter(|f| f.path.ends_with(".html")) {
        let html = file.text();
        assert!(
            html.contains("http-equiv=\"Content-Security-Policy\""),
            "{}",
            file.path
        );
        for (i, _) in html.match_indices("<script") {
            let tag = &html[i..i + html[i..].find('>').unwrap()];
            assert!(
                tag.contains(" src=\""),
                "inline script in {}: {tag}",
                file.path
            );
        }
    }
}

/// Every tag in `html` (text between `<` and `>`), lowercased.
fn tags(html: &str) -> Vec<String> {
    html.split('<')
        .skip(1)
        .map(|rest| rest.split('>').next().unwrap_or("").to_lowercase())
        .collect()
}

/// A tag's text outside quoted values (names), and its quoted values.
fn split_attributes(tag: &str) -> (String, Vec<String>) {
    let mut names = String::new();
    let mut values = Vec::new();
    for (i, part) in tag.split('"').enumerate() {
        if i % 2 == 0 {
            names.push_str(&part.replace('=', " "));
        } else {
            values.push(part.to_owned());
        }
    }
    (names, values)
}

#[test]
fn no_fixture_yields_executable_markup() {
    let site = site(vec![
        fixture("xss/evil.md"),
        fixture("links/db/failover.md"),
    ]);
    let mut pages = 0;
    for file in &site.files {
        if !file.path.ends_with(".html") {
            continue;
        }
        pages += 1;
        // The ownership page draws its bars as SVG, built from numbers; its
        // attributes are still checked below like every other tag's.
        let forbidden: &[&str] = if file.path == "ownership.html" {
            &["iframe", "object", "embed", "style"]
        } else {
            &["iframe", "svg", "object", "embed", "style"]
        };
        for tag in tags(file.text()) {
            let name = tag.split_whitespace().next().unwrap_or("");
            assert!(!forbidden.contains(&name), "{}: <{tag}>", file.path);
            if name == "form" {
                assert!(
                    tag.starts_with("form class=\"search-form\""),
                    "{}: <{tag}>",
                    file.path
                );
            }
            if name == "script" {
                assert!(
                    tag.starts_with("script src=\"") && tag.contains("assets/"),
                    "{}: <{tag}>",
                    file.path
                );
            }
            let (names, values) = split_attributes(&tag);
            for name in names.split_whitespace() {
                assert!(
                    !name.starts_with("on"),
                    "{}: event handler in <{tag}>",
                    file.path
                );
                assert!(name != "style", "{}: inline style in <{tag}>", file.path);
            }
            for value in values {
                let value = value.trim().to_lowercase();
                for scheme in ["javascript:", "vbscript:", "data:", "&#106;avascript"] {
                    assert!(
                        !value.starts_with(scheme),
                        "{}: {scheme} in <{tag}>",
                        file.path
                    );
                }
            }
        }
    }
    assert!(pages > 5);
    let page = site.get("runbooks/evil.html").unwrap().text();
    assert!(
        page.contains(
            "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; Evil &quot;quoted&quot;"
        ),
        "the title is shown, escaped"
    );
    assert!(
        page.contains("<span class=\"link-removed\" title=\"Unsafe link removed\">md link</span>")
    );
    let search = site.get("assets/search-index.js").unwrap().text();
    assert!(
        !search.contains("</script"),
        "search index cannot close a script element"
    );
}

#[test]
fn links_between_runbooks_point_at_pages_and_keep_anchors() {
    let site = site(vec![
        fixture("links/db/failover.md"),
        fixture("links/db/restore.md"),
        fixture("links/net/dns.md"),
    ]);
    let failover = site.get("runbooks/db/failover.html").unwrap().text();
    assert!(failover.contains("href=\"../../runbooks/db/restore.html#verify-the-restore\""));
    assert!(failover.contains("href=\"../../runbooks/db/restore.html\""));
    assert!(failover.contains("href=\"../../runbooks/net/dns.html#rollback\""));
    assert!(
        failover.contains("href=\"missing.md#x\""),
        "unknown targets stay as written (the linter reports them)"
    );
    assert!(failover.contains("href=\"#procedure\""));
    let restore = site.get("runbooks/db/restore.html").unwrap().text();
    assert!(
        restore.contains("id=\"verify-the-restore\""),
        "the anchor the link points at exists"
    );
    let dns = site.get("runbooks/net/dns.html").unwrap().text();
    assert!(dns.contains("href=\"../../runbooks/db/failover.html#procedure\""));
    // An alert handled by two runbooks gets a chooser instead of a redirect.
    let alert = site.get("alerts/DatabaseDown.html").unwrap().text();
    assert!(!alert.contains("http-equiv=\"refresh\""));
    assert!(
        alert.contains("../runbooks/db/failover.html")
            && alert.contains("../runbooks/db/restore.html")
    );
}

#[test]
fn base_url_prefixes_internal_links() {
    let mut input = input(
        vec![
            fixture("links/db/failover.md"),
            fixture("links/db/restore.md"),
        ],
        vec![],
    );
    input.options.base_url = Some("/ops/runbooks".into());
    let site = render(&input).unwrap();
    let page = site.get("runbooks/db/failover.html").unwrap().text();
    assert!(page.contains("href=\"/ops/runbooks/assets/site.css\""));
    assert!(page.contains("href=\"/ops/runbooks/runbooks/db/restore.html#verify-the-restore\""));
    let index = site.get("index.html").unwrap().text();
    assert!(
        index.contains("data-root=\"/ops/runbooks/\""),
        "site.js loads the search index from the root"
    );
    assert!(
        !index.contains("search-index.js"),
        "the search index is loaded only when search is used"
    );
}

#[test]
fn colliding_pages_are_an_error() {
    let a = doc("a/x.md", "x.md", "# A\n", vec![]);
    let b = doc("b/x.md", "x.md", "# B\n", vec![]);
    let err = render(&input(vec![a, b], vec![])).unwrap_err();
    assert!(err.to_string().contains("runbooks/x.html"), "{err}");
}

#[test]
fn odd_documents_render_without_panicking() {
    let texts = [
        "",
        "---\n",
        "# \n## \n",
        "```\nunterminated",
        "- [ ] a\n  - [x] b\n",
        "> ## Rollback\n> x\n## Rollback\n",
        "<div>\n\n## Verify\n\n</div>\n",
        "1. a\n\n   ## Rollback\n",
    ];
    let docs = texts
        .iter()
        .enumerate()
        .map(|(i, t)| doc(&format!("{i}.md"), &format!("{i}.md"), t, vec![]))
        .collect();
    let site = site(docs);
    assert!(site.get("runbooks/0.html").is_some());
}

#[test]
fn review_badges_cover_missing_invalid_and_custom_intervals() {
    let site = site(vec![
        doc("a.md", "a.md", "---\ntitle: A\n---\n# A\n", vec![]),
        doc(
            "b.md",
            "b.md",
            "---\ntitle: B\nlast_reviewed: soon\n---\n# B\n",
            vec![],
        ),
        doc(
            "c.md",
            "c.md",
            "---\ntitle: C\nlast_reviewed: 2026-06-01\n---\n# C\n",
            vec![],
        ),
        doc(
            "d.md",
            "d.md",
            "---\ntitle: D\nlast_reviewed: 2026-06-01\nreview_interval_days: 30\n---\n# D\n",
            vec![],
        ),
    ]);
    let page = |p: &str| site.get(p).unwrap().text().to_owned();
    assert!(
        page("runbooks/a.html")
            .contains("never <span class=\"badge badge-stale\">not reviewed</span>")
    );
    assert!(
        page("runbooks/b.html")
            .contains("soon <span class=\"badge badge-stale\">invalid date</span>")
    );
    // 2026-12-01 is 183 days after 2026-06-01: 3 days past the default 180.
    assert!(page("runbooks/c.html").contains("overdue 3d"));
    assert!(page("runbooks/d.html").contains("overdue 153d"));
    assert!(page("index.html").contains("4 overdue for review"));
}

#[test]
fn severity_orders_runbooks_colours_badges_and_groups_filter_choices_by_rank() {
    let runbook = |name: &str, severity: &str| {
        doc(
            &format!("runbooks/{name}.md"),
            &format!("{name}.md"),
            &format!("---\ntitle: {name}\nservice: db\nseverity: {severity}\n---\n# {name}\n"),
            vec![],
        )
    };
    let site = site(vec![
        runbook("a-low", "low"),
        runbook("b-sev1", "SEV1"),
        runbook("c-critical", "critical"),
        runbook("d-typo", "urgent"),
        runbook("e-sev0", "sev0"),
    ]);
    let index = site.get("index.html").unwrap().text();
    let order: Vec<usize> = ["e-sev0", "b-sev1", "c-critical", "a-low", "d-typo"]
        .iter()
        .map(|t| index.find(&format!(">{t}</a>")).unwrap())
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    // One choice per rank, labelled with what was written there.
    assert!(
        index.contains("<option value=\"rank-1\">critical / SEV1</option>"),
        "{index}"
    );
    assert!(index.contains("<option value=\"value-urgent\">urgent</option>"));
    assert!(index.contains("data-severity=\"rank-1\""));
    let sev1 = site.get("runbooks/b-sev1.html").unwrap().text();
    assert!(sev1.contains("badge-sev badge-sev-tier-1\">SEV1</span>"));
    let typo = site.get("runbooks/d-typo.html").unwrap().text();
    assert!(typo.contains("badge-sev-unknown\">urgent</span>"));
    // A team's own scale spreads its levels over the colour tiers.
    let team = SeverityScale::custom(["sev1", "sev2", "sev3", "sev4"]).unwrap();
    let mut custom = runbook("f-team", "sev4");
    custom.severity = severity(&team, &custom.document);
    assert_eq!(custom.severity, Some(SeverityLevel { rank: 3, tier: 5 }));
}

#[test]
fn runbook_pages_show_the_requirements_that_apply() {
    let mut held = doc("runbooks/a.md", "a.md", SAMPLE, vec![]);
    held.requirements = vec![
        RequirementStatus {
            requirement: "requirement `sev-high`".into(),
            why: "severity `high` is >= high".into(),
            unmet: vec!["1 owner, 2 required".into()],
        },
        RequirementStatus {
            requirement: "[[require]] #2 <b>".into(),
            why: "every runbook".into(),
            unmet: vec![],
        },
    ];
    let plain = doc("runbooks/b.md", "b.md", SAMPLE, vec![]);
    let site = site(vec![held, plain]);
    let page = site.get("runbooks/a.html").unwrap().text();
    assert!(page.contains("<h2 id=\"requirements-heading\">Requirements</h2>"));
    assert!(page.contains(
        "<li class=\"requirement requirement-unmet\"><span class=\"badge badge-error\">not met</span> <span class=\"requirement-name\">requirement <code>sev-high</code></span>"
    ));
    assert!(page.contains("<ul class=\"requirement-unmet\"><li>1 owner, 2 required</li></ul>"));
    assert!(page.contains("requirement-met\"><span class=\"badge badge-ok\">met</span> <span class=\"requirement-name\">[[require]] #2 &lt;b&gt;</span>"));
    let other = site.get("runbooks/b.html").unwrap().text();
    assert!(!other.contains("requirements-heading"));
}

#[test]
fn linked_files_are_listed_from_markdown_and_raw_html() {
    let text = "# A\n\n![map](img/map.png)\n\n<img src=\"img/raw.png\" width=\"300\">\n\n[sql](../fix.sql) [runbook](b.md) [out](../../x.png) <ops@example.com>\n";
    let site = site(vec![
        doc("ops/db/a.md", "db/a.md", text, vec![]),
        doc("ops/db/b.md", "db/b.md", "# B\n", vec![]),
    ]);
    let page = site.get("runbooks/db/a.html").unwrap().text();
    assert!(
        page.contains("src=\"../../runbooks/db/img/map.png\""),
        "{page}"
    );
    assert!(
        page.contains("src=\"../../runbooks/db/img/raw.png\""),
        "{page}"
    );
    assert!(page.contains("href=\"../../runbooks/fix.sql\""), "{page}");
    assert!(page.contains("href=\"../../runbooks/db/b.html\""), "{page}");
    assert!(
        page.contains("href=\"../../x.png\""),
        "leaves ops/: as written"
    );
    let assets: Vec<(&str, String)> = site
        .assets
        .iter()
        .map(|a| (a.path.as_str(), a.source.to_string_lossy().into_owned()))
        .collect();
    assert_eq!(
        assets,
        [
            ("runbooks/db/img/map.png", "ops/db/img/map.png".to_owned()),
            ("runbooks/db/img/raw.png", "ops/db/img/raw.png".to_owned()),
            ("runbooks/fix.sql", "ops/fix.sql".to_owned()),
        ]
    );
}
