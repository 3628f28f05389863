//! The severity policy: which `severity` values a runbook may give and how
//! they rank. Lint (the vocabulary check and `[[require]]` conditions), the
//! site (filter, badges, order) and the report all ask this one module, so
//! `SEV1` can never be "critical" on one page and unknown on another.
//!
//! The standard scale accepts, case-insensitively, the vocabularies teams
//! write: `SEV0`–`SEV5`, `S0`–`S5`, `P0`–`P5` (`sev-1` and `sev 1` too),
//! `critical`/`high`/`medium`/`low`/`info`, Prometheus' `warning` and
//! `page`/`ticket`. They share one rank scale, most severe first:
//!
//! | rank | values |
//! | --- | --- |
//! | 0 | `sev0`, `s0`, `p0` |
//! | 1 | `sev1`, `s1`, `p1`, `critical`, `page` |
//! | 2 | `sev2`, `s2`, `p2`, `high` |
//! | 3 | `sev3`, `s3`, `p3`, `medium`, `warning`, `ticket` |
//! | 4 | `sev4`, `s4`, `p4`, `low` |
//! | 5 | `sev5`, `s5`, `p5`, `info` |
//!
//! A custom scale (`[severity] levels` in `runbook.toml`) replaces it with a
//! team's own ordered list; a level's rank is its position.
//!
//! ```
//! use runbook_parse::severity::SeverityScale;
//!
//! let standard = SeverityScale::standard();
//! assert_eq!(standard.rank("SEV1"), standard.rank("critical"));
//! assert!(standard.rank("p0").unwrap().is_at_least(standard.rank("high").unwrap()));
//!
//! let team = SeverityScale::custom(["sev1", "sev2", "sev3"]).unwrap();
//! assert_eq!(team.rank("Sev2").map(|r| r.position()), Some(1));
//! assert_eq!(team.rank("critical"), None);
//! ```

use crate::metadata::Metadata;

/// How many levels a custom scale may have.
pub const MAX_LEVELS: usize = 32;

/// Every spelling the standard scale accepts, lowercase, for suggestions.
const STANDARD_NAMES: &[&str] = &[
    "critical", "high", "medium", "low", "info", "warning", "page", "ticket", "sev0", "sev1",
    "sev2", "sev3", "sev4", "sev5", "s0", "s1", "s2", "s3", "s4", "s5", "p0", "p1", "p2", "p3",
    "p4", "p5",
];

/// The word each standard rank is named by, most severe first.
const STANDARD_LEVELS: [&str; 6] = ["sev0", "critical", "high", "medium", "low", "info"];

/// The standard rank of `critical`: runbooks at it or above are of the
/// highest rank, which is where `sev1`, `P1` and `page` teams put their worst.
const STANDARD_HIGHEST: u8 = 1;

/// Where a severity value stands: 0 is the most severe. Ranks order by
/// position, so sorting ascending lists the most severe first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SeverityRank(u8);

impl SeverityRank {
    /// The position on its scale, 0 being the most severe.
    pub fn position(self) -> u8 {
        self.0
    }

    /// Whether this rank is as severe as `other` or more.
    pub fn is_at_least(self, other: SeverityRank) -> bool {
        self.0 <= other.0
    }
}

/// Why a list of levels cannot be a scale.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ScaleError {
    /// No levels.
    #[error("`levels` must name at least one severity")]
    Empty,
    /// More than [`MAX_LEVELS`].
    #[error("`levels` may name at most {MAX_LEVELS} severities")]
    TooMany,
    /// A level that is empty or only whitespace, by position.
    #[error("level {0} is empty")]
    Blank(usize),
    /// A level given twice (compared case-insensitively).
    #[error("level `{0}` is given twice")]
    Duplicate(String),
}

/// The severity vocabulary of a configuration and its ranks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SeverityScale {
    /// A team's own levels, lowercase, most severe first; `None` is the
    /// standard scale.
    levels: Option<Vec<String>>,
}

impl SeverityScale {
    /// The standard scale: every common vocabulary, on one rank scale.
    pub fn standard() -> Self {
        Self::default()
    }

