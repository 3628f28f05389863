//! Tests of `runbook.toml` parsing, presets and path selection.

#![expect(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]

use std::path::Path;

use super::*;
use crate::rules::{MissingPrerequisites, MissingRollback};

#[test]
fn unknown_key_names_line_and_closest_key() {
    let text = "preset = \"strict\"\n[review]\nmax_age_dayz = 30\n";
    let e = Config::from_toml(text).unwrap_err();
    assert_eq!(e.line, 3);
    assert_eq!(e.column, 1);
    assert_eq!(e.key.as_deref(), Some("max_age_dayz"));
    assert_eq!(e.suggestion.as_deref(), Some("max_age_days"));
    assert!(e.to_string().contains("did you mean `max_age_days`"), "{e}");
}

#[test]
fn unknown_rule_id_names_closest_rule() {
    let e = Config::from_toml("[rules]\nmissing-rolback = \"off\"\n").unwrap_err();
    assert_eq!(e.line, 2);
    assert_eq!(e.suggestion.as_deref(), Some("missing-rollback"));
}

#[test]
fn bad_level_and_preset_are_errors() {
    let e = Config::from_toml("[rules]\nmissing-rollback = \"warn\"\n").unwrap_err();
    assert_eq!(e.line, 2);
    assert_eq!(e.suggestion.as_deref(), Some("warning"));
    let e = Config::from_toml("preset = \"alerts\"\n").unwrap_err();
    assert_eq!(e.suggestion.as_deref(), Some("alert"));
    let e = Config::from_toml("[secrets]\npatterns = [\"(\"]\n").unwrap_err();
    assert_eq!(e.line, 2);
    assert!(e.message.starts_with("invalid regex"), "{}", e.message);
}

#[test]
fn presets_set_levels_and_config_overrides_them() {
    let alert = Config::from_toml("preset = \"alert\"\n").unwrap();
    assert_eq!(alert.level(&MissingPrerequisites::META), Level::Off);
    assert_eq!(alert.level(&MissingRollback::META), Level::Warning);
    assert_eq!(alert.required_keys(), vec!["title".to_owned()]);
    let custom =
        Config::from_toml("preset = \"alert\"\n[rules]\nmissing-rollback = \"error\"\n").unwrap();
    assert_eq!(custom.level(&MissingRollback::META), Level::Error);
    let strict = Config::default();
    assert_eq!(strict.level(&MissingPrerequisites::META), Level::Error);
    assert!(strict.effective().to_toml().contains("preset = \"strict\""));
}

#[test]
fn overrides_apply_per_path() {
    let c = Config::from_toml(
        "[[overrides]]\nfiles = [\"legacy/**\"]\nrules = { missing-rollback = \"off\" }\n",
    )
    .unwrap();
    assert_eq!(
        c.severity_for(&MissingRollback::META, Path::new("legacy/a.md")),
        None
    );
    assert!(
        c.severity_for(&MissingRollback::META, Path::new("runbooks/a.md"))
            .is_some()
    );
}

#[test]
fn default_non_runbooks_and_globs() {
    let c = Config::default();
    assert!(c.is_runbook(Path::new("runbooks/restart.md")));
    assert!(!c.is_runbook(Path::new("README.md")));
    assert!(!c.is_runbook(Path::new("content/runbooks/_index.md")));
    assert!(!c.is_runbook(Path::new("LICENSE-MIT.md")));
    let c = Config::from_toml("exclude = [\"docs/**\"]\ninclude = [\"README.md\", \"**/*.md\"]\n")
        .unwrap();
    assert!(!c.is_runbook(Path::new("docs/guide.md")));
    assert!(c.is_runbook(Path::new("./README.md")));
}

