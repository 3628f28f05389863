//! `runbook build`: the site of the example runbooks, safety checks, and a
//! headless Chromium test of the rendered pages.

#![expect(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn runbook() -> Command {
    let mut cmd = Command::new(crate::util::binary());
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

// ---- Linked files, checklist mode, lazy search (issue 19) -------------------

/// A copy of `tests/fixtures/site/assets` in a temporary folder, so tests
/// may edit runbooks and add symbolic links.
fn assets_fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let from = repo().join("tests/fixtures/site/assets");
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        for entry in fs::read_dir(from.join(&rel)).unwrap() {
            let entry = entry.unwrap();
            let rel = rel.join(entry.file_name());
            if entry.path().is_dir() {
                fs::create_dir_all(dir.path().join(&rel)).unwrap();
                stack.push(rel);
            } else {
                fs::copy(entry.path(), dir.path().join(&rel)).unwrap();
            }
        }
    }
    dir
}

/// Builds `sources` into `out` with the working directory `dir`.
fn build_in(dir: &Path, sources: &str, out: &Path) -> std::process::Output {
    let mut cmd = Command::new(crate::util::binary());
    cmd.current_dir(dir)
        .args(["build", sources, "--out"])
        .arg(out)
        .output()
        .unwrap()
}

// See: issue 19 (images and other linked files are published).
#[test]
fn linked_images_and_files_are_published_and_nothing_outside_the_tree() {
    let dir = assets_fixture();
    #[cfg(unix)]
    {
        fs::write(dir.path().join("secret.txt"), "do not publish").unwrap();
        std::os::unix::fs::symlink(
            dir.path().join("secret.txt"),
            dir.path().join("ops/img/escape.png"),
        )
        .unwrap();
        let page = dir.path().join("ops/failover.md");
        let text = fs::read_to_string(&page).unwrap();
        fs::write(&page, text + "\n![escape](img/escape.png)\n").unwrap();
    }
    let out = dir.path().join("site");
    let output = build_in(dir.path(), "ops", &out);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert_eq!(
        fs::read(out.join("runbooks/img/topology.png")).unwrap(),
        fs::read(dir.path().join("ops/img/topology.png")).unwrap()
    );
    assert!(out.join("runbooks/scripts/fix.sql").is_file());
    let page = fs::read_to_string(out.join("runbooks/failover.html")).unwrap();
    assert!(
        page.contains("src=\"../runbooks/img/topology.png\""),
        "{page}"
    );
    assert!(page.contains("href=\"../runbooks/scripts/fix.sql\""));
    // `../outside.txt` leaves the source folder `ops/`: left as written.
    assert!(page.contains("href=\"../outside.txt\""));
    let published: Vec<String> = {
        let mut all = Vec::new();
        let mut stack = vec![out.clone()];
        while let Some(d) = stack.pop() {
            for e in fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    all.push(fs::read_to_string(&p).unwrap_or_default());
                }
            }
        }
        all
    };
    assert!(
        !published
            .iter()
            .any(|t| t.contains("Notes that live outside") || t.contains("do not publish")),
        "nothing from outside the source folder is published"
    );
    #[cfg(unix)]
    {
        assert!(!out.join("runbooks/img/escape.png").exists());
        assert!(
            stderr.contains("escape.png: not published") && stderr.contains("outside"),
            "{stderr}"
        );
    }
}

