//! The offline search index, built at build time and loaded by
//! `search-index.js` as a global (so search works from `file://`), only
//! when the search box is first used.
//!
//! It grows linearly with the collection. Per runbook it holds the title,
//! service, alerts, tags and a short excerpt; the words of its headings and
//! a capped list of distinct body words go into one inverted index: a
//! sorted vocabulary with, per word, the runbooks whose headings and whose
//! bodies hold it, as delta-encoded numbers. Words repeat across runbooks,
//! so each occurrence costs one or two bytes instead of the word again.
//! Words the other fields already hold, words inside a longer kept word
//! and common English words are left out of the body list: the search
//! matches substrings of every field and of the vocabulary, so they could
//! only be found twice.

use std::collections::HashMap;

use rayon::prelude::*;

/// Bytes of body text collected per runbook before extracting terms.
pub(crate) const MAX_BODY_TEXT_BYTES: usize = 64 * 1024;
/// Distinct body terms kept per runbook.
pub(crate) const MAX_TERMS_PER_DOC: usize = 250;
/// Distinct heading terms kept per runbook (headings are few; this only
/// bounds a hostile file).
pub(crate) const MAX_HEADING_TERMS_PER_DOC: usize = 500;
/// Shortest body word worth indexing.
pub(crate) const MIN_TERM_CHARS: usize = 3;
/// Longest word indexed. Longer ASCII words are hashes, keys and noise and
/// are dropped; longer runs of other scripts (Chinese and Japanese are
/// written without spaces) are indexed as overlapping windows.
pub(crate) const MAX_TERM_CHARS: usize = 32;
/// Characters two windows of a long run share, so a query of up to this
/// many characters is always inside one window.
const WINDOW_OVERLAP_CHARS: usize = 12;
/// Characters of the excerpt shown under a result.
pub(crate) const MAX_EXCERPT_CHARS: usize = 160;
/// Words too common to be worth a place in the body term list. Searching
/// for one still matches titles, headings, excerpts and longer words that
/// contain it.
const STOP_WORDS: &[&str] = &[
    "about", "after", "all", "also", "and", "any", "are", "back", "been", "before", "both", "but",
    "can", "does", "each", "for", "from", "has", "have", "if", "into", "its", "may", "more",
    "most", "must", "not", "now", "once", "only", "other", "our", "out", "over", "should", "some",
    "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this",
    "those", "through", "too", "under", "until", "use", "very", "was", "were", "what", "when",
    "where", "which", "while", "who", "will", "with", "you", "your",
];
/// Digits of the posting encoding that end a number (values 0 to 31)...
const TERMINAL_DIGITS: &[u8; 32] = b"0123456789abcdefghijklmnopqrstuv";
/// ...and the digits that continue it. Together they are 64 characters
/// that need no escaping in JSON.
const CONTINUATION_DIGITS: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZwxyz-_";

/// One runbook as the search sees it, before its terms are extracted.
#[derive(Debug, Clone)]
pub(crate) struct SearchEntry {
    pub title: String,
    /// Root-relative site path of the page.
    pub url: String,
    pub service: String,
    pub alerts: Vec<String>,
    pub tags: Vec<String>,
    pub excerpt: String,
    /// Prose and code.
    pub body: String,
    /// The headings' text.
    pub headings: String,
}

/// One runbook's row of the index: a few hundred bytes, kept until the
/// index is written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct SearchRow {
    title: String,
    url: String,
    service: String,
    alerts: String,
    tags: String,
    excerpt: String,
    /// Distinct heading words, space-separated.
    heading_terms: String,
    /// Distinct body words, space-separated.
    body_terms: String,
}

