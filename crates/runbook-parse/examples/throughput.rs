//! Measures `parse` on generated hostile and large inputs, next to a bare
//! pulldown-cmark pass over the same text.
//!
//! Run with `cargo run --release -p runbook-parse --example throughput [FILTER]`;
//! `FILTER` keeps only the cases whose name contains it.
#![expect(clippy::print_stdout, reason = "an example that reports timings")]

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Instant;

use runbook_parse::{ParseOptions, markdown_options, parse};

/// A realistic runbook of about 1.5 KB.
const RUNBOOK: &str = "## Prerequisites\n\n- Access to the `prod` cluster ([how](../access.md))\n- [ ] Announce in #ops\n\n## Steps\n\n1. Drain the node:\n\n   ```bash\n   kubectl drain node-1 --ignore-daemonsets\n   ```\n2. Restart **postgres** on the *primary*:\n\n   ```sh\n   systemctl restart postgresql\n   ```\n3. Check replication lag < 5s.\n\n<!-- runbook-lint-disable stale-review -->\n\n## Verify\n\n| Check | Command |\n|---|---|\n| lag | `select now() - pg_last_xact_replay_timestamp()` |\n\nSee <https://wiki.example.com/db> and ![graph](img/lag.png).\n\n## Rollback\n\n1. Uncordon: `kubectl uncordon node-1`.\n\n> **Note:** café, 中文, 🚀 are fine.\n\n";

fn time(name: &str, text: &str) {
    if std::env::args()
        .nth(1)
        .is_some_and(|filter| !name.contains(&filter))
    {
        return;
    }
    let options = ParseOptions::default();
    let start = Instant::now();
    let doc = parse("bench.md", text.as_bytes(), &options);
    let parse_time = start.elapsed();
    let headings = doc.as_ref().map_or(0, |d| d.headings.len());
    black_box(doc.ok());
    let start = Instant::now();
    let events = pulldown_cmark::Parser::new_ext(text, markdown_options())
        .into_offset_iter()
        .count();
    let bare = start.elapsed();
    let mb = f64::from(u32::try_from(text.len()).unwrap_or(u32::MAX)) / 1_000_000.0;
    println!(
        "{name:<32} {mb:>7.2} MB  parse {:>9.1} ms ({:>7.1} MB/s)  pulldown {:>9.1} ms ({:>7.1} MB/s)  {headings} headings, {events} events",
        parse_time.as_secs_f64() * 1e3,
        mb / parse_time.as_secs_f64(),
        bare.as_secs_f64() * 1e3,
        mb / bare.as_secs_f64(),
    );
}

fn main() {
    let mut big = String::from("---\ntitle: Big\nowners: [sre]\n---\n# Big runbook\n\n");
    while big.len() < 20_000_000 {
        big.push_str(RUNBOOK);
    }
    time("20 MB runbook", &big);
    time(
        "50k nested blockquotes",
        &format!("{}x\n", "> ".repeat(50_000)),
    );
    time(
        "50k nested bullet lists",
        &format!("{}x\n", "- ".repeat(50_000)),
    );
    time(
        "50k nested ordered lists",
        &format!("{}x\n", "1. ".repeat(50_000)),
    );
    let mut indented = String::new();
    for i in 0..2_000 {
        let _ = writeln!(indented, "{}- level {i}", "  ".repeat(i));
    }
    time("2k indented list levels", &indented);
    time("5 MB line, no newline", &"word ".repeat(1_000_000));
    time(
        "5 MB heading line",
        &format!("# {}", "word ".repeat(1_000_000)),
    );
    time("5 MB of `[`", &"[".repeat(5_000_000));
    time("5 MB of `<`", &"<".repeat(5_000_000));
    time("5 MB of backticks", &"` ``".repeat(1_250_000));
    time("5 MB of `*a`", &"*a".repeat(2_500_000));
    time("100k equal headings", &"## Verify\n".repeat(100_000));
    let mut distinct = String::new();
    for i in 0..100_000 {
        let _ = writeln!(distinct, "{} Heading {i}\ntext\n", "#".repeat(i % 6 + 1));
    }
    time("100k distinct headings", &distinct);
    time(
        "YAML 100k nested [",
        &format!("---\na: {}\n---\n# T\n", "[".repeat(100_000)),
    );
    time(
        "YAML 100k nested {",
        &format!("---\na: {}\n---\n# T\n", "{a: ".repeat(25_000)),
    );
    let mut anchors = String::from("---\n");
    for i in 0..1_000 {
        let _ = writeln!(anchors, "k{i}: &a{i} [x, y]");
    }
    for i in 0..1_000 {
        let _ = writeln!(anchors, "r{i}: *a{i}");
    }
    anchors.push_str("---\n# T\n");
    time("YAML 1k anchors", &anchors);
    let long_line_yaml = format!("---\na: [{}]\n---\n", "x, ".repeat(30_000));
    time("YAML 90 KB flow line", &long_line_yaml);
    let long_line_yaml_utf8 = format!("---\na: [{}]\n---\n", "é, ".repeat(20_000));
    time("YAML 80 KB flow line, non-ASCII", &long_line_yaml_utf8);
}
