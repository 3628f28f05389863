//! `runbook serve`: build the site in memory, serve it over HTTP on this
//! machine, and rebuild when a runbook or the configuration changes; the
//! open page then reloads itself.
//!
//! Linting is `runbook build`'s (the same findings on the same pages). On a
//! change the tree is linted again, since the cross-file rules (links
//! between runbooks, duplicate alerts) need every file, but only the pages
//! whose runbook, findings or link targets changed are rendered again; the
//! site-wide pages are rendered from the kept summaries. Each page is
//! state with the version it last changed at, and a small script
//! (`runbook_site::LIVE_RELOAD_SCRIPT`) polls for its page's version.

use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::Write as _;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock, mpsc};
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher as _};
use rayon::prelude::*;
use runbook_site::{
    LIVE_RELOAD_PATH, LIVE_RELOAD_SCRIPT, Renderer, RunbookRef, RunbookSummary, SiteAsset,
    SiteDocument,
};

use crate::commands::build::{self, Prepared, Sources};
use crate::commands::lint::print_notes;
use crate::{EXIT_OK, Global};

/// How many requests are answered at once.
const HTTP_WORKERS: usize = 4;
/// How often idle threads look whether Ctrl-C was pressed.
const STOP_POLL: Duration = Duration::from_millis(200);
/// Editors save in bursts (write a temporary file, rename, touch): wait
/// this long for the file system to fall quiet before rebuilding.
const SETTLE: Duration = Duration::from_millis(60);
/// The query that asks for a page's version.
const VERSION_PATH: &str = "/_runbook/version";

/// Arguments of `runbook serve`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or folders of runbooks to serve.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// The port to listen on (default: a free one, printed at start).
    #[arg(long, default_value_t = 0)]
    pub port: u16,
    /// The address to listen on. Anything but a loopback address makes
    /// the site reachable from the network.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    pub host: IpAddr,
    /// "Edit this page" URL; `{path}` is replaced by the runbook's path.
    #[arg(long, value_name = "URL")]
    pub repo_url: Option<String>,
    /// The site title.
    #[arg(long, default_value = "Runbooks")]
    pub title: String,
    /// Prometheus alerting rule files for the ownership page's alert
    /// coverage (a path or a glob); repeatable.
    #[arg(long = "alerts", value_name = "GLOB")]
    pub alerts: Vec<String>,
    /// Lint with a preset instead of the configuration file's: strict or alert.
    #[arg(long, value_name = "NAME", value_parser = clap::builder::PossibleValuesParser::new(runbook_lint::PRESETS.iter().map(|p| p.name)))]
    pub preset: Option<String>,
    /// Do not honour `.gitignore`, `.ignore` and git excludes.
    #[arg(long)]
    pub no_ignore: bool,
}

/// Runs `runbook serve` until Ctrl-C: 0 when stopped, 2 when the first
/// build or the server cannot start.
pub fn run(global: &Global, args: &Args) -> miette::Result<u8> {
    let sources = Sources {
        paths: &args.paths,
        alerts: &args.alerts,
        preset: args.preset.as_deref(),
        no_ignore: args.no_ignore,
        title: &args.title,
        base_url: None,
        repo_url: args.repo_url.as_deref(),
    };
    let state = Arc::new(RwLock::new(Served::default()));
    let mut cache = RenderCache::default();
    let started = Instant::now();
    let built = rebuild(global, &sources, &mut cache, &state)?;
    let http = tiny_http::Server::http(SocketAddr::new(args.host, args.port)).map_err(|e| {
        miette::miette!(
            code = "runbook::serve",
            "cannot listen on {}:{}: {e}",
            args.host,
            args.port
        )
    })?;
    let address = http
        .server_addr()
        .to_ip()
        .unwrap_or_else(|| SocketAddr::new(args.host, args.port));
    let summary = built.summary(started);
    let mut notes = built.notes;
    notes.push(summary);
    if !args.host.is_loopback() {
        notes.push(format!(
            "warning: listening on {}: the site is reachable from the network, by anyone who can reach this machine",
            args.host
        ));
    }
    print_notes(global, &notes);
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(
        stdout,
        "serving {} runbooks at http://{address}/ (Ctrl-C to stop)",
        built.runbooks
    );
    let _ = stdout.flush();
    drop(stdout);

    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst))
        .map_err(|e| miette::miette!(code = "runbook::serve", "cannot handle Ctrl-C: {e}"))?;
    let http = Arc::new(http);
    let workers: Vec<_> = (0..HTTP_WORKERS)
        .map(|_| {
            let http = Arc::clone(&http);
            let state = Arc::clone(&state);
            let stop = Arc::clone(&stop);
            std::thread::spawn(move || answer_requests(&http, &state, &stop))
        })
        .collect();
    watch_and_rebuild(global, &sources, &mut cache, &state, &stop)?;
    for worker in workers {
        let _ = worker.join();
    }
    print_notes(global, &["stopped".to_owned()]);
    Ok(EXIT_OK)
}

