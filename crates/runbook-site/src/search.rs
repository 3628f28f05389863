//! The offline search index, built at build time and loaded by
//! `search-index.js` as a global (so search works from `file://`).
//!
//! It grows linearly with the collection: per runbook, its title, service,
//! alerts, tags, a short excerpt and a capped list of distinct body terms.

use std::collections::HashSet;

/// Bytes of body text collected per runbook before extracting terms.
pub(crate) const MAX_BODY_TEXT_BYTES: usize = 64 * 1024;
/// Distinct body terms kept per runbook.
pub(crate) const MAX_TERMS_PER_DOC: usize = 250;
/// Shortest body word worth indexing.
pub(crate) const MIN_TERM_CHARS: usize = 3;
/// Longest body word indexed (longer ones are hashes, keys, noise).
pub(crate) const MAX_TERM_CHARS: usize = 32;
/// Characters of the excerpt shown under a result.
pub(crate) const MAX_EXCERPT_CHARS: usize = 180;

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
fn terms(text: &str) -> String {
    let mut seen = HashSet::new();
    let mut out = String::new();
    for word in text.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-')) {
        let word = word.trim_matches('-');
        let chars = word.chars().count();
        if !(MIN_TERM_CHARS..=MAX_TERM_CHARS).contains(&chars) {
            continue;
        }
        let lower = word.to_lowercase();
        if seen.insert(lower.clone()) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&lower);
            if seen.len() >= MAX_TERMS_PER_DOC {
                break;
            }
        }
    }
    out
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
        .iter()
        .map(|e| {
            serde_json::json!([
                e.title,
                e.url,
                e.service,
                e.alerts.join(" "),
                e.tags.join(" "),
                e.excerpt,
                terms(&e.body),
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

    #[test]
    #[expect(clippy::format_collect, reason = "test data")]
    fn terms_are_distinct_lowercase_and_bounded() {
        assert_eq!(
            terms("Check the REPLICATION lag; check replication! a an"),
            "check the replication lag"
        );
        let long = "x".repeat(MAX_TERM_CHARS + 1);
        assert_eq!(terms(&long), "");
        let many: String = (0..MAX_TERMS_PER_DOC * 2)
            .map(|i| format!("word{i} "))
            .collect();
        assert_eq!(terms(&many).split(' ').count(), MAX_TERMS_PER_DOC);
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
            body: "Replication lag".into(),
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
