//! Presets: named tables of required sections, required keys, rule levels
//! and the headings of the convention each one is for.
//!
//! Rule ids are the rules' own `META.id` constants, so a renamed or deleted
//! rule is a compile error here, not a preset that silently stops applying.

use runbook_parse::SectionKind::{
    self, Contacts, Diagnosis, Impact, Meaning, Prerequisites, Rollback, Steps, Verification,
};

use super::Level;
use crate::rules::{
    FrontMatterMissing, FrontMatterRecommendedKey, MissingContacts, MissingPrerequisites,
    MissingRollback, MissingSection, MissingVerification, SingleOwner, StaleReview,
};

/// A named starting configuration; `runbook.toml` overrides it key by key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Preset {
    /// The name used in `preset = "..."`.
    pub name: &'static str,
    /// One line saying whom it is for.
    pub description: &'static str,
    /// The convention's headings as people write them, for messages.
    pub headings: &'static str,
    /// Section kinds every runbook must have.
    pub required_sections: &'static [SectionKind],
    /// Section kinds a page must have to count as written in this
    /// convention (what `runbook init` looks for), besides half of
    /// `required_sections`.
    pub signature: &'static [SectionKind],
    /// Heading aliases this convention gives a meaning of its own, on top
    /// of the built-in table (an incident's Recover phase is its check
    /// that systems work again, not a procedure).
    pub aliases: &'static [(SectionKind, &'static [&'static str])],
    /// Front-matter keys every runbook must have (checked by `front-matter-schema`).
    pub required_keys: &'static [&'static str],
    /// Front-matter keys accepted besides the schema's own.
    pub extra_known_keys: &'static [&'static str],
    /// Rule levels that differ from the rules' defaults.
    pub levels: &'static [(&'static str, Level)],
}

/// The rules that require sections. `minimal` turns them off, and so does
/// `runbook init` for pages written in no convention.
pub const SECTION_RULES: &[&str] = &[
    MissingPrerequisites::META.id,
    MissingSection::META.id,
    MissingRollback::META.id,
    MissingVerification::META.id,
    MissingContacts::META.id,
];

/// Keys static-site generators (Hugo, Jekyll, Docusaurus, `MkDocs`) give pages.
const SITE_KEYS: &[&str] = &[
    "weight",
    "draft",
    "aliases",
    "layout",
    "description",
    "slug",
    "date",
];

/// The full contract: prerequisites, steps, rollback, verification, contacts,
/// owners and a review date.
pub const STRICT: Preset = Preset {
    name: "strict",
    description: "the full runbook contract: prerequisites, steps, rollback, verification, contacts, owners, review date",
    headings: "Prerequisites / Steps / Rollback / Verification / Contacts",
    required_sections: &[Prerequisites, Steps, Rollback, Verification, Contacts],
    signature: &[Steps, Rollback],
    aliases: &[],
    required_keys: &["title", "service", "owners", "last_reviewed"],
    extra_known_keys: &[],
    levels: &[],
};

/// The alert-runbook convention (Meaning / Impact / Diagnosis / Mitigation)
/// of prometheus-operator and `OpenShift`, with Hugo front-matter.
pub const ALERT: Preset = Preset {
    name: "alert",
    description: "alert runbooks: Meaning, Impact, Diagnosis, Mitigation; only `title` required; the rest of the strict contract as warnings",
    headings: "Meaning / Impact / Diagnosis / Mitigation",
    required_sections: &[Meaning, Impact, Diagnosis, Steps],
    signature: &[Meaning, Impact],
    aliases: &[],
    required_keys: &["title"],
    extra_known_keys: SITE_KEYS,
    levels: &[
        (MissingPrerequisites::META.id, Level::Off),
        (MissingVerification::META.id, Level::Off),
        (FrontMatterMissing::META.id, Level::Warning),
        (MissingRollback::META.id, Level::Warning),
        (MissingContacts::META.id, Level::Warning),
        (FrontMatterRecommendedKey::META.id, Level::Warning),
        (SingleOwner::META.id, Level::Warning),
        (StaleReview::META.id, Level::Warning),
    ],
};

