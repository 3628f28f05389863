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

/// `password=...`-style assignments; the value is checked separately.
static ASSIGNMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)(?-u:\b)(?:password|passwd|pwd|secret|api[_-]?key|access[_-]?key|auth[_-]?token|client[_-]?secret|token)["']?\s*[:=]\s*["']?([^\s"'`,;)]+)"#)
        .expect("the built-in assignment pattern is valid")
});

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
    /// keys, private key blocks, JSON Web Tokens, `password=`-style
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
            if !m.as_str().contains("EXAMPLE") {
                found.push((at(m.start(), m.end()), m.as_str().to_owned()));
            }
        }
        for caps in ASSIGNMENT.captures_iter(text) {
            if let Some(value) = caps.get(1).filter(|v| is_literal_secret(v.as_str())) {
                found.push((at(value.start(), value.end()), value.as_str().to_owned()));
            }
        }
        found.retain(|(_, secret)| !cx.compiled.allowlist.iter().any(|re| re.is_match(secret)));
        found.sort_by_key(|(s, _)| (s.start, s.end));
        found.dedup_by_key(|(s, _)| s.start);
        for (span, secret) in found {
            cx.report(
                span,
                format!("possible secret `{}` in the runbook", mask(&secret)),
            );
        }
    }
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

/// The first four characters and stars, so the message does not leak it.
fn mask(secret: &str) -> String {
    let shown: String = secret.chars().take(4).collect();
    format!("{shown}****")
}

#[cfg(test)]
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
}
