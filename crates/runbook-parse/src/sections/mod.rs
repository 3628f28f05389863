//! Section kinds and the alias table that maps heading text to them.

mod aliases;

use std::collections::HashMap;
use std::fmt;

/// What a section of a runbook is for, recognised from its heading text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SectionKind {
    /// Checks to make before starting.
    Prerequisites,
    /// The procedure itself.
    Steps,
    /// How to undo the procedure.
    Rollback,
    /// How to confirm the procedure worked.
    Verification,
    /// Whom to call.
    Contacts,
    /// What an alert means (alert-runbook convention).
    Meaning,
    /// Who or what is affected (alert-runbook convention).
    Impact,
    /// How to find the cause (alert-runbook convention).
    Diagnosis,
    /// Anything else.
    Other,
}

impl SectionKind {
    /// Every recognised kind, [`SectionKind::Other`] excluded.
    pub const KNOWN: [SectionKind; 8] = [
        SectionKind::Prerequisites,
        SectionKind::Steps,
        SectionKind::Rollback,
        SectionKind::Verification,
        SectionKind::Contacts,
        SectionKind::Meaning,
        SectionKind::Impact,
        SectionKind::Diagnosis,
    ];

    /// The kind's name as written in configuration.
    pub fn name(self) -> &'static str {
        match self {
            SectionKind::Prerequisites => "prerequisites",
            SectionKind::Steps => "steps",
            SectionKind::Rollback => "rollback",
            SectionKind::Verification => "verification",
            SectionKind::Contacts => "contacts",
            SectionKind::Meaning => "meaning",
            SectionKind::Impact => "impact",
            SectionKind::Diagnosis => "diagnosis",
            SectionKind::Other => "other",
        }
    }

    /// Parses a configuration name (`"rollback"`); `None` if unknown.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::KNOWN
            .into_iter()
            .chain([SectionKind::Other])
            .find(|k| k.name() == name)
    }
}

impl fmt::Display for SectionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Every built-in alias as `(language, kind, alias)`, in table order: the
/// data `docs/sections.md` lists.
pub fn builtin_aliases() -> impl Iterator<Item = (&'static str, SectionKind, &'static str)> {
    aliases::LANGUAGES.iter().flat_map(|language| {
        language.aliases.iter().flat_map(move |(kind, names)| {
            names.iter().map(move |name| (language.code, *kind, *name))
        })
    })
}

/// Words that qualify a section name without changing its kind.
const FILLER_WORDS: &[&str] = &["plan", "procedure", "procedures", "process", "section"];

/// Maps normalised heading text to a [`SectionKind`].
///
/// A heading matches an alias exactly ("Back-out plan" is "back-out") or by
/// its leading words ("Verify the restore" is "verify").
#[derive(Debug, Clone)]
pub struct SectionAliases {
    map: HashMap<String, SectionKind>,
}

impl Default for SectionAliases {
    fn default() -> Self {
        let mut table = Self {
            map: HashMap::new(),
        };
        for language in aliases::LANGUAGES {
            for (kind, names) in language.aliases {
                for name in *names {
                    table.add(*kind, name);
                }
            }
        }
        table
    }
}

impl SectionAliases {
    /// An empty table that recognises nothing.
    pub fn empty() -> Self {
        Self {
            map: HashMap::new(),
        }
    }

    /// Adds (or re-points) an alias; the heading text is normalised first.
    pub fn add(&mut self, kind: SectionKind, alias: &str) {
        let key = normalize_heading(alias);
        if !key.is_empty() {
            self.map.insert(key, kind);
        }
    }

    /// Every alias with its kind, sorted, for printing the configuration.
    pub fn entries(&self) -> Vec<(SectionKind, &str)> {
        let mut all: Vec<_> = self.map.iter().map(|(k, v)| (*v, k.as_str())).collect();
        all.sort_unstable();
        all
    }

    /// Classifies a heading's text.
    pub fn classify(&self, heading: &str) -> SectionKind {
        let normalized = normalize_heading(heading);
        if let Some(kind) = self.map.get(&normalized) {
            return *kind;
        }
        // Leading words: "rollback the deploy", "verify replication".
        let leading = normalized
            .match_indices(' ')
            .take(4)
            .find_map(|(end, _)| normalized.get(..end).and_then(|p| self.map.get(p)))
            .copied();
        // "Migration steps", "Upgrade steps": a procedure, whatever it does.
        let is_steps = || normalized.contains(' ') && normalized.ends_with(" steps");
        match leading {
            Some(kind) => kind,
            None if is_steps() => SectionKind::Steps,
            None => SectionKind::Other,
        }
    }

