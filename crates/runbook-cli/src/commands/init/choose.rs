//! Which convention a repository follows, and which of its pages are
//! runbooks in it: the preset `init` writes, scored with numbers.

use std::collections::BTreeSet;

use runbook_lint::{MINIMAL, PRESETS, Preset};
use runbook_parse::SectionKind;

use super::survey::Page;

/// Share of the pages the best convention must be followed by, at least;
/// below it the repository follows none and gets `minimal`.
const MIN_FIT_PERCENT: usize = 10;

/// A preset followed by at least this share of the best one's followers
/// counts as fitting as well; the one asking more of a runbook is chosen
/// (alert runbooks also have a troubleshooting page's sections).
const NEAR_PERCENT: usize = 90;

/// Folders whose pages are about the runbooks (contributor guides,
/// templates), when they have none of the convention's sections.
const GUIDE_DIRS: &[&str] = &["docs", "doc", "templates", "template"];

/// Folders of shared procedures that runbooks link to.
const HELPER_DIRS: &[&str] = &[
    "helpers", "helper", "shared", "common", "includes", "partials", "snippets",
];

/// Non-blank body lines at most in a page that only points elsewhere.
const STUB_MAX_LINES: usize = 2;

/// Non-blank body lines at most in a deprecation notice.
const NOTICE_MAX_LINES: usize = 6;

/// How many pages follow one preset's convention.
#[derive(Debug, Clone, Copy)]
pub(super) struct Fit {
    pub preset: Preset,
    pub followers: usize,
}

/// Whether a page with these section kinds is written in the preset's
/// convention: it has the convention's signature sections and at least
/// half of its required ones.
pub(super) fn follows(preset: &Preset, kinds: &BTreeSet<SectionKind>) -> bool {
    let required = preset.required_sections;
    let have = required.iter().filter(|k| kinds.contains(k)).count();
    !required.is_empty()
        && preset.signature.iter().all(|k| kinds.contains(k))
        && have * 2 >= required.len()
}

/// The presets with a convention, each with how many pages follow it.
pub(super) fn fits(kinds_per_preset: &[(Preset, Vec<BTreeSet<SectionKind>>)]) -> Vec<Fit> {
    kinds_per_preset
        .iter()
        .map(|(preset, kinds)| Fit {
            preset: *preset,
            followers: kinds.iter().filter(|k| follows(preset, k)).count(),
        })
        .collect()
}

/// The preset for a repository of `pages` pages: the convention most pages
/// follow (the more demanding one among near ties), or `minimal` when
/// too few follow any.
pub(super) fn choose(fits: &[Fit], pages: usize) -> Preset {
    let best = fits.iter().map(|f| f.followers).max().unwrap_or(0);
    let needed = (pages * MIN_FIT_PERCENT).div_ceil(100).max(1);
    if best < needed {
        return MINIMAL;
    }
    fits.iter()
        .filter(|f| f.followers * 100 >= best * NEAR_PERCENT)
        .max_by_key(|f| (f.preset.required_sections.len(), f.followers))
        .map_or(MINIMAL, |f| f.preset)
}

/// The presets `init` scores: every one with a convention.
pub(super) fn candidates() -> impl Iterator<Item = &'static Preset> {
    PRESETS.iter().filter(|p| !p.required_sections.is_empty())
}

/// The section kinds that make a page part of the chosen convention.
pub(super) fn convention_kinds(preset: &Preset) -> Vec<SectionKind> {
    if preset.required_sections.is_empty() {
        // `minimal`: any of the kinds a runbook of some convention has.
        vec![
            SectionKind::Meaning,
            SectionKind::Impact,
            SectionKind::Diagnosis,
            SectionKind::Steps,
            SectionKind::Rollback,
        ]
    } else {
        let mut kinds = preset.required_sections.to_vec();
        kinds.push(SectionKind::Rollback);
        kinds
    }
}

/// What one page is, for the chosen convention.
pub(super) struct Judged<'a> {
    pub page: &'a Page,
    pub kinds: &'a BTreeSet<SectionKind>,
    /// Pages (by index) linking to this one.
    pub linked_from: &'a BTreeSet<usize>,
    /// The folder all pages share, which says nothing about any one of them.
    pub root: &'a str,
    /// Pages (by index) this one repeats in full.
    pub assembled_from: &'a [usize],
}

/// Pages a page must repeat to count as assembled from others.
const MIN_PARTS: usize = 3;

/// Whether a page repeats enough other pages to be a document built from them.
pub(super) fn is_assembled(judged: &Judged<'_>) -> bool {
    judged.assembled_from.len() >= MIN_PARTS
}

