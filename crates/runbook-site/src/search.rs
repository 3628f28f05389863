//! The offline search index, built at build time and loaded by
//! `search-index.js` as a global (so search works from `file://`).
//!
//! It grows linearly with the collection: per runbook, its title, service,
//! alerts, tags, a short excerpt and a capped list of distinct body terms.
//! The term list leaves out words the other fields already hold (the search
//! matches every field, so they would only be found twice) and common
//! English words, which keeps the index about a third smaller.

use std::collections::HashSet;

use rayon::prelude::*;

/// Bytes of body text collected per runbook before extracting terms.
pub(crate) const MAX_BODY_TEXT_BYTES: usize = 64 * 1024;
/// Distinct body terms kept per runbook.
pub(crate) const MAX_TERMS_PER_DOC: usize = 250;
/// Shortest body word worth indexing.
pub(crate) const MIN_TERM_CHARS: usize = 3;
/// Longest body word indexed (longer ones are hashes, keys, noise).
pub(crate) const MAX_TERM_CHARS: usize = 32;
/// Characters of the excerpt shown under a result.
pub(crate) const MAX_EXCERPT_CHARS: usize = 160;
/// Words too common to be worth a place in the term list. Searching for one
/// still matches titles, excerpts and longer words that contain it.
const STOP_WORDS: &[&str] = &[
    "about", "after", "all", "also", "and", "any", "are", "back", "been", "before", "both", "but",
    "can", "does", "each", "for", "from", "has", "have", "if", "into", "its", "may", "more",
    "most", "must", "not", "now", "once", "only", "other", "our", "out", "over", "should", "some",
    "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this",
    "those", "through", "too", "under", "until", "use", "very", "was", "were", "what", "when",
    "where", "which", "while", "who", "will", "with", "you", "your",
];

/// One runbook as the search sees it.
#[derive(Debug, Clone)]
pub(crate) struct SearchEntry {
    pub title: String,
    /// Root-relative site path of the page.
    pub url: String,
    pub service: String,
    pub alerts: Vec<String>,
    pub tags: Vec<String>,
    pub excerpt: String,
    pub body: String,
}

/// Distinct lowercase words of `text`, in order of first use, capped.
/// The search matches substrings of every field, so words found inside
/// `known` (the other fields) or inside another kept word, and stop words,
/// are left out: they would only be found twice.
fn terms(text: &str, known: &[&str]) -> String {
    let known = known.join(" ").to_lowercase();
    let mut seen = HashSet::new();
    let mut kept: Vec<String> = Vec::new();
    for word in text.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-')) {
        let word = word.trim_matches('-');
        let chars = word.chars().count();
        if !(MIN_TERM_CHARS..=MAX_TERM_CHARS).contains(&chars) {
            continue;
        }
        let lower = word.to_lowercase();
        if STOP_WORDS.contains(&lower.as_str()) || known.contains(&lower) {
            continue;
        }
        if seen.insert(lower.clone()) {
            kept.push(lower);
            if kept.len() >= MAX_TERMS_PER_DOC {
                break;
            }
        }
    }
    let redundant = redundant_terms(&kept);
    let mut out = String::new();
    for (term, _) in kept.iter().zip(&redundant).filter(|(_, r)| !**r) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(term);
    }
    out
}

/// Which of the distinct `terms` occur inside another one.
///
/// Comparing every pair was quadratic (250 terms a runbook: a third of a
/// 10,000-runbook build). A term lies inside another exactly when it is a
/// prefix of one of the other's suffixes, and in a sorted list of all
/// suffixes those form one run: one sort and a binary search per term.
fn redundant_terms(terms: &[String]) -> Vec<bool> {
    let shortest = terms.iter().map(String::len).min().unwrap_or(0);
    let mut suffixes: Vec<(&str, usize)> = Vec::new();
    for (owner, term) in terms.iter().enumerate() {
        for (at, _) in term.char_indices() {
            let suffix = term.get(at..).unwrap_or("");
            if suffix.len() < shortest {
                break;
            }
            suffixes.push((suffix, owner));
        }
    }
    suffixes.sort_unstable();
    terms
        .iter()
        .enumerate()
        .map(|(index, term)| {
            let from = suffixes.partition_point(|(suffix, _)| *suffix < term.as_str());
            suffixes
                .get(from..)
                .unwrap_or_default()
                .iter()
                .take_while(|(suffix, _)| suffix.starts_with(term.as_str()))
                .any(|(_, owner)| *owner != index)
        })
        .collect()
}

