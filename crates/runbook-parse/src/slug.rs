//! GitHub-style heading anchors.

use std::collections::HashMap;

/// Turns heading text into the anchor GitHub would give it.
///
/// Lowercase; letters, digits, `-` and `_` are kept, spaces become `-`,
/// everything else is dropped (as github-slugger does).
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '-' || c == '_' {
            push_lowercase(&mut slug, c);
        } else if c == ' ' {
            slug.push('-');
        }
    }
    slug
}

/// Appends `c` lowercased; ASCII skips the Unicode case tables, which
/// showed in profiles of heading-heavy trees.
pub(crate) fn push_lowercase(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else {
        out.extend(c.to_lowercase());
    }
}

/// GitLab's form of a GitHub slug: runs of `-` collapsed to one.
pub(crate) fn collapse_hyphens(slug: &str) -> String {
    let mut out = String::with_capacity(slug.len());
    for c in slug.chars() {
        if c != '-' || !out.ends_with('-') {
            out.push(c);
        }
    }
    out
}

/// Hands out unique slugs within one document: `a`, `a-1`, `a-2`.
#[derive(Debug, Default)]
pub struct Slugger {
    seen: HashMap<String, usize>,
}

impl Slugger {
    /// The unique slug for the next heading with this text.
    pub fn slug(&mut self, text: &str) -> String {
        let base = slugify(text);
        let mut candidate = base.clone();
        while self.seen.contains_key(&candidate) {
            let count = self.seen.entry(base.clone()).or_insert(0);
            *count += 1;
            candidate = format!("{base}-{count}");
        }
        self.seen.insert(candidate.clone(), 0);
        candidate
    }

    /// Reserves an explicit anchor (`{#id}`) so later headings avoid it.
    pub fn claim(&mut self, id: &str) {
        self.seen.entry(id.to_owned()).or_insert(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_follow_github() {
        assert_eq!(slugify("Roll back the deploy!"), "roll-back-the-deploy");
        assert_eq!(slugify("Step 2: `psql` checks"), "step-2-psql-checks");
        assert_eq!(slugify("Überprüfung"), "überprüfung");
        assert_eq!(slugify("snake_case & more"), "snake_case--more");
    }

    #[test]
    fn duplicates_get_suffixes() {
        let mut s = Slugger::default();
        assert_eq!(s.slug("Verify"), "verify");
        assert_eq!(s.slug("Verify"), "verify-1");
        assert_eq!(s.slug("Verify 1"), "verify-1-1");
        assert_eq!(s.slug("Verify"), "verify-2");
    }
}