    /// A team's own levels, most severe first, compared case-insensitively.
    pub fn custom<S: AsRef<str>>(levels: impl IntoIterator<Item = S>) -> Result<Self, ScaleError> {
        let mut out: Vec<String> = Vec::new();
        for (i, level) in levels.into_iter().enumerate() {
            let level = level.as_ref().trim().to_lowercase();
            if level.is_empty() {
                return Err(ScaleError::Blank(i + 1));
            }
            if out.contains(&level) {
                return Err(ScaleError::Duplicate(level));
            }
            if out.len() == MAX_LEVELS {
                return Err(ScaleError::TooMany);
            }
            out.push(level);
        }
        if out.is_empty() {
            return Err(ScaleError::Empty);
        }
        Ok(Self { levels: Some(out) })
    }

    /// The custom levels, lowercase, most severe first; `None` for the
    /// standard scale.
    pub fn levels(&self) -> Option<&[String]> {
        self.levels.as_deref()
    }

    /// The rank of a value as written, `None` when the scale does not know it.
    pub fn rank(&self, value: &str) -> Option<SeverityRank> {
        let lower = value.trim().to_lowercase();
        let position = match &self.levels {
            Some(levels) => levels
                .iter()
                .position(|l| *l == lower)
                .and_then(|p| u8::try_from(p).ok()),
            None => standard_rank(&lower),
        };
        position.map(SeverityRank)
    }

    /// The rank of a runbook's `severity`, `None` when it gives none or one
    /// the scale does not know.
    pub fn of(&self, meta: &Metadata) -> Option<SeverityRank> {
        meta.severity.as_ref().and_then(|s| self.rank(&s.value))
    }

    /// The highest rank: the first custom level, or `critical` (with the
    /// `sev0`/`p0` tier above it) on the standard scale.
    pub fn highest(&self) -> SeverityRank {
        SeverityRank(if self.levels.is_some() {
            0
        } else {
            STANDARD_HIGHEST
        })
    }

    /// The name a rank goes by: the custom level, or the standard word
    /// (`sev0`, `critical`, `high`, `medium`, `low`, `info`).
    pub fn name(&self, rank: SeverityRank) -> Option<&str> {
        let i = usize::from(rank.0);
        match &self.levels {
            Some(levels) => levels.get(i).map(String::as_str),
            None => STANDARD_LEVELS.get(i).copied(),
        }
    }

    /// A rank's colour tier from 0 (the most severe) to 5, comparable
    /// across scales: the standard rank itself, or a custom level's
    /// position spread over 0–5 (with `sev1`…`sev4`: 0, 2, 3, 5).
    pub fn tier(&self, rank: SeverityRank) -> u8 {
        let Some(levels) = &self.levels else {
            return rank.0.min(5);
        };
        let last = u32::try_from(levels.len().saturating_sub(1)).unwrap_or(u32::MAX);
        if last == 0 {
            return STANDARD_HIGHEST;
        }
        let spread = (u32::from(rank.0) * 5 * 2 + last) / (2 * last);
        u8::try_from(spread.min(5)).unwrap_or(5)
    }

    /// Every accepted value, lowercase, for did-you-mean suggestions.
    pub fn names(&self) -> Vec<&str> {
        match &self.levels {
            Some(levels) => levels.iter().map(String::as_str).collect(),
            None => STANDARD_NAMES.to_vec(),
        }
    }

    /// The accepted values in words, for messages.
    pub fn describe(&self) -> String {
        match &self.levels {
            Some(levels) => levels
                .iter()
                .map(|l| format!("`{l}`"))
                .collect::<Vec<_>>()
                .join(", "),
            None => "SEV0–SEV5, S0–S5, P0–P5, `critical`, `high`, `medium`, `low`, `info`, \
                     `warning`, `page` or `ticket`"
                .to_owned(),
        }
    }
}

/// The standard rank of a lowercase value.
fn standard_rank(lower: &str) -> Option<u8> {
    match lower {
        "critical" | "page" => Some(1),
        "high" => Some(2),
        "medium" | "warning" | "ticket" => Some(3),
        "low" => Some(4),
        "info" => Some(5),
        _ => numbered(lower),
    }
}