/// Why a page is not a runbook, if it is not: a document assembled from
/// other pages; or, with none of the convention's sections, a guide or
/// template in a documentation folder, a stub that points elsewhere, a
/// deprecation notice, or a shared procedure (in a helpers folder, or
/// linked from runbooks that follow the convention). Other pages stay
/// runbooks.
pub(super) fn not_a_runbook(
    judged: &Judged<'_>,
    convention: &[SectionKind],
    follows: &dyn Fn(usize) -> bool,
    name_of: &dyn Fn(usize) -> String,
) -> Option<String> {
    if let [first, rest @ ..] = judged.assembled_from
        && is_assembled(judged)
    {
        return Some(format!(
            "repeats {} other pages in full ({} and {} more), a document built from them; their findings are reported on them",
            rest.len() + 1,
            name_of(*first),
            rest.len()
        ));
    }
    if convention.iter().any(|k| judged.kinds.contains(k)) {
        return None;
    }
    let page = judged.page;
    let below_root = page
        .folder()
        .strip_prefix(judged.root)
        .unwrap_or(page.folder())
        .trim_start_matches('/');
    let in_dir = |names: &[&str]| below_root.split('/').any(|c| names.contains(&c));
    if in_dir(GUIDE_DIRS) {
        return Some(
            "a guide or template in a documentation folder, with no runbook section".to_owned(),
        );
    }
    let body = page.body_lines();
    // A page that only points elsewhere: a line or two with a link, and
    // nothing to run (a short helper with a command is a procedure).
    let has_code = !page.doc.code_blocks.is_empty() || !page.doc.inline_code.is_empty();
    if body.len() <= STUB_MAX_LINES && body.iter().any(|l| l.contains("](")) && !has_code {
        return Some("a stub that points to another page, with no runbook section".to_owned());
    }
    if body.len() <= NOTICE_MAX_LINES
        && body
            .iter()
            .any(|l| l.to_ascii_lowercase().contains("deprecated"))
    {
        return Some("a deprecation notice, with no runbook section".to_owned());
    }
    if in_dir(HELPER_DIRS) {
        return Some("a shared procedure in a helpers folder, with no runbook section".to_owned());
    }
    let linkers: Vec<usize> = judged
        .linked_from
        .iter()
        .copied()
        .filter(|&i| follows(i))
        .collect();
    if let Some(&first) = linkers.first() {
        let more = match linkers.len() {
            1 => String::new(),
            2 => " and 1 other".to_owned(),
            n => format!(" and {} others", n - 1),
        };
        return Some(format!(
            "a shared page linked from runbooks ({}{more}), with no runbook section",
            name_of(first)
        ));
    }
    None
}

/// The folder every page is in ("" when they do not share one).
pub(super) fn common_root(pages: &[Page]) -> String {
    let mut pages = pages.iter();
    let Some(first) = pages.next() else {
        return String::new();
    };
    let mut root: Vec<&str> = first
        .folder()
        .split('/')
        .filter(|c| !c.is_empty())
        .collect();
    for page in pages {
        let folder: Vec<&str> = page.folder().split('/').collect();
        let shared = root.iter().zip(&folder).take_while(|(a, b)| a == b).count();
        root.truncate(shared);
    }
    root.join("/")
}

#[cfg(test)]
mod tests {
    use runbook_lint::{ALERT, INCIDENT_RESPONSE, STRICT, TROUBLESHOOTING};
    use runbook_parse::SectionKind::{Contacts, Diagnosis, Impact, Meaning, Steps, Verification};

    use super::*;

    fn fit(preset: Preset, followers: usize) -> Fit {
        Fit { preset, followers }
    }

    #[test]
    fn the_most_followed_convention_wins_and_the_more_demanding_breaks_near_ties() {
        // Alert runbooks have a troubleshooting page's sections too.
        let fits = [
            fit(STRICT, 0),
            fit(ALERT, 104),
            fit(INCIDENT_RESPONSE, 0),
            fit(TROUBLESHOOTING, 105),
        ];
        assert_eq!(choose(&fits, 106).name, "alert");
        let fits = [fit(ALERT, 3), fit(TROUBLESHOOTING, 57), fit(STRICT, 4)];
        assert_eq!(choose(&fits, 334).name, "troubleshooting");
        // Too few pages follow anything.
        let fits = [fit(ALERT, 3), fit(TROUBLESHOOTING, 5)];
        assert_eq!(choose(&fits, 200).name, "minimal");
    }

    #[test]
    fn following_needs_the_signature_and_half_the_sections() {
        let kinds = |k: &[SectionKind]| k.iter().copied().collect::<BTreeSet<_>>();
        assert!(follows(&ALERT, &kinds(&[Meaning, Impact, Diagnosis])));
        assert!(!follows(&ALERT, &kinds(&[Meaning, Diagnosis, Steps])));
        assert!(follows(&TROUBLESHOOTING, &kinds(&[Meaning, Diagnosis])));
        // A procedure with a troubleshooting section is not a troubleshooting page.
        assert!(!follows(&TROUBLESHOOTING, &kinds(&[Diagnosis, Steps])));
        assert!(!follows(&TROUBLESHOOTING, &kinds(&[Meaning, Steps])));
        assert!(follows(
            &INCIDENT_RESPONSE,
            &kinds(&[Diagnosis, Steps, Contacts, Verification])
        ));
        assert!(!follows(&MINIMAL, &kinds(&[Steps])));
    }
}
