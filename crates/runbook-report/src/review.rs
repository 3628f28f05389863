//! Review dates: when a runbook was last reviewed and when it is due again.

use jiff::civil::Date;

/// What a runbook's `last_reviewed` says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Reviewed {
    /// A valid date.
    On(Date),
    /// No `last_reviewed` key (or one that is not a string).
    Missing,
    /// A value that is not a date, as written.
    Invalid(String),
}

/// Reads `last_reviewed` as written: `YYYY-MM-DD`, or an RFC 3339 date-time
/// (TOML offset date-times arrive in that form) whose date part is used.
pub(crate) fn parse_reviewed(raw: Option<&str>) -> Reviewed {
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

/// The date a review falls due: `last_reviewed` plus `interval` days, or
/// `None` when that lies outside the calendar jiff supports.
pub(crate) fn due_date(reviewed: Date, interval_days: i64) -> Option<Date> {
    reviewed
        .checked_add(jiff::Span::new().try_days(interval_days).ok()?)
        .ok()
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
pub(crate) fn days_between(from: Date, to: Date) -> i64 {
    from.until(to).map_or(0, |span| i64::from(span.get_days()))
}

#[cfg(test)]
#[expect(clippy::unwrap_used, reason = "tests unwrap known results")]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn dates_and_datetimes_parse() {
        assert_eq!(
            parse_reviewed(Some("2026-11-25")),
            Reviewed::On(date(2026, 11, 25))
        );
        assert_eq!(
            parse_reviewed(Some("2026-11-25T10:00:00Z")),
            Reviewed::On(date(2026, 11, 25))
        );
        assert_eq!(parse_reviewed(None), Reviewed::Missing);
        assert_eq!(
            parse_reviewed(Some("last tuesday")),
            Reviewed::Invalid("last tuesday".to_owned())
        );
        assert_eq!(
            parse_reviewed(Some("2026-02-30")),
            Reviewed::Invalid("2026-02-30".to_owned())
        );
        // Multi-byte text must not split a character at byte 10.
        assert!(matches!(
            parse_reviewed(Some("2026-11-2é")),
            Reviewed::Invalid(_)
        ));
    }

    #[test]
    fn due_dates_and_day_counts() {
        let due = due_date(date(2026, 1, 1), 180).unwrap();
        assert_eq!(due, date(2026, 6, 30));
        assert_eq!(days_between(due, date(2026, 7, 10)), 10);
        assert_eq!(days_between(date(2026, 7, 10), due), -10);
        assert_eq!(due_date(date(9999, 12, 1), 365), None);
        assert_eq!(due_date(date(2026, 1, 1), i64::MAX), None);
    }
}
