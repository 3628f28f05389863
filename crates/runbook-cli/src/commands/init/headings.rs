//! What `init` learns from headings: which ones a repository uses and how
//! often, which kinds they name, and how translated pages name the
//! sections of their source.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use runbook_lint::Preset;
use runbook_parse::{Document, SectionAliases, SectionKind, normalize_heading};

use super::survey::Page;

/// The levels whose headings name a runbook's sections.
const SECTION_LEVELS: [u8; 2] = [2, 3];

/// Language tags a translated copy's folder or file name carries
/// (`content.zh/`, `docs/ja/`, `page.de.md`): ISO 639-1 codes, with an
/// optional region or script (`zh-cn`, `pt_BR`, `zh-hant`).
const LANGUAGE_CODES: &[&str] = &[
    "ar", "bg", "bn", "ca", "cs", "da", "de", "el", "en", "es", "et", "fa", "fi", "fr", "he", "hi",
    "hr", "hu", "id", "it", "ja", "ko", "lt", "lv", "ms", "nb", "nl", "no", "pl", "pt", "ro", "ru",
    "sk", "sl", "sr", "sv", "th", "tr", "uk", "vi", "zh",
];

/// The H2 and H3 headings of a page as `(normalised, as written)`, each once.
pub(super) fn section_headings(doc: &Document) -> Vec<(String, &str)> {
    let mut seen = BTreeSet::new();
    doc.headings
        .iter()
        .filter(|h| SECTION_LEVELS.contains(&h.level))
        .map(|h| (normalize_heading(&h.text), h.text.as_str()))
        .filter(|(norm, _)| !norm.is_empty() && seen.insert(norm.clone()))
        .collect()
}

/// The section kinds a page's H2 and H3 headings name under an alias
/// table: the sections of a convention. A kind named only deeper (an
/// "Investigation" under a service overview's alert) or by a level-1
/// heading (a page of several documents) does not make the page one of
/// the convention's.
pub(super) fn kinds(doc: &Document, table: &SectionAliases) -> BTreeSet<SectionKind> {
    doc.headings
        .iter()
        .filter(|h| SECTION_LEVELS.contains(&h.level))
        .map(|h| table.classify(&h.text))
        .filter(|k| *k != SectionKind::Other)
        .collect()
}

/// A heading of translated pages and the heading of their sources it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Translation {
    /// The translated heading, as most often written.
    pub text: String,
    /// The source heading it translates, as most often written.
    pub source: String,
    /// In how many translated pages it stands where the source has `source`.
    pub files: usize,
    /// The folders compared, for the evidence (`content.zh/ ↔ content/`).
    pub folders: String,
}

/// Pairs each translated page with its source (the same path under another
/// language's folder) and, where both have the same H2/H3 outline, records
/// which source heading each translated heading stands for.
pub(super) fn learn_translations(pages: &[Page]) -> Vec<Translation> {
    let by_rel: HashMap<&str, &Page> = pages.iter().map(|p| (p.rel.as_str(), p)).collect();
    // Translated heading → source heading → (pages, spellings of each).
    let mut seen: BTreeMap<String, Evidence> = BTreeMap::new();
    for page in pages {
        let Some((source, folders)) = source_of(&page.rel)
            .into_iter()
            .find_map(|(rel, folders)| by_rel.get(rel.as_str()).map(|p| (*p, folders)))
        else {
            continue;
        };
        let outline = |doc: &Document| -> Vec<(u8, String)> {
            doc.headings
                .iter()
                .filter(|h| SECTION_LEVELS.contains(&h.level))
                .map(|h| (h.level, h.text.clone()))
                .collect()
        };
        let (ours, theirs) = (outline(&page.doc), outline(&source.doc));
        if ours.len() != theirs.len() || ours.iter().zip(&theirs).any(|(a, b)| a.0 != b.0) {
            continue;
        }
        for ((_, text), (_, source_text)) in ours.iter().zip(&theirs) {
            let (norm, source_norm) = (normalize_heading(text), normalize_heading(source_text));
            if norm.is_empty() || source_norm.is_empty() || norm == source_norm {
                continue;
            }
            let evidence = seen.entry(norm).or_default();
            *evidence.spellings.entry(text.clone()).or_default() += 1;
            let target = evidence.sources.entry(source_norm).or_default();
            target.0 += 1;
            *target.1.entry(source_text.clone()).or_default() += 1;
            *evidence.folders.entry(folders.clone()).or_default() += 1;
        }
    }
    seen.into_values()
        .filter_map(|evidence| {
            let total: usize = evidence.sources.values().map(|s| s.0).sum();
            let (_, (files, spellings)) = evidence.sources.iter().max_by_key(|(_, s)| s.0)?;
            // A heading that stands for different source headings is not a translation of one.
            (files * 2 > total).then(|| Translation {
                text: most_common(&evidence.spellings),
                source: most_common(spellings),
                files: *files,
                folders: most_common(&evidence.folders),
            })
        })
        .collect()
}

