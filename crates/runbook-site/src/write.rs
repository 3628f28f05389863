//! Writing a rendered site to disk atomically, and reading the files
//! beside the runbooks that pages link to: the only I/O of this crate.
//!
//! The site is written into a temporary sibling of the output folder, then
//! swapped in with two renames, so readers never see a half-built site and a
//! failed build leaves the previous one intact. Only the output folder is
//! ever replaced, and only when it is empty or was built by us. A
//! [`SiteWriter`] writes pages as they are rendered, so a build need not
//! hold the whole site in memory.

use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use crate::error::SiteError;
use crate::model::{Site, SiteAsset, SiteFile};

/// The marker file that identifies a folder built by `runbook build`.
pub const MARKER: &str = ".runbook-site";

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> SiteError + '_ {
    move |source| SiteError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// A linked file that was not published, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedAsset {
    /// The file as the runbook's link resolved it.
    pub source: PathBuf,
    /// Why it was not published.
    pub reason: String,
}

/// Opens a file a runbook links to, for copying or serving. Refuses what
/// is not a regular file (a folder, a FIFO that would block, a device) and
/// a file whose real path, symbolic links resolved, leaves the runbook's
/// source folder.
pub fn open_asset(asset: &SiteAsset) -> Result<fs::File, SkippedAsset> {
    let skip = |reason: String| SkippedAsset {
        source: asset.source.clone(),
        reason,
    };
    let real = fs::canonicalize(&asset.source).map_err(|e| skip(e.to_string()))?;
    let root = fs::canonicalize(if asset.root.as_os_str().is_empty() {
        Path::new(".")
    } else {
        &asset.root
    })
    .map_err(|e| skip(format!("source folder {}: {e}", asset.root.display())))?;
    if !real.starts_with(&root) {
        return Err(skip(format!(
            "it resolves to {}, outside {}",
            real.display(),
            asset.root.display()
        )));
    }
    let meta = fs::metadata(&real).map_err(|e| skip(e.to_string()))?;
    if !meta.is_file() {
        return Err(skip("not a regular file".to_owned()));
    }
    fs::File::open(&real).map_err(|e| skip(e.to_string()))
}

/// Writes a site into a staging folder beside `out_dir`, file by file
/// (from any thread), then [`SiteWriter::commit`] swaps it in. Dropped
/// without a commit, it removes the staging folder and changes nothing.
#[derive(Debug)]
pub struct SiteWriter {
    staging: tempfile::TempDir,
    out_dir: PathBuf,
    parent: PathBuf,
    name: String,
    skipped: Mutex<Vec<SkippedAsset>>,
}

impl SiteWriter {
    /// Checks `out_dir` (see [`write_atomic`]) and creates the staging folder.
    pub fn create(out_dir: &Path, source_roots: &[PathBuf]) -> Result<Self, SiteError> {
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
        Ok(Self {
            staging,
            out_dir: out_dir.to_path_buf(),
            parent,
            name,
            skipped: Mutex::new(Vec::new()),
        })
    }

    /// Writes one rendered file.
    pub fn write(&self, file: &SiteFile) -> Result<(), SiteError> {
        let target = self.target(&file.path)?;
        fs::write(&target, &file.contents).map_err(io(&target))
    }

    /// Copies one linked file in; one that cannot be published (see
    /// [`open_asset`]) is recorded for [`SiteWriter::commit`] instead.
    pub fn copy_asset(&self, asset: &SiteAsset) -> Result<(), SiteError> {
        let mut from = match open_asset(asset) {
            Ok(file) => file,
            Err(skipped) => {
                if let Ok(mut list) = self.skipped.lock() {
                    list.push(skipped);
                }
                return Ok(());
            }
        };
        let target = self.target(&asset.path)?;
        let mut to = fs::File::create(&target).map_err(io(&target))?;
        std::io::copy(&mut from, &mut to).map_err(io(&target))?;
        Ok(())
    }