impl SearchRow {
    /// Extracts the terms of one runbook.
    pub(crate) fn new(entry: SearchEntry) -> Self {
        let alerts = entry.alerts.join(" ");
        let tags = entry.tags.join(" ");
        let fields = [entry.title.as_str(), &entry.service, &alerts, &tags];
        let heading_terms = terms(
            &entry.headings,
            &fields,
            1,
            MAX_HEADING_TERMS_PER_DOC,
            false,
        );
        let known = [
            entry.title.as_str(),
            &entry.service,
            &alerts,
            &tags,
            &entry.excerpt,
            &heading_terms,
        ];
        let body_terms = terms(&entry.body, &known, MIN_TERM_CHARS, MAX_TERMS_PER_DOC, true);
        Self {
            title: entry.title,
            url: entry.url,
            service: entry.service,
            alerts,
            tags,
            excerpt: entry.excerpt,
            heading_terms,
            body_terms,
        }
    }
}

/// The lowercase words of `text`: runs of letters, digits, `_` and `-`,
/// with runs of non-ASCII letters longer than [`MAX_TERM_CHARS`] cut into
/// overlapping windows and long ASCII words dropped.
fn words(text: &str, min_chars: usize) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .map(|word| word.trim_matches('-'))
        .flat_map(move |word| {
            let chars: Vec<char> = word.chars().collect();
            let windows: Vec<String> = if chars.len() < min_chars.max(1) {
                Vec::new()
            } else if chars.len() <= MAX_TERM_CHARS {
                vec![word.to_lowercase()]
            } else if word.is_ascii() {
                Vec::new()
            } else {
                let step = MAX_TERM_CHARS - WINDOW_OVERLAP_CHARS;
                (0..chars.len())
                    .step_by(step)
                    .take_while(|&at| at == 0 || at + WINDOW_OVERLAP_CHARS < chars.len())
                    .map(|at| {
                        chars
                            .get(at..(at + MAX_TERM_CHARS).min(chars.len()))
                            .unwrap_or_default()
                            .iter()
                            .collect::<String>()
                            .to_lowercase()
                    })
                    .collect()
            };
            windows
        })
}