/// The site as state: files by site path, and the version each path last
/// changed at, which the live reload script polls.
#[derive(Debug, Default)]
struct Served {
    files: HashMap<String, Arc<Vec<u8>>>,
    assets: HashMap<String, SiteAsset>,
    /// Kept for removed pages too, so an open page that disappears reloads.
    versions: HashMap<String, u64>,
    generation: u64,
}

/// What the last build rendered, to render only what changed next time.
#[derive(Debug, Default)]
struct RenderCache {
    /// Options, the report's date and every runbook's URL and title: when any
    /// of them changes, links and badges on every page may change.
    context: u64,
    /// Per runbook path: a hash of its text, path and findings, and what
    /// its page gave the site-wide pages.
    pages: HashMap<PathBuf, (u64, RunbookSummary, Vec<SiteAsset>)>,
}

/// The outcome of one build, for the messages.
struct Built {
    notes: Vec<String>,
    runbooks: usize,
    rendered: usize,
    changed: usize,
    errors: usize,
    warnings: usize,
}

impl Built {
    fn summary(&self, started: Instant) -> String {
        format!(
            "built in {:.2}s: {} of {} runbook pages rendered, {} files changed ({} lint error{}, {} warning{} shown on the site)",
            started.elapsed().as_secs_f64(),
            self.rendered,
            self.runbooks,
            self.changed,
            self.errors,
            if self.errors == 1 { "" } else { "s" },
            self.warnings,
            if self.warnings == 1 { "" } else { "s" },
        )
    }
}

