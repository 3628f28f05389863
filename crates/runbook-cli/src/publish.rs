//! Writing a site while the runbooks are read, so `runbook build` never
//! holds every parsed runbook (nor every page) at once.
//!
//! The lint pass keeps only findings. Then each runbook is read and parsed
//! twice more, one at a time per thread: first for its title (links between
//! runbooks show their targets' titles, so every title is needed before the
//! first page) and the ownership report, which keeps each runbook without
//! its Markdown structure; then for its page, which is written at once. The
//! site-wide pages come last, from the pages' small summaries. Parsing is a
//! small share of a build, and memory stays flat as the collection grows.

use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;
use runbook_lint::Linter;
use runbook_parse::Document;
use runbook_report::Runbook;
use runbook_site::{
    Finding, FindingSeverity, Renderer, RuleDoc, RunbookRef, RunbookSummary, SiteAsset,
    SiteDocument, SiteInput, SiteOptions, SiteWriter, SkippedAsset,
};

use crate::commands::report::counts;

/// One runbook to publish, with its findings from the lint pass.
pub(crate) struct Source {
    /// The file, as found.
    pub path: PathBuf,
    /// Its path relative to the source folder it was found under.
    pub rel_path: PathBuf,
    /// Its lint findings, after suppressions.
    pub findings: Vec<Finding>,
    /// The linter of its configuration, whose section aliases it is parsed with.
    pub linter: Arc<Linter>,
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
    /// Problems with the alerting rule files, from the report.
    pub report_errors: Vec<String>,
}

/// Reads and parses one runbook again.
fn parse(source: &Source) -> Result<Document, String> {
    let bytes = std::fs::read(&source.path).map_err(|e| e.to_string())?;
    runbook_parse::parse(&source.path, &bytes, source.linter.parse_options())
        .map_err(|e| e.to_string())
}

/// A runbook reduced to what the ownership report reads: its path,
/// metadata, title and the text of its front matter (where the alerts
/// whose lines it reports are), without the body or Markdown structure.
fn for_report(mut document: Document) -> Document {
    let title = document.headings.iter().find(|h| h.level == 1).cloned();
    if document.source.is_char_boundary(document.body.start) {
        document.source.truncate(document.body.start);
        document.source.shrink_to_fit();
    }
    Document {
        headings: title.into_iter().collect(),
        steps: Vec::new(),
        code_blocks: Vec::new(),
        inline_code: Vec::new(),
        links: Vec::new(),
        tasks: Vec::new(),
        html: Vec::new(),
        prose: Vec::new(),
        front_matter: None,
        ..document
    }
}

/// Builds the ownership report from the runbooks, reduced to their metadata.
pub(crate) type ReportFn<'a> = Box<dyn FnOnce(&[Runbook<'_>]) -> runbook_report::Report + 'a>;

/// The runbooks that parse, reduced for the report, and those that no
/// longer do.
type FirstPass = (Vec<Source>, Vec<Document>, Vec<(PathBuf, String)>);

/// Parses every runbook once for its title and report data.
fn first_pass(pool: &rayon::ThreadPool, sources: Vec<Source>) -> FirstPass {
    let parsed: Vec<Result<Document, String>> = pool.install(|| {
        sources
            .par_iter()
            .map(|s| parse(s).map(for_report))
            .collect()
    });
    let mut vanished = Vec::new();
    let mut kept = Vec::with_capacity(sources.len());
    let mut reduced = Vec::with_capacity(sources.len());
    for (source, parsed) in sources.into_iter().zip(parsed) {
        match parsed {
            Ok(document) => {
                kept.push(source);
                reduced.push(document);
            }
            Err(reason) => vanished.push((source.path, reason)),
        }
    }
    (kept, reduced, vanished)
}

/// Where each runbook is published and its title.
fn refs(kept: &[Source], reduced: &[Document]) -> Vec<RunbookRef> {
    kept.iter()
        .zip(reduced)
        .map(|(source, document)| RunbookRef {
            path: source.path.clone(),
            rel_path: source.rel_path.clone(),
            title: document.title().map_or_else(
                || {
                    source.rel_path.file_stem().map_or_else(
                        || "Untitled runbook".to_owned(),
                        |s| s.to_string_lossy().into_owned(),
                    )
                },
                str::to_owned,
            ),
        })
        .collect()
}

/// Parses, renders and writes each runbook's page; returns the summaries
/// and linked files of the pages written.
fn write_pages(
    pool: &rayon::ThreadPool,
    renderer: &Renderer,
    kept: Vec<Source>,
    writer: &SiteWriter,
) -> Result<(Vec<RunbookSummary>, Vec<SiteAsset>), runbook_site::SiteError> {
    let pages: Vec<Result<Option<_>, runbook_site::SiteError>> = pool.install(|| {
        kept.into_par_iter()
            .map(|source| {
                let Ok(document) = parse(&source) else {
                    return Ok(None);
                };
                let sd = SiteDocument {
                    document,
                    rel_path: source.rel_path,
                    findings: source.findings,
                };
                let page = renderer.render_runbook(&sd);
                writer.write(&page.file)?;
                Ok(Some((page.summary, page.assets)))
            })
            .collect()
    });
    let mut summaries = Vec::with_capacity(pages.len());
    let mut assets = Vec::new();
    for page in pages {
        if let Some((summary, page_assets)) = page? {
            summaries.push(summary);
            assets.extend(page_assets);
        }
    }
    Ok((summaries, assets))
}

/// Renders and writes the site of `sources` with `writer`, then commits
/// it. `report` builds the ownership report.
pub(crate) fn publish(
    sources: Vec<Source>,
    options: SiteOptions,
    rules: Vec<RuleDoc>,
    report: ReportFn<'_>,
    writer: SiteWriter,
) -> miette::Result<Published> {
    let site_error = |e: runbook_site::SiteError| miette::miette!(code = "runbook::build", "{e}");
    let pool = rayon::ThreadPoolBuilder::new()
        .stack_size(crate::run::WORKER_STACK_BYTES)
        .build()
        .map_err(|e| miette::miette!("cannot start worker threads: {e}"))?;
    let (kept, reduced, vanished) = first_pass(&pool, sources);
    let runbooks: Vec<Runbook<'_>> = kept
        .iter()
        .zip(&reduced)
        .map(|(source, document)| Runbook {
            document,
            lint: counts(
                source
                    .findings
                    .iter()
                    .map(|f| f.severity == FindingSeverity::Error),
            ),
        })
        .collect();
    let report = report(&runbooks);
    let report_errors = report.errors.iter().map(ToString::to_string).collect();
    drop(runbooks);
    let renderer = Renderer::new(options, &refs(&kept, &reduced)).map_err(site_error)?;
    drop(reduced);
    let (summaries, mut assets) =
        write_pages(&pool, &renderer, kept, &writer).map_err(site_error)?;
    let runbook_count = summaries.len();
    let input = SiteInput {
        documents: Vec::new(),
        rules,
        options: renderer.options().clone(),
        report: Some(report),
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
        report_errors,
    })
}
