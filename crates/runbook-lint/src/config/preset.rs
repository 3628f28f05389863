//! Presets: named tables of required sections, required keys and rule levels.

use runbook_parse::SectionKind;

use super::Level;

/// A named starting configuration; `runbook.toml` overrides it key by key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Preset {
    /// The name used in `preset = "..."`.
    pub name: &'static str,
    /// One line saying whom it is for.
    pub description: &'static str,
    /// Section kinds every runbook must have.
    pub required_sections: &'static [SectionKind],
    /// Front-matter keys every runbook must have (checked by `front-matter-schema`).
    pub required_keys: &'static [&'static str],
    /// Front-matter keys accepted besides the schema's own.
    pub extra_known_keys: &'static [&'static str],
    /// Rule levels that differ from the rules' defaults.
    pub levels: &'static [(&'static str, Level)],
}

/// The full contract: prerequisites, steps, rollback, verification, contacts,
/// owners and a review date.
pub const STRICT: Preset = Preset {
    name: "strict",
    description: "the full runbook contract: prerequisites, steps, rollback, verification, contacts, owners, review date",
    required_sections: &[
        SectionKind::Prerequisites,
        SectionKind::Steps,
        SectionKind::Rollback,
        SectionKind::Verification,
        SectionKind::Contacts,
    ],
    required_keys: &["title", "service", "owners", "last_reviewed"],
    extra_known_keys: &[],
    levels: &[],
};

/// The alert-runbook convention (Meaning / Impact / Diagnosis / Mitigation)
/// of prometheus-operator and `OpenShift`, with Hugo front-matter.
pub const ALERT: Preset = Preset {
    name: "alert",
    description: "alert runbooks: Meaning, Impact, Diagnosis, Mitigation; only `title` required; the rest of the strict contract as warnings",
    required_sections: &[
        SectionKind::Meaning,
        SectionKind::Impact,
        SectionKind::Diagnosis,
        SectionKind::Steps,
    ],
    required_keys: &["title"],
    extra_known_keys: &[
        "weight",
        "draft",
        "aliases",
        "layout",
        "description",
        "slug",
        "date",
    ],
    levels: &[
        ("missing-prerequisites", Level::Off),
        ("missing-verification", Level::Off),
        ("front-matter-missing", Level::Warning),
        ("missing-rollback", Level::Warning),
        ("missing-contacts", Level::Warning),
        ("front-matter-recommended-key", Level::Warning),
        ("single-owner", Level::Warning),
        ("stale-review", Level::Warning),
    ],
};

/// Every preset, default first.
pub const PRESETS: &[Preset] = &[STRICT, ALERT];

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
