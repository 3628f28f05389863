//! Benchmark support: a deterministic runbook corpus generator.
