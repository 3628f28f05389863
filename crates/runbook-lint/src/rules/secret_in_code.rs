//! `secret-in-code`: credentials written into the runbook.

use std::sync::LazyLock;

use regex::Regex;
use runbook_parse::Span;

use crate::diagnostic::Severity;
use crate::rule::{Category, Context, Rule, RuleMeta};

/// Token formats with a recognisable prefix: precise, so any match counts.
static TOKENS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?-u:\b)(?:AKIA|ASIA)[0-9A-Z]{16}(?-u:\b)",
        r"|(?-u:\b)gh[pousr]_[A-Za-z0-9]{36,}|(?-u:\b)github_pat_[A-Za-z0-9_]{40,}",
        r"|(?-u:\b)glpat-[A-Za-z0-9_-]{20,}",
        r"|(?-u:\b)xox[abprs]-[A-Za-z0-9-]{10,}",
        r"|(?-u:\b)sk_live_[A-Za-z0-9]{20,}|(?-u:\b)AIza[0-9A-Za-z_-]{35}",
        r"|-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY( BLOCK)?-----",
        r"|(?-u:\b)eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}",
    ))
    .expect("the built-in token pattern is valid")
});

/// How far after a `-----BEGIN ... PRIVATE KEY-----` line the key's
/// base64 must start (encrypted keys put `Proc-Type` and `DEK-Info` first).
const KEY_MATERIAL_WINDOW: usize = 300;

/// A line of this many base64 characters, and nothing else, is key material.
const KEY_MATERIAL_LINE: usize = 16;

/// Whether base64 key material follows a private key header at `end`; a
/// header quoted alone ("the block starts with `-----BEGIN PRIVATE
/// KEY-----`") names the format, it leaks nothing.
fn has_key_material(text: &str, end: usize) -> bool {
    let window = text.get(end..).unwrap_or("");
    let mut limit = window.len().min(KEY_MATERIAL_WINDOW);
    while !window.is_char_boundary(limit) {
        limit -= 1;
    }
    let window = window.get(..limit).unwrap_or("");
    // The header's own line ends first; the key starts on a later line.
    window.lines().skip(1).any(|line| {
        let line = line.trim();
        line.len() >= KEY_MATERIAL_LINE
            && line
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
    })
}

/// `password=...`-style assignments, anchored: tried only where a
/// [`KEYWORDS`] spelling ends just before a `:` or `=`; the value is
/// checked separately.
static ASSIGNMENT: LazyLock<Regex> = LazyLock::new(|| {
    // Built from the list so the keywords are written once.
    let keywords: Vec<String> = KEYWORDS.iter().map(|k| regex::escape(k)).collect();
    Regex::new(&format!(
        r#"^(?i:{})["']?\s*[:=]\s*["']?([^\s"'`,;)]+)"#,
        keywords.join("|")
    ))
    .expect("the built-in assignment pattern is valid")
});

/// Every spelling of the [`ASSIGNMENT`] keywords. A case-insensitive regex
/// alternation gets no literal prefilter (each letter doubles the
/// variants), so scanning whole bodies with it cost more than all other
/// rules together; finding `:` and `=` with `memchr` and looking back for
/// a keyword is the same search at a fraction of the cost.
const KEYWORDS: &[&str] = &[
    "password",
    "passwd",
    "pwd",
    "secret",
    "apikey",
    "api_key",
    "api-key",
    "accesskey",
    "access_key",
    "access-key",
    "authtoken",
    "auth_token",
    "auth-token",
    "clientsecret",
    "client_secret",
    "client-secret",
    "token",
];

/// Values that are documentation, not secrets.
const PLACEHOLDER_WORDS: &[&str] = &[
    "changeme",
    "change-me",
    "password",
    "secret",
    "example",
    "redacted",
    "your",
    "xxx",
    "placeholder",
    "token",
    "dummy",
    "sample",
    "foo",
    "bar",
    "test",
    "none",
    "null",
    "true",
    "false",
    "mysecret",
    "mypassword",
];

