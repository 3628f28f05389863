//! One module per subcommand; each exposes `Args` and `run`.

pub mod build;
pub mod completions;
pub mod config;
pub mod explain;
pub mod init;
pub mod lint;
pub mod new;
pub mod report;
pub mod rules;
pub mod serve;
