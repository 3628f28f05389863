//! End-to-end tests of the `runbook` binary.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::cast_possible_truncation,
    missing_docs,
    reason = "tests assert by panicking"
)]

mod baseline;
mod browser;
mod commands;
mod exit_codes;
mod formats;
mod hostile;
mod init;
mod integrations;
mod lint;
mod partial;
mod policy;
mod redaction;
mod report;
mod review;
mod rules;
mod search_recall;
mod serve;
mod site;
mod util;