crate::declare_rule! {
    /// ## What it checks
    /// Credentials in code blocks, inline code or text: AWS access keys
    /// (`AKIA...`), GitHub, GitLab and Slack tokens, Stripe and Google API
    /// keys, private key blocks (a header with key material after it, not a
    /// header quoted alone), JSON Web Tokens, `password=`-style
    /// assignments with a literal value, and the regexes of `[secrets]
    /// patterns`. Values that are clearly placeholders are not reported:
    /// variables (`$PASSWORD`, `${TOKEN}`), `<password>`, `****`,
    /// `changeme`, values containing `example` and anything matching
    /// `[secrets] allowlist`. The message masks the secret.
    ///
    /// ## Why it matters
    /// Runbooks are copied, published and pasted into chat. A credential in
    /// one leaks with it, and a credential in a runbook is usually a
    /// long-lived one with production access.
    ///
    /// ## Example
    /// ```markdown
    /// psql "postgres://admin:hunter2@db/payments"
    /// export AWS_ACCESS_KEY_ID=AKIAZ3MHQ7K2LX5PWN4T
    /// ```
    ///
    /// ## How to fix
    /// Remove the secret, rotate it (it must be considered leaked), and
    /// reference where to get it instead: `export PGPASSWORD=$(vault kv get
    /// -field=password secret/payments-db)`.
    pub SecretInCode, "secret-in-code", Severity::Error, Category::Content
}

impl Rule for SecretInCode {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let doc = cx.doc;
        // Secrets are secrets wherever they are written: one pass over the
        // body covers code blocks, inline code, prose and link targets.
        let text = doc.text(doc.body);
        let at = |start: usize, end: usize| Span::new(doc.body.start + start, doc.body.start + end);
        let mut found: Vec<(Span, String)> = Vec::new();
        for m in TOKENS
            .find_iter(text)
            .chain(cx.compiled.secrets.iter().flat_map(|re| re.find_iter(text)))
        {
            let is_header_alone =
                m.as_str().starts_with("-----BEGIN") && !has_key_material(text, m.end());
            if !m.as_str().contains("EXAMPLE") && !is_header_alone {
                found.push((at(m.start(), m.end()), m.as_str().to_owned()));
            }
        }
        for (start, end) in assignments(text) {
            if let Some(value) = text.get(start..end).filter(|v| is_literal_secret(v)) {
                found.push((at(start, end), value.to_owned()));
            }
        }
        found.retain(|(_, secret)| !cx.compiled.allowlist.iter().any(|re| re.is_match(secret)));
        found.sort_by_key(|(s, _)| (s.start, s.end));
        found.dedup_by_key(|(s, _)| s.start);
        for (span, secret) in found {
            let redact = key_block(text, span.start - doc.body.start, span.end - doc.body.start)
                .map_or(span, |(start, end)| at(start, end));
            cx.report(
                span,
                format!("possible secret `{}` in the runbook", mask(&secret)),
            )
            .redact = Some(redact);
        }
    }
}

/// Byte ranges of the values of `password=...`-style assignments in
/// `text`: leftmost-first and non-overlapping, like `captures_iter` of the
/// unanchored pattern with a leading ASCII `\b` (a test checks that).
fn assignments(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let is_word = |i: usize| {
        bytes
            .get(i)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
    };
    let mut values = Vec::new();
    let mut searched_to = 0;
    for sign in memchr::memchr2_iter(b':', b'=', bytes) {
        if sign < searched_to {
            continue;
        }
        let before = text
            .get(..sign)
            .unwrap_or("")
            .trim_end_matches(char::is_whitespace);
        let before = before.strip_suffix(['"', '\'']).unwrap_or(before);
        // Most `:` (URLs, YAML in code blocks) follow no keyword's last
        // letter: rejected here, before trying each keyword in full.
        let Some(last) = before.as_bytes().last().map(u8::to_ascii_lowercase) else {
            continue;
        };
        if !KEYWORDS.iter().any(|k| k.as_bytes().last() == Some(&last)) {
            continue;
        }
        // The leftmost keyword ending here that starts a word.
        let start = KEYWORDS
            .iter()
            .filter_map(|k| {
                let start = before.len().checked_sub(k.len())?;
                let word = before.get(start..)?;
                word.eq_ignore_ascii_case(k).then_some(start)
            })
            .filter(|&start| start >= searched_to && (start == 0 || !is_word(start - 1)))
            .min();
        let Some(start) = start else {
            continue;
        };
        let Some(caps) = text.get(start..).and_then(|rest| ASSIGNMENT.captures(rest)) else {
            continue;
        };
        if let (Some(whole), Some(value)) = (caps.get(0), caps.get(1)) {
            searched_to = start + whole.end();
            values.push((start + value.start(), start + value.end()));
        }
    }
    values
}

