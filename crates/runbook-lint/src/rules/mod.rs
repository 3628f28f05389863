//! The rule registry: every rule, one line each.

mod broken_link;
mod contact_unreachable;
mod destructive_command;
mod duplicate_alert;
mod empty_section;
mod front_matter_missing;
mod front_matter_recommended_key;
mod front_matter_schema;
mod front_matter_syntax;
mod front_matter_unknown_key;
mod missing_contacts;
mod missing_linked_anchor;
mod missing_prerequisites;
mod missing_rollback;
mod missing_section;
mod missing_verification;
mod placeholder_text;
mod rollback_not_applicable;
mod secret_in_code;
mod single_owner;
mod stale_review;
mod steps_without_commands;
mod unclosed_code_fence;
mod unmet_requirement;
mod unreadable_file;
mod unused_suppression;

pub use broken_link::BrokenLink;
pub use contact_unreachable::ContactUnreachable;
pub use destructive_command::DestructiveCommand;
pub use duplicate_alert::DuplicateAlert;
pub use empty_section::EmptySection;
pub use front_matter_missing::FrontMatterMissing;
pub use front_matter_recommended_key::FrontMatterRecommendedKey;
pub use front_matter_schema::FrontMatterSchema;
pub use front_matter_syntax::FrontMatterSyntax;
pub use front_matter_unknown_key::FrontMatterUnknownKey;
pub use missing_contacts::MissingContacts;
pub use missing_linked_anchor::MissingLinkedAnchor;
pub use missing_prerequisites::MissingPrerequisites;
pub use missing_rollback::MissingRollback;
pub use missing_section::MissingSection;
pub use missing_verification::MissingVerification;
pub use placeholder_text::PlaceholderText;
pub use rollback_not_applicable::RollbackNotApplicable;
pub use secret_in_code::{SecretInCode, mask as mask_secret, mask_in_place};
pub use single_owner::SingleOwner;
pub use stale_review::StaleReview;
pub use steps_without_commands::StepsWithoutCommands;
pub use unclosed_code_fence::UnclosedCodeFence;
pub use unmet_requirement::UnmetRequirement;
pub use unreadable_file::UnreadableFile;
pub use unused_suppression::UnusedSuppression;

use crate::rule::Rule;

/// Every rule, in the order `runbook rules` lists them.
pub static ALL_RULES: &[&dyn Rule] = &[
    &FrontMatterMissing,
    &FrontMatterSyntax,
    &FrontMatterSchema,
    &FrontMatterUnknownKey,
    &FrontMatterRecommendedKey,
    &MissingPrerequisites,
    &MissingSection,
    &MissingRollback,
    &MissingVerification,
    &MissingContacts,
    &UnmetRequirement,
    &EmptySection,
    &RollbackNotApplicable,
    &StepsWithoutCommands,
    &UnclosedCodeFence,
    &ContactUnreachable,
    &SingleOwner,
    &StaleReview,
    &PlaceholderText,
    &SecretInCode,
    &DestructiveCommand,
    &BrokenLink,
    &MissingLinkedAnchor,
    &DuplicateAlert,
    &UnusedSuppression,
    &UnreadableFile,
];

/// The rule with this id, if any.
pub fn find(id: &str) -> Option<&'static dyn Rule> {
    ALL_RULES.iter().copied().find(|r| r.meta().id == id)
}

/// The registry position of the rule with this id.
pub(crate) fn position(id: &str) -> Option<usize> {
    ALL_RULES.iter().position(|r| r.meta().id == id)
}
