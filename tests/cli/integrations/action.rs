//! `action/install.sh`, the Action's installer, against a local folder laid
//! out like a GitHub release (a `file://` repository URL): no network.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use super::path_without_rust;
use crate::util::{binary, root, stderr};

/// The workspace version, which the binary under test reports.
pub(super) const VERSION: &str = env!("CARGO_PKG_VERSION");
const TARGET: &str = "x86_64-unknown-linux-musl";

/// The archive's name without extension, as release.yml's `archive:` input
/// names it (taiki-e/upload-rust-binary-action expands `$tag` and `$target`).
fn archive_base(version: &str, target: &str) -> String {
    let text = std::fs::read_to_string(root().join(".github/workflows/release.yml")).unwrap();
    let pattern = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("archive: "))
        .expect("release.yml names its archives");
    pattern
        .replace("$tag", &format!("v{version}"))
        .replace("$target", target)
}

/// The URL `cargo binstall` downloads, from the root Cargo.toml's `pkg-url`.
fn binstall_url(repo: &str, version: &str, target: &str) -> String {
    let text = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let (_, binstall) = text
        .split_once("[package.metadata.binstall]")
        .expect("Cargo.toml has binstall metadata");
    let template = binstall
        .lines()
        .find_map(|l| l.strip_prefix("pkg-url = "))
        .expect("binstall metadata has a pkg-url")
        .trim_matches('"');
    template
        .replace("{ repo }", repo)
        .replace("{ name }", "runbook")
        .replace("{ version }", version)
        .replace("{ target }", target)
}

/// The archive of the binary under test, made once: `tar` and `sha256sum`,
/// as the release action makes it. Lives under `target/` so the releases
/// below can hard-link it (the debug binary is large).
fn archive() -> &'static Path {
    static ARCHIVE: OnceLock<PathBuf> = OnceLock::new();
    ARCHIVE.get_or_init(|| {
        let dir = root().join("target/action-test");
        let stage = dir.join("stage");
        std::fs::create_dir_all(&stage).unwrap();
        std::fs::copy(binary(), stage.join("runbook")).unwrap();
        // Debug info is most of a debug build; where binutils is missing
        // the archive is only bigger.
        let _ = Command::new("strip")
            .arg("--strip-debug")
            .arg(stage.join("runbook"))
            .status();
        std::fs::copy(root().join("LICENSE-MIT"), stage.join("LICENSE-MIT")).unwrap();
        let archive = dir.join(format!("{}.tar.gz", archive_base(VERSION, TARGET)));
        let status = Command::new("tar")
            .arg("-czf")
            .arg(&archive)
            .arg("-C")
            .arg(&stage)
            .args(["runbook", "LICENSE-MIT"])
            .status()
            .unwrap();
        assert!(status.success());
        archive
    })
}

/// A repository whose `releases/download/vVERSION/` holds what the release
/// workflow uploads for `target`, or nothing.
pub(super) struct Release {
    dir: tempfile::TempDir,
}

impl Release {
    /// A release with no archive for any target.
    pub(super) fn empty() -> Self {
        let dir = tempfile::tempdir_in(root().join("target")).unwrap();
        std::fs::create_dir_all(Self::assets(dir.path())).unwrap();
        Release { dir }
    }

    /// A release with the archive for `TARGET` and its checksum file.
    fn with_archive() -> Self {
        let release = Self::empty();
        let assets = Self::assets(release.dir.path());
        let base = archive_base(VERSION, TARGET);
        let name = format!("{base}.tar.gz");
        std::fs::hard_link(archive(), assets.join(&name)).unwrap();
        let sums = Command::new("sha256sum")
            .arg(&name)
            .current_dir(&assets)
            .output()
            .unwrap();
        assert!(sums.status.success());
        std::fs::write(assets.join(format!("{base}.sha256")), sums.stdout).unwrap();
        release
    }

    fn assets(dir: &Path) -> PathBuf {
        dir.join(format!("repo/releases/download/v{VERSION}"))
    }

    fn checksum_file(&self) -> PathBuf {
        Self::assets(self.dir.path()).join(format!("{}.sha256", archive_base(VERSION, TARGET)))
    }

