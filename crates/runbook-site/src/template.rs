//! A tiny `{{name}}` template filler plus the escaping helpers it relies on.
//!
//! Values are inserted verbatim: callers build them from [`escape`]d text,
//! so escaping happens in one place, in Rust, and templates stay plain HTML.

use std::fmt::Write as _;

/// The page layout shared by every page.
pub(crate) const LAYOUT: &str = include_str!("../templates/layout.html");
/// The index page body.
pub(crate) const INDEX: &str = include_str!("../templates/index.html");
/// The runbook page body.
pub(crate) const RUNBOOK: &str = include_str!("../templates/runbook.html");
/// A simple listing page body (alerts, services, tags, rules).
pub(crate) const LISTING: &str = include_str!("../templates/listing.html");
/// The not-found page body.
pub(crate) const NOT_FOUND: &str = include_str!("../templates/404.html");
/// A stable alert URL that forwards to its runbook.
pub(crate) const REDIRECT: &str = include_str!("../templates/redirect.html");

/// Replaces each `{{name}}` in `template` with its value; unknown names
/// become empty so a typo shows up in snapshots rather than as a panic.
pub(crate) fn fill(template: &str, vars: &[(&str, &str)]) -> String {
    let mut out =
        String::with_capacity(template.len() + vars.iter().map(|v| v.1.len()).sum::<usize>());
    let mut rest = template;
    while let Some(open) = rest.find("{{") {
        out.push_str(rest.get(..open).unwrap_or(""));
        let after = rest.get(open + 2..).unwrap_or("");
        let Some(close) = after.find("}}") else {
            out.push_str(rest.get(open..).unwrap_or(""));
            return out;
        };
        let name = after.get(..close).unwrap_or("").trim();
        if let Some((_, value)) = vars.iter().find(|(n, _)| *n == name) {
            out.push_str(value);
        }
        rest = after.get(close + 2..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// Escapes text for HTML element content and double-quoted attributes.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text);
    out
}

/// Appends `text` escaped for HTML text and quoted attribute values
/// (`& < > " '`).
pub(crate) fn push_escaped(out: &mut String, text: &str) {
    // Unchanged runs are copied whole: escaping was a visible share of a
    // 20,000-page site build when done a character at a time.
    let mut from = 0;
    for (at, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        // `at` is an ASCII byte, so both slices end on character boundaries.
        out.push_str(text.get(from..at).unwrap_or_default());
        out.push_str(entity);
        from = at + 1;
    }
    out.push_str(text.get(from..).unwrap_or_default());
}

/// Schemes a link may use; everything else (`javascript:`, `data:`,
/// `vbscript:`, `file:` ...) is dropped.
const SAFE_SCHEMES: &[&str] = &["http", "https", "mailto", "tel", "slack", "sms"];

/// Whether a URL is safe to put in an `href`: relative, or with a safe scheme.
pub(crate) fn is_safe_url(url: &str) -> bool {
    // Browsers ignore ASCII whitespace and control characters inside a
    // scheme ("java\tscript:"), so judge the URL as they would read it.
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect();
    let Some(colon) = cleaned.find(':') else {
        return true;
    };
    let before = cleaned.get(..colon).unwrap_or("");
    if before.contains(['/', '?', '#']) {
        // The colon is in the path or query, so there is no scheme.
        return true;
    }
    let scheme = before.to_ascii_lowercase();
    SAFE_SCHEMES.contains(&scheme.as_str())
}

/// Encodes a path segment for use in a URL (keeps it readable for ASCII).
pub(crate) fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_substitutes_known_names_and_drops_unknown() {
        assert_eq!(
            fill("a{{x}}b{{ y }}c{{z}}", &[("x", "1"), ("y", "2")]),
            "a1b2c"
        );
        assert_eq!(fill("open {{x", &[("x", "1")]), "open {{x");
    }

    #[test]
    fn escape_covers_attribute_breakers() {
        assert_eq!(
            escape(r#"<a href="x" b='y'>&"#),
            "&lt;a href=&quot;x&quot; b=&#39;y&#39;&gt;&amp;"
        );
    }

    #[test]
    fn unsafe_schemes_are_rejected() {
        for url in [
            "javascript:alert(1)",
            "JavaScript:x",
            " java\tscript:x",
            "data:text/html,x",
            "vbscript:x",
            "file:///etc/passwd",
        ] {
            assert!(!is_safe_url(url), "{url}");
        }
        for url in [
            "https://x",
            "mailto:a@b",
            "tel:+1",
            "other.md#a",
            "#top",
            "/a:b",
            "a/b:c",
            "?q=a:b",
        ] {
            assert!(is_safe_url(url), "{url}");
        }
    }

    #[test]
    fn paths_are_percent_encoded() {
        assert_eq!(
            encode_path("alerts/Foo Bar\"x.html"),
            "alerts/Foo%20Bar%22x.html"
        );
    }
}