/// Whether an assigned value looks like a real credential, not a reference
/// to one or a documentation placeholder.
fn is_literal_secret(value: &str) -> bool {
    let lower = value.to_lowercase();
    let first = value.chars().next().unwrap_or(' ');
    value.chars().count() >= 6
        && !matches!(first, '$' | '<' | '{' | '%' | '*' | '[' | '(' | '.' | '/' | '@' | '-')
        && !value.contains("...")
        && !value.chars().all(|c| c == value.chars().next().unwrap_or(c))
        && !PLACEHOLDER_WORDS.iter().any(|w| lower.contains(w))
        // A plain word or identifier is a name ("token: bootstrap"), not a secret.
        && value.chars().any(|c| c.is_ascii_digit())
        && value.chars().any(char::is_alphabetic)
}

/// How many characters of a secret a message or a masked text shows.
const SHOWN: usize = 4;

/// The first four characters and stars, so the message does not leak it.
pub fn mask(secret: &str) -> String {
    let shown: String = secret.chars().take(SHOWN).collect();
    format!("{shown}****")
}

/// `secret` masked character for character: the first four shown, every
/// other character but line breaks a `*`, so a masked text keeps its lines
/// and columns. Every output that shows a runbook's text masks with this.
pub fn mask_in_place(secret: &str) -> String {
    secret
        .chars()
        .enumerate()
        .map(|(i, c)| {
            if i < SHOWN || c == '\n' || c == '\r' {
                c
            } else {
                '*'
            }
        })
        .collect()
}

/// For a private key header, the whole block to its `-----END` line (or
/// the end of the text): the key is in the lines after the header.
fn key_block(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let header = text.get(start..end)?;
    if !header.contains("PRIVATE KEY") {
        return None;
    }
    let rest = text.get(end..)?;
    let close = rest
        .find("-----END ")
        .and_then(|i| {
            rest.get(i + 9..)
                .and_then(|r| r.find("-----"))
                .map(|j| i + 9 + j + 5)
        })
        .unwrap_or(rest.len());
    Some((start, end + close))
}

#[cfg(test)]
#[expect(clippy::unwrap_used, reason = "tests unwrap known patterns")]
mod tests {
    use super::*;

    #[test]
    fn references_and_placeholders_are_not_secrets() {
        for v in [
            "$PGPASSWORD",
            "${TOKEN}",
            "<password>",
            "****",
            "changeme",
            "example123",
            "hunter",
        ] {
            assert!(!is_literal_secret(v), "{v}");
        }
        assert!(is_literal_secret("s3cr3tValue9"));
        assert_eq!(mask("AKIAZ3MHQ7K2LX5PWN4T"), "AKIA****");
    }

    #[test]
    fn assignments_match_the_unanchored_search() {
        let reference = Regex::new(concat!(
            r#"(?i)(?-u:\b)(?:password|passwd|pwd|secret|api[_-]?key|access[_-]?key"#,
            r#"|auth[_-]?token|client[_-]?secret|token)["']?\s*[:=]\s*["']?([^\s"'`,;)]+)"#
        ))
        .unwrap();
        for text in [
            "export PASSWORD=hunter2 TOKEN=abc123",
            "password=token=abc9 and api-key: 'k3y9'",
            "mypassword=x1 my_token=y2 the-token=z3 Auth_Token = \"q9\"",
            "passwordtoken=1a\nclient-secret:\n  s3cret",
            "Zürich password: é9x access key= nope accesskey=ab12",
            "",
            "password=abctoken : zz9 token\u{3000}= 'x9y' pwd\"=\"a1",
            "a=b:c token:: 12ab auth-token= 'zz' api_KEY  :\t\"v4l\"",
        ]
        .into_iter()
        .map(str::to_owned)
        .chain(generated())
        {
            let text = text.as_str();
            let want: Vec<(usize, usize)> = reference
                .captures_iter(text)
                .filter_map(|c| c.get(1))
                .map(|m| (m.start(), m.end()))
                .collect();
            assert_eq!(assignments(text), want, "{text}");
        }
    }

    /// Texts built from fragments that make assignments and near-misses,
    /// from a fixed linear congruential sequence (no test depends on luck).
    fn generated() -> impl Iterator<Item = String> {
        const PARTS: &[&str] = &[
            "password", "PassWd", "pwd", "secret", "api", "_", "-", "key", "access", "Auth",
            "token", "client", "x", "9", " ", "\n", "\t", ":", "=", "\"", "'", "`", ",", ";", ")",
            "é", "ab12", "$V", "my", ".",
        ];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        (0..4000).map(move |_| {
            let mut text = String::new();
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            let len = (state >> 59) + 1;
            for _ in 0..len * 2 {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1);
                let index = usize::try_from(state >> 33).unwrap() % PARTS.len();
                text.push_str(PARTS.get(index).unwrap());
            }
            text
        })
    }
}