/// Distinct lowercase words of `text`, in order of first use, capped, and
/// space-separated. The search matches substrings of every field, so words
/// found inside `known` (the other fields) or inside another kept word are
/// left out, and stop words too when `drop_stop_words`: they would only be
/// found twice.
fn terms(
    text: &str,
    known: &[&str],
    min_chars: usize,
    max_terms: usize,
    drop_stop_words: bool,
) -> String {
    let known = known.join(" ").to_lowercase();
    let mut seen = std::collections::HashSet::new();
    let mut kept: Vec<String> = Vec::new();
    for lower in words(text, min_chars) {
        if (drop_stop_words && STOP_WORDS.contains(&lower.as_str())) || known.contains(&lower) {
            continue;
        }
        if seen.insert(lower.clone()) {
            kept.push(lower);
            if kept.len() >= max_terms {
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

/// Appends `number` in the posting encoding: base-32 digits, most
/// significant first, the last one from [`TERMINAL_DIGITS`].
fn push_number(out: &mut String, number: u32) {
    let mut digits = [0u8; 7];
    let mut len = 0;
    let mut rest = number;
    loop {
        if let Some(slot) = digits.get_mut(len) {
            *slot = u8::try_from(rest % 32).unwrap_or(0);
        }
        len += 1;
        rest /= 32;
        if rest == 0 {
            break;
        }
    }
    for (i, digit) in digits.iter().take(len).rev().enumerate() {
        let table = if i + 1 == len {
            TERMINAL_DIGITS
        } else {
            CONTINUATION_DIGITS
        };
        out.push(char::from(
            table.get(usize::from(*digit)).copied().unwrap_or(b'0'),
        ));
    }
}

/// Ascending runbook numbers as gaps: each number minus the previous one
/// minus one (the first minus -1), so runs of neighbours cost one
/// character each.
fn encode_postings(ids: &[u32]) -> String {
    let mut out = String::with_capacity(ids.len() * 2);
    let mut next = 0;
    for &id in ids {
        push_number(&mut out, id.saturating_sub(next));
        next = id.saturating_add(1);
    }
    out
}

/// The short form of a page URL in the index: runbook pages all sit at
/// `runbooks/….html`, so only the middle is stored.
fn short_url(url: &str) -> &str {
    url.strip_prefix("runbooks/")
        .and_then(|u| u.strip_suffix(".html"))
        .unwrap_or(url)
}

/// The `search-index.js` script: assigns the index to `window.RUNBOOK_SEARCH`.
///
/// `docs` holds one array `[title, url, service, alerts, tags, excerpt]`
/// per runbook (arrays rather than objects keep the file smaller; `url`
/// without `runbooks/` and `.html`); `words` is the sorted vocabulary and
/// `heads[i]` / `body[i]` the encoded postings of `words[i]` in headings
/// and in bodies.
pub(crate) fn index_script(rows: &[&SearchRow]) -> String {
    let mut ids: HashMap<&str, usize> = HashMap::new();
    let mut postings: Vec<(&str, Vec<u32>, Vec<u32>)> = Vec::new();
    for (doc, row) in rows.iter().enumerate() {
        let doc = u32::try_from(doc).unwrap_or(u32::MAX);
        for (terms, in_heading) in [(&row.heading_terms, true), (&row.body_terms, false)] {
            for word in terms.split(' ').filter(|w| !w.is_empty()) {
                let id = *ids.entry(word).or_insert_with(|| {
                    postings.push((word, Vec::new(), Vec::new()));
                    postings.len() - 1
                });
                if let Some((_, heads, body)) = postings.get_mut(id) {
                    let list = if in_heading { heads } else { body };
                    if list.last() != Some(&doc) {
                        list.push(doc);
                    }
                }
            }
        }
    }
    postings.par_sort_unstable_by(|a, b| a.0.cmp(b.0));
    // Written by hand rather than through a JSON value tree: at 10,000
    // runbooks the tree and its copies were tens of megabytes.
    let mut out = String::with_capacity(64 * rows.len() + 16 * postings.len());
    out.push_str("window.RUNBOOK_SEARCH = {\"body\":[");
    push_list(&mut out, postings.iter().map(|p| encode_postings(&p.2)));
    out.push_str("],\"docs\":[");
    for (i, r) in rows.iter().enumerate() {
        out.push_str(if i == 0 { "[" } else { ",[" });
        let fields = [
            r.title.as_str(),
            short_url(&r.url),
            &r.service,
            &r.alerts,
            &r.tags,
            &r.excerpt,
        ];
        push_list(&mut out, fields.iter().map(|f| (*f).to_owned()));
        out.push(']');
    }
    out.push_str("],\"heads\":[");
    push_list(&mut out, postings.iter().map(|p| encode_postings(&p.1)));
    out.push_str("],\"version\":2,\"words\":[");
    push_list(&mut out, postings.iter().map(|p| p.0.to_owned()));
    out.push_str("]};\n");
    out
}

/// Appends strings as comma-separated JSON strings.
fn push_list(out: &mut String, items: impl Iterator<Item = String>) {
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_json_string(out, &item);
    }
}

/// Appends `text` as a JSON string, with `<` escaped so the index stays
/// inert even if inlined into a page, and U+2028/9, which were line
/// terminators in old JS engines.
fn push_json_string(out: &mut String, text: &str) {
    let json = serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_owned());
    if json.contains(['<', '\u{2028}', '\u{2029}']) {
        out.push_str(
            &json
                .replace('<', "\\u003c")
                .replace('\u{2028}', "\\u2028")
                .replace('\u{2029}', "\\u2029"),
        );
    } else {
        out.push_str(&json);
    }
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

    fn body_terms(text: &str, known: &[&str]) -> String {
        terms(text, known, MIN_TERM_CHARS, MAX_TERMS_PER_DOC, true)
    }

    #[test]
    #[expect(clippy::format_collect, reason = "test data")]
    fn terms_are_distinct_lowercase_and_bounded() {
        assert_eq!(
            body_terms("Check the REPLICATION lag; check replication! a an", &[]),
            "check replication lag"
        );
        // "replica" is inside "replication": a search for it already matches.
        assert_eq!(body_terms("replica replication", &[]), "replication");
        let long = "x".repeat(MAX_TERM_CHARS + 1);
        assert_eq!(body_terms(&long, &[]), "");
        let many: String = (0..MAX_TERMS_PER_DOC * 2)
            .map(|i| format!("w{i:05}x "))
            .collect();
        assert_eq!(body_terms(&many, &[]).split(' ').count(), MAX_TERMS_PER_DOC);
    }

    #[test]
    fn terms_leave_out_words_other_fields_hold() {
        assert_eq!(
            body_terms(
                "Fail over the primary, then check lag",
                &["Failover", "db primary"]
            ),
            "check lag"
        );
    }

    #[test]
    fn heading_terms_keep_short_and_common_words() {
        assert_eq!(
            terms("Before you begin\nStep 2", &[], 1, 10, false),
            "before you begin step 2"
        );
    }

    #[test]
    fn long_runs_without_spaces_are_indexed_as_overlapping_windows() {
        // 40 characters of Chinese with no separator: one "word".
        let text = "数据库主节点故障时请先确认复制延迟然后再执行切换操作并且通知值班负责人以及相关团队成员等待确认";
        assert!(text.chars().count() > MAX_TERM_CHARS);
        let windows = body_terms(text, &[]);
        let windows: Vec<&str> = windows.split(' ').collect();
        assert!(windows.len() >= 2, "{windows:?}");
        // Every query up to the overlap is inside one window.
        let chars: Vec<char> = text.chars().collect();
        for at in 0..=chars.len() - WINDOW_OVERLAP_CHARS {
            let query: String = chars.iter().skip(at).take(WINDOW_OVERLAP_CHARS).collect();
            assert!(windows.iter().any(|w| w.contains(&query)), "{query}");
        }
    }

    #[test]
    fn postings_are_gaps_in_base_32() {
        assert_eq!(encode_postings(&[]), "");
        assert_eq!(encode_postings(&[0, 1, 2]), "000");
        // 40 - 6 - 1 = 33 = 1 * 32 + 1: a continuation digit, then a terminal one.
        assert_eq!(encode_postings(&[5, 6, 40]), "50B1");
        assert_eq!(encode_postings(&[1000]), "_8", "1,000 = 31 * 32 + 8");
        assert_eq!(encode_postings(&[u32::MAX]).len(), 7);
    }

    fn row(title: &str, url: &str, headings: &str, body: &str) -> SearchRow {
        SearchRow::new(SearchEntry {
            title: title.into(),
            url: url.into(),
            service: "db".into(),
            alerts: vec!["A".into(), "B".into()],
            tags: vec!["t".into()],
            excerpt: "Use it".into(),
            body: body.into(),
            headings: headings.into(),
        })
    }

    #[test]
    fn index_is_a_global_assignment_of_an_inverted_index() {
        let a = row(
            "Fail \"over\"",
            "runbooks/a.html",
            "Before you begin",
            "Use replication, fail over: lag",
        );
        let b = row("B", "runbooks/x/b.html", "Rollback", "lag <script>");
        let script = index_script(&[&a, &b]);
        assert_eq!(
            script,
            concat!(
                "window.RUNBOOK_SEARCH = {\"body\":[\"\",\"\",\"00\",\"0\",\"\",\"1\",\"\"],",
                "\"docs\":[[\"Fail \\\"over\\\"\",\"a\",\"db\",\"A B\",\"t\",\"Use it\"],",
                "[\"B\",\"x/b\",\"db\",\"A B\",\"t\",\"Use it\"]],",
                "\"heads\":[\"0\",\"0\",\"\",\"\",\"1\",\"\",\"0\"],",
                "\"version\":2,",
                "\"words\":[\"before\",\"begin\",\"lag\",\"replication\",\"rollback\",\"script\",\"you\"]};\n"
            )
        );
    }

    #[test]
    fn excerpt_is_capped() {
        let text = "word ".repeat(100);
        assert!(excerpt(&text).chars().count() <= MAX_EXCERPT_CHARS + 1);
        assert!(excerpt(&text).ends_with('…'));
    }
}
