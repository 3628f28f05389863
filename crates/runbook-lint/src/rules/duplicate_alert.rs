//! `duplicate-alert`: two runbooks claim one alert.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostic::{Location, Related, Severity};
use crate::index::Known;
use crate::rule::{Category, CollectionContext, Rule, RuleMeta};

crate::declare_rule! {
    /// ## What it checks
    /// Alerts listed in the front-matter `alerts` of more than one runbook.
    /// Every runbook after the first (by path) that claims the alert is
    /// reported, pointing at the first. The other runbooks are looked for
    /// in the whole project (the folder of the nearest `runbook.toml`, else
    /// the git work tree), so linting one file finds its duplicates too.
    ///
    /// ## Why it matters
    /// An alert's `runbook_url` can only point at one page. When two runbooks
    /// claim it, one of them is never found from the alert, and the two drift
    /// apart.
    ///
    /// ## Example
    /// ```markdown
    /// <!-- file: replication-lag.md -->
    /// ---
    /// alerts: [PostgresReplicationLagHigh]
    /// ---
    /// ```
    ///
    /// ```markdown
    /// <!-- file: replica-rebuild.md -->
    /// ---
    /// alerts: [PostgresReplicationLagHigh, PostgresReplicaDown]
    /// ---
    /// ```
    ///
    /// ## How to fix
    /// Keep the alert in the runbook that handles it, and link to it from the
    /// other one.
    pub DuplicateAlert, "duplicate-alert", Severity::Warning, Category::Ownership
}

impl Rule for DuplicateAlert {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    /// Claims of the run's runbooks against every runbook of the project
    /// that claims the same alert.
    fn check_collection(&self, cx: &mut CollectionContext<'_>) {
        let index = cx.index;
        let mut claims: BTreeMap<&str, Vec<(&Path, Known, &Path, Location)>> = BTreeMap::new();
        for (known, file) in index.all() {
            for (alert, location) in &file.alerts {
                let entry = claims.entry(alert.as_str()).or_default();
                if !entry.iter().any(|(key, ..)| *key == file.key.as_path()) {
                    entry.push((&file.key, known, &file.path, *location));
                }
            }
        }
        for (alert, mut owners) in claims {
            // The first claim by path owns the alert, whichever files were named.
            owners.sort_by(|a, b| a.0.cmp(b.0));
            let Some(((_, _, first_path, first_location), rest)) = owners.split_first() else {
                continue;
            };
            for (_, known, _, location) in rest {
                let Known::Run(i) = *known else { continue };
                let message = format!(
                    "alert `{alert}` is also claimed by `{}`",
                    first_path.display()
                );
                let hashed = format!("{message} {alert}");
                if let Some(d) = cx.report(i, *location, message, &hashed) {
                    d.related.push(Related {
                        path: Some(first_path.to_path_buf()),
                        location: *first_location,
                        message: format!("first claimed in `{}`", first_path.display()),
                    });
                }
            }
        }
    }
}
