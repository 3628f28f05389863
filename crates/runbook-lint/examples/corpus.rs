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
    if std::env::var("BENCH").is_ok() {
        let mut texts = Vec::new();
        let mut stack = vec![std::path::PathBuf::from(&root)];
        while let Some(dir) = stack.pop() {
            for e in std::fs::read_dir(&dir).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                    continue;
                }
                if p.extension().is_some_and(|x| x == "md") {
                    texts.push((p.clone(), std::fs::read(&p).unwrap()));
                }
            }
        }
        let n = 10_000 / texts.len() + 1;
        let opts = linter.config().parse_options();
        let t = std::time::Instant::now();
        let mut ev = 0usize;
        for _ in 0..n {
            for (_, b) in &texts {
                let s = std::str::from_utf8(b).unwrap();
                ev += pulldown_cmark::Parser::new_ext(s, runbook_parse::markdown_options()).count();
            }
        }
        let bare = t.elapsed();
        let t = std::time::Instant::now();
        for _ in 0..n {
            for (p, b) in &texts {
                let _ = runbook_parse::parse(p, b, &opts).unwrap();
            }
        }
        let parse = t.elapsed();
        let t = std::time::Instant::now();
        let mut all = Vec::new();
        for i in 0..n {
            for (p, b) in &texts {
                let doc = runbook_parse::parse(p.join(i.to_string()), b, &opts).unwrap();
                all.push(linter.check(&doc));
            }
        }
        let out = linter.finish(all, &|_| true);
        let full = t.elapsed();
        println!(
            "{} docs ({ev} events): bare pulldown {bare:?}, parse {parse:?}, parse+check+finish {full:?} ({} results)",
            n * texts.len(),
            out.len()
        );
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

#[allow(dead_code)]
fn bench() {}