    fn url(&self) -> String {
        format!("file://{}", self.dir.path().join("repo").display())
    }

    /// Where the script is told to put the binary.
    pub(super) fn bin(&self) -> PathBuf {
        self.dir.path().join("bin")
    }

    /// The `GITHUB_PATH` file the script appends to.
    pub(super) fn github_path(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("github_path")).unwrap_or_default()
    }

    /// Runs the install script against this release; `env` comes last and
    /// wins. pip only ever looks in `find_links` (never an index).
    pub(super) fn install(
        &self,
        path: &std::ffi::OsStr,
        find_links: &Path,
        env: &[(&str, &str)],
    ) -> Output {
        let mut cmd = Command::new("bash");
        cmd.arg(root().join("action/install.sh"))
            .env_remove("RUNBOOK_VERSION")
            .env_remove("RUNBOOK_ACTION_REF")
            .env("RUNBOOK_REPOSITORY", self.url())
            .env("RUNBOOK_TARGET", TARGET)
            .env("RUNBOOK_SOURCE", root())
            .env("RUNBOOK_INSTALL_DIR", self.bin())
            .env("GITHUB_PATH", self.dir.path().join("github_path"))
            .env("PATH", path)
            .env("PIP_NO_INDEX", "1")
            .env("PIP_FIND_LINKS", find_links);
        for (key, value) in env {
            cmd.env(key, value);
        }
        cmd.output().unwrap()
    }

    pub(super) fn installed_version(&self) -> String {
        let output = Command::new(self.bin().join("runbook"))
            .arg("--version")
            .output()
            .unwrap();
        String::from_utf8(output.stdout).unwrap().trim().to_owned()
    }
}

fn no_wheels() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

#[test]
fn binstall_and_the_release_workflow_name_the_same_archive() {
    let repo = "https://github.com/runbook-dev/runbook";
    for target in [TARGET, "aarch64-apple-darwin", "x86_64-pc-windows-msvc"] {
        assert_eq!(
            binstall_url(repo, "1.2.3", target),
            format!(
                "{repo}/releases/download/v1.2.3/{}.tar.gz",
                archive_base("1.2.3", target)
            )
        );
    }
    assert_eq!(
        archive_base("1.2.3", TARGET),
        "runbook-v1.2.3-x86_64-unknown-linux-musl"
    );
}

#[test]
fn the_pip_route_installs_the_package_pyproject_names() {
    let pyproject = std::fs::read_to_string(root().join("pyproject.toml")).unwrap();
    let name = pyproject
        .lines()
        .find_map(|l| l.strip_prefix("name = "))
        .unwrap()
        .trim_matches('"');
    let script = std::fs::read_to_string(root().join("action/install.sh")).unwrap();
    assert!(script.contains(&format!("PYPI_NAME={name}\n")), "{name}");
    let release = std::fs::read_to_string(root().join(".github/workflows/release.yml")).unwrap();
    assert!(
        release.contains(&format!("pypi.org/project/{name}/")),
        "{name}"
    );
}

#[test]
fn installs_the_release_archive_after_checking_its_checksum() {
    let release = Release::with_archive();
    let wheels = no_wheels();
    let output = release.install(
        &path_without_rust(),
        wheels.path(),
        &[("RUNBOOK_VERSION", VERSION)],
    );
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(err.contains("(sha256 "), "{err}");
    assert_eq!(release.installed_version(), format!("runbook {VERSION}"));
    assert_eq!(
        release.github_path().trim(),
        release.bin().to_str().unwrap()
    );
}