    /// The staging path of a site path, its folder created.
    fn target(&self, site_path: &str) -> Result<PathBuf, SiteError> {
        let target = self.staging.path().join(safe_relative(site_path)?);
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir).map_err(io(dir))?;
        }
        Ok(target)
    }

    /// Swaps the staged site in; returns the linked files that were not
    /// published.
    pub fn commit(self) -> Result<Vec<SkippedAsset>, SiteError> {
        let marker = self.staging.path().join(MARKER);
        fs::write(
            &marker,
            "Built by `runbook build`; this folder is replaced on every build.\n",
        )
        .map_err(io(&marker))?;
        let mut skipped = self.skipped.into_inner().unwrap_or_default();
        skipped.sort_by(|a, b| a.source.cmp(&b.source));
        swap(self.staging, &self.out_dir, &self.parent, &self.name)?;
        Ok(skipped)
    }
}

/// Writes `site` to `out_dir`, replacing a previous build atomically, and
/// copies the files its pages link to; returns those that were not
/// published (missing, not regular files, or outside their source folder).
///
/// Refuses when `out_dir` is or contains one of `source_roots`, when it is
/// not a folder, and when it is a non-empty folder without the marker file
/// (so a mistyped `--out` never wipes unrelated files).
pub fn write_atomic(
    site: &Site,
    out_dir: &Path,
    source_roots: &[PathBuf],
) -> Result<Vec<SkippedAsset>, SiteError> {
    let writer = SiteWriter::create(out_dir, source_roots)?;
    for file in &site.files {
        writer.write(file)?;
    }
    for asset in &site.assets {
        if site.files.iter().all(|f| f.path != asset.path) {
            writer.copy_asset(asset)?;
        }
    }
    writer.commit()
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
            assets: vec![],
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
    fn linked_files_are_copied_unless_they_leave_their_folder_or_are_not_files() {
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("src");
        fs::create_dir_all(src.join("img")).unwrap();
        fs::write(src.join("img/map.png"), b"\x89PNG").unwrap();
        fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        let asset = |path: &str, source: PathBuf| SiteAsset {
            path: path.into(),
            source,
            root: src.clone(),
        };
        let mut site = site("x");
        site.assets = vec![
            asset("runbooks/img/map.png", src.join("img/map.png")),
            asset("runbooks/missing.png", src.join("missing.png")),
            asset("runbooks/img", src.join("img")),
        ];
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret.txt"), src.join("escape.txt"))
                .unwrap();
            std::os::unix::fs::symlink(src.join("img/map.png"), src.join("inside.png")).unwrap();
            site.assets
                .push(asset("runbooks/escape.txt", src.join("escape.txt")));
            site.assets
                .push(asset("runbooks/inside.png", src.join("inside.png")));
            let fifo = src.join("fifo");
            let made = std::process::Command::new("mkfifo").arg(&fifo).status();
            if made.is_ok_and(|s| s.success()) {
                site.assets.push(asset("runbooks/fifo", fifo));
            }
        }
        let out = dir.path().join("site");
        let skipped = write_atomic(&site, &out, &[]).unwrap();
        assert_eq!(
            fs::read(out.join("runbooks/img/map.png")).unwrap(),
            b"\x89PNG"
        );
        assert!(!out.join("runbooks/missing.png").exists());
        let reasons: Vec<String> = skipped
            .iter()
            .map(|s| format!("{}: {}", s.source.display(), s.reason))
            .collect();
        assert!(
            reasons.iter().any(|r| r.contains("missing.png")),
            "{reasons:?}"
        );
        assert!(
            reasons
                .iter()
                .any(|r| r.contains("img: not a regular file")),
            "{reasons:?}"
        );
        #[cfg(unix)]
        {
            assert!(!out.join("runbooks/escape.txt").exists());
            assert!(
                reasons
                    .iter()
                    .any(|r| r.contains("escape.txt") && r.contains("outside")),
                "{reasons:?}"
            );
            assert_eq!(
                fs::read(out.join("runbooks/inside.png")).unwrap(),
                b"\x89PNG"
            );
            assert!(
                !out.join("runbooks/fifo").exists(),
                "a FIFO is never opened"
            );
        }
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
