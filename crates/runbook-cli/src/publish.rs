//! Writing a site while the runbooks are read, so `runbook build` never
//! holds every parsed runbook (nor every page) at once.
//!
//! The lint pass keeps each runbook's metadata and headings only: enough
//! for the ownership report and for the title every link to the runbook
//! shows. Each runbook is then read and parsed again, one at a time per
//! thread, its secrets masked as in the lint pass, and its page written at
//! once. The site-wide pages come last, from the pages' small summaries.

use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;
use runbook_lint::Linter;
use runbook_parse::{Document, Review};
use runbook_site::{
    Finding, Renderer, RuleDoc, RunbookRef, RunbookSummary, SiteAsset, SiteInput, SiteOptions,
    SiteWriter, SkippedAsset,
};

use crate::redact::Redaction;

/// One runbook to publish, from the lint pass.
pub(crate) struct Source {
    /// The file, as found.
    pub path: PathBuf,
    /// Its path relative to the source folder it was found under.
    pub rel_path: PathBuf,
    /// Its title, if it has one.
    pub title: Option<String>,
    /// Its lint findings, after suppressions.
    pub findings: Vec<Finding>,
    /// The linter of its configuration: section aliases, severity scale,
    /// requirements.
    pub linter: Arc<Linter>,
    /// Where its review stands.
    pub review: Review,
    /// The secrets the lint pass found in it, masked again on this reading.
    pub redaction: Option<Arc<Redaction>>,
}

/// What was written.
pub(crate) struct Published {
    /// HTML pages.
    pub pages: usize,
    /// Runbooks that got a page.
    pub runbooks: usize,
    /// Linked files that were not copied, and why.
    pub skipped: Vec<SkippedAsset>,
    /// Runbooks that could no longer be read or parsed (changed during the
    /// build), with the reason.
    pub vanished: Vec<(PathBuf, String)>,
}

/// Reads and parses one runbook again, its secrets masked.
fn parse(source: &Source) -> Result<Document, String> {
    let bytes = std::fs::read(&source.path).map_err(|e| e.to_string())?;
    let options = source.linter.parse_options();
    let document =
        runbook_parse::parse(&source.path, &bytes, options).map_err(|e| e.to_string())?;
    Ok(match &source.redaction {
        Some(redaction) => {
            let masked = redaction.mask(&document.source);
            runbook_parse::parse_str(&source.path, &masked, options)
        }
        None => document,
    })
}

/// Where each runbook is published and its title.
fn refs(sources: &[Source]) -> Vec<RunbookRef> {
    sources
        .iter()
        .map(|source| RunbookRef {
            path: source.path.clone(),
            rel_path: source.rel_path.clone(),
            title: source.title.clone().unwrap_or_else(|| {
                source.rel_path.file_stem().map_or_else(
                    || "Untitled runbook".to_owned(),
                    |s| s.to_string_lossy().into_owned(),
                )
            }),
        })
        .collect()
}

/// A page's summary and linked files, or why the runbook vanished.
type Page = Result<(RunbookSummary, Vec<SiteAsset>), (PathBuf, String)>;

/// Parses, renders and writes each runbook's page; returns the summaries
/// and linked files of the pages written.
fn write_pages(
    pool: &rayon::ThreadPool,
    renderer: &Renderer,
    sources: Vec<Source>,
    writer: &SiteWriter,
) -> Result<Vec<Page>, runbook_site::SiteError> {
    pool.install(|| {
        sources
            .into_par_iter()
            .map(|source| {
                let document = match parse(&source) {
                    Ok(document) => document,
                    Err(reason) => return Ok(Err((source.path, reason))),
                };
                let sd = crate::commands::build::site_document(
                    document,
                    source.rel_path,
                    source.findings,
                    source.review,
                    &source.linter,
                );
                let page = renderer.render_runbook(&sd);
                writer.write(&page.file)?;
                Ok(Ok((page.summary, page.assets)))
            })
            .collect()
    })
}

/// Renders and writes the site of `sources` with `writer`, then commits it.
pub(crate) fn publish(
    sources: Vec<Source>,
    options: SiteOptions,
    rules: Vec<RuleDoc>,
    report: runbook_report::Report,
    writer: SiteWriter,
) -> miette::Result<Published> {
    let site_error = |e: runbook_site::SiteError| miette::miette!(code = "runbook::build", "{e}");
    let pool = rayon::ThreadPoolBuilder::new()
        .stack_size(crate::run::WORKER_STACK_BYTES)
        .build()
        .map_err(|e| miette::miette!("cannot start worker threads: {e}"))?;
    let renderer = Renderer::new(options, &refs(&sources)).map_err(site_error)?;
    let pages = write_pages(&pool, &renderer, sources, &writer).map_err(site_error)?;
    let mut summaries = Vec::with_capacity(pages.len());
    let mut assets = Vec::new();
    let mut vanished = Vec::new();
    for page in pages {
        match page {
            Ok((summary, page_assets)) => {
                summaries.push(summary);
                assets.extend(page_assets);
            }
            Err(gone) => vanished.push(gone),
        }
    }
    let runbook_count = summaries.len();
    let input = SiteInput {
        documents: Vec::new(),
        rules,
        options: renderer.options().clone(),
        report,
    };
    let mut pages = runbook_count;
    renderer
        .write_collection(&input, summaries, &mut |file| {
            if std::path::Path::new(&file.path)
                .extension()
                .is_some_and(|e| e == "html")
            {
                pages += 1;
            }
            writer.write(&file)
        })
        .map_err(site_error)?;
    // Linked files sit under `runbooks/`, never at a page's path.
    assets.sort();
    assets.dedup_by(|a, b| a.path == b.path);
    for asset in &assets {
        writer.copy_asset(asset).map_err(site_error)?;
    }
    let skipped = writer.commit().map_err(site_error)?;
    Ok(Published {
        pages,
        runbooks: runbook_count,
        skipped,
        vanished,
    })
}