fn hash_of(value: &impl Hash) -> u64 {
    let mut hasher = DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

/// What decides a runbook's page besides the context.
fn page_key(sd: &SiteDocument) -> u64 {
    hash_of(&(
        &sd.document.path,
        &sd.rel_path,
        &sd.document.source,
        &sd.findings,
        // Review, severity and requirements depend on today and on the
        // configuration, not only on the text.
        format!("{:?} {:?} {:?}", sd.review, sd.severity, sd.requirements),
    ))
}

/// Lints everything, renders what changed and swaps it into `state`.
fn rebuild(
    global: &Global,
    sources: &Sources<'_>,
    cache: &mut RenderCache,
    state: &RwLock<Served>,
) -> miette::Result<Built> {
    let Prepared {
        input,
        notes,
        errors,
        warnings,
    } = build::prepare(global, sources)?;
    let refs: Vec<RunbookRef> = input.documents.iter().map(RunbookRef::of).collect();
    let options = &input.options;
    let context = hash_of(&(
        &options.title,
        &options.repo_url,
        &input.report.today,
        refs.iter()
            .map(|r| (&r.path, &r.rel_path, &r.title))
            .collect::<Vec<_>>(),
    ));
    if context != cache.context {
        cache.pages.clear();
        cache.context = context;
    }
    let renderer = Renderer::new(input.options.clone(), &refs)
        .map_err(|e| miette::miette!(code = "runbook::serve", "{e}"))?;
    let pages: Vec<_> = input
        .documents
        .par_iter()
        .map(|sd| {
            let key = page_key(sd);
            match cache.pages.get(&sd.document.path) {
                Some((old, summary, assets)) if *old == key => (
                    sd.document.path.clone(),
                    key,
                    None,
                    summary.clone(),
                    assets.clone(),
                ),
                _ => {
                    let page = renderer.render_runbook(sd);
                    (
                        sd.document.path.clone(),
                        key,
                        Some(page.file),
                        page.summary,
                        page.assets,
                    )
                }
            }
        })
        .collect();
    let mut files = Vec::new();
    let mut keep = HashSet::new();
    let mut summaries = Vec::with_capacity(pages.len());
    let mut assets = HashMap::new();
    let mut next = HashMap::with_capacity(pages.len());
    for (path, key, file, summary, page_assets) in pages {
        keep.insert(summary.page().to_owned());
        if let Some(file) = file {
            files.push(file);
        }
        for asset in &page_assets {
            assets.insert(asset.path.clone(), asset.clone());
        }
        summaries.push(summary.clone());
        next.insert(path, (key, summary, page_assets));
    }
    let fresh = files.len();
    cache.pages = next;
    let runbooks = input.documents.len();
    files.extend(renderer.render_collection(&input, summaries));
    let changed = swap_in(state, files, &keep, assets);
    Ok(Built {
        notes,
        runbooks,
        rendered: fresh,
        changed,
        errors,
        warnings,
    })
}

/// Replaces the state site: `files` are new renderings, `keep` the pages
/// not rendered again because nothing they show changed. Returns how many
/// paths changed.
fn swap_in(
    state: &RwLock<Served>,
    files: Vec<runbook_site::SiteFile>,
    keep: &HashSet<String>,
    assets: HashMap<String, SiteAsset>,
) -> usize {
    let Ok(mut state) = state.write() else {
        return 0;
    };
    state.generation += 1;
    let generation = state.generation;
    let mut changed = 0;
    let mut current: HashSet<String> = keep.clone();
    for file in files {
        current.insert(file.path.clone());
        if state
            .files
            .get(&file.path)
            .is_none_or(|old| **old != file.contents)
        {
            state.versions.insert(file.path.clone(), generation);
            state.files.insert(file.path, Arc::new(file.contents));
            changed += 1;
        }
    }
    let gone: Vec<String> = state
        .files
        .keys()
        .filter(|p| !current.contains(*p))
        .cloned()
        .collect();
    for path in gone {
        state.files.remove(&path);
        state.versions.insert(path, generation);
        changed += 1;
    }
    state.assets = assets;
    changed
}

/// Watches the sources and rebuilds on every change until `stop`.
fn watch_and_rebuild(
    global: &Global,
    sources: &Sources<'_>,
    cache: &mut RenderCache,
    state: &RwLock<Served>,
    stop: &AtomicBool,
) -> miette::Result<()> {
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event| {
        let _ = tx.send(event);
    })
    .map_err(|e| miette::miette!(code = "runbook::serve", "cannot watch files: {e}"))?;
    let targets = watch_list(global, sources);
    for (path, mode) in &targets {
        if let Err(e) = watcher.watch(path, *mode) {
            print_notes(
                global,
                &[format!("warning: cannot watch {}: {e}", path.display())],
            );
        }
    }
    // Events name absolute paths.
    let roots: Vec<PathBuf> = targets
        .iter()
        .map(|(p, _)| std::path::absolute(p).unwrap_or_else(|_| p.clone()))
        .collect();
    while !stop.load(Ordering::SeqCst) {
        match rx.recv_timeout(STOP_POLL) {
            Ok(event) if is_relevant(&event, &roots) => {}
            Ok(_) | Err(mpsc::RecvTimeoutError::Timeout) => continue,
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
        // Let a burst of saves settle, then build once.
        while rx.recv_timeout(SETTLE).is_ok() {}
        let started = Instant::now();
        let notes = match rebuild(global, sources, cache, state) {
            Ok(built) => {
                let summary = built.summary(started);
                let mut notes = built.notes;
                notes.push(summary);
                notes
            }
            Err(e) => vec![format!("error: {e}; still serving the previous build")],
        };
        print_notes(global, &notes);
    }
    Ok(())
}

/// The folders and files whose changes make a new build: the sources, the
/// configuration files that apply to them and the alerting rule files.
fn watch_list(global: &Global, sources: &Sources<'_>) -> Vec<(PathBuf, RecursiveMode)> {
    let mut list = Vec::new();
    for path in sources.paths {
        let mode = if path.is_dir() {
            RecursiveMode::Recursive
        } else {
            RecursiveMode::NonRecursive
        };
        list.push((path.clone(), mode));
        // Configuration is looked up in the folders above too.
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.clone());
        for dir in absolute.ancestors().skip(1) {
            for name in crate::config::CONFIG_NAMES {
                let config = dir.join(name);
                if config.is_file() {
                    list.push((config, RecursiveMode::NonRecursive));
                }
            }
        }
    }
    if let Some(config) = &global.config {
        list.push((config.clone(), RecursiveMode::NonRecursive));
    }
    if let Ok(rules) = crate::commands::report::expand_alert_globs(sources.alerts) {
        list.extend(rules.into_iter().map(|p| (p, RecursiveMode::NonRecursive)));
    }
    list
}