#[test]
fn without_a_version_input_the_action_ref_is_the_version() {
    let release = Release::with_archive();
    let wheels = no_wheels();
    let tag = format!("v{VERSION}");
    let output = release.install(
        &path_without_rust(),
        wheels.path(),
        &[("RUNBOOK_ACTION_REF", tag.as_str())],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(release.installed_version(), format!("runbook {VERSION}"));
}

#[test]
fn refuses_an_archive_whose_checksum_does_not_match() {
    let release = Release::with_archive();
    // The archive a mirror or an attacker swapped, against the real sum: here
    // the same archive against another sum, which is the same mismatch.
    let sums = std::fs::read_to_string(release.checksum_file()).unwrap();
    let other = if sums.starts_with('0') { "1" } else { "0" };
    std::fs::write(release.checksum_file(), format!("{other}{}", &sums[1..])).unwrap();
    let wheels = no_wheels();
    let output = release.install(
        &std::env::var_os("PATH").unwrap(),
        wheels.path(),
        &[("RUNBOOK_VERSION", VERSION)],
    );
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("checksum mismatch"), "{err}");
    assert!(err.contains("refusing to install it"), "{err}");
    // No other route was tried, nothing was installed, nothing put on PATH.
    assert!(!err.contains("pip") && !err.contains("cargo"), "{err}");
    assert!(!release.bin().join("runbook").exists());
    assert_eq!(release.github_path(), "");
}

#[test]
fn refuses_a_checksum_file_that_does_not_name_the_archive() {
    let release = Release::with_archive();
    let sums = std::fs::read_to_string(release.checksum_file()).unwrap();
    std::fs::write(release.checksum_file(), sums.replace(".tar.gz", ".zip")).unwrap();
    let wheels = no_wheels();
    let output = release.install(
        &path_without_rust(),
        wheels.path(),
        &[("RUNBOOK_VERSION", VERSION)],
    );
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("lists no checksum for"), "{err}");
    assert!(!release.bin().join("runbook").exists());
}

#[test]
fn without_an_archive_tries_pip_then_cargo_and_says_what_failed() {
    // No archive for this target, no wheel for pip, no cargo on PATH.
    let release = Release::empty();
    let wheels = no_wheels();
    let output = release.install(
        &path_without_rust(),
        wheels.path(),
        &[("RUNBOOK_VERSION", VERSION)],
    );
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    let order = [
        format!("no release archive for {TARGET}"),
        format!("pip could not install runbook-cli=={VERSION}"),
        "cargo is not installed".to_owned(),
        format!("could not install runbook {VERSION}"),
    ];
    let positions: Vec<Option<usize>> = order.iter().map(|m| err.find(m.as_str())).collect();
    assert!(positions.iter().all(Option::is_some), "{err}");
    assert!(positions.is_sorted(), "routes out of order: {err}");
    assert_eq!(release.github_path(), "");
}

#[test]
fn rejects_a_version_that_is_not_one() {
    let release = Release::empty();
    let wheels = no_wheels();
    for bad in ["../../etc", "1.0; rm -rf /", "latest"] {
        let output = release.install(
            &path_without_rust(),
            wheels.path(),
            &[("RUNBOOK_VERSION", bad)],
        );
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{bad}: {err}");
        assert!(err.contains("is not a version"), "{bad}: {err}");
    }
}

/// The last route: `cargo install` of the action's own checkout, which is
/// the requested version, and the only route for an action used from a
/// branch. Reuses the workspace's release build (`.ci/run` has made it).
#[test]
#[ignore = "slow: cargo install builds in release mode; run by .ci/run"]
fn falls_back_to_cargo_install_of_the_checkout() {
    let release = Release::empty();
    let wheels = no_wheels();
    let path = std::env::var_os("PATH").unwrap();
    let target_dir = root().join("target");
    let target_dir = target_dir.to_str().unwrap();
    let output = release.install(
        &path,
        wheels.path(),
        &[
            ("RUNBOOK_VERSION", VERSION),
            ("CARGO_TARGET_DIR", target_dir),
        ],
    );
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(err.contains("pip could not install"), "{err}");
    assert!(err.contains("with cargo install --path"), "{err}");
    assert_eq!(release.installed_version(), format!("runbook {VERSION}"));

    // Used from a branch: no version, so no release to look for.
    let branch = Release::empty();
    let output = branch.install(
        &path,
        wheels.path(),
        &[
            ("RUNBOOK_ACTION_REF", "main"),
            ("CARGO_TARGET_DIR", target_dir),
        ],
    );
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(err.contains("(main) is not one: building"), "{err}");
    assert!(!err.contains("release archive"), "{err}");
    assert_eq!(branch.installed_version(), format!("runbook {VERSION}"));
}
