//! No output re-prints a secret: every format, the report, the site and
//! its search index, and the baseline file are scanned for each secret of
//! the fixtures, plain and in the encodings outputs use.
//!
//! See: issue 13 (pre-commit and CI runs you can trust).

use std::fs;
use std::path::{Path, PathBuf};

use crate::util::runbook;

/// Secrets hidden in the fixtures, as they are written.
const AWS: &str = "AKIAQ4ERV7N3PZ6TJX2M";
const GITHUB: &str = "ghp_16C7e42F292c6912E7710c838347Ae178B4a";
const PASSWORD: &str = "Zürich-2024-hunter";
const JWT: &str =
    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
const KEY_LINE: &str = "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun";

fn fixture(dir: &Path) {
    let front = "---\ntitle: Rotate credentials\nservice: vault\nowners: [alice@example.com, bob@example.com]\nlast_reviewed: 2026-11-01\ncontacts:\n  - name: On-call\n    slack: \"#oncall\"\n---\n";
    let body = format!(
        "# Rotate credentials\n\n## Prerequisites\n\nAccess to `vault`.\n\n## Steps\n\n1. Export the key: `export AWS_ACCESS_KEY_ID={AWS}` then run the [helper](tools/{GITHUB}.md).\n2. Log in:\n\n   ```sh\n   psql \"password={PASSWORD}\"\n   curl -H 'Authorization: Bearer {JWT}' https://api\n   ```\n\n3. Install the key:\n\n   ```\n   -----BEGIN RSA PRIVATE KEY-----\n   {KEY_LINE}\n   -----END RSA PRIVATE KEY-----\n   ```\n\n## Verification\n\nRun `vault status`.\n\n## Rollback\n\nRun `vault rollback`.\n"
    );
    fs::write(dir.join("runbook.toml"), "").unwrap();
    fs::create_dir_all(dir.join("ops")).unwrap();
    fs::write(dir.join("ops/rotate.md"), format!("{front}{body}")).unwrap();
}

/// Each secret, and the forms an output may carry it in.
fn forms() -> Vec<(String, &'static str)> {
    let mut out = Vec::new();
    for secret in [AWS, GITHUB, PASSWORD, JWT, KEY_LINE] {
        let json = serde_json::to_string(secret).unwrap();
        let json = json.trim_matches('"').to_owned();
        let html = secret
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
            .replace('\'', "&#39;");
        let url: String = secret
            .bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                    char::from(b).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect();
        for (form, kind) in [
            (secret.to_owned(), "plain"),
            (json, "JSON-escaped"),
            (html, "HTML-escaped"),
            (url, "URL-encoded"),
        ] {
            out.push((form, kind));
        }
        // The part after the four characters a mask shows gives a secret
        // away too.
        out.push((secret.chars().skip(4).collect(), "tail"));
    }
    out
}

fn assert_clean(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    for (form, kind) in forms() {
        assert!(
            !text.contains(&form),
            "{what} re-prints a secret ({kind}: {form}):\n{text}"
        );
    }
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out
}

#[test]
fn no_lint_format_prints_a_secret() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    for format in [
        "human", "concise", "json", "sarif", "github", "junit", "gitlab",
    ] {
        let output = runbook(dir.path())
            .args(["lint", "--format", format, "ops/rotate.md"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{format}");
        let out = String::from_utf8_lossy(&output.stdout);
        // Four secrets are found, and the link to the token is broken.
        assert!(out.contains("secret-in-code"), "{format}: {out}");
        assert_clean(&format!("{format} (stdout)"), &output.stdout);
        assert_clean(&format!("{format} (stderr)"), &output.stderr);
        let file = dir.path().join(format!("out.{format}"));
        let output = runbook(dir.path())
            .args(["lint", "--format", format, "--output"])
            .arg(&file)
            .arg("ops/rotate.md")
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1));
        assert_clean(&format!("{format} (file)"), &fs::read(&file).unwrap());
    }
}

#[test]
fn human_snippets_mask_the_secret_and_keep_columns() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let output = runbook(dir.path())
        .args(["lint", "ops/rotate.md"])
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&output.stdout);
    // The masked line is as long as the original, so the label under it
    // still points at the secret.
    let masked = format!("AKIA{}", "*".repeat(AWS.len() - 4));
    let line = out.lines().find(|l| l.contains(&masked)).unwrap();
    let label = out.lines().skip_while(|l| *l != line).nth(1).unwrap();
    // Columns in characters: the frame is drawn with multi-byte characters.
    let column = |text: &str, byte: usize| text[..byte].chars().count();
    let at = column(line, line.find(&masked).unwrap());
    let mark = column(label, label.find(['─', '┬']).unwrap());
    assert_eq!(mark, at, "{line}\n{label}");
}

#[test]
fn stdin_masks_as_files_do() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let text = fs::read(dir.path().join("ops/rotate.md")).unwrap();
    for format in ["human", "json", "sarif"] {
        let output = runbook(dir.path())
            .args([
                "lint",
                "--format",
                format,
                "--stdin",
                "--stdin-filename",
                "ops/rotate.md",
            ])
            .write_stdin(text.clone())
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1));
        assert_clean(&format!("{format} from stdin"), &output.stdout);
    }
}

#[test]
fn baselines_store_hashes_not_secrets() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let baseline = dir.path().join("baseline.json");
    let output = runbook(dir.path())
        .args(["lint", "--write-baseline"])
        .arg(&baseline)
        .arg(".")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let text = fs::read(&baseline).unwrap();
    assert!(String::from_utf8_lossy(&text).contains("secret-in-code"));
    assert_clean("the baseline", &text);
    // The baseline still matches the findings it recorded.
    let output = runbook(dir.path())
        .args(["lint", "--format", "concise", "--baseline"])
        .arg(&baseline)
        .arg(".")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn report_and_site_never_publish_a_secret() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    for format in ["human", "json", "markdown"] {
        let output = runbook(dir.path())
            .args(["report", "--format", format, "."])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{format}");
        assert_clean(&format!("report {format}"), &output.stdout);
    }
    let site = dir.path().join("site");
    let output = runbook(dir.path())
        .args(["build", ".", "--out"])
        .arg(&site)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_clean("build (stderr)", &output.stderr);
    let files = files_under(&site);
    assert!(files.iter().any(|f| f.ends_with("search-index.js")));
    for file in &files {
        assert_clean(&file.display().to_string(), &fs::read(file).unwrap());
    }
    // The page shows the runbook, masked, and lists the findings.
    let page = fs::read_to_string(site.join("runbooks/ops/rotate.html")).unwrap();
    assert!(page.contains("AKIA****"), "{page}");
    assert!(page.contains("secret-in-code"));
    // --strict still refuses to publish a collection with errors.
    let strict = dir.path().join("strict");
    let output = runbook(dir.path())
        .args(["build", ".", "--strict", "--out"])
        .arg(&strict)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(!strict.exists());
}
