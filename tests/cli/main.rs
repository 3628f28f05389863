//! End-to-end tests of the `runbook` binary.

mod report;