#[test]
fn published_config_schema_lists_every_rule_and_accepts_a_full_config() {
    let schema: serde_json::Value = serde_json::from_str(include_str!(
        "../../../../schemas/runbook-config.schema.json"
    ))
    .unwrap();
    let listed: Vec<&str> = schema
        .pointer("/$defs/rules/propertyNames/enum")
        .and_then(serde_json::Value::as_array)
        .unwrap()
        .iter()
        .filter_map(serde_json::Value::as_str)
        .collect();
    let ids: Vec<&str> = crate::rules::ALL_RULES
        .iter()
        .map(|r| r.meta().id)
        .collect();
    assert_eq!(listed, ids);
    let text = "preset = \"alert\"\ninclude = [\"runbooks/**\"]\nexclude = [\"docs/**\"]\n[rules]\nmissing-rollback = \"error\"\n[sections]\nrequired = [\"impact\"]\naliases = { rollback = [\"Fallback\"] }\n[front_matter]\nrequired = [\"title\"]\nknown_keys = [\"weight\"]\nservice_from = \"folder\"\n[review]\nmax_age_days = 90\n[placeholders]\npatterns = [\"CHANGE ME\"]\n[secrets]\npatterns = [\"corp_[0-9a-f]{32}\"]\nallowlist = [\"corp_0{32}\"]\n[[overrides]]\nfiles = [\"legacy/**\"]\nrules = { stale-review = \"off\" }\n[severity]\nlevels = [\"sev1\", \"sev2\"]\n[[require]]\nname = \"sev1\"\nwhen = { severity = \">= sev1\", status = \"active\", service = [\"db\"], tags = { any = [\"pci\"] }, paths = [\"db/**\"] }\nsections = [\"escalation\"]\nmin_owners = 2\nmax_review_age_days = 90\nkeys = [\"alerts\"]\n[destructive]\npatterns = [\"nuke\"]\nguards = [\"peek\"]\n";
    let config = Config::from_toml(text).unwrap();
    assert_eq!(config.max_age_days(), 90);
    assert_eq!(config.requirements.len(), 1);
    let instance = serde_json::to_value(toml::from_str::<toml::Value>(text).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    assert!(validator.is_valid(&instance));
}

#[test]
fn effective_config_prints_every_rule_and_the_preset_table() {
    let alert =
        Config::from_toml("preset = \"alert\"\n[sections]\nrequired = [\"verification\"]\n")
            .unwrap();
    let text = alert.effective().to_toml();
    let printed: toml::Table = toml::from_str(&text).unwrap();
    assert_eq!(printed["preset"].as_str(), Some("alert"));
    assert_eq!(
        printed["rules"]["missing-prerequisites"].as_str(),
        Some("off")
    );
    assert_eq!(
        printed["rules"].as_table().unwrap().len(),
        crate::rules::ALL_RULES.len()
    );
    let required = printed["sections"]["required"].as_array().unwrap();
    assert_eq!(required.len(), 5);
    assert!(
        printed["front_matter"]["known_keys"]
            .as_array()
            .unwrap()
            .iter()
            .any(|k| k.as_str() == Some("weight"))
    );
    let json: serde_json::Value = serde_json::from_str(&alert.effective().to_json()).unwrap();
    assert_eq!(json["review"]["max_age_days"], 180);
}

#[test]
fn every_preset_parses_and_names_only_real_rules() {
    for preset in PRESETS {
        let config = Config::from_toml(&format!("preset = \"{}\"\n", preset.name)).unwrap();
        assert_eq!(config.preset.name, preset.name);
        for (id, _) in preset.levels {
            assert!(crate::rules::find(id).is_some(), "{}: {id}", preset.name);
        }
    }
    let e = Config::from_toml("preset = \"incident\"\n").unwrap_err();
    assert_eq!(e.suggestion.as_deref(), Some("incident-response"));
}

#[test]
fn minimal_turns_every_section_rule_off_and_keeps_hygiene() {
    let minimal = Config::from_toml("preset = \"minimal\"\n").unwrap();
    assert!(minimal.required_sections().is_empty());
    for id in SECTION_RULES {
        let rule = crate::rules::find(id).unwrap();
        assert_eq!(minimal.level(rule.meta()), Level::Off, "{id}");
    }
    let placeholder = crate::rules::find("placeholder-text").unwrap();
    assert_eq!(minimal.level(placeholder.meta()), Level::Error);
}

#[test]
fn incident_response_reads_recover_as_verification_and_the_others_as_steps() {
    let text = "# Phishing\n## Investigate\nx\n## Remediate\ny\n## Communicate\nz\n## Recover\nw\n";
    let kinds = |config: &Config| {
        let doc = runbook_parse::parse_str("p.md", text, &config.parse_options());
        doc.headings
            .iter()
            .skip(1)
            .map(|h| h.kind)
            .collect::<Vec<_>>()
    };
    let ir = Config::from_toml("preset = \"incident-response\"\n").unwrap();
    assert_eq!(
        kinds(&ir),
        [
            SectionKind::Diagnosis,
            SectionKind::Steps,
            SectionKind::Contacts,
            SectionKind::Verification
        ]
    );
    assert_eq!(kinds(&Config::default())[3], SectionKind::Steps);
    // `[sections.aliases]` wins over the preset's.
    let custom = Config::from_toml(
        "preset = \"incident-response\"\n[sections.aliases]\nrollback = [\"Recover\"]\n",
    )
    .unwrap();
    assert_eq!(kinds(&custom)[3], SectionKind::Rollback);
    let shown = ir.effective().to_toml();
    assert!(
        shown.contains("verification = [\n    \"recover\","),
        "{shown}"
    );
}

#[test]
fn service_from_folder_is_parsed_and_reaches_the_parser() {
    let c = Config::from_toml("[front_matter]\nservice_from = \"folder\"\n").unwrap();
    let doc = runbook_parse::parse_str("payments/restart.md", "# Restart\n", &c.parse_options());
    assert_eq!(doc.service(), Some("payments"));
    assert!(
        c.effective()
            .to_toml()
            .contains("service_from = \"folder\"")
    );
    let e = Config::from_toml("[front_matter]\nservice_from = \"folders\"\n").unwrap_err();
    assert_eq!(e.line, 2);
    assert_eq!(e.suggestion.as_deref(), Some("folder"));
}

#[test]
fn a_folder_service_is_not_asked_for_by_front_matter_recommended_key() {
    let text = "---\ntitle: Restart\nowners: [a, b]\nlast_reviewed: 2026-11-01\n---\n# Restart\n";
    let findings = |toml: &str| {
        let linter = crate::Linter::new(Config::from_toml(toml).unwrap());
        let doc = runbook_parse::parse_str("payments/restart.md", text, linter.parse_options());
        linter
            .check(&doc, true)
            .diagnostics()
            .iter()
            .filter(|d| d.rule == "front-matter-recommended-key")
            .map(|d| d.message.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        findings("preset = \"alert\"\n"),
        ["front-matter has no `service`"]
    );
    assert!(findings("preset = \"alert\"\n[front_matter]\nservice_from = \"folder\"\n").is_empty());
}

#[test]
fn vendored_test_and_template_folders_are_not_runbooks_and_say_why() {
    let c = Config::default();
    for path in [
        "vendor/github.com/x/README-ops.md",
        "third_party/lib/runbook.md",
        "site/node_modules/pkg/guide.md",
        "pkg/testdata/bad.md",
        ".github/ISSUE_TEMPLATE/bug.md",
        "site/archetypes/default.md",
    ] {
        assert!(!c.is_runbook(Path::new(path)), "{path}");
        assert!(default_non_runbook(Path::new(path)).is_some(), "{path}");
    }
    assert_eq!(
        default_non_runbook(Path::new("content/_index.md")).map(|n| n.reason),
        Some("a Hugo section page")
    );
    assert!(c.is_runbook(Path::new("runbooks/vendor-outage.md")));
    assert!(default_non_runbook(Path::new("runbooks/vendor-outage.md")).is_none());
    let included = Config::from_toml("include = [\"**/testdata/**\"]\n").unwrap();
    assert!(included.is_runbook(Path::new("testdata/ok.md")));
}

#[test]
fn under_a_title_only_preset_front_matter_missing_asks_for_a_title() {
    let linter = crate::Linter::new(Config::from_toml("preset = \"troubleshooting\"\n").unwrap());
    let messages = |text: &str| {
        let doc = runbook_parse::parse_str("a.md", text, linter.parse_options());
        linter
            .check(&doc, true)
            .diagnostics()
            .iter()
            .filter(|d| d.rule == "front-matter-missing")
            .map(|d| d.message.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        messages("## Steps to check\n\n1. Log in.\n"),
        ["runbook has no title: no front-matter block and no level-1 heading"]
    );
    assert!(messages("## Playbook: Phishing\n\n### Investigate\n\nx\n").is_empty());
    assert!(messages("# Phishing\n\n## Investigate\n\nx\n").is_empty());
    let strict = crate::Linter::new(Config::default());
    let doc = runbook_parse::parse_str("a.md", "# Phishing\n", strict.parse_options());
    assert!(
        strict
            .check(&doc, true)
            .diagnostics()
            .iter()
            .any(|d| d.message == "runbook has no front-matter block")
    );
}

/// The preset tables of `docs/configuration.md`, checked against the data.
#[test]
fn the_documented_preset_tables_match_the_presets() {
    let docs = include_str!("../../../../docs/configuration.md");
    let cells = |line: &str| -> Vec<String> {
        line.trim()
            .trim_matches('|')
            .split('|')
            .map(|c| c.trim().to_owned())
            .collect()
    };
    let presets_row = docs
        .lines()
        .find(|l| l.starts_with("| Rule | `strict`"))
        .unwrap();
    let names: Vec<String> = cells(presets_row)
        .into_iter()
        .skip(1)
        .map(|c| c.trim_matches('`').to_owned())
        .collect();
    let mut checked = 0;
    for line in docs.lines().filter(|l| l.starts_with("| `")) {
        let row = cells(line);
        let ids: Vec<&str> = row[0].split(", ").map(|id| id.trim_matches('`')).collect();
        let Some(rule) = crate::rules::find(ids[0]) else {
            continue;
        };
        if row.len() != names.len() + 1 {
            continue;
        }
        for id in &ids {
            let rule = crate::rules::find(id).unwrap_or(rule);
            for (name, level) in names.iter().zip(row.iter().skip(1)) {
                let config = Config::from_toml(&format!("preset = \"{name}\"\n")).unwrap();
                let expected = match config.level(rule.meta()) {
                    Level::Off => "off",
                    Level::Warning => "warning",
                    Level::Error => "error",
                };
                assert_eq!(level, expected, "{id} under {name}");
                checked += 1;
            }
        }
    }
    assert!(checked >= 40, "only {checked} levels checked");
    for preset in PRESETS {
        let row = docs
            .lines()
            .find(|l| l.starts_with(&format!("| `{}`", preset.name)))
            .unwrap();
        let kinds: Vec<&str> = preset.required_sections.iter().map(|k| k.name()).collect();
        let listed = cells(row)[2].clone();
        let expected = if kinds.is_empty() {
            "none".to_owned()
        } else {
            kinds.join(", ")
        };
        assert_eq!(listed, expected, "{}", preset.name);
    }
}

#[test]
fn severity_levels_are_validated() {
    let c = Config::from_toml("[severity]\nlevels = [\"SEV1\", \"sev2\"]\n").unwrap();
    assert_eq!(c.severity.levels().unwrap(), ["sev1", "sev2"]);
    let e = Config::from_toml("[severity]\nlevels = [\"sev1\", \"Sev1\"]\n").unwrap_err();
    assert_eq!(e.line, 2);
    assert!(e.message.contains("given twice"), "{}", e.message);
    let e = Config::from_toml("[severity]\nlevels = []\n").unwrap_err();
    assert_eq!(e.line, 2);
}

#[test]
fn requirement_conditions_are_checked_against_the_vocabulary() {
    let e = Config::from_toml("[[require]]\nwhen = { severity = \">= hihg\" }\nmin_owners = 2\n")
        .unwrap_err();
    assert_eq!(e.line, 2);
    assert_eq!(e.suggestion.as_deref(), Some("high"));
    assert!(
        e.message.contains("unknown severity `hihg`"),
        "{}",
        e.message
    );
    // Custom levels replace the standard words.
    let e = Config::from_toml(
        "[severity]\nlevels = [\"sev1\", \"sev2\"]\n[[require]]\nwhen = { severity = \"critical\" }\nmin_owners = 2\n",
    )
    .unwrap_err();
    assert_eq!(e.line, 4);
    let e = Config::from_toml("[[require]]\nwhen = { status = \"actve\" }\nmin_owners = 2\n")
        .unwrap_err();
    assert_eq!(e.suggestion.as_deref(), Some("active"));
    let e = Config::from_toml("[[require]]\nsections = [\"rolback\"]\n").unwrap_err();
    assert_eq!(e.line, 2);
    assert_eq!(e.suggestion.as_deref(), Some("rollback"));
    let e = Config::from_toml("[[require]]\nmin_owners = 0\n").unwrap_err();
    assert_eq!(e.line, 2);
    let e = Config::from_toml("[[require]]\nwhen = { paths = [\"a/[\"] }\nkeys = [\"x\"]\n")
        .unwrap_err();
    assert!(e.message.starts_with("invalid glob"), "{}", e.message);
    let e = Config::from_toml("[[require]]\nwhen = { status = \"active\" }\n").unwrap_err();
    assert!(e.message.contains("asks for nothing"), "{}", e.message);
    assert_eq!(e.line, 1);
    let e = Config::from_toml("[[require]]\nwhen = { severty = \"high\" }\n").unwrap_err();
    assert_eq!(e.suggestion.as_deref(), Some("severity"));
}

#[test]
fn requirement_sections_accept_kinds_and_heading_aliases() {
    let c = Config::from_toml(
        "[sections]\naliases = { rollback = [\"Plan B\"] }\n[[require]]\nsections = [\"escalation\", \"Plan B\", \"verification\"]\n",
    )
    .unwrap();
    let kinds: Vec<_> = c.requirements[0].sections.iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        [
            SectionKind::Contacts,
            SectionKind::Rollback,
            SectionKind::Verification
        ]
    );
    let bound = Config::from_toml("[[require]]\nwhen = { severity = \"< P2\" }\nkeys = [\"x\"]\n")
        .unwrap()
        .requirements[0]
        .when
        .severity
        .clone()
        .unwrap();
    assert_eq!(bound.to_string(), "< p2");
    let bound =
        Config::from_toml("[[require]]\nwhen = { severity = \"highest\" }\nkeys = [\"x\"]\n")
            .unwrap()
            .requirements[0]
            .when
            .severity
            .clone()
            .unwrap();
    assert_eq!(bound.to_string(), "highest");
}

#[test]
fn presets_carry_requirements_that_files_replace() {
    let strict = Config::default().requirements();
    assert_eq!(strict.len(), 1);
    assert_eq!(
        strict[0].label(),
        "preset `strict` requirement `highest-severity`"
    );
    assert_eq!(strict[0].min_owners, Some(2));
    assert!(
        Config::from_toml("preset = \"alert\"\n")
            .unwrap()
            .requirements()
            .is_empty()
    );
    let replaced = Config::from_toml(
        "[[require]]\nname = \"highest-severity\"\nwhen = { severity = \"highest\" }\nmin_owners = 3\n[[require]]\nkeys = [\"alerts\"]\n",
    )
    .unwrap()
    .requirements();
    assert_eq!(replaced.len(), 2);
    assert_eq!(replaced[0].min_owners, Some(3));
    assert_eq!(replaced[1].label(), "[[require]] #2");
    let off = Config::from_toml("[[require]]\nname = \"highest-severity\"\n")
        .unwrap()
        .requirements();
    assert!(off.is_empty());
}

#[test]
fn effective_config_prints_requirements_and_the_severity_scale() {
    let c = Config::from_toml(
        "[severity]\nlevels = [\"sev1\", \"sev2\"]\n[[require]]\nname = \"db\"\nwhen = { severity = \">= sev2\", tags = { any = [\"db\"] } }\nsections = [\"rollback\"]\n[destructive]\npatterns = [\"nuke\"]\n",
    )
    .unwrap();
    let text = c.effective().to_toml();
    let printed: toml::Table = toml::from_str(&text).unwrap();
    assert_eq!(printed["severity"]["levels"].as_array().unwrap().len(), 2);
    let require = printed["require"].as_array().unwrap();
    assert_eq!(require.len(), 2, "{text}");
    assert_eq!(require[0]["from"].as_str(), Some("preset strict"));
    assert_eq!(require[0]["when"]["severity"].as_str(), Some("highest"));
    assert_eq!(require[1]["when"]["severity"].as_str(), Some(">= sev2"));
    assert_eq!(require[1]["when"]["tags"]["any"][0].as_str(), Some("db"));
    assert_eq!(printed["destructive"]["patterns"][0].as_str(), Some("nuke"));
}
