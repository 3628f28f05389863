//! Alert coverage: Prometheus alerting rules matched to runbooks.

mod coverage;
mod rules;

pub(crate) use coverage::{RunbookRef, coverage};
pub use rules::{AlertRule, RulesFile, parse_rules};
