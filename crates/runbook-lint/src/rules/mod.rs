//! The rule registry: every rule, one line each.

mod front_matter_missing;
mod missing_rollback;

pub use front_matter_missing::FrontMatterMissing;
pub use missing_rollback::MissingRollback;

use crate::rule::Rule;

/// Every rule, in the order `runbook rules` lists them.
pub static ALL_RULES: &[&dyn Rule] = &[&FrontMatterMissing, &MissingRollback];

/// The rule with this id, if any.
pub fn find(id: &str) -> Option<&'static dyn Rule> {
    ALL_RULES.iter().copied().find(|r| r.meta().id == id)
}