/// Whether an event can change the site: writes, creations, removals and
/// renames, not reads (a build reads every file), and not inside hidden
/// folders such as `.git` below a watched folder.
fn is_relevant(event: &notify::Result<notify::Event>, watched: &[PathBuf]) -> bool {
    let Ok(event) = event else {
        return true;
    };
    let is_change = match event.kind {
        EventKind::Create(_)
        | EventKind::Modify(_)
        | EventKind::Remove(_)
        | EventKind::Any
        | EventKind::Access(notify::event::AccessKind::Close(notify::event::AccessMode::Write)) => {
            true
        }
        EventKind::Access(_) | EventKind::Other => false,
    };
    let is_hidden = |path: &Path| {
        let below = watched
            .iter()
            .find_map(|root| path.strip_prefix(root).ok())
            .unwrap_or(Path::new(""));
        below.components().any(|c| {
            c.as_os_str()
                .to_str()
                .is_some_and(|s| s.starts_with('.') && s != "." && s != "..")
        })
    };
    is_change && event.paths.iter().any(|path| !is_hidden(path))
}

/// Answers requests until `stop`.
fn answer_requests(http: &tiny_http::Server, state: &RwLock<Served>, stop: &AtomicBool) {
    while !stop.load(Ordering::SeqCst) {
        match http.recv_timeout(STOP_POLL) {
            Ok(Some(request)) => answer(request, state),
            Ok(None) => {}
            Err(_) => return,
        }
    }
}

fn header(name: &str, value: &str) -> Option<tiny_http::Header> {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

fn respond<R: std::io::Read>(
    request: tiny_http::Request,
    response: tiny_http::Response<R>,
    content_type: &str,
) {
    let mut response = response;
    for (name, value) in [
        ("Content-Type", content_type),
        // A preview: never let the browser show a stale page.
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
    ] {
        if let Some(h) = header(name, value) {
            response.add_header(h);
        }
    }
    let _ = request.respond(response);
}

/// The site path a URL path asks for: decoded, without the leading `/`,
/// folders meaning their `index.html`.
fn site_path(url_path: &str) -> String {
    let decoded = percent_encoding::percent_decode_str(url_path).decode_utf8_lossy();
    let mut path = decoded.trim_start_matches('/').to_owned();
    if path.is_empty() || path.ends_with('/') {
        path.push_str("index.html");
    }
    path
}

fn content_type(path: &str) -> &'static str {
    let extension = Path::new(path)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("html" | "htm") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("svg") => "image/svg+xml",
        Some("pdf") => "application/pdf",
        Some("json") => "application/json",
        Some("txt" | "md" | "sql" | "sh" | "yaml" | "yml" | "toml" | "conf" | "log") => {
            "text/plain; charset=utf-8"
        }
        _ => "application/octet-stream",
    }
}

