//! Throwaway: per-rule counts over a directory.
#![allow(clippy::unwrap_used, clippy::print_stdout, missing_docs)]
use std::collections::BTreeMap;
fn main() {
    let root = std::env::args().nth(1).unwrap();
    let preset = std::env::args().nth(2).unwrap_or_else(|| "strict".into());
    let mut config = runbook_lint::Config::from_toml(&format!("preset = \"{preset}\"")).unwrap();
    config.today = Some(jiff::civil::date(2026, 12, 1));
    let linter = runbook_lint::Linter::new(config);
    let mut results = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(&root)];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            if p.extension().is_none_or(|x| x != "md") {
                continue;
            }
            let bytes = std::fs::read(&p).unwrap();
            let doc = runbook_parse::parse(&p, &bytes, &linter.config().parse_options()).unwrap();
            results.push(if linter.config().is_runbook(&p) {
                linter.check(&doc)
            } else {
                linter.index_only(&doc)
            });
        }
    }
    let results = linter.finish(results, &|p| p.exists());
    let mut counts = BTreeMap::new();
    for r in &results {
        for d in &r.diagnostics {
            *counts.entry(d.rule).or_insert(0) += 1;
            if std::env::var("SHOW").is_ok_and(|s| s == d.rule) {
                println!(
                    "{}:{}: {}",
                    r.path.display(),
                    d.location.start.line,
                    d.message
                );
            }
        }
    }
    println!("{} files", results.len());
    for (k, v) in counts {
        println!("{k}: {v}");
    }
}
