//! Helpers: build and run the `runbook` binary with deterministic settings.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The date every test runs at, so review-date rules are reproducible.
pub const TODAY: &str = "2026-12-01";

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// A fixture path under `tests/fixtures/cli/`.
pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/cli").join(name)
}

/// The `runbook` binary, built once per test run (it lives in another package,
/// so cargo does not build it for this test binary by itself).
pub fn binary() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
        let status = Command::new(cargo)
            .args(["build", "--quiet", "-p", "runbook", "--bin", "runbook"])
            .current_dir(root())
            .status()
            .expect("cargo runs");
        assert!(status.success(), "building runbook failed");
        // The test binary is target/<profile>/deps/cli-…; the tool is target/<profile>/runbook.
        let exe = std::env::current_exe().unwrap();
        let profile_dir = exe.parent().unwrap().parent().unwrap();
        profile_dir.join(format!("runbook{}", std::env::consts::EXE_SUFFIX))
    })
}

/// A command for the binary, run in `dir`, without colours and with a fixed today.
pub fn runbook(dir: &Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::new(binary());
    cmd.current_dir(dir)
        .env("RUNBOOK_TODAY", TODAY)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .timeout(std::time::Duration::from_secs(120));
    cmd
}

/// Standard output as text.
pub fn stdout(output: &std::process::Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// Standard error as text.
pub fn stderr(output: &std::process::Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// Loads a JSON schema vendored under `tests/schemas/`.
pub fn schema(name: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(root().join("tests/schemas").join(name)).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Asserts that `instance` validates against `schema`, listing every error.
pub fn assert_valid(schema: &serde_json::Value, instance: &serde_json::Value) {
    let validator = jsonschema::validator_for(schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "schema errors: {errors:#?}");
}