/// Incident-response playbooks in the NIST SP 800-61 shape: Investigate,
/// Remediate (contain, eradicate), Communicate, Recover.
pub const INCIDENT_RESPONSE: Preset = Preset {
    name: "incident-response",
    description: "incident-response playbooks: Investigate, Remediate, Communicate, Recover; only `title` required; the rest of the strict contract as warnings",
    headings: "Investigate / Remediate / Communicate / Recover",
    required_sections: &[Diagnosis, Steps, Contacts, Verification],
    signature: &[Diagnosis, Verification],
    // NIST SP 800-61 puts "confirm that the systems are functioning
    // normally" into Recovery: the playbook's check that the response
    // worked. The built-in table reads Recovery as a procedure.
    aliases: &[(Verification, &["recover", "recovery"])],
    required_keys: &["title"],
    extra_known_keys: SITE_KEYS,
    levels: &[
        (MissingPrerequisites::META.id, Level::Off),
        (MissingVerification::META.id, Level::Error),
        (FrontMatterMissing::META.id, Level::Warning),
        (MissingRollback::META.id, Level::Warning),
        (FrontMatterRecommendedKey::META.id, Level::Warning),
        (SingleOwner::META.id, Level::Warning),
        (StaleReview::META.id, Level::Warning),
    ],
};

/// Troubleshooting pages: Symptoms, Troubleshooting or Possible checks,
/// Resolution.
pub const TROUBLESHOOTING: Preset = Preset {
    name: "troubleshooting",
    description: "troubleshooting pages: Symptoms, Possible checks, Resolution; only `title` required; the rest of the strict contract as warnings",
    headings: "Symptoms / Possible checks / Resolution",
    required_sections: &[Meaning, Diagnosis, Steps],
    // A procedure with a troubleshooting section ("Steps to rename",
    // "Troubleshooting") is not a troubleshooting page: Symptoms is.
    signature: &[Meaning, Diagnosis],
    aliases: &[],
    required_keys: &["title"],
    extra_known_keys: SITE_KEYS,
    levels: &[
        (MissingPrerequisites::META.id, Level::Off),
        (MissingVerification::META.id, Level::Off),
        (FrontMatterMissing::META.id, Level::Warning),
        (MissingRollback::META.id, Level::Warning),
        (MissingContacts::META.id, Level::Warning),
        (FrontMatterRecommendedKey::META.id, Level::Warning),
        (SingleOwner::META.id, Level::Warning),
        (StaleReview::META.id, Level::Warning),
    ],
};

/// No required section: front-matter and hygiene rules only.
pub const MINIMAL: Preset = Preset {
    name: "minimal",
    description: "no required section: front-matter, links, placeholders, secrets, code fences and the rest of the hygiene rules",
    headings: "any headings",
    required_sections: &[],
    signature: &[],
    aliases: &[],
    required_keys: &["title"],
    extra_known_keys: SITE_KEYS,
    levels: &[
        (MissingPrerequisites::META.id, Level::Off),
        (MissingSection::META.id, Level::Off),
        (MissingRollback::META.id, Level::Off),
        (MissingVerification::META.id, Level::Off),
        (MissingContacts::META.id, Level::Off),
        (FrontMatterMissing::META.id, Level::Warning),
        (FrontMatterRecommendedKey::META.id, Level::Warning),
        (SingleOwner::META.id, Level::Warning),
        (StaleReview::META.id, Level::Warning),
    ],
};

/// Every preset, default first.
pub const PRESETS: &[Preset] = &[STRICT, ALERT, INCIDENT_RESPONSE, TROUBLESHOOTING, MINIMAL];

impl Preset {
    /// The preset with this name.
    pub fn find(name: &str) -> Option<Preset> {
        PRESETS.iter().copied().find(|p| p.name == name)
    }

    /// The level this preset gives a rule, if it changes the default.
    pub fn level(&self, rule: &str) -> Option<Level> {
        self.levels
            .iter()
            .find(|(id, _)| *id == rule)
            .map(|(_, level)| *level)
    }
}

impl Default for Preset {
    fn default() -> Self {
        STRICT
    }
}