    /// Classifies a heading only if its whole text is an alias, without the
    /// leading-words match: for titles such as "Roll back a bad deploy",
    /// which name the runbook rather than a section of it.
    pub fn classify_exact(&self, heading: &str) -> SectionKind {
        self.map
            .get(&normalize_heading(heading))
            .copied()
            .unwrap_or(SectionKind::Other)
    }
}

/// Longest heading prefix looked at when classifying: aliases are a few
/// words, and a bound keeps a multi-megabyte heading line cheap.
const MAX_HEADING_BYTES: usize = 1024;

/// Lowercases, drops numbering, parentheticals, punctuation and filler words.
///
/// Only the first kilobyte of `text` is looked at.
pub fn normalize_heading(text: &str) -> String {
    let text = text.trim();
    let mut cut = text.len().min(MAX_HEADING_BYTES);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let text = text.get(..cut).unwrap_or("");
    // Words separated by single spaces, built in one pass.
    let mut out = String::with_capacity(text.len());
    let mut paren = 0usize;
    let mut pending_space = false;
    for c in text.chars() {
        match c {
            '(' | '[' => paren += 1,
            ')' | ']' => paren = paren.saturating_sub(1),
            _ if paren > 0 => {}
            c if c.is_alphanumeric() || c == '-' => {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                crate::slug::push_lowercase(&mut out, c);
            }
            _ => pending_space = true,
        }
    }
    let mut words: Vec<&str> = out.split(' ').collect();
    let mut first = 0;
    // Leading numbering: "1", "2.", "step 3".
    while let Some(word) = words.get(first) {
        let left = words.len() - first;
        let is_number = word.chars().all(is_numeral);
        let is_step_label = *word == "step" && left > 2;
        if (is_number || is_step_label) && left > 1 {
            first += 1;
        } else {
            break;
        }
    }
    if words.len() - first > 2
        && words.get(first) == Some(&"how")
        && words.get(first + 1) == Some(&"to")
    {
        first += 2;
    }
    while words.len() - first > 1 && words.last().is_some_and(|w| FILLER_WORDS.contains(w)) {
        words.pop();
    }
    words.get(first..).unwrap_or(&[]).join(" ")
}

/// Whether `c` numbers a heading: ASCII and full-width digits, and the
/// CJK numerals of "一、诊断".
fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c) || "一二三四五六七八九十".contains(c)
}

#[cfg(test)]
#[expect(clippy::panic, reason = "tests")]
mod tests {
    use super::*;

    #[test]
    fn aliases_match_case_punctuation_and_filler_insensitively() {
        let a = SectionAliases::default();
        assert_eq!(a.classify("Back-out plan"), SectionKind::Rollback);
        assert_eq!(a.classify("Before you begin:"), SectionKind::Prerequisites);
        assert_eq!(a.classify("ROLLBACK PROCEDURE"), SectionKind::Rollback);
        assert_eq!(a.classify("3. Verify"), SectionKind::Verification);
        assert_eq!(a.classify("Pre-requisites"), SectionKind::Prerequisites);
        assert_eq!(
            a.classify("Escalation (business hours)"),
            SectionKind::Contacts
        );
        assert_eq!(a.classify("Procedure"), SectionKind::Steps);
        assert_eq!(a.classify("Mitigation"), SectionKind::Steps);
        assert_eq!(a.classify("Meaning"), SectionKind::Meaning);
    }

    #[test]
    fn leading_words_match() {
        let a = SectionAliases::default();
        assert_eq!(a.classify("Verify the restore"), SectionKind::Verification);
        assert_eq!(a.classify("How to roll back"), SectionKind::Rollback);
        assert_eq!(a.classify("Background"), SectionKind::Other);
        // Procedure runbooks often open with "Context"; it is not an alert's Meaning.
        assert_eq!(a.classify("Context"), SectionKind::Other);
        assert_eq!(a.classify("Supported versions"), SectionKind::Other);
    }

    #[test]
    fn exact_classification_ignores_leading_words() {
        let a = SectionAliases::default();
        assert_eq!(a.classify_exact("Rollback plan:"), SectionKind::Rollback);
        assert_eq!(
            a.classify_exact("Roll back a bad deploy"),
            SectionKind::Other
        );
        assert_eq!(a.classify("Roll back a bad deploy"), SectionKind::Rollback);
    }

