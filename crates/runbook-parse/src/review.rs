//! The review policy: when a runbook was last reviewed, when it falls due,
//! and what "today" is. Lint (`stale-review`), the report and the site all
//! ask this one module, so a page can never show a finding next to a
//! badge that disagrees with it.

use jiff::civil::Date;

use crate::metadata::Metadata;

/// The review interval when neither the runbook nor the configuration sets one.
pub const DEFAULT_MAX_AGE_DAYS: u32 = 180;

/// How far in the future a `last_reviewed` date may lie before it is
/// reported: "today" is the UTC date, and a reviewer east of Greenwich
/// writes their own date, up to a day ahead of it.
const FUTURE_TOLERANCE_DAYS: i64 = 1;

/// Today's date in UTC: the one clock of the workspace. Callers that must
/// be reproducible (tests, `RUNBOOK_TODAY`) pass a fixed date instead.
pub fn utc_today() -> Date {
    jiff::tz::TimeZone::UTC
        .to_datetime(jiff::Timestamp::now())
        .date()
}

/// What a runbook's `last_reviewed` says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reviewed {
    /// A valid date.
    On(Date),
    /// No `last_reviewed` key (or one that is not a string).
    Missing,
    /// A value that is not a date, as written.
    Invalid(String),
}

impl Reviewed {
    /// Reads `last_reviewed` as written: `YYYY-MM-DD`, or an RFC 3339
    /// date-time (TOML offset date-times arrive in that form) whose date
    /// part is used.
    pub fn parse(raw: Option<&str>) -> Self {
        let Some(raw) = raw else {
            return Reviewed::Missing;
        };
        let text = raw.trim();
        if let Ok(date) = text.parse::<Date>() {
            return Reviewed::On(date);
        }
        let date_part = text
            .get(..10)
            .filter(|_| matches!(text.as_bytes().get(10), Some(b'T' | b't' | b' ')));
        match date_part.map(str::parse::<Date>) {
            Some(Ok(date)) => Reviewed::On(date),
            _ => Reviewed::Invalid(raw.to_owned()),
        }
    }
}

/// Where a runbook stands on review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReviewStatus {
    /// Reviewed within its interval; `due` is `None` when the due date lies
    /// past the end of the calendar.
    Current {
        /// The last review.
        reviewed: Date,
        /// When the next review falls due.
        due: Option<Date>,
    },
    /// Past its due date.
    Overdue {
        /// The last review.
        reviewed: Date,
        /// When it fell due.
        due: Date,
        /// Whole days since `due`, at least 1.
        days_overdue: i64,
    },
    /// `last_reviewed` lies more than a day after today.
    Future {
        /// The date written.
        reviewed: Date,
    },
    /// No `last_reviewed`.
    Missing,
    /// A `last_reviewed` that is not a date, as written.
    Invalid(String),
}

/// A runbook's review: the interval that applies to it and its status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    /// `review_interval_days` when the runbook sets a positive one, else
    /// the configured maximum age.
    pub interval_days: i64,
    /// Where it stands.
    pub status: ReviewStatus,
}

impl Review {
    /// Judges `meta` against `today`; `max_age_days` is the configured
    /// interval for runbooks that set none (`[review] max_age_days`).
    pub fn of(meta: &Metadata, today: Date, max_age_days: u32) -> Self {
        // A zero or negative interval is a schema error; it falls back to
        // the configured age rather than making every runbook overdue.
        let interval_days = meta
            .review_interval_days
            .as_ref()
            .map(|d| d.value)
            .filter(|&d| d > 0)
            .unwrap_or(i64::from(max_age_days));
        Self::judge(meta, today, interval_days)
    }

    /// Judges `meta` as [`Review::of`] does, with the interval capped at
    /// `limit_days`: a policy (a `[[require]]` of `runbook.toml`) that allows
    /// no more than `limit_days` between reviews, whatever the runbook's own
    /// `review_interval_days` says.
    pub fn at_most(meta: &Metadata, today: Date, max_age_days: u32, limit_days: u32) -> Self {
        let own = Self::of(meta, today, max_age_days);
        if own.interval_days <= i64::from(limit_days) {
            return own;
        }
        Self::judge(meta, today, i64::from(limit_days))
    }

    /// Where `meta`'s `last_reviewed` stands with `interval_days` between reviews.
    fn judge(meta: &Metadata, today: Date, interval_days: i64) -> Self {
        let raw = meta.last_reviewed.as_ref().map(|s| s.value.as_str());
        let status = match Reviewed::parse(raw) {
            Reviewed::Missing => ReviewStatus::Missing,
            Reviewed::Invalid(text) => ReviewStatus::Invalid(text),
            Reviewed::On(reviewed) if days_between(today, reviewed) > FUTURE_TOLERANCE_DAYS => {
                ReviewStatus::Future { reviewed }
            }
            Reviewed::On(reviewed) => match due_date(reviewed, interval_days) {
                Some(due) if days_between(due, today) > 0 => ReviewStatus::Overdue {
                    reviewed,
                    due,
                    days_overdue: days_between(due, today),
                },
                due => ReviewStatus::Current { reviewed, due },
            },
        };
        Self {
            interval_days,
            status,
        }
    }

