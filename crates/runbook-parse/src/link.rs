//! Where a relative link points: the decoded path and anchor of a link
//! destination, and lexical path normalisation.
//!
//! The linter's `broken-link` check and the site's link rewriting both
//! resolve links with these, so a link the linter accepts is one the site
//! can follow (`my%20runbook.md` included).

use std::path::{Component, Path, PathBuf};

/// A link destination that points into the repository.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkTarget {
    /// The percent-decoded path, without query or fragment; empty for a
    /// link to an anchor of the same page (`#rollback`).
    pub path: String,
    /// The percent-decoded fragment, if there is a non-empty one.
    pub anchor: Option<String>,
}

impl LinkTarget {
    /// The repository target of `destination`; `None` for URLs with a
    /// scheme (`https:`, `mailto:`), site-absolute paths and Hugo
    /// shortcodes, which cannot be resolved from the files alone.
    pub fn parse(destination: &str) -> Option<Self> {
        let dest = destination.trim();
        if dest.is_empty() || dest.starts_with("{{") || dest.starts_with('/') || has_scheme(dest) {
            return None;
        }
        let (path, anchor) = match dest.split_once('#') {
            Some((path, anchor)) => (path, Some(decode(anchor))),
            None => (dest, None),
        };
        let path = path.split('?').next().unwrap_or(path);
        Some(Self {
            path: decode(path),
            anchor: anchor.filter(|a| !a.is_empty()),
        })
    }
}

/// Whether `dest` starts with a URL scheme (`https:`, `mailto:`, `git+ssh:`).
fn has_scheme(dest: &str) -> bool {
    let Some((scheme, _)) = dest.split_once(':') else {
        return false;
    };
    scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Decodes `%XX` escapes; malformed ones stay as written.
fn decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

/// Removes `.` and resolves `..` without touching the file system; a `..`
/// above the start is kept.
pub fn normalize_path(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                // `..` cancels a name; above the start it stacks up, and
                // above the root it stays at the root.
                if out.file_name().is_some() {
                    out.pop();
                } else if !out.has_root() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(dest: &str) -> Option<(String, Option<String>)> {
        LinkTarget::parse(dest).map(|t| (t.path, t.anchor))
    }

    #[test]
    fn relative_links_are_decoded_and_split() {
        assert_eq!(
            target("../db/fail%20over.md?plain=1#roll%2Dback"),
            Some(("../db/fail over.md".into(), Some("roll-back".into())))
        );
        assert_eq!(
            target("#verify"),
            Some((String::new(), Some("verify".into())))
        );
        assert_eq!(target("x.md#"), Some(("x.md".into(), None)));
        // Malformed escapes stay as written.
        assert_eq!(target("100%.md"), Some(("100%.md".into(), None)));
    }

    #[test]
    fn urls_absolute_paths_and_shortcodes_are_not_targets() {
        for dest in [
            "https://x.io/a.md",
            "mailto:a@b.c",
            "git+ssh:x",
            "/docs/a.md",
            "{{< ref x >}}",
            " ",
        ] {
            assert_eq!(target(dest), None, "{dest}");
        }
        // A colon later in a relative path is not a scheme.
        assert!(target("./a:b.md").is_some());
    }

    #[test]
    fn normalize_path_is_lexical() {
        assert_eq!(
            normalize_path(Path::new("a/./b/../c.md")),
            PathBuf::from("a/c.md")
        );
        assert_eq!(
            normalize_path(Path::new("../../x.md")),
            PathBuf::from("../../x.md")
        );
        assert_eq!(
            normalize_path(Path::new("a/../../x.md")),
            PathBuf::from("../x.md")
        );
        assert_eq!(
            normalize_path(Path::new("/a/../../x.md")),
            PathBuf::from("/x.md")
        );
    }
}