/// `sev1`, `sev-1`, `sev 1`, `s1`, `p1`: the digit, 0 to 5.
fn numbered(lower: &str) -> Option<u8> {
    let rest = lower
        .strip_prefix("sev")
        .or_else(|| lower.strip_prefix('s'))
        .or_else(|| lower.strip_prefix('p'))?;
    let rest = rest.strip_prefix(['-', '_', ' ']).unwrap_or(rest);
    match rest.as_bytes() {
        [digit @ b'0'..=b'5'] => Some(digit - b'0'),
        _ => None,
    }
}

#[cfg(test)]
#[expect(clippy::unwrap_used, reason = "tests unwrap known results")]
mod tests {
    use super::*;

    fn position(scale: &SeverityScale, value: &str) -> Option<u8> {
        scale.rank(value).map(SeverityRank::position)
    }

    #[test]
    fn standard_vocabularies_share_one_scale() {
        let s = SeverityScale::standard();
        for (value, rank) in [
            ("SEV0", 0),
            ("sev1", 1),
            ("Sev-2", 2),
            ("sev 3", 3),
            ("S4", 4),
            ("p5", 5),
            ("P0", 0),
            ("critical", 1),
            ("PAGE", 1),
            ("High", 2),
            ("warning", 3),
            ("ticket", 3),
            ("medium", 3),
            ("low", 4),
            (" info ", 5),
        ] {
            assert_eq!(position(&s, value), Some(rank), "{value}");
        }
        for unknown in ["sev6", "p10", "urgent", "s", "sev", "", "sev-", "severe1"] {
            assert_eq!(position(&s, unknown), None, "{unknown}");
        }
        // Every name offered as a suggestion is accepted.
        for name in s.names() {
            assert!(s.rank(name).is_some(), "{name}");
        }
        assert_eq!(s.name(s.highest()), Some("critical"));
        assert_eq!(s.name(SeverityRank(6)), None);
    }

    #[test]
    fn custom_levels_replace_the_vocabulary() {
        let s = SeverityScale::custom(["SEV1", "sev2", "sev3"]).unwrap();
        assert_eq!(position(&s, "sev1"), Some(0));
        assert_eq!(position(&s, "Sev3"), Some(2));
        assert_eq!(position(&s, "critical"), None);
        assert_eq!(position(&s, "sev5"), None);
        assert_eq!(s.highest().position(), 0);
        assert_eq!(s.names(), ["sev1", "sev2", "sev3"]);
        assert_eq!(s.name(SeverityRank(1)), Some("sev2"));
        let tiers: Vec<u8> = (0..3).map(|p| s.tier(SeverityRank(p))).collect();
        assert_eq!(tiers, [0, 3, 5]);
        let four = SeverityScale::custom(["sev1", "sev2", "sev3", "sev4"]).unwrap();
        let tiers: Vec<u8> = (0..4).map(|p| four.tier(SeverityRank(p))).collect();
        assert_eq!(tiers, [0, 2, 3, 5]);
        let one = SeverityScale::custom(["page"]).unwrap();
        assert_eq!(one.tier(SeverityRank(0)), 1);
        assert_eq!(SeverityScale::standard().tier(SeverityRank(4)), 4);
        assert!(SeverityRank(0).is_at_least(SeverityRank(1)));
        assert!(!SeverityRank(2).is_at_least(SeverityRank(1)));
    }

    #[test]
    fn bad_level_lists_are_errors() {
        assert_eq!(
            SeverityScale::custom(Vec::<String>::new()),
            Err(ScaleError::Empty)
        );
        assert_eq!(SeverityScale::custom(["a", " "]), Err(ScaleError::Blank(2)));
        assert_eq!(
            SeverityScale::custom(["a", "A"]),
            Err(ScaleError::Duplicate("a".to_owned()))
        );
        let many: Vec<String> = (0..=MAX_LEVELS).map(|i| format!("l{i}")).collect();
        assert_eq!(SeverityScale::custom(many), Err(ScaleError::TooMany));
    }
}
