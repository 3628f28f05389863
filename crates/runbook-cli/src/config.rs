//! Finding and loading `runbook.toml`: walk up from each path, or `--config FILE`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use miette::{NamedSource, SourceSpan};
use runbook_lint::{Config, Linter, PRESETS, Preset};

/// File names a configuration may have, in the order they are tried in each folder.
pub const CONFIG_NAMES: [&str; 2] = ["runbook.toml", ".runbook.toml"];

/// A configuration file that does not parse or names unknown things.
#[derive(Debug)]
pub struct ConfigError {
    message: String,
    source: NamedSource<String>,
    span: Option<SourceSpan>,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "invalid configuration in {}: {}",
            self.source.name(),
            self.message
        )
    }
}

impl std::error::Error for ConfigError {}

impl miette::Diagnostic for ConfigError {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new("runbook::config"))
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let span = self.span?;
        Some(Box::new(std::iter::once(
            miette::LabeledSpan::new_with_span(Some(self.message.clone()), span),
        )))
    }
}

/// The configuration file that applies to `path`: the nearest `runbook.toml`
/// or `.runbook.toml` in its folder or any parent folder.
pub fn find(path: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(path).ok()?;
    let start = if absolute.is_dir() {
        absolute.as_path()
    } else {
        absolute.parent()?
    };
    start.ancestors().find_map(|dir| {
        CONFIG_NAMES
            .iter()
            .map(|name| dir.join(name))
            .find(|candidate| candidate.is_file())
    })
}

/// Reads and parses a configuration file, with `preset` overriding the file's preset.
pub fn load(path: &Path, preset: Option<&str>) -> miette::Result<Config> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| miette::miette!("cannot read configuration {}: {e}", path.display()))?;
    // Messages name the file relative to the working directory when possible.
    let cwd = std::env::current_dir().unwrap_or_default();
    let shown = path.strip_prefix(&cwd).unwrap_or(path);
    parse(&text, &shown.display().to_string(), preset)
}

/// Parses configuration text; `name` is used in error messages. `preset`
/// (from `--preset`) replaces the file's preset; `RUNBOOK_TODAY` fixes the
/// linter's idea of today.
pub fn parse(text: &str, name: &str, preset: Option<&str>) -> miette::Result<Config> {
    let error = |message: String, span: Option<std::ops::Range<usize>>| ConfigError {
        message,
        source: NamedSource::new(name, text.to_owned()),
        span: span.map(Into::into),
    };
    let mut config = Config::from_toml(text).map_err(|e| {
        let message = format!(
            "{}{}",
            e.message,
            runbook_lint::suggest::hint(e.suggestion.as_deref())
        );
        error(message, e.span.clone())
    })?;
    if let Some(name) = preset {
        config.preset = Preset::find(name).ok_or_else(|| {
            let names: Vec<_> = PRESETS.iter().map(|p| p.name).collect();
            miette::miette!(
                code = "runbook::preset",
                "unknown preset `{name}`, expected one of: {}",
                names.join(", ")
            )
        })?;
    }
    config.today = Some(today()?);
    Ok(config)
}

/// The date the run judges reviews against, for every command: today in
/// UTC, or `RUNBOOK_TODAY` (`YYYY-MM-DD`) when set, so runs and tests can
/// be reproduced.
pub fn today() -> miette::Result<jiff::civil::Date> {
    match std::env::var("RUNBOOK_TODAY") {
        Ok(text) if !text.is_empty() => text.parse::<jiff::civil::Date>().map_err(|e| {
            miette::miette!(
                code = "runbook::env",
                "RUNBOOK_TODAY must be a date like 2026-12-01, got `{text}`: {e}"
            )
        }),
        _ => Ok(runbook_parse::review::utc_today()),
    }
}

/// Linters per configuration file, so each runbook is checked with the
/// configuration nearest to it.
pub struct Resolver {
    explicit: Option<Arc<Linter>>,
    explicit_path: Option<PathBuf>,
    preset: Option<String>,
    by_file: HashMap<Option<PathBuf>, Arc<Linter>>,
    by_dir: HashMap<PathBuf, Option<PathBuf>>,
    /// The working directory, read once: `glob_path` runs for every file.
    cwd: Option<PathBuf>,
}

