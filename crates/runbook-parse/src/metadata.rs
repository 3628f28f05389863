//! A typed, lenient view of the well-known front-matter keys.
//!
//! Values of the wrong type are simply absent here; reporting them is the
//! schema check's job, so every consumer sees the same forgiving view.

use std::path::Path;

use crate::front_matter::{FrontMatter, Node};
use crate::position::{Span, Spanned};

/// Where a runbook's service comes from when its front-matter names none.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ServiceFrom {
    /// Only the front-matter `service` key.
    #[default]
    FrontMatter,
    /// The name of the folder holding the runbook (`payments/restart.md` is
    /// `payments`), for repositories laid out one folder per service.
    Folder,
}

impl ServiceFrom {
    /// The setting's name in configuration.
    pub fn name(self) -> &'static str {
        match self {
            ServiceFrom::FrontMatter => "front-matter",
            ServiceFrom::Folder => "folder",
        }
    }

    /// Parses a configuration name; `None` if unknown.
    pub fn from_name(name: &str) -> Option<Self> {
        [ServiceFrom::FrontMatter, ServiceFrom::Folder]
            .into_iter()
            .find(|s| s.name() == name)
    }

    /// The service this source derives for a runbook at `path` (as given),
    /// when its front-matter has none.
    ///
    /// This is the one place the layout turns into a service: the linter,
    /// the report and the site all read it through [`crate::Document::service`].
    pub fn derive(self, path: &Path) -> Option<String> {
        match self {
            ServiceFrom::FrontMatter => None,
            ServiceFrom::Folder => path
                .parent()
                .and_then(Path::file_name)
                .and_then(|name| name.to_str())
                .filter(|name| !name.is_empty() && *name != "." && *name != "..")
                .map(str::to_owned),
        }
    }
}

/// The well-known front-matter keys of a runbook.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metadata {
    /// `title`.
    pub title: Option<Spanned<String>>,
    /// `service`.
    pub service: Option<Spanned<String>>,
    /// `owners`.
    pub owners: Vec<Spanned<String>>,
    /// `contacts`.
    pub contacts: Vec<Contact>,
    /// `last_reviewed` as written.
    pub last_reviewed: Option<Spanned<String>>,
    /// `review_interval_days`.
    pub review_interval_days: Option<Spanned<i64>>,
    /// `severity`.
    pub severity: Option<Spanned<String>>,
    /// `status`.
    pub status: Option<Spanned<String>>,
    /// `tags`.
    pub tags: Vec<Spanned<String>>,
    /// `alerts`: names of the alerts this runbook answers.
    pub alerts: Vec<Spanned<String>>,
    /// `id`.
    pub id: Option<Spanned<String>>,
    /// `related`.
    pub related: Vec<Spanned<String>>,
}

/// One entry of `contacts`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Contact {
    /// `name`.
    pub name: Option<String>,
    /// `role`.
    pub role: Option<String>,
    /// `email`.
    pub email: Option<String>,
    /// `slack`.
    pub slack: Option<String>,
    /// `phone`.
    pub phone: Option<String>,
    /// `pager`.
    pub pager: Option<String>,
    /// `url`.
    pub url: Option<String>,
    /// The whole contact entry.
    pub span: Span,
}

impl Contact {
    /// Whether any channel (email, slack, phone, pager, url) is given.
    pub fn is_reachable(&self) -> bool {
        [
            &self.email,
            &self.slack,
            &self.phone,
            &self.pager,
            &self.url,
        ]
        .iter()
        .any(|c| c.as_deref().is_some_and(|s| !s.trim().is_empty()))
    }
}

impl Metadata {
    /// Extracts the well-known keys from a front-matter block.
    pub fn from_front_matter(fm: &FrontMatter) -> Self {
        let string = |key: &str| fm.get(key).and_then(spanned_string);
        let strings = |key: &str| fm.get(key).map(string_list).unwrap_or_default();
        Self {
            title: string("title"),
            service: string("service"),
            owners: strings("owners"),
            contacts: fm
                .get("contacts")
                .and_then(Node::as_sequence)
                .map(|items| items.iter().filter_map(contact).collect())
                .unwrap_or_default(),
            last_reviewed: string("last_reviewed"),
            review_interval_days: fm.get("review_interval_days").and_then(|n| {
                n.as_i64().map(|value| Spanned {
                    value,
                    span: n.span,
                })
            }),
            severity: string("severity"),
            status: string("status"),
            tags: strings("tags"),
            alerts: strings("alerts"),
            id: string("id"),
            related: strings("related"),
        }
    }
}

fn spanned_string(node: &Node) -> Option<Spanned<String>> {
    node.as_str().map(|s| Spanned {
        value: s.to_owned(),
        span: node.span,
    })
}

/// A list of strings; a single string counts as a list of one.
fn string_list(node: &Node) -> Vec<Spanned<String>> {
    match node.as_sequence() {
        Some(items) => items.iter().filter_map(spanned_string).collect(),
        None => spanned_string(node).into_iter().collect(),
    }
}

fn contact(node: &Node) -> Option<Contact> {
    let field = |key: &str| node.get(key).and_then(Node::as_str).map(str::to_owned);
    node.as_mapping()?;
    Some(Contact {
        name: field("name"),
        role: field("role"),
        email: field("email"),
        slack: field("slack"),
        phone: field("phone"),
        pager: field("pager"),
        url: field("url"),
        span: node.span,
    })
}

#[cfg(test)]
#[expect(clippy::unwrap_used, reason = "tests")]
mod tests {
    use super::*;
    use crate::{ParseOptions, parse_str};

    #[test]
    fn the_folder_names_the_service_only_when_asked_and_front_matter_wins() {
        let folder = ParseOptions {
            service_from: ServiceFrom::Folder,
            ..ParseOptions::default()
        };
        let bare = "# Restart\n";
        let d = parse_str("docs/patroni/restart.md", bare, &folder);
        assert_eq!(d.service(), Some("patroni"));
        assert_eq!(d.title(), Some("Restart"));
        let d = parse_str("docs/patroni/restart.md", bare, &ParseOptions::default());
        assert_eq!(d.service(), None);
        let named = "---\nservice: postgres\n---\n# Restart\n";
        let d = parse_str("docs/patroni/restart.md", named, &folder);
        assert_eq!(d.service(), Some("postgres"));
        let blank = "---\nservice: \" \"\n---\n# Restart\n";
        let d = parse_str("docs/patroni/restart.md", blank, &folder);
        assert_eq!(d.service(), Some("patroni"));
        // A file named without a folder has no folder to name its service.
        assert_eq!(parse_str("restart.md", bare, &folder).service(), None);
        assert_eq!(
            ServiceFrom::from_name("folder").unwrap(),
            ServiceFrom::Folder
        );
        assert_eq!(ServiceFrom::from_name("path"), None);
    }
}