    #[test]
    fn configured_aliases_extend_the_table() {
        let mut a = SectionAliases::default();
        assert_eq!(a.classify("Fallback"), SectionKind::Other);
        assert_eq!(a.entries().iter().filter(|e| e.1 == "fallback").count(), 0);
        a.add(SectionKind::Rollback, "Fallback");
        assert_eq!(a.classify("fallback plan"), SectionKind::Rollback);
    }

    #[test]
    fn normalization_is_linear_and_bounded() {
        assert_eq!(
            normalize_heading("  2.  Roll-Back (prod) plan!! "),
            "roll-back"
        );
        assert_eq!(normalize_heading("Step 3: Verify"), "verify");
        assert_eq!(normalize_heading("How to roll back"), "roll back");
        assert_eq!(normalize_heading("1 2 3"), "3");
        assert_eq!(normalize_heading("Plan"), "plan");
        assert_eq!(normalize_heading("!!"), "");
        // A million leading numbers once made this quadratic.
        let numbers = format!("{}rollback", "1 ".repeat(1_000_000));
        assert_eq!(normalize_heading(&numbers), "1");
        let long = format!("Rollback {}", "é".repeat(5_000));
        assert!(normalize_heading(&long).len() <= MAX_HEADING_BYTES);
        assert_eq!(
            SectionAliases::default().classify(&long),
            SectionKind::Rollback
        );
    }

    #[test]
    fn no_builtin_alias_names_two_kinds() {
        let mut seen: HashMap<String, (SectionKind, &str)> = HashMap::new();
        for (language, kind, alias) in builtin_aliases() {
            let key = normalize_heading(alias);
            assert!(
                !key.is_empty(),
                "{language}: {alias:?} normalises to nothing"
            );
            if let Some((other, other_language)) = seen.insert(key, (kind, language)) {
                assert_eq!(
                    other, kind,
                    "{alias:?} is {kind} in {language} but {other} in {other_language}"
                );
            }
        }
    }

    #[test]
    fn every_language_names_every_kind() {
        for language in aliases::LANGUAGES {
            for kind in SectionKind::KNOWN {
                assert!(
                    language
                        .aliases
                        .iter()
                        .any(|(k, names)| *k == kind && !names.is_empty()),
                    "{} has no alias for {kind}",
                    language.code
                );
            }
        }
    }

    #[test]
    fn the_user_documentation_lists_every_builtin_alias() {
        let docs = include_str!("../../../../docs/sections.md");
        for (language, kind, alias) in builtin_aliases() {
            let section = docs
                .split("\n### ")
                .find(|s| s.starts_with(&format!("`{}`", kind.name())))
                .unwrap_or_else(|| panic!("docs/sections.md has no `### `{kind}`` table"));
            let row = section
                .lines()
                .find(|l| l.starts_with(&format!("| {language} ")))
                .unwrap_or_else(|| panic!("no {language} row for {kind} in docs/sections.md"));
            assert!(
                row.contains(&format!("`{alias}`")),
                "docs/sections.md does not list {alias:?} ({language}, {kind})"
            );
        }
    }

    #[test]
    fn convention_and_translated_headings_are_recognised() {
        let a = SectionAliases::default();
        assert_eq!(a.classify("一、诊断"), SectionKind::Diagnosis);
        assert_eq!(a.classify("２．影響"), SectionKind::Impact);
        assert_eq!(a.classify("Vérification :"), SectionKind::Verification);
        assert_eq!(a.classify("Résolution"), SectionKind::Steps);
        assert_eq!(a.classify("Possible checks"), SectionKind::Diagnosis);
        assert_eq!(a.classify("Steps to check"), SectionKind::Diagnosis);
        assert_eq!(a.classify("Steps"), SectionKind::Steps);
        assert_eq!(a.classify("Migration steps"), SectionKind::Steps);
        assert_eq!(a.classify("Verification steps"), SectionKind::Verification);
        assert_eq!(a.classify("Diagnosis steps"), SectionKind::Diagnosis);
        assert_eq!(a.classify_exact("Migration steps"), SectionKind::Other);
        assert_eq!(a.classify("Remedies"), SectionKind::Steps);
    }

    #[test]
    fn kind_names_round_trip() {
        for kind in SectionKind::KNOWN {
            assert_eq!(SectionKind::from_name(kind.name()), Some(kind));
        }
        assert_eq!(SectionKind::from_name("nope"), None);
    }
}
