//! `runbook build`: the site of the example runbooks, safety checks, and a
//! headless Chromium test of the rendered pages.

#![expect(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use assert_cmd::cargo::cargo_bin;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn runbook() -> Command {
    let mut cmd = Command::new(cargo_bin("runbook"));
    cmd.current_dir(repo());
    cmd
}

/// Builds `sources` into a fresh temporary folder; returns it and the output dir.
fn build(sources: &str, extra: &[&str]) -> (tempfile::TempDir, PathBuf, std::process::Output) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let output = runbook()
        .args(["build", sources, "--out"])
        .arg(&out)
        .args(extra)
        .output()
        .unwrap();
    (dir, out, output)
}

fn html_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Every `href="…"`/`src="…"` value of a page.
fn urls(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\"", "url="] {
        for (i, _) in html.match_indices(attr) {
            let rest = &html[i + attr.len()..];
            let end = rest.find(['"', '>']).unwrap();
            out.push(rest[..end].replace("&amp;", "&"));
        }
    }
    out
}

fn ids(html: &str) -> BTreeSet<String> {
    html.match_indices(" id=\"")
        .map(|(i, _)| {
            let rest = &html[i + 5..];
            rest[..rest.find('"').unwrap()].to_owned()
        })
        .collect()
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(Ok(b)) = s.get(i + 1..i + 3).map(|h| u8::from_str_radix(h, 16))
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn the_example_site_has_a_page_per_runbook_and_no_broken_internal_links() {
    let (_dir, out, output) = build("runbooks", &["--strict"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("built ") && stderr.contains(" pages for 10 runbooks in "),
        "{stderr}"
    );
    let sources: Vec<_> = fs::read_dir(repo().join("runbooks"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    for source in &sources {
        let stem = source.file_stem().unwrap().to_string_lossy();
        assert!(
            out.join(format!("runbooks/{stem}.html")).is_file(),
            "{stem}"
        );
    }
    for page in [
        "index.html",
        "404.html",
        "services.html",
        "tags.html",
        "rules.html",
        "alerts/index.html",
        "assets/site.css",
        "assets/site.js",
        "assets/search-index.js",
        ".runbook-site",
    ] {
        assert!(out.join(page).is_file(), "{page}");
    }
    // Every alert of the example alerting rules that a runbook names has a stable URL.
    let rules = fs::read_to_string(repo().join("alerts/example-alerts.yaml")).unwrap();
    let texts: String = sources
        .iter()
        .map(|s| fs::read_to_string(s).unwrap())
        .collect();
    let alerts: Vec<&str> = rules
        .lines()
        .filter_map(|l| l.trim().strip_prefix("- alert:"))
        .map(str::trim)
        .filter(|alert| texts.contains(&format!("- {alert}\n")))
        .collect();
    assert!(alerts.len() >= 5, "{alerts:?}");
    for alert in alerts {
        assert!(
            out.join(format!("alerts/{alert}.html")).is_file(),
            "alerts/{alert}.html"
        );
    }
    // Every internal link resolves to a file, and every fragment to an id.
    let pages = html_files(&out);
    let mut id_cache: HashMap<PathBuf, BTreeSet<String>> = HashMap::new();
    let mut checked = 0;
    for page in &pages {
        let html = fs::read_to_string(page).unwrap();
        for url in urls(&html) {
            if url.contains(':') || url.starts_with("//") {
                continue;
            }
            let (path, fragment) = url
                .split_once('#')
                .map_or((url.as_str(), None), |(p, f)| (p, Some(f)));
            let path = path.split('?').next().unwrap();
            let target = if path.is_empty() {
                page.clone()
            } else {
                page.parent().unwrap().join(percent_decode(path))
            };
            assert!(target.is_file(), "{}: broken link {url}", page.display());
            if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
                let ids = id_cache
                    .entry(target.clone())
                    .or_insert_with(|| ids(&fs::read_to_string(&target).unwrap()));
                assert!(
                    ids.contains(fragment),
                    "{}: no #{fragment} in {}",
                    page.display(),
                    target.display()
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 200, "only {checked} links checked");
}

#[test]
fn strict_fails_on_lint_errors_without_writing() {
    let (_dir, out, output) = build("tests/fixtures/site/strict", &["--strict"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("--strict"), "{stderr}");
    assert!(!out.exists());
    // Without --strict the same runbook builds, its findings shown on its page.
    let (_dir, out, output) = build("tests/fixtures/site/strict", &[]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let page = fs::read_to_string(out.join("runbooks/no-front-matter.html")).unwrap();
    assert!(
        page.contains("rules.html#rule-missing-rollback"),
        "finding links to its rule"
    );
    // The page shows exactly what `runbook lint` finds (same pipeline).
    let lint = runbook()
        .args(["lint", "tests/fixtures/site/strict", "--format", "json"])
        .output()
        .unwrap();
    let lint: serde_json::Value = serde_json::from_slice(&lint.stdout).unwrap();
    let errors = lint["summary"]["errors"].as_u64().unwrap();
    assert!(errors > 1);
    assert!(
        page.contains(&format!("{errors} errors")),
        "lint-health badge"
    );
    let rules = fs::read_to_string(out.join("rules.html")).unwrap();
    assert!(rules.contains("id=\"rule-missing-rollback\""));
}

#[test]
fn the_xss_fixture_builds_without_executable_markup() {
    let (_dir, out, output) = build("tests/fixtures/site/xss", &[]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for page in html_files(&out) {
        let html = fs::read_to_string(&page).unwrap();
        for payload in [
            "<script>alert",
            "<img src=\"x\" onerror",
            "<iframe",
            "href=\"javascript:",
            "<svg onload",
        ] {
            assert!(!html.contains(payload), "{}: {payload}", page.display());
        }
    }
}

#[test]
fn refuses_an_output_folder_that_contains_the_sources() {
    let dir = tempfile::tempdir().unwrap();
    let sources = dir.path().join("ops/runbooks");
    fs::create_dir_all(&sources).unwrap();
    fs::write(sources.join("a.md"), "# A\n").unwrap();
    let output = runbook()
        .args(["build"])
        .arg(&sources)
        .arg("--out")
        .arg(dir.path().join("ops"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("contains the sources"));
    assert!(sources.join("a.md").is_file());
}

#[test]
fn rebuilding_replaces_the_previous_site() {
    let (_dir, out, output) = build("tests/fixtures/site/links", &[]);
    assert_eq!(output.status.code(), Some(0));
    assert!(out.join("runbooks/db/failover.html").is_file());
    assert!(
        !out.join("runbooks/README.html").exists(),
        "README.md is not a runbook"
    );
    let output = runbook()
        .args(["build", "tests/fixtures/site/xss", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(out.join("runbooks/evil.html").is_file());
    assert!(
        !out.join("runbooks/db/failover.html").exists(),
        "pages of the old build are gone"
    );
}

// ---- Headless Chromium ------------------------------------------------------

const CHROMIUM: &str = "/usr/bin/chromium";

#[test]
fn build_honours_runbook_toml_and_skips_readmes() {
    let (_dir, out, output) = build("tests/fixtures/site/configured", &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains(" pages for 1 runbook in "), "{stderr}");
    assert!(out.join("runbooks/svc/restart.html").is_file());
    // Excluded by `exclude = ["**/drafts/**"]`; README.md is not a runbook.
    assert!(!out.join("runbooks/drafts/wip.html").exists());
    assert!(!out.join("runbooks/README.html").exists());
    let index = fs::read_to_string(out.join("index.html")).unwrap();
    assert!(!index.contains("Unfinished draft"));
    assert!(!index.contains("About these runbooks"));
    // `missing-verification = "off"` in the file: not on the page; other
    // findings are.
    let page = fs::read_to_string(out.join("runbooks/svc/restart.html")).unwrap();
    assert!(!page.contains("rule-missing-verification"), "{page}");
    assert!(page.contains("rules.html#rule-missing-rollback"));
    // `--preset` works on build as on lint; an unknown one is a usage error.
    let (_dir, _out, output) = build("tests/fixtures/site/configured", &["--preset", "nope"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn ownership_page_shows_the_truck_factor_and_alert_coverage() {
    let (_dir, out, output) = build(
        "tests/fixtures/report/truck-factor-3",
        &["--alerts", "tests/fixtures/report/alerts/rules/good.yaml"],
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let page = fs::read_to_string(out.join("ownership.html")).unwrap();
    assert!(page.contains("<dt>Truck factor</dt><dd>3</dd>"), "{page}");
    assert!(page.contains("<h2>Alert coverage</h2>"), "{page}");
    assert!(page.contains("class=\"report-bar\""));
    // Linked from every page's navigation.
    let index = fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("href=\"ownership.html\""));
    let runbook = html_files(&out.join("runbooks"))
        .into_iter()
        .next()
        .unwrap();
    assert!(
        fs::read_to_string(runbook)
            .unwrap()
            .contains("href=\"../ownership.html\"")
    );
    // Without --alerts the page says how to get coverage.
    let (_dir, out, _) = build("tests/fixtures/report/truck-factor-1", &[]);
    let page = fs::read_to_string(out.join("ownership.html")).unwrap();
    assert!(page.contains("<dt>Truck factor</dt><dd>1</dd>"), "{page}");
    assert!(page.contains("--alerts"));
}

fn chromium(profile: &Path, args: &[&str]) -> String {
    assert!(
        Path::new(CHROMIUM).is_file(),
        "{CHROMIUM} is missing: install it (`apt-get install -y chromium`) to run the browser tests"
    );
    let output = Command::new(CHROMIUM)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--virtual-time-budget=3000")
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn screenshots_dir() -> PathBuf {
    let dir = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| repo().join("target"), PathBuf::from)
        .join("site-screenshots");
    fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
#[ignore = "needs /usr/bin/chromium; CI runs it with --ignored"]
fn browser_search_runbook_page_and_screenshots() {
    let (dir, out, output) = build("runbooks", &["--alerts", "alerts/example-alerts.yaml"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let profile = dir.path().join("profile");
    let index = format!("file://{}", out.join("index.html").display());

    // Search through ?q=: results are rendered by the JS from the index.
    let dom = chromium(&profile, &["--dump-dom", &format!("{index}?q=replication")]);
    let results = &dom[dom
        .find("id=\"search-results\"")
        .expect("search results section")..];
    let results = &results[..results.find("</section>").unwrap()];
    assert!(!results.contains(" hidden"), "results are shown: {results}");
    assert!(
        results.contains("runbooks match") || results.contains("runbook matches"),
        "{results}"
    );
    assert!(results.contains("class=\"search-result\""), "{results}");
    assert!(
        results.contains("runbooks/failover-primary-database.html"),
        "{results}"
    );
    assert!(
        results.contains("<mark>"),
        "terms are highlighted: {results}"
    );
    assert!(
        !results.contains("runbooks/rotate-tls-certificate.html"),
        "unrelated runbooks are not results: {results}"
    );

    // An alert name finds its runbook.
    let dom = chromium(
        &profile,
        &["--dump-dom", &format!("{index}?q=PostgresPrimaryDown")],
    );
    assert!(dom.contains("search-result") && dom.contains("failover-primary-database.html"));

    // A runbook page: metadata panel, TOC, callouts, and copy buttons added by JS.
    let page = format!(
        "file://{}",
        out.join("runbooks/failover-primary-database.html")
            .display()
    );
    let dom = chromium(&profile, &["--dump-dom", &page]);
    assert!(dom.contains("class=\"meta\""), "metadata panel");
    assert!(dom.contains("<dt>Owners</dt>"));
    assert!(dom.contains("class=\"toc-list\""), "table of contents");
    assert!(dom.contains("href=\"#verification\"") && dom.contains("id=\"verification\""));
    assert!(dom.contains("callout-rollback"));
    let copy_buttons = dom.matches("class=\"copy-button\"").count();
    assert_eq!(
        copy_buttons,
        dom.matches("class=\"code-block\"").count(),
        "one copy button per code block"
    );
    assert!(copy_buttons >= 5, "{copy_buttons} copy buttons");

    // The ownership page: summary, per-service bars, alert coverage.
    let ownership = format!("file://{}", out.join("ownership.html").display());
    let dom = chromium(&profile, &["--dump-dom", &ownership]);
    assert!(dom.contains("<dt>Truck factor</dt>"));
    assert!(dom.contains("class=\"report-bar\""));
    assert!(dom.contains("<h2>Alert coverage</h2>"));

    // Screenshots at desktop and phone widths, to look at.
    let shots = screenshots_dir();
    for (name, url, size) in [
        ("index-desktop.png", index.clone(), "1280,900"),
        ("index-phone.png", index.clone(), "390,844"),
        (
            "search-desktop.png",
            format!("{index}?q=replication"),
            "1280,900",
        ),
        ("runbook-desktop.png", page.clone(), "1280,900"),
        ("runbook-phone.png", page.clone(), "390,844"),
        ("ownership-desktop.png", ownership.clone(), "1280,900"),
        ("ownership-phone.png", ownership.clone(), "390,844"),
    ] {
        let path = shots.join(name);
        let _ = fs::remove_file(&path);
        chromium(
            &profile,
            &[
                &format!("--screenshot={}", path.display()),
                &format!("--window-size={size}"),
                &url,
            ],
        );
        assert!(
            fs::metadata(&path).unwrap().len() > 10_000,
            "{name} looks empty"
        );
    }
}