// See: issue 19 (checklist mode; images; print).
#[test]
#[ignore = "needs /usr/bin/chromium; CI runs it with --ignored"]
#[expect(clippy::too_many_lines, reason = "one user's session, step by step")]
fn browser_checklist_survives_reload_copies_a_timeline_and_starts_fresh_when_edited() {
    let dir = assets_fixture();
    let out = dir.path().join("site");
    let output = build_in(dir.path(), "ops", &out);
    assert_eq!(output.status.code(), Some(0));
    let profile = dir.path().join("profile");
    let url = format!("file://{}", out.join("runbooks/failover.html").display());
    let mut browser = crate::browser::Browser::launch(&profile);
    browser.open(&url);

    // The image beside the runbook loads.
    assert_eq!(
        browser.wait_for("document.querySelector('.rb-body img').complete && document.querySelector('.rb-body img').naturalWidth"),
        serde_json::json!(48)
    );
    // Two prerequisites (one checked in the Markdown) and three steps.
    assert_eq!(
        browser.eval("document.querySelectorAll('input.check').length"),
        5
    );
    assert_eq!(
        browser.eval("document.querySelector('.checklist-count').textContent"),
        "1 of 5 done"
    );
    assert_eq!(
        browser.eval("document.querySelector('.checklist-bar').hidden"),
        false
    );
    // Check step 1, then step 3, as a user would.
    browser.eval("document.querySelector('li.step[data-step=\"1\"] > input.check').click()");
    browser.eval("document.querySelector('li.step[data-step=\"3\"] > input.check').click()");
    assert_eq!(
        browser.eval("document.querySelector('.checklist-count').textContent"),
        "3 of 5 done"
    );
    assert_eq!(browser.eval("document.querySelector('progress').value"), 3);

    // The state survives a reload.
    browser.reload();
    assert_eq!(
        browser.eval("Array.from(document.querySelectorAll('input.check')).map(b => b.checked)"),
        serde_json::json!([false, true, true, false, true])
    );
    assert_eq!(
        browser.eval("document.querySelector('.checklist-count').textContent"),
        "3 of 5 done"
    );

    // Copy buttons: capture what would go to the clipboard.
    browser.eval("navigator.clipboard.writeText = function (t) { window.__copied = t; return Promise.resolve(); }");
    browser.eval("document.querySelector('li.step[data-step=\"2\"] > .copy-all').click()");
    assert_eq!(
        browser.wait_for("window.__copied"),
        "patronictl failover orders --candidate orders-1 --force\nkubectl -n orders label pod orders-0 fenced=true"
    );
    browser.eval(
        "window.__copied = null; document.querySelector('[data-action=copy-timeline]').click()",
    );
    let timeline = browser.wait_for("window.__copied");
    let timeline = timeline.as_str().unwrap();
    let lines: Vec<&str> = timeline.lines().collect();
    assert!(
        lines[0].starts_with("Timeline from runbook [Fail over the orders database](file://"),
        "{timeline}"
    );
    // In the order they were checked, each with its time; the prerequisite
    // checked in the Markdown was never checked by anyone, so it is not listed.
    assert_eq!(lines.len(), 4, "{timeline}");
    for (line, step) in lines[2..].iter().zip([
        "Step 1: Check the replicas:",
        "Step 3: Announce the failover in the incident channel.",
    ]) {
        let (time, what) = line.split_once(" — ").unwrap();
        assert_eq!(what, step, "{timeline}");
        let time = time.strip_prefix("- ").unwrap();
        assert!(
            time.len() == 23
                && time.ends_with(" UTC")
                && time.as_bytes()[4] == b'-'
                && time.as_bytes()[13] == b':',
            "{time}"
        );
    }

    // Printed: every box empty, the contacts before the steps.
    browser.call(
        "Emulation.setEmulatedMedia",
        serde_json::json!({ "media": "print" }),
    );
    assert_eq!(
        browser.eval("getComputedStyle(document.querySelector('li.step[data-step=\"1\"] > input.check')).appearance"),
        "none"
    );
    assert_eq!(
        browser.eval("getComputedStyle(document.querySelector('.checklist-bar')).display"),
        "none"
    );
    assert_eq!(
        browser.eval("document.querySelector('.contacts').getBoundingClientRect().bottom < document.querySelector('.rb-body').getBoundingClientRect().top"),
        true
    );
    browser.call(
        "Emulation.setEmulatedMedia",
        serde_json::json!({ "media": "" }),
    );

    // Reset takes two clicks and restores the Markdown's own state.
    browser.eval("document.querySelector('[data-action=reset-checklist]').click()");
    assert_eq!(
        browser.eval("document.querySelectorAll('input.check:checked').length"),
        3
    );
    browser.eval("document.querySelector('[data-action=reset-checklist]').click()");
    assert_eq!(
        browser.eval("Array.from(document.querySelectorAll('input.check')).map(b => b.checked)"),
        serde_json::json!([false, true, false, false, false])
    );
    browser.reload();
    assert_eq!(
        browser.eval("document.querySelectorAll('input.check:checked').length"),
        1
    );

    // An edited runbook starts with a fresh checklist.
    browser.eval("document.querySelector('li.step[data-step=\"1\"] > input.check').click()");
    let source = dir.path().join("ops/failover.md");
    let text = fs::read_to_string(&source).unwrap();
    fs::write(
        &source,
        text.replace("Announce the failover", "Announce the fail-over"),
    )
    .unwrap();
    // Before the rebuild, the one saved state is this version's.
    let saved = "Object.keys(localStorage).filter(k => k.indexOf('runbook-checklist:runbooks/failover.html:') === 0).map(k => k.endsWith(':' + document.querySelector('article').getAttribute('data-checklist-version')))";
    assert_eq!(browser.eval(saved), serde_json::json!([true]));
    assert_eq!(build_in(dir.path(), "ops", &out).status.code(), Some(0));
    browser.reload();
    assert_eq!(
        browser.eval("document.querySelectorAll('input.check:checked').length"),
        1,
        "only the box checked in the Markdown"
    );
    assert_eq!(
        browser.eval(saved),
        serde_json::json!([false]),
        "the old version's state is kept but not read"
    );
    browser.eval("document.querySelector('li.step[data-step=\"2\"] > input.check').click()");
    assert_eq!(
        browser.eval(saved),
        serde_json::json!([true]),
        "saving drops the old version's state"
    );
    browser.close();

    // Screenshots of the checklist with two steps checked (state from the
    // saved profile), to look at.
    let shots = screenshots_dir();
    for (name, size) in [
        ("checklist-desktop.png", "1280,1400"),
        ("checklist-phone.png", "390,1600"),
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

// See: issue 19 (a lighter search index, loaded on first use).
#[test]
#[ignore = "needs /usr/bin/chromium; CI runs it with --ignored"]
fn browser_search_index_loads_on_first_use_and_finds_chinese_text() {
    let dir = assets_fixture();
    let out = dir.path().join("site");
    assert_eq!(build_in(dir.path(), "ops", &out).status.code(), Some(0));
    let mut browser = crate::browser::Browser::launch(&dir.path().join("profile"));
    let loaded = "document.querySelectorAll('script[src$=\"search-index.js\"]').length";
    for page in ["index.html", "runbooks/failover.html"] {
        browser.open(&format!("file://{}", out.join(page).display()));
        assert_eq!(
            browser.eval("typeof window.RUNBOOK_SEARCH"),
            "undefined",
            "{page}"
        );
        assert_eq!(browser.eval(loaded), 0, "{page}: not loaded with the page");
        // The `/` shortcut focuses the box, which loads the index.
        browser.press("/");
        assert_eq!(browser.eval("document.activeElement.id"), "search-input");
        browser.wait_for("window.RUNBOOK_SEARCH !== undefined");
        assert_eq!(browser.eval(loaded), 1);
        // Results appear on this page as you type.
        browser.type_text("主从切换");
        let results = browser.wait_for("document.querySelector('#search-results:not([hidden]) .search-result a') && document.querySelector('#search-results').textContent");
        let results = results.as_str().unwrap();
        assert!(
            results.contains("订单数据库主从切换") && results.contains("1 runbook matches"),
            "{page}: {results}"
        );
    }
    // Body text in Chinese, headings and the search API the benchmarks use.
    browser.eval("window.runbookSearch.load(function () {})");
    browser.wait_for("window.runbookSearch.query('x') !== null");
    let zh = "runbooks/zh/数据库切换.html";
    for query in ["复制延迟", "前提条件", "orders-db 回滚", "Topology"] {
        let hits = browser.eval(&format!(
            "window.runbookSearch.query({})",
            serde_json::json!(query)
        ));
        let expected = if query == "Topology" {
            "runbooks/failover.html"
        } else {
            zh
        };
        assert!(
            hits.as_array().unwrap().iter().any(|h| h == expected),
            "{query}: {hits}"
        );
    }
    assert_eq!(
        browser.eval("window.runbookSearch.query('无关的词').length"),
        0
    );
}
