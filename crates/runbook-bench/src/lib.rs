//! Benchmark support for runbook: a corpus generator and the parse floor.
//!
//! [`corpus::generate`] builds a deterministic, realistic corpus of runbooks
//! (YAML and TOML front-matter, procedure and alert pages, cross-links, and
//! some deliberate problems); [`floor::run`] measures the fastest any
//! pulldown-cmark-based tool could go over it. The `gen-corpus` and
//! `parse-floor` binaries wrap them for `bench/run.sh`; the criterion
//! benchmarks in `benches/` time parse and lint of single files.
//!
//! This crate is not part of the product: nothing depends on it.

pub mod corpus;
pub mod floor;
pub mod rng;

pub use corpus::{CorpusStats, GeneratedFile};
pub use floor::FloorStats;
pub use rng::Rng;