    /// Whether the review is overdue, in the future, missing or unreadable.
    pub fn needs_attention(&self) -> bool {
        !matches!(self.status, ReviewStatus::Current { .. })
    }
}

/// `reviewed` plus `interval` days, or `None` past the end of the calendar.
fn due_date(reviewed: Date, interval_days: i64) -> Option<Date> {
    reviewed
        .checked_add(jiff::Span::new().try_days(interval_days).ok()?)
        .ok()
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: Date, to: Date) -> i64 {
    i64::from((to - from).get_days())
}

#[cfg(test)]
#[expect(clippy::unwrap_used, reason = "tests unwrap known results")]
mod tests {
    use super::*;
    use crate::position::{Span, Spanned};
    use jiff::civil::date;

    fn meta(reviewed: Option<&str>, interval: Option<i64>) -> Metadata {
        let spanned = |value| Spanned {
            value,
            span: Span::new(0, 0),
        };
        Metadata {
            last_reviewed: reviewed.map(|r| spanned(r.to_owned())),
            review_interval_days: interval.map(|value| Spanned {
                value,
                span: Span::new(0, 0),
            }),
            ..Metadata::default()
        }
    }

    #[test]
    fn dates_and_datetimes_parse() {
        assert_eq!(
            Reviewed::parse(Some("2026-11-25")),
            Reviewed::On(date(2026, 11, 25))
        );
        assert_eq!(
            Reviewed::parse(Some("2026-11-25T10:00:00Z")),
            Reviewed::On(date(2026, 11, 25))
        );
        assert_eq!(Reviewed::parse(None), Reviewed::Missing);
        assert_eq!(
            Reviewed::parse(Some("last tuesday")),
            Reviewed::Invalid("last tuesday".to_owned())
        );
        assert_eq!(
            Reviewed::parse(Some("2026-02-30")),
            Reviewed::Invalid("2026-02-30".to_owned())
        );
        // Multi-byte text must not split a character at byte 10.
        assert!(matches!(
            Reviewed::parse(Some("2026-11-2é")),
            Reviewed::Invalid(_)
        ));
    }

    #[test]
    fn interval_comes_from_the_runbook_then_the_configuration() {
        let today = date(2026, 12, 1);
        assert_eq!(
            Review::of(&meta(None, Some(30)), today, 90).interval_days,
            30
        );
        assert_eq!(Review::of(&meta(None, None), today, 90).interval_days, 90);
        // Zero is a schema error, not "always overdue".
        assert_eq!(
            Review::of(&meta(None, Some(0)), today, 90).interval_days,
            90
        );
    }

    #[test]
    fn status_on_the_boundaries() {
        let today = date(2026, 12, 1);
        let status = |reviewed: &str, interval| {
            Review::of(&meta(Some(reviewed), Some(interval)), today, 180).status
        };
        // Due today is still current; a day later it is overdue.
        assert_eq!(
            status("2026-11-01", 30),
            ReviewStatus::Current {
                reviewed: date(2026, 11, 1),
                due: Some(today)
            }
        );
        assert_eq!(
            status("2026-10-31", 30),
            ReviewStatus::Overdue {
                reviewed: date(2026, 10, 31),
                due: date(2026, 11, 30),
                days_overdue: 1
            }
        );
        assert!(matches!(
            status("2026-12-02", 30),
            ReviewStatus::Current { .. }
        ));
        assert_eq!(
            status("2026-12-03", 30),
            ReviewStatus::Future {
                reviewed: date(2026, 12, 3)
            }
        );
        assert!(matches!(
            status("9999-12-01", i64::MAX),
            ReviewStatus::Future { .. }
        ));
        assert_eq!(
            Review::of(&meta(Some("2026-01-01"), Some(i64::MAX)), today, 180).status,
            ReviewStatus::Current {
                reviewed: date(2026, 1, 1),
                due: None
            }
        );
    }

    #[test]
    fn a_limit_caps_the_runbook_interval() {
        let today = date(2026, 12, 1);
        let reviewed = meta(Some("2026-08-01"), Some(365));
        assert!(matches!(
            Review::of(&reviewed, today, 180).status,
            ReviewStatus::Current { .. }
        ));
        let capped = Review::at_most(&reviewed, today, 180, 90);
        assert_eq!(capped.interval_days, 90);
        assert!(matches!(capped.status, ReviewStatus::Overdue { .. }));
        // A stricter interval of the runbook's own is kept.
        let strict = meta(Some("2026-11-01"), Some(30));
        assert_eq!(Review::at_most(&strict, today, 180, 90).interval_days, 30);
        assert_eq!(
            Review::at_most(&meta(None, None), today, 180, 90).status,
            ReviewStatus::Missing
        );
    }

    #[test]
    fn today_is_a_real_date() {
        assert!(utc_today() > date(2026, 1, 1));
    }

    #[test]
    fn days_between_is_signed() {
        let (a, b) = (date(2026, 6, 30), date(2026, 7, 10));
        assert_eq!(days_between(a, b), 10);
        assert_eq!(days_between(b, a), -10);
        assert!(due_date(date(9999, 12, 1), 365).is_none());
        assert!(due_date(date(2026, 1, 1), 180).unwrap() == a);
    }
}
