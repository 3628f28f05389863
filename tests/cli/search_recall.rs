//! Recall of the site search on the generated corpus: for each query of
//! `tests/fixtures/search/queries.tsv`, the runbooks whose title, service,
//! alerts or headings (per the query's category) hold every query term must
//! all be among the results. Runs the site's own `site.js` in Chromium.
//!
//! Also the benchmark behind docs/benchmarks.md's search numbers:
//!
//! ```console
//! $ RUNBOOK_RECALL_FILES=10000 cargo test --release -p runbook-tests --test cli \
//!     search_recall -- --ignored --nocapture
//! $ RUNBOOK_RECALL_BINARY=/path/to/older/runbook ... # the same, for another build
//! ```
//!
//! A build whose index is the version-1 array of arrays (before issue 19)
//! has no `runbookSearch` API; its matching rule (every term a substring
//! of some field of the entry, which is when its score was above zero) is
//! applied to its index instead.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use runbook_parse::{ParseOptions, parse};
use serde_json::json;

const QUERIES: &str = include_str!("../fixtures/search/queries.tsv");
/// Categories whose recall must be complete; body text is capped per
/// runbook, so its recall is measured but not required.
const REQUIRED: &[&str] = &["title", "service", "alert", "heading"];

/// What a query may be expected to find a runbook by.
struct Fields {
    page: String,
    title: String,
    service: String,
    alert: String,
    heading: String,
    body: String,
}

fn fields(corpus: &Path, rel: &str) -> Fields {
    let bytes = fs::read(corpus.join(rel)).unwrap();
    let doc = parse(Path::new(rel), &bytes, &ParseOptions::default()).unwrap();
    let meta = &doc.metadata;
    let title = doc.title().unwrap_or_default().to_lowercase();
    Fields {
        page: format!("runbooks/{}.html", rel.trim_end_matches(".md")),
        service: meta
            .service
            .as_ref()
            .map(|s| s.value.to_lowercase())
            .unwrap_or_default(),
        alert: meta
            .alerts
            .iter()
            .map(|a| a.value.to_lowercase())
            .collect::<Vec<_>>()
            .join(" "),
        heading: doc
            .headings
            .iter()
            .filter(|h| h.level > 1)
            .map(|h| h.text.to_lowercase())
            .collect::<Vec<_>>()
            .join("\n"),
        body: doc
            .source
            .get(doc.body.start..)
            .unwrap_or("")
            .to_lowercase(),
        title,
    }
}

fn holds_all(text: &str, query: &str) -> bool {
    query
        .to_lowercase()
        .split_whitespace()
        .all(|term| text.contains(term))
}

fn markdown_files(root: &Path) -> Vec<String> {
    let mut files = Vec::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        for entry in fs::read_dir(root.join(&rel)).unwrap() {
            let entry = entry.unwrap();
            let rel = rel.join(entry.file_name());
            if entry.path().is_dir() {
                stack.push(rel);
            } else if rel.extension().is_some_and(|e| e == "md") {
                files.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    files.sort();
    files
}

/// The JavaScript that returns the pages a query finds, for the current
/// index format or the version-1 one.
const SEARCH: &str = r"(function (q) {
  if (window.runbookSearch) { return window.runbookSearch.query(q); }
  var terms = q.toLowerCase().split(/\s+/).filter(Boolean);
  return window.RUNBOOK_SEARCH.filter(function (d) {
    return terms.every(function (t) {
      return [d[0], d[2], d[3], d[4], d[5], d[6]].some(function (f) { return f.toLowerCase().indexOf(t) >= 0; });
    });
  }).map(function (d) { return d[1]; });
})";

// See: issue 19 (a lighter search index without losing recall).
#[test]
#[expect(
    clippy::print_stdout,
    reason = "the benchmark's table, shown with --nocapture"
)]
#[ignore = "needs /usr/bin/chromium; CI runs it with --ignored"]
fn search_recall_on_the_generated_corpus() {
    let files: usize = std::env::var("RUNBOOK_RECALL_FILES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let other = std::env::var_os("RUNBOOK_RECALL_BINARY").map(PathBuf::from);
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    runbook_bench::corpus::write(&corpus, files, 1).unwrap();
    let out = dir.path().join("site");
    let binary = other
        .clone()
        .unwrap_or_else(|| crate::util::binary().to_path_buf());
    let output = Command::new(&binary)
        .current_dir(&corpus)
        .args(["build", ".", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let index_bytes = fs::metadata(out.join("assets/search-index.js"))
        .unwrap()
        .len();
    let docs: Vec<Fields> = markdown_files(&corpus)
        .iter()
        .map(|rel| fields(&corpus, rel))
        .collect();

    let mut browser = crate::browser::Browser::launch(&dir.path().join("profile"));
    browser.open(&format!("file://{}", out.join("index.html").display()));
    browser.eval("window.runbookSearch && window.runbookSearch.load(function () {})");
    browser.wait_for("window.runbookSearch ? window.runbookSearch.query('x') !== null : Array.isArray(window.RUNBOOK_SEARCH)");

    // Per category: queries, expected (runbook, query) pairs, pairs found.
    let mut totals: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    let mut misses = Vec::new();
    for line in QUERIES
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
    {
        let (category, query) = line.split_once('\t').unwrap();
        let expected: Vec<&str> = docs
            .iter()
            .filter(|d| {
                let text = match category {
                    "title" => &d.title,
                    "service" => &d.service,
                    "alert" => &d.alert,
                    "heading" => &d.heading,
                    "body" => &d.body,
                    other => panic!("unknown category {other}"),
                };
                holds_all(text, query)
            })
            .map(|d| d.page.as_str())
            .collect();
        let found = browser.eval(&format!(
            "(function () {{ var hits = new Set({SEARCH}({})); return {}.filter(function (p) {{ return hits.has(p); }}).length; }})()",
            json!(query),
            json!(expected)
        ));
        let found = usize::try_from(found.as_u64().unwrap()).unwrap();
        let total = totals.entry(category).or_default();
        total.0 += 1;
        total.1 += expected.len();
        total.2 += found;
        if found < expected.len() {
            misses.push(format!(
                "{category} {query:?}: {found} of {}",
                expected.len()
            ));
        }
    }
    println!(
        "search recall, {files} generated runbooks, {} ({index_bytes} bytes of search-index.js):",
        binary.display()
    );
    println!("| Category | Queries | Expected results | Found | Recall |");
    println!("|---|---:|---:|---:|---:|");
    for (category, (queries, expected, found)) in &totals {
        #[expect(clippy::cast_precision_loss, reason = "counts far below 2^52")]
        let recall = if *expected == 0 {
            1.0
        } else {
            *found as f64 / *expected as f64
        };
        println!("| {category} | {queries} | {expected} | {found} | {recall:.4} |");
    }
    for miss in &misses {
        println!("missed: {miss}");
    }
    if other.is_none() {
        for category in REQUIRED {
            let (queries, expected, found) = totals[category];
            assert!(queries > 5 && expected > 0, "{category}: too few queries");
            assert_eq!(found, expected, "{category}: {misses:?}");
        }
    }
}