/// A short excerpt: the first words of the body text.
pub(crate) fn excerpt(text: &str) -> String {
    let mut out = String::new();
    for word in text.split_whitespace() {
        if out.chars().count() + word.chars().count() > MAX_EXCERPT_CHARS {
            out.push('…');
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The `search-index.js` script: assigns the index to `window.RUNBOOK_SEARCH`.
///
/// Each entry is an array `[title, url, service, alerts, tags, excerpt, terms]`
/// (arrays rather than objects keep the file about a third smaller).
pub(crate) fn index_script(entries: &[SearchEntry]) -> String {
    let rows: Vec<serde_json::Value> = entries
        .par_iter()
        .map(|e| {
            let alerts = e.alerts.join(" ");
            let tags = e.tags.join(" ");
            let known = [e.title.as_str(), &e.service, &alerts, &tags, &e.excerpt];
            serde_json::json!([
                e.title,
                e.url,
                e.service,
                alerts,
                tags,
                e.excerpt,
                terms(&e.body, &known),
            ])
        })
        .collect();
    let json = serde_json::to_string(&rows).unwrap_or_else(|_| "[]".to_owned());
    // Escape `<` so the index stays inert even if inlined into a page, and
    // U+2028/9, which were line terminators in old JS engines.
    let json = json
        .replace('<', "\\u003c")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029");
    format!("window.RUNBOOK_SEARCH = {json};\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether a longer one of `terms` contains `term`: the definition
    /// `redundant_terms` computes faster.
    fn inside_another(terms: &[String], term: &str) -> bool {
        terms
            .iter()
            .any(|other| other.len() > term.len() && other.contains(term))
    }

    #[test]
    fn redundant_terms_match_the_pairwise_definition() {
        let lists: [&[&str]; 4] = [
            &[
                "replication",
                "lag",
                "replica",
                "plica",
                "tion",
                "ion",
                "zürich",
                "rich",
                "ürich",
            ],
            &["abc", "bcd", "abcd", "cd-x", "x-cd", "cd"],
            &["one"],
            &[],
        ];
        // And term lists built from overlapping fragments by a fixed
        // linear congruential sequence.
        let parts = ["ab", "abc", "b", "c", "ü", "rep", "lica", "tion", "-", "x"];
        let mut state: u64 = 7;
        let mut next = move |n: usize| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            usize::try_from(state >> 33).unwrap_or(0) % n
        };
        let generated: Vec<Vec<String>> = (0..500)
            .map(|_| {
                let mut terms: Vec<String> = (0..next(30))
                    .map(|_| {
                        (0..=next(4))
                            .filter_map(|_| parts.get(next(parts.len())).copied())
                            .collect()
                    })
                    .collect();
                terms.sort();
                terms.dedup();
                terms
            })
            .collect();
        let fixed = lists
            .iter()
            .map(|list| list.iter().map(|t| (*t).to_owned()).collect::<Vec<_>>());
        // The lists must exercise the "inside another" case a lot.
        let mut found = 0;
        for terms in fixed.chain(generated) {
            let list = &terms;
            let expected: Vec<bool> = terms.iter().map(|t| inside_another(&terms, t)).collect();
            found += expected.iter().filter(|r| **r).count();
            assert_eq!(redundant_terms(&terms), expected, "{list:?}");
        }
        assert!(found > 1000, "only {found} redundant terms generated");
    }

    #[test]
    #[expect(clippy::format_collect, reason = "test data")]
    fn terms_are_distinct_lowercase_and_bounded() {
        assert_eq!(
            terms("Check the REPLICATION lag; check replication! a an", &[]),
            "check replication lag"
        );
        // "replica" is inside "replication": a search for it already matches.
        assert_eq!(terms("replica replication", &[]), "replication");
        let long = "x".repeat(MAX_TERM_CHARS + 1);
        assert_eq!(terms(&long, &[]), "");
        let many: String = (0..MAX_TERMS_PER_DOC * 2)
            .map(|i| format!("w{i:05}x "))
            .collect();
        assert_eq!(terms(&many, &[]).split(' ').count(), MAX_TERMS_PER_DOC);
    }

    #[test]
    fn terms_leave_out_words_other_fields_hold() {
        assert_eq!(
            terms(
                "Fail over the primary, then check lag",
                &["Failover", "db primary"]
            ),
            "check lag"
        );
    }

    #[test]
    fn index_is_a_global_assignment_of_arrays() {
        let script = index_script(&[SearchEntry {
            title: "Fail \"over\"".into(),
            url: "runbooks/a.html".into(),
            service: "db".into(),
            alerts: vec!["A".into(), "B".into()],
            tags: vec!["t".into()],
            excerpt: "Use it".into(),
            body: "Use replication, fail over: lag".into(),
        }]);
        assert_eq!(
            script,
            "window.RUNBOOK_SEARCH = [[\"Fail \\\"over\\\"\",\"runbooks/a.html\",\"db\",\"A B\",\"t\",\"Use it\",\"replication lag\"]];\n"
        );
    }

    #[test]
    fn excerpt_is_capped() {
        let text = "word ".repeat(100);
        assert!(excerpt(&text).chars().count() <= MAX_EXCERPT_CHARS + 1);
        assert!(excerpt(&text).ends_with('…'));
    }
}