impl Resolver {
    /// A resolver; `explicit` is `--config FILE`, which then applies everywhere.
    pub fn new(explicit: Option<&Path>, preset: Option<&str>) -> miette::Result<Self> {
        let explicit_path = explicit.map(Path::to_path_buf);
        let explicit = match explicit {
            Some(path) => {
                if !path.is_file() {
                    miette::bail!("configuration file {} does not exist", path.display());
                }
                Some(Arc::new(Linter::new(load(path, preset)?)))
            }
            None => None,
        };
        Ok(Self {
            explicit,
            explicit_path: explicit_path.and_then(|p| std::path::absolute(p).ok()),
            preset: preset.map(str::to_owned),
            by_file: HashMap::new(),
            by_dir: HashMap::new(),
            cwd: std::env::current_dir().ok(),
        })
    }

    /// The linter for the runbook at `path`.
    pub fn linter_for(&mut self, path: &Path) -> miette::Result<Arc<Linter>> {
        if let Some(linter) = &self.explicit {
            return Ok(Arc::clone(linter));
        }
        let dir = path.parent().unwrap_or(Path::new(".")).to_path_buf();
        let file = self.by_dir.entry(dir).or_insert_with(|| find(path)).clone();
        if let Some(linter) = self.by_file.get(&file) {
            return Ok(Arc::clone(linter));
        }
        let config = match &file {
            Some(file) => load(file, self.preset.as_deref())?,
            None => parse("", "<defaults>", self.preset.as_deref())?,
        };
        let linter = Arc::new(Linter::new(config));
        self.by_file.insert(file, Arc::clone(&linter));
        Ok(linter)
    }

    /// `path` as `include`/`exclude` globs see it: relative to the folder of
    /// the configuration file that applies, so `exclude = ["docs/**"]` means
    /// the same from the repository root and from any subfolder. Call after
    /// [`Resolver::linter_for`] for the same path.
    pub fn glob_path(&self, path: &Path) -> PathBuf {
        let file = match &self.explicit_path {
            Some(file) => Some(file.as_path()),
            None => path
                .parent()
                .and_then(|dir| self.by_dir.get(dir))
                .and_then(Option::as_deref),
        };
        let Some(base) = file.and_then(Path::parent) else {
            return path.to_path_buf();
        };
        // `absolute` of an absolute path does no I/O; a relative one would
        // ask the kernel for the working directory every time.
        let absolute = match (&self.cwd, path.is_relative()) {
            (Some(cwd), true) => std::path::absolute(cwd.join(path)),
            _ => std::path::absolute(path),
        };
        absolute.ok().map_or_else(
            || path.to_path_buf(),
            |absolute| {
                absolute
                    .strip_prefix(base)
                    .map_or_else(|_| path.to_path_buf(), Path::to_path_buf)
            },
        )
    }
}

#[cfg(test)]
#[expect(clippy::unwrap_used, reason = "tests unwrap")]
mod tests {
    use super::*;

    #[test]
    fn preset_flag_replaces_the_files_preset() {
        let config = parse("preset = \"alert\"\n", "t", None).unwrap();
        assert_eq!(config.preset.name, "alert");
        let config = parse("preset = \"alert\"\n", "t", Some("strict")).unwrap();
        assert_eq!(config.preset.name, "strict");
        assert!(parse("", "t", Some("lax")).is_err());
    }

    #[test]
    fn unknown_rules_presets_and_keys_are_errors() {
        assert!(parse("[rules]\nnope = \"error\"\n", "t", None).is_err());
        assert!(parse("preset = \"lax\"\n", "t", None).is_err());
        assert!(parse("colour = true\n", "t", None).is_err());
        assert!(parse("preset = 3\n", "t", None).is_err());
    }

    #[test]
    fn find_walks_up_to_the_nearest_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("a/b")).unwrap();
        std::fs::write(dir.path().join(".runbook.toml"), "").unwrap();
        std::fs::write(dir.path().join("a/runbook.toml"), "").unwrap();
        assert_eq!(
            find(&dir.path().join("a/b/x.md")),
            Some(dir.path().join("a/runbook.toml"))
        );
        assert_eq!(
            find(&dir.path().join("y.md")),
            Some(dir.path().join(".runbook.toml"))
        );
    }
}
