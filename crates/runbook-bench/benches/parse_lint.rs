//! Criterion benchmarks: parse and lint of one typical and one ~20 MB runbook,
//! and parse of the typical runbook's front-matter alone.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use runbook_lint::{Config, Linter};
use runbook_parse::{ParseOptions, parse_str};

const TYPICAL: &str = include_str!("../../../runbooks/restart-database-cluster.md");
const LARGE_BYTES: usize = 20_000_000;

fn bench_file(c: &mut Criterion, name: &str, text: &str) {
    let options = ParseOptions::default();
    let linter = Linter::new(Config::default());
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Bytes(text.len() as u64));
    if text.len() > 1_000_000 {
        group.sample_size(10);
    }
    group.bench_function("parse", |b| {
        b.iter(|| parse_str("bench.md", black_box(text), &options));
    });
    let doc = parse_str("bench.md", text, &options);
    group.bench_function("lint", |b| b.iter(|| linter.check(black_box(&doc), true)));
    group.bench_function("parse+lint", |b| {
        b.iter(|| linter.check(&parse_str("bench.md", black_box(text), &options), true));
    });
    group.bench_function("pulldown-cmark", |b| {
        b.iter(|| runbook_bench::floor::count_events(black_box(text)));
    });
    group.finish();
}

fn typical(c: &mut Criterion) {
    bench_file(c, "typical", TYPICAL);
}

/// Only the front-matter block of the typical runbook, so that its YAML is
/// most of the work.
fn front_matter(c: &mut Criterion) {
    let end = TYPICAL
        .get(4..)
        .and_then(|rest| rest.find("\n---\n"))
        .map_or(TYPICAL.len(), |i| i + 4 + 5);
    let text = TYPICAL.get(..end).unwrap_or(TYPICAL);
    let options = ParseOptions::default();
    let mut group = c.benchmark_group("front-matter");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("parse", |b| {
        b.iter(|| parse_str("bench.md", black_box(text), &options));
    });
    group.finish();
}

fn large(c: &mut Criterion) {
    let text = runbook_bench::corpus::large_runbook(LARGE_BYTES, 1);
    bench_file(c, "large-20mb", &text);
}

criterion_group!(benches, typical, front_matter, large);
criterion_main!(benches);