fn answer(request: tiny_http::Request, state: &RwLock<Served>) {
    if !matches!(
        request.method(),
        tiny_http::Method::Get | tiny_http::Method::Head
    ) {
        let response =
            tiny_http::Response::from_string("only GET and HEAD\n").with_status_code(405);
        return respond(request, response, "text/plain; charset=utf-8");
    }
    let url = request.url().to_owned();
    let (url_path, query) = url.split_once('?').unwrap_or((&url, ""));
    if url_path == LIVE_RELOAD_PATH {
        let response = tiny_http::Response::from_string(LIVE_RELOAD_SCRIPT);
        return respond(request, response, "text/javascript; charset=utf-8");
    }
    let Ok(state) = state.read() else {
        let response = tiny_http::Response::from_string("unavailable\n").with_status_code(503);
        return respond(request, response, "text/plain; charset=utf-8");
    };
    if url_path == VERSION_PATH {
        let page = query
            .split('&')
            .find_map(|pair| pair.strip_prefix("path="))
            .map_or_else(|| "index.html".to_owned(), site_path);
        let version = state.versions.get(&page).copied().unwrap_or(0);
        let response = tiny_http::Response::from_string(version.to_string());
        return respond(request, response, "text/plain; charset=utf-8");
    }
    let path = site_path(url_path);
    let version = state.versions.get(&path).copied().unwrap_or(0);
    if let Some(bytes) = state.files.get(&path) {
        let kind = content_type(&path);
        let body = if kind.starts_with("text/html") {
            runbook_site::with_live_reload(&String::from_utf8_lossy(bytes), version).into_bytes()
        } else {
            bytes.to_vec()
        };
        drop(state);
        return respond(request, tiny_http::Response::from_data(body), kind);
    }
    if let Some(asset) = state.assets.get(&path).cloned() {
        drop(state);
        if let Ok(file) = runbook_site::open_asset(&asset) {
            let mut response = tiny_http::Response::from_file(file);
            // A file from the runbooks' folder runs no script, even opened
            // on its own (an SVG can hold one).
            if let Some(h) = header(
                "Content-Security-Policy",
                "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'",
            ) {
                response.add_header(h);
            }
            return respond(request, response, content_type(&path));
        }
    } else if let Some(page) = state.files.get("404.html") {
        let body = runbook_site::with_live_reload(&String::from_utf8_lossy(page), version);
        drop(state);
        let response = tiny_http::Response::from_string(body).with_status_code(404);
        return respond(request, response, "text/html; charset=utf-8");
    }
    let response = tiny_http::Response::from_string("not found\n").with_status_code(404);
    respond(request, response, "text/plain; charset=utf-8");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_paths_map_to_site_paths() {
        assert_eq!(site_path("/"), "index.html");
        assert_eq!(site_path("/runbooks/db/"), "runbooks/db/index.html");
        assert_eq!(site_path("/runbooks/a%20b.html"), "runbooks/a b.html");
        assert_eq!(site_path("/../etc/passwd"), "../etc/passwd");
    }

    #[test]
    fn reads_are_not_changes() {
        use notify::event::{AccessKind, AccessMode, CreateKind};
        let watched = [PathBuf::from("/tmp/.hidden/ops")];
        let explicit = &watched[..];
        let event = |kind, path: &str| Ok(notify::Event::new(kind).add_path(PathBuf::from(path)));
        assert!(!is_relevant(
            &event(
                EventKind::Access(AccessKind::Open(AccessMode::Read)),
                "a.md"
            ),
            explicit
        ));
        assert!(is_relevant(
            &event(
                EventKind::Access(AccessKind::Close(AccessMode::Write)),
                "a.md"
            ),
            explicit
        ));
        assert!(is_relevant(
            &event(EventKind::Create(CreateKind::File), "/tmp/.hidden/ops/a.md"),
            explicit
        ));
        assert!(!is_relevant(
            &event(
                EventKind::Create(CreateKind::File),
                "/tmp/.hidden/ops/.git/index"
            ),
            explicit
        ));
    }
}
