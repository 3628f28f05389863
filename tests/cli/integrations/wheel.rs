//! The Python wheel: built from this checkout the way pip builds it (maturin
//! from the package index, cargo from the machine) and installed into a fresh virtual
//! environment on a `PATH` with no Rust, it is a working `runbook`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use super::action::{Release, VERSION};
use super::path_without_rust;
use crate::util::{TODAY, root, stderr, stdout};

/// `pip wheel . -w DIR`, once per test run; returns the wheel.
fn wheel() -> &'static Path {
    static WHEEL: OnceLock<PathBuf> = OnceLock::new();
    WHEEL.get_or_init(|| {
        let dist = root().join("target/wheel-test");
        let _ = std::fs::remove_dir_all(&dist);
        let output = Command::new("python3")
            .args(["-m", "pip", "wheel", "--no-deps", "--quiet", "-w"])
            .arg(&dist)
            .arg(root())
            .output()
            .expect("python3 with pip");
        assert!(output.status.success(), "pip wheel: {}", stderr(&output));
        let wheels: Vec<PathBuf> = std::fs::read_dir(&dist)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "whl"))
            .collect();
        assert_eq!(wheels.len(), 1, "{wheels:?}");
        wheels.into_iter().next().unwrap()
    })
}

#[test]
#[ignore = "slow: builds the wheel in release mode and needs PyPI for maturin; run by .ci/run"]
fn the_wheel_installs_a_working_runbook_without_rust() {
    let wheel = wheel();
    let name = wheel.file_name().unwrap().to_str().unwrap();
    // A binary wheel: any Python 3 on this platform takes it.
    assert!(
        name.starts_with(&format!("runbook_cli-{VERSION}-py3-none-")),
        "{name}"
    );

    let dir = tempfile::tempdir().unwrap();
    let venv = dir.path().join("venv");
    let status = Command::new("python3")
        .args(["-m", "venv"])
        .arg(&venv)
        .status()
        .unwrap();
    assert!(status.success());
    let output = Command::new(venv.join("bin/python"))
        .args(["-m", "pip", "install", "--no-index", "--quiet"])
        .arg(wheel)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));

    let mut path = vec![venv.join("bin")];
    path.extend(std::env::split_paths(&path_without_rust()));
    let path = std::env::join_paths(path).unwrap();
    let run = |args: &[&str]| {
        Command::new("sh")
            .arg("-c")
            .arg("exec runbook \"$@\"")
            .arg("runbook")
            .args(args)
            .current_dir(root())
            .env("PATH", &path)
            .env("RUNBOOK_TODAY", TODAY)
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    };
    let found = Command::new("sh")
        .args(["-c", "command -v runbook"])
        .env("PATH", &path)
        .output()
        .unwrap();
    assert_eq!(
        Path::new(stdout(&found).trim()),
        venv.join("bin/runbook"),
        "runbook on PATH is the wheel's"
    );

    let output = run(&["--version"]);
    assert_eq!(stdout(&output).trim(), format!("runbook {VERSION}"));
    let output = run(&["lint", "runbooks", "--format", "concise"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(
        stderr(&output).contains("checked 10 files"),
        "{}",
        stderr(&output)
    );
    let site = dir.path().join("site");
    let output = run(&["build", "runbooks", "--out", site.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(site.join("index.html").is_file());
}

/// The Action's second route, with the wheel standing in for the package index.
#[test]
#[ignore = "slow: builds the wheel in release mode and needs PyPI for maturin; run by .ci/run"]
fn the_action_installs_the_wheel_with_pip_when_there_is_no_archive() {
    let wheels = wheel().parent().unwrap();
    let release = Release::empty();
    let output = release.install(
        &path_without_rust(),
        wheels,
        &[("RUNBOOK_VERSION", VERSION)],
    );
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(err.contains("no release archive for"), "{err}");
    assert!(
        err.contains(&format!("with pip (runbook-cli=={VERSION})")),
        "{err}"
    );
    assert_eq!(release.installed_version(), format!("runbook {VERSION}"));
    assert_eq!(
        release.github_path().trim(),
        release.bin().to_str().unwrap()
    );
}