#[derive(Default)]
struct Evidence {
    spellings: BTreeMap<String, usize>,
    sources: BTreeMap<String, (usize, BTreeMap<String, usize>)>,
    folders: BTreeMap<String, usize>,
}

fn most_common(counts: &BTreeMap<String, usize>) -> String {
    counts
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(k, _)| k.clone())
        .unwrap_or_default()
}

/// Where the source of a translated page would be, most likely first, with
/// the folders compared: `content.zh/a.md` → `content/a.md`, `docs/ja/a.md`
/// → `docs/a.md` or `docs/en/a.md`, `a.de.md` → `a.md` or `a.en.md`.
fn source_of(rel: &str) -> Vec<(String, String)> {
    let parts: Vec<&str> = rel.split('/').collect();
    let Some((file, folders)) = parts.split_last() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let join = |folders: &[&str], file: &str| {
        folders
            .iter()
            .copied()
            .chain(std::iter::once(file))
            .collect::<Vec<_>>()
            .join("/")
    };
    for (i, folder) in folders.iter().enumerate() {
        let before = folders.get(..i).unwrap_or(&[]);
        let after = folders.get(i + 1..).unwrap_or(&[]);
        if let Some((base, tag)) = folder.rsplit_once('.')
            && is_translation(tag)
        {
            for source in [base.to_owned(), format!("{base}.en")] {
                let mut path: Vec<&str> = before.to_vec();
                path.push(&source);
                path.extend_from_slice(after);
                out.push((join(&path, file), format!("{folder}/ ↔ {source}/")));
            }
        } else if is_translation(folder) {
            let mut path: Vec<&str> = before.to_vec();
            path.extend_from_slice(after);
            let parent = before.last().map_or(String::new(), |p| format!("{p}/"));
            out.push((join(&path, file), format!("{parent}{folder}/ ↔ {parent}")));
            let mut path: Vec<&str> = before.to_vec();
            path.push("en");
            path.extend_from_slice(after);
            out.push((
                join(&path, file),
                format!("{parent}{folder}/ ↔ {parent}en/"),
            ));
        }
    }
    if let Some(stem) = file.strip_suffix(".md")
        && let Some((base, tag)) = stem.rsplit_once('.')
        && is_translation(tag)
    {
        for source in [format!("{base}.md"), format!("{base}.en.md")] {
            out.push((join(folders, &source), format!("*.{tag}.md ↔ *.md")));
        }
    }
    out
}

/// Whether a folder or file-name tag names a language other than English.
fn is_translation(tag: &str) -> bool {
    let tag = tag.to_ascii_lowercase();
    let mut parts = tag.split(['-', '_']);
    let language = parts.next().unwrap_or("");
    let rest: Vec<&str> = parts.collect();
    // A region (`BR`, `cn`) or the Chinese scripts; not any word (`id-card`).
    let is_subtag = |r: &&str| {
        (r.len() == 2 && r.chars().all(|c| c.is_ascii_alphabetic())) || ["hans", "hant"].contains(r)
    };
    language != "en"
        && LANGUAGE_CODES.contains(&language)
        && rest.len() <= 1
        && rest.iter().all(is_subtag)
}

/// The alias table a preset reads headings with, plus the translations
/// learned: each translated heading names the kind its source heading has.
pub(super) fn table(preset: &Preset, translations: &[Translation]) -> SectionAliases {
    let mut table = SectionAliases::default();
    for (kind, names) in preset.aliases {
        for name in *names {
            table.add(*kind, name);
        }
    }
    for (kind, t) in learned(&table, translations) {
        table.add(kind, &t.text);
    }
    table
}

/// The translations that teach `table` something: the source heading has
/// a kind and the translated heading does not have that kind yet.
pub(super) fn learned<'a>(
    table: &SectionAliases,
    translations: &'a [Translation],
) -> Vec<(SectionKind, &'a Translation)> {
    translations
        .iter()
        .filter_map(|t| {
            let kind = table.classify(&t.source);
            (kind != SectionKind::Other && table.classify(&t.text) != kind).then_some((kind, t))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_of_translated_pages() {
        let sources = |rel: &str| -> Vec<String> {
            source_of(rel).into_iter().map(|(path, _)| path).collect()
        };
        assert_eq!(
            sources("content.zh/runbooks/a.md"),
            ["content/runbooks/a.md", "content.en/runbooks/a.md"]
        );
        assert_eq!(sources("docs/pt-BR/a.md"), ["docs/a.md", "docs/en/a.md"]);
        assert_eq!(sources("a.de.md"), ["a.md", "a.en.md"]);
        assert!(sources("content/runbooks/a.md").is_empty());
        // Folder names that only look like tags are not languages.
        assert!(sources("node.js/a.md").is_empty());
        assert!(sources("docs/id-card/a.md").is_empty());
        assert!(sources("en/a.md").is_empty());
    }
}
