//! Did-you-mean: the one suggestion function behind every "did you mean"
//! of the configuration, suppression comments and the command line.

/// How similar (Jaro-Winkler, 0 to 1) a candidate must be to count as a
/// likely typo of the word.
const THRESHOLD: f64 = 0.7;

/// The candidate closest to `word`, if it is close enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    ranked(word, candidates).into_iter().next()
}

/// How similar a heading anchor must be to the one a link names to be
/// suggested: anchors are long, hyphenated phrases, which share enough
/// letters by chance to pass the looser threshold of keys and rule ids.
pub(crate) const ANCHOR_THRESHOLD: f64 = 0.85;

/// The candidate closest to `word` with a similarity above `min`.
pub(crate) fn closest_above<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    min: f64,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > min)
        .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

/// ` (did you mean `SUGGESTION`?)` to end a message with, or nothing.
pub fn hint(suggestion: Option<&str>) -> String {
    suggestion.map_or_else(String::new, |s| format!(" (did you mean `{s}`?)"))
}

/// Every candidate close enough to `word` to be a likely typo, closest
/// first (ties by name).
pub fn ranked<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let mut scored: Vec<(f64, &str)> = candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > THRESHOLD)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.into_iter().map(|(_, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::{ANCHOR_THRESHOLD, closest, closest_above, hint, ranked};

    #[test]
    fn suggests_near_misses_only() {
        let ids = ["missing-rollback", "missing-contacts", "stale-review"];
        assert_eq!(closest("missing-rolback", ids), Some("missing-rollback"));
        assert_eq!(closest("stale-reveiw", ids), Some("stale-review"));
        assert_eq!(closest("zzz", ids), None);
        assert_eq!(hint(Some("#x")), " (did you mean `#x`?)");
        assert_eq!(hint(None), "");
        let anchors = ["instructions", "promote-the-replica"];
        assert_eq!(
            closest_above("promote-a-replica", anchors, ANCHOR_THRESHOLD),
            Some("promote-the-replica")
        );
        assert_eq!(
            closest_above("no-such-section", anchors, ANCHOR_THRESHOLD),
            None
        );
        assert_eq!(
            ranked("missing-contact", ids),
            ["missing-contacts", "missing-rollback"]
        );
    }
}
