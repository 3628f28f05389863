//! Writing a rendered site to disk atomically.
//!
//! The site is written into a temporary sibling of the output folder, then
//! swapped in with two renames, so readers never see a half-built site and a
//! failed build leaves the previous one intact. Only the output folder is
//! ever replaced, and only when it is empty or was built by us.

use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::error::SiteError;
use crate::model::Site;

/// The marker file that identifies a folder built by `runbook build`.
pub const MARKER: &str = ".runbook-site";

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> SiteError + '_ {
    move |source| SiteError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Writes `site` to `out_dir`, replacing a previous build atomically.
///
/// Refuses when `out_dir` is or contains one of `source_roots`, when it is
/// not a folder, and when it is a non-empty folder without the marker file
/// (so a mistyped `--out` never wipes unrelated files).
pub fn write_atomic(
    site: &Site,
    out_dir: &Path,
    source_roots: &[PathBuf],
) -> Result<(), SiteError> {
    check_target(out_dir, source_roots)?;
    let name = out_dir
        .file_name()
        .map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
    let parent = match out_dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(io(&parent))?;
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.new-"))
        .tempdir_in(&parent)
        .map_err(io(&parent))?;
    for file in &site.files {
        let relative = safe_relative(&file.path)?;
        let target = staging.path().join(relative);
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir).map_err(io(dir))?;
        }
        fs::write(&target, &file.contents).map_err(io(&target))?;
    }
    let marker = staging.path().join(MARKER);
    fs::write(
        &marker,
        "Built by `runbook build`; this folder is replaced on every build.\n",
    )
    .map_err(io(&marker))?;
    swap(staging, out_dir, &parent, &name)
}

/// Moves the staged site into place; the old site is removed only after.
fn swap(
    staging: tempfile::TempDir,
    out_dir: &Path,
    parent: &Path,
    name: &str,
) -> Result<(), SiteError> {
    if !out_dir.exists() {
        let staged = staging.keep();
        return fs::rename(&staged, out_dir).map_err(|e| {
            let _ = fs::remove_dir_all(&staged);
            io(out_dir)(e)
        });
    }
    // Reserve a unique name for the old site, then move it there.
    let old = tempfile::Builder::new()
        .prefix(&format!(".{name}.old-"))
        .tempdir_in(parent)
        .map_err(io(parent))?
        .keep();
    fs::remove_dir(&old).map_err(io(&old))?;
    fs::rename(out_dir, &old).map_err(io(out_dir))?;
    let staged = staging.keep();
    if let Err(e) = fs::rename(&staged, out_dir) {
        // Put the previous site back so a failed swap changes nothing.
        let _ = fs::rename(&old, out_dir);
        let _ = fs::remove_dir_all(&staged);
        return Err(io(out_dir)(e));
    }
    fs::remove_dir_all(&old).map_err(io(&old))
}

fn check_target(out_dir: &Path, source_roots: &[PathBuf]) -> Result<(), SiteError> {
    let out_abs = absolute(out_dir);
    for root in source_roots {
        let root_abs = absolute(root);
        if root_abs.starts_with(&out_abs) {
            return Err(SiteError::OutputContainsSources {
                out: out_dir.to_path_buf(),
                source_root: root.clone(),
            });
        }
    }
    let Ok(meta) = fs::symlink_metadata(out_dir) else {
        return Ok(());
    };
    if !meta.is_dir() {
        return Err(SiteError::OutputNotADirectory(out_dir.to_path_buf()));
    }
    let mut entries = fs::read_dir(out_dir).map_err(io(out_dir))?;
    let is_empty = entries.next().is_none();
    if !is_empty && !out_dir.join(MARKER).is_file() {
        return Err(SiteError::ForeignOutput(out_dir.to_path_buf()));
    }
    Ok(())
}

/// The canonical path if it exists, else the lexically absolute one.
fn absolute(path: &Path) -> PathBuf {
    fs::canonicalize(path).unwrap_or_else(|_| {
        let joined = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        runbook_parse::normalize_path(&joined)
    })
}

/// Checks that a site path is plain and relative: no root, no `..`.
fn safe_relative(path: &str) -> Result<&Path, SiteError> {
    let p = Path::new(path);
    let is_plain = !path.is_empty() && p.components().all(|c| matches!(c, Component::Normal(_)));
    if is_plain {
        Ok(p)
    } else {
        Err(SiteError::UnsafePath(path.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    #![expect(clippy::unwrap_used, reason = "tests")]
    use super::*;
    use crate::model::SiteFile;

    fn site(text: &str) -> Site {
        Site {
            files: vec![
                SiteFile {
                    path: "index.html".into(),
                    contents: text.as_bytes().to_vec(),
                },
                SiteFile {
                    path: "a/b.html".into(),
                    contents: b"b".to_vec(),
                },
            ],
        }
    }

    #[test]
    fn writes_then_replaces_a_previous_build() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        write_atomic(&site("one"), &out, &[]).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "one");
        fs::write(out.join("stale.html"), "old").unwrap();
        write_atomic(&site("two"), &out, &[]).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "two");
        assert!(
            !out.join("stale.html").exists(),
            "files of the old build are gone"
        );
        assert!(out.join(MARKER).is_file());
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(
            leftovers,
            vec![std::ffi::OsString::from("site")],
            "no staging folders left behind"
        );
    }

    #[test]
    fn a_failed_write_keeps_the_old_site() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        write_atomic(&site("one"), &out, &[]).unwrap();
        let mut bad = site("two");
        bad.files.push(SiteFile {
            path: "../escape.html".into(),
            contents: vec![],
        });
        assert!(matches!(
            write_atomic(&bad, &out, &[]),
            Err(SiteError::UnsafePath(_))
        ));
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "one");
        assert!(!dir.path().join("escape.html").exists());
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "staging folder cleaned up"
        );
    }

    #[test]
    fn refuses_an_output_folder_holding_the_sources() {
        let dir = tempfile::tempdir().unwrap();
        let sources = dir.path().join("docs/runbooks");
        fs::create_dir_all(&sources).unwrap();
        for out in [
            dir.path().join("docs"),
            sources.clone(),
            dir.path().to_path_buf(),
        ] {
            let err = write_atomic(&site("x"), &out, std::slice::from_ref(&sources)).unwrap_err();
            assert!(
                matches!(err, SiteError::OutputContainsSources { .. }),
                "{out:?}: {err}"
            );
        }
        assert!(sources.is_dir());
    }

    #[test]
    fn refuses_a_foreign_non_empty_folder_and_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("important");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("thesis.tex"), "keep me").unwrap();
        assert!(matches!(
            write_atomic(&site("x"), &out, &[]),
            Err(SiteError::ForeignOutput(_))
        ));
        assert_eq!(
            fs::read_to_string(out.join("thesis.tex")).unwrap(),
            "keep me"
        );
        let file = dir.path().join("file");
        fs::write(&file, "x").unwrap();
        assert!(matches!(
            write_atomic(&site("x"), &file, &[]),
            Err(SiteError::OutputNotADirectory(_))
        ));
    }
}
